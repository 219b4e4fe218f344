// SPDX-License-Identifier: MIT
/*
 * CLP answers for people and for JSON from the same calls (print.h): a
 * field added here appears in clp show and in the schema's "clp" member
 * alike. Text-only lines (a combined vendor:device) and JSON-only members
 * (response_length) say so with ZP_TEXT / ZP_JSON.
 */
#include "config.h"

#include "clp_print.h"

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
