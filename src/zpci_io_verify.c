// SPDX-License-Identifier: MIT
/*
 * The verify analysis: every word read back after a PCISTB classified
 * against what was written and what the device held before.
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "zpci_io.h"

const char *zpci_word_verdict_name(enum zpci_word_verdict v)
{
	static const char *const names[] = {
		[ZW_MATCH] = "match", [ZW_BYTE_REVERSED] = "byte-reversed",
		[ZW_PARTLY_REVERSED] = "partly-byte-reversed", [ZW_PARTLY_LANDED] = "partly-landed",
		[ZW_UNCHANGED] = "unchanged", [ZW_ZERO] = "zero",
		[ZW_NOT_READ] = "not-read", [ZW_OTHER] = "differs",
	};
	return v <= ZW_OTHER ? names[v] : "?";
}

const char *zpci_verify_summary_name(enum zpci_verify_summary s)
{
	static const char *const names[] = {
		[ZIOV_ALL_MATCH] = "all-match", [ZIOV_ALL_REVERSED] = "byte-reversed",
		[ZIOV_SHORT] = "short", [ZIOV_NOTHING_LANDED] = "nothing-landed",
		[ZIOV_MIXED] = "mixed",
	};
	return s <= ZIOV_MIXED ? names[s] : "?";
}

/* byte j of a word in bus order (words are read big-endian) */
#define BYTE_OF(w, j) ((unsigned int)((w) >> (56 - 8 * (j))) & 0xffu)

static enum zpci_word_verdict classify(uint64_t exp, uint64_t got, const uint64_t *before)
{
	if (got == exp)
		return ZW_MATCH;
	if (got == __builtin_bswap64(exp))
		return ZW_BYTE_REVERSED;
	if (before && got == *before)
		return ZW_UNCHANGED;
	if (got == 0)
		return ZW_ZERO;
	if (before) {
		bool straight = true, reversed = true;

		for (int j = 0; j < 8; j++) {
			unsigned int g = BYTE_OF(got, j);

			if (g == BYTE_OF(*before, j))
				continue;	/* not written (read-only byte) */
			straight &= g == BYTE_OF(exp, j);
			reversed &= g == BYTE_OF(exp, 7 - j);
		}
		if (straight)
			return ZW_PARTLY_LANDED;
		if (reversed)
			return ZW_PARTLY_REVERSED;
	}
	return ZW_OTHER;
}

static bool did_not_land(enum zpci_word_verdict v)
{
	return v == ZW_UNCHANGED || v == ZW_ZERO || v == ZW_NOT_READ;
}

int zpci_verify_analyse(const uint64_t *expected, const uint64_t *got,
			const uint64_t *before, size_t nwords, size_t nread,
			struct zpci_verify_result *r)
{
	enum zpci_word_verdict *v;
	size_t i, first_missing;
	bool suffix_missing = true;

	memset(r, 0, sizeof(*r));
	r->nwords = nwords;
	if (nread > nwords)
		nread = nwords;
	v = calloc(nwords ? nwords : 1, sizeof(*v));
	r->bad = calloc(nwords ? nwords : 1, sizeof(*r->bad));
	if (!v || !r->bad) {
		free(v);
		free(r->bad);
		r->bad = NULL;
		return -1;
	}
	for (i = 0; i < nwords; i++) {
		v[i] = i < nread ? classify(expected[i], got[i], before ? &before[i] : NULL)
				 : ZW_NOT_READ;
		r->count[v[i]]++;
		if (v[i] != ZW_MATCH)
			r->bad[r->nbad++] = (struct zpci_verify_word){
				.index = i, .expected = expected[i],
				.got = i < nread ? got[i] : 0, .verdict = v[i],
			};
	}

	/* Short: the words that did not land form a suffix after words that did. */
	for (first_missing = 0; first_missing < nwords && !did_not_land(v[first_missing]);
	     first_missing++)
		;
	for (i = first_missing; i < nwords; i++)
		if (!did_not_land(v[i]))
			suffix_missing = false;

	if (r->count[ZW_MATCH] == nwords)
		r->summary = ZIOV_ALL_MATCH;
	else if (r->count[ZW_BYTE_REVERSED] + r->count[ZW_PARTLY_REVERSED] > 0 &&
		 r->count[ZW_PARTLY_LANDED] + r->count[ZW_OTHER] + r->count[ZW_NOT_READ] == 0)
		r->summary = ZIOV_ALL_REVERSED;
	else if (first_missing == 0 && suffix_missing)
		r->summary = ZIOV_NOTHING_LANDED;
	else if (suffix_missing && first_missing < nwords &&
		 r->count[ZW_OTHER] + r->count[ZW_PARTLY_LANDED] == 0) {
		r->summary = ZIOV_SHORT;
		r->landed_bytes = first_missing * 8;
	} else {
		r->summary = ZIOV_MIXED;
	}
	free(v);
	return 0;
}

void zpci_verify_free(struct zpci_verify_result *r)
{
	free(r->bad);
	r->bad = NULL;
	r->nbad = 0;
}
