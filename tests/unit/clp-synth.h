/* SPDX-License-Identifier: MIT */
/*
 * Synthetic CLP blocks for situations the emulator cannot produce (ISM with
 * a 2^48 BAR, a VF with vfn set, MIO addresses, a PNET ID, error responses).
 * Written with literal byte offsets taken from the kernel's struct layouts
 * (arch/s390/include/asm/pci_clp.h, 6.1), deliberately not with the
 * decoder's clp_blocks.h constants, so a wrong constant there is caught.
 * Used by tests/unit/test-clp-decode.c and tests/clp-mkfixture.c.
 */
#ifndef ZPCIDIAG_CLP_SYNTH_H
#define ZPCIDIAG_CLP_SYNTH_H

#include <stdint.h>
#include <string.h>

#define SYNTH_BLK 4096

static inline void s_be16(uint8_t *p, uint16_t v) { p[0] = v >> 8; p[1] = v & 0xff; }
static inline void s_be32(uint8_t *p, uint32_t v) { s_be16(p, v >> 16); s_be16(p + 2, v & 0xffff); }
static inline void s_be64(uint8_t *p, uint64_t v) { s_be32(p, v >> 32); s_be32(p + 4, (uint32_t)v); }
static inline void s_le32(uint8_t *p, uint32_t v) { p[0] = v; p[1] = v >> 8; p[2] = v >> 16; p[3] = v >> 24; }

/* request header (len 32, cmd), response header (len, rsp 0x0010) */
static inline uint8_t *synth_hdr(uint8_t *blk, uint16_t cmd, uint16_t rsp_len, uint16_t rsp)
{
	memset(blk, 0, SYNTH_BLK);
	s_be16(blk + 0, 32);
	s_be16(blk + 2, cmd);
	s_be16(blk + 32, rsp_len);
	s_be16(blk + 34, rsp);
	return blk + 32;
}

struct synth_fhe {
	uint16_t vendor, device;
	int configured;
	uint32_t fid, fh;
};

static inline void synth_list(uint8_t *blk, const struct synth_fhe *e, int n, uint64_t token,
			      int uid_checking)
{
	uint8_t *r = synth_hdr(blk, 0x0002, (uint16_t)(32 + 16 * n), 0x0010);

	s_be64(r + 16, token);
	s_be16(r + 28, 256);
	r[30] = uid_checking ? 1 : 0;
	r[31] = 16;
	for (int i = 0; i < n; i++) {
		uint8_t *x = r + 32 + 16 * i;

		s_be16(x + 0, e[i].device);
		s_be16(x + 2, e[i].vendor);
		x[4] = e[i].configured ? 0x80 : 0;
		s_be32(x + 8, e[i].fid);
		s_be32(x + 12, e[i].fh);
	}
}

struct synth_qfn {
	uint16_t rsp_len;		/* 384 like firmware, 4064 like QEMU */
	uint16_t vfn;
	int rid_avail, is_physfn, mio_avail, util_avail, tid_avail;
	uint8_t pfgid;
	uint32_t fid;
	uint8_t bar_size[6];
	uint16_t pchid;
	uint32_t bar[6];
	int bar_big_endian;		/* store BAR words as QEMU 7.2 does */
	uint8_t pfip[4];
	uint8_t fidparm, port, fmb_len, pft;
	uint64_t sdma, edma;
	uint16_t rid, tid;
	uint32_t uid;
	uint8_t util[64];
	uint8_t mio_valid;		/* bit 5-i: BAR i */
	uint64_t mio_wb[6], mio_wt[6];
};

static inline void synth_query_fn(uint8_t *blk, const struct synth_qfn *q)
{
	uint8_t *r = synth_hdr(blk, 0x0003, q->rsp_len, 0x0010);

	s_be16(r + 16, q->vfn);
	r[18] = (q->tid_avail ? 0x20 : 0) | (q->rid_avail ? 0x10 : 0) | (q->is_physfn ? 0x08 : 0) |
		(q->mio_avail ? 0x02 : 0) | (q->util_avail ? 0x01 : 0);
	r[19] = q->pfgid;
	s_be32(r + 20, q->fid);
	memcpy(r + 24, q->bar_size, 6);
	s_be16(r + 30, q->pchid);
	for (int i = 0; i < 6; i++) {
		if (q->bar_big_endian)
			s_be32(r + 32 + 4 * i, q->bar[i]);
		else
			s_le32(r + 32 + 4 * i, q->bar[i]);
	}
	memcpy(r + 56, q->pfip, 4);
	r[60] = q->fidparm;
	r[61] = q->port & 0x0f;
	r[62] = q->fmb_len;
	r[63] = q->pft;
	s_be64(r + 64, q->sdma);
	s_be64(r + 72, q->edma);
	s_be16(r + 80, q->rid);
	s_be16(r + 86, q->tid);
	s_be32(r + 124, q->uid);
	memcpy(r + 128, q->util, 64);
	r[256] = (uint8_t)(q->mio_valid << 2);
	for (int i = 0; i < 6; i++) {
		s_be64(r + 264 + 16 * i, q->mio_wb[i]);
		s_be64(r + 264 + 16 * i + 8, q->mio_wt[i]);
	}
}

struct synth_qgrp {
	uint16_t rsp_len;
	uint8_t pfgid;
	uint16_t noi;
	uint8_t version;
	int frame, refresh;
	uint16_t maxstbl;
	uint16_t mui;
	uint8_t dtsm;
	uint16_t maxfaal, dnoi, maxcpu;
	uint64_t dasm, msia;
	uint16_t reserved_bits;		/* set the reserved top bits of noi/maxstbl/dnoi */
};

static inline void synth_query_grp(uint8_t *blk, const struct synth_qgrp *g)
{
	uint8_t *r = synth_hdr(blk, 0x0004, g->rsp_len, 0x0010);

	blk[19] = g->pfgid;
	s_be16(r + 16, (uint16_t)(g->noi | (g->reserved_bits & 0xf000)));
	r[18] = g->version;
	r[19] = (g->frame ? 0x02 : 0) | (g->refresh ? 0x01 : 0);
	s_be16(r + 20, (uint16_t)(g->maxstbl | (g->reserved_bits & 0xe000)));
	s_be16(r + 22, g->mui);
	r[24] = g->dtsm;
	s_be16(r + 26, g->maxfaal);
	s_be16(r + 28, (uint16_t)(g->dnoi | (g->reserved_bits & 0xf000)));
	s_be16(r + 30, g->maxcpu);
	s_be64(r + 32, g->dasm);
	s_be64(r + 40, g->msia);
}

/* "NET1" and "NET2" as EBCDIC PNET IDs for ports 0 and 1, blank padded */
static inline void synth_util_pnet(uint8_t util[64])
{
	static const uint8_t net[] = { 0xd5, 0xc5, 0xe3 };	/* N E T */

	memset(util, 0x40, 32);
	memset(util + 32, 0, 32);
	memcpy(util, net, 3);
	util[3] = 0xf1;
	memcpy(util + 16, net, 3);
	util[19] = 0xf2;
}

#endif
