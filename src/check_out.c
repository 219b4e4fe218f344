// SPDX-License-Identifier: MIT
/*
 * zpcidiag check's outputs. The plugin line follows the Monitoring Plugins
 * development guidelines ("SERVICE STATUS - text | 'label'=value;warn;crit;min;max");
 * the Prometheus file is check_prom.c's.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

#include "check_out.h"
#include "json_out.h"
#include "output.h"

static const char *const status_name[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };

static const char *device_of(const struct zpci_finding *f, char *buf, size_t len)
{
	if (!f->fn)
		return "-";
	if (f->fn->address[0])
		return f->fn->address;
	snprintf(buf, len, "fid:0x%08x", f->fn->fid);
	return buf;
}

static const char *scope_name(enum zpci_check_scope s)
{
	return s == ZCS_SYSTEM ? "system" : s == ZCS_PASSTHROUGH ? "passthrough" : "function";
}

static void summary_counts(const struct zpci_check_result *res, char *buf, size_t len)
{
	snprintf(buf, len, "%zu critical, %zu warning, %zu info", res->count[ZSEV_CRITICAL],
		 res->count[ZSEV_WARNING], res->count[ZSEV_INFO]);
}

/* Each rule that fired once: why it matters and what to do. */
static void print_reasons(FILE *f, const struct zpci_check_result *res, int verbose)
{
	bool header = false;

	for (size_t r = 0; r < zpci_check_nrules; r++) {
		const struct zpci_check_rule *rule = &zpci_check_rules[r];
		bool fired = false;

		for (size_t i = 0; i < res->findings.n && !fired; i++)
			fired = res->findings.v[i].rule == rule;
		if (!fired || (rule->severity < ZSEV_WARNING && !verbose))
			continue;
		if (!header)
			fprintf(f, "\n");
		header = true;
		fprintf(f, "%s: %s\n", rule->id, rule->explanation);
		if (rule->fix)
			fprintf(f, "  fix: %s\n", rule->fix);
	}
}

static int print_table(FILE *f, const struct zpci_check_result *res, int verbose)
{
	static const char *const hdr[] = { "SEVERITY", "RULE", "DEVICE", "FINDING" };
	struct zpci_table t;
	char counts[96], dev[24];
	int rc = 0;

	if (res->status == 3 && res->unknown_why[0]) {
		fprintf(f, "zpcidiag check: UNKNOWN: %s\n", res->unknown_why);
		return 0;
	}
	if (res->findings.n) {
		if (zpci_table_init(&t, 4, hdr))
			rc = -1;
		for (size_t i = 0; i < res->findings.n && !rc; i++) {
			const struct zpci_finding *x = &res->findings.v[i];

			rc = zpci_table_row(&t, zpci_severity_name(x->rule->severity), x->rule->id,
					    device_of(x, dev, sizeof(dev)), x->text);
		}
		if (!rc)
			zpci_table_print(&t, NULL, f);
		zpci_table_free(&t);
		print_reasons(f, res, verbose);
		fprintf(f, "\n");
	}
	summary_counts(res, counts, sizeof(counts));
	fprintf(f, "zpcidiag check: %s: %s (%zu functions checked, %zu findings ignored)\n",
		status_name[res->status], counts, res->nfns, res->ignored);
	return rc;
}

static json_object *jstr_or_null(const char *s)
{
	return s && s[0] ? json_object_new_string(s) : NULL;
}

static json_object *finding_json(const struct zpci_finding *x)
{
	json_object *o = json_object_new_object();
	char dev[24], fid[16];

	json_object_object_add(o, "rule", json_object_new_string(x->rule->id));
	json_object_object_add(o, "severity", json_object_new_string(zpci_severity_name(x->rule->severity)));
	json_object_object_add(o, "device", x->fn ? json_object_new_string(device_of(x, dev, sizeof(dev))) : NULL);
	snprintf(fid, sizeof(fid), "0x%08x", x->fn ? x->fn->fid : 0);
	json_object_object_add(o, "fid", x->fn && x->fn->fid_known ? json_object_new_string(fid) :
			       x->fn && x->fn->zattr.fid.st == ZV_MALFORMED ? zpci_json_malformed() : NULL);
	json_object_object_add(o, "finding", json_object_new_string(x->text));
	json_object_object_add(o, "explanation", json_object_new_string(x->rule->explanation));
	json_object_object_add(o, "fix", jstr_or_null(x->rule->fix));
	return o;
}

static int put_json(FILE *f, json_object *doc)
{
	const char *s = json_object_to_json_string_ext(doc, JSON_C_TO_STRING_PRETTY |
						       JSON_C_TO_STRING_SPACED |
						       JSON_C_TO_STRING_NOSLASHESCAPE);
	int rc = s && fprintf(f, "%s\n", s) > 0 ? 0 : -1;

	/* the document says what went wrong itself, status unknown included */
	zpci_json_mark_printed();
	json_object_put(doc);
	return rc;
}

static int print_json(FILE *f, const struct zpci_check_result *res, const struct zpci_check_env *env)
{
	static const char *const status_lc[] = { "ok", "warning", "critical", "unknown" };
	json_object *doc = json_object_new_object(), *counts = json_object_new_object();
	json_object *arr = json_object_new_array();
	const struct zpci_system *sys = env->sys;
	bool loaded = res->status != 3 || !res->unknown_why[0];

	json_object_object_add(doc, "schema_version", json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
	json_object_object_add(doc, "command", json_object_new_string("check"));
	json_object_object_add(doc, "status", json_object_new_string(status_lc[res->status]));
	json_object_object_add(doc, "exit_code", json_object_new_int(res->status));
	json_object_object_add(doc, "unknown_reason", jstr_or_null(res->unknown_why));
	json_object_object_add(doc, "kernel_release", loaded && sys->kernel.release_known ?
			       json_object_new_string(sys->kernel.release) : NULL);
	json_object_object_add(doc, "uid_checking", loaded && zv_ok(sys->uid_checking) ?
			       json_object_new_boolean(sys->uid_checking.v != 0) : NULL);
	json_object_object_add(doc, "uid_checking_source",
			       loaded ? jstr_or_null(sys->uid_checking_from) : NULL);
	json_object_object_add(doc, "functions_checked", json_object_new_int64((int64_t)res->nfns));
	for (int s = ZSEV_INFO; s <= ZSEV_CRITICAL; s++)
		json_object_object_add(counts, zpci_severity_name((enum zpci_severity)s),
				       json_object_new_int64((int64_t)res->count[s]));
	json_object_object_add(counts, "ignored", json_object_new_int64((int64_t)res->ignored));
	json_object_object_add(doc, "counts", counts);
	for (size_t i = 0; i < res->findings.n; i++)
		json_object_array_add(arr, finding_json(&res->findings.v[i]));
	json_object_object_add(doc, "findings", arr);
	return put_json(f, doc);
}

/* Plugin output is one line; '|' would start the performance data. */
static void plugin_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '|' ? '/' : *s == '\n' ? ' ' : *s, f);
}

static int print_plugin(FILE *f, const struct zpci_check_result *res)
{
	char counts[96], dev[24];

	fprintf(f, "ZPCIDIAG %s - ", status_name[res->status]);
	if (res->unknown_why[0]) {
		plugin_text(f, res->unknown_why);
	} else if (!res->findings.n || res->findings.v[0].rule->severity < ZSEV_WARNING) {
		fprintf(f, "%zu functions healthy", res->nfns);
	} else {
		summary_counts(res, counts, sizeof(counts));
		fprintf(f, "%s; worst: %s on %s: ", counts, res->findings.v[0].rule->id,
			device_of(&res->findings.v[0], dev, sizeof(dev)));
		plugin_text(f, res->findings.v[0].text);
	}
	fprintf(f, " | critical=%zu;;;0 warning=%zu;;;0 info=%zu;;;0 ignored=%zu;;;0 functions=%zu;;;0\n",
		res->count[ZSEV_CRITICAL], res->count[ZSEV_WARNING], res->count[ZSEV_INFO],
		res->ignored, res->nfns);
	return ferror(f) ? -1 : 0;
}

int zpci_check_print(FILE *f, const struct zpci_check_result *res,
		     const struct zpci_check_env *env, enum zpci_check_format fmt, int verbose)
{
	switch (fmt) {
	case ZCF_JSON: return print_json(f, res, env);
	case ZCF_PLUGIN: return print_plugin(f, res);
	case ZCF_PROMETHEUS: return zpci_check_print_prometheus(f, res);
	default: return print_table(f, res, verbose);
	}
}

int zpci_check_print_rules(FILE *f, enum zpci_check_format fmt)
{
	static const char *const hdr[] = { "RULE", "SEVERITY", "SCOPE", "LOOKS FOR" };
	json_object *doc, *arr;
	struct zpci_table t;
	int rc = 0;

	if (fmt == ZCF_JSON) {
		doc = json_object_new_object();
		arr = json_object_new_array();
		json_object_object_add(doc, "schema_version", json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
		json_object_object_add(doc, "command", json_object_new_string("check"));
		for (size_t i = 0; i < zpci_check_nrules; i++) {
			const struct zpci_check_rule *r = &zpci_check_rules[i];
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_string(r->id));
			json_object_object_add(o, "severity", json_object_new_string(zpci_severity_name(r->severity)));
			json_object_object_add(o, "scope", json_object_new_string(scope_name(r->scope)));
			json_object_object_add(o, "title", json_object_new_string(r->title));
			json_object_object_add(o, "explanation", json_object_new_string(r->explanation));
			json_object_object_add(o, "fix", jstr_or_null(r->fix));
			json_object_array_add(arr, o);
		}
		json_object_object_add(doc, "rules", arr);
		return put_json(f, doc);
	}
	if (zpci_table_init(&t, 4, hdr))
		rc = -1;
	for (size_t i = 0; i < zpci_check_nrules && !rc; i++)
		rc = zpci_table_row(&t, zpci_check_rules[i].id,
				    zpci_severity_name(zpci_check_rules[i].severity),
				    scope_name(zpci_check_rules[i].scope), zpci_check_rules[i].title);
	if (!rc)
		zpci_table_print(&t, NULL, f);
	zpci_table_free(&t);
	return rc;
}
