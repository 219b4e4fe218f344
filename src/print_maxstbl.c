// SPDX-License-Identifier: MIT
/*
 * maxstbl from every source, for people and for JSON from the same calls
 * (print.h): show's and clp show's "maxstbl by source" block, and the
 * "maxstbl" member of a function. The view itself is maxstbl.c's.
 */
#include "config.h"

#include "json_value.h"
#include "maxstbl.h"
#include "print_maxstbl.h"

void zpci_print_maxstbl(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	json_object *src = p->obj ? json_object_new_object() : NULL;
	json_object *why = p->obj ? json_object_new_object() : NULL;
	struct zpci_printer ps = p->obj ? zpci_printer_json(src) : *p;
	struct zpci_printer pw = p->obj ? zpci_printer_json(why) : *p;
	struct zpci_maxstbl_view v;

	zpci_maxstbl_view(fn, &v);
	for (int i = 0; i < ZM_NSRC; i++) {
		const struct zpci_maxstbl_entry *e = &v.src[i];

		if (e->known) {
			zpci_print_uint(&ps, ZP_ANY, e->name, e->value, e->meaning);
		} else {
			zpci_print_string(&ps, ZP_ANY, e->name, NULL, e->why);
			zpci_print_string(&pw, ZP_JSON, e->name, e->why, NULL);
		}
	}
	zpci_print_json(p, "sources", src);
	zpci_print_json(p, "unavailable", why);
	zpci_print_json(p, "hardware", v.hardware_known ? zpci_json_u64(v.hardware) : NULL);
	zpci_print_json(p, "hardware_source", v.hardware_known ?
			json_object_new_string(v.src[v.hardware_from].name) : NULL);
	if (v.effective_known) {
		zpci_print_uint(p, ZP_ANY, "effective", v.effective, v.effective_why);
		zpci_print_string(p, ZP_JSON, "effective_reason", v.effective_why, NULL);
	} else {
		zpci_print_string(p, ZP_ANY, "effective", NULL, "no source knows maxstbl");
		zpci_print_json(p, "effective_reason", NULL);
	}
	zpci_print_findings(p, v.findings, v.nfindings);
}

/* text: "  severity: code: text" lines; JSON: "findings": [{severity, code, text}] */
void zpci_print_findings(const struct zpci_printer *p, const struct zpci_maxstbl_finding *f,
			 size_t n)
{
	json_object *a = p->obj ? json_object_new_array() : NULL;

	for (size_t i = 0; i < n; i++) {
		const char *sev = zpci_severity_name(f[i].severity);

		if (a) {
			json_object *o = json_object_new_object();
			struct zpci_printer po = zpci_printer_json(o);

			zpci_print_string(&po, ZP_JSON, "severity", sev, NULL);
			zpci_print_string(&po, ZP_JSON, "code", f[i].code, NULL);
			zpci_print_string(&po, ZP_JSON, "text", f[i].text, NULL);
			json_object_array_add(a, o);
		} else {
			fprintf(p->f, "  %s: %s: %s\n", sev, f[i].code, f[i].text);
		}
	}
	zpci_print_json(p, "findings", a);
}
