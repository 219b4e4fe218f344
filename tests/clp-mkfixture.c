// SPDX-License-Identifier: MIT
/*
 * Writes a directory of saved CLP blocks (the --raw layout: list-NNN.bin,
 * query-fn-FID.bin, query-grp-GG.bin) for a situation the emulator cannot
 * produce. Usage: clp-mkfixture SITUATION DIR. The blocks come from
 * tests/unit/clp-synth.h (literal kernel offsets, not the decoder's).
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "unit/clp-synth.h"

static uint8_t blk[SYNTH_BLK];
static const char *dir;

static void put(const char *name, size_t len)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (!f || fwrite(blk, 1, len, f) != len || fclose(f)) {
		perror(path);
		exit(1);
	}
}

static void put_fn(const struct synth_qfn *q)
{
	char name[64];

	synth_query_fn(blk, q);
	snprintf(name, sizeof(name), "query-fn-%08x.bin", q->fid);
	put(name, SYNTH_BLK);
}

static void put_grp(const struct synth_qgrp *g)
{
	char name[64];

	synth_query_grp(blk, g);
	snprintf(name, sizeof(name), "query-grp-%02x.bin", g->pfgid);
	put(name, SYNTH_BLK);
}

static void one_function(uint16_t vendor, uint16_t device, const struct synth_qfn *q,
			 const struct synth_qgrp *g)
{
	struct synth_fhe e = { vendor, device, 1, q->fid, 0x80000000u | (q->fid << 8) };

	synth_list(blk, &e, 1, 0, 1);
	put("list-000.bin", SYNTH_BLK);
	put_fn(q);
	put_grp(g);
}

int main(int argc, char **argv)
{
	struct synth_qfn q;
	struct synth_qgrp g = { .rsp_len = 64, .noi = 64, .version = 1, .refresh = 1,
				.maxstbl = 4096, .mui = 4000, .dtsm = 0x40,
				.msia = 0xfe00000000000000ULL, .dasm = 0xffffffffffffffffULL };
	const char *what;

	if (argc != 3) {
		fprintf(stderr, "usage: clp-mkfixture SITUATION DIR\n");
		return 2;
	}
	what = argv[1];
	dir = argv[2];
	if (mkdir(dir, 0755) && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	memset(&q, 0, sizeof(q));
	q.rsp_len = 384;
	q.sdma = 0x100000000ULL;
	q.edma = 0x1ffffffffffULL;
	if (strcmp(what, "ism-256t-bar") == 0) {
		q.fid = 0x1001; q.uid = 0x1001; q.pfgid = 0x02; q.pft = 0x05; q.pchid = 0x07c0;
		q.bar_size[0] = 48;
		g.pfgid = 0x02;
		one_function(0x1014, 0x04ed, &q, &g);
	} else if (strcmp(what, "roce-vf-vfn-set") == 0) {
		q.fid = 0x203; q.uid = 0x203; q.pfgid = 0x11; q.pft = 0x0a; q.vfn = 3;
		q.rid_avail = 1; q.rid = 0x0013; q.port = 1; q.fmb_len = 0x1a;
		q.bar_size[0] = 20;
		g.pfgid = 0x11;
		one_function(0x15b3, 0x101e, &q, &g);
	} else if (strcmp(what, "mio-addresses") == 0) {
		q.fid = 0x300; q.uid = 0x300; q.pfgid = 0x12; q.pft = 0x0b; q.mio_avail = 1;
		q.bar_size[0] = 14; q.mio_valid = 0x20;
		q.mio_wb[0] = 0x0004000000000000ULL; q.mio_wt[0] = 0x0004800000000000ULL;
		g.pfgid = 0x12;
		one_function(0x144d, 0xa824, &q, &g);
	} else if (strcmp(what, "pnet-id") == 0) {
		q.fid = 0x401; q.uid = 0x401; q.pfgid = 0x13; q.pft = 0x0a; q.util_avail = 1;
		synth_util_pnet(q.util);
		q.bar_size[0] = 20;
		g.pfgid = 0x13;
		one_function(0x15b3, 0x1016, &q, &g);
	} else if (strcmp(what, "list-continued-standby") == 0) {
		/* two list blocks joined by a resume token; the second function in standby */
		struct synth_fhe a = { 0x1af4, 0x1041, 1, 0x10, 0x80020000 };
		struct synth_fhe b = { 0x1af4, 0x1042, 0, 0x11, 0x00020002 };

		synth_list(blk, &a, 1, 0x5a5a, 1);
		put("list-000.bin", SYNTH_BLK);
		synth_list(blk, &b, 1, 0, 1);
		put("list-001.bin", SYNTH_BLK);
		q.pfgid = 0xff; q.bar_size[1] = 12; q.bar_size[4] = 14;
		q.fid = 0x10; q.uid = 1;
		put_fn(&q);
		q.fid = 0x11; q.uid = 2;
		put_fn(&q);
		g.pfgid = 0xff; g.maxstbl = 128; g.version = 0; g.noi = 128;
		put_grp(&g);
	} else if (strcmp(what, "truncated-query") == 0) {
		q.fid = 0x10; q.uid = 1; q.pfgid = 0xff;
		g.pfgid = 0xff;
		one_function(0x1af4, 0x1041, &q, &g);
		synth_query_fn(blk, &q);
		put("query-fn-00000010.bin", 200);
	} else if (strcmp(what, "error-response") == 0) {
		q.fid = 0x10; q.uid = 1; q.pfgid = 0xff;
		g.pfgid = 0xff;
		one_function(0x1af4, 0x1041, &q, &g);
		synth_hdr(blk, 0x0003, 16, 0x0101);
		put("query-fn-00000010.bin", SYNTH_BLK);
	} else {
		fprintf(stderr, "clp-mkfixture: unknown situation '%s'\n", what);
		return 2;
	}
	return 0;
}
