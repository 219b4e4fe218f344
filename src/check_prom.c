// SPDX-License-Identifier: MIT
/*
 * zpcidiag check's Prometheus textfile, for node_exporter's textfile
 * collector. Two rules of that collector shape this file:
 *  - it fills the labels a sample lacks with "" and refuses a second sample
 *    with the same name and label values, so every family here is printed
 *    from a sorted list in which equal label sets are merged (a rule that
 *    fires twice on one function is one series with the value 2);
 *  - per-function series carry the labels of node_exporter's pcidevice
 *    collector (segment, bus, device, function, formatted as it formats
 *    them) plus fid, so `on (segment, bus, device, function)` joins them
 *    with node_pcidevice_*; fid tells standby functions (no address) apart.
 * No sample has a timestamp: the collector rejects files with timestamps.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_out.h"
#include "model.h"

struct prom_series {
	char *labels;		/* "name=\"value\",..." without braces */
	size_t value;
};

struct prom_family {
	struct prom_series *v;
	size_t n, cap;
	bool oom;
};

/* Label values escape backslash, double quote and newline. */
static void put_label(FILE *f, const char *name, const char *value, bool first)
{
	fprintf(f, "%s%s=\"", first ? "" : ",", name);
	for (; *value; value++) {
		if (*value == '\\' || *value == '"')
			fprintf(f, "\\%c", *value);
		else if (*value == '\n')
			fputs("\\n", f);
		else
			fputc(*value, f);
	}
	fputc('"', f);
}

static void put_hex_label(FILE *f, const char *name, const struct zv *v, int digits)
{
	char buf[24] = "";

	if (zv_ok(*v))
		snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v->v);
	put_label(f, name, buf, false);
}

/* The key of every per-function series: node_exporter's pcidevice labels and
 * fid (also the key of stats --prometheus, print_stats.c). */
void zpci_prom_fn_key(FILE *f, const struct zpci_fn *fn)
{
	char seg[12] = "", bus[4] = "", dev[4] = "", func[4] = "", fid[12] = "";

	if (fn->address[0]) {
		snprintf(seg, sizeof(seg), "%04x", fn->domain);
		snprintf(bus, sizeof(bus), "%02x", fn->bus & 0xff);
		snprintf(dev, sizeof(dev), "%02x", fn->dev & 0x1f);
		snprintf(func, sizeof(func), "%x", fn->func & 0x7);
	}
	if (fn->fid_known)
		snprintf(fid, sizeof(fid), "0x%08x", fn->fid);
	else if (fn->zattr.fid.st == ZV_MALFORMED)
		snprintf(fid, sizeof(fid), "malformed");
	put_label(f, "segment", seg, true);
	put_label(f, "bus", bus, false);
	put_label(f, "device", dev, false);
	put_label(f, "function", func, false);
	put_label(f, "fid", fid, false);
}

/* Opens a label string; end_series() adds it to the family. */
static FILE *begin_series(struct prom_family *fam, char **buf, size_t *len)
{
	FILE *m;

	*buf = NULL;
	m = open_memstream(buf, len);
	if (!m)
		fam->oom = true;
	return m;
}

static void end_series(struct prom_family *fam, FILE *m, char **bufp, size_t value)
{
	struct prom_series *v;
	char *buf;

	/* the stream sets the buffer pointer only when it is closed */
	if (fclose(m) | !(buf = *bufp) || fam->oom) {
		fam->oom = true;
		free(buf);
		return;
	}
	if (fam->n == fam->cap) {
		v = realloc(fam->v, (fam->cap ? fam->cap * 2 : 16) * sizeof(*v));
		if (!v) {
			fam->oom = true;
			free(buf);
			return;
		}
		fam->v = v;
		fam->cap = fam->cap ? fam->cap * 2 : 16;
	}
	fam->v[fam->n].labels = buf;
	fam->v[fam->n++].value = value;
}

static int cmp_series(const void *a, const void *b)
{
	return strcmp(((const struct prom_series *)a)->labels,
		      ((const struct prom_series *)b)->labels);
}

/* HELP, TYPE, then one sample per distinct label set (values of equal sets summed). */
static void print_family(FILE *f, const char *name, const char *help, struct prom_family *fam)
{
	fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
	if (fam->n)
		qsort(fam->v, fam->n, sizeof(*fam->v), cmp_series);
	for (size_t i = 0; i < fam->n; i++) {
		size_t sum = fam->v[i].value;

		while (i + 1 < fam->n && strcmp(fam->v[i].labels, fam->v[i + 1].labels) == 0)
			sum += fam->v[++i].value;
		fprintf(f, "%s{%s} %zu\n", name, fam->v[i].labels, sum);
	}
}

static void free_family(struct prom_family *fam)
{
	for (size_t i = 0; i < fam->n; i++)
		free(fam->v[i].labels);
	free(fam->v);
}

static void info_series(struct prom_family *fam, const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	const char *type = zv_ok(a->pft) ? zpci_pft_short((unsigned int)a->pft.v) : NULL;
	char *buf;
	size_t len;
	FILE *m = begin_series(fam, &buf, &len);

	if (!m)
		return;
	zpci_prom_fn_key(m, fn);
	put_hex_label(m, "uid", &a->uid, 1);
	put_hex_label(m, "pchid", &a->pchid, 4);
	put_hex_label(m, "pft", &a->pft, 2);
	put_label(m, "type", type ? type : "", false);
	put_label(m, "driver", fn->pci.driver, false);
	end_series(fam, m, &buf, 1);
}

static void finding_series(struct prom_family *fam, const struct zpci_finding *x)
{
	char *buf;
	size_t len;
	FILE *m = begin_series(fam, &buf, &len);

	if (!m)
		return;
	if (x->fn)
		zpci_prom_fn_key(m, x->fn);
	put_label(m, "rule", x->rule->id, !x->fn);
	put_label(m, "severity", zpci_severity_name(x->rule->severity), false);
	end_series(fam, m, &buf, 1);
}

int zpci_check_print_prometheus(FILE *f, const struct zpci_check_result *res)
{
	struct prom_family info = { 0 }, fnf = { 0 }, sysf = { 0 };
	int rc = 0;

	fprintf(f, "# HELP zpcidiag_check_status Worst result of zpcidiag check: 0 ok, 1 warning, "
		   "2 critical, 3 unknown.\n# TYPE zpcidiag_check_status gauge\n"
		   "zpcidiag_check_status %d\n", res->status);
	fprintf(f, "# HELP zpcidiag_check_findings Findings of zpcidiag check by severity "
		   "(ignored ones not counted).\n# TYPE zpcidiag_check_findings gauge\n");
	for (int s = ZSEV_INFO; s <= ZSEV_CRITICAL; s++)
		fprintf(f, "zpcidiag_check_findings{severity=\"%s\"} %zu\n",
			zpci_severity_name((enum zpci_severity)s), res->count[s]);
	fprintf(f, "# HELP zpcidiag_check_functions zPCI functions checked.\n"
		   "# TYPE zpcidiag_check_functions gauge\nzpcidiag_check_functions %zu\n", res->nfns);
	for (size_t i = 0; res->fns && i < res->nfns; i++)
		info_series(&info, res->fns[i]);
	for (size_t i = 0; i < res->findings.n; i++)
		finding_series(res->findings.v[i].fn ? &fnf : &sysf, &res->findings.v[i]);
	if (info.oom || fnf.oom || sysf.oom) {
		rc = -1;
	} else {
		print_family(f, "zpcidiag_function_info", "One series per zPCI function checked, "
			     "value 1; labels as node_exporter's pcidevice collector plus fid, uid, "
			     "pchid, pft, type and driver (empty when unknown).", &info);
		print_family(f, "zpcidiag_check_rule_findings", "Findings of one rule on one "
			     "function (ignored ones not counted).", &fnf);
		print_family(f, "zpcidiag_check_system_rule_findings", "Findings of one "
			     "system-wide rule (ignored ones not counted).", &sysf);
	}
	free_family(&info);
	free_family(&fnf);
	free_family(&sysf);
	fprintf(f, "# HELP zpcidiag_check_last_run_timestamp_seconds When zpcidiag check ran.\n"
		   "# TYPE zpcidiag_check_last_run_timestamp_seconds gauge\n"
		   "zpcidiag_check_last_run_timestamp_seconds %lld\n", (long long)time(NULL));
	return rc || ferror(f) ? -1 : 0;
}
