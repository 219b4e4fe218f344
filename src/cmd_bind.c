// SPDX-License-Identifier: MIT
/*
 * zpcidiag bind / unbind: move a function to a vfio driver (the zPCI I/O
 * variant driver by default) and back to the driver it had. The sysfs
 * writes are in action_sysfs.c; this file resolves the device and reports.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_sysfs.h"
#include "cmd.h"
#include "json_out.h"
#include "model.h"
#include "select.h"

static const char *opt_driver = ZPCI_DRIVER_ZPCI_VFIO;
static const char *opt_run_dir;
static int opt_force;

static const struct poptOption bind_options[] = {
	{ "driver", 'd', POPT_ARG_STRING, &opt_driver, 0,
	  "zpci_vfio_pci (default: one PCISTB per pwrite on its BAR regions) or vfio-pci", "DRIVER" },
	{ "force", 'f', POPT_ARG_NONE, &opt_force, 0,
	  "bind even though a network interface of the function is up", NULL },
	{ "run-dir", 0, POPT_ARG_STRING, &opt_run_dir, 0,
	  "where the previous driver is remembered (default /run/zpcidiag)", "DIR" },
	POPT_TABLEEND
};

static const struct poptOption unbind_options[] = {
	{ "run-dir", 0, POPT_ARG_STRING, &opt_run_dir, 0,
	  "where bind remembered the previous driver (default /run/zpcidiag)", "DIR" },
	POPT_TABLEEND
};

static json_object *names_array(const char list[4][32], int n)
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(list[i]));
	return a;
}

static int report(const struct zpci_ctx *ctx, const char *command, const struct zpci_fn *fn,
		  const struct zpci_bind_result *res)
{
	if (ctx->json) {
		json_object *doc = json_object_new_object();

		json_object_object_add(doc, "schema_version",
				       json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
		json_object_object_add(doc, "command", json_object_new_string(command));
		json_object_object_add(doc, "device", json_object_new_string(fn->address));
		struct zv fidv = zpci_fn_fid_zv(fn);

		json_object_object_add(doc, "fid", zpci_json_zv(&fidv));
		json_object_object_add(doc, "driver", zpci_json_str(res->driver));
		json_object_object_add(doc, "previous_driver", zpci_json_str(res->previous_driver));
		json_object_object_add(doc, "changed", json_object_new_boolean(res->changed));
		json_object_object_add(doc, "state_restored",
				       json_object_new_boolean(res->state_restored));
		json_object_object_add(doc, "modules_loaded",
				       names_array(res->modules_loaded, res->nmodules_loaded));
		json_object_object_add(doc, "netdevs_up",
				       names_array(res->netdevs_up, res->nnetdevs_up));
		json_object_object_add(doc, "warning", zpci_json_str(res->warning));
		return zpci_json_print(doc);
	}
	if (res->warning[0])
		zpci_warn("%s: %s", fn->address, res->warning);
	if (!res->changed) {
		printf("%s: %s %s (nothing to do)\n", fn->address,
		       *res->driver ? "already bound to" : "no driver,",
		       *res->driver ? res->driver : "not bound by zpcidiag");
		return ZX_OK;
	}
	printf("%s: %s %s (was %s", fn->address,
	       *res->driver ? "now bound to" : "left without a driver", res->driver,
	       *res->previous_driver ? res->previous_driver : "no driver");
	for (int i = 0; i < res->nmodules_loaded; i++)
		printf("%s%s", i ? ", " : "; loaded ", res->modules_loaded[i]);
	printf(")\n");
	return ZX_OK;
}

static int run(struct zpci_ctx *ctx, const char *device, bool bind)
{
	const char *command = bind ? "bind" : "unbind";
	struct zpci_action_env env = {
		.ctx = ctx,
		.run_dir = opt_run_dir ? opt_run_dir : zpci_action_default_run_dir(),
		.modprobe = "modprobe",
		.force = opt_force,
	};
	struct zpci_bind_result res;
	struct zpci_system sys;
	struct zpci_fn *fn;
	int rc;

	rc = zpci_load_and_select_one(ctx, ZL_SYSFS, command, device, &sys, &fn);
	if (rc)
		return rc;
	rc = bind ? zpci_action_bind(&env, fn->address, opt_driver, &res)
		  : zpci_action_unbind(&env, fn->address, &res);
	if (rc == ZX_OK)
		rc = report(ctx, command, fn, &res);
	zpci_system_free(&sys);
	return rc;
}

/* one DEVICE: the command table declares it */
static int cmd_bind(struct zpci_ctx *ctx, int argc __attribute__((unused)), const char **argv)
{
	return run(ctx, argv[0], true);
}

static int cmd_unbind(struct zpci_ctx *ctx, int argc __attribute__((unused)), const char **argv)
{
	return run(ctx, argv[0], false);
}

ZPCI_COMMAND(bind, .name = "bind", .arg = "DEVICE", .min_args = 1, .max_args = 1,
	     .summary = "bind a function to zpci_vfio_pci (or vfio-pci) via driver_override",
	     .options = bind_options, .run = cmd_bind);
ZPCI_COMMAND(unbind, .name = "unbind", .arg = "DEVICE", .min_args = 1, .max_args = 1,
	     .summary = "give a function back to the driver it had before bind",
	     .options = unbind_options, .run = cmd_unbind);
