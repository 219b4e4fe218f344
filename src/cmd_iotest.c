// SPDX-License-Identifier: MIT
/*
 * zpcidiag iotest: PCILG/PCISTB through vfio's BAR regions, on whichever
 * driver holds the function: zpci_vfio_pci or ism-vfio-pci (one PCISTB per
 * pwrite) or vfio-pci (split accesses). Read-only unless --write, --verify
 * or --reject-matrix is given. Options and entry only: the modes live in
 * iotest_*.c and get the options through struct iotest_run.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "iotest.h"
#include "json_out.h"
#include "maxstbl.h"
#include "model.h"
#include "select.h"
#include "zpci_io_dev.h"

/* popt fills this; only cmd_iotest() reads it and hands it on */
static struct iotest_opts iotest_opt = {
	.bar = -1, .offset = "0", .pattern = "counter",
};

static const struct poptOption iotest_options[] = {
	{ "bar", 'b', POPT_ARG_INT, &iotest_opt.bar, 0, "BAR index 0-5 (default: first memory BAR)", "N" },
	{ "offset", 'o', POPT_ARG_STRING, &iotest_opt.offset, 0, "offset within the BAR (default 0)", "OFF" },
	{ "length", 'l', POPT_ARG_INT, &iotest_opt.length, 0,
	  "PCILG length 1/2/4/8 (default: all four); PCISTB length 16..maxstbl, a multiple of 8", "L" },
	{ "any-shape", 0, POPT_ARG_NONE, &iotest_opt.any_shape, 0,
	  "allow every PCISTB the architecture allows: 1..maxstbl bytes at any offset "
	  "(some implementations, QEMU among them, refuse such shapes)", NULL },
	{ "write", 'w', POPT_ARG_NONE, &iotest_opt.write, 0, "issue one PCISTB (writes to the device)", NULL },
	{ "verify", 0, POPT_ARG_NONE, &iotest_opt.verify, 0,
	  "PCISTB, then read back with PCILG and explain every difference (writes)", NULL },
	{ "pattern", 'p', POPT_ARG_STRING, &iotest_opt.pattern, 0,
	  "PCISTB data: 0xHEXWORD, counter (default), random or random:SEED", "PATTERN" },
	{ "count", 'c', POPT_ARG_INT, &iotest_opt.count, 0, "repeat N times; print rates and latency", "N" },
	{ "duration", 0, POPT_ARG_DOUBLE, &iotest_opt.duration, 0, "repeat for SECS seconds", "SECS" },
	{ "reject-matrix", 0, POPT_ARG_NONE, &iotest_opt.reject, 0,
	  "send every class of invalid request and check each is refused", NULL },
	{ "batch", 0, POPT_ARG_INT, &iotest_opt.batch, 0,
	  "with --write and --count/--duration: N stores per pwritev, contiguous from --offset "
	  "(one system call per batch)", "N" },
	POPT_TABLEEND
};

/* ---- entry ------------------------------------------------------------- */

static int pick_bar(struct iotest_run *r)
{
	if (iotest_opt.bar >= 0) {
		if (iotest_opt.bar >= ZPCI_IO_NUM_BARS) {
			zpci_err("%s: --bar %d: BARs are 0-5", r->fn->address, iotest_opt.bar);
			return ZX_USAGE;
		}
		r->bar = iotest_opt.bar;
	} else {
		int first = -1;

		/* The first memory BAR whose offset 0 is not the MSI-X table
		 * (virtio's BAR1 starts with it: no driver lets it be reached). */
		r->bar = -1;
		for (int i = 0; i < ZPCI_IO_NUM_BARS && r->bar < 0; i++) {
			bool msix = r->msix_table.bar == i && r->msix_table.start == 0;

			if (!zpci_io_dev_bar_size(&r->io, i) ||
			    (r->fn->bars[i].present && r->fn->bars[i].is_io))
				continue;
			if (first < 0)
				first = i;
			if (!msix)
				r->bar = i;
		}
		if (r->bar < 0)
			r->bar = first;
		if (r->bar < 0) {
			zpci_err("%s: the function has no memory BAR", r->fn->address);
			return ZX_NODEV;
		}
	}
	r->bar_size = zpci_io_dev_bar_size(&r->io, r->bar);
	if (!r->bar_size) {
		zpci_err("%s: BAR%d is not implemented (vfio reports size 0)", r->fn->address, r->bar);
		return ZX_USAGE;
	}
	return ZX_OK;
}

static void doc_header(struct iotest_run *r)
{
	json_object *d = r->doc;
	struct zv fid = zpci_fn_fid_zv(r->fn);

	json_object_object_add(d, "schema_version", json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
	json_object_object_add(d, "command", json_object_new_string("iotest"));
	json_object_object_add(d, "device", json_object_new_string(r->fn->address));
	json_object_object_add(d, "fid", zpci_json_zv(&fid));	/* "malformed" as in show */
	json_object_object_add(d, "driver", zpci_json_str(r->fn->pci.driver));
	json_object_object_add(d, "path", json_object_new_string(zpci_io_path_name(r->io.path)));
	json_object_object_add(d, "vfio_open", json_object_new_string(r->io.vd.how));
	json_object_object_add(d, "offset_shift", json_object_new_int((int)r->io.offset_shift));
	json_object_object_add(d, "status_feature", json_object_new_boolean(r->io.has_status));
	json_object_object_add(d, "maxstbl", json_object_new_int(r->io.maxstbl));
	json_object_object_add(d, "maxstbl_source", zpci_json_str(r->io.maxstbl_source));
	json_object_object_add(d, "mode", json_object_new_string(r->mode));
	json_object_object_add(d, "bar", json_object_new_int(r->bar));
	json_object_object_add(d, "bar_size", json_object_new_uint64(r->bar_size));
	json_object_object_add(d, "offset", json_object_new_uint64(r->offset));
}

/* one DEVICE: the command table declares it */
static int cmd_iotest(struct zpci_ctx *ctx, int argc __attribute__((unused)), const char **argv)
{
	struct iotest_run r = { .opt = &iotest_opt };
	struct zpci_maxstbl_view mv;
	struct zpci_pattern pat;
	struct zpci_system sys;
	struct zpci_fn *fn;
	char *end;
	int rc, modes = !!iotest_opt.write + !!iotest_opt.verify + !!iotest_opt.reject;

	if (modes > 1) {
		zpci_err("%s: --write, --verify and --reject-matrix exclude each other", argv[0]);
		return ZX_USAGE;
	}
	if (iotest_opt.count < 0 || iotest_opt.duration < 0 || (iotest_opt.count && iotest_opt.duration > 0) || iotest_opt.length < 0) {
		zpci_err("%s: --count and --duration take positive values, one of them", argv[0]);
		return ZX_USAGE;
	}
	if (zpci_pattern_parse(iotest_opt.pattern, &pat)) {
		zpci_err("%s: --pattern %s: use 0xHEXWORD, counter, random or random:SEED", argv[0],
			 iotest_opt.pattern);
		return ZX_USAGE;
	}
	if (iotest_opt.batch < 0 || iotest_opt.batch > 1024 ||
	    (iotest_opt.batch && (!iotest_opt.write || (!iotest_opt.count && iotest_opt.duration <= 0)))) {
		zpci_err("%s: --batch takes 1..1024 and needs --write with --count or --duration",
			 argv[0]);
		return ZX_USAGE;
	}
	errno = 0;
	r.offset = strtoull(iotest_opt.offset, &end, 0);
	if (errno || *end || *iotest_opt.offset == '-' || !*iotest_opt.offset) {
		zpci_err("%s: --offset %s: not a number", argv[0], iotest_opt.offset);
		return ZX_USAGE;
	}
	r.mode = iotest_opt.reject ? "reject-matrix" : iotest_opt.verify ? "verify" : iotest_opt.write ? "write" : "read";

	/* vfio and the kernel module say what maxstbl is (zpci_maxstbl_view) */
	rc = zpci_load_and_select_one(ctx, ZL_SYSFS | ZL_CLP | ZL_VFIO | ZL_KDIAG, "iotest",
				      argv[0], &sys, &fn);
	if (rc)
		return rc;
	r.fn = fn;
	rc = zpci_io_dev_open(ctx, fn, fn->pci.driver, &r.io);
	if (rc)
		goto out_sys;
	zpci_io_dev_msix_table(&r.io, &r.msix_table);
	zpci_maxstbl_view(fn, &mv);
	if (mv.effective_known && (!r.io.has_status || mv.effective < r.io.maxstbl)) {
		r.io.maxstbl = mv.effective;
		r.io.maxstbl_source = mv.effective_why;
	}
	rc = pick_bar(&r);
	if (rc)
		goto out;
	if (r.offset >= r.bar_size && !iotest_opt.reject) {
		zpci_err("%s: --offset 0x%" PRIx64 " is past BAR%d (%" PRIu64 " bytes)", fn->address,
			 r.offset, r.bar, r.bar_size);
		rc = ZX_USAGE;
		goto out;
	}
	if (ctx->json)
		r.doc = json_object_new_object();
	if (r.doc)
		doc_header(&r);
	else
		printf("%s BAR%d (%" PRIu64 " bytes) offset 0x%" PRIx64 ", maxstbl %u\n"
		       "driver %s (%s, region offsets index << %u): %s; instruction status: %s\n",
		       fn->address, r.bar, r.bar_size, r.offset, r.io.maxstbl, fn->pci.driver,
		       r.io.vd.how, r.io.offset_shift, zpci_io_path_text(r.io.path),
		       r.io.has_status ? "VFIO_DEVICE_FEATURE_ZPCI_IO" : "none (the driver keeps none)");

	if (iotest_opt.reject)
		rc = iotest_mode_reject_matrix(&r);
	else if (iotest_opt.verify)
		rc = iotest_mode_verify(&r, &pat);
	else if (iotest_opt.write)
		rc = iotest_mode_write(&r, &pat);
	else
		rc = iotest_mode_read(&r);

	if (r.doc) {
		/* The document is printed whole, also when the run found a problem
		 * (verify mismatch, accepted request): that is its content. */
		if (rc == ZX_OK || rc == ZX_PROBLEM || rc == ZX_IO) {
			json_object_object_add(r.doc, "exit_code", json_object_new_int(rc));
			int prc = zpci_json_print(r.doc);

			if (prc)
				rc = prc;
		} else {
			json_object_put(r.doc);
		}
	}
out:
	zpci_io_dev_close(&r.io);
out_sys:
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(iotest, .name = "iotest", .arg = "DEVICE", .min_args = 1, .max_args = 1,
	     .summary = "PCILG/PCISTB through vfio BAR regions (read-only by default)",
	     .options = iotest_options, .run = cmd_iotest);
