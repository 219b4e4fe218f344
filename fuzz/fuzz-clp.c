// SPDX-License-Identifier: MIT
/*
 * A CLP block as /dev/clp returns it or --from-raw reads it from a file:
 * each of the three decoders gets the same bytes (only the one whose command
 * the block names gets past the header), then the utility-string decoder
 * (src/util_string.c) gets what a Query PCI Function decoded.
 */
#include "config.h"

#include "fuzz.h"
#include "clp_decode.h"
#include "util_string.h"

static void check_notes(const struct zpci_clp_notes *notes)
{
	if (notes->n > ZPCI_CLP_MAX_NOTES)
		fuzz_fail("%zu notes, room for %d", notes->n, ZPCI_CLP_MAX_NOTES);
	for (size_t i = 0; i < notes->n; i++)
		fuzz_check_str(notes->text[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct clp_list_block list;
	struct zpci_clp_fn_data fn;
	struct zpci_clp_group_data grp;
	struct zpci_clp_notes notes = { 0 };
	char err[200];
	int rc;

	err[0] = '\0';
	rc = clp_decode_list(data, size, &list, &notes, err, sizeof(err));
	fuzz_check_str(err);
	if (rc == CLP_DEC_OK && list.nentries > CLP_LIST_MAX_ENTRIES)
		fuzz_fail("list: %zu entries", list.nentries);
	rc = clp_decode_query_fn(data, size, &fn, &notes, err, sizeof(err));
	fuzz_check_str(err);
	if (rc == CLP_DEC_OK) {
		char ids[4][ZPCI_PNET_ID_LEN + 1], text[ZPCI_UTIL_LEN + 1];
		int n = zpci_util_pnet_ids(fn.util_str, sizeof(fn.util_str), ids);

		if (n < 0 || n > 4)
			fuzz_fail("%d PNET IDs", n);
		for (int i = 0; i < 4; i++)
			fuzz_check_str(ids[i]);
		zpci_util_text(fn.util_str, sizeof(fn.util_str), text, sizeof(text));
		fuzz_check_str(text);
		(void)zpci_util_blank(fn.util_str, sizeof(fn.util_str));
		for (int i = 0; i < ZPCI_NUM_BARS; i++)
			(void)clp_bar_size(fn.bar_size_log2[i]);
	}
	rc = clp_decode_query_grp(data, size, &grp, &notes, err, sizeof(err));
	fuzz_check_str(err);
	(void)rc;
	check_notes(&notes);
	(void)clp_rsp_name(clp_block_rsp(data, size));
	return 0;
}
