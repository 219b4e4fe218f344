// SPDX-License-Identifier: MIT
/*
 * zpcidiag stats: each function's hardware counters (the function
 * measurement block) as the kernel shows them in debugfs; --enable and
 * --disable switch measurement on or off (an action, action_fmb.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_fmb.h"
#include "cmd.h"
#include "json_out.h"
#include "print_stats.h"
#include "select.h"
#include "source_stats.h"

static int opt_enable, opt_disable, opt_dry_run, opt_prometheus;

static struct poptOption stats_options[] = {
	{ "enable", 0, POPT_ARG_NONE, &opt_enable, 0,
	  "switch measurement on for the named functions (writes 1 to their statistics file)", NULL },
	{ "disable", 0, POPT_ARG_NONE, &opt_disable, 0,
	  "switch measurement off for the named functions (writes 0)", NULL },
	{ "dry-run", 'n', POPT_ARG_NONE, &opt_dry_run, 0,
	  "with --enable or --disable: say what would be written, change nothing", NULL },
	{ "prometheus", 0, POPT_ARG_NONE, &opt_prometheus, 0,
	  "print the counters in Prometheus' text format (node_exporter's textfile collector)", NULL },
	POPT_TABLEEND
};

static int switch_all(struct zpci_ctx *ctx, int argc, struct zpci_fn **fns,
		      const struct zpci_fmb *st, size_t n)
{
	int rc = ZX_OK;

	if (!argc) {
		zpci_err("stats %s: name the functions to change (DEVICE...)",
			 opt_enable ? "--enable" : "--disable");
		return ZX_USAGE;
	}
	for (size_t i = 0; i < n; i++) {
		int r = zpci_fmb_switch(ctx, fns[i], &st[i], opt_enable, opt_dry_run);

		if (r == ZX_USAGE)
			return r;
		if (r && !rc)
			rc = r;
	}
	return rc;
}

static int show(struct zpci_ctx *ctx, struct zpci_system *sys, struct zpci_fn **fns,
		const struct zpci_fmb *st, size_t n)
{
	json_object *doc;

	if (opt_prometheus)
		return zpci_stats_prometheus(stdout, fns, st, n);
	if (!ctx->json)
		return zpci_stats_table(ctx, fns, st, n);
	doc = zpci_json_doc_new("stats", sys);
	for (size_t i = 0; i < n; i++) {
		json_object *o = zpci_json_fn(fns[i]);

		json_object_object_add(o, "stats", zpci_stats_json(&st[i]));
		json_object_array_add(zpci_json_functions(doc), o);
	}
	return zpci_json_print(doc);
}

static int cmd_stats(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fmb *st;
	struct zpci_fn **fns;
	size_t n;
	int rc;

	if (opt_enable && opt_disable) {
		zpci_err("stats: --enable and --disable exclude each other");
		return ZX_USAGE;
	}
	if (opt_dry_run && !opt_enable && !opt_disable) {
		zpci_err("stats: --dry-run goes with --enable or --disable");
		return ZX_USAGE;
	}
	rc = zpci_load_and_select(ctx, ZL_SYSFS, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	st = calloc(n ? n : 1, sizeof(*st));
	if (!st) {
		rc = ZX_INTERNAL;
	} else {
		zpci_stats_fill(ctx, fns, n, st);
		rc = opt_enable || opt_disable ? switch_all(ctx, argc, fns, st, n) :
						 show(ctx, &sys, fns, st, n);
	}
	/* a file that is not what the kernel writes: exit 4, as for sysfs attributes */
	for (size_t i = 0; st && !rc && i < n; i++)
		if (st[i].state == ZPCI_FMB_MALFORMED) {
			zpci_err("%s: statistics: %s", fns[i]->address, st[i].why);
			rc = ZX_DATA;
		}
	free(st);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(stats, .name = "stats",
	     .arg = "DEVICE", .min_args = 0, .max_args = ZPCI_ARGS_ANY,
	     .summary = "hardware counters of each function (measurement block); --enable/--disable",
	     .options = stats_options, .run = cmd_stats);
