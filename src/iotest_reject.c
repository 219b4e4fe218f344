// SPDX-License-Identifier: MIT
/*
 * iotest --reject-matrix: one access per rule of the PCISTB drivers' BAR
 * regions, each answered as documented (errno, or the MSI-X table's 0xff
 * and dropped write) and, where the driver counts them, with no
 * instruction issued.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotest.h"

/* Run one case; returns the errno (0: accepted), *skip when it could not run. */
static int run_case(struct iotest_run *r, const struct zpci_reject_case *c,
		    const struct zpci_reject_io *io, unsigned char *buf, long *count,
		    const char **skip)
{
	void *ubuf = io->use_unmapped ? r->io.noaccess : buf;
	uint16_t cmd = 0;
	long n;

	if (c->access == ZRA_READ_MEM_OFF && zpci_io_dev_memory_decode(&r->io, false, &cmd)) {
		*skip = "cannot switch memory decoding off through vfio's config region";
		return 0;
	}
	n = zpci_io_dev_raw(&r->io, c->access == ZRA_WRITE, io->region, io->pos, ubuf, io->len);
	if (c->access == ZRA_READ_MEM_OFF)
		zpci_io_dev_restore_command(&r->io, cmd);
	*count = n;
	return n < 0 ? (int)-n : 0;
}

/* What happened, judged against the case: "refused", "ACCEPTED", ... */
static const char *judge(const struct zpci_reject_case *c, int err, long count, size_t len,
			 const unsigned char *buf, bool status_known, uint64_t insns,
			 bool *bad)
{
	*bad = true;
	if (c->expect == ZRE_ERRNO) {
		if (!err)
			return "ACCEPTED";
		if (err != c->expected_errno)
			return "WRONG-ERRNO";
		if (status_known && insns)
			return "REACHED-DEVICE";
		*bad = false;
		return "refused";
	}
	if (err)
		return "WRONG-ERRNO";
	if ((size_t)count != len)
		return "SHORT";
	if (status_known && insns)
		return "REACHED-DEVICE";
	if (c->expect == ZRE_FILLED)
		for (size_t i = 0; i < len; i++)
			if (buf[i] != 0xff)
				return "NOT-FILLED";
	*bad = false;
	return c->expect == ZRE_FILLED ? "filled" : "dropped";
}

static const char *expect_text(const struct zpci_reject_case *c)
{
	if (c->expect == ZRE_FILLED)
		return "0xff";
	if (c->expect == ZRE_DROPPED)
		return "dropped";
	return iotest_errname(c->expected_errno);
}

int iotest_mode_reject_matrix(struct iotest_run *r)
{
	struct zpci_reject_env env = {
		.bar = r->bar, .bar_size = r->bar_size, .absent_bar = -1, .io_bar = -1,
		.big_bar = -1, .msix_bar = -1, .maxstbl = r->io.maxstbl,
		.unmapped = (uint64_t)(uintptr_t)r->io.noaccess,
	};
	json_object *arr = r->doc ? json_object_new_array() : NULL;
	int bad = 0, skipped = 0;
	unsigned char *buf;

	if (r->io.path != ZIO_PCISTB) {
		zpci_err("%s: --reject-matrix checks the rules of the PCISTB drivers; %s splits "
			 "accesses and has other rules (bind zpci_vfio_pci)", r->fn->address,
			 r->fn->pci.driver);
		json_object_put(arr);
		return ZX_UNAVAIL;
	}
	buf = calloc(1, 2 * ZPCI_IO_STB_BOUNDARY);
	if (!buf) {
		json_object_put(arr);
		return ZX_INTERNAL;
	}
	for (int i = 0; i < ZPCI_IO_NUM_BARS; i++) {
		uint64_t sz = zpci_io_dev_bar_size(&r->io, i);
		bool io = r->fn->bars[i].present && r->fn->bars[i].is_io;

		if (!sz && !io && env.absent_bar < 0)
			env.absent_bar = i;
		else if (sz && io && env.io_bar < 0)
			env.io_bar = i;
		else if (sz >= 2 * ZPCI_IO_STB_BOUNDARY && env.big_bar < 0 && !io)
			env.big_bar = i;
	}
	env.msix_bar = r->msix_table.bar;
	env.msix_offset = r->msix_table.start;
	if (!r->doc) {
		printf("Every access below breaks a rule; %s answers each without issuing an "
		       "instruction%s.\n", r->fn->pci.driver,
		       r->io.has_status ? " (the status feature's counts prove it)" : "");
		printf("%-20s %-46s %-8s %-8s %s\n", "case", "access", "expect", "got", "result");
	}
	for (size_t i = 0; i < zpci_num_reject_cases; i++) {
		const struct zpci_reject_case *c = &zpci_reject_cases[i];
		struct zpci_io_status st0, st1;
		struct zpci_reject_io io;
		const char *skip, *result;
		bool known = false, wrong = false;
		uint64_t insns = 0;
		long count = 0;
		int err = 0;

		memset(buf, 0, 2 * ZPCI_IO_STB_BOUNDARY);
		skip = c->build(&env, &io);
		if (!skip && c->ours_only && !r->io.ours)
			skip = "a protection only zpci_vfio_pci adds: the access would reach the device";
		if (!skip) {
			known = r->io.has_status && zpci_io_dev_status(&r->io, &st0) == 0;
			err = run_case(r, c, &io, buf, &count, &skip);
			if (known && zpci_io_dev_status(&r->io, &st1) == 0)
				insns = st1.pcilg - st0.pcilg + st1.pcistb - st0.pcistb;
			else
				known = false;
		}
		if (skip) {
			skipped++;
			result = "skipped";
		} else {
			result = judge(c, err, count, io.len, buf, known, insns, &wrong);
			bad += wrong;
		}
		if (arr) {
			json_object *o = json_object_new_object();

			json_object_object_add(o, "id", json_object_new_string(c->id));
			json_object_object_add(o, "access", json_object_new_string(c->what));
			json_object_object_add(o, "rule", json_object_new_string(
				c->rule ? zpci_io_result_name(c->rule) : "outside-the-rules"));
			json_object_object_add(o, "expected", json_object_new_string(expect_text(c)));
			json_object_object_add(o, "errno", skip ? NULL :
					       json_object_new_string(iotest_errname(err)));
			json_object_object_add(o, "instructions", skip || !known ? NULL :
					       json_object_new_uint64(insns));
			json_object_object_add(o, "result", json_object_new_string(result));
			json_object_object_add(o, "skip_reason", skip ? json_object_new_string(skip) : NULL);
			json_object_array_add(arr, o);
		} else {
			printf("%-20s %-46s %-8s %-8s %s%s%s\n", c->id, c->what, expect_text(c),
			       skip ? "-" : err ? iotest_errname(err) : "0 (ok)", result,
			       skip ? ": " : "", skip ? skip : "");
		}
	}
	free(buf);
	if (arr) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "cases", arr);
		json_object_object_add(o, "unexpected", json_object_new_int(bad));
		json_object_object_add(o, "skipped", json_object_new_int(skipped));
		json_object_object_add(r->doc, "reject_matrix", o);
	} else {
		printf("%zu cases: %zu as documented, %d unexpected, %d skipped\n",
		       zpci_num_reject_cases, zpci_num_reject_cases - (size_t)(bad + skipped), bad,
		       skipped);
	}
	if (bad)
		zpci_err("%s: reject matrix: %d access(es) answered otherwise than documented",
			 r->fn->address, bad);
	return bad ? ZX_PROBLEM : ZX_OK;
}
