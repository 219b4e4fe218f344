// SPDX-License-Identifier: MIT
/*
 * iotest --verify: one PCISTB, read back with PCILG, every word explained.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotest.h"

static const char *verify_explanation(const struct zpci_verify_result *v)
{
	switch (v->summary) {
	case ZIOV_ALL_MATCH:
		return "every word read back as written";
	case ZIOV_ALL_REVERSED:
		return "every byte that changed arrived byte-reversed within its 8-byte word: "
		       "QEMU's PCISTB defect (it dispatches each word host-endian on a "
		       "little-endian host); expected in the emulator, a genuine fault on real "
		       "hardware. Words marked unchanged kept their old contents (read-only)";
	case ZIOV_SHORT:
		return "the store was cut short: a prefix landed, the words after it kept their "
		       "old contents, read as 0 or could not be read back";
	case ZIOV_NOTHING_LANDED:
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

int iotest_mode_verify(struct iotest_run *r, const struct zpci_pattern *pat)
{
	unsigned int len = r->opt->length ? (unsigned int)r->opt->length : iotest_default_store_len(r);
	size_t nw = len / 8, nbefore, nread;
	uint64_t *exp, *got, *before;
	unsigned char *data;
	struct zpci_verify_result v;
	int err, rerr, rc;
	char pd[40];

	if (r->opt->count || r->opt->duration > 0) {
		zpci_err("%s: --verify is one store and its read-back; use --write with --count",
			 r->fn->address);
		return ZX_USAGE;
	}
	if (iotest_precheck(r, true, len) || iotest_precheck(r, false, 8))
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
		rc = iotest_io_err_exit(r, "PCISTB", err);
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
				       v.summary == ZIOV_SHORT ? json_object_new_uint64(v.landed_bytes) : NULL);
		json_object_object_add(o, "readback_errno",
				       rerr ? json_object_new_string(iotest_errname(rerr)) : NULL);
		for (size_t i = 0; i < v.nbad; i++) {
			json_object *w = json_object_new_object();

			json_object_object_add(w, "index", json_object_new_uint64(v.bad[i].index));
			json_object_object_add(w, "offset",
					       json_object_new_uint64(r->offset + 8 * v.bad[i].index));
			json_object_object_add(w, "expected", iotest_hex(v.bad[i].expected));
			json_object_object_add(w, "got", v.bad[i].verdict == ZW_NOT_READ ? NULL
							 : iotest_hex(v.bad[i].got));
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
		if (v.summary == ZIOV_SHORT)
			printf("  %zu of %u bytes landed\n", v.landed_bytes, len);
		if (rerr)
			printf("  read-back stopped after %zu words: %s\n", nread, iotest_errname(rerr));
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
	rc = v.summary == ZIOV_ALL_MATCH ? ZX_OK : ZX_PROBLEM;
	zpci_verify_free(&v);
out:
	free(exp);
	free(got);
	free(before);
	free(data);
	return rc;
}
