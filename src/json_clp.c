// SPDX-License-Identifier: MIT
/*
 * JSON for the CLP, vfio and maxstbl parts of a function. Defines the strong
 * versions of json_out.h's hooks, so every command that prints a function
 * (show, clp, caps) carries the members "clp", "maxstbl" and "vfio".
 * IDs, counts and sizes are numbers; 64-bit addresses, masks and handles are
 * "0x..." strings (schema 2); sizes also come in lspci's human form.
 */
#include "config.h"

#include <stdio.h>

#include "clp_decode.h"
#include "clp_print.h"
#include "json_clp.h"
#include "zpci_io_dev.h"
#include "maxstbl.h"
#include "output.h"
#include "vfio_caps.h"
#include "util_string.h"

static json_object *jbool(bool b)
{
	return json_object_new_boolean(b);
}

static json_object *jint(uint64_t v)
{
	return zpci_json_u64(v);
}

static json_object *jstr(const char *s)
{
	return json_object_new_string(s);
}

static json_object *json_notes(const struct zpci_clp_notes *n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n->n; i++)
		json_object_array_add(a, jstr(n->text[i]));
	return a;
}

json_object *zpci_json_clp_list_entry(const struct zpci_clp_list_entry *e)
{
	json_object *o = json_object_new_object();
	struct zpci_printer p = zpci_printer_json(o);

	zpci_clp_list_entry_print(&p, e);
	return o;
}

json_object *zpci_json_util_str(const uint8_t util[64], bool avail)
{
	json_object *o = json_object_new_object(), *ids = json_object_new_array();
	char hex[129], ascii[65], pnet[4][17];

	for (int i = 0; i < 64; i++)
		snprintf(hex + 2 * i, 3, "%02x", util[i]);
	zpci_util_text(util, 64, ascii, sizeof(ascii));
	zpci_util_pnet_ids(util, 64, pnet);
	for (int i = 0; i < 4; i++)
		json_object_array_add(ids, pnet[i][0] ? jstr(pnet[i]) : NULL);
	json_object_object_add(o, "available", jbool(avail));
	json_object_object_add(o, "hex", jstr(hex));
	json_object_object_add(o, "text", jstr(ascii));
	json_object_object_add(o, "pnet_ids", ids);
	return o;
}

static json_object *json_query_fn(const struct zpci_clp_fn_data *q)
{
	json_object *o = json_object_new_object();
	struct zpci_printer p = zpci_printer_json(o);

	zpci_clp_query_fn_print(&p, q);
	return o;
}

static json_object *json_group(const struct zpci_clp_group_data *g)
{
	json_object *o = json_object_new_object();
	struct zpci_printer p = zpci_printer_json(o);

	zpci_clp_group_print(&p, g);
	return o;
}

json_object *zpci_json_clp(const struct zpci_fn *fn)
{
	const struct zpci_clp_info *c = zpci_fn_clp(fn);
	json_object *o;

	if (!c->valid)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "list", zpci_json_clp_list_entry(&c->list));
	json_object_object_add(o, "query_function", c->fn_valid ? json_query_fn(&c->fn) : NULL);
	json_object_object_add(o, "query_group", c->group_valid ? json_group(&c->group) : NULL);
	json_object_object_add(o, "error", zpci_json_str(c->error));
	json_object_object_add(o, "notes", json_notes(&c->notes));
	return o;
}

json_object *zpci_json_maxstbl(const struct zpci_fn *fn)
{
	json_object *o = json_object_new_object(), *src = json_object_new_object();
	json_object *why = json_object_new_object(), *fa = json_object_new_array();
	struct zpci_maxstbl_view v;

	zpci_maxstbl_view(fn, &v);
	for (int i = 0; i < ZM_NSRC; i++) {
		json_object_object_add(src, v.src[i].name, v.src[i].known ? jint(v.src[i].value) : NULL);
		if (!v.src[i].known)
			json_object_object_add(why, v.src[i].name, jstr(v.src[i].why));
	}
	json_object_object_add(o, "sources", src);
	json_object_object_add(o, "unavailable", why);
	json_object_object_add(o, "hardware", v.hardware_known ? jint(v.hardware) : NULL);
	json_object_object_add(o, "hardware_source",
			       v.hardware_known ? jstr(v.src[v.hardware_from].name) : NULL);
	json_object_object_add(o, "effective", v.effective_known ? jint(v.effective) : NULL);
	json_object_object_add(o, "effective_reason",
			       v.effective_known ? jstr(v.effective_why) : NULL);
	for (size_t i = 0; i < v.nfindings; i++) {
		json_object *f = json_object_new_object();

		json_object_object_add(f, "severity", jstr(zpci_severity_name(v.findings[i].severity)));
		json_object_object_add(f, "code", jstr(v.findings[i].code));
		json_object_object_add(f, "text", jstr(v.findings[i].text));
		json_object_array_add(fa, f);
	}
	json_object_object_add(o, "findings", fa);
	return o;
}

json_object *zpci_json_vfio(const struct zpci_fn *fn)
{
	const struct zpci_vfio_info *v = zpci_fn_vfio(fn);
	json_object *o, *caps, *regs, *irqs;

	if (!v->valid)
		return NULL;
	o = json_object_new_object();
	caps = json_object_new_array();
	regs = json_object_new_array();
	irqs = json_object_new_array();
	json_object_object_add(o, "driver", zpci_json_str(v->driver));
	json_object_object_add(o, "device_flags", jint(v->flags));
	json_object_object_add(o, "num_regions", jint(v->num_regions));
	json_object_object_add(o, "num_irqs", jint(v->num_irqs));
	for (size_t i = 0; i < v->ncaps; i++) {
		json_object *c = json_object_new_object();

		json_object_object_add(c, "id", jint(v->caps[i].id));
		json_object_object_add(c, "name", jstr(zpci_vfio_cap_name(v->caps[i].id)));
		json_object_object_add(c, "version", jint(v->caps[i].version));
		json_object_object_add(c, "offset", jint(v->caps[i].offset));
		json_object_object_add(c, "length", jint(v->caps[i].len));
		json_object_array_add(caps, c);
	}
	json_object_object_add(o, "capabilities", caps);
	json_object_object_add(o, "chain_error", zpci_json_str(v->chain_error));
	if (v->base_valid) {
		json_object *b = json_object_new_object();

		json_object_object_add(b, "version", jint(v->base_version));
		json_object_object_add(b, "start_dma", zpci_json_hex(v->start_dma, 16));
		json_object_object_add(b, "end_dma", zpci_json_hex(v->end_dma, 16));
		json_object_object_add(b, "pchid", jint(v->pchid));
		json_object_object_add(b, "vfn", jint(v->vfn));
		json_object_object_add(b, "fmb_length", jint(v->fmb_length));
		json_object_object_add(b, "pft", jint(v->pft));
		json_object_object_add(b, "gid", jint(v->gid));
		json_object_object_add(b, "fh", v->fh_valid ? zpci_json_hex(v->fh, 8) : NULL);
		json_object_object_add(o, "zpci_base", b);
	} else {
		json_object_object_add(o, "zpci_base", NULL);
	}
	if (v->group_valid) {
		json_object *g = json_object_new_object();

		json_object_object_add(g, "version", jint(v->group_version));
		json_object_object_add(g, "dasm", zpci_json_hex(v->dasm, 16));
		json_object_object_add(g, "msi_addr", zpci_json_hex(v->msi_addr, 16));
		json_object_object_add(g, "flags", zpci_json_hex(v->group_flags, 16));
		json_object_object_add(g, "refresh", jbool(v->group_flags & 1));
		json_object_object_add(g, "mui", jint(v->mui));
		json_object_object_add(g, "noi", jint(v->noi));
		json_object_object_add(g, "maxstbl", jint(v->maxstbl));
		json_object_object_add(g, "pci_version", jint(v->pci_version));
		json_object_object_add(g, "imaxstbl", v->imaxstbl_valid ? jint(v->imaxstbl) : NULL);
		json_object_object_add(o, "zpci_group", g);
	} else {
		json_object_object_add(o, "zpci_group", NULL);
	}
	if (v->util_valid) {
		json_object *u = zpci_json_util_str(v->util_str, true);

		json_object_object_add(u, "version", jint(v->util_version));
		json_object_object_add(u, "size", jint(v->util_size));
		json_object_object_add(o, "zpci_util", u);
	} else {
		json_object_object_add(o, "zpci_util", NULL);
	}
	if (v->pfip_valid) {
		json_object *p = json_object_new_object(), *seg = json_object_new_array();

		for (uint32_t i = 0; i < v->pfip_size && i < 4; i++)
			json_object_array_add(seg, jint(v->pfip[i]));
		json_object_object_add(p, "version", jint(v->pfip_version));
		json_object_object_add(p, "size", jint(v->pfip_size));
		json_object_object_add(p, "pfip", seg);
		json_object_object_add(o, "zpci_pfip", p);
	} else {
		json_object_object_add(o, "zpci_pfip", NULL);
	}
	for (size_t i = 0; i < v->nregions; i++) {
		json_object *r = json_object_new_object();
		uint32_t fl = v->regions[i].flags;
		char buf[32];

		json_object_object_add(r, "index", jint(v->regions[i].index));
		json_object_object_add(r, "size", jint(v->regions[i].size));
		json_object_object_add(r, "size_human",
				       jstr(zpci_size_str(v->regions[i].size, buf, sizeof(buf))));
		json_object_object_add(r, "offset", zpci_json_hex(v->regions[i].offset, 16));
		json_object_object_add(r, "flags", jint(fl));
		json_object_object_add(r, "read", jbool(fl & 1));
		json_object_object_add(r, "write", jbool(fl & 2));
		json_object_object_add(r, "mmap", jbool(fl & 4));
		json_object_object_add(r, "type", v->regions[i].has_type ? jint(v->regions[i].type) : NULL);
		json_object_object_add(r, "subtype",
				       v->regions[i].has_type ? jint(v->regions[i].subtype) : NULL);
		json_object_array_add(regs, r);
	}
	json_object_object_add(o, "regions", regs);
	for (size_t i = 0; i < v->nirqs; i++) {
		json_object *q = json_object_new_object();

		json_object_object_add(q, "index", jint(v->irqs[i].index));
		json_object_object_add(q, "count", jint(v->irqs[i].count));
		json_object_object_add(q, "flags", jint(v->irqs[i].flags));
		json_object_array_add(irqs, q);
	}
	json_object_object_add(o, "irqs", irqs);
	json_object_object_add(o, "io_region_max", v->io_region_valid ? jint(v->io_region_max) : NULL);
	json_object_object_add(o, "io_path", v->valid ?
			       jstr(zpci_io_path_name(zpci_io_path_of_driver(v->driver))) : NULL);
	return o;
}

/* json_out.h members: "clp" with "maxstbl", and "vfio". */
void zpci_json_add_clp(json_object *fnobj, const struct zpci_fn *fn)
{
	json_object_object_add(fnobj, "clp", zpci_json_clp(fn));
	json_object_object_add(fnobj, "maxstbl", zpci_json_maxstbl(fn));
}

void zpci_json_add_vfio(json_object *fnobj, const struct zpci_fn *fn)
{
	json_object_object_add(fnobj, "vfio", zpci_json_vfio(fn));
}
