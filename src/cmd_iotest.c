// SPDX-License-Identifier: MIT
/*
 * zpcidiag iotest: PCILG/PCISTB through the zPCI I/O region of
 * zpci_vfio_pci, or through vfio's BAR regions (ism-vfio-pci, vfio-pci).
 * Read-only unless --write, --verify or --reject-matrix is given.
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

struct iotest_opts iotest_opt = {
	.bar = -1, .offset = "0", .pattern = "counter", .path = "auto",
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
	{ "path", 0, POPT_ARG_STRING, &iotest_opt.path, 0,
	  "auto (default), region (zPCI I/O region) or bar (vfio BAR regions)", "PATH" },
	POPT_TABLEEND
};

const char *iotest_errname(int err)
{
#ifdef HAVE_STRERRORNAME_NP
	const char *n = err ? strerrorname_np(err) : "0";

	return n ? n : "?";
#else
	static char num[16];

	snprintf(num, sizeof(num), "%d", err);
	return num;
#endif
}

uint64_t iotest_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

json_object *iotest_hex(uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "0x%" PRIx64, v);
	return json_object_new_string(b);
}

void iotest_bytes_hex(const unsigned char *b, unsigned int len, char *out, size_t outlen)
{
	size_t o = 0;

	out[0] = '\0';
	for (unsigned int i = 0; i < len && o + 3 < outlen; i++)
		o += (size_t)snprintf(out + o, outlen - o, "%s%02x", i ? " " : "", b[i]);
}

/*
 * What the region recorded about the instruction that just failed with EIO:
 * "condition code 1, status byte 0x10", "a program exception", or "" when
 * the path keeps no status (vfio BAR regions, older modules).
 */
const char *iotest_insn_detail(struct iotest_run *r, struct zpci_io_status *st, char *buf,
			       size_t len)
{
	buf[0] = '\0';
	if (zpci_io_dev_status(&r->io, st))
		return buf;
	if (st->exception)
		snprintf(buf, len, "a program exception (no condition code): the implementation "
			 "refused the operands");
	else
		snprintf(buf, len, "condition code %u, status byte 0x%02x", st->cc, st->status);
	return buf;
}

json_object *iotest_insn_json(const struct zpci_io_status *st)
{
	json_object *o;

	if (!st->known)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "condition_code",
			       st->exception ? NULL : json_object_new_int(st->cc));
	json_object_object_add(o, "status", st->exception ? NULL : json_object_new_int(st->status));
	json_object_object_add(o, "program_exception", json_object_new_boolean(st->exception));
	json_object_object_add(o, "failures", json_object_new_uint64(st->failures));
	return o;
}

/* An errno from the device path as an exit code: EIO is the instruction. */
int iotest_io_err_exit(struct iotest_run *r, const char *what, int err)
{
	if (err == EIO) {
		struct zpci_io_status st;
		char d[128];

		iotest_insn_detail(r, &st, d, sizeof(d));
		zpci_err("%s: %s: the instruction failed (EIO)%s%s", r->fn->address, what,
			 d[0] ? ": " : "", d);
		if (r->doc && st.known)
			json_object_object_add(r->doc, "instruction", iotest_insn_json(&st));
	} else
		zpci_err("%s: %s: refused: %s (%s)", r->fn->address, what, strerror(err), iotest_errname(err));
	return err == EIO ? ZX_IO : err == EACCES || err == EPERM ? ZX_PERM : ZX_IO;
}

/* The rules the module applies, checked first so mistakes get a message
 * naming the rule instead of a bare errno. */
int iotest_precheck(struct iotest_run *r, bool store, unsigned int len)
{
	struct zpci_io_fn f;
	struct vfio_zpci_io_req req;
	enum zpci_io_result res;

	memset(&f, 0, sizeof(f));
	for (int i = 0; i < ZPCI_IO_NUM_BARS; i++) {
		f.bar_size[i] = zpci_io_dev_bar_size(&r->io, i);
		f.bar_is_io[i] = r->fn->bars[i].present && r->fn->bars[i].is_io;
	}
	f.maxstbl = r->io.maxstbl;
	f.memory_enabled = true;
	/* Through vfio's BAR regions vfio itself guards the MSI-X table
	 * (reads 0xff, drops writes) instead of refusing. */
	if (r->io.path == ZIO_REGION)
		f.msix_table = r->msix_table;
	else
		f.msix_table.bar = -1;
	if (store)
		zpci_io_req_store(&req, r->bar, r->offset, (uint16_t)len, r->io.buf);
	else
		zpci_io_req_load(&req, r->bar, r->offset, (uint16_t)len, r->io.buf);
	if (len > UINT16_MAX)
		res = ZPCI_IO_BAD_LEN;
	else
		res = zpci_io_validate(&f, &req);
	if (res == ZPCI_IO_OK && store && !iotest_opt.any_shape &&
	    (len < ZPCI_IO_PORTABLE_STB_MIN || len % ZPCI_IO_PORTABLE_STB_ALIGN ||
	     r->offset % ZPCI_IO_PORTABLE_STB_ALIGN)) {
		zpci_err("%s: PCISTB of %u bytes at BAR%d offset 0x%" PRIx64 " is a shape the "
			 "architecture allows but some implementations refuse (QEMU: 8 bytes or "
			 "fewer, a length not a multiple of 8, an offset not 8-aligned); "
			 "--any-shape sends it anyway", r->fn->address, len, r->bar, r->offset);
		return ZX_USAGE;
	}
	if (res == ZPCI_IO_OK)
		return ZX_OK;
	zpci_err("%s: %s of %u bytes at BAR%d offset 0x%" PRIx64 " breaks rule %s (the module "
		 "would refuse it with %s)%s", r->fn->address, store ? "PCISTB" : "PCILG", len, r->bar,
		 r->offset, zpci_io_result_name(res), iotest_errname(zpci_io_result_errno(res)),
		 res == ZPCI_IO_LEN_OVER_MAX || res == ZPCI_IO_BAD_LEN ? "; see maxstbl below" : "");
	if (res == ZPCI_IO_LEN_OVER_MAX || res == ZPCI_IO_BAD_LEN)
		fprintf(stderr, "  maxstbl %u (%s); PCISTB takes 1..maxstbl bytes\n",
			r->io.maxstbl, r->io.maxstbl_source ? r->io.maxstbl_source : "unknown");
	return ZX_USAGE;
}

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
		 * (virtio's BAR1 starts with it: the module refuses it). */
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

	json_object_object_add(d, "schema_version", json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
	json_object_object_add(d, "command", json_object_new_string("iotest"));
	json_object_object_add(d, "device", json_object_new_string(r->fn->address));
	json_object_object_add(d, "fid", json_object_new_uint64(r->fn->fid));
	json_object_object_add(d, "driver", zpci_json_str(r->fn->pci.driver));
	json_object_object_add(d, "path", json_object_new_string(zpci_io_path_name(r->io.path)));
	if (r->io.path == ZIO_REGION) {
		json_object *g = json_object_new_object();

		json_object_object_add(g, "index", json_object_new_uint64(r->io.ioreg->index));
		json_object_object_add(g, "offset", iotest_hex(r->io.ioreg->offset));
		json_object_object_add(g, "size", json_object_new_uint64(r->io.ioreg->size));
		json_object_object_add(d, "region", g);
	} else {
		json_object_object_add(d, "region", NULL);
	}
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
	struct iotest_run r = { 0 };
	struct zpci_maxstbl_view mv;
	struct zpci_pattern pat;
	enum zpci_io_path want;
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
	if (strcmp(iotest_opt.path, "auto") == 0)
		want = ZIO_AUTO;
	else if (strcmp(iotest_opt.path, "region") == 0)
		want = ZIO_REGION;
	else if (strcmp(iotest_opt.path, "bar") == 0)
		want = ZIO_BAR;
	else {
		zpci_err("%s: --path %s: use auto, region or bar", argv[0], iotest_opt.path);
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
	rc = zpci_io_dev_open(ctx, fn, fn->pci.driver, want, &r.io);
	if (rc)
		goto out_sys;
	zpci_io_dev_msix_table(&r.io, &r.msix_table);
	zpci_maxstbl_view(fn, &mv);
	if (mv.effective_known) {
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
		printf("%s BAR%d (%" PRIu64 " bytes) offset 0x%" PRIx64 " via %s (%s), maxstbl %u\n",
		       fn->address, r.bar, r.bar_size, r.offset,
		       r.io.path == ZIO_REGION ? "the zPCI I/O region" : "vfio BAR regions",
		       fn->pci.driver, r.io.maxstbl);

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
	     .summary = "PCILG/PCISTB through the zPCI I/O region (read-only by default)",
	     .options = iotest_options, .run = cmd_iotest);
