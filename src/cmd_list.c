// SPDX-License-Identifier: MIT
/*
 * zpcidiag list: every zPCI function, standby ones included, one line each;
 * --tree: the topology, as lspci -t draws buses: adapter (PCHID) -> port ->
 * function and its linked VFs -> driver, network interfaces, NVMe nodes.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json_out.h"
#include "print_pnet.h"
#include "output.h"
#include "select.h"

static int list_json(const struct zpci_system *sys, struct zpci_fn **fns, size_t n)
{
	struct zpci_json_stream st;

	/* streamed: the model is complete here, see json_out.h */
	zpci_json_stream_begin(&st, stdout, "list", sys);
	for (size_t i = 0; i < n; i++)
		zpci_json_stream_fn(&st, zpci_json_fn(fns[i]));
	return zpci_json_stream_end(&st);
}

static int list_table(const struct zpci_ctx *ctx, struct zpci_fn **fns, size_t n)
{
	static const char *const hdr[] = { "ADDRESS", "FID", "UID", "PCHID", "PFGID", "VFN",
					   "TYPE", "PORT", "VENDOR:DEVICE", "DRIVER", "STATE", "NAME" };
	struct zpci_table t;
	int rc = ZX_OK;

	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		rc = ZX_INTERNAL;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct zpci_fn *fn = fns[i];
		const struct zpci_sysfs_attrs *a = &fn->zattr;
		char fid[24], uid[24], pchid[24], pfgid[24], vfn[24], type[40], port[24];
		char vd[48], vend[24], dev[24], name[220];

		struct zv fidv = zpci_fn_fid_zv(fn);

		zpci_zv_str(&fidv, "0x%08llx", fid, sizeof(fid));
		zpci_zv_str(&fn->pci.vendor, "%04llx", vend, sizeof(vend));
		zpci_zv_str(&fn->pci.device, "%04llx", dev, sizeof(dev));
		snprintf(vd, sizeof(vd), "%s:%s", vend, dev);
		if (fn->state != ZPCI_FN_CONFIGURED)
			snprintf(vd, sizeof(vd), "-");
		/* lspci's "vendor device" naming; "-" with -n or when unknown */
		snprintf(name, sizeof(name), "%s%s%s", zpci_pci_name(fn->pci.vendor_name),
			 zpci_pci_name(fn->pci.vendor_name)[0] && zpci_pci_name(fn->pci.device_name)[0] ? " " : "",
			 zpci_pci_name(fn->pci.device_name));
		if (zpci_table_row(&t, fn->address[0] ? fn->address : "-", fid,
				   zpci_zv_str(&a->uid, "0x%llx", uid, sizeof(uid)),
				   zpci_zv_str(&a->pchid, "0x%04llx", pchid, sizeof(pchid)),
				   zpci_zv_str(&a->pfgid, "0x%02llx", pfgid, sizeof(pfgid)),
				   zpci_zv_str(&a->vfn, "%llu", vfn, sizeof(vfn)),
				   zpci_type_str(fn, type, sizeof(type)),
				   zpci_zv_str(&a->port, "%llu", port, sizeof(port)),
				   vd, fn->pci.driver[0] ? fn->pci.driver :
				   fn->pci.driver_unusable ? "?" : "-",
				   zpci_fn_state_name(fn->state), name[0] ? name : "-"))
			rc = ZX_INTERNAL;
	}
	if (!rc)
		rc = zpci_table_print(&t, ctx, stdout);
	zpci_table_free(&t);
	return rc;
}

static int opt_tree;

static const struct poptOption list_options[] = {
	{ "tree", 0, POPT_ARG_NONE, &opt_tree, 0,
	  "show the topology: adapter (PCHID), port, function and its VFs, driver, interfaces", NULL },
	POPT_TABLEEND
};

/* The adapter of a function: sysfs for configured ones, CLP for standby ones. */
static bool fn_pchid(const struct zpci_fn *fn, unsigned int *pchid)
{
	if (zv_ok(fn->zattr.pchid)) {
		*pchid = (unsigned int)fn->zattr.pchid.v;
		return true;
	}
	if (zpci_fn_clp(fn)->fn_valid) {
		*pchid = zpci_fn_clp(fn)->fn.pchid;
		return true;
	}
	return false;
}

static int fn_port(const struct zpci_fn *fn)
{
	if (zv_ok(fn->zattr.port))
		return (int)fn->zattr.port.v;
	return zpci_fn_clp(fn)->fn_valid ? zpci_fn_clp(fn)->fn.port : -1;
}

static void tree_fn_line(const struct zpci_fn *fn, const char *prefix, bool last, bool has_vfs)
{
	char type[32], names[320] = "", fid[24];
	struct zv fidv = zpci_fn_fid_zv(fn);
	const char *what = fn->vf.detached ? "detached VF" : fn->vf.linked ? "VF" :
			   fn->state != ZPCI_FN_CONFIGURED ? zpci_fn_state_name(fn->state) : "";

	for (int i = 0; i < 4 && fn->pci.netdevs[i][0]; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), " %s", fn->pci.netdevs[i]);
	for (int i = 0; i < 4 && fn->pci.blockdevs[i][0]; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), " /dev/%s",
			 fn->pci.blockdevs[i]);
	for (int i = 0; i < 4 && fn->pci.ibdevs[i][0]; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), " ib:%s",
			 fn->pci.ibdevs[i]);
	zpci_tree_pnet(fn, names, sizeof(names));
	printf("%s%s %s fid %s %s%s%s%s\n", prefix, last ? "\\-" : "+-",
	       fn->address[0] ? fn->address : "(no PCI device)",
	       zpci_zv_str(&fidv, "0x%08llx", fid, sizeof(fid)),
	       zpci_type_str(fn, type, sizeof(type)), what[0] ? " [" : "", what, what[0] ? "]" : "");
	if (fn->state == ZPCI_FN_CONFIGURED)
		printf("%s%s%s driver %s%s%s\n", prefix, last ? "  " : "| ", has_vfs ? "| " : "  ",
		       fn->pci.driver[0] ? fn->pci.driver : "-", names[0] ? ";" : "", names);
}

/* The VFs a PF carries: linked by the kernel (physfn points at it). */
static bool is_vf_of(const struct zpci_fn *vf, const struct zpci_fn *pf)
{
	return vf->vf.linked && pf->address[0] && strcmp(vf->pci.physfn, pf->address) == 0;
}

/* Functions of one adapter port: PFs and other functions, each followed by its VFs. */
static void tree_port(struct zpci_fn **fns, size_t n, const bool *in_port, const char *prefix)
{
	char sub[64];
	size_t last = n;

	for (size_t i = 0; i < n; i++)
		if (in_port[i] && !fns[i]->vf.linked)
			last = i;
	for (size_t i = 0; i < n; i++) {
		size_t lastvf = n;

		if (!in_port[i] || fns[i]->vf.linked)
			continue;
		for (size_t j = 0; j < n; j++)
			if (is_vf_of(fns[j], fns[i]))
				lastvf = j;
		tree_fn_line(fns[i], prefix, i == last, lastvf < n);
		snprintf(sub, sizeof(sub), "%s%s", prefix, i == last ? "  " : "| ");
		for (size_t j = 0; j < n; j++)
			if (is_vf_of(fns[j], fns[i]))
				tree_fn_line(fns[j], sub, j == lastvf, false);
	}
}

static int pchid_cmp(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a, y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/* Adapters in PCHID order; functions whose adapter is unknown last. */
static int list_tree(struct zpci_fn **fns, size_t n)
{
	unsigned int *pchids = calloc(n + 1, sizeof(*pchids));
	bool *sel = calloc(n + 1, sizeof(*sel));
	size_t np = 0;

	if (!pchids || !sel) {
		free(pchids);
		free(sel);
		return ZX_INTERNAL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned int p;
		size_t k = 0;

		if (!fn_pchid(fns[i], &p))
			continue;
		while (k < np && pchids[k] != p)
			k++;
		if (k == np)
			pchids[np++] = p;
	}
	qsort(pchids, np, sizeof(*pchids), pchid_cmp);
	for (size_t k = 0; k <= np; k++) {
		bool any = false;

		for (int port = -1; port < 256; port++) {
			bool have = false;

			for (size_t i = 0; i < n; i++) {
				unsigned int p;
				bool known = fn_pchid(fns[i], &p);

				sel[i] = (k < np ? known && p == pchids[k] : !known) &&
					 fn_port(fns[i]) == port;
				have |= sel[i];
			}
			if (!have)
				continue;
			if (!any && k < np)
				printf("adapter PCHID 0x%04x\n", pchids[k]);
			else if (!any)
				printf("adapter unknown (standby functions: CLP not read)\n");
			any = true;
			if (port >= 0)
				printf("  port %d\n", port);
			else
				printf("  port unknown\n");
			tree_port(fns, n, sel, "    ");
		}
	}
	free(pchids);
	free(sel);
	return ZX_OK;
}

static int cmd_list(struct zpci_ctx *ctx, int argc, const char **argv)
{
	unsigned int what = ZL_SYSFS | ZL_PCICONF;
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n;
	int rc;

	/* the tree places standby functions under their adapter when CLP knows it */
	if (opt_tree && !ctx->offline)
		what |= ZL_CLP;
	if (opt_tree)
		what |= ZL_PNET;
	rc = zpci_load_and_select(ctx, what, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	if (opt_tree && ctx->json) {
		zpci_err("list: --tree is a picture for people; use --json without it");
		rc = ZX_USAGE;
	} else {
		rc = ctx->json ? list_json(&sys, fns, n) : opt_tree ? list_tree(fns, n) :
		     list_table(ctx, fns, n);
	}
	/* a header alone could be mistaken for a failure to parse */
	if (!rc && !ctx->json && sys.nfns == 0)
		fprintf(stderr, "%s: no zPCI functions under %s/bus/pci (not an IBM Z system?)\n",
			ZPCI_PROG, ctx->sysfs_root);
	if (!rc)
		rc = zpci_problems_report(ctx, fns, n);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(list, .name = "list", .arg = "DEVICE", .max_args = ZPCI_ARGS_ANY,
	     .summary = "list zPCI functions with their IBM Z identifiers",
	     .options = list_options, .run = cmd_list);
