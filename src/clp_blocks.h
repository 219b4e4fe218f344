/* SPDX-License-Identifier: MIT */
/*
 * CLP (Call Logical Processor) request/response blocks for the PCI logical
 * processor, as byte offsets into the block. Written from the layouts the
 * Linux kernel declares (arch/s390/include/asm/{clp,pci_clp}.h, 6.1) and the
 * /dev/clp ioctl (uapi asm/clp.h).
 *
 * The blocks are big-endian (s390) and the decoder also runs on x86 against
 * saved blocks, so fields are read with the clp_get_be*() helpers at fixed
 * offsets, never by overlaying a C struct with bitfields: bitfield order is
 * the compiler's choice and differs between the two machines.
 *
 * One block (LPCB) is one 4 KiB page: the request at offset 0, the response
 * right after it. Every PCI request this tool sends is 32 bytes long, so
 * every response starts at offset 32. Offsets below are relative to the
 * start of the request or response they belong to.
 */
#ifndef ZPCIDIAG_CLP_BLOCKS_H
#define ZPCIDIAG_CLP_BLOCKS_H

#include <stddef.h>
#include <stdint.h>

#define CLP_BLK_SIZE		4096u	/* s390 PAGE_SIZE; /dev/clp copies exactly one page */

/* struct clp_req of uapi asm/clp.h: c:1 r:1 lps:6 cmd:8 :16, reserved, data_p. */
#define CLP_LPS_PCI		2

/* Command codes (request header "cmd"). */
#define CLP_CMD_LIST_PCI	0x0002
#define CLP_CMD_QUERY_PCI_FN	0x0003
#define CLP_CMD_QUERY_PCI_FNGRP	0x0004

/* Response codes (response header "rsp"). */
#define CLP_RC_OK		0x0010
#define CLP_RC_CMD		0x0020	/* command code not recognized */
#define CLP_RC_PERM		0x0030	/* command not authorized */
#define CLP_RC_FMT		0x0040	/* invalid request format */
#define CLP_RC_LEN		0x0050	/* invalid request length */
#define CLP_RC_8K		0x0060	/* command requires an 8K block */
#define CLP_RC_RESNOT0		0x0070	/* reserved field not zero */
#define CLP_RC_NODATA		0x0080	/* no data available */
#define CLP_RC_FC_UNKNOWN	0x0100	/* function code not recognized */
#define CLP_RC_FH		0x0101	/* invalid function handle */
#define CLP_RC_LISTPCI_BADRT	0x010a	/* resume token not recognized */
#define CLP_RC_QUERYPCIFG_PFGID	0x010b	/* unrecognized PFGID */

/*
 * Common headers, 16 bytes each: len:16, cmd (request) or rsp (response):16,
 * fmt:4 (top nibble of byte 4) + 28 reserved bits, 8 reserved bytes.
 */
#define CLP_HDR_LEN		16
#define CLP_HDR_OFF_LEN		0
#define CLP_HDR_OFF_CMD		2	/* request: command code */
#define CLP_HDR_OFF_RSP		2	/* response: response code */
#define CLP_HDR_OFF_FMT		4	/* byte: format in bits 7..4 */

#define CLP_REQ_LEN		32	/* every PCI request used here */
#define CLP_RSP_OFF		CLP_REQ_LEN	/* response offset in the block */
#define CLP_RSP_AREA		(CLP_BLK_SIZE - CLP_REQ_LEN) /* the most a response may use */

/* List PCI Functions request: header, resume_token:64, reserved:64. */
#define CLP_LIST_REQ_OFF_TOKEN	16
/* List PCI Functions response. */
#define CLP_LIST_RSP_OFF_TOKEN	16	/* u64 resume token, 0 = last block */
#define CLP_LIST_RSP_OFF_MAXFN	28	/* u16 max number of functions */
#define CLP_LIST_RSP_OFF_FLAGS	30	/* byte: uid_checking in bit 0 */
#define CLP_LIST_RSP_UIDCHK	0x01
#define CLP_LIST_RSP_OFF_ESIZE	31	/* byte: size of one entry */
#define CLP_LIST_RSP_HDR_LEN	32	/* entries start here */
/* One function handle list entry (16 bytes). */
#define CLP_FHE_LEN		16
#define CLP_FHE_OFF_DEVICE	0	/* u16 PCI device id */
#define CLP_FHE_OFF_VENDOR	2	/* u16 PCI vendor id */
#define CLP_FHE_OFF_STATE	4	/* byte: config_state in bit 7 */
#define CLP_FHE_CONFIGURED	0x80
#define CLP_FHE_OFF_FID		8	/* u32 */
#define CLP_FHE_OFF_FH		12	/* u32 */

/* Query PCI Function request: header, fh:32, reserved:32, reserved:64. */
#define CLP_QFN_REQ_OFF_FH	16
/* Query PCI Function response, 384 bytes. */
#define CLP_QFN_RSP_LEN		384
#define CLP_QFN_OFF_VFN		16	/* u16 */
#define CLP_QFN_OFF_FLAGS	18	/* byte, bits below */
#define CLP_QFN_TID_AVAIL	0x20	/* newer kernels (tid) */
#define CLP_QFN_RID_AVAIL	0x10
#define CLP_QFN_IS_PHYSFN	0x08
#define CLP_QFN_MIO_AVAIL	0x02
#define CLP_QFN_UTIL_AVAIL	0x01
#define CLP_QFN_OFF_PFGID	19	/* byte */
#define CLP_QFN_OFF_FID		20	/* u32 */
#define CLP_QFN_OFF_BARSIZE	24	/* 6 bytes: log2 of each BAR size, 0 = none */
#define CLP_QFN_OFF_PCHID	30	/* u16 */
#define CLP_QFN_OFF_BAR		32	/* 6 x 32-bit BAR words; the kernel reads them __le32 */
#define CLP_QFN_OFF_PFIP	56	/* 4 bytes */
#define CLP_QFN_OFF_FIDPARM	60	/* byte; reserved in 6.1's layout, named by newer kernels */
#define CLP_QFN_OFF_PORT	61	/* byte: port in bits 3..0 */
#define CLP_QFN_PORT_MASK	0x0f
#define CLP_QFN_OFF_FMBLEN	62	/* byte: FMB length in 4-byte words */
#define CLP_QFN_OFF_PFT		63	/* byte */
#define CLP_QFN_OFF_SDMA	64	/* u64 */
#define CLP_QFN_OFF_EDMA	72	/* u64 */
#define CLP_QFN_OFF_RID		80	/* u16, devfn in the low byte */
#define CLP_QFN_OFF_TID		86	/* u16, valid with CLP_QFN_TID_AVAIL (newer kernels) */
#define CLP_QFN_OFF_UID		124	/* u32 */
#define CLP_QFN_OFF_UTIL	128	/* 64 bytes, EBCDIC */
#define CLP_QFN_UTIL_LEN	64
#define CLP_QFN_OFF_MIO		256	/* struct mio_info */
#define CLP_QFN_OFF_MIO_VALID	256	/* byte: bits 7..2 = BAR 0..5 has MIO addresses */
#define CLP_QFN_OFF_MIO_ADDR	264	/* 6 x { u64 wb; u64 wt; } */
#define CLP_QFN_MIO_END		360	/* end of the MIO addresses */

/* Query PCI Function Group request: header, 24 reserved bits + pfgid:8, reserved. */
#define CLP_QGRP_REQ_OFF_PFGID	19
/* Query PCI Function Group response, 64 bytes. */
#define CLP_QGRP_RSP_LEN	64
#define CLP_QGRP_OFF_NOI	16	/* u16: noi in bits 11..0 */
#define CLP_QGRP_OFF_VERSION	18	/* byte */
#define CLP_QGRP_OFF_FLAGS	19	/* byte */
#define CLP_QGRP_FRAME		0x02
#define CLP_QGRP_REFRESH	0x01
#define CLP_QGRP_RTR		0x20	/* relaxed translation requirement (QEMU 10, Linux 6.15) */
#define CLP_QGRP_OFF_MAXSTBL	20	/* u16: maxstbl in bits 12..0 */
#define CLP_QGRP_MAXSTBL_MASK	0x1fff
#define CLP_QGRP_OFF_MUI	22	/* u16 */
#define CLP_QGRP_OFF_DTSM	24	/* byte */
#define CLP_QGRP_OFF_MAXFAAL	26	/* u16 */
#define CLP_QGRP_OFF_DNOI	28	/* u16: dnoi in bits 11..0 */
#define CLP_QGRP_OFF_MAXCPU	30	/* u16 */
#define CLP_QGRP_OFF_DASM	32	/* u64 */
#define CLP_QGRP_OFF_MSIA	40	/* u64 */
#define CLP_QGRP_12BIT_MASK	0x0fff

static inline uint16_t clp_get_be16(const uint8_t *p)
{
	return (uint16_t)((p[0] << 8) | p[1]);
}

static inline uint32_t clp_get_be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static inline uint32_t clp_get_le32(const uint8_t *p)
{
	return ((uint32_t)p[3] << 24) | ((uint32_t)p[2] << 16) | ((uint32_t)p[1] << 8) | p[0];
}

static inline uint64_t clp_get_be64(const uint8_t *p)
{
	return ((uint64_t)clp_get_be32(p) << 32) | clp_get_be32(p + 4);
}

static inline void clp_put_be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static inline void clp_put_be32(uint8_t *p, uint32_t v)
{
	clp_put_be16(p, (uint16_t)(v >> 16));
	clp_put_be16(p + 2, (uint16_t)v);
}

static inline void clp_put_be64(uint8_t *p, uint64_t v)
{
	clp_put_be32(p, (uint32_t)(v >> 32));
	clp_put_be32(p + 4, (uint32_t)v);
}

#endif
