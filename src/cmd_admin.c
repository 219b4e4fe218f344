// SPDX-License-Identifier: MIT
/*
 * Administration commands, zpcictl-compatible: reset, reset-fw, deconfigure,
 * report-error, configure, power-off (the work is in action_zpci.c). Each
 * acts on exactly one function, named by any DEVICE selector; configure
 * also takes a standby function (by FID).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "action_zpci.h"
#include "cmd.h"
#include "select.h"

static int opt_force, opt_dry_run;

static struct poptOption admin_options[] = {
	{ "force", 'f', POPT_ARG_NONE, &opt_force, 0,
	  "act even though the function is in use (interface up, vfio device open, namespace mounted)", NULL },
	{ "dry-run", 'n', POPT_ARG_NONE, &opt_dry_run, 0, "say what would be done, change nothing", NULL },
	POPT_TABLEEND
};

static int admin(struct zpci_ctx *ctx, enum zpci_admin_op op, const char *device)
{
	struct zpci_admin_env env = { .ctx = ctx, .force = opt_force, .dry_run = opt_dry_run };
	struct zpci_system sys;
	struct zpci_selector sel;
	struct zpci_fn *fn;
	char err[128];
	int rc;

	if (zpci_selector_parse(device, &sel, err, sizeof(err))) {
		zpci_err("%s: %s", device, err);
		return ZX_USAGE;
	}
	rc = zpci_system_load(ctx, &sys, ZL_SYSFS | ZL_PCICONF);
	if (rc) {
		zpci_system_free(&sys);
		return rc;
	}
	fn = zpci_selector_find(&sys, &sel);
	if (!fn) {
		zpci_err("%s: no such zPCI function", device);
		rc = ZX_NODEV;
	} else {
		env.sys = &sys;
		rc = zpci_admin_run(&env, op, fn);
	}
	zpci_system_free(&sys);
	return rc;
}

#define ADMIN_COMMAND(ident, op, cmdname, text)					\
	static int cmd_##ident(struct zpci_ctx *ctx, int argc __attribute__((unused)),	\
			       const char **argv)						\
	{ return admin(ctx, op, argv[0]); }						\
	ZPCI_COMMAND(ident, .name = cmdname, .summary = text,				\
		     .arg = "DEVICE", .min_args = 1, .max_args = 1,				\
		     .options = admin_options, .run = cmd_##ident)

/* GCC places them in the section last first: listed backwards, --help shows them in order */
ADMIN_COMMAND(power_off, ZA_POWER_OFF, "power-off", "deconfigure a function to standby (slot power off)");
ADMIN_COMMAND(configure, ZA_CONFIGURE, "configure", "configure a standby function (slot power on)");
ADMIN_COMMAND(report_error, ZA_REPORT_ERROR, "report-error",
	      "send an error report with device data to firmware (zpcictl --report-error)");
ADMIN_COMMAND(deconfigure, ZA_DECONFIGURE, "deconfigure",
	      "firmware deconfigure for repair through SCLP (zpcictl --deconfigure)");
ADMIN_COMMAND(reset_fw, ZA_RESET_FW, "reset-fw", "firmware reset through SCLP (zpcictl --reset-fw)");
ADMIN_COMMAND(reset, ZA_RESET, "reset",
	      "report an error to firmware and recover the function (zpcictl --reset)");

/* main's argv until exit; volatile so the store keeping it reachable stays */
static const char **volatile argv_kept;

const char **zpci_zpcictl_argv(int argc, const char **argv)
{
	static const char *const spellings[][2] = {
		{ "--reset", "reset" }, { "--reset-fw", "reset-fw" },
		{ "--deconfigure", "deconfigure" }, { "--report-error", "report-error" },
	};
	const char **out;
	int at = -1, n = 1;

	for (int i = 1; i < argc && at < 0; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		for (size_t j = 0; j < sizeof(spellings) / sizeof(spellings[0]); j++)
			if (strcmp(argv[i], spellings[j][0]) == 0)
				at = i;
	}
	if (at < 0)
		return argv;
	out = calloc((size_t)argc + 1, sizeof(*out));
	if (!out)
		return NULL;
	out[0] = argv[0];
	/* the command first: zpcidiag takes global options after it as well */
	for (size_t j = 0; j < sizeof(spellings) / sizeof(spellings[0]); j++)
		if (strcmp(argv[at], spellings[j][0]) == 0)
			out[n++] = spellings[j][1];
	for (int i = 1; i < argc; i++)
		if (i != at)
			out[n++] = argv[i];
	out[n] = NULL;
	argv_kept = out;
	return out;
}
