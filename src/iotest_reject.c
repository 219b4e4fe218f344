// SPDX-License-Identifier: MIT
/*
 * iotest --reject-matrix: every invalid request class against the zPCI I/O
 * region, each refused with its documented errno.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "iotest.h"

int iotest_mode_reject_matrix(struct iotest_run *r)
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
					       json_object_new_string(iotest_errname(c->expected_errno)));
			json_object_object_add(o, "errno", skip ? NULL : json_object_new_string(iotest_errname(err)));
			json_object_object_add(o, "result", json_object_new_string(result));
			json_object_object_add(o, "skip_reason", skip ? json_object_new_string(skip) : NULL);
			json_object_array_add(arr, o);
		} else {
			printf("%-20s %-38s %-8s %-10s %s%s%s\n", c->id, c->what,
			       iotest_errname(c->expected_errno), skip ? "-" : err ? iotest_errname(err) : "0 (ok)",
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
