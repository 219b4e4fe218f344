// SPDX-License-Identifier: MIT
/*
 * iotest --count/--duration: repeat one PCILG or PCISTB (or, with --batch,
 * one pwritev of N stores), then rates, latency percentiles (per system
 * call) and, where the driver counts them, the instructions issued.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotest.h"

/* --batch: every store of a batch is checked like a single one. */
static int batch_precheck(struct iotest_run *r, unsigned int len, int n)
{
	uint64_t off = r->offset;
	int rc = ZX_OK;

	for (int i = 0; i < n && rc == ZX_OK; i++) {
		r->offset = off + (uint64_t)i * len;
		if (r->offset + len > r->bar_size) {
			zpci_err("%s: --batch %d of %u bytes from offset 0x%" PRIx64 " runs past BAR%d "
				 "(%" PRIu64 " bytes)", r->fn->address, n, len, off, r->bar, r->bar_size);
			rc = ZX_USAGE;
		} else {
			rc = iotest_precheck(r, true, len);
		}
	}
	r->offset = off;
	return rc;
}

static void status_count(struct iotest_run *r, bool store, bool *known, uint64_t *n)
{
	struct zpci_io_status st;

	*known = r->io.has_status && zpci_io_dev_status(&r->io, &st) == 0;
	*n = *known ? (store ? st.pcistb : st.pcilg) : 0;
}

int iotest_run_loop(struct iotest_run *r, bool store, unsigned int len, const struct zpci_pattern *pat,
		    struct loop_result *lr)
{
	int batch = store && r->opt->batch > 0 ? r->opt->batch : 1;
	size_t cap = r->opt->count > 0 ? (size_t)r->opt->count : 4096, n = 0;
	size_t nwords = (size_t)batch * (len / 8) + 1;
	uint64_t *samples = malloc(cap * sizeof(*samples));
	unsigned char *data = calloc((size_t)batch, len + 8), out[8];
	uint64_t *words = calloc(nwords, sizeof(*words));
	struct iovec *iov = calloc((size_t)batch, sizeof(*iov));
	uint64_t start, deadline, before;
	bool known_before;

	memset(lr, 0, sizeof(*lr));
	if (!samples || !data || !words || !iov) {
		free(samples);
		free(data);
		free(words);
		free(iov);
		zpci_err("%s: out of memory", r->fn->address);
		return ZX_INTERNAL;
	}
	if (r->opt->batch > 0 && batch_precheck(r, len, batch)) {
		free(samples);
		free(data);
		free(words);
		free(iov);
		return ZX_USAGE;
	}
	for (int i = 0; i < batch; i++) {
		iov[i].iov_base = data + (size_t)i * len;
		iov[i].iov_len = len;
	}
	status_count(r, store, &known_before, &before);
	start = iotest_now_ns();
	deadline = start + (uint64_t)(r->opt->duration * 1e9);
	for (uint64_t it = 0;; it++) {
		uint64_t t0, t1;
		int err;

		if (r->opt->count > 0 ? it >= (uint64_t)r->opt->count : iotest_now_ns() >= deadline)
			break;
		if (store) {
			zpci_pattern_fill(pat, words, (size_t)batch * (len / 8), it);
			for (size_t w = 0; w < (size_t)batch * (len / 8); w++)
				zpci_io_put_be64(data + 8 * w, words[w]);
		}
		t0 = iotest_now_ns();
		if (r->opt->batch > 0) {
			long done = zpci_io_dev_storev(&r->io, r->bar, r->offset, iov, batch);

			err = done < 0 ? (int)done : done == (long)batch * len ? 0 : -EIO;
		} else {
			err = store ? zpci_io_dev_store(&r->io, r->bar, r->offset, data, len)
				    : zpci_io_dev_load(&r->io, r->bar, r->offset, len, out);
		}
		t1 = iotest_now_ns();
		lr->calls++;
		lr->ops += (uint64_t)batch;
		if (err) {
			lr->errors += (uint64_t)batch;
			if (!lr->first_err)
				lr->first_err = -err;
			if (lr->errors >= 16 && lr->errors == lr->ops)
				break;	/* nothing works: do not spin for the whole duration */
			continue;
		}
		lr->bytes += (uint64_t)batch * len;
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
	lr->elapsed_ns = iotest_now_ns() - start;
	if (known_before) {
		uint64_t after;

		status_count(r, store, &lr->insns_known, &after);
		lr->insns = after - before;
	}
	zpci_lat_compute(samples, n, &lr->lat);
	free(samples);
	free(data);
	free(words);
	free(iov);
	return ZX_OK;
}

void iotest_loop_report(struct iotest_run *r, const char *op, unsigned int len,
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
		json_object_object_add(o, "system_calls", json_object_new_uint64(lr->calls));
		json_object_object_add(o, "batch", json_object_new_int(r->opt->batch > 0 ? r->opt->batch : 1));
		json_object_object_add(o, "instructions_counted",
				       lr->insns_known ? json_object_new_uint64(lr->insns) : NULL);
		json_object_object_add(o, "errors", json_object_new_uint64(lr->errors));
		json_object_object_add(o, "first_errno",
				       lr->first_err ? json_object_new_string(iotest_errname(lr->first_err)) : NULL);
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
	       lr->first_err ? iotest_errname(lr->first_err) : "", lr->first_err ? ")" : "");
	printf("  %.0f ops/s, %.0f bytes/s (%.2f KiB/s), %" PRIu64 " system calls (%d per call)\n",
	       ops_s, bytes_s, bytes_s / 1024, lr->calls, r->opt->batch > 0 ? r->opt->batch : 1);
	if (lr->insns_known)
		printf("  %s instructions the driver counted: %" PRIu64 "\n", op, lr->insns);
	printf("  latency ns: min %" PRIu64 "  p50 %" PRIu64 "  p90 %" PRIu64 "  p99 %" PRIu64
	       "  max %" PRIu64 "  (%zu samples)\n", lr->lat.min_ns, lr->lat.p50_ns, lr->lat.p90_ns,
	       lr->lat.p99_ns, lr->lat.max_ns, lr->lat.n);
}
