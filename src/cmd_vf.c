// SPDX-License-Identifier: MIT
/*
 * zpcidiag vf: virtual functions (vfn != 0), linked to their PF or detached,
 * and the PCI_COMMAND memory bit, hardwired to 0 for VFs: lspci shows
 * "Control: ... Mem-" for it (and "[virtual]" regions, since a VF's BAR
 * registers read 0), which reads like a fault but is not one.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json_out.h"
#include "output.h"
#include "action_sysfs.h"
#include "select.h"

static int probe_command;

static const struct poptOption vf_options[] = {
	{ "probe-command", 0, POPT_ARG_NONE, &probe_command, 0,
	  "actively test the memory bit of one unbound function: set it, read back, restore "
	  "(writes config space)", NULL },
	POPT_TABLEEND
};

static const char *bit_str(enum zpci_tri t)
{
	return t == ZT_YES ? "1" : t == ZT_NO ? "0" : "?";
}

static int vf_table(const struct zpci_ctx *ctx, struct zpci_fn **fns, size_t n)
{
	static const char *const hdr[] = { "ADDRESS", "FID", "VFN", "TYPE", "PF", "STATUS",
					   "CMD.MEM", "VERDICT" };
	struct zpci_table t;
	int rc = ZX_OK;

	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		return ZX_INTERNAL;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct zpci_fn *fn = fns[i];
		char fid[16], vfn[24], type[40];

		struct zv fidv = zpci_fn_fid_zv(fn);

		zpci_zv_str(&fidv, "0x%08llx", fid, sizeof(fid));
		if (zpci_table_row(&t, fn->address, fid,
				   zpci_zv_str(&fn->zattr.vfn, "%llu", vfn, sizeof(vfn)),
				   zpci_type_str(fn, type, sizeof(type)),
				   fn->pci.physfn[0] ? fn->pci.physfn : "-",
				   fn->zattr.vfn.st == ZV_MALFORMED ? "?" :
				   !zv_ok(fn->zattr.vfn) ? "unknown" : !fn->vf.is_vf ? "not a VF" : fn->vf.linked ? "linked" : "detached",
				   bit_str(fn->vf.command_memory), fn->vf.verdict))
			rc = ZX_INTERNAL;
	}
	if (!rc)
		rc = zpci_table_print(&t, ctx, stdout);
	zpci_table_free(&t);
	return rc;
}

static void probe_report(const struct zpci_fn *fn)
{
	const struct zpci_pci_info *p = &fn->pci;
	bool sticks = zv_ok(p->cmd_probe_after) && (p->cmd_probe_after.v & 2);

	printf("%s: probe: PCI_COMMAND 0x%04llx, memory bit set, read back 0x%04llx: %s; restored 0x%04llx\n",
	       fn->address, (unsigned long long)p->cmd_probe_before.v,
	       (unsigned long long)p->cmd_probe_after.v,
	       sticks ? "the bit sticks (implemented)" :
	       fn->vf.is_vf ? "the bit does not stick: hardwired to 0, as expected for a VF" :
	       "the bit does not stick although this is not a VF",
	       (unsigned long long)p->cmd_probe_before.v);
}

static int run_probe(struct zpci_ctx *ctx, struct zpci_fn *fn)
{
	if (fn->state != ZPCI_FN_CONFIGURED) {
		zpci_err("fid 0x%08x: --probe-command: the function is not configured", fn->fid);
		return ZX_USAGE;
	}
	if (fn->pci.driver[0]) {
		zpci_err("%s: --probe-command refused: bound to driver %s; writing PCI_COMMAND "
			 "under a driver could disturb it (unbind first)", fn->address, fn->pci.driver);
		return ZX_USAGE;
	}
	return zpci_action_probe_command_memory(ctx, fn);
}

static int cmd_vf(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n, shown = 0;
	int rc, missing = ZX_OK;

	if (probe_command && argc != 1) {
		zpci_err("vf --probe-command: name exactly one DEVICE (it writes config space)");
		return ZX_USAGE;
	}
	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_PCICONF | ZL_KDIAG, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	/* all VFs by default, and functions whose vfn is unreadable (they may
	 * be VFs); a function named explicitly is shown even if it is a PF */
	for (size_t i = 0; i < n; i++) {
		if (fns[i]->state != ZPCI_FN_CONFIGURED) {
			if (argc) {
				zpci_err("fid 0x%08x: %s: no PCI device, so no VF state to show",
					 fns[i]->fid, zpci_fn_state_name(fns[i]->state));
				missing = ZX_NODEV;
			}
			continue;
		}
		if (argc || fns[i]->vf.is_vf || !zv_ok(fns[i]->zattr.vfn))
			fns[shown++] = fns[i];
	}
	if (missing && !shown) {
		rc = missing;
		goto out;
	}
	if (probe_command) {
		if (shown > 1)
			zpci_err("%s: --probe-command acts on one function; name it by PCI address",
				 argv[0]);
		rc = shown == 1 ? run_probe(ctx, fns[0]) : ZX_USAGE;
		if (rc)
			goto out;
	}
	if (ctx->json) {
		json_object *doc = zpci_json_doc_new("vf", &sys);

		for (size_t i = 0; i < shown; i++)
			json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
		rc = zpci_json_print(doc);
	} else {
		if (probe_command)
			probe_report(fns[0]);
		if (shown)
			rc = vf_table(ctx, fns, shown);
		else
			printf("no virtual functions (vfn != 0)\n");
	}
	if (!rc)
		rc = zpci_problems_report(ctx, fns, shown);
	if (!rc)
		rc = missing;
out:
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(vf, .name = "vf", .arg = "DEVICE", .max_args = ZPCI_ARGS_ANY,
	     .summary = "virtual functions: linked or detached, PCI_COMMAND memory bit verdict",
	     .options = vf_options, .run = cmd_vf);
