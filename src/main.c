// SPDX-License-Identifier: MIT
/*
 * zpcidiag front end: global options, then COMMAND [options] [args].
 * Commands live in src/cmd_*.c and register themselves (cmd.h).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "zpcidiag.h"

static void vmsg(const char *level, const char *fmt, va_list ap)
{
	fprintf(stderr, "%s: %s", ZPCI_PROG, level);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void zpci_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", fmt, ap);
	va_end(ap);
}

void zpci_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

const struct zpci_cmd *zpci_cmd_find(const char *name)
{
	const struct zpci_cmd *c;

	zpci_for_each_cmd(c)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

static void usage_commands(FILE *f)
{
	const struct zpci_cmd *c;

	fprintf(f, "\nCommands:\n");
	zpci_for_each_cmd(c)
		fprintf(f, "  %-10s %-18s %s\n", c->name, c->args ? c->args : "", c->summary);
}

int main(int argc, const char **argv)
{
	static struct zpci_ctx ctx = { .sysfs_root = "/sys", .dev_root = "/dev" };
	int show_version = 0;
	struct poptOption global_opts[] = {
		{ "sysfs-root", 0, POPT_ARG_STRING, &ctx.sysfs_root, 0,
		  "read DIR instead of /sys (fake tree or saved report)", "DIR" },
		{ "json", 'j', POPT_ARG_NONE, &ctx.json, 0, "print JSON (schema in zpcidiag(8))", NULL },
		{ "verbose", 'v', POPT_ARG_NONE, NULL, 'v', "more detail", NULL },
		{ "version", 'V', POPT_ARG_NONE, &show_version, 0, "print the version", NULL },
		POPT_AUTOHELP
		POPT_TABLEEND
	};
	const struct zpci_cmd *cmd;
	poptContext pc;
	const char **rest;
	int rc, nrest;

	pc = poptGetContext(ZPCI_PROG, argc, argv, global_opts, POPT_CONTEXT_POSIXMEHARDER);
	poptSetOtherOptionHelp(pc, "[OPTIONS] COMMAND [COMMAND-OPTIONS] [DEVICE...]");
	while ((rc = poptGetNextOpt(pc)) > 0)
		if (rc == 'v')
			ctx.verbose++;
	if (rc < -1) {
		zpci_err("%s: %s", poptBadOption(pc, POPT_BADOPTION_NOALIAS), poptStrerror(rc));
		poptFreeContext(pc);
		return ZX_USAGE;
	}
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
	cmd = zpci_cmd_find(rest[0]);
	if (!cmd) {
		zpci_err("unknown command '%s'; see '%s --help'", rest[0], ZPCI_PROG);
		poptFreeContext(pc);
		return ZX_USAGE;
	}
	rc = cmd->run(&ctx, nrest, rest);
	poptFreeContext(pc);
	return rc;
}
