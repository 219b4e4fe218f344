// SPDX-License-Identifier: MIT
/*
 * The zpci_io_*.c logic without a device: byte order, patterns, the verify analysis
 * (byte-reversed / zero / unchanged / short), latency percentiles, and the
 * reject matrix checked against the shared validation (zpci_io_validate.h):
 * every rule must have a case, and every case must break exactly its rule.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "unit.h"
#include "zpci_io.h"

static void test_byte_order(void)
{
	{
		/* virtio common cfg num_queues = 3 as the bus delivers it */
		const unsigned char le16[2] = { 0x03, 0x00 };
		const unsigned char bus[8] = { 0xa5, 0xa5, 0x00, 0x01, 0xa5, 0xa5, 0x00, 0x10 };
		unsigned char out[8];

		CHECK_EQ_U64(zpci_io_le_value(le16, 2), 3);
		CHECK_EQ_U64(zpci_io_le_value(bus, 4), 0x0100a5a5);
		CHECK_EQ_U64(zpci_io_le_value(bus, 1), 0xa5);
		CHECK_EQ_U64(zpci_io_le_value(bus, 8), 0x1000a5a50100a5a5ULL);
		CHECK_EQ_U64(zpci_io_get_be64(bus), 0xa5a50001a5a50010ULL);
		zpci_io_put_be64(out, 0xa5a50001a5a50010ULL);
		CHECK(memcmp(out, bus, 8) == 0);
	}
}

static void test_patterns(void)
{
	struct zpci_pattern p;
	uint64_t a[4], b[4];
	char d[32];

	CHECK(zpci_pattern_parse("0xa5a50001a5a50010", &p) == 0);
	CHECK(p.kind == ZPAT_WORD);
	CHECK_EQ_U64(p.word, 0xa5a50001a5a50010ULL);
	zpci_pattern_fill(&p, a, 4, 0);
	CHECK_EQ_U64(a[3], 0xa5a50001a5a50010ULL);
	zpci_pattern_describe(&p, d, sizeof(d));
	CHECK_STREQ(d, "0xa5a50001a5a50010");

	CHECK(zpci_pattern_parse("1234abcd", &p) == 0 && p.word == 0x1234abcd);
	CHECK(zpci_pattern_parse("0x1g", &p) == -1);
	CHECK(zpci_pattern_parse("", &p) == -1);
	CHECK(zpci_pattern_parse("-1", &p) == -1);
	CHECK(zpci_pattern_parse("0x10000000000000000", &p) == -1);	/* > 64 bits */
	CHECK(zpci_pattern_parse("random:", &p) == -1);
	CHECK(zpci_pattern_parse("random:7x", &p) == -1);
	CHECK(zpci_pattern_parse("randomness", &p) == -1);

	CHECK(zpci_pattern_parse("counter", &p) == 0 && p.kind == ZPAT_COUNTER);
	zpci_pattern_fill(&p, a, 4, 0);
	for (int i = 0; i < 4; i++) {
		CHECK(a[i] != __builtin_bswap64(a[i]));	/* reversal must be visible */
		for (int j = 0; j < i; j++)
			CHECK(a[i] != a[j]);
	}
	zpci_pattern_fill(&p, b, 4, 1);
	CHECK(a[0] != b[0]);		/* iterations differ */

	CHECK(zpci_pattern_parse("random:42", &p) == 0 && p.seed == 42);
	zpci_pattern_fill(&p, a, 4, 0);
	zpci_pattern_fill(&p, b, 4, 0);
	CHECK(memcmp(a, b, sizeof(a)) == 0);	/* reproducible from the seed */
	CHECK(a[0] != a[1]);
	zpci_pattern_fill(&p, b, 4, 1);
	CHECK(memcmp(a, b, sizeof(a)) != 0);
	zpci_pattern_describe(&p, d, sizeof(d));
	CHECK_STREQ(d, "random:42");
}

static void test_verify(void)
{
	struct zpci_verify_result r;
	uint64_t exp[4] = { 0xa5a50001a5a50010ULL, 0xa5a50002a5a50020ULL,
			    0xa5a50003a5a50030ULL, 0xa5a50004a5a50040ULL };
	uint64_t got[4], before[4] = { 0x1111, 0x2222, 0x3333, 0x4444 };

	/* as written */
	memcpy(got, exp, sizeof(got));
	CHECK(zpci_verify_analyse(exp, got, before, 4, 4, &r) == 0);
	CHECK(r.summary == ZIOV_ALL_MATCH);
	CHECK_EQ_U64(r.nbad, 0);
	CHECK_EQ_U64(r.count[ZW_MATCH], 4);
	zpci_verify_free(&r);

	/* the QEMU PCISTB defect measured in the test bed */
	for (int i = 0; i < 4; i++)
		got[i] = __builtin_bswap64(exp[i]);
	CHECK_EQ_U64(got[0], 0x1000a5a50100a5a5ULL);
	CHECK(zpci_verify_analyse(exp, got, before, 4, 4, &r) == 0);
	CHECK(r.summary == ZIOV_ALL_REVERSED);
	CHECK_EQ_U64(r.count[ZW_BYTE_REVERSED], 4);
	CHECK_EQ_U64(r.nbad, 4);
	CHECK(r.bad[2].index == 2 && r.bad[2].verdict == ZW_BYTE_REVERSED);
	CHECK_EQ_U64(r.bad[2].got, 0x3000a5a50300a5a5ULL);
	zpci_verify_free(&r);

	/* short: two words landed, the rest kept the old contents or read 0 */
	got[0] = exp[0];
	got[1] = exp[1];
	got[2] = before[2];
	got[3] = 0;
	CHECK(zpci_verify_analyse(exp, got, before, 4, 4, &r) == 0);
	CHECK(r.summary == ZIOV_SHORT);
	CHECK_EQ_U64(r.landed_bytes, 16);
	CHECK(r.nbad == 2 && r.bad[0].verdict == ZW_UNCHANGED && r.bad[1].verdict == ZW_ZERO);
	zpci_verify_free(&r);

	/* short read-back: only 3 words read */
	memcpy(got, exp, sizeof(got));
	CHECK(zpci_verify_analyse(exp, got, NULL, 4, 3, &r) == 0);
	CHECK(r.summary == ZIOV_SHORT);
	CHECK_EQ_U64(r.landed_bytes, 24);
	CHECK(r.nbad == 1 && r.bad[0].verdict == ZW_NOT_READ);
	zpci_verify_free(&r);

	/* nothing landed: all zero */
	memset(got, 0, sizeof(got));
	CHECK(zpci_verify_analyse(exp, got, NULL, 4, 4, &r) == 0);
	CHECK(r.summary == ZIOV_NOTHING_LANDED);
	CHECK_EQ_U64(r.count[ZW_ZERO], 4);
	zpci_verify_free(&r);

	/* a hole in the middle is not "short" */
	memcpy(got, exp, sizeof(got));
	got[1] = 0;
	CHECK(zpci_verify_analyse(exp, got, NULL, 4, 4, &r) == 0);
	CHECK(r.summary == ZIOV_MIXED);
	CHECK(r.nbad == 1 && r.bad[0].index == 1 && r.bad[0].verdict == ZW_ZERO);
	zpci_verify_free(&r);

	/* garbage, and reversal mixed with garbage */
	got[1] = 0xdeadbeef;
	got[2] = __builtin_bswap64(exp[2]);
	CHECK(zpci_verify_analyse(exp, got, NULL, 4, 4, &r) == 0);
	CHECK(r.summary == ZIOV_MIXED);
	CHECK_EQ_U64(r.count[ZW_OTHER], 1);
	CHECK_EQ_U64(r.count[ZW_BYTE_REVERSED], 1);
	zpci_verify_free(&r);

	/* unchanged needs "before": without it an old value is just different */
	got[1] = before[1];
	got[2] = exp[2];
	CHECK(zpci_verify_analyse(exp, got, NULL, 4, 4, &r) == 0);
	CHECK(r.bad[0].verdict == ZW_OTHER);
	zpci_verify_free(&r);
	CHECK(zpci_verify_analyse(exp, got, before, 4, 4, &r) == 0);
	CHECK(r.bad[0].verdict == ZW_UNCHANGED);
	zpci_verify_free(&r);

	CHECK_STREQ(zpci_word_verdict_name(ZW_BYTE_REVERSED), "byte-reversed");
	CHECK_STREQ(zpci_verify_summary_name(ZIOV_ALL_REVERSED), "byte-reversed");

	/*
	 * virtio-balloon's config at BAR4 0x2000 in the test bed: a 16-byte
	 * PCISTB changes only the writable "actual" field (bytes 4..7 of word
	 * 0); num_pages and the second word are read-only. With QEMU's
	 * reversal, bytes 4..7 receive pattern bytes 3..0.
	 */
	{
		/* pattern bytes a5 a5 00 01 00 00 00 11 */
		uint64_t e2[2] = { 0xa5a5000100000011ULL, 0xa5a5000100000022ULL };
		uint64_t b2[2] = { 0, 0 };
		/* positions 4..7 got pattern bytes 3..0: 01 00 a5 a5 */
		uint64_t g2[2] = { 0x000000000100a5a5ULL, 0 };

		CHECK(zpci_verify_analyse(e2, g2, b2, 2, 2, &r) == 0);
		CHECK(r.bad[0].verdict == ZW_PARTLY_REVERSED);
		CHECK(r.bad[1].verdict == ZW_UNCHANGED);
		CHECK(r.summary == ZIOV_ALL_REVERSED);
		zpci_verify_free(&r);

		/* the same field written straight: pattern bytes 4..7 = 00 00 00 11 */
		g2[0] = 0x0000000000000011ULL;
		CHECK(zpci_verify_analyse(e2, g2, b2, 2, 2, &r) == 0);
		CHECK(r.bad[0].verdict == ZW_PARTLY_LANDED);
		CHECK(r.summary == ZIOV_MIXED);	/* not "short": a field, not a cut */
		zpci_verify_free(&r);

		/* without "before" the partial cases cannot be told from garbage */
		g2[0] = 0x000000000100a5a5ULL;
		CHECK(zpci_verify_analyse(e2, g2, NULL, 2, 2, &r) == 0);
		CHECK(r.bad[0].verdict == ZW_OTHER);
		CHECK(r.summary == ZIOV_MIXED);
		zpci_verify_free(&r);

		/* a changed byte that matches neither position */
		g2[0] = 0x000000000100a5a6ULL;
		CHECK(zpci_verify_analyse(e2, g2, b2, 2, 2, &r) == 0);
		CHECK(r.bad[0].verdict == ZW_OTHER);
		zpci_verify_free(&r);
	}
}

static void test_latency(void)
{
	struct zpci_lat_stats st;
	uint64_t s[100];

	/* 1..100 shuffled: nearest-rank percentiles are exact */
	for (int i = 0; i < 100; i++)
		s[i] = (uint64_t)((i * 37) % 100 + 1);
	zpci_lat_compute(s, 100, &st);
	CHECK_EQ_U64(st.n, 100);
	CHECK_EQ_U64(st.min_ns, 1);
	CHECK_EQ_U64(st.p50_ns, 50);
	CHECK_EQ_U64(st.p90_ns, 90);
	CHECK_EQ_U64(st.p99_ns, 99);
	CHECK_EQ_U64(st.max_ns, 100);
	CHECK(st.mean_ns > 50.49 && st.mean_ns < 50.51);

	uint64_t one[1] = { 7 };
	zpci_lat_compute(one, 1, &st);
	CHECK(st.p50_ns == 7 && st.p99_ns == 7 && st.max_ns == 7);

	uint64_t three[3] = { 30, 10, 20 };
	zpci_lat_compute(three, 3, &st);
	CHECK_EQ_U64(st.p50_ns, 20);	/* rank ceil(1.5) = 2 */
	CHECK_EQ_U64(st.p90_ns, 30);

	zpci_lat_compute(NULL, 0, &st);
	CHECK(st.n == 0 && st.max_ns == 0);
}

/* A virtio-net function as the test bed shows it: BAR0 legacy I/O without a
 * kernel resource, BAR1 4 KiB MSI-X table, BAR4 16 KiB. */
static const struct zpci_io_fn virtio_fn = {
	.bar_size = { 0, 4096, 0, 0, 16384, 0 },
	.maxstbl = 128,
	.memory_enabled = true,
	.msix_table = { .bar = 1, .start = 0, .len = 0x30 },
};

static void test_reject_matrix(void)
{
	struct zpci_reject_env env = {
		.bar = 4, .bar_size = 16384, .absent_bar = 2, .io_bar = 5, .big_bar = 4,
		.msix_bar = 1, .msix_offset = 0, .maxstbl = 128, .unmapped = 0x1000,
	};
	struct zpci_io_fn fn = virtio_fn;
	bool covered[ZPCI_IO_NUM_RESULTS] = { false };

	/* an I/O BAR for the io-bar case */
	fn.bar_size[5] = 256;
	fn.bar_is_io[5] = true;

	for (size_t i = 0; i < zpci_num_reject_cases; i++) {
		const struct zpci_reject_case *rc = &zpci_reject_cases[i];
		struct zpci_reject_io io;
		struct zpci_io_fn f = fn;
		enum zpci_io_result got;
		const char *skip;
		__u64 count;

		skip = rc->build(&env, &io);
		if (skip) {
			fprintf(stderr, "case %s skipped: %s\n", rc->id, skip);
			CHECK(skip == NULL);
			continue;
		}
		if (rc->access == ZRA_READ_MEM_OFF)
			f.memory_enabled = false;
		count = io.len;
		if (io.region > 5 || io.use_unmapped)
			got = ZPCI_IO_OK;	/* refused outside the rules */
		else
			got = zpci_io_check(&f, io.region, io.pos, &count, rc->access == ZRA_WRITE);
		if (got != rc->rule)
			fprintf(stderr, "case %s: the rules say %s, the case claims %s\n", rc->id,
				zpci_io_result_name(got), zpci_io_result_name(rc->rule));
		CHECK(got == rc->rule);
		/* no count cut: the case's access is refused or guarded whole */
		CHECK_EQ_U64(count, io.len);
		/* the errno the table expects must be the one the module returns */
		if (rc->expect == ZRE_ERRNO && rc->rule != ZPCI_IO_OK)
			CHECK(-rc->expected_errno == zpci_io_result_errno(rc->rule));
		else if (rc->expect == ZRE_ERRNO)
			CHECK(rc->expected_errno == EFAULT && io.use_unmapped);
		else
			CHECK(rc->rule == ZPCI_IO_PROTECTED);
		covered[rc->rule] = true;
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(zpci_reject_cases[j].id, rc->id) != 0);
	}
	/* Every rule has a case: adding a rule to zpci_io_validate.h without a
	 * reject-matrix entry fails here. */
	for (int r = 1; r < ZPCI_IO_NUM_RESULTS; r++) {
		if (!covered[r])
			fprintf(stderr, "rule %s has no reject-matrix case\n",
				zpci_io_result_name((enum zpci_io_result)r));
		CHECK(covered[r]);
	}

	/* A function without the optional features reports skips, not bogus cases. */
	{
		struct zpci_reject_env bare = env;
		struct zpci_reject_io io;
		int skipped = 0;

		bare.io_bar = bare.big_bar = bare.msix_bar = bare.absent_bar = -1;
		bare.unmapped = 0;
		for (size_t i = 0; i < zpci_num_reject_cases; i++)
			if (zpci_reject_cases[i].build(&bare, &io))
				skipped++;
		CHECK_EQ_U64(skipped, 6);
	}
}

int main(void)
{
	test_byte_order();
	test_patterns();
	test_verify();
	test_latency();
	test_reject_matrix();
	return unit_done("test-zpci-io");
}
