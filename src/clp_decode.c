// SPDX-License-Identifier: MIT
/*
 * CLP block codec (see clp_decode.h). Offsets come from clp_blocks.h; every
 * multi-byte field is read big-endian except the BAR words, which the kernel
 * declares __le32 (and which QEMU 7.2 stores big-endian: see bar_word_note).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clp_decode.h"
#include "util_string.h"

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int rc, const char *fmt, ...)
{
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return rc;
}

static void note(struct zpci_clp_notes *notes, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void note(struct zpci_clp_notes *notes, const char *fmt, ...)
{
	va_list ap;

	if (!notes || notes->n >= ZPCI_CLP_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(notes->text[notes->n++], sizeof(notes->text[0]), fmt, ap);
	va_end(ap);
}

/*
 * The response area offered is the whole rest of the page, as the kernel
 * does for List PCI Functions, also for the two queries (the kernel offers
 * exactly sizeof(response) there; /dev/clp accepts anything up to the page).
 * Firmware stores the length it used; QEMU 7.2 leaves the offered length in
 * place for the queries, which is only detectable when the offer differs
 * from the layout's length.
 */
static void build_req(uint8_t *blk, uint16_t cmd)
{
	memset(blk, 0, CLP_BLK_SIZE);
	clp_put_be16(blk + CLP_HDR_OFF_LEN, CLP_REQ_LEN);
	clp_put_be16(blk + CLP_HDR_OFF_CMD, cmd);
	clp_put_be16(blk + CLP_RSP_OFF + CLP_HDR_OFF_LEN, CLP_RSP_AREA);
}

void clp_build_list_req(uint8_t *blk, uint64_t resume_token)
{
	build_req(blk, CLP_CMD_LIST_PCI);
	clp_put_be64(blk + CLP_LIST_REQ_OFF_TOKEN, resume_token);
}

void clp_build_query_fn_req(uint8_t *blk, uint32_t fh)
{
	build_req(blk, CLP_CMD_QUERY_PCI_FN);
	clp_put_be32(blk + CLP_QFN_REQ_OFF_FH, fh);
}

void clp_build_query_grp_req(uint8_t *blk, uint8_t pfgid)
{
	build_req(blk, CLP_CMD_QUERY_PCI_FNGRP);
	blk[CLP_QGRP_REQ_OFF_PFGID] = pfgid;
}

uint16_t clp_block_rsp(const uint8_t *blk, size_t len)
{
	if (len < CLP_RSP_OFF + CLP_HDR_LEN)
		return 0;
	return clp_get_be16(blk + CLP_RSP_OFF + CLP_HDR_OFF_RSP);
}

const char *clp_rsp_name(uint16_t rsp)
{
	switch (rsp) {
	case CLP_RC_OK: return "success";
	case CLP_RC_CMD: return "command code not recognized";
	case CLP_RC_PERM: return "command not authorized";
	case CLP_RC_FMT: return "invalid request format";
	case CLP_RC_LEN: return "invalid request length";
	case CLP_RC_8K: return "command requires an 8K block";
	case CLP_RC_RESNOT0: return "reserved field not zero";
	case CLP_RC_NODATA: return "no data available";
	case CLP_RC_FC_UNKNOWN: return "function code not recognized";
	case CLP_RC_FH: return "invalid function handle";
	case CLP_RC_LISTPCI_BADRT: return "resume token not recognized";
	case CLP_RC_QUERYPCIFG_PFGID: return "unrecognized function group (PFGID)";
	case 0: return "no response stored";
	default: return "unknown response code";
	}
}

static const char *cmd_name(uint16_t cmd)
{
	switch (cmd) {
	case CLP_CMD_LIST_PCI: return "List PCI Functions";
	case CLP_CMD_QUERY_PCI_FN: return "Query PCI Function";
	case CLP_CMD_QUERY_PCI_FNGRP: return "Query PCI Function Group";
	default: return "an unknown command";
	}
}

/*
 * Checks shared by every response: the block holds our request for cmd,
 * firmware answered OK, the response's own length is sane and the block
 * holds that many bytes. *use is set to the number of response bytes to
 * decode (at most layout_len).
 */
static int check_block(const uint8_t *blk, size_t len, uint16_t cmd, size_t min_len,
		       size_t layout_len, size_t *use, uint16_t *rsp_len,
		       struct zpci_clp_notes *notes, char *err, size_t errlen)
{
	uint16_t req_len, req_cmd, rsp, rlen;
	const uint8_t *r = blk + CLP_RSP_OFF;

	if (len < CLP_RSP_OFF + CLP_HDR_LEN)
		return fail(err, errlen, CLP_DEC_TRUNCATED,
			    "block is %zu bytes, shorter than the request and response headers (%u)",
			    len, CLP_RSP_OFF + CLP_HDR_LEN);
	req_len = clp_get_be16(blk + CLP_HDR_OFF_LEN);
	req_cmd = clp_get_be16(blk + CLP_HDR_OFF_CMD);
	if (req_cmd != cmd)
		return fail(err, errlen, CLP_DEC_WRONG_CMD,
			    "block holds a request for command 0x%04x (%s), not %s",
			    req_cmd, cmd_name(req_cmd), cmd_name(cmd));
	if (req_len != CLP_REQ_LEN)
		return fail(err, errlen, CLP_DEC_FORMAT,
			    "request length is %u, %s requests are %u bytes",
			    req_len, cmd_name(cmd), CLP_REQ_LEN);
	rsp = clp_get_be16(r + CLP_HDR_OFF_RSP);
	if (rsp != CLP_RC_OK)
		return fail(err, errlen, CLP_DEC_RSP_CODE,
			    "%s failed: response code 0x%04x (%s)", cmd_name(cmd), rsp,
			    clp_rsp_name(rsp));
	if (r[CLP_HDR_OFF_FMT] >> 4)
		note(notes, "response format %u: this decoder knows format 0",
		     r[CLP_HDR_OFF_FMT] >> 4);
	rlen = clp_get_be16(r + CLP_HDR_OFF_LEN);
	*rsp_len = rlen;
	if (rlen < min_len)
		return fail(err, errlen, CLP_DEC_FORMAT,
			    "response length %u is shorter than the %zu bytes %s needs",
			    rlen, min_len, cmd_name(cmd));
	if (rlen > CLP_RSP_AREA)
		return fail(err, errlen, CLP_DEC_FORMAT,
			    "response length %u exceeds the %u bytes a block has for it",
			    rlen, CLP_RSP_AREA);
	*use = rlen < layout_len ? rlen : layout_len;
	if (layout_len && rlen == CLP_RSP_AREA && layout_len < CLP_RSP_AREA)
		note(notes, "response length %u is the whole area offered: the responder did not "
		     "store the length it used (QEMU 7.2 does this for the queries); decoded "
		     "the %zu bytes of the layout", rlen, layout_len);
	else if (layout_len && rlen > layout_len)
		note(notes, "response is %u bytes, longer than the %zu this decoder knows: "
		     "the rest is not shown", rlen, layout_len);
	if (CLP_RSP_OFF + *use > len)
		return fail(err, errlen, CLP_DEC_TRUNCATED,
			    "block is truncated: the response needs %zu bytes, only %zu present",
			    (size_t)CLP_RSP_OFF + *use, len);
	return CLP_DEC_OK;
}

int clp_decode_list(const uint8_t *blk, size_t len, struct clp_list_block *out,
		    struct zpci_clp_notes *notes, char *err, size_t errlen)
{
	const uint8_t *r = blk + CLP_RSP_OFF;
	size_t use, stride, n;
	uint16_t rlen;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_block(blk, len, CLP_CMD_LIST_PCI, CLP_LIST_RSP_HDR_LEN, CLP_RSP_AREA,
			 &use, &rlen, notes, err, errlen);
	if (rc)
		return rc;
	out->resume_token = clp_get_be64(r + CLP_LIST_RSP_OFF_TOKEN);
	out->max_fn = clp_get_be16(r + CLP_LIST_RSP_OFF_MAXFN);
	out->uid_checking = r[CLP_LIST_RSP_OFF_FLAGS] & CLP_LIST_RSP_UIDCHK;
	out->entry_size = r[CLP_LIST_RSP_OFF_ESIZE];
	stride = out->entry_size;
	if (rlen == CLP_LIST_RSP_HDR_LEN)
		return CLP_DEC_OK;	/* no functions */
	/* the kernel counts entries by this size but steps through them as its
	 * own 16-byte struct clp_fh_list_entry (clp_list_pci()): any other size
	 * would be misread by the kernel, so it is malformed here too */
	if (stride != CLP_FHE_LEN)
		return fail(err, errlen, CLP_DEC_FORMAT,
			    "list entry size %zu differs from the %u-byte entry layout",
			    stride, CLP_FHE_LEN);
	if ((rlen - CLP_LIST_RSP_HDR_LEN) % stride)
		note(notes, "response length %u is not a whole number of %zu-byte entries",
		     rlen, stride);
	n = (rlen - CLP_LIST_RSP_HDR_LEN) / stride;
	for (size_t i = 0; i < n && i < CLP_LIST_MAX_ENTRIES; i++) {
		const uint8_t *e = r + CLP_LIST_RSP_HDR_LEN + i * stride;
		struct zpci_clp_list_entry *o = &out->entries[out->nentries++];

		o->device_id = clp_get_be16(e + CLP_FHE_OFF_DEVICE);
		o->vendor_id = clp_get_be16(e + CLP_FHE_OFF_VENDOR);
		o->configured = e[CLP_FHE_OFF_STATE] & CLP_FHE_CONFIGURED;
		o->fid = clp_get_be32(e + CLP_FHE_OFF_FID);
		o->fh = clp_get_be32(e + CLP_FHE_OFF_FH);
	}
	return CLP_DEC_OK;
}

/*
 * A BAR word carries its type in bits 3..0 (I/O, 64-bit, prefetchable). If
 * the kernel's little-endian reading has none of them but the big-endian
 * reading of the same bytes does, and the two are byte swaps of each other
 * with only a flag byte set, the responder stored the word big-endian
 * (QEMU 7.2 does). Note it; keep the kernel's reading as the value.
 */
static int bar_word_looks_big_endian(uint32_t le, uint32_t be)
{
	return le != be && (le & 0x0f) == 0 && (be & 0x0f) != 0 && (be & 0xffffff00u) == 0;
}

int clp_decode_query_fn(const uint8_t *blk, size_t len, struct zpci_clp_fn_data *out,
			struct zpci_clp_notes *notes, char *err, size_t errlen)
{
	const uint8_t *r = blk + CLP_RSP_OFF;
	uint8_t flags;
	size_t use;
	int rc, swapped = 0;

	memset(out, 0, sizeof(*out));
	/* without the utility string the response is not one this decoder knows */
	rc = check_block(blk, len, CLP_CMD_QUERY_PCI_FN, CLP_QFN_OFF_UTIL + CLP_QFN_UTIL_LEN,
			 CLP_QFN_RSP_LEN, &use, &out->rsp_len, notes, err, errlen);
	if (rc)
		return rc;
	out->vfn = clp_get_be16(r + CLP_QFN_OFF_VFN);
	flags = r[CLP_QFN_OFF_FLAGS];
	out->rid_avail = flags & CLP_QFN_RID_AVAIL;
	out->is_physfn = flags & CLP_QFN_IS_PHYSFN;
	out->mio_addr_avail = flags & CLP_QFN_MIO_AVAIL;
	out->util_str_avail = flags & CLP_QFN_UTIL_AVAIL;
	out->tid_avail = flags & CLP_QFN_TID_AVAIL;
	out->pfgid = r[CLP_QFN_OFF_PFGID];
	out->fid = clp_get_be32(r + CLP_QFN_OFF_FID);
	memcpy(out->bar_size_log2, r + CLP_QFN_OFF_BARSIZE, ZPCI_NUM_BARS);
	out->pchid = clp_get_be16(r + CLP_QFN_OFF_PCHID);
	for (int i = 0; i < ZPCI_NUM_BARS; i++) {
		out->bar_word[i] = clp_get_le32(r + CLP_QFN_OFF_BAR + 4 * i);
		out->bar_word_be[i] = clp_get_be32(r + CLP_QFN_OFF_BAR + 4 * i);
		if (out->bar_size_log2[i] > 63)
			return fail(err, errlen, CLP_DEC_FORMAT,
				    "BAR %d size is 2^%u bytes, more than 64 bits can address",
				    i, out->bar_size_log2[i]);
		if (out->bar_size_log2[i] &&
		    bar_word_looks_big_endian(out->bar_word[i], out->bar_word_be[i]))
			swapped++;
	}
	if (swapped)
		note(notes, "%d BAR word(s) carry their type bits only when read big-endian, "
		     "though the kernel reads them little-endian (__le32): the responder stored "
		     "them big-endian (QEMU 7.2 does)", swapped);
	memcpy(out->pfip, r + CLP_QFN_OFF_PFIP, sizeof(out->pfip));
	out->fidparm = r[CLP_QFN_OFF_FIDPARM];
	out->port = r[CLP_QFN_OFF_PORT] & CLP_QFN_PORT_MASK;
	out->fmb_len = r[CLP_QFN_OFF_FMBLEN];
	out->pft = r[CLP_QFN_OFF_PFT];
	out->sdma = clp_get_be64(r + CLP_QFN_OFF_SDMA);
	out->edma = clp_get_be64(r + CLP_QFN_OFF_EDMA);
	out->rid = clp_get_be16(r + CLP_QFN_OFF_RID);
	out->tid = clp_get_be16(r + CLP_QFN_OFF_TID);
	out->uid = clp_get_be32(r + CLP_QFN_OFF_UID);
	memcpy(out->util_str, r + CLP_QFN_OFF_UTIL, CLP_QFN_UTIL_LEN);
	if (out->sdma > out->edma)
		note(notes, "DMA window start 0x%llx is above its end 0x%llx",
		     (unsigned long long)out->sdma, (unsigned long long)out->edma);
	if (!out->util_str_avail && !zpci_util_blank(out->util_str, sizeof(out->util_str)))
		note(notes, "utility string bytes present but util_str_avail is 0: the kernel ignores them");
	if (use >= CLP_QFN_MIO_END) {
		out->has_mio_area = true;
		out->mio_valid = r[CLP_QFN_OFF_MIO_VALID] >> 2;
		for (int i = 0; i < ZPCI_NUM_BARS; i++) {
			out->mio_wb[i] = clp_get_be64(r + CLP_QFN_OFF_MIO_ADDR + 16 * i);
			out->mio_wt[i] = clp_get_be64(r + CLP_QFN_OFF_MIO_ADDR + 16 * i + 8);
		}
		if (out->mio_valid && !out->mio_addr_avail)
			note(notes, "MIO addresses marked valid but mio_addr_avail is 0: the kernel "
			     "does not use them");
	} else if (out->mio_addr_avail) {
		note(notes, "mio_addr_avail is set but the response (%zu bytes) ends before the "
		     "MIO addresses", use);
	}
	return CLP_DEC_OK;
}

int clp_decode_query_grp(const uint8_t *blk, size_t len, struct zpci_clp_group_data *out,
			 struct zpci_clp_notes *notes, char *err, size_t errlen)
{
	const uint8_t *r = blk + CLP_RSP_OFF;
	size_t use;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = check_block(blk, len, CLP_CMD_QUERY_PCI_FNGRP, CLP_QGRP_OFF_MSIA + 8,
			 CLP_QGRP_RSP_LEN, &use, &out->rsp_len, notes, err, errlen);
	if (rc)
		return rc;
	out->pfgid = blk[CLP_QGRP_REQ_OFF_PFGID];
	out->noi = clp_get_be16(r + CLP_QGRP_OFF_NOI) & CLP_QGRP_12BIT_MASK;
	out->version = r[CLP_QGRP_OFF_VERSION];
	out->frame = r[CLP_QGRP_OFF_FLAGS] & CLP_QGRP_FRAME;
	out->refresh = r[CLP_QGRP_OFF_FLAGS] & CLP_QGRP_REFRESH;
	out->rtr = r[CLP_QGRP_OFF_FLAGS] & CLP_QGRP_RTR;
	out->maxstbl = clp_get_be16(r + CLP_QGRP_OFF_MAXSTBL) & CLP_QGRP_MAXSTBL_MASK;
	out->mui = clp_get_be16(r + CLP_QGRP_OFF_MUI);
	out->dtsm = r[CLP_QGRP_OFF_DTSM];
	out->maxfaal = clp_get_be16(r + CLP_QGRP_OFF_MAXFAAL);
	out->dnoi = clp_get_be16(r + CLP_QGRP_OFF_DNOI) & CLP_QGRP_12BIT_MASK;
	out->maxcpu = clp_get_be16(r + CLP_QGRP_OFF_MAXCPU);
	out->dasm = clp_get_be64(r + CLP_QGRP_OFF_DASM);
	out->msia = clp_get_be64(r + CLP_QGRP_OFF_MSIA);
	if (out->maxstbl == 0)
		note(notes, "maxstbl is 0: block stores (PCISTB) are not usable for this group");
	return CLP_DEC_OK;
}

uint64_t clp_bar_size(uint8_t log2)
{
	if (log2 == 0 || log2 > 63)
		return 0;
	return 1ULL << log2;
}
