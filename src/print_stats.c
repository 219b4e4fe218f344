// SPDX-License-Identifier: MIT
/* zpcidiag stats output (print_stats.h). */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "check_out.h"
#include "json_out.h"
#include "output.h"
#include "print_stats.h"

static int row(struct zpci_table *t, const struct zpci_fn *fn, const char *state,
	       const char *counter, const char *value)
{
	char fid[24];
	struct zv fidv = zpci_fn_fid_zv(fn);

	zpci_zv_str(&fidv, "0x%08llx", fid, sizeof(fid));	/* "?" malformed, "-" absent */
	return zpci_table_row(t, fn->address[0] ? fn->address : "-", fid, state, counter, value);
}

int zpci_stats_table(const struct zpci_ctx *ctx, struct zpci_fn *const *fns,
		     const struct zpci_fmb *st, size_t n)
{
	static const char *const hdr[] = { "ADDRESS", "FID", "STATE", "COUNTER", "VALUE" };
	struct zpci_table t;
	int rc = ZX_OK;

	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		return ZX_INTERNAL;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct zpci_fmb *m = &st[i];
		const char *state = zpci_fmb_state_name(m->state);
		char v[32];

		if (m->state != ZPCI_FMB_ENABLED) {
			rc = row(&t, fns[i], state, "-", m->why[0] ? m->why : "-");
			continue;
		}
		snprintf(v, sizeof(v), "%" PRIu32 " ms", m->update_ms);
		rc = row(&t, fns[i], state, "update interval", v);
		snprintf(v, sizeof(v), "%" PRIu32, m->samples);
		rc = rc ? rc : row(&t, fns[i], state, "samples", v);
		for (size_t c = 0; c < m->n && !rc; c++) {
			snprintf(v, sizeof(v), "%" PRIu64, m->c[c].value);
			rc = row(&t, fns[i], state, m->c[c].name, v);
		}
		if (!rc && m->unknown_format)
			rc = row(&t, fns[i], state, "-", "unknown measurement block format");
	}
	if (!rc)
		rc = zpci_table_print(&t, ctx, stdout);
	else
		rc = ZX_INTERNAL;
	zpci_table_free(&t);
	return rc;
}

json_object *zpci_stats_json(const struct zpci_fmb *fmb)
{
	json_object *o = json_object_new_object(), *c;
	bool on = fmb->state == ZPCI_FMB_ENABLED;
	char tod[24];

	json_object_object_add(o, "state", json_object_new_string(zpci_fmb_state_name(fmb->state)));
	json_object_object_add(o, "reason", zpci_json_str(on ? "" : fmb->why));
	json_object_object_add(o, "update_interval_ms", on ? zpci_json_u64(fmb->update_ms) : NULL);
	json_object_object_add(o, "samples", on ? zpci_json_u64(fmb->samples) : NULL);
	snprintf(tod, sizeof(tod), "0x%" PRIx64, fmb->last_update_tod);
	json_object_object_add(o, "last_update_tod", on ? json_object_new_string(tod) : NULL);
	json_object_object_add(o, "unknown_format", json_object_new_boolean(fmb->unknown_format));
	c = on ? json_object_new_object() : NULL;
	for (size_t i = 0; on && i < fmb->n; i++)
		json_object_object_add(c, fmb->c[i].key, zpci_json_u64(fmb->c[i].value));
	json_object_object_add(o, "counters", c);
	return o;
}

static void prom_family(FILE *f, struct zpci_fn *const *fns, const struct zpci_fmb *st, size_t n,
			size_t from, const struct zpci_fmb_counter *k)
{
	fprintf(f, "# HELP zpcidiag_fmb_%s_total %s (function measurement block, "
		   "arch/s390/pci/pci_debug.c).\n# TYPE zpcidiag_fmb_%s_total counter\n",
		k->key, k->name, k->key);
	for (size_t i = from; i < n; i++) {
		const struct zpci_fmb_counter *c = st[i].state == ZPCI_FMB_ENABLED ?
						   zpci_fmb_find(&st[i], k->key) : NULL;

		if (c) {
			fprintf(f, "zpcidiag_fmb_%s_total{", k->key);
			zpci_prom_fn_key(f, fns[i]);
			fprintf(f, "} %" PRIu64 "\n", c->value);
		}
	}
}

/*
 * Prometheus output of the counters. Every series is keyed like check's
 * per-function series (check_prom.c): node_exporter's pcidevice labels
 * segment, bus, device, function, and fid, so both join with
 * node_pcidevice_* on (segment, bus, device, function).
 */
int zpci_stats_prometheus(FILE *f, struct zpci_fn *const *fns, const struct zpci_fmb *st, size_t n)
{
	fprintf(f, "# HELP zpcidiag_fmb_enabled Whether the function measurement block is on "
		   "(1), off (0).\n# TYPE zpcidiag_fmb_enabled gauge\n");
	for (size_t i = 0; i < n; i++)
		if (st[i].state == ZPCI_FMB_ENABLED || st[i].state == ZPCI_FMB_DISABLED) {
			fputs("zpcidiag_fmb_enabled{", f);
			zpci_prom_fn_key(f, fns[i]);
			fprintf(f, "} %d\n", st[i].state == ZPCI_FMB_ENABLED);
		}
	/* a metric family's samples stay together: one family per counter name */
	for (size_t i = 0; i < n; i++) {
		for (size_t c = 0; st[i].state == ZPCI_FMB_ENABLED && c < st[i].n; c++) {
			const struct zpci_fmb_counter *k = &st[i].c[c];
			bool seen = false;

			for (size_t j = 0; j < i && !seen; j++)
				seen = st[j].state == ZPCI_FMB_ENABLED && zpci_fmb_find(&st[j], k->key);
			if (!seen)
				prom_family(f, fns, st, n, i, k);
		}
	}
	return ferror(f) ? ZX_IO : ZX_OK;
}
