// SPDX-License-Identifier: MIT
/*
 * iotest --count/--duration: repeat one PCILG or PCISTB, then rates and
 * latency percentiles.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotest.h"

int iotest_run_loop(struct iotest_run *r, bool store, unsigned int len, const struct zpci_pattern *pat,
		    struct loop_result *lr)
{
	size_t cap = iotest_opt.count > 0 ? (size_t)iotest_opt.count : 4096, n = 0;
	uint64_t *samples = malloc(cap * sizeof(*samples));
	unsigned char *data = calloc(1, len + 8), out[8];
	uint64_t *words = calloc(len / 8 + 1, sizeof(*words));
	uint64_t start = iotest_now_ns(), deadline = start + (uint64_t)(iotest_opt.duration * 1e9);

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

		if (iotest_opt.count > 0 ? it >= (uint64_t)iotest_opt.count : iotest_now_ns() >= deadline)
			break;
		if (store) {
			zpci_pattern_fill(pat, words, len / 8, it);
			for (unsigned int w = 0; w < len / 8; w++)
				zpci_io_put_be64(data + 8 * w, words[w]);
		}
		t0 = iotest_now_ns();
		err = store ? zpci_io_dev_store(&r->io, r->bar, r->offset, data, len)
			    : zpci_io_dev_load(&r->io, r->bar, r->offset, len, out);
		t1 = iotest_now_ns();
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
	lr->elapsed_ns = iotest_now_ns() - start;
	zpci_lat_compute(samples, n, &lr->lat);
	free(samples);
	free(data);
	free(words);
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
	printf("  %.0f ops/s, %.0f bytes/s (%.2f KiB/s)\n", ops_s, bytes_s, bytes_s / 1024);
	printf("  latency ns: min %" PRIu64 "  p50 %" PRIu64 "  p90 %" PRIu64 "  p99 %" PRIu64
	       "  max %" PRIu64 "  (%zu samples)\n", lr->lat.min_ns, lr->lat.p50_ns, lr->lat.p90_ns,
	       lr->lat.p99_ns, lr->lat.max_ns, lr->lat.n);
}
