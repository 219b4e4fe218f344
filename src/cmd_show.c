// SPDX-License-Identifier: MIT
/* zpcidiag show: everything the model knows about a function, explained. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json_out.h"
#include "print_pnet.h"
#include "print_env.h"
#include "print_function.h"
#include "print_passthrough.h"
#include "select.h"

static int cmd_show(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_sysinfo si;
	struct zpci_pt_scan *pt;
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n;
	int rc;

	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_PCICONF | ZL_CLP | ZL_VFIO | ZL_KDIAG | ZL_KMSG | ZL_PNET,
				  argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	zpci_sysinfo_read(ctx, &si);
	pt = zpci_pt_scan_for(ctx, fns, n);
	if (ctx->json) {
		json_object *doc = zpci_json_doc_new("show", &sys);
		struct zpci_printer dp = zpci_printer_json(doc);

		for (size_t i = 0; i < n; i++) {
			struct zpci_printer fp = zpci_printer_json(json_object_new_object());
			json_object *p;

			zpci_print_function(&fp, &sys, fns[i]);
			p = zpci_pt_json_fn(ctx, &sys, fns[i], pt);
			if (p)
				json_object_object_add(fp.obj, "passthrough", p);
			json_object_array_add(zpci_json_functions(doc), fp.obj);
		}
		zpci_print_env(&dp, &si);
		zpci_print_pnet_table(&dp, &sys);
		rc = zpci_json_print(doc);
	} else {
		struct zpci_printer tp = zpci_printer_text(stdout, 14);

		for (size_t i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			zpci_print_function(&tp, &sys, fns[i]);
			zpci_pt_show_fn(ctx, &sys, fns[i], pt);
		}
		putchar('\n');
		zpci_print_env(&tp, &si);
		zpci_print_pnet_table(&tp, &sys);
	}
	if (!rc)
		rc = zpci_problems_exit(fns, n);
	free(pt);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(show, .name = "show",
	     .arg = "DEVICE", .min_args = 1, .max_args = ZPCI_ARGS_ANY,
	     .summary = "everything known about a function, explained",
	     .run = cmd_show);
