// SPDX-License-Identifier: MIT
/*
 * iotest read (the default) and --write: single PCILG of each length, one
 * PCISTB of the pattern.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotest.h"

int iotest_mode_read(struct iotest_run *r)
{
	static const unsigned int all[] = { 1, 2, 4, 8 };
	json_object *arr = r->doc ? json_object_new_array() : NULL;
	unsigned int lens[4];
	int nlens = 0, rc = ZX_OK;

	if (r->opt->length) {
		lens[nlens++] = (unsigned int)r->opt->length;
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
	if (r->opt->count || r->opt->duration > 0) {
		struct loop_result lr;
		unsigned int len = lens[nlens - 1];

		json_object_put(arr);
		if (iotest_precheck(r, false, len))
			return ZX_USAGE;
		rc = iotest_run_loop(r, false, len, NULL, &lr);
		if (rc)
			return rc;
		iotest_loop_report(r, "PCILG", len, &lr);
		return lr.errors ? iotest_io_err_exit(r, "PCILG", lr.first_err) : ZX_OK;
	}
	if (!r->doc)
		printf("%-4s %-18s %s\n", "len", "value (LE)", "bytes (bus order)");
	for (int i = 0; i < nlens; i++) {
		unsigned char out[8];
		char bytes[32], detail[128];
		struct zpci_io_status st;
		int err;

		if (iotest_precheck(r, false, lens[i])) {
			json_object_put(arr);
			return ZX_USAGE;
		}
		iotest_status_mark(r);
		err = -zpci_io_dev_load(&r->io, r->bar, r->offset, lens[i], out);
		st.known = false;
		if (iotest_insn_failed(err))
			iotest_insn_detail(r, &st, detail, sizeof(detail));
		if (err) {
			if (!r->doc)
				printf("%-4u %s%s%s\n", lens[i], iotest_errname(err), st.known ? ": " : "",
				       st.known ? detail : "");
			if (rc == ZX_OK)
				rc = iotest_io_err_exit(r, "PCILG", err);
		} else {
			iotest_bytes_hex(out, lens[i], bytes, sizeof(bytes));
			if (!r->doc)
				printf("%-4u 0x%0*" PRIx64 "%*s %s\n", lens[i], 2 * lens[i],
				       zpci_io_le_value(out, lens[i]), 16 - 2 * lens[i], "", bytes);
		}
		if (arr) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "length", json_object_new_int((int)lens[i]));
			json_object_object_add(o, "value", err ? NULL : iotest_hex(zpci_io_le_value(out, lens[i])));
			json_object_object_add(o, "bytes", err ? NULL : json_object_new_string(bytes));
			json_object_object_add(o, "errno", err ? json_object_new_string(iotest_errname(err)) : NULL);
			json_object_object_add(o, "instruction", iotest_insn_failed(err) ? iotest_insn_json(&st) : NULL);
			json_object_array_add(arr, o);
		}
	}
	if (arr)
		json_object_object_add(r->doc, "reads", arr);
	return rc;
}

unsigned int iotest_default_store_len(const struct iotest_run *r)
{
	unsigned int len = r->io.maxstbl < 64 ? r->io.maxstbl : 64;
	uint64_t room = ZPCI_IO_STB_BOUNDARY - r->offset % ZPCI_IO_STB_BOUNDARY;

	len &= ~(ZPCI_IO_PORTABLE_STB_ALIGN - 1);
	if (len > room)
		len = (unsigned int)room;
	return len < ZPCI_IO_PORTABLE_STB_MIN ? ZPCI_IO_PORTABLE_STB_MIN : len;
}

int iotest_mode_write(struct iotest_run *r, const struct zpci_pattern *pat)
{
	unsigned int len = r->opt->length ? (unsigned int)r->opt->length : iotest_default_store_len(r);
	unsigned char *data;
	uint64_t *words;
	char pd[40];
	int err;

	if (iotest_precheck(r, true, len))
		return ZX_USAGE;
	zpci_pattern_describe(pat, pd, sizeof(pd));
	if (r->opt->count || r->opt->duration > 0) {
		struct loop_result lr;
		int rc = iotest_run_loop(r, true, len, pat, &lr);

		if (rc)
			return rc;
		iotest_loop_report(r, "PCISTB", len, &lr);
		return lr.errors ? iotest_io_err_exit(r, "PCISTB", lr.first_err) : ZX_OK;
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
	iotest_status_mark(r);
	err = -zpci_io_dev_store(&r->io, r->bar, r->offset, data, len);
	if (r->doc) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "length", json_object_new_int((int)len));
		json_object_object_add(o, "pattern", json_object_new_string(pd));
		json_object_object_add(o, "first_word", iotest_hex(words[0]));
		json_object_object_add(o, "errno", err ? json_object_new_string(iotest_errname(err)) : NULL);
		json_object_object_add(r->doc, "write", o);
	} else if (!err) {
		printf("%s of %u bytes (pattern %s, first word 0x%016" PRIx64 ") done\n",
		       r->io.path == ZIO_PCISTB ? "PCISTB" : "store", len, pd, words[0]);
	}
	free(data);
	free(words);
	return err ? iotest_io_err_exit(r, "PCISTB", err) : ZX_OK;
}
