// SPDX-License-Identifier: MIT
/* zpcidiag show: everything the model knows about a function, explained. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json_out.h"
#include "kdiag_out.h"
#include "output.h"
#include "print_maxstbl.h"
#include "print_util.h"
#include "print_pnet.h"
#include "print_env.h"
#include "print_ident.h"
#include "print_recovery.h"
#include "print_passthrough.h"
#include "select.h"

static const char *yesno_zv(const struct zv *v, const char *yes, const char *no)
{
	return !zv_ok(*v) ? "unknown" : v->v ? yes : no;
}

static void show_zpci(const struct zpci_system *sys, const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	struct zpci_printer tp = zpci_printer_text(stdout, 14);
	char buf[160], val[64];

	snprintf(val, sizeof(val), fn->fid_known ? "0x%08x" : "-", fn->fid);
	zpci_show_kv("function_id", val, "FID: the firmware's name for the function (slot name)");
	if (fn->state != ZPCI_FN_CONFIGURED)
		return;
	snprintf(buf, sizeof(buf), "function handle: %s",
		 !zv_ok(a->fh) ? "unknown" : (a->fh.v & 0x80000000) ? "enabled (bit 0x80000000)" :
		 "not enabled");
	zpci_show_kv_zv("function_handle", &a->fh, "0x%08llx", buf);
	snprintf(buf, sizeof(buf), "user-defined ID; unique: %s; UID checking: %s",
		 yesno_zv(&a->uid_is_unique, "yes", "no"),
		 yesno_zv(&sys->uid_checking, "on (domain = UID)", "off"));
	zpci_show_kv_zv("uid", &a->uid, "0x%llx", buf);
	zpci_show_kv_zv("pchid", &a->pchid, "0x%04llx", "physical channel ID of the adapter card");
	zpci_show_kv_zv("pfgid", &a->pfgid, "0x%02llx", "PCI function group (CLP Query PCI Function Group)");
	zpci_show_kv_zv("vfn", &a->vfn, "%llu", zv_ok(a->vfn) && a->vfn.v ? "virtual function number: a VF" :
	      "virtual function number (0: not a VF)");
	zpci_type_str(fn, val, sizeof(val));
	snprintf(buf, sizeof(buf), "PCI function type: %s", val);
	zpci_show_kv_zv("pft", &a->pft, "0x%02llx", buf);
	zpci_show_kv_zv("port", &a->port, "%llu", "adapter port the function serves");
	zpci_show_kv("mio_enabled", yesno_zv(&a->mio_enabled, "1", "0"),
	   !zv_ok(a->mio_enabled) ? "" : a->mio_enabled.v ?
	   "MIO: BARs have CPU addresses, mapped load/store instructions" :
	   "no MIO: BARs reached by PCI load/store with the function handle");
	zpci_show_kv_zv("uid_is_unique", &a->uid_is_unique, "%llu",
			!zv_ok(a->uid_is_unique) ? "" : a->uid_is_unique.v ?
			"firmware guarantees unique UIDs (UID checking)" :
			"UIDs not guaranteed unique (UID checking off in the I/O configuration)");
	zpci_show_kv_zv("index", &a->index, "%llu", "SMBIOS-like index (present only with UID checking)");
	zpci_show_kv_zv("fidparm", &a->fidparm, "0x%02llx", "function ID parameter (newer firmware)");
	snprintf(buf, sizeof(buf), "%s %s %s %s",
		 zpci_zv_str(&a->pfip[0], "%02llx", val, 8),
		 zpci_zv_str(&a->pfip[1], "%02llx", val + 8, 8),
		 zpci_zv_str(&a->pfip[2], "%02llx", val + 16, 8),
		 zpci_zv_str(&a->pfip[3], "%02llx", val + 24, 8));
	zpci_show_kv("pfip", buf, "PCI function internal path segments 0-3");
	zpci_print_util(&tp, "util_string", a->util_present ? a->util_string : NULL, a->util_len,
			true);
}

static void show_pci(const struct zpci_fn *fn)
{
	const struct zpci_pci_info *p = &fn->pci;
	char buf[160], v1[24], v2[24], name[220];

	snprintf(buf, sizeof(buf), "%s:%s", zpci_zv_str(&p->vendor, "%04llx", v1, sizeof(v1)),
		 zpci_zv_str(&p->device, "%04llx", v2, sizeof(v2)));
	snprintf(name, sizeof(name), "%s%s%s", p->vendor_name,
		 p->vendor_name[0] && p->device_name[0] ? " " : "", p->device_name);
	zpci_show_kv("vendor:device", buf, name);
	snprintf(buf, sizeof(buf), "%s:%s", zpci_zv_str(&p->subsys_vendor, "%04llx", v1, sizeof(v1)),
		 zpci_zv_str(&p->subsys_device, "%04llx", v2, sizeof(v2)));
	zpci_show_kv("subsystem", buf, "");
	zpci_show_kv_zv("class", &p->class_code, "0x%06llx", "");
	zpci_show_kv("driver", p->driver[0] ? p->driver : "-", p->driver[0] ? "" : "no driver bound");
	if (p->driver_override[0])
		zpci_show_kv("driver_override", p->driver_override, "");
	zpci_show_kv_zv("iommu_group", &p->iommu_group, "%llu", "");
	if (fn->zattr.slot_name[0]) {
		snprintf(buf, sizeof(buf), "slot %s", fn->zattr.slot_name);
		zpci_show_kv_zv("slot_power", &fn->zattr.slot_power, "%llu", buf);
	} else {
		zpci_show_kv("slot_power", "-", "no hotplug slot for this FID");
	}
	for (int i = 0; i < 4 && p->netdevs[i][0]; i++)
		zpci_show_kv("netdev", p->netdevs[i], "");
	for (int i = 0; i < 4 && p->blockdevs[i][0]; i++)
		zpci_show_kv("nvme", p->blockdevs[i], "");
	if (zv_ok(p->sriov_totalvfs))
		zpci_show_kv_zv("sriov_numvfs", &p->sriov_numvfs, "%llu", "VFs enabled on this PF");
	snprintf(buf, sizeof(buf), "%zu bytes", p->config_len);
	zpci_show_kv("config space", p->config_present ? buf : "-", "");
}

static void show_bars(const struct zpci_fn *fn)
{
	bool any = false;

	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		const struct zpci_bar *b = &fn->bars[i];
		char key[16], size[24], val[64];

		if (!b->present)
			continue;
		any = true;
		snprintf(key, sizeof(key), "bar%d", i);
		snprintf(val, sizeof(val), "%s %s%s size=%s", b->is_io ? "io" : "mem",
			 b->is_64bit ? "64-bit" : "32-bit", b->prefetchable ? " prefetchable" : "",
			 zpci_size_str(b->size, size, sizeof(size)));
		printf("  %-17s %s\n", key, val);
		printf("  %-17s mappable: %s: %s%s\n", "", b->mappable == ZT_YES ? "yes" :
		       b->mappable == ZT_NO ? "no" : "unknown", b->map_reason ? b->map_reason : "",
		       b->map_inferred ? " (inferred)" : "");
	}
	if (!any)
		zpci_show_kv("bars", "none", "");
}

static void show_vf(const struct zpci_fn *fn)
{
	const struct zpci_vf_info *vf = &fn->vf;
	char buf[64];

	if (!zv_ok(fn->zattr.vfn)) {
		zpci_show_kv("vf", "unknown", "vfn unreadable");
	} else if (!vf->is_vf) {
		zpci_show_kv("vf", "no", "vfn is 0: a physical function");
	} else if (vf->linked) {
		zpci_show_kv("vf", "linked", "");
		zpci_show_kv("physfn", fn->pci.physfn, "its PF is present in this partition");
	} else {
		zpci_show_kv("vf", "detached", "no physfn link: the PF belongs to no one here");
	}
	snprintf(buf, sizeof(buf), "%s", vf->command_memory == ZT_YES ? "1" :
		 vf->command_memory == ZT_NO ? "0" : "unknown");
	zpci_show_kv("command memory", buf, vf->verdict);
}

static void show_sources(const struct zpci_fn *fn)
{
	const struct { const char *name; const struct zpci_src_status *s; } src[] = {
		{ "sysfs", &fn->src_sysfs }, { "config space", &fn->src_pciconf },
		{ "clp", &fn->src_clp }, { "vfio", &fn->src_vfio }, { "kernel module", &fn->src_kdiag },
	};

	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++)
		zpci_show_kv(src[i].name, zpci_src_state_text(src[i].s->state),
			     zpci_src_reason(src[i].s));
}

static void show_text(const struct zpci_system *sys, const struct zpci_fn *fn)
{
	struct zpci_printer maxstbl = zpci_printer_text(stdout, 6);
	char type[32];

	printf("%s  %s  (%s)\n", fn->address[0] ? fn->address : "(no PCI address)",
	       zpci_type_str(fn, type, sizeof(type)), zpci_fn_state_name(fn->state));
	printf("zPCI:\n");
	show_zpci(sys, fn);
	zpci_show_ident(fn);
	if (fn->state == ZPCI_FN_STANDBY) {
		zpci_show_kv("slot", fn->zattr.slot_name, "standby: slot exists with power 0, no PCI device; "
		   "'echo 1 > slots/<FID>/power' configures it");
	} else {
		printf("PCI:\n");
		show_pci(fn);
		printf("BARs:\n");
		show_bars(fn);
		printf("VF:\n");
		show_vf(fn);
		printf("maxstbl by source:\n");
		zpci_print_maxstbl(&maxstbl, fn);
		zpci_show_kdiag_text(fn);
	}
	zpci_show_recovery(sys, fn);
	printf("Sources:\n");
	show_sources(fn);
	if (fn->nproblems) {

		printf("Problems:\n");
		for (size_t i = 0; i < fn->nproblems; i++)
			printf("  %-7s %-22s %s\n", zpci_severity_name(fn->problems[i].severity),
			       fn->problems[i].code, fn->problems[i].text);
	}
}

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

		for (size_t i = 0; i < n; i++) {
			json_object *f = zpci_json_fn(fns[i]), *r = zpci_json_recovery(&sys, fns[i]);
			json_object *p = zpci_pt_json_fn(ctx, &sys, fns[i], pt);

			if (r)
				json_object_object_add(f, "recovery", r);
			if (p)
				json_object_object_add(f, "passthrough", p);
			json_object_array_add(zpci_json_functions(doc), f);
		}
		json_object_object_add(doc, "environment", zpci_json_env(&si));
		json_object_object_add(doc, "smc_pnet", zpci_json_pnet_table(&sys));
		rc = zpci_json_print(doc);
	} else {
		for (size_t i = 0; i < n; i++) {
			if (i)
				putchar('\n');
			show_text(&sys, fns[i]);
			zpci_pt_show_fn(ctx, &sys, fns[i], pt);
		}
		putchar('\n');
		zpci_show_env(&si);
		zpci_show_pnet_table(&sys);
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
