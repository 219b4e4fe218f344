// SPDX-License-Identifier: MIT
/*
 * The kernel's facts (zpcidiag_diag module) in show's text and in JSON.
 * Values the running kernel does not have (non_mappable_bars before 6.15,
 * rid before 6.13) are shown as "-" / null, never as 0.
 */
#include "config.h"

#include <stdio.h>

#include "json_out.h"
#include "kdiag_out.h"
#include "output.h"
#include "sources.h"

static json_object *json_flag(const struct zv *v)
{
	return zv_ok(*v) ? json_object_new_boolean(v->v != 0) : NULL;
}

void zpci_json_add_kdiag(json_object *fnobj, const struct zpci_fn *fn)
{
	const struct zpci_kdiag_info *k = zpci_fn_kdiag(fn);
	json_object *o, *bars;

	if (!k->valid) {
		json_object_object_add(fnobj, "kernel", NULL);
		return;
	}
	o = json_object_new_object();
	json_object_object_add(o, "fid", zpci_json_zv(&k->fid));
	json_object_object_add(o, "fh", zpci_json_zv_hex(&k->fh, 8));
	json_object_object_add(o, "uid", zpci_json_zv(&k->uid));
	json_object_object_add(o, "pchid", zpci_json_zv(&k->pchid));
	json_object_object_add(o, "pfgid", zpci_json_zv(&k->pfgid));
	json_object_object_add(o, "vfn", zpci_json_zv(&k->vfn));
	json_object_object_add(o, "pft", zpci_json_zv(&k->pft));
	json_object_object_add(o, "port", zpci_json_zv(&k->port));
	json_object_object_add(o, "maxstbl", zpci_json_zv(&k->maxstbl));
	json_object_object_add(o, "dtsm", zpci_json_zv(&k->dtsm));
	json_object_object_add(o, "version", zpci_json_zv(&k->version));
	json_object_object_add(o, "max_msi", zpci_json_zv(&k->max_msi));
	json_object_object_add(o, "start_dma", zpci_json_zv_hex(&k->start_dma, 16));
	json_object_object_add(o, "end_dma", zpci_json_zv_hex(&k->end_dma, 16));
	json_object_object_add(o, "msi_addr", zpci_json_zv_hex(&k->msi_addr, 16));
	json_object_object_add(o, "fmb_length", zpci_json_zv(&k->fmb_length));
	json_object_object_add(o, "mio_capable", json_flag(&k->mio_capable));
	json_object_object_add(o, "is_physfn", json_flag(&k->is_physfn));
	json_object_object_add(o, "rid_available", json_flag(&k->rid_available));
	json_object_object_add(o, "devfn", zpci_json_zv(&k->devfn));
	json_object_object_add(o, "rid", zpci_json_zv(&k->rid));
	json_object_object_add(o, "state", zpci_json_zv(&k->state));
	json_object_object_add(o, "state_name", zpci_json_str(zpci_kdiag_state_name(&k->state)));
	json_object_object_add(o, "state_raw", zpci_json_zv(&k->state_raw));
	json_object_object_add(o, "is_virtfn", json_flag(&k->is_virtfn));
	json_object_object_add(o, "pf_address", zpci_json_str(k->pf_addr));
	json_object_object_add(o, "no_command_memory", json_flag(&k->no_command_memory));
	json_object_object_add(o, "non_mappable_bars", json_flag(&k->non_mappable_bars));
	bars = json_object_new_array();
	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		const struct zpci_kdiag_bar *b = &k->bars[i];
		json_object *bo;

		if (!b->present)
			continue;
		bo = json_object_new_object();
		json_object_object_add(bo, "index", json_object_new_int(i));
		json_object_object_add(bo, "size", zpci_json_u64(b->size));
		json_object_object_add(bo, "flags", zpci_json_hex(b->flags, 16));
		json_object_object_add(bo, "clp_size_log2", zpci_json_zv(&b->size_log2));
		json_object_object_add(bo, "clp_bar", zpci_json_zv_hex(&b->val, 8));
		json_object_array_add(bars, bo);
	}
	json_object_object_add(o, "bars", bars);
	json_object_object_add(fnobj, "kernel", o);
}

static const char *flag_str(const struct zv *v)
{
	return !zv_ok(*v) ? "-" : v->v ? "yes" : "no";
}

void zpci_show_kdiag_text(const struct zpci_fn *fn)
{
	const struct zpci_kdiag_info *k = zpci_fn_kdiag(fn);
	char buf[64], a[24], b[24];

	if (!k->valid)
		return;
	printf("Kernel (zpcidiag_diag):\n");
	zpci_show_kv_zv("fh", &k->fh, "0x%08llx", "function handle as the kernel holds it");
	snprintf(buf, sizeof(buf), "%s (raw %s)",
		 zpci_kdiag_state_name(&k->state) ? zpci_kdiag_state_name(&k->state) : "-",
		 zpci_zv_str(&k->state_raw, "%llu", a, sizeof(a)));
	zpci_show_kv("state", buf, "the kernel's configuration state of the function");
	zpci_show_kv_zv("maxstbl", &k->maxstbl, "%llu", "largest PCISTB (function group)");
	zpci_show_kv_zv("dtsm", &k->dtsm, "0x%02llx", "supported DMA translation modes");
	zpci_show_kv_zv("version", &k->version, "%llu", "PCI architecture level (function group)");
	snprintf(buf, sizeof(buf), "%s-%s", zpci_zv_str(&k->start_dma, "0x%llx", a, sizeof(a)),
		 zpci_zv_str(&k->end_dma, "0x%llx", b, sizeof(b)));
	zpci_show_kv("dma window", buf, "the kernel's, may be narrower than CLP's");
	zpci_show_kv_zv("msi address", &k->msi_addr, "0x%016llx", "");
	zpci_show_kv_zv("max msi", &k->max_msi, "%llu", "");
	zpci_show_kv_zv("fmb length", &k->fmb_length, "%llu", "function measurement block");
	zpci_show_kv("mio capable", flag_str(&k->mio_capable), "");
	zpci_show_kv("is_physfn", flag_str(&k->is_physfn), "CLP: SR-IOV physical function");
	if (zv_ok(k->rid))
		zpci_show_kv_zv("rid", &k->rid, "0x%04llx", "routing ID");
	else if (zv_ok(k->devfn))
		zpci_show_kv_zv("devfn", &k->devfn, "0x%02llx", "from the routing ID");
	else
		zpci_show_kv("rid", "-", zv_ok(k->rid_available) && !k->rid_available.v ?
		   "CLP reported no routing ID" : "this kernel does not keep it");
	zpci_show_kv("is_virtfn", flag_str(&k->is_virtfn), k->pf_addr[0] ? k->pf_addr : "");
	zpci_show_kv("no_command_memory", flag_str(&k->no_command_memory),
	   zv_ok(k->no_command_memory) && k->no_command_memory.v ?
	   "known: vfio emulates the memory bit for this function" : "");
	zpci_show_kv("non_mappable_bars", flag_str(&k->non_mappable_bars),
	   zv_ok(k->non_mappable_bars) ? "" : "not known to this kernel (6.15+)");
	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		const struct zpci_kdiag_bar *kb = &k->bars[i];
		char key[16], val[80], size[24];

		if (!kb->present)
			continue;
		snprintf(key, sizeof(key), "bar%d", i);
		snprintf(val, sizeof(val), "size=%s flags=0x%llx clp log2=%s",
			 kb->size ? zpci_size_str(kb->size, size, sizeof(size)) : "0 (no resource)",
			 (unsigned long long)kb->flags, zpci_zv_str(&kb->size_log2, "%llu", a, sizeof(a)));
		zpci_show_kv(key, val, "");
	}
}
