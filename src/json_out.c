// SPDX-License-Identifier: MIT
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "json_out.h"
#include "clp_print.h"
#include "json_value.h"
#include "print_maxstbl.h"
#include "print_util.h"
#include "print_vfio.h"
#include "print_ident.h"
#include "output.h"
#include "util_string.h"

static bool printed;

static json_object *json_tri(enum zpci_tri t)
{
	return t == ZT_UNKNOWN ? NULL : json_object_new_boolean(t == ZT_YES);
}

static json_object *json_names(const char list[4][32])
{
	json_object *a = json_object_new_array();

	for (int i = 0; i < 4 && list[i][0]; i++)
		json_object_array_add(a, json_object_new_string(list[i]));
	return a;
}

static json_object *json_source(const struct zpci_src_status *s)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "state", json_object_new_string(zpci_src_state_id(s->state)));
	json_object_object_add(o, "reason", zpci_json_str(s->reason));	/* NULL: null */
	return o;
}

static json_object *json_bar(const struct zpci_bar *b, int index)
{
	json_object *o = json_object_new_object();
	char buf[32];

	json_object_object_add(o, "index", json_object_new_int(index));
	json_object_object_add(o, "type", json_object_new_string(b->is_io ? "io" : "mem"));
	json_object_object_add(o, "is_64bit", json_object_new_boolean(b->is_64bit));
	json_object_object_add(o, "prefetchable", json_object_new_boolean(b->prefetchable));
	snprintf(buf, sizeof(buf), "0x%016llx", (unsigned long long)b->start);
	json_object_object_add(o, "start", json_object_new_string(buf));
	json_object_object_add(o, "size", zpci_json_u64(b->size));
	json_object_object_add(o, "size_human", json_object_new_string(zpci_size_str(b->size, buf, sizeof(buf))));
	json_object_object_add(o, "flags", zpci_json_hex(b->flags, 16));
	json_object_object_add(o, "mappable", json_tri(b->mappable));
	json_object_object_add(o, "mappable_reason", zpci_json_str(b->map_reason));
	json_object_object_add(o, "mappable_inferred", json_object_new_boolean(b->map_inferred));
	json_object_object_add(o, "sysfs_resource_file", json_object_new_boolean(b->has_resource_file));
	return o;
}

static json_object *json_vf(const struct zpci_fn *fn)
{
	const struct zpci_vf_info *vf = &fn->vf;
	json_object *o;

	if (fn->state != ZPCI_FN_CONFIGURED)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "is_vf", zv_ok(fn->zattr.vfn) ? json_object_new_boolean(vf->is_vf) :
			       zpci_json_zv(&fn->zattr.vfn));
	json_object_object_add(o, "linked", json_object_new_boolean(vf->linked));
	json_object_object_add(o, "detached", json_object_new_boolean(vf->detached));
	json_object_object_add(o, "physfn", zpci_json_str(fn->pci.physfn));
	json_object_object_add(o, "command", zpci_json_zv(&fn->pci.command));
	json_object_object_add(o, "command_memory", json_tri(vf->command_memory));
	json_object_object_add(o, "no_command_memory", json_tri(vf->no_command_memory));
	json_object_object_add(o, "no_command_memory_known",
			       json_object_new_boolean(vf->no_command_memory_known));
	json_object_object_add(o, "verdict", zpci_json_str(vf->verdict));
	if (fn->pci.cmd_probe_before.st != ZV_ABSENT) {
		json_object *p = json_object_new_object();

		json_object_object_add(p, "command_before", zpci_json_zv(&fn->pci.cmd_probe_before));
		json_object_object_add(p, "command_after_set", zpci_json_zv(&fn->pci.cmd_probe_after));
		json_object_object_add(p, "memory_bit_sticks",
				       zv_ok(fn->pci.cmd_probe_after) ?
				       json_object_new_boolean(fn->pci.cmd_probe_after.v & 2) : NULL);
		json_object_object_add(o, "probe", p);
	}
	return o;
}

json_object *zpci_json_fn(const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	json_object *o = json_object_new_object(), *arr, *srcs, *maxstbl;
	struct zpci_printer jp = zpci_printer_json(o), mp;
	const char *type = NULL;
	char typebuf[32];
	struct zv fidv = zpci_fn_fid_zv(fn);

	json_object_object_add(o, "address", zpci_json_str(fn->address));
	json_object_object_add(o, "state", json_object_new_string(zpci_fn_state_name(fn->state)));
	json_object_object_add(o, "fid", zpci_json_zv(&fidv));
	json_object_object_add(o, "fh", zpci_json_zv_hex(&a->fh, 8));
	json_object_object_add(o, "uid", zpci_json_zv(&a->uid));
	json_object_object_add(o, "pchid", zpci_json_zv(&a->pchid));
	json_object_object_add(o, "pfgid", zpci_json_zv(&a->pfgid));
	json_object_object_add(o, "vfn", zpci_json_zv(&a->vfn));
	json_object_object_add(o, "pft", zpci_json_zv(&a->pft));
	if (a->pft.st == ZV_MALFORMED)
		type = ZPCI_JSON_MALFORMED;
	if (zv_ok(a->pft)) {
		type = zpci_pft_short((unsigned int)a->pft.v);
		if (!type) {
			snprintf(typebuf, sizeof(typebuf), "unknown");
			type = typebuf;
		}
	}
	json_object_object_add(o, "type", zpci_json_str(type));
	json_object_object_add(o, "port", zpci_json_zv(&a->port));
	json_object_object_add(o, "vendor", zpci_json_zv(&fn->pci.vendor));
	json_object_object_add(o, "device", zpci_json_zv(&fn->pci.device));
	json_object_object_add(o, "vendor_name", zpci_json_str(fn->pci.vendor_name));
	json_object_object_add(o, "device_name", zpci_json_str(fn->pci.device_name));
	json_object_object_add(o, "subsystem_vendor", zpci_json_zv(&fn->pci.subsys_vendor));
	json_object_object_add(o, "subsystem_device", zpci_json_zv(&fn->pci.subsys_device));
	json_object_object_add(o, "class", zpci_json_zv(&fn->pci.class_code));
	json_object_object_add(o, "revision", zpci_json_zv(&fn->pci.revision));
	json_object_object_add(o, "driver", zpci_json_str(fn->pci.driver));
	json_object_object_add(o, "driver_override", zpci_json_str(fn->pci.driver_override));
	json_object_object_add(o, "iommu_group", zpci_json_zv(&fn->pci.iommu_group));
	json_object_object_add(o, "mio_enabled", zpci_json_bool_zv(&a->mio_enabled));
	json_object_object_add(o, "uid_is_unique", zpci_json_bool_zv(&a->uid_is_unique));
	json_object_object_add(o, "index", zpci_json_zv(&a->index));
	json_object_object_add(o, "fidparm", zpci_json_zv(&a->fidparm));
	if (fn->state == ZPCI_FN_CONFIGURED) {
		arr = json_object_new_array();
		for (int i = 0; i < 4; i++)
			json_object_array_add(arr, zpci_json_zv(&a->pfip[i]));
	} else {
		arr = NULL;
	}
	json_object_object_add(o, "pfip", arr);
	zpci_print_util(&jp, "util_string", a->util_present ? a->util_string : NULL, a->util_len,
			true);
	if (a->slot_name[0]) {
		json_object *slot = json_object_new_object();

		json_object_object_add(slot, "name", json_object_new_string(a->slot_name));
		json_object_object_add(slot, "power", zpci_json_zv(&a->slot_power));
		json_object_object_add(o, "slot", slot);
	} else {
		json_object_object_add(o, "slot", NULL);
	}
	json_object_object_add(o, "netdevs", json_names(fn->pci.netdevs));
	json_object_object_add(o, "nvme", json_names(fn->pci.blockdevs));
	json_object_object_add(o, "sriov_numvfs", zpci_json_zv(&fn->pci.sriov_numvfs));
	json_object_object_add(o, "sriov_totalvfs", zpci_json_zv(&fn->pci.sriov_totalvfs));
	arr = json_object_new_array();
	for (int i = 0; i < ZPCI_NUM_BARS; i++)
		if (fn->bars[i].present)
			json_object_array_add(arr, json_bar(&fn->bars[i], i));
	json_object_object_add(o, "bars", arr);
	json_object_object_add(o, "vf", json_vf(fn));
	srcs = json_object_new_object();
	json_object_object_add(srcs, "sysfs", json_source(&fn->src_sysfs));
	json_object_object_add(srcs, "pciconf", json_source(&fn->src_pciconf));
	json_object_object_add(srcs, "clp", json_source(&fn->src_clp));
	json_object_object_add(srcs, "vfio", json_source(&fn->src_vfio));
	json_object_object_add(srcs, "kdiag", json_source(&fn->src_kdiag));
	json_object_object_add(o, "sources", srcs);
	zpci_print_clp(&jp, fn);
	json_object_object_add(o, "maxstbl", maxstbl = json_object_new_object());
	mp = zpci_printer_json(maxstbl);
	zpci_print_maxstbl(&mp, fn);
	zpci_print_vfio(&jp, fn);
	zpci_json_add_kdiag(o, fn);
	arr = json_object_new_array();
	for (size_t i = 0; i < fn->nproblems; i++) {
		const struct zpci_problem *p = &fn->problems[i];
		json_object *po = json_object_new_object();

		json_object_object_add(po, "code", json_object_new_string(p->code));
		json_object_object_add(po, "severity",
				       json_object_new_string(zpci_severity_name(p->severity)));
		json_object_object_add(po, "text", json_object_new_string(p->text));
		json_object_array_add(arr, po);
	}
	json_object_object_add(o, "problems", arr);
	zpci_json_add_ident(o, fn);
	return o;
}

/* zPCI attributes no function has: the running kernel predates them (said once, here) */
static json_object *json_kernel_lacks(const struct zpci_system *sys)
{
	json_object *a = json_object_new_array();

	for (unsigned int b = 0; b < ZA_NKATTR; b++)
		if (sys->kernel_lacks & (1u << b))
			json_object_array_add(a, json_object_new_string(
						 zpci_kattr_name((enum zpci_kattr)(1u << b))));
	return a;
}

json_object *zpci_json_doc_new(const char *command, const struct zpci_system *sys)
{
	json_object *doc = json_object_new_object();

	json_object_object_add(doc, "schema_version", json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
	json_object_object_add(doc, "command", json_object_new_string(command));
	json_object_object_add(doc, "uid_checking", sys ? zpci_json_bool_zv(&sys->uid_checking) : NULL);
	json_object_object_add(doc, "uid_checking_source", sys && sys->uid_checking_from ?
			       json_object_new_string(sys->uid_checking_from) : NULL);
	json_object_object_add(doc, "kernel_lacks", sys ? json_kernel_lacks(sys) : NULL);
	json_object_object_add(doc, "functions", json_object_new_array());
	return doc;
}

json_object *zpci_json_functions(json_object *doc)
{
	json_object *arr = NULL;

	json_object_object_get_ex(doc, "functions", &arr);
	return arr;
}

#define JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

int zpci_json_print(json_object *doc)
{
	const char *s;
	size_t len;
	int rc = ZX_OK;

	if (!doc)
		return ZX_INTERNAL;
	s = json_object_to_json_string_ext(doc, JSON_FLAGS);
	if (!s) {
		json_object_put(doc);
		return ZX_INTERNAL;
	}
	len = strlen(s);
	printed = true;
	if (fwrite(s, 1, len, stdout) != len || fputc('\n', stdout) == EOF || fflush(stdout)) {
		zpci_err("writing JSON to standard output: %s", strerror(errno));
		rc = ZX_IO;
	}
	json_object_put(doc);
	return rc;
}

/*
 * A value serialised on its own, written as json-c writes it nested: json-c
 * indents two spaces per level at the start of every line, and a newline
 * inside a string is always escaped, so nesting adds the same indentation to
 * every line.
 */
static void put_nested(FILE *out, json_object *v, int indent)
{
	const char *s = v ? json_object_to_json_string_ext(v, JSON_FLAGS) : "null";

	for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1)
		fprintf(out, "%.*s\n%*s", (int)(nl - s), s, indent, "");
	fputs(s, out);
}

void zpci_json_stream_begin(struct zpci_json_stream *st, FILE *out, const char *command,
			    const struct zpci_system *sys)
{
	json_object *doc = zpci_json_doc_new(command, sys);

	st->out = out;
	st->nfns = 0;
	printed = true;
	fputs("{", out);
	json_object_object_foreach(doc, key, val) {
		if (strcmp(key, "functions") == 0)
			break;	/* the last member: streamed */
		fprintf(out, "\n  \"%s\": ", key);
		put_nested(out, val, 2);
		fputc(',', out);
	}
	fputs("\n  \"functions\": [\n", out);
	json_object_put(doc);
}

void zpci_json_stream_fn(struct zpci_json_stream *st, json_object *fnobj)
{
	fputs(st->nfns++ ? ",\n    " : "    ", st->out);
	put_nested(st->out, fnobj, 4);
	json_object_put(fnobj);
}

int zpci_json_stream_end(struct zpci_json_stream *st)
{
	fputs(st->nfns ? "\n  ]\n}\n" : "  ]\n}\n", st->out);
	if (ferror(st->out) || fflush(st->out)) {
		zpci_err("writing JSON to standard output: %s", strerror(errno));
		return ZX_IO;
	}
	return ZX_OK;
}

bool zpci_json_printed(void)
{
	return printed;
}

void zpci_json_mark_printed(void)
{
	printed = true;
}

static const char *const exit_names[] = {
	[ZX_OK] = "ok", [ZX_PROBLEM] = "problem", [ZX_USAGE] = "usage", [ZX_NODEV] = "nodev",
	[ZX_DATA] = "data", [ZX_PERM] = "perm", [ZX_UNAVAIL] = "unavailable", [ZX_IO] = "io",
	[ZX_INTERNAL] = "internal",
};

int zpci_json_print_error(const char *command, int rc, const char *const *messages, size_t n)
{
	json_object *doc = zpci_json_doc_new(command, NULL), *err = json_object_new_object();
	json_object *msgs = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(msgs, json_object_new_string(messages[i]));
	json_object_object_add(err, "exit_code", json_object_new_int(rc));
	json_object_object_add(err, "exit_status", json_object_new_string(
		rc >= 0 && (size_t)rc < sizeof(exit_names) / sizeof(exit_names[0]) ?
		exit_names[rc] : "internal"));
	json_object_object_add(err, "messages", msgs);
	json_object_object_add(doc, "error", err);
	return zpci_json_print(doc);
}
