// SPDX-License-Identifier: MIT
/* zpcidiag list: every zPCI function, standby ones included, one line each. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "json_out.h"
#include "output.h"
#include "select.h"

static int list_json(const struct zpci_system *sys, struct zpci_fn **fns, size_t n)
{
	json_object *doc = zpci_json_doc_new("list", sys);

	for (size_t i = 0; i < n; i++)
		json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
	return zpci_json_print(doc);
}

static int list_table(const struct zpci_ctx *ctx, struct zpci_fn **fns, size_t n)
{
	static const char *const hdr[] = { "ADDRESS", "FID", "UID", "PCHID", "PFGID", "VFN",
					   "TYPE", "PORT", "VENDOR:DEVICE", "DRIVER", "STATE", "NAME" };
	struct zpci_table t;
	int rc = ZX_OK;

	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		rc = ZX_INTERNAL;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct zpci_fn *fn = fns[i];
		const struct zpci_sysfs_attrs *a = &fn->zattr;
		char fid[24], uid[24], pchid[24], pfgid[24], vfn[24], type[40], port[24];
		char vd[48], vend[24], dev[24], name[220];

		snprintf(fid, sizeof(fid), fn->fid_known ? "0x%08x" : "-", fn->fid);
		zpci_zv_str(&fn->pci.vendor, "%04llx", vend, sizeof(vend));
		zpci_zv_str(&fn->pci.device, "%04llx", dev, sizeof(dev));
		snprintf(vd, sizeof(vd), "%s:%s", vend, dev);
		if (fn->state != ZPCI_FN_CONFIGURED)
			snprintf(vd, sizeof(vd), "-");
		/* lspci's "vendor device" naming; "-" with -n or when unknown */
		snprintf(name, sizeof(name), "%s%s%s", fn->pci.vendor_name,
			 fn->pci.vendor_name[0] && fn->pci.device_name[0] ? " " : "",
			 fn->pci.device_name);
		if (zpci_table_row(&t, fn->address[0] ? fn->address : "-", fid,
				   zpci_zv_str(&a->uid, "0x%llx", uid, sizeof(uid)),
				   zpci_zv_str(&a->pchid, "0x%04llx", pchid, sizeof(pchid)),
				   zpci_zv_str(&a->pfgid, "0x%02llx", pfgid, sizeof(pfgid)),
				   zpci_zv_str(&a->vfn, "%llu", vfn, sizeof(vfn)),
				   zpci_type_str(fn, type, sizeof(type)),
				   zpci_zv_str(&a->port, "%llu", port, sizeof(port)),
				   vd, fn->pci.driver[0] ? fn->pci.driver : "-",
				   zpci_fn_state_name(fn->state), name[0] ? name : "-"))
			rc = ZX_INTERNAL;
	}
	if (!rc)
		rc = zpci_table_print(&t, ctx, stdout);
	zpci_table_free(&t);
	return rc;
}

static int cmd_list(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n;
	int rc;

	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_PCICONF, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	rc = ctx->json ? list_json(&sys, fns, n) : list_table(ctx, fns, n);
	/* a header alone could be mistaken for a failure to parse */
	if (!rc && !ctx->json && sys.nfns == 0)
		fprintf(stderr, "%s: no zPCI functions under %s/bus/pci (not an IBM Z system?)\n",
			ZPCI_PROG, ctx->sysfs_root);
	if (!rc)
		rc = zpci_problems_report(ctx, fns, n);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(list, .name = "list", .args = "[DEVICE...]",
	     .summary = "list zPCI functions with their IBM Z identifiers",
	     .run = cmd_list);
