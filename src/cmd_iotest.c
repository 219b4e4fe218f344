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
#include "json_out.h"
#include "model.h"
#include "select.h"
#include "zpci_io_dev.h"

static int opt_bar = -1, opt_length, opt_write, opt_verify, opt_reject, opt_count, opt_any_shape;
static double opt_duration;
static const char *opt_offset = "0", *opt_pattern = "counter", *opt_path = "auto";

static const struct poptOption iotest_options[] = {
	{ "bar", 'b', POPT_ARG_INT, &opt_bar, 0, "BAR index 0-5 (default: first memory BAR)", "N" },
	{ "offset", 'o', POPT_ARG_STRING, &opt_offset, 0, "offset within the BAR (default 0)", "OFF" },
	{ "length", 'l', POPT_ARG_INT, &opt_length, 0,
	  "PCILG length 1/2/4/8 (default: all four); PCISTB length 16..maxstbl, a multiple of 8", "L" },
	{ "any-shape", 0, POPT_ARG_NONE, &opt_any_shape, 0,
	  "allow every PCISTB the architecture allows: 1..maxstbl bytes at any offset "
	  "(some implementations, QEMU among them, refuse such shapes)", NULL },
	{ "write", 'w', POPT_ARG_NONE, &opt_write, 0, "issue one PCISTB (writes to the device)", NULL },
	{ "verify", 0, POPT_ARG_NONE, &opt_verify, 0,
	  "PCISTB, then read back with PCILG and explain every difference (writes)", NULL },
	{ "pattern", 'p', POPT_ARG_STRING, &opt_pattern, 0,
	  "PCISTB data: 0xHEXWORD, counter (default), random or random:SEED", "PATTERN" },
	{ "count", 'c', POPT_ARG_INT, &opt_count, 0, "repeat N times; print rates and latency", "N" },
	{ "duration", 0, POPT_ARG_DOUBLE, &opt_duration, 0, "repeat for SECS seconds", "SECS" },
	{ "reject-matrix", 0, POPT_ARG_NONE, &opt_reject, 0,
	  "send every class of invalid request and check each is refused", NULL },
	{ "path", 0, POPT_ARG_STRING, &opt_path, 0,
	  "auto (default), region (zPCI I/O region) or bar (vfio BAR regions)", "PATH" },
	POPT_TABLEEND
};

/* Everything one run found, printed as text or JSON at the end. */
struct iotest_run {
	const struct zpci_fn *fn;
	struct zpci_io_dev io;
	struct zpci_io_protected msix_table;
	int bar;
	uint64_t bar_size, offset;
	const char *mode;
	json_object *doc;		/* built as we go; printed only when complete */
};

static const char *errname(int err)
{
	const char *n = err ? strerrorname_np(err) : "0";

	return n ? n : "?";
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static json_object *hex(uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "0x%" PRIx64, v);
	return json_object_new_string(b);
}

static void bytes_hex(const unsigned char *b, unsigned int len, char *out, size_t outlen)
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
static const char *insn_detail(struct iotest_run *r, struct zpci_io_status *st, char *buf,
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

static json_object *insn_json(const struct zpci_io_status *st)
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
static int io_err_exit(struct iotest_run *r, const char *what, int err)
{
	if (err == EIO) {
		struct zpci_io_status st;
		char d[128];

		insn_detail(r, &st, d, sizeof(d));
		zpci_err("%s: %s: the instruction failed (EIO)%s%s", r->fn->address, what,
			 d[0] ? ": " : "", d);
		if (r->doc && st.known)
			json_object_object_add(r->doc, "instruction", insn_json(&st));
	} else
		zpci_err("%s: %s: refused: %s (%s)", r->fn->address, what, strerror(err), errname(err));
	return err == EIO ? ZX_IO : err == EACCES || err == EPERM ? ZX_PERM : ZX_IO;
}

/* The rules the module applies, checked first so mistakes get a message
 * naming the rule instead of a bare errno. */
static int precheck(struct iotest_run *r, bool store, unsigned int len)
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
	if (res == ZPCI_IO_OK && store && !opt_any_shape &&
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
		 r->offset, zpci_io_result_name(res), errname(zpci_io_result_errno(res)),
		 res == ZPCI_IO_LEN_OVER_MAX || res == ZPCI_IO_BAD_LEN ? "; see maxstbl below" : "");
	if (res == ZPCI_IO_LEN_OVER_MAX || res == ZPCI_IO_BAD_LEN)
		fprintf(stderr, "  maxstbl %u (%s); PCISTB takes 1..maxstbl bytes\n",
			r->io.maxstbl, r->io.maxstbl_source ? r->io.maxstbl_source : "unknown");
	return ZX_USAGE;
}

/* ---- loops ------------------------------------------------------------- */

struct loop_result {
	uint64_t ops, errors, bytes, elapsed_ns;
	int first_err;
	struct zpci_lat_stats lat;
};

static int run_loop(struct iotest_run *r, bool store, unsigned int len, const struct zpci_pattern *pat,
		    struct loop_result *lr)
{
	size_t cap = opt_count > 0 ? (size_t)opt_count : 4096, n = 0;
	uint64_t *samples = malloc(cap * sizeof(*samples));
	unsigned char *data = calloc(1, len + 8), out[8];
	uint64_t *words = calloc(len / 8 + 1, sizeof(*words));
	uint64_t start = now_ns(), deadline = start + (uint64_t)(opt_duration * 1e9);

	memset(lr, 0, sizeof(*lr));
	if (!samples || !data || !words) {
		free(samples);
		free(data);
		free(words);
		zpci_err("%s: out of memory", r->fn->address);
		return ZX_INTERNAL;
	}
	for (uint64_t it = 0;; it++) {
		uint64_t t0, t1;
		int err;

		if (opt_count > 0 ? it >= (uint64_t)opt_count : now_ns() >= deadline)
			break;
		if (store) {
			zpci_pattern_fill(pat, words, len / 8, it);
			for (unsigned int w = 0; w < len / 8; w++)
				zpci_io_put_be64(data + 8 * w, words[w]);
		}
		t0 = now_ns();
		err = store ? zpci_io_dev_store(&r->io, r->bar, r->offset, data, len)
			    : zpci_io_dev_load(&r->io, r->bar, r->offset, len, out);
		t1 = now_ns();
		lr->ops++;
		if (err) {
			lr->errors++;
			if (!lr->first_err)
				lr->first_err = -err;
			if (lr->errors >= 16 && lr->errors == lr->ops)
				break;	/* nothing works: do not spin for the whole duration */
			continue;
		}
		lr->bytes += len;
		if (n == cap) {
			uint64_t *s = cap < (1u << 24) ? realloc(samples, 2 * cap * sizeof(*s)) : NULL;

			if (s) {
				samples = s;
				cap *= 2;
			}
		}
		if (n < cap)
			samples[n++] = t1 - t0;
	}
	lr->elapsed_ns = now_ns() - start;
	zpci_lat_compute(samples, n, &lr->lat);
	free(samples);
	free(data);
	free(words);
	return ZX_OK;
}

static void loop_report(struct iotest_run *r, const char *op, unsigned int len,
			const struct loop_result *lr)
{
	double secs = (double)lr->elapsed_ns / 1e9;
	double ops_s = secs > 0 ? (double)(lr->ops - lr->errors) / secs : 0;
	double bytes_s = secs > 0 ? (double)lr->bytes / secs : 0;

	if (r->doc) {
		json_object *o = json_object_new_object(), *l = json_object_new_object();

		json_object_object_add(o, "operation", json_object_new_string(op));
		json_object_object_add(o, "length", json_object_new_int((int)len));
		json_object_object_add(o, "operations", json_object_new_uint64(lr->ops));
		json_object_object_add(o, "errors", json_object_new_uint64(lr->errors));
		json_object_object_add(o, "first_errno",
				       lr->first_err ? json_object_new_string(errname(lr->first_err)) : NULL);
		json_object_object_add(o, "seconds", json_object_new_double(secs));
		json_object_object_add(o, "ops_per_second", json_object_new_double(ops_s));
		json_object_object_add(o, "bytes_per_second", json_object_new_double(bytes_s));
		json_object_object_add(l, "samples", json_object_new_uint64(lr->lat.n));
		json_object_object_add(l, "min", json_object_new_uint64(lr->lat.min_ns));
		json_object_object_add(l, "p50", json_object_new_uint64(lr->lat.p50_ns));
		json_object_object_add(l, "p90", json_object_new_uint64(lr->lat.p90_ns));
		json_object_object_add(l, "p99", json_object_new_uint64(lr->lat.p99_ns));
		json_object_object_add(l, "max", json_object_new_uint64(lr->lat.max_ns));
		json_object_object_add(l, "mean", json_object_new_double(lr->lat.mean_ns));
		json_object_object_add(o, "latency_ns", l);
		json_object_object_add(r->doc, "loop", o);
		return;
	}
	printf("%s of %u bytes: %" PRIu64 " operations in %.3f s, %" PRIu64 " failed%s%s%s\n", op, len,
	       lr->ops, secs, lr->errors, lr->first_err ? " (first: " : "",
	       lr->first_err ? errname(lr->first_err) : "", lr->first_err ? ")" : "");
	printf("  %.0f ops/s, %.0f bytes/s (%.2f KiB/s)\n", ops_s, bytes_s, bytes_s / 1024);
	printf("  latency ns: min %" PRIu64 "  p50 %" PRIu64 "  p90 %" PRIu64 "  p99 %" PRIu64
	       "  max %" PRIu64 "  (%zu samples)\n", lr->lat.min_ns, lr->lat.p50_ns, lr->lat.p90_ns,
	       lr->lat.p99_ns, lr->lat.max_ns, lr->lat.n);
}

/* ---- modes ------------------------------------------------------------- */

static int mode_read(struct iotest_run *r)
{
	static const unsigned int all[] = { 1, 2, 4, 8 };
	json_object *arr = r->doc ? json_object_new_array() : NULL;
	unsigned int lens[4];
	int nlens = 0, rc = ZX_OK;

	if (opt_length) {
		lens[nlens++] = (unsigned int)opt_length;
	} else {
		for (int i = 0; i < 4; i++)
			if (r->offset % all[i] == 0 && r->offset + all[i] <= r->bar_size)
				lens[nlens++] = all[i];
	}
	if (!nlens) {
		zpci_err("%s: offset 0x%" PRIx64 " is not aligned for any PCILG length",
			 r->fn->address, r->offset);
		json_object_put(arr);
		return ZX_USAGE;
	}
	if (opt_count || opt_duration > 0) {
		struct loop_result lr;
		unsigned int len = lens[nlens - 1];

		json_object_put(arr);
		if (precheck(r, false, len))
			return ZX_USAGE;
		rc = run_loop(r, false, len, NULL, &lr);
		if (rc)
			return rc;
		loop_report(r, "PCILG", len, &lr);
		return lr.errors ? io_err_exit(r, "PCILG", lr.first_err) : ZX_OK;
	}
	if (!r->doc)
		printf("%-4s %-18s %s\n", "len", "value (LE)", "bytes (bus order)");
	for (int i = 0; i < nlens; i++) {
		unsigned char out[8];
		char bytes[32], detail[128];
		struct zpci_io_status st;
		int err;

		if (precheck(r, false, lens[i])) {
			json_object_put(arr);
			return ZX_USAGE;
		}
		err = -zpci_io_dev_load(&r->io, r->bar, r->offset, lens[i], out);
		st.known = false;
		if (err == EIO)
			insn_detail(r, &st, detail, sizeof(detail));
		if (err) {
			if (!r->doc)
				printf("%-4u %s%s%s\n", lens[i], errname(err), st.known ? ": " : "",
				       st.known ? detail : "");
			if (rc == ZX_OK)
				rc = io_err_exit(r, "PCILG", err);
		} else {
			bytes_hex(out, lens[i], bytes, sizeof(bytes));
			if (!r->doc)
				printf("%-4u 0x%0*" PRIx64 "%*s %s\n", lens[i], 2 * lens[i],
				       zpci_io_le_value(out, lens[i]), 16 - 2 * lens[i], "", bytes);
		}
		if (arr) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "length", json_object_new_int((int)lens[i]));
			json_object_object_add(o, "value", err ? NULL : hex(zpci_io_le_value(out, lens[i])));
			json_object_object_add(o, "bytes", err ? NULL : json_object_new_string(bytes));
			json_object_object_add(o, "errno", err ? json_object_new_string(errname(err)) : NULL);
			json_object_object_add(o, "instruction", err == EIO ? insn_json(&st) : NULL);
			json_object_array_add(arr, o);
		}
	}
	if (arr)
		json_object_object_add(r->doc, "reads", arr);
	return rc;
}

static unsigned int default_store_len(const struct iotest_run *r)
{
	unsigned int len = r->io.maxstbl < 64 ? r->io.maxstbl : 64;
	uint64_t room = ZPCI_IO_STB_BOUNDARY - r->offset % ZPCI_IO_STB_BOUNDARY;

	len &= ~(ZPCI_IO_PORTABLE_STB_ALIGN - 1);
	if (len > room)
		len = (unsigned int)room;
	return len < ZPCI_IO_PORTABLE_STB_MIN ? ZPCI_IO_PORTABLE_STB_MIN : len;
}

static int mode_write(struct iotest_run *r, const struct zpci_pattern *pat)
{
	unsigned int len = opt_length ? (unsigned int)opt_length : default_store_len(r);
	unsigned char *data;
	uint64_t *words;
	char pd[40];
	int err;

	if (precheck(r, true, len))
		return ZX_USAGE;
	zpci_pattern_describe(pat, pd, sizeof(pd));
	if (opt_count || opt_duration > 0) {
		struct loop_result lr;
		int rc = run_loop(r, true, len, pat, &lr);

		if (rc)
			return rc;
		loop_report(r, "PCISTB", len, &lr);
		return lr.errors ? io_err_exit(r, "PCISTB", lr.first_err) : ZX_OK;
	}
	data = calloc(1, len);
	words = calloc(len / 8, sizeof(*words));
	if (!data || !words) {
		free(data);
		free(words);
		return ZX_INTERNAL;
	}
	zpci_pattern_fill(pat, words, len / 8, 0);
	for (unsigned int w = 0; w < len / 8; w++)
		zpci_io_put_be64(data + 8 * w, words[w]);
	err = -zpci_io_dev_store(&r->io, r->bar, r->offset, data, len);
	if (r->doc) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "length", json_object_new_int((int)len));
		json_object_object_add(o, "pattern", json_object_new_string(pd));
		json_object_object_add(o, "first_word", hex(words[0]));
		json_object_object_add(o, "errno", err ? json_object_new_string(errname(err)) : NULL);
		json_object_object_add(r->doc, "write", o);
	} else if (!err) {
		printf("PCISTB of %u bytes (pattern %s, first word 0x%016" PRIx64 ") done\n", len, pd,
		       words[0]);
	}
	free(data);
	free(words);
	return err ? io_err_exit(r, "PCISTB", err) : ZX_OK;
}

static const char *verify_explanation(const struct zpci_verify_result *v)
{
	switch (v->summary) {
	case ZV_ALL_MATCH:
		return "every word read back as written";
	case ZV_ALL_REVERSED:
		return "every byte that changed arrived byte-reversed within its 8-byte word: "
		       "QEMU's PCISTB defect (it dispatches each word host-endian on a "
		       "little-endian host); expected in the emulator, a genuine fault on real "
		       "hardware. Words marked unchanged kept their old contents (read-only)";
	case ZV_SHORT:
		return "the store was cut short: a prefix landed, the words after it kept their "
		       "old contents, read as 0 or could not be read back";
	case ZV_NOTHING_LANDED:
		return "nothing landed: the device dropped the store (vfio drops MSI-X table "
		       "writes, a register may be read-only) or the read-back failed";
	default:
		return "words differ in more than one way: see each word's verdict (partly-landed: "
		       "only some bytes are writable there)";
	}
}

/* Read n words with PCILG 8; returns how many could be read. */
static size_t read_words(struct iotest_run *r, uint64_t *w, size_t n, int *err)
{
	unsigned char b[8];

	*err = 0;
	for (size_t i = 0; i < n; i++) {
		int e = zpci_io_dev_load(&r->io, r->bar, r->offset + 8 * i, 8, b);

		if (e) {
			*err = -e;
			return i;
		}
		w[i] = zpci_io_get_be64(b);
	}
	return n;
}

static int mode_verify(struct iotest_run *r, const struct zpci_pattern *pat)
{
	unsigned int len = opt_length ? (unsigned int)opt_length : default_store_len(r);
	size_t nw = len / 8, nbefore, nread;
	uint64_t *exp, *got, *before;
	unsigned char *data;
	struct zpci_verify_result v;
	int err, rerr, rc;
	char pd[40];

	if (opt_count || opt_duration > 0) {
		zpci_err("%s: --verify is one store and its read-back; use --write with --count",
			 r->fn->address);
		return ZX_USAGE;
	}
	if (precheck(r, true, len) || precheck(r, false, 8))
		return ZX_USAGE;
	zpci_pattern_describe(pat, pd, sizeof(pd));
	exp = calloc(nw, 8);
	got = calloc(nw, 8);
	before = calloc(nw, 8);
	data = calloc(nw, 8);
	if (!exp || !got || !before || !data) {
		rc = ZX_INTERNAL;
		goto out;
	}
	zpci_pattern_fill(pat, exp, nw, 0);
	for (size_t w = 0; w < nw; w++)
		zpci_io_put_be64(data + 8 * w, exp[w]);

	nbefore = read_words(r, before, nw, &rerr);
	err = -zpci_io_dev_store(&r->io, r->bar, r->offset, data, len);
	if (err) {
		rc = io_err_exit(r, "PCISTB", err);
		goto out;
	}
	nread = read_words(r, got, nw, &rerr);
	if (zpci_verify_analyse(exp, got, nbefore == nw ? before : NULL, nw, nread, &v)) {
		rc = ZX_INTERNAL;
		goto out;
	}
	if (r->doc) {
		json_object *o = json_object_new_object(), *c = json_object_new_object();
		json_object *m = json_object_new_array();

		json_object_object_add(o, "length", json_object_new_int((int)len));
		json_object_object_add(o, "pattern", json_object_new_string(pd));
		json_object_object_add(o, "summary",
				       json_object_new_string(zpci_verify_summary_name(v.summary)));
		json_object_object_add(o, "explanation",
				       json_object_new_string(verify_explanation(&v)));
		json_object_object_add(o, "words", json_object_new_uint64(nw));
		for (int k = 0; k <= ZW_OTHER; k++)
			json_object_object_add(c, zpci_word_verdict_name((enum zpci_word_verdict)k),
					       json_object_new_uint64(v.count[k]));
		json_object_object_add(o, "counts", c);
		json_object_object_add(o, "landed_bytes",
				       v.summary == ZV_SHORT ? json_object_new_uint64(v.landed_bytes) : NULL);
		json_object_object_add(o, "readback_errno",
				       rerr ? json_object_new_string(errname(rerr)) : NULL);
		for (size_t i = 0; i < v.nbad; i++) {
			json_object *w = json_object_new_object();

			json_object_object_add(w, "index", json_object_new_uint64(v.bad[i].index));
			json_object_object_add(w, "offset",
					       json_object_new_uint64(r->offset + 8 * v.bad[i].index));
			json_object_object_add(w, "expected", hex(v.bad[i].expected));
			json_object_object_add(w, "got", v.bad[i].verdict == ZW_NOT_READ ? NULL
							 : hex(v.bad[i].got));
			json_object_object_add(w, "verdict", json_object_new_string(
				zpci_word_verdict_name(v.bad[i].verdict)));
			json_object_array_add(m, w);
		}
		json_object_object_add(o, "mismatches", m);
		json_object_object_add(r->doc, "verify", o);
	} else {
		printf("PCISTB of %u bytes (pattern %s), read back with %zu PCILG of 8 bytes\n", len,
		       pd, nread);
		printf("verify: %s: %s\n", zpci_verify_summary_name(v.summary), verify_explanation(&v));
		if (v.summary == ZV_SHORT)
			printf("  %zu of %u bytes landed\n", v.landed_bytes, len);
		if (rerr)
			printf("  read-back stopped after %zu words: %s\n", nread, errname(rerr));
		if (v.nbad) {
			printf("  %-5s %-10s %-18s %-18s %s\n", "word", "offset", "expected", "read back",
			       "verdict");
			for (size_t i = 0; i < v.nbad; i++) {
				char g[24] = "-";

				if (v.bad[i].verdict != ZW_NOT_READ)
					snprintf(g, sizeof(g), "0x%016" PRIx64, v.bad[i].got);
				printf("  %-5zu 0x%-8" PRIx64 " 0x%016" PRIx64 " %-18s %s\n",
				       v.bad[i].index, r->offset + 8 * v.bad[i].index,
				       v.bad[i].expected, g, zpci_word_verdict_name(v.bad[i].verdict));
			}
		}
	}
	rc = v.summary == ZV_ALL_MATCH ? ZX_OK : ZX_PROBLEM;
	zpci_verify_free(&v);
out:
	free(exp);
	free(got);
	free(before);
	free(data);
	return rc;
}

static int mode_reject_matrix(struct iotest_run *r)
{
	struct zpci_reject_env env = {
		.bar = r->bar, .bar_size = r->bar_size, .absent_bar = -1, .io_bar = -1,
		.big_bar = -1, .msix_bar = -1, .maxstbl = r->io.maxstbl,
		.page = (uint64_t)(uintptr_t)r->io.buf,
		.unmapped = (uint64_t)(uintptr_t)r->io.noaccess,
	};
	json_object *arr = r->doc ? json_object_new_array() : NULL;
	int accepted = 0, unexpected = 0, skipped = 0;

	if (r->io.path != ZIO_REGION) {
		zpci_err("%s: --reject-matrix checks the zPCI I/O region; this function is served "
			 "through vfio BAR regions (bind it to zpci_vfio_pci)", r->fn->address);
		json_object_put(arr);
		return ZX_UNAVAIL;
	}
	for (int i = 0; i < ZPCI_IO_NUM_BARS; i++) {
		uint64_t sz = zpci_io_dev_bar_size(&r->io, i);

		if (!sz && env.absent_bar < 0)
			env.absent_bar = i;
		else if (sz && r->fn->bars[i].present && r->fn->bars[i].is_io && env.io_bar < 0)
			env.io_bar = i;
		else if (sz >= 2 * ZPCI_IO_STB_BOUNDARY && env.big_bar < 0 &&
			 !(r->fn->bars[i].present && r->fn->bars[i].is_io))
			env.big_bar = i;
	}
	env.msix_bar = r->msix_table.bar;
	env.msix_offset = r->msix_table.start;

	if (!r->doc) {
		printf("Every request below is invalid; the module refuses each before any PCI "
		       "instruction is issued, so none reaches the device.\n");
		printf("%-20s %-38s %-8s %-10s %s\n", "case", "request", "expect", "got", "result");
	}
	for (size_t i = 0; i < zpci_num_reject_cases; i++) {
		const struct zpci_reject_case *c = &zpci_reject_cases[i];
		struct vfio_zpci_io_req req;
		const char *skip, *result;
		uint64_t pos;
		size_t len;
		int err = 0;

		memset(r->io.buf, 0, 2 * (size_t)r->io.page_size);
		skip = c->build(&env, &req, &pos, &len);
		if (!skip && c->access == ZRA_READ_REGION) {
			unsigned char rb[sizeof(req)];

			err = -zpci_io_dev_region_read(&r->io, rb, len, pos);
		} else if (!skip && c->access == ZRA_WRITE_REQ_MEM_OFF) {
			uint16_t cmd;
			int e = zpci_io_dev_memory_decode(&r->io, false, &cmd);

			if (e) {
				skip = "cannot switch memory decoding off through vfio's config region";
			} else {
				err = -zpci_io_dev_region_write(&r->io, &req, len, pos);
				zpci_io_dev_restore_command(&r->io, cmd);
			}
		} else if (!skip) {
			err = -zpci_io_dev_region_write(&r->io, &req, len, pos);
		}
		if (skip) {
			skipped++;
			result = "skipped";
		} else if (!err) {
			accepted++;
			result = "ACCEPTED";
		} else if (err != c->expected_errno) {
			unexpected++;
			result = "WRONG-ERRNO";
		} else {
			result = "refused";
		}
		if (arr) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_string(c->id));
			json_object_object_add(o, "request", json_object_new_string(c->what));
			json_object_object_add(o, "rule", json_object_new_string(
				c->rule ? zpci_io_result_name(c->rule) : "copy-fault"));
			json_object_object_add(o, "expected_errno",
					       json_object_new_string(errname(c->expected_errno)));
			json_object_object_add(o, "errno", skip ? NULL : json_object_new_string(errname(err)));
			json_object_object_add(o, "result", json_object_new_string(result));
			json_object_object_add(o, "skip_reason", skip ? json_object_new_string(skip) : NULL);
			json_object_array_add(arr, o);
		} else {
			printf("%-20s %-38s %-8s %-10s %s%s%s\n", c->id, c->what,
			       errname(c->expected_errno), skip ? "-" : err ? errname(err) : "0 (ok)",
			       result, skip ? ": " : "", skip ? skip : "");
		}
	}
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "cases", arr);
		json_object_object_add(o, "accepted", json_object_new_int(accepted));
		json_object_object_add(o, "wrong_errno", json_object_new_int(unexpected));
		json_object_object_add(o, "skipped", json_object_new_int(skipped));
		json_object_object_add(o, "reaches_hardware", json_object_new_boolean(accepted > 0));
		json_object_object_add(r->doc, "reject_matrix", o);
	} else {
		printf("%zu cases: %zu refused as documented, %d accepted, %d with another errno, "
		       "%d skipped\n", zpci_num_reject_cases,
		       zpci_num_reject_cases - (size_t)(accepted + unexpected + skipped), accepted,
		       unexpected, skipped);
	}
	if (accepted || unexpected)
		zpci_err("%s: reject matrix: %d invalid request(s) accepted, %d refused with an "
			 "undocumented errno", r->fn->address, accepted, unexpected);
	return accepted || unexpected ? ZX_PROBLEM : ZX_OK;
}

/* ---- entry ------------------------------------------------------------- */

static int pick_bar(struct iotest_run *r)
{
	if (opt_bar >= 0) {
		if (opt_bar >= ZPCI_IO_NUM_BARS) {
			zpci_err("%s: --bar %d: BARs are 0-5", r->fn->address, opt_bar);
			return ZX_USAGE;
		}
		r->bar = opt_bar;
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
		json_object_object_add(g, "offset", hex(r->io.ioreg->offset));
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

static int cmd_iotest(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct iotest_run r = { 0 };
	struct zpci_pattern pat;
	enum zpci_io_path want;
	struct zpci_system sys;
	struct zpci_fn *fn;
	char *end;
	int rc, modes = !!opt_write + !!opt_verify + !!opt_reject;

	if (argc != 1) {
		zpci_err("iotest: exactly one DEVICE expected");
		return ZX_USAGE;
	}
	if (modes > 1) {
		zpci_err("%s: --write, --verify and --reject-matrix exclude each other", argv[0]);
		return ZX_USAGE;
	}
	if (opt_count < 0 || opt_duration < 0 || (opt_count && opt_duration > 0) || opt_length < 0) {
		zpci_err("%s: --count and --duration take positive values, one of them", argv[0]);
		return ZX_USAGE;
	}
	if (zpci_pattern_parse(opt_pattern, &pat)) {
		zpci_err("%s: --pattern %s: use 0xHEXWORD, counter, random or random:SEED", argv[0],
			 opt_pattern);
		return ZX_USAGE;
	}
	if (strcmp(opt_path, "auto") == 0)
		want = ZIO_AUTO;
	else if (strcmp(opt_path, "region") == 0)
		want = ZIO_REGION;
	else if (strcmp(opt_path, "bar") == 0)
		want = ZIO_BAR;
	else {
		zpci_err("%s: --path %s: use auto, region or bar", argv[0], opt_path);
		return ZX_USAGE;
	}
	errno = 0;
	r.offset = strtoull(opt_offset, &end, 0);
	if (errno || *end || *opt_offset == '-' || !*opt_offset) {
		zpci_err("%s: --offset %s: not a number", argv[0], opt_offset);
		return ZX_USAGE;
	}
	r.mode = opt_reject ? "reject-matrix" : opt_verify ? "verify" : opt_write ? "write" : "read";

	rc = zpci_load_and_select_one(ctx, ZL_SYSFS, "iotest", argc, argv, &sys, &fn);
	if (rc)
		return rc;
	r.fn = fn;
	rc = zpci_io_dev_open(ctx, fn, fn->pci.driver, want, &r.io);
	if (rc)
		goto out_sys;
	zpci_io_dev_msix_table(&r.io, &r.msix_table);
	rc = pick_bar(&r);
	if (rc)
		goto out;
	if (r.offset >= r.bar_size && !opt_reject) {
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

	if (opt_reject)
		rc = mode_reject_matrix(&r);
	else if (opt_verify)
		rc = mode_verify(&r, &pat);
	else if (opt_write)
		rc = mode_write(&r, &pat);
	else
		rc = mode_read(&r);

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

ZPCI_COMMAND(iotest, .name = "iotest", .args = "DEVICE",
	     .summary = "PCILG/PCISTB through the zPCI I/O region (read-only by default)",
	     .options = iotest_options, .run = cmd_iotest);
