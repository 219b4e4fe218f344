// SPDX-License-Identifier: MIT
/* Host tests of the CLP decoder against synthetic blocks (clp-synth.h). */
#include "config.h"

#include "clp_decode.h"
#include "util_string.h"
#include "clp-synth.h"
#include "unit.h"

static uint8_t blk[SYNTH_BLK];
static char err[256];

static int has_note(const struct zpci_clp_notes *n, const char *word)
{
	for (size_t i = 0; i < n->n; i++)
		if (strstr(n->text[i], word))
			return 1;
	return 0;
}

/* The values QEMU 7.2 answers for a virtio-net function (testbed-notes). */
static void virtio_net_as_qemu(struct synth_qfn *q)
{
	memset(q, 0, sizeof(*q));
	q->rsp_len = 4064;
	q->pfgid = 0xff;
	q->fid = 0x10;
	q->uid = 1;
	q->bar_size[0] = 5; q->bar_size[1] = 12; q->bar_size[4] = 14;
	q->bar[0] = 0x1; q->bar[4] = 0xc;
	q->bar_big_endian = 1;
	q->sdma = 0x100000000ULL;
	q->edma = 0x01ffffffffffffffULL;
}

static void test_virtio_net_qemu_quirks(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_fn_data f;
	struct synth_qfn q;

	virtio_net_as_qemu(&q);
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(f.fid, 0x10);
	CHECK_EQ_U64(f.uid, 1);
	CHECK_EQ_U64(f.pfgid, 0xff);
	CHECK_EQ_U64(clp_bar_size(f.bar_size_log2[1]), 4096);
	CHECK_EQ_U64(clp_bar_size(f.bar_size_log2[4]), 16384);
	CHECK_EQ_U64(clp_bar_size(f.bar_size_log2[2]), 0);
	CHECK_EQ_U64(f.sdma, 0x100000000ULL);
	CHECK_EQ_U64(f.edma, 0x01ffffffffffffffULL);
	/* the kernel's (__le32) reading of a big-endian 0xc is 0x0c000000 */
	CHECK_EQ_U64(f.bar_word[4], 0x0c000000);
	CHECK_EQ_U64(f.bar_word_be[4], 0xc);
	CHECK_EQ_U64(f.rsp_len, 4064);
	CHECK(has_note(&notes, "QEMU 7.2 does this for the queries"));
	CHECK(has_note(&notes, "big-endian"));
	CHECK(f.has_mio_area);
	CHECK(!f.mio_addr_avail);
}

static void test_firmware_length_no_notes(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_fn_data f;
	struct synth_qfn q;

	virtio_net_as_qemu(&q);
	q.rsp_len = 384;
	q.bar_big_endian = 0;
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(f.bar_word[4], 0xc);
	CHECK_EQ_U64(notes.n, 0);
}

static void test_ism_256t_bar(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_fn_data f;
	struct synth_qfn q;

	memset(&q, 0, sizeof(q));
	q.rsp_len = 384;
	q.pfgid = 0x02;
	q.fid = 0x1001;
	q.uid = 0x1001;
	q.pft = 0x05;
	q.pchid = 0x07c0;
	q.bar_size[0] = 48;
	q.fmb_len = 0;
	q.sdma = 0x100000000ULL;
	q.edma = 0x1ffffffffffULL;
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(f.bar_size_log2[0], 48);
	CHECK_EQ_U64(clp_bar_size(f.bar_size_log2[0]), 1ULL << 48);
	CHECK_EQ_U64(f.pft, 5);
	CHECK_EQ_U64(f.pchid, 0x07c0);
	CHECK_EQ_U64(f.pfgid, 2);
}

static void test_roce_vf_vfn_set(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_fn_data f;
	struct synth_qfn q;

	memset(&q, 0, sizeof(q));
	q.rsp_len = 384;
	q.vfn = 3;
	q.rid_avail = 1;
	q.pfgid = 0x11;
	q.fid = 0x203;
	q.pft = 0x0a;
	q.port = 1;
	q.fmb_len = 0x1a;
	q.rid = 0x0013;
	q.tid_avail = 1;
	q.tid = 0x0abc;
	q.fidparm = 0x21;
	q.pfip[0] = 0x01; q.pfip[1] = 0x2c;
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(f.vfn, 3);
	CHECK(f.rid_avail);
	CHECK(!f.is_physfn);
	CHECK(!f.util_str_avail);
	CHECK_EQ_U64(f.pft, 0x0a);
	CHECK_EQ_U64(f.port, 1);
	CHECK_EQ_U64(f.fmb_len, 0x1a);
	CHECK_EQ_U64(f.rid & 0xff, 0x13);
	CHECK_EQ_U64(f.pfip[1], 0x2c);
	CHECK_EQ_U64(f.fid, 0x203);
	CHECK(f.tid_avail);
	CHECK_EQ_U64(f.tid, 0x0abc);
	CHECK_EQ_U64(f.fidparm, 0x21);

	q.vfn = 0;
	q.is_physfn = 1;
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK(f.is_physfn);
	CHECK(f.rid_avail);
}

static void test_mio_addresses(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_fn_data f;
	struct synth_qfn q;

	memset(&q, 0, sizeof(q));
	q.rsp_len = 384;
	q.mio_avail = 1;
	q.bar_size[0] = 20; q.bar_size[2] = 14;
	q.mio_valid = 0x20 | 0x08;	/* BAR 0 and BAR 2 */
	q.mio_wb[0] = 0x0004000000000000ULL; q.mio_wt[0] = 0x0004800000000000ULL;
	q.mio_wb[2] = 0x0004000000100000ULL; q.mio_wt[2] = 0x0004800000100000ULL;
	q.mio_wb[1] = 0xdeadULL;	/* not marked valid */
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK(f.mio_addr_avail);
	CHECK_EQ_U64(f.mio_valid, 0x28);
	CHECK(f.mio_valid & (0x20 >> 0));
	CHECK(!(f.mio_valid & (0x20 >> 1)));
	CHECK(f.mio_valid & (0x20 >> 2));
	CHECK_EQ_U64(f.mio_wb[0], 0x0004000000000000ULL);
	CHECK_EQ_U64(f.mio_wt[2], 0x0004800000100000ULL);
	CHECK_EQ_U64(notes.n, 0);

	/* a response that stops before the MIO area while claiming MIO */
	q.rsp_len = 256;
	synth_query_fn(blk, &q);
	notes.n = 0;
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK(!f.has_mio_area);
	CHECK(has_note(&notes, "ends before the MIO"));
}

static void test_util_string_pnet_id(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_fn_data f;
	struct synth_qfn q;
	char ids[4][17];

	memset(&q, 0, sizeof(q));
	q.rsp_len = 384;
	q.util_avail = 1;
	synth_util_pnet(q.util);
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK(f.util_str_avail);
	CHECK_EQ_U64(zpci_util_pnet_ids(f.util_str, sizeof(f.util_str), ids), 2);
	CHECK_STREQ(ids[0], "NET1");
	CHECK_STREQ(ids[1], "NET2");
	CHECK_STREQ(ids[2], "");
	CHECK(!zpci_util_blank(f.util_str, sizeof(f.util_str)));
}

static void test_truncated_block(void)
{
	struct zpci_clp_fn_data f;
	struct synth_qfn q;

	virtio_net_as_qemu(&q);
	q.rsp_len = 384;
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, 200, &f, NULL, err, sizeof(err)), CLP_DEC_TRUNCATED);
	CHECK(strstr(err, "416") != NULL);	/* 32 + 384 needed */
	CHECK_EQ_U64(clp_decode_query_fn(blk, 40, &f, NULL, err, sizeof(err)), CLP_DEC_TRUNCATED);
	CHECK(strstr(err, "headers") != NULL);
	/* response length too short for the layout */
	q.rsp_len = 100;
	synth_query_fn(blk, &q);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, NULL, err, sizeof(err)), CLP_DEC_FORMAT);
}

static void test_error_response_code(void)
{
	struct zpci_clp_group_data g;
	struct zpci_clp_fn_data f;

	synth_hdr(blk, 0x0003, 16, 0x0101);
	CHECK_EQ_U64(clp_decode_query_fn(blk, sizeof(blk), &f, NULL, err, sizeof(err)), CLP_DEC_RSP_CODE);
	CHECK(strstr(err, "0x0101") && strstr(err, "invalid function handle"));
	CHECK_EQ_U64(clp_block_rsp(blk, sizeof(blk)), 0x0101);
	synth_hdr(blk, 0x0004, 16, 0x010b);
	CHECK_EQ_U64(clp_decode_query_grp(blk, sizeof(blk), &g, NULL, err, sizeof(err)), CLP_DEC_RSP_CODE);
	CHECK(strstr(err, "PFGID") != NULL);
}

static void test_wrong_command(void)
{
	struct zpci_clp_group_data g;

	synth_hdr(blk, 0x0003, 384, 0x0010);
	CHECK_EQ_U64(clp_decode_query_grp(blk, sizeof(blk), &g, NULL, err, sizeof(err)), CLP_DEC_WRONG_CMD);
	CHECK(strstr(err, "Query PCI Function,") || strstr(err, "(Query PCI Function)"));
}

static void test_list_standby_and_token(void)
{
	static struct clp_list_block lb;
	struct zpci_clp_notes notes = { 0 };
	struct synth_fhe e[2] = {
		{ 0x1af4, 0x1000, 1, 0x10, 0x80020000 },
		{ 0x1af4, 0x1001, 0, 0x11, 0x00020002 },
	};

	synth_list(blk, e, 2, 0x1234, 1);
	CHECK_EQ_U64(clp_decode_list(blk, sizeof(blk), &lb, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(lb.nentries, 2);
	CHECK_EQ_U64(lb.resume_token, 0x1234);
	CHECK(lb.uid_checking);
	CHECK_EQ_U64(lb.entries[0].vendor_id, 0x1af4);
	CHECK_EQ_U64(lb.entries[0].device_id, 0x1000);
	CHECK(lb.entries[0].configured);
	CHECK(!lb.entries[1].configured);
	CHECK_EQ_U64(lb.entries[1].fid, 0x11);
	CHECK_EQ_U64(lb.entries[1].fh, 0x00020002);
	CHECK_EQ_U64(notes.n, 0);

	/* a bad entry size is a format error, not a crash */
	blk[32 + 31] = 8;
	CHECK_EQ_U64(clp_decode_list(blk, sizeof(blk), &lb, NULL, err, sizeof(err)), CLP_DEC_FORMAT);
	/* an empty list */
	synth_list(blk, e, 0, 0, 0);
	CHECK_EQ_U64(clp_decode_list(blk, sizeof(blk), &lb, NULL, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(lb.nentries, 0);
	/* list truncated in the middle of the second entry */
	synth_list(blk, e, 2, 0, 0);
	CHECK_EQ_U64(clp_decode_list(blk, 32 + 32 + 20, &lb, NULL, err, sizeof(err)), CLP_DEC_TRUNCATED);
}

static void test_group_emulator_and_masks(void)
{
	struct zpci_clp_notes notes = { 0 };
	struct zpci_clp_group_data g;
	struct synth_qgrp s = {
		.rsp_len = 4064, .pfgid = 0xff, .noi = 128, .version = 0, .refresh = 1,
		.maxstbl = 128, .mui = 4000, .dtsm = 0x40, .msia = 0xfe00000000000000ULL,
	};

	synth_query_grp(blk, &s);
	CHECK_EQ_U64(clp_decode_query_grp(blk, sizeof(blk), &g, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(g.pfgid, 0xff);
	CHECK_EQ_U64(g.noi, 128);
	CHECK_EQ_U64(g.maxstbl, 128);
	CHECK_EQ_U64(g.mui, 4000);
	CHECK_EQ_U64(g.dtsm, 0x40);
	CHECK_EQ_U64(g.msia, 0xfe00000000000000ULL);
	CHECK(g.refresh);
	CHECK(!g.frame);
	CHECK(has_note(&notes, "QEMU"));

	/* reserved bits above the 13-bit maxstbl and 12-bit noi/dnoi are ignored */
	s.rsp_len = 64;
	s.reserved_bits = 0xf000 | 0xe000;
	s.maxstbl = 0x1000;
	s.noi = 0x0fff;
	s.dnoi = 7;
	s.frame = 1;
	s.maxfaal = 0x200;
	s.maxcpu = 64;
	s.dasm = 0x00ffffffffffffffULL;
	s.version = 1;
	synth_query_grp(blk, &s);
	notes.n = 0;
	CHECK_EQ_U64(clp_decode_query_grp(blk, sizeof(blk), &g, &notes, err, sizeof(err)), CLP_DEC_OK);
	CHECK_EQ_U64(g.maxstbl, 0x1000);
	CHECK_EQ_U64(g.noi, 0x0fff);
	CHECK_EQ_U64(g.dnoi, 7);
	CHECK(g.frame);
	CHECK_EQ_U64(g.maxfaal, 0x200);
	CHECK_EQ_U64(g.maxcpu, 64);
	CHECK_EQ_U64(g.dasm, 0x00ffffffffffffffULL);
	CHECK_EQ_U64(g.version, 1);
	CHECK_EQ_U64(notes.n, 0);
}

static void test_request_builders(void)
{
	/* what the kernel's /dev/clp checks: request length 32, cmd, fmt 0 */
	clp_build_query_fn_req(blk, 0x80020000);
	CHECK_EQ_U64(blk[0] << 8 | blk[1], 32);
	CHECK_EQ_U64(blk[2] << 8 | blk[3], 3);
	CHECK_EQ_U64(blk[16], 0x80);
	CHECK_EQ_U64(blk[19], 0x00);
	CHECK_EQ_U64(blk[32] << 8 | blk[33], 4064);
	clp_build_query_grp_req(blk, 0xff);
	CHECK_EQ_U64(blk[19], 0xff);
	CHECK_EQ_U64(blk[16] | blk[17] | blk[18], 0);
	clp_build_list_req(blk, 0x0102030405060708ULL);
	CHECK_EQ_U64(blk[16], 1);
	CHECK_EQ_U64(blk[23], 8);
}

int main(void)
{
	test_virtio_net_qemu_quirks();
	test_firmware_length_no_notes();
	test_ism_256t_bar();
	test_roce_vf_vfn_set();
	test_mio_addresses();
	test_util_string_pnet_id();
	test_truncated_block();
	test_error_response_code();
	test_wrong_command();
	test_list_standby_and_token();
	test_group_emulator_and_masks();
	test_request_builders();
	return unit_done("test-clp-decode");
}
