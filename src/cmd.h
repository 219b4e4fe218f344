/* SPDX-License-Identifier: MIT */
/*
 * Command registration. Each command file registers itself next to its
 * handler with ZPCI_COMMAND(); main.c, --help and the completion helper all
 * read the same table, so they cannot disagree (the iw pattern).
 */
#ifndef ZPCIDIAG_CMD_H
#define ZPCIDIAG_CMD_H

#include <popt.h>
#include "zpcidiag.h"

struct zpci_cmd {
	const char *name;
	const char *args;		/* synopsis of positional arguments, e.g. "[DEVICE...]" */
	const char *summary;		/* one line for the command list */
	const struct poptOption *options; /* command options, POPT_TABLEEND terminated, or NULL */
	const char *const *subcommands;	/* words the first argument must be, NULL terminated, or NULL */
	int usage_exit;			/* exit code for a bad command line; 0: ZX_USAGE */
	/* argv holds the positional arguments left after option parsing */
	int (*run)(struct zpci_ctx *ctx, int argc, const char **argv);
};

#define ZPCI_COMMAND(ident, ...)						\
	static const struct zpci_cmd zpci_cmd_##ident				\
	__attribute__((used, section("zpci_cmds"), aligned(sizeof(void *)))) =	\
	{ __VA_ARGS__ }

extern const struct zpci_cmd __start_zpci_cmds[];
extern const struct zpci_cmd __stop_zpci_cmds[];

#define zpci_for_each_cmd(c) \
	for ((c) = __start_zpci_cmds; (c) < __stop_zpci_cmds; (c)++)

const struct zpci_cmd *zpci_cmd_find(const char *name);
/* true when word is one of the NULL-terminated list */
bool zpci_word_in(const char *const *list, const char *word);

/* cmd_admin.c: zpcictl's spellings ("--reset DEVICE") rewritten to commands
 * ("reset DEVICE"); argv itself when there is none. NULL: out of memory. */
const char **zpci_zpcictl_argv(int argc, const char **argv);

#endif
