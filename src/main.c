// SPDX-License-Identifier: MIT
/*
 * zpcidiag front end: global options, then COMMAND [options] [args].
 * Commands live in src/cmd_*.c and register themselves (cmd.h). The hidden
 * "__complete" entry point prints names from the same tables for the bash
 * completion, so completion follows the option tables by construction.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "cmd.h"
#include "json_out.h"
#include "model.h"
#include "msg.h"
#include "report_saved.h"
#include "select.h"
#include "sources.h"
#include "sysaccess.h"
#include "zpcidiag.h"

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

const struct zpci_cmd *zpci_cmd_find(const char *parent, const char *name)
{
	const struct zpci_cmd *c;

	zpci_for_each_cmd(c)
		if (same(c->parent, parent) && strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

const char *zpci_cmd_fullname(const struct zpci_cmd *c, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s%s", c->parent ? c->parent : "", c->parent ? " " : "", c->name);
	return buf;
}

const char *zpci_cmd_synopsis(const struct zpci_cmd *c, char *buf, size_t len)
{
	const char *arg = c->arg ? c->arg : "";

	if (!c->run)
		snprintf(buf, len, "SUBCOMMAND");
	else if (c->max_args == 0)
		snprintf(buf, len, "%s", "");
	else
		snprintf(buf, len, "%s%s%s%s", c->min_args ? "" : "[", arg,
			 c->max_args > 1 ? "..." : "", c->min_args ? "" : "]");
	return buf;
}

/* The declared argument count, said the same way for every command. */
static int check_arg_count(const struct zpci_cmd *c, int nargs)
{
	char name[64], syn[64];

	if (nargs >= c->min_args && nargs <= c->max_args)
		return ZX_OK;
	zpci_cmd_fullname(c, name, sizeof(name));
	zpci_cmd_synopsis(c, syn, sizeof(syn));
	if (c->max_args == 0)
		zpci_err("%s: takes no arguments", name);
	else if (c->min_args == 1 && c->max_args == 1)
		zpci_err("%s: exactly one %s expected ('%s %s %s')", name, c->arg, ZPCI_PROG, name, syn);
	else if (nargs < c->min_args)
		zpci_err("%s: give a %s, or more ('%s %s %s')", name, c->arg, ZPCI_PROG, name, syn);
	else
		zpci_err("%s: at most %d %s arguments ('%s %s %s')", name, c->max_args, c->arg,
			 ZPCI_PROG, name, syn);
	return c->usage_exit ? c->usage_exit : ZX_USAGE;
}

static struct zpci_ctx ctx = { .sysfs_root = "/sys", .dev_root = "/dev" };
static int show_version;
static char type_words[256];

/* Global options; also accepted after the command name. */
static struct poptOption global_opts[] = {
	{ "sysfs-root", 0, POPT_ARG_STRING, &ctx.sysfs_root, 0,
	  "read DIR instead of /sys (fake tree or saved report)", "DIR" },
	{ "report", 0, POPT_ARG_STRING, &ctx.report_file, 0,
	  "read a report written by 'zpcidiag report' instead of this system", "FILE" },
	/* POPT_ARG_NONE stores an int: into a bool it is lost on big-endian s390x */
	{ "json", 'j', POPT_ARG_NONE, NULL, 'j', "print JSON (schema in zpcidiag(8))", NULL },
	{ "type", 't', POPT_ARG_STRING, NULL, 't',
	  "only functions of these types (repeat or comma-separate): ism, roce (RoCE Express "
	  "and Express2/3), roce2, nvme, neth, cnw, netd, unclassified, or a PFT number", "TYPE" },
	{ "device", 'd', POPT_ARG_STRING, &ctx.id_filter, 0,
	  "only functions with these IDs, as lspci -d: [VENDOR]:[DEVICE][:CLASS[:PROGIF]]",
	  "VENDOR:DEVICE" },
	{ "slot", 's', POPT_ARG_STRING, &ctx.slot_filter, 0,
	  "only functions at this address, as lspci -s: [[[[DOMAIN]:]BUS]:][DEV][.[FUNC]], * for any",
	  "SLOT" },
	{ "output", 'o', POPT_ARG_STRING, &ctx.columns, 0,
	  "table columns to print, comma-separated (names as in the header)", "COLUMN,..." },
	{ "noheadings", 0, POPT_ARG_NONE, &ctx.noheadings, 0, "print tables without the header line",
	  NULL },
	{ "numeric", 'n', POPT_ARG_NONE, &ctx.numeric, 0,
	  "numbers only: no vendor and device names from pci.ids", NULL },
	{ "pci-ids", 0, POPT_ARG_STRING, &ctx.pci_ids, 0,
	  "read vendor and device names from FILE instead of the system's pci.ids", "FILE" },
	{ "verbose", 'v', POPT_ARG_NONE, NULL, 'v', "more detail", NULL },
	{ "version", 'V', POPT_ARG_NONE, &show_version, 0, "print the version", NULL },
	POPT_TABLEEND
};

/* Options every parse loop handles the same way; ZX_OK or an exit code. */
static int common_option(poptContext pc, int rc)
{
	if (rc == 'v')
		ctx.verbose++;
	if (rc == 'j')
		ctx.json = true;
	if (rc == 't') {
		char *arg = poptGetOptArg(pc);
		int trc = arg ? zpci_type_filter_add(&ctx, arg) : ZX_USAGE;

		if (arg && trc == ZX_OK) {
			size_t len = strlen(type_words);

			snprintf(type_words + len, sizeof(type_words) - len, "%s%s", len ? "," : "", arg);
			ctx.type_filter = type_words;
		}
		free(arg);
		return trc;
	}
	return ZX_OK;
}

static void usage_command(FILE *f, const struct zpci_cmd *c)
{
	char name[64], syn[64];

	fprintf(f, "  %-13s %-12s %s\n", zpci_cmd_fullname(c, name, sizeof(name)),
		zpci_cmd_synopsis(c, syn, sizeof(syn)), c->summary);
}

/* Subcommands stand where their section is, in the order the table has them. */
static void usage_commands(FILE *f)
{
	const struct zpci_cmd *c, *sub;

	fprintf(f, "\nCommands:\n");
	zpci_for_each_cmd(c) {
		if (c->parent)
			continue;
		if (c->run)
			usage_command(f, c);
		zpci_for_each_cmd(sub)
			if (same(sub->parent, c->name))
				usage_command(f, sub);
	}
	fprintf(f, "\nDEVICE: [dddd:]bb:dd.f, 0xFID, fid:FID, uid:UID, interface name, /dev/nvmeN\n"
		   "Tables: '-' absent (no such file on this kernel), '?' malformed or unreadable.\n"
		   "'%s COMMAND --help' shows a command's options.\n", ZPCI_PROG);
}

static void print_long_options(const struct poptOption *t)
{
	for (; t && (t->longName || t->shortName || t->arg); t++) {
		if ((t->argInfo & POPT_ARG_MASK) == POPT_ARG_INCLUDE_TABLE) {
			print_long_options(t->arg);
			continue;
		}
		if (t->argInfo & POPT_ARGFLAG_DOC_HIDDEN)
			continue;
		if (t->longName)
			printf("--%s\n", t->longName);
	}
}

/* Options that take a value, so the completion knows not to offer devices next. */
static void print_value_options(const struct poptOption *t)
{
	for (; t && (t->longName || t->shortName || t->arg); t++) {
		unsigned int kind = t->argInfo & POPT_ARG_MASK;

		if (kind == POPT_ARG_INCLUDE_TABLE) {
			print_value_options(t->arg);
			continue;
		}
		if (kind == POPT_ARG_NONE || kind == POPT_ARG_VAL)
			continue;
		if (t->longName)
			printf("--%s\n", t->longName);
		if (t->shortName)
			printf("-%c\n", t->shortName);
	}
}

/*
 * zpcidiag [--sysfs-root DIR] __complete commands
 *                                     options [COMMAND [SUBCOMMAND]]   long options
 *                                     value-options [COMMAND [SUBCOMMAND]]
 *                                     subcommands COMMAND the subcommands of a section
 *                                     synopsis COMMAND [SUBCOMMAND]  positional arguments
 *                                     devices             selectors of present functions
 *                                     types               --type values
 * A word after COMMAND that is no subcommand (a device already typed) is
 * ignored, so the completion can pass the word it saw second unchecked.
 */
static int complete(int argc, const char **argv)
{
	const struct zpci_cmd *c = NULL, *sub;
	const char *what = argc > 1 ? argv[1] : "";

	if (argc > 2) {
		c = zpci_cmd_find(NULL, argv[2]);
		if (!c)
			return ZX_USAGE;
		sub = argc > 3 ? zpci_cmd_find(c->name, argv[3]) : NULL;
		if (sub)
			c = sub;
	}
	if (strcmp(what, "commands") == 0) {
		zpci_for_each_cmd(c)
			if (!c->parent)
				printf("%s\n", c->name);
	} else if (strcmp(what, "options") == 0) {
		print_long_options(global_opts);
		printf("--help\n--usage\n");
		if (c)
			print_long_options(c->options);
	} else if (strcmp(what, "value-options") == 0) {
		print_value_options(global_opts);
		if (c)
			print_value_options(c->options);
	} else if (strcmp(what, "subcommands") == 0) {
		zpci_for_each_cmd(sub)
			if (c && !c->parent && same(sub->parent, c->name))
				printf("%s\n", sub->name);
	} else if (strcmp(what, "synopsis") == 0) {
		char syn[64];

		if (!c)
			return ZX_USAGE;
		printf("%s\n", zpci_cmd_synopsis(c, syn, sizeof(syn)));
	} else if (strcmp(what, "types") == 0) {
		static const unsigned int pfts[] = { 0x00, 0x02, 0x05, 0x0a, 0x0b, 0x0c, 0x0d, 0x0f };

		for (size_t i = 0; i < sizeof(pfts) / sizeof(pfts[0]); i++)
			printf("%s\n", zpci_pft_short(pfts[i]));
	} else if (strcmp(what, "devices") == 0) {
		struct zpci_system sys = { 0 };

		/* sysfs only: completion must be quick and never touch config space */
		if (zpci_sysfs_scan(&ctx, &sys, NULL) == ZX_OK) {
			for (size_t i = 0; i < sys.nfns; i++) {
				const struct zpci_fn *fn = &sys.fns[i];

				if (fn->address[0])
					printf("%s\n", fn->address);
				if (fn->fid_known)
					printf("fid:0x%x\n", fn->fid);
				if (zv_ok(fn->zattr.uid))
					printf("uid:0x%llx\n", (unsigned long long)fn->zattr.uid.v);
				for (int j = 0; j < 4 && fn->pci.netdevs[j][0]; j++)
					printf("%s\n", fn->pci.netdevs[j]);
				for (int j = 0; j < 4 && fn->pci.blockdevs[j][0]; j++)
					printf("/dev/%s\n", fn->pci.blockdevs[j]);
				for (int j = 0; j < 4 && fn->pci.ibdevs[j][0]; j++)
					printf("%s\n", fn->pci.ibdevs[j]);
			}
		}
		zpci_system_free(&sys);
	} else {
		return ZX_USAGE;
	}
	return ZX_OK;
}

/* --report: the sources read the unpacked report like a fake root. */
static int open_report(void)
{
	if (!ctx.report_file || ctx.report_root)
		return ZX_OK;
	if (strcmp(ctx.sysfs_root, "/sys") != 0) {
		zpci_err("--report and --sysfs-root name two different systems; use one");
		return ZX_USAGE;
	}
	return zpci_report_open(&ctx);
}

static int parse_error(poptContext pc, int rc)
{
	zpci_err("%s: %s", poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
	poptFreeContext(pc);
	return ZX_USAGE;
}

static bool short_used(const struct poptOption *t, char c)
{
	for (; t && (t->longName || t->shortName || t->arg); t++)
		if (t->shortName == c)
			return true;
	return false;
}

/* --sysfs-root must name an existing directory: an empty or mistyped root
 * would otherwise read '/' or look like a machine without functions. */
static int check_root(void)
{
	struct stat st;

	if (!ctx.sysfs_root[0]) {
		zpci_err("--sysfs-root: empty directory name");
		return ZX_USAGE;
	}
	if (stat(ctx.sysfs_root, &st) < 0) {
		zpci_err("--sysfs-root %s: %s", ctx.sysfs_root, strerror(errno));
		return ZX_USAGE;
	}
	if (!S_ISDIR(st.st_mode)) {
		zpci_err("--sysfs-root %s: not a directory", ctx.sysfs_root);
		return ZX_USAGE;
	}
	if (strcmp(ctx.sysfs_root, "/sys") != 0)
		ctx.offline = true;
	zpci_sys_set_root(ctx.sysfs_root);
	return ZX_OK;
}

static void usage_subcommands(FILE *f, const struct zpci_cmd *section)
{
	const struct zpci_cmd *sub;

	fprintf(f, "\nSubcommands:\n");
	zpci_for_each_cmd(sub)
		if (same(sub->parent, section->name))
			usage_command(f, sub);
	fprintf(f, "\n'%s %s SUBCOMMAND --help' shows a subcommand's options.\n", ZPCI_PROG,
		section->name);
}

/* A section run without one of its subcommands right after its name. */
static int no_subcommand(const struct zpci_cmd *section, const char *word)
{
	const struct zpci_cmd *sub;
	char names[128] = "";
	size_t len = 0;

	zpci_for_each_cmd(sub)
		if (same(sub->parent, section->name) && len < sizeof(names))
			len += (size_t)snprintf(names + len, sizeof(names) - len, "%s%s",
						len ? ", " : "", sub->name);
	if (word)
		zpci_err("%s: unknown subcommand '%s'; one of: %s (see '%s %s --help')",
			 section->name, word, names, ZPCI_PROG, section->name);
	else
		zpci_err("%s: name a subcommand right after '%s': %s (see '%s %s --help')",
			 section->name, section->name, names, ZPCI_PROG, section->name);
	return section->usage_exit ? section->usage_exit : ZX_USAGE;
}

static int run_command(const struct zpci_cmd *cmd, int argc, const char **argv)
{
	struct poptOption globals[sizeof(global_opts) / sizeof(global_opts[0])];
	struct poptOption table[] = {
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, (void *)cmd->options, 0, "Command options:", NULL },
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, globals, 0, "Global options:", NULL },
		{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help", NULL },
		{ "usage", 0, POPT_ARG_NONE, NULL, 'u', "show a short usage message", NULL },
		POPT_TABLEEND
	};
	char name[64], full[64], syn[64], other[128];
	const char **args, **cargv;
	int nargs, rc;
	poptContext pc;

	/* a command's own short option wins (bind -d DRIVER): the global one
	 * keeps only its long name there, so help never lists a letter twice */
	memcpy(globals, global_opts, sizeof(globals));
	for (size_t i = 0; globals[i].longName; i++)
		if (globals[i].shortName && short_used(cmd->options, globals[i].shortName))
			globals[i].shortName = '\0';
	/* no empty "Command options:" section for commands without options */
	if (!cmd->options)
		memmove(&table[0], &table[1], sizeof(table) - sizeof(table[0]));
	/* popt's usage line names argv[0]: make it "zpcidiag COMMAND [SUBCOMMAND]" */
	snprintf(name, sizeof(name), "%s %s", ZPCI_PROG, zpci_cmd_fullname(cmd, full, sizeof(full)));
	cargv = calloc((size_t)argc + 1, sizeof(*cargv));
	if (!cargv)
		return ZX_INTERNAL;
	memcpy(cargv, argv, (size_t)argc * sizeof(*cargv));
	cargv[0] = name;
	snprintf(other, sizeof(other), "[OPTIONS] %s", zpci_cmd_synopsis(cmd, syn, sizeof(syn)));
	pc = poptGetContext(name, argc, cargv, table, 0);
	poptSetOtherOptionHelp(pc, other);
	while ((rc = poptGetNextOpt(pc)) > 0) {
		if (rc == 'h' || rc == 'u') {
			if (rc == 'h')
				poptPrintHelp(pc, stdout, 0);
			else
				poptPrintUsage(pc, stdout, 0);
			if (rc == 'h' && !cmd->run)
				usage_subcommands(stdout, cmd);
			poptFreeContext(pc);
			free(cargv);
			return ZX_OK;
		}
		if (common_option(pc, rc)) {
			poptFreeContext(pc);
			free(cargv);
			return cmd->usage_exit ? cmd->usage_exit : ZX_USAGE;
		}
	}
	if (rc < -1) {
		parse_error(pc, rc);
		free(cargv);
		return cmd->usage_exit ? cmd->usage_exit : ZX_USAGE;
	}
	rc = check_root();
	if (rc) {
		poptFreeContext(pc);
		free(cargv);
		return rc == ZX_USAGE && cmd->usage_exit ? cmd->usage_exit : rc;
	}
	rc = open_report();
	if (rc) {
		poptFreeContext(pc);
		free(cargv);
		return rc;
	}
	args = poptGetArgs(pc);
	for (nargs = 0; args && args[nargs]; nargs++)
		;
	if (!cmd->run)
		rc = no_subcommand(cmd, nargs ? args[0] : NULL);
	else
		rc = check_arg_count(cmd, nargs);
	if (rc == ZX_OK)
		rc = cmd->run(&ctx, nargs, nargs ? args : NULL);
	poptFreeContext(pc);
	free(cargv);
	return rc;
}

/*
 * What every run ends with: text on standard output that could not be
 * written is a failure (a full disk, a closed pipe), and with --json a
 * failing command still prints one document saying why.
 */
static int finish(const char *command, int rc)
{
	if (ctx.verbose >= 2)
		zpci_warn("sysfs: read %lu files under %s", zpci_files_opened(), ctx.sysfs_root);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		zpci_err("writing to standard output: %s", strerror(errno ? errno : EIO));
		return ZX_IO;
	}
	if (ctx.json && rc != ZX_OK && !zpci_json_printed()) {
		const char *msgs[ZPCI_MSG_MAX_ERRORS];
		size_t n = zpci_msg_errors(msgs, ZPCI_MSG_MAX_ERRORS);

		if (zpci_json_print_error(command, rc, msgs, n) == ZX_IO)
			return ZX_IO;
	}
	return rc;
}

/* finish() for a command with its own output contract (cmd.h: conclude) */
static int conclude(const struct zpci_cmd *cmd, int rc)
{
	bool out_ok = fflush(stdout) == 0 && !ferror(stdout);
	const char *first = NULL;

	if (!out_ok)
		zpci_err("writing to standard output: %s", strerror(errno ? errno : EIO));
	zpci_msg_errors(&first, 1);
	return cmd->conclude(&ctx, rc, first, out_ok);
}

int main(int argc, const char **argv)
{
	struct poptOption table[] = {
		{ NULL, 0, POPT_ARG_INCLUDE_TABLE, global_opts, 0, "Global options:", NULL },
		{ "help", 'h', POPT_ARG_NONE, NULL, 'h', "show this help and the commands", NULL },
		{ "usage", 0, POPT_ARG_NONE, NULL, 'u', "show a short usage message", NULL },
		POPT_TABLEEND
	};
	const struct zpci_cmd *cmd, *sub;
	poptContext pc;
	const char **rest;
	int rc, nrest;

	argv = zpci_zpcictl_argv(argc, argv);
	if (!argv)
		return ZX_INTERNAL;
	pc = poptGetContext(ZPCI_PROG, argc, argv, table, POPT_CONTEXT_POSIXMEHARDER);
	poptSetOtherOptionHelp(pc, "[OPTIONS] COMMAND [COMMAND-OPTIONS] [DEVICE...]");
	while ((rc = poptGetNextOpt(pc)) > 0) {
		if (common_option(pc, rc)) {
			poptFreeContext(pc);
			return finish("", ZX_USAGE);
		}
		if (rc == 'h' || rc == 'u') {
			if (rc == 'h')
				poptPrintHelp(pc, stdout, 0);
			else
				poptPrintUsage(pc, stdout, 0);
			usage_commands(stdout);
			poptFreeContext(pc);
			return ZX_OK;
		}
	}
	if (rc < -1)
		return finish("", parse_error(pc, rc));
	if (show_version) {
		printf("%s %s\n", ZPCI_PROG, PACKAGE_VERSION);
		poptFreeContext(pc);
		return ZX_OK;
	}
	rest = poptGetArgs(pc);
	for (nrest = 0; rest && rest[nrest]; nrest++)
		;
	if (nrest == 0) {
		poptPrintUsage(pc, stderr, 0);
		usage_commands(stderr);
		poptFreeContext(pc);
		return ZX_USAGE;
	}
	if (strcmp(rest[0], "__complete") == 0) {
		rc = open_report();
		if (rc == ZX_OK)
			rc = complete(nrest, rest);
		poptFreeContext(pc);
		return rc;
	}
	if (strcmp(rest[0], "help") == 0) {
		poptPrintHelp(pc, stdout, 0);
		usage_commands(stdout);
		poptFreeContext(pc);
		return ZX_OK;
	}
	cmd = zpci_cmd_find(NULL, rest[0]);
	if (!cmd) {
		zpci_err("unknown command '%s'; see '%s --help'", rest[0], ZPCI_PROG);
		poptFreeContext(pc);
		return finish("", ZX_USAGE);
	}
	/* a section's subcommand follows its name directly ("clp list") */
	sub = !cmd->run && nrest > 1 ? zpci_cmd_find(cmd->name, rest[1]) : NULL;
	if (sub)
		rc = run_command(sub, nrest - 1, rest + 1);
	else
		rc = run_command(cmd, nrest, rest);
	poptFreeContext(pc);
	if (sub ? sub->conclude : cmd->conclude)
		return conclude(sub ? sub : cmd, rc);
	return finish(cmd->name, rc);
}
