// SPDX-License-Identifier: MIT
/*
 * A function, for people and for JSON from the same calls (print.h): show's
 * sections and the function object of every command's JSON. A member the
 * text shows under another name or combined with another (function_id and
 * fid, "vendor:device") is one call per form, side by side, so a change to
 * one is seen next to the other.
 */
#include "config.h"

#include <stdio.h>

#include "clp_print.h"
#include "json_value.h"
#include "kdiag_out.h"
#include "output.h"
#include "print_function.h"
#include "print_ident.h"
#include "print_maxstbl.h"
#include "print_recovery.h"
#include "print_util.h"
#include "print_vfio.h"

static const char *yesno_zv(const struct zv *v, const char *yes, const char *no)
{
	return v->st == ZV_MALFORMED ? "?" : !zv_ok(*v) ? "unknown" : v->v ? yes : no;
}

static void print_pfip(const struct zpci_printer *p, int to, const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	json_object *arr = NULL;
	char buf[64], val[32];

	snprintf(buf, sizeof(buf), "%s %s %s %s",
		 zpci_zv_str(&a->pfip[0], "%02llx", val, 8),
		 zpci_zv_str(&a->pfip[1], "%02llx", val + 8, 8),
		 zpci_zv_str(&a->pfip[2], "%02llx", val + 16, 8),
		 zpci_zv_str(&a->pfip[3], "%02llx", val + 24, 8));
	zpci_print_string(p, to & ZP_TEXT, "pfip", buf, "PCI function internal path segments 0-3");
	if (p->obj && fn->state == ZPCI_FN_CONFIGURED) {
		arr = json_object_new_array();
		for (int i = 0; i < 4; i++)
			json_object_array_add(arr, zpci_json_zv(&a->pfip[i]));
	}
	zpci_print_json(p, "pfip", arr);
}

/* show's "zPCI:" lines: the firmware's identity of the function */
static void print_zpci(const struct zpci_printer *p, const struct zpci_system *sys,
		       const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	/* a function in standby has nothing but its FID to show */
	int to = fn->state == ZPCI_FN_CONFIGURED ? ZP_ANY : ZP_JSON;
	const char *type = NULL;
	char buf[160], val[64];
	struct zv fidv = zpci_fn_fid_zv(fn);

	zpci_print_string(p, ZP_JSON, "address", fn->address[0] ? fn->address : NULL, NULL);
	zpci_print_string(p, ZP_JSON, "state", zpci_fn_state_name(fn->state), NULL);
	zpci_zv_str(&fidv, "0x%08llx", val, sizeof(val));
	zpci_print_string(p, ZP_TEXT, "function_id", val,
			  "FID: the firmware's name for the function (slot name)");
	zpci_print_json(p, "fid", p->obj ? zpci_json_zv(&fidv) : NULL);
	snprintf(buf, sizeof(buf), "function handle: %s",
		 !zv_ok(a->fh) ? "unknown" : (a->fh.v & 0x80000000) ? "enabled (bit 0x80000000)" :
		 "not enabled");
	zpci_print_zv_hex(p, to & ZP_TEXT, "function_handle", 8, &a->fh, buf);
	zpci_print_zv_hex(p, ZP_JSON, "fh", 8, &a->fh, NULL);
	snprintf(buf, sizeof(buf), "user-defined ID; unique: %s; UID checking: %s",
		 yesno_zv(&a->uid_is_unique, "yes", "no"),
		 sys ? yesno_zv(&sys->uid_checking, "on (domain = UID)", "off") : "unknown");
	zpci_print_zv(p, to, "uid", 0, &a->uid, buf);
	zpci_print_zv(p, to, "pchid", 4, &a->pchid, "physical channel ID of the adapter card");
	zpci_print_zv(p, to, "pfgid", 2, &a->pfgid,
		      "PCI function group (CLP Query PCI Function Group)");
	zpci_print_zv(p, to, "vfn", -1, &a->vfn, zv_ok(a->vfn) && a->vfn.v ?
		      "virtual function number: a VF" : "virtual function number (0: not a VF)");
	zpci_type_str(fn, val, sizeof(val));
	snprintf(buf, sizeof(buf), "PCI function type: %s", val);
	zpci_print_zv(p, to, "pft", 2, &a->pft, buf);
	if (a->pft.st == ZV_MALFORMED)
		type = ZPCI_JSON_MALFORMED;
	if (zv_ok(a->pft)) {
		type = zpci_pft_short((unsigned int)a->pft.v);
		if (!type)
			type = "unknown";
	}
	zpci_print_string(p, ZP_JSON, "type", type, NULL);
	zpci_print_zv(p, to, "port", -1, &a->port, "adapter port the function serves");
	/* text says "unknown" where uid_is_unique says "-" (kept as it was) */
	zpci_print_string(p, to & ZP_TEXT, "mio_enabled", yesno_zv(&a->mio_enabled, "1", "0"),
			  !zv_ok(a->mio_enabled) ? "" : a->mio_enabled.v ?
			  "MIO: BARs have CPU addresses, mapped load/store instructions" :
			  "no MIO: BARs reached by PCI load/store with the function handle");
	zpci_print_zv_bool(p, ZP_JSON, "mio_enabled", &a->mio_enabled, NULL);
	zpci_print_zv_bool(p, to, "uid_is_unique", &a->uid_is_unique,
			   !zv_ok(a->uid_is_unique) ? "" : a->uid_is_unique.v ?
			   "firmware guarantees unique UIDs (UID checking)" :
			   "UIDs not guaranteed unique (UID checking off in the I/O configuration)");
	zpci_print_zv(p, to, "index", -1, &a->index,
		      "SMBIOS-like index (present only with UID checking)");
	zpci_print_zv(p, to, "fidparm", 2, &a->fidparm, "function ID parameter (newer firmware)");
	print_pfip(p, to, fn);
	if (p->obj || to & ZP_TEXT)
		zpci_print_util(p, "util_string", a->util_present ? a->util_string : NULL,
				a->util_len, true);
}

static void print_slot(const struct zpci_printer *p, int to, const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	struct zpci_printer slot;
	char buf[80];

	if (!a->slot_name[0]) {
		zpci_print_string(p, to & ZP_TEXT, "slot_power", NULL, "no hotplug slot for this FID");
		zpci_print_json(p, "slot", NULL);
		return;
	}
	snprintf(buf, sizeof(buf), "slot %s", a->slot_name);
	zpci_print_zv(p, to & ZP_TEXT, "slot_power", -1, &a->slot_power, buf);
	slot = zpci_print_section(p, ZP_JSON, "slot", NULL, 0);
	zpci_print_string(&slot, ZP_JSON, "name", a->slot_name, NULL);
	zpci_print_zv(&slot, ZP_JSON, "power", -1, &a->slot_power, NULL);
}

/* show's "PCI:" lines: what Linux made of the function */
static void print_pci(const struct zpci_printer *p, int to, const struct zpci_fn *fn)
{
	const struct zpci_pci_info *pci = &fn->pci;
	char buf[160], v1[24], v2[24], name[220];

	snprintf(buf, sizeof(buf), "%s:%s", zpci_zv_str(&pci->vendor, "%04llx", v1, sizeof(v1)),
		 zpci_zv_str(&pci->device, "%04llx", v2, sizeof(v2)));
	snprintf(name, sizeof(name), "%s%s%s", zpci_pci_name(pci->vendor_name),
		 zpci_pci_name(pci->vendor_name)[0] && zpci_pci_name(pci->device_name)[0] ? " " : "",
		 zpci_pci_name(pci->device_name));
	zpci_print_string(p, to & ZP_TEXT, "vendor:device", buf, name);
	zpci_print_zv(p, ZP_JSON, "vendor", -1, &pci->vendor, NULL);
	zpci_print_zv(p, ZP_JSON, "device", -1, &pci->device, NULL);
	zpci_print_json(p, "vendor_name", p->obj ? zpci_json_str(zpci_pci_name(pci->vendor_name)) : NULL);
	zpci_print_json(p, "device_name", p->obj ? zpci_json_str(zpci_pci_name(pci->device_name)) : NULL);
	snprintf(buf, sizeof(buf), "%s:%s",
		 zpci_zv_str(&pci->subsys_vendor, "%04llx", v1, sizeof(v1)),
		 zpci_zv_str(&pci->subsys_device, "%04llx", v2, sizeof(v2)));
	zpci_print_string(p, to & ZP_TEXT, "subsystem", buf, "");
	zpci_print_zv(p, ZP_JSON, "subsystem_vendor", -1, &pci->subsys_vendor, NULL);
	zpci_print_zv(p, ZP_JSON, "subsystem_device", -1, &pci->subsys_device, NULL);
	zpci_print_zv(p, to, "class", 6, &pci->class_code, "");
	zpci_print_zv(p, ZP_JSON, "revision", -1, &pci->revision, NULL);
	if (!pci->driver[0] && pci->driver_unusable)
		zpci_print_string(p, to & ZP_TEXT, "driver", "?",
				  "its driver link cannot be followed (see Problems)");
	zpci_print_string(p, pci->driver[0] || !pci->driver_unusable ? to : to & ZP_JSON, "driver",
			  pci->driver[0] ? pci->driver : NULL, pci->driver[0] ? "" : "no driver bound");
	zpci_print_string(p, pci->driver_override[0] ? to : ZP_JSON, "driver_override",
			  pci->driver_override[0] ? pci->driver_override : NULL, "");
	zpci_print_zv(p, to, "iommu_group", -1, &pci->iommu_group, "");
	print_slot(p, to, fn);
	zpci_print_names(p, to, "netdev", "netdevs", pci->netdevs, 4, "");
	zpci_print_names(p, to, "nvme", "nvme", pci->blockdevs, 4, "");
	zpci_print_zv(p, zv_ok(pci->sriov_totalvfs) ? to : ZP_JSON, "sriov_numvfs", -1,
		      &pci->sriov_numvfs, "VFs enabled on this PF");
	zpci_print_zv(p, ZP_JSON, "sriov_totalvfs", -1, &pci->sriov_totalvfs, NULL);
	snprintf(buf, sizeof(buf), "%zu bytes", pci->config_len);
	zpci_print_string(p, to & ZP_TEXT, "config space", pci->config_present ? buf : NULL, "");
}

static const char *tri_text(enum zpci_tri t)
{
	return t == ZT_YES ? "yes" : t == ZT_NO ? "no" : "unknown";
}

static json_object *json_tri(enum zpci_tri t)
{
	return t == ZT_UNKNOWN ? NULL : json_object_new_boolean(t == ZT_YES);
}

static void print_bar(const struct zpci_printer *p, int to, const struct zpci_bar *b, int index)
{
	struct zpci_printer bp = p->obj ? zpci_printer_json(json_object_new_object()) : *p;
	char key[16], size[24], val[160];

	snprintf(key, sizeof(key), "bar%d", index);
	snprintf(val, sizeof(val), "%s %s%s size=%s", b->is_io ? "io" : "mem",
		 b->is_64bit ? "64-bit" : "32-bit", b->prefetchable ? " prefetchable" : "",
		 zpci_size_str(b->size, size, sizeof(size)));
	zpci_print_string(&bp, to & ZP_TEXT, key, val, "");
	snprintf(val, sizeof(val), "mappable: %s: %s%s", tri_text(b->mappable),
		 b->map_reason ? b->map_reason : "", b->map_inferred ? " (inferred)" : "");
	zpci_print_string(&bp, to & ZP_TEXT, "", val, "");
	if (!bp.obj)
		return;
	zpci_print_uint(&bp, ZP_JSON, "index", (uint64_t)index, NULL);
	zpci_print_string(&bp, ZP_JSON, "type", b->is_io ? "io" : "mem", NULL);
	zpci_print_bool(&bp, ZP_JSON, "is_64bit", b->is_64bit, NULL);
	zpci_print_bool(&bp, ZP_JSON, "prefetchable", b->prefetchable, NULL);
	zpci_print_hex(&bp, ZP_JSON, "start", 16, b->start, NULL);
	zpci_print_uint(&bp, ZP_JSON, "size", b->size, NULL);
	zpci_print_string(&bp, ZP_JSON, "size_human", size, NULL);
	zpci_print_hex(&bp, ZP_JSON, "flags", 16, b->flags, NULL);
	zpci_print_json(&bp, "mappable", json_tri(b->mappable));
	zpci_print_string(&bp, ZP_JSON, "mappable_reason",
			  b->map_reason && b->map_reason[0] ? b->map_reason : NULL, NULL);
	zpci_print_bool(&bp, ZP_JSON, "mappable_inferred", b->map_inferred, NULL);
	zpci_print_bool(&bp, ZP_JSON, "sysfs_resource_file", b->has_resource_file, NULL);
	json_object_array_add(json_object_object_get(p->obj, "bars"), bp.obj);
}

static void print_bars(const struct zpci_printer *p, int to, const struct zpci_fn *fn)
{
	bool any = false;

	zpci_print_json(p, "bars", p->obj ? json_object_new_array() : NULL);
	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		if (!fn->bars[i].present)
			continue;
		any = true;
		print_bar(p, to, &fn->bars[i], i);
	}
	if (!any)
		zpci_print_string(p, to & ZP_TEXT, "bars", "none", "");
}

/* the memory-bit probe (zpcidiag vf --probe): JSON only */
static void print_vf_probe(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	struct zpci_printer pp;

	if (fn->pci.cmd_probe_before.st == ZV_ABSENT)
		return;
	pp = zpci_print_section(p, ZP_JSON, "probe", NULL, 0);
	zpci_print_zv(&pp, ZP_JSON, "command_before", -1, &fn->pci.cmd_probe_before, NULL);
	zpci_print_zv(&pp, ZP_JSON, "command_after_set", -1, &fn->pci.cmd_probe_after, NULL);
	zpci_print_json(&pp, "memory_bit_sticks", zv_ok(fn->pci.cmd_probe_after) && pp.obj ?
			json_object_new_boolean(fn->pci.cmd_probe_after.v & 2) : NULL);
}

/* show's "VF:" lines and the "vf" member (null in standby) */
static void print_vf(const struct zpci_printer *p, int to, const struct zpci_fn *fn)
{
	const struct zpci_vf_info *vf = &fn->vf;
	struct zpci_printer vp;

	if (fn->state != ZPCI_FN_CONFIGURED) {
		zpci_print_json(p, "vf", NULL);
		if (!(to & ZP_TEXT))
			return;
	}
	vp = zpci_print_section(p, fn->state == ZPCI_FN_CONFIGURED ? to : to & ZP_TEXT, "vf", "VF",
				14);
	if (fn->zattr.vfn.st == ZV_MALFORMED)
		zpci_print_string(&vp, ZP_TEXT, "vf", "?", "vfn malformed or unreadable");
	else if (!zv_ok(fn->zattr.vfn))
		zpci_print_string(&vp, ZP_TEXT, "vf", "unknown", "no vfn attribute");
	else if (!vf->is_vf)
		zpci_print_string(&vp, ZP_TEXT, "vf", "no", "vfn is 0: a physical function");
	else if (vf->linked)
		zpci_print_string(&vp, ZP_TEXT, "vf", "linked", "");
	else if (fn->pci.physfn_unusable)
		zpci_print_string(&vp, ZP_TEXT, "vf", "?",
				  "its physfn link cannot be followed (see Problems)");
	else
		zpci_print_string(&vp, ZP_TEXT, "vf", "detached",
				  "no physfn link: the PF belongs to no one here");
	zpci_print_json(&vp, "is_vf", !vp.obj ? NULL : zv_ok(fn->zattr.vfn) ?
			json_object_new_boolean(vf->is_vf) : zpci_json_zv(&fn->zattr.vfn));
	zpci_print_bool(&vp, ZP_JSON, "linked", vf->linked, NULL);
	zpci_print_bool(&vp, ZP_JSON, "detached", vf->detached, NULL);
	zpci_print_string(&vp, zv_ok(fn->zattr.vfn) && vf->is_vf && vf->linked ? ZP_ANY : ZP_JSON,
			  "physfn", fn->pci.physfn[0] ? fn->pci.physfn : NULL,
			  "its PF is present in this partition");
	zpci_print_zv(&vp, ZP_JSON, "command", -1, &fn->pci.command, NULL);
	zpci_print_string(&vp, ZP_TEXT, "command memory", vf->command_memory == ZT_YES ? "1" :
			  vf->command_memory == ZT_NO ? "0" : "unknown", vf->verdict);
	zpci_print_json(&vp, "command_memory", vp.obj ? json_tri(vf->command_memory) : NULL);
	zpci_print_json(&vp, "no_command_memory", vp.obj ? json_tri(vf->no_command_memory) : NULL);
	zpci_print_bool(&vp, ZP_JSON, "no_command_memory_known", vf->no_command_memory_known, NULL);
	zpci_print_string(&vp, ZP_JSON, "verdict", vf->verdict && vf->verdict[0] ? vf->verdict : NULL,
			  NULL);
	print_vf_probe(&vp, fn);
}

/* show's "Sources:" lines and the "sources" member: what each source said */
static void print_sources(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	const struct { const char *text, *json; const struct zpci_src_status *s; } src[] = {
		{ "sysfs", "sysfs", &fn->src_sysfs },
		{ "config space", "pciconf", &fn->src_pciconf },
		{ "clp", "clp", &fn->src_clp }, { "vfio", "vfio", &fn->src_vfio },
		{ "kernel module", "kdiag", &fn->src_kdiag },
	};
	struct zpci_printer sp = zpci_print_section(p, ZP_ANY, "sources", "Sources", 14);

	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		struct zpci_printer one = zpci_print_section(&sp, ZP_JSON, src[i].json, NULL, 0);

		zpci_print_string(&sp, ZP_TEXT, src[i].text, zpci_src_state_text(src[i].s->state),
				  zpci_src_reason(src[i].s));
		zpci_print_string(&one, ZP_JSON, "state", zpci_src_state_id(src[i].s->state), NULL);
		zpci_print_string(&one, ZP_JSON, "reason", zpci_src_reason(src[i].s)[0] ?
				  zpci_src_reason(src[i].s) : NULL, NULL);
	}
}

/* show's "Problems:" lines (only when there are some) and the "problems" member */
static void print_problems(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	json_object *arr = p->obj ? json_object_new_array() : NULL;

	if (!p->obj && p->f && fn->nproblems)
		fprintf(p->f, "Problems:\n");
	for (size_t i = 0; i < fn->nproblems; i++) {
		const struct zpci_problem *pr = &fn->problems[i];
		const char *sev = zpci_severity_name(pr->severity);
		struct zpci_printer po;

		if (!arr) {
			if (p->f)
				fprintf(p->f, "  %-7s %-22s %s\n", sev, pr->code, pr->text);
			continue;
		}
		po = zpci_printer_json(json_object_new_object());
		zpci_print_string(&po, ZP_JSON, "code", pr->code, NULL);
		zpci_print_string(&po, ZP_JSON, "severity", sev, NULL);
		zpci_print_string(&po, ZP_JSON, "text", pr->text, NULL);
		json_object_array_add(arr, po.obj);
	}
	if (arr)
		zpci_print_json(p, "problems", arr);
}

void zpci_print_function(const struct zpci_printer *p, const struct zpci_system *sys,
			 const struct zpci_fn *fn)
{
	/* PCI, BARs, VF, maxstbl and the kernel's answer: nothing in standby */
	int to = fn->state == ZPCI_FN_STANDBY || fn->state == ZPCI_FN_POWERED_NO_DEVICE ?
		 ZP_JSON : ZP_ANY;
	struct zpci_printer part;
	char type[32];

	if (!p->obj && p->f)
		fprintf(p->f, "%s  %s  (%s)\nzPCI:\n",
			fn->address[0] ? fn->address : "(no PCI address)",
			zpci_type_str(fn, type, sizeof(type)), zpci_fn_state_name(fn->state));
	print_zpci(p, sys, fn);
	zpci_print_ident(p, fn);
	if (fn->state == ZPCI_FN_STANDBY)
		zpci_print_string(p, ZP_TEXT, "slot", fn->zattr.slot_name,
				  "standby: slot exists with power 0, no PCI device; "
				  "'echo 1 > slots/<FID>/power' configures it");
	else if (fn->state == ZPCI_FN_POWERED_NO_DEVICE)
		zpci_print_string(p, ZP_TEXT, "slot", fn->zattr.slot_name,
				  "powered-no-device: slot power 1, but no PCI device has this FID "
				  "(enabling or scanning failed, see dmesg)");
	part = zpci_print_section(p, to, NULL, "PCI", 14);
	print_pci(&part, to, fn);
	part = zpci_print_section(p, to, NULL, "BARs", 14);
	print_bars(&part, to, fn);
	print_vf(p, to, fn);
	part = zpci_print_section(p, to, "maxstbl", "maxstbl by source", 6);
	if (part.obj || part.f)
		zpci_print_maxstbl(&part, fn);
	if (p->obj || to & ZP_TEXT)
		zpci_print_kdiag(p, fn);
	if (sys)
		zpci_print_recovery(p, sys, fn);
	print_sources(p, fn);
	print_problems(p, fn);
	if (p->obj) {
		/* members clp show and caps print as text */
		zpci_print_clp(p, fn);
		zpci_print_vfio(p, fn);
	}
}
