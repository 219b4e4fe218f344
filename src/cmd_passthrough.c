// SPDX-License-Identifier: MIT
/*
 * zpcidiag passthrough [DEVICE...]: the KVM host's view of each vfio-bound
 * function (holder process, guest, guest-visible UID/FID, interpretation,
 * IOMMU domain, relaxed translation); --libvirt prints the <hostdev> to paste
 * into a libvirt domain.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "json_out.h"
#include "print_passthrough.h"
#include "select.h"
#include "sysaccess.h"

static int opt_libvirt;

static struct poptOption pt_options[] = {
	{ "libvirt", 0, POPT_ARG_NONE, &opt_libvirt, 0,
	  "print libvirt's <hostdev> element for each named function", NULL },
	POPT_TABLEEND
};

static int cmd_passthrough(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_pt_scan *scan = malloc(sizeof(*scan));
	struct zpci_system sys;
	struct zpci_fn **fns;
	json_object *doc = NULL;
	size_t n, shown = 0;
	int rc;

	if (!scan)
		return ZX_INTERNAL;
	if (opt_libvirt && !argc) {
		free(scan);
		zpci_err("passthrough --libvirt: name the functions (DEVICE...)");
		return ZX_USAGE;
	}
	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_CLP, argc, argv, &sys, &fns, &n);
	if (rc) {
		free(scan);
		return rc;
	}
	zpci_pt_scan(ctx, scan);
	if (ctx->json && !opt_libvirt)
		doc = zpci_json_doc_new("passthrough", &sys);
	for (size_t i = 0; i < n; i++) {
		struct zpci_pt_view v;

		if (!fns[i]->address[0] || (!argc && !zpci_driver_is_vfio(fns[i]->pci.driver)))
			continue;
		zpci_pt_view(ctx, &sys, fns[i], scan, &v);
		if (opt_libvirt) {
			zpci_pt_libvirt(stdout, fns[i], &v);
		} else if (doc) {
			json_object *o = zpci_json_fn(fns[i]);

			json_object_object_add(o, "passthrough", zpci_pt_json(scan, &v));
			json_object_array_add(zpci_json_functions(doc), o);
		} else {
			printf("%s%s\n", shown++ ? "\n" : "", fns[i]->address);
			zpci_pt_show(fns[i], scan, &v);
		}
	}
	if (doc)
		rc = zpci_json_print(doc);
	free(scan);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(passthrough, .name = "passthrough",
	     .arg = "DEVICE", .min_args = 0, .max_args = ZPCI_ARGS_ANY,
	     .summary = "KVM host view of vfio-bound functions: holder, guest, ids; --libvirt <hostdev>",
	     .options = pt_options, .run = cmd_passthrough);
