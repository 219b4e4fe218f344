// SPDX-License-Identifier: MIT
/*
 * zpcidiag clp list | clp show DEVICE...: what firmware says about the
 * functions, through CLP (List PCI Functions, Query PCI Function, Query PCI
 * Function Group). Data comes from the CLP source (source_clp.c): /dev/clp,
 * or blocks saved earlier (--from-raw DIR); --raw DIR saves them.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clp_decode.h"
#include "clp_print.h"
#include "cmd.h"
#include "json_out.h"
#include "print_maxstbl.h"
#include "maxstbl.h"
#include "output.h"
#include "select.h"
#include "util_string.h"

static const char *opt_raw, *opt_from_raw;

static const struct poptOption clp_options[] = {
	{ "raw", 0, POPT_ARG_STRING, &opt_raw, 0,
	  "also save the raw CLP blocks read from /dev/clp in DIR (created if missing)", "DIR" },
	{ "from-raw", 0, POPT_ARG_STRING, &opt_from_raw, 0,
	  "decode CLP blocks saved with --raw from DIR instead of asking /dev/clp", "DIR" },
	POPT_TABLEEND
};

/* clp show's values are wider than show's (BAR words, MIO addresses) */
#define CLP_VALUE_WIDTH 20

static const char *fn_name(const struct zpci_fn *fn, char *buf, size_t len)
{
	if (fn->address[0])
		snprintf(buf, len, "%s", fn->address);
	else
		snprintf(buf, len, "fid 0x%08x", fn->fid);
	return buf;
}

/* Without a sysfs device the state is what CLP's list says, not "reserved":
 * decoding saved blocks on another machine is the usual case. */
static const char *state_str(const struct zpci_fn *fn)
{
	if (fn->state != ZPCI_FN_RESERVED || !zpci_fn_clp(fn)->valid)
		return zpci_fn_state_name(fn->state);
	return zpci_fn_clp(fn)->list.configured ? "configured according to CLP; not in this sysfs" :
	       "standby according to CLP; not in this sysfs";
}

/* The CLP source's verdict for the whole list, as an exit code with a message. */
static int clp_source_exit(const struct zpci_system *sys)
{
	const struct zpci_src_status *s = &sys->src_clp;

	if (s->state == ZS_NO_PERMISSION)
		zpci_err("/dev/clp: %s; run as root, or decode saved blocks with --from-raw DIR",
			 zpci_src_reason(s));
	else if (s->state == ZS_UNAVAILABLE)
		zpci_err("clp: %s; saved blocks can be decoded with --from-raw DIR", zpci_src_reason(s));
	else if (s->state == ZS_ERROR)
		zpci_err("clp: %s", zpci_src_reason(s));
	else if (s->state != ZS_OK)
		zpci_err("clp: the CLP source was not run");
	return zpci_src_state_exit(s->state, sys->clp_rc ? sys->clp_rc : ZX_DATA);
}

/* The CLP warnings JSON carries as problems (clp-sysfs-differ, clp-duplicate-fid). */
static void print_clp_warnings(const char *who, const struct zpci_fn *fn)
{
	for (size_t j = 0; j < fn->nproblems; j++)
		if (strncmp(fn->problems[j].code, "clp-", 4) == 0)
			printf("%s: %s: %s: %s\n", zpci_severity_name(fn->problems[j].severity), who,
			       fn->problems[j].code, fn->problems[j].text);
}

static void print_notes(const char *who, const struct zpci_clp_notes *n)
{
	for (size_t i = 0; i < n->n; i++)
		printf("note: %s: %s\n", who, n->text[i]);
}

static int clp_list(const struct zpci_ctx *ctx, struct zpci_system *sys, struct zpci_fn **fns,
		    size_t n, bool json)
{
	static const char *const hdr[] = { "FID", "FH", "STATE", "VENDOR:DEV", "ADDRESS", "UID",
					   "PFGID", "PFT", "VFN", "PCHID" };
	struct zpci_table t;
	size_t shown = 0;
	int rc = ZX_OK, prc;

	/* the same verdict for text and JSON: a query that failed is exit 4 */
	for (size_t i = 0; i < n; i++)
		if (zpci_fn_clp(fns[i])->valid && zpci_fn_clp(fns[i])->error[0])
			rc = ZX_DATA;
	if (json) {
		json_object *doc = zpci_json_doc_new("clp list", sys);

		json_object_object_add(doc, "clp_uid_checking", json_object_new_boolean(sys->clp_uid_checking));
		json_object_object_add(doc, "clp_max_fn", zpci_json_u64(sys->clp_max_fn));
		json_object_object_add(doc, "clp_list_blocks", zpci_json_u64((uint64_t)sys->clp_list_blocks));
		for (size_t i = 0; i < n; i++)
			if (zpci_fn_clp(fns[i])->valid)
				json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
		prc = zpci_json_print(doc);
		return prc ? prc : rc;
	}
	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		return ZX_INTERNAL;
	for (size_t i = 0; i < n; i++) {
		const struct zpci_fn *fn = fns[i];
		const struct zpci_clp_info *c = zpci_fn_clp(fn);
		char fid[16], fh[16], vd[16], uid[16], pfgid[8], pft[8], vfn[8], pchid[8];

		if (!c->valid)
			continue;
		snprintf(fid, sizeof(fid), "0x%08x", c->list.fid);
		snprintf(fh, sizeof(fh), "0x%08x", c->list.fh);
		snprintf(vd, sizeof(vd), "%04x:%04x", c->list.vendor_id, c->list.device_id);
		if (c->fn_valid) {
			snprintf(uid, sizeof(uid), "0x%x", c->fn.uid);
			snprintf(pfgid, sizeof(pfgid), "0x%02x", c->fn.pfgid);
			snprintf(pft, sizeof(pft), "0x%02x", c->fn.pft);
			snprintf(vfn, sizeof(vfn), "%u", c->fn.vfn);
			snprintf(pchid, sizeof(pchid), "0x%04x", c->fn.pchid);
		} else {
			strcpy(uid, "?");
			strcpy(pfgid, "?");
			strcpy(pft, "?");
			strcpy(vfn, "?");
			strcpy(pchid, "?");
		}
		if (zpci_table_row(&t, fid, fh, c->list.configured ? "configured" : "standby", vd,
				   fn->address[0] ? fn->address : "-", uid, pfgid, pft, vfn, pchid)) {
			zpci_table_free(&t);
			return ZX_INTERNAL;
		}
		shown++;
	}
	prc = zpci_table_print(&t, ctx, stdout);
	zpci_table_free(&t);
	if (prc)
		return prc;
	printf("%zu function(s); UID checking %s; %d list block(s)\n", shown,
	       sys->clp_uid_checking ? "on" : "off", sys->clp_list_blocks);
	print_notes("list", &sys->clp_notes);
	for (size_t i = 0; i < n; i++) {
		char name[32];

		if (!zpci_fn_clp(fns[i])->valid)
			continue;
		fn_name(fns[i], name, sizeof(name));
		print_clp_warnings(name, fns[i]);
		if (zpci_fn_clp(fns[i])->error[0])
			zpci_err("%s: %s", name, zpci_fn_clp(fns[i])->error);
	}
	return rc;
}

static int clp_show(struct zpci_system *sys, struct zpci_fn **fns, size_t n, bool json)
{
	struct zpci_printer text = zpci_printer_text(stdout, CLP_VALUE_WIDTH);
	struct zpci_printer maxstbl = zpci_printer_text(stdout, 6);
	int rc = ZX_OK;

	if (json) {
		json_object *doc = zpci_json_doc_new("clp show", sys);

		for (size_t i = 0; i < n; i++) {
			json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
			if (!zpci_fn_clp(fns[i])->valid || !zpci_fn_clp(fns[i])->group_valid)
				rc = ZX_DATA;
		}
		{
			int prc = zpci_json_print(doc);

			return prc ? prc : rc;
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct zpci_fn *fn = fns[i];
		const struct zpci_clp_info *c = zpci_fn_clp(fn);
		char name[32];

		if (i)
			printf("\n");
		printf("%s  fid 0x%08x  (%s)\n", fn->address[0] ? fn->address : "(no PCI address)",
		       fn->fid, state_str(fn));
		if (!c->valid) {
			zpci_err("%s: %s", fn_name(fn, name, sizeof(name)),
				 fn->src_clp.reason ? fn->src_clp.reason : "not listed by CLP");
			rc = ZX_DATA;
			continue;
		}
		printf("List PCI Functions:\n");
		zpci_clp_list_entry_print(&text, &c->list);
		if (c->fn_valid) {
			printf("Query PCI Function:\n");
			zpci_clp_query_fn_print(&text, &c->fn);
		}
		if (c->group_valid) {
			printf("Query PCI Function Group:\n");
			zpci_clp_group_print(&text, &c->group);
		}
		printf("maxstbl by source:\n");
		zpci_print_maxstbl(&maxstbl, fn);
		print_notes("clp", &c->notes);
		print_clp_warnings(fn_name(fn, name, sizeof(name)), fn);
		if (c->error[0]) {
			zpci_err("%s: %s", fn_name(fn, name, sizeof(name)), c->error);
			rc = ZX_DATA;
		}
	}
	return rc;
}

/* What both subcommands share: the CLP source's options, then load and select. */
static int clp_run(struct zpci_ctx *ctx, bool show, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n;
	int rc;

	if (opt_raw && opt_from_raw) {
		zpci_err("clp: --raw saves blocks read from /dev/clp; it cannot be combined with --from-raw");
		return ZX_USAGE;
	}
	ctx->clp_save_dir = opt_raw;
	if (opt_from_raw)
		ctx->clp_raw_dir = opt_from_raw;
	/* vfio and the kernel module feed the maxstbl comparison of clp show */
	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_CLP | (show ? ZL_VFIO | ZL_KDIAG : 0),
				  argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	rc = clp_source_exit(&sys);
	if (rc == ZX_OK)
		rc = show ? clp_show(&sys, fns, n, ctx->json) : clp_list(ctx, &sys, fns, n, ctx->json);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

static int cmd_clp_list(struct zpci_ctx *ctx, int argc, const char **argv)
{
	return clp_run(ctx, false, argc, argv);
}

static int cmd_clp_show(struct zpci_ctx *ctx, int argc, const char **argv)
{
	return clp_run(ctx, true, argc, argv);
}

/* GCC places them in the section last first: show is declared before list */
ZPCI_COMMAND(clp_show, .name = "show", .parent = "clp",
	     .arg = "DEVICE", .min_args = 1, .max_args = ZPCI_ARGS_ANY,
	     .summary = "Query PCI Function and Query PCI Function Group, every field explained",
	     .options = clp_options, .run = cmd_clp_show);
ZPCI_COMMAND(clp_list, .name = "list", .parent = "clp",
	     .arg = "DEVICE", .max_args = ZPCI_ARGS_ANY,
	     .summary = "firmware's function list (List PCI Functions), standby functions too",
	     .options = clp_options, .run = cmd_clp_list);
ZPCI_COMMAND(clp, .name = "clp",
	     .summary = "firmware's view through CLP: function list, query function and group");
