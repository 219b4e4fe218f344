// SPDX-License-Identifier: MIT
/*
 * CLP answers for people and for JSON from the same calls (print.h): a
 * field added here appears in clp show and in the schema's "clp" member
 * alike. Text-only lines (a combined vendor:device) and JSON-only members
 * (response_length) say so with ZP_TEXT / ZP_JSON. The "clp" member of a
 * function is built here too.
 */
#include "config.h"

#include <string.h>

#include "clp_decode.h"
#include "clp_print.h"
#include "json_value.h"
#include "output.h"
#include "print_util.h"
#include "util_string.h"

void zpci_clp_list_entry_print(const struct zpci_printer *p, const struct zpci_clp_list_entry *e)
{
	bool enabled = e->fh & 0x80000000u;
	char vd[16];

	zpci_print_uint(p, ZP_JSON, "fid", e->fid, NULL);
	zpci_print_hex(p, ZP_JSON, "fh", 8, e->fh, NULL);
	zpci_print_hex(p, ZP_TEXT, "function_handle", 8, e->fh, enabled ?
		       "enabled (bit 0x80000000 set)" :
		       "not enabled (no I/O possible until configured and enabled)");
	zpci_print_bool(p, ZP_JSON, "fh_enabled", enabled, NULL);
	zpci_print_uint(p, ZP_JSON, "vendor_id", e->vendor_id, NULL);
	zpci_print_uint(p, ZP_JSON, "device_id", e->device_id, NULL);
	snprintf(vd, sizeof(vd), "%04x:%04x", e->vendor_id, e->device_id);
	zpci_print_string(p, ZP_TEXT, "vendor:device", vd, NULL);
	zpci_print_uint(p, ZP_ANY, "config_state", e->configured, e->configured ?
			"configured: usable by this partition" :
			"standby: reserved for this partition, slot power off");
}

static json_object *json_pfip(const uint8_t pfip[4])
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < 4; i++)
		json_object_array_add(a, zpci_json_u64(pfip[i]));
	return a;
}

/* JSON: every BAR slot, implemented or not, with its MIO addresses or null */
static json_object *json_bars(const struct zpci_clp_fn_data *q)
{
	json_object *bars = json_object_new_array();
	char buf[32];

	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		json_object *b = json_object_new_object();
		uint64_t size = clp_bar_size(q->bar_size_log2[i]);
		bool mio = q->has_mio_area && (q->mio_valid & (0x20u >> i));

		json_object_object_add(b, "index", json_object_new_int(i));
		json_object_object_add(b, "size_log2", zpci_json_u64(q->bar_size_log2[i]));
		json_object_object_add(b, "size", zpci_json_u64(size));
		json_object_object_add(b, "size_human",
				       json_object_new_string(zpci_size_str(size, buf, sizeof(buf))));
		json_object_object_add(b, "bar_word", zpci_json_hex(q->bar_word[i], 8));
		json_object_object_add(b, "bar_word_big_endian", zpci_json_hex(q->bar_word_be[i], 8));
		json_object_object_add(b, "mio_wb", mio ? zpci_json_hex(q->mio_wb[i], 16) : NULL);
		json_object_object_add(b, "mio_wt", mio ? zpci_json_hex(q->mio_wt[i], 16) : NULL);
		json_object_array_add(bars, b);
	}
	return bars;
}

/* text: the implemented BARs, then the MIO addresses firmware offers */
static void text_bars(const struct zpci_printer *p, const struct zpci_clp_fn_data *q)
{
	char key[24], buf[160], size[24];

	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		if (!q->bar_size_log2[i])
			continue;
		snprintf(key, sizeof(key), "bar%d", i);
		zpci_size_str(clp_bar_size(q->bar_size_log2[i]), size, sizeof(size));
		snprintf(buf, sizeof(buf), "size 2^%u = %s; BAR word 0x%08x (big-endian 0x%08x)",
			 q->bar_size_log2[i], size, q->bar_word[i], q->bar_word_be[i]);
		zpci_print_string(p, ZP_TEXT, key, size, buf);
	}
	for (int i = 0; q->has_mio_area && i < ZPCI_NUM_BARS; i++) {
		if (!(q->mio_valid & (0x20u >> i)))
			continue;
		snprintf(key, sizeof(key), "mio bar%d", i);
		snprintf(buf, sizeof(buf), "wb 0x%016llx wt 0x%016llx",
			 (unsigned long long)q->mio_wb[i], (unsigned long long)q->mio_wt[i]);
		zpci_print_string(p, ZP_TEXT, key, buf, "write-back / write-through addresses");
	}
}

void zpci_clp_query_fn_print(const struct zpci_printer *p, const struct zpci_clp_fn_data *q)
{
	char buf[160];

	zpci_print_hexnum(p, ZP_ANY, "fid", 8, q->fid, "function ID");
	zpci_print_hexnum(p, ZP_ANY, "uid", 1, q->uid, "user-defined ID (from the I/O configuration)");
	zpci_print_hexnum(p, ZP_ANY, "pchid", 4, q->pchid, "physical channel ID of the adapter card");
	zpci_print_hexnum(p, ZP_ANY, "pfgid", 2, q->pfgid,
			  "function group: see Query PCI Function Group below");
	zpci_print_uint(p, ZP_ANY, "vfn", q->vfn, q->vfn ? "virtual function number: this is a VF" :
			"virtual function number (0: not a VF)");
	snprintf(buf, sizeof(buf), "function type: %s", zpci_pft_long(q->pft));
	zpci_print_hexnum(p, ZP_ANY, "pft", 2, q->pft, buf);
	zpci_print_string(p, ZP_JSON, "pft_name", zpci_pft_short(q->pft), NULL);
	zpci_print_uint(p, ZP_ANY, "port", q->port, "adapter port this function serves");
	zpci_print_hexnum(p, ZP_ANY, "fidparm", 2, q->fidparm, "function ID parameter");
	zpci_print_bool(p, ZP_ANY, "is_physfn", q->is_physfn,
			q->is_physfn ? "a PF that can enable VFs (SR-IOV)" : NULL);
	zpci_print_bool(p, ZP_JSON, "rid_avail", q->rid_avail, NULL);
	if (q->rid_avail) {
		snprintf(buf, sizeof(buf), "0x%04x (devfn %02x.%x)", q->rid, (q->rid & 0xff) >> 3,
			 q->rid & 7);
		zpci_print_string(p, ZP_TEXT, "rid", buf, "requester ID: devfn is the low byte");
		zpci_print_uint(p, ZP_JSON, "rid", q->rid, NULL);
	} else {
		zpci_print_string(p, ZP_TEXT, "rid", "-", "rid_avail 0: no requester ID, devfn 0");
		zpci_print_json(p, "rid", NULL);
	}
	zpci_print_bool(p, ZP_JSON, "tid_avail", q->tid_avail, NULL);
	if (q->tid_avail)
		zpci_print_hexnum(p, ZP_ANY, "tid", 4, q->tid, "topology ID (newer firmware)");
	else
		zpci_print_json(p, "tid", NULL);
	zpci_print_bool(p, ZP_ANY, "util_str_avail", q->util_str_avail,
			q->util_str_avail ? "a utility string is set" : NULL);
	zpci_print_bool(p, ZP_ANY, "mio_addr_avail", q->mio_addr_avail, q->mio_addr_avail ?
			"MIO addresses offered: BARs may be mapped into CPU address space" :
			"no MIO: BARs reached by PCI load/store instructions");
	snprintf(buf, sizeof(buf), "%u bytes", 4u * q->fmb_len);
	zpci_print_string(p, ZP_TEXT, "fmb_length", buf, "function measurement block, 4-byte units x 4");
	zpci_print_uint(p, ZP_JSON, "fmb_length", 4u * q->fmb_len, NULL);
	zpci_print_hex(p, ZP_ANY, "sdma", 16, q->sdma, "start of the DMA address window firmware allows");
	zpci_print_hex(p, ZP_ANY, "edma", 16, q->edma, "end of that window (the kernel may narrow it)");
	snprintf(buf, sizeof(buf), "%02x %02x %02x %02x", q->pfip[0], q->pfip[1], q->pfip[2],
		 q->pfip[3]);
	zpci_print_string(p, ZP_TEXT, "pfip", buf, "PCI function internal path segments 0-3");
	zpci_print_json(p, "pfip", p->obj ? json_pfip(q->pfip) : NULL);
	if (p->obj)
		zpci_print_json(p, "bars", json_bars(q));
	else
		text_bars(p, q);
	/* text: nothing when firmware says none is set and the bytes agree */
	if (p->obj || q->util_str_avail || !zpci_util_blank(q->util_str, sizeof(q->util_str)))
		zpci_print_util(p, "util_str", q->util_str, sizeof(q->util_str), q->util_str_avail);
	zpci_print_uint(p, ZP_JSON, "response_length", q->rsp_len, NULL);
}

void zpci_clp_group_print(const struct zpci_printer *p, const struct zpci_clp_group_data *g)
{
	zpci_print_hexnum(p, ZP_ANY, "pfgid", 2, g->pfgid, NULL);
	zpci_print_uint(p, ZP_ANY, "noi", g->noi, "number of MSI interrupts the group supports");
	zpci_print_uint(p, ZP_ANY, "version", g->version, g->version == 1 ?
			"PCI version: PCIe Gen2 (5 GT/s) per the kernel" :
			"PCI version (speed unknown to the kernel)");
	zpci_print_bool(p, ZP_ANY, "frame", g->frame, "frame flag as firmware reports it");
	zpci_print_bool(p, ZP_ANY, "refresh", g->refresh, g->refresh ?
			"TLB refresh mode: translations must be refreshed (RPCIT) after mapping changes" :
			"TLB refresh mode off");
	zpci_print_uint(p, ZP_ANY, "maxstbl", g->maxstbl, "largest PCI block store (PCISTB) in bytes");
	zpci_print_uint(p, ZP_ANY, "mui", g->mui, "measurement block update interval (ms)");
	zpci_print_hexnum(p, ZP_ANY, "dtsm", 2, g->dtsm, "supported DMA translation formats mask");
	zpci_print_uint(p, ZP_ANY, "maxfaal", g->maxfaal, "max fetch-and-add alignment length");
	zpci_print_uint(p, ZP_ANY, "dnoi", g->dnoi, "number of directed interrupts");
	zpci_print_uint(p, ZP_ANY, "maxcpu", g->maxcpu, "max CPUs for directed interrupts");
	zpci_print_hex(p, ZP_ANY, "dasm", 16, g->dasm, "DMA address space mask");
	zpci_print_hex(p, ZP_ANY, "msia", 16, g->msia, "MSI address the function writes to");
	zpci_print_uint(p, ZP_JSON, "response_length", g->rsp_len, NULL);
}

static json_object *json_notes(const struct zpci_clp_notes *n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n->n; i++)
		json_object_array_add(a, json_object_new_string(n->text[i]));
	return a;
}

static json_object *json_clp(const struct zpci_fn *fn)
{
	const struct zpci_clp_info *c = zpci_fn_clp(fn);
	json_object *o;

	if (!c->valid)
		return NULL;
	o = json_object_new_object();
	/* each answer through the printer clp show's text comes from */
	for (int i = 0; i < 3; i++) {
		static const char *const key[] = { "list", "query_function", "query_group" };
		json_object *a = json_object_new_object();
		struct zpci_printer p = zpci_printer_json(a);

		if (i == 0)
			zpci_clp_list_entry_print(&p, &c->list);
		else if (i == 1 && c->fn_valid)
			zpci_clp_query_fn_print(&p, &c->fn);
		else if (i == 2 && c->group_valid)
			zpci_clp_group_print(&p, &c->group);
		else
			json_object_put(a), a = NULL;
		json_object_object_add(o, key[i], a);
	}
	json_object_object_add(o, "error", zpci_json_str(c->error));
	json_object_object_add(o, "notes", json_notes(&c->notes));
	return o;
}

/* JSON: the "clp" member of a function (null when CLP did not list it) */
void zpci_print_clp(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	zpci_print_json(p, "clp", p->obj ? json_clp(fn) : NULL);
}
