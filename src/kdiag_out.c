// SPDX-License-Identifier: MIT
/*
 * The kernel's facts (zpcidiag_diag module) in show's text and in JSON,
 * from the same calls (print.h).
 * Values the running kernel does not have (non_mappable_bars before 6.15,
 * rid before 6.13) are shown as "-" / null, never as 0.
 */
#include "config.h"

#include <stdio.h>

#include "json_value.h"
#include "kdiag_out.h"
#include "output.h"
#include "sources.h"

/* a flag of the kernel's: yes/no in text, true/false in JSON, "-" / null when not known */
static void print_flag(const struct zpci_printer *p, const char *key, const struct zv *v,
		       const char *expl)
{
	zpci_print_string(p, ZP_TEXT, key, !zv_ok(*v) ? "-" : v->v ? "yes" : "no", expl);
	zpci_print_zv_bool(p, ZP_JSON, key, v, NULL);
}

static void print_routing_id(const struct zpci_printer *p, const struct zpci_kdiag_info *k)
{
	zpci_print_zv(p, zv_ok(k->rid) ? ZP_ANY : ZP_JSON, "rid", 4, &k->rid, "routing ID");
	zpci_print_zv(p, !zv_ok(k->rid) && zv_ok(k->devfn) ? ZP_ANY : ZP_JSON, "devfn", 2,
		      &k->devfn, "from the routing ID");
	if (!zv_ok(k->rid) && !zv_ok(k->devfn))
		zpci_print_string(p, ZP_TEXT, "rid", NULL, zv_ok(k->rid_available) &&
				  !k->rid_available.v ? "CLP reported no routing ID" :
				  "this kernel does not keep it");
	zpci_print_zv_bool(p, ZP_JSON, "rid_available", &k->rid_available, NULL);
}

static void print_kdiag_bars(const struct zpci_printer *p, const struct zpci_kdiag_info *k)
{
	json_object *arr = p->obj ? json_object_new_array() : NULL;

	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		const struct zpci_kdiag_bar *kb = &k->bars[i];
		struct zpci_printer bp = arr ? zpci_printer_json(json_object_new_object()) : *p;
		char key[16], val[80], size[24], log2[24];

		if (!kb->present) {
			json_object_put(bp.obj);
			continue;
		}
		snprintf(key, sizeof(key), "bar%d", i);
		snprintf(val, sizeof(val), "size=%s flags=0x%llx clp log2=%s",
			 kb->size ? zpci_size_str(kb->size, size, sizeof(size)) : "0 (no resource)",
			 (unsigned long long)kb->flags,
			 zpci_zv_str(&kb->size_log2, "%llu", log2, sizeof(log2)));
		zpci_print_string(&bp, ZP_TEXT, key, val, "");
		zpci_print_uint(&bp, ZP_JSON, "index", (uint64_t)i, NULL);
		zpci_print_uint(&bp, ZP_JSON, "size", kb->size, NULL);
		zpci_print_hex(&bp, ZP_JSON, "flags", 16, kb->flags, NULL);
		zpci_print_zv(&bp, ZP_JSON, "clp_size_log2", -1, &kb->size_log2, NULL);
		zpci_print_zv_hex(&bp, ZP_JSON, "clp_bar", 8, &kb->val, NULL);
		if (arr)
			json_object_array_add(arr, bp.obj);
	}
	if (arr)
		zpci_print_json(p, "bars", arr);
}

void zpci_print_kdiag(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	const struct zpci_kdiag_info *k = zpci_fn_kdiag(fn);
	const char *state = zpci_kdiag_state_name(&k->state);
	struct zpci_printer kp;
	char buf[64], a[24], b[24];

	if (!k->valid) {
		zpci_print_json(p, "kernel", NULL);
		return;
	}
	kp = zpci_print_section(p, ZP_ANY, "kernel", "Kernel (zpcidiag_diag)", 14);
	zpci_print_zv(&kp, ZP_JSON, "fid", -1, &k->fid, NULL);
	zpci_print_zv_hex(&kp, ZP_ANY, "fh", 8, &k->fh, "function handle as the kernel holds it");
	zpci_print_zv(&kp, ZP_JSON, "uid", -1, &k->uid, NULL);
	zpci_print_zv(&kp, ZP_JSON, "pchid", -1, &k->pchid, NULL);
	zpci_print_zv(&kp, ZP_JSON, "pfgid", -1, &k->pfgid, NULL);
	zpci_print_zv(&kp, ZP_JSON, "vfn", -1, &k->vfn, NULL);
	zpci_print_zv(&kp, ZP_JSON, "pft", -1, &k->pft, NULL);
	zpci_print_zv(&kp, ZP_JSON, "port", -1, &k->port, NULL);
	snprintf(buf, sizeof(buf), "%s (raw %s)", state ? state : "-",
		 zpci_zv_str(&k->state_raw, "%llu", a, sizeof(a)));
	zpci_print_string(&kp, ZP_TEXT, "state", buf,
			  "the kernel's configuration state of the function");
	zpci_print_zv(&kp, ZP_JSON, "state", -1, &k->state, NULL);
	zpci_print_string(&kp, ZP_JSON, "state_name", state && state[0] ? state : NULL, NULL);
	zpci_print_zv(&kp, ZP_JSON, "state_raw", -1, &k->state_raw, NULL);
	zpci_print_zv(&kp, ZP_ANY, "maxstbl", -1, &k->maxstbl, "largest PCISTB (function group)");
	zpci_print_zv(&kp, ZP_ANY, "dtsm", 2, &k->dtsm, "supported DMA translation modes");
	zpci_print_zv(&kp, ZP_ANY, "version", -1, &k->version,
		      "PCI architecture level (function group)");
	snprintf(buf, sizeof(buf), "%s-%s", zpci_zv_str(&k->start_dma, "0x%llx", a, sizeof(a)),
		 zpci_zv_str(&k->end_dma, "0x%llx", b, sizeof(b)));
	zpci_print_string(&kp, ZP_TEXT, "dma window", buf, "the kernel's, may be narrower than CLP's");
	zpci_print_zv_hex(&kp, ZP_JSON, "start_dma", 16, &k->start_dma, NULL);
	zpci_print_zv_hex(&kp, ZP_JSON, "end_dma", 16, &k->end_dma, NULL);
	/* the text's names have spaces where the JSON members have underscores */
	zpci_print_zv_hex(&kp, ZP_TEXT, "msi address", 16, &k->msi_addr, "");
	zpci_print_zv_hex(&kp, ZP_JSON, "msi_addr", 16, &k->msi_addr, NULL);
	zpci_print_zv(&kp, ZP_TEXT, "max msi", -1, &k->max_msi, "");
	zpci_print_zv(&kp, ZP_JSON, "max_msi", -1, &k->max_msi, NULL);
	zpci_print_zv(&kp, ZP_TEXT, "fmb length", -1, &k->fmb_length, "function measurement block");
	zpci_print_zv(&kp, ZP_JSON, "fmb_length", -1, &k->fmb_length, NULL);
	zpci_print_string(&kp, ZP_TEXT, "mio capable", !zv_ok(k->mio_capable) ? "-" :
			  k->mio_capable.v ? "yes" : "no", "");
	zpci_print_zv_bool(&kp, ZP_JSON, "mio_capable", &k->mio_capable, NULL);
	print_flag(&kp, "is_physfn", &k->is_physfn, "CLP: SR-IOV physical function");
	print_routing_id(&kp, k);
	print_flag(&kp, "is_virtfn", &k->is_virtfn, k->pf_addr);
	zpci_print_string(&kp, ZP_JSON, "pf_address", k->pf_addr[0] ? k->pf_addr : NULL, NULL);
	print_flag(&kp, "no_command_memory", &k->no_command_memory,
		   zv_ok(k->no_command_memory) && k->no_command_memory.v ?
		   "known: vfio emulates the memory bit for this function" : "");
	print_flag(&kp, "non_mappable_bars", &k->non_mappable_bars,
		   zv_ok(k->non_mappable_bars) ? "" : "not known to this kernel (6.15+)");
	print_kdiag_bars(&kp, k);
}
