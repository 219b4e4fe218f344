/* SPDX-License-Identifier: MIT */
/*
 * Command registration. Each command file registers itself next to its
 * handler with ZPCI_COMMAND(); main.c, --help and the completion helper all
 * read the same table, so they cannot disagree (the iw pattern).
 */
#ifndef ZPCIDIAG_CMD_H
#define ZPCIDIAG_CMD_H

#include <limits.h>
#include <stddef.h>

#include <popt.h>
#include "load.h"
#include "zpcidiag.h"

/*
 * A command, or a section of subcommands (iw's SECTION/COMMAND): a section
 * has no run() and its subcommands name it as .parent ("clp" and "clp list").
 * The positional arguments are declared, not checked by each command: main.c
 * refuses a count outside min_args..max_args, and the synopsis in --help is
 * built from the same fields.
 */
#define ZPCI_ARGS_ANY	INT_MAX

struct zpci_cmd {
	const char *name;
	const char *parent;		/* the section's name for a subcommand, else NULL */
	const char *arg;		/* what a positional argument is, e.g. "DEVICE" */
	int min_args, max_args;		/* how many of them; max ZPCI_ARGS_ANY: no limit */
	const char *summary;		/* one line for the command list */
	const struct poptOption *options; /* command options, POPT_TABLEEND terminated, or NULL */
	int usage_exit;			/* exit code for a bad command line; 0: ZX_USAGE */
	/* argv holds the positional arguments left after option parsing; NULL for a section */
	int (*run)(struct zpci_ctx *ctx, int argc, const char **argv);
	/* A command whose output contract holds whatever happens (check: one
	 * plugin line or document, exit 0-3): called with every outcome, from
	 * before run too (a bad report, a bad option), with the first error
	 * message (or NULL) and whether standard output could be written; it
	 * prints what run did not and returns the exit code. NULL: main's rules. */
	int (*conclude)(struct zpci_ctx *ctx, int rc, const char *why, bool stdout_ok);
};

#define ZPCI_COMMAND(ident, ...)						\
	static const struct zpci_cmd zpci_cmd_##ident				\
	__attribute__((used, section("zpci_cmds"), aligned(sizeof(void *)))) =	\
	{ __VA_ARGS__ }

extern const struct zpci_cmd __start_zpci_cmds[];
extern const struct zpci_cmd __stop_zpci_cmds[];

#define zpci_for_each_cmd(c) \
	for ((c) = __start_zpci_cmds; (c) < __stop_zpci_cmds; (c)++)

/* the command or section called name (parent NULL), or the subcommand name of parent */
const struct zpci_cmd *zpci_cmd_find(const char *parent, const char *name);
/* "clp list" for a subcommand, the name otherwise */
const char *zpci_cmd_fullname(const struct zpci_cmd *c, char *buf, size_t len);
/* the positional part of the synopsis: "DEVICE", "[DEVICE...]", "SUBCOMMAND" */
const char *zpci_cmd_synopsis(const struct zpci_cmd *c, char *buf, size_t len);

/* cmd_admin.c: zpcictl's spellings ("--reset DEVICE") rewritten to commands
 * ("reset DEVICE"); argv itself when there is none. NULL: out of memory. */
const char **zpci_zpcictl_argv(int argc, const char **argv);

#endif
