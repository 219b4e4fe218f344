// SPDX-License-Identifier: MIT
/*
 * The reject matrix: one invalid request per validation rule of the zPCI
 * I/O region (zpci_io_validate.h), each breaking exactly that rule.
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "zpci_io.h"

/*
 * Every case starts from a valid request and breaks exactly one rule, so
 * the errno it gets back names the rule that caught it. Loads are used
 * wherever the rule allows: should a kernel wrongly accept one, a load
 * changes nothing on the device.
 */

static void valid_load(const struct zpci_reject_env *e, struct vfio_zpci_io_req *r,
		       uint64_t *pos, size_t *len)
{
	zpci_io_req_load(r, e->bar, 0, 8, (void *)(uintptr_t)e->page);
	*pos = VFIO_ZPCI_IO_REQ_OFFSET;
	*len = sizeof(*r);
}

static void valid_store(const struct zpci_reject_env *e, struct vfio_zpci_io_req *r,
			uint64_t *pos, size_t *len)
{
	zpci_io_req_store(r, e->bar, 0, ZPCI_IO_PORTABLE_STB_MIN, (void *)(uintptr_t)e->page);
	*pos = VFIO_ZPCI_IO_REQ_OFFSET;
	*len = sizeof(*r);
}

#define BUILDER(name) static const char *name(const struct zpci_reject_env *e, \
	struct vfio_zpci_io_req *r, uint64_t *pos, size_t *len)

BUILDER(b_flags_unknown) { valid_load(e, r, pos, len); r->flags |= 1ULL << 2; return NULL; }
BUILDER(b_flags_both)
{
	valid_load(e, r, pos, len);
	r->flags = VFIO_ZPCI_IO_FLAG_READ | VFIO_ZPCI_IO_FLAG_BLOCKW;
	return NULL;
}
BUILDER(b_flags_none) { valid_load(e, r, pos, len); r->flags = 0; return NULL; }
BUILDER(b_reserved) { valid_load(e, r, pos, len); r->reserved = 1; return NULL; }
BUILDER(b_reserved2) { valid_load(e, r, pos, len); r->reserved2 = 0x80; return NULL; }
BUILDER(b_pcias_6) { valid_load(e, r, pos, len); r->pcias = 6; return NULL; }
BUILDER(b_pcias_config)
{
	/* Address space 15 is config space; QEMU 7.2 would serve it. */
	valid_load(e, r, pos, len);
	r->pcias = 15;
	return NULL;
}
BUILDER(b_absent_bar)
{
	if (e->absent_bar < 0)
		return "the function implements all six BARs";
	valid_load(e, r, pos, len);
	r->pcias = (uint8_t)e->absent_bar;
	return NULL;
}
BUILDER(b_io_bar)
{
	if (e->io_bar < 0)
		return "the function has no I/O space BAR the kernel knows";
	valid_load(e, r, pos, len);
	r->pcias = (uint8_t)e->io_bar;
	return NULL;
}
BUILDER(b_load_len3) { valid_load(e, r, pos, len); r->len = 3; return NULL; }
BUILDER(b_load_len16) { valid_load(e, r, pos, len); r->len = 16; return NULL; }
BUILDER(b_store_len0) { valid_store(e, r, pos, len); r->len = 0; return NULL; }
BUILDER(b_store_over_max)
{
	valid_store(e, r, pos, len);
	r->len = (uint16_t)(e->maxstbl + 1u);
	return NULL;
}
BUILDER(b_load_misaligned) { valid_load(e, r, pos, len); r->len = 4; r->offset = 2; return NULL; }
BUILDER(b_store_crosses_4k)
{
	if (e->big_bar < 0)
		return "no memory BAR of 8 KiB or more";
	if (e->maxstbl < ZPCI_IO_PORTABLE_STB_MIN)
		return "maxstbl below the shortest portable PCISTB";
	valid_store(e, r, pos, len);
	r->pcias = (uint8_t)e->big_bar;
	r->offset = ZPCI_IO_STB_BOUNDARY - 8;
	return NULL;
}
BUILDER(b_offset_past_bar) { valid_load(e, r, pos, len); r->offset = e->bar_size; return NULL; }
BUILDER(b_offset_wraps)
{
	valid_load(e, r, pos, len);
	r->offset = UINT64_MAX - 7;	/* offset + 8 wraps to 0 */
	return NULL;
}
BUILDER(b_store_past_bar) { valid_store(e, r, pos, len); r->offset = e->bar_size; return NULL; }
BUILDER(b_gaddr_unmapped)
{
	if (!e->unmapped)
		return "no inaccessible page available";
	valid_store(e, r, pos, len);
	r->gaddr = e->unmapped;
	return NULL;
}
BUILDER(b_msix_table)
{
	if (e->msix_bar < 0)
		return "the function has no MSI-X table";
	valid_load(e, r, pos, len);
	r->pcias = (uint8_t)e->msix_bar;
	r->offset = e->msix_offset;
	return NULL;
}
BUILDER(b_memory_disabled) { valid_load(e, r, pos, len); return NULL; }
BUILDER(b_short_write) { valid_load(e, r, pos, len); *len = sizeof(*r) - 1; return NULL; }
BUILDER(b_write_header) { valid_load(e, r, pos, len); *pos = VFIO_ZPCI_IO_HDR_OFFSET; return NULL; }
BUILDER(b_write_shifted) { valid_load(e, r, pos, len); *pos = VFIO_ZPCI_IO_REQ_OFFSET + 8; return NULL; }
BUILDER(b_read_request)
{
	valid_load(e, r, pos, len);
	*pos = VFIO_ZPCI_IO_REQ_OFFSET;
	*len = 8;
	return NULL;
}

#define CASE(i, w, rl, en, acc, b) \
	{ .id = i, .what = w, .rule = rl, .expected_errno = en, .access = acc, .build = b }

const struct zpci_reject_case zpci_reject_cases[] = {
	CASE("flags-unknown", "unknown flag bit 2 set", ZPCI_IO_BAD_FLAGS, EINVAL, ZRA_WRITE_REQ, b_flags_unknown),
	CASE("flags-both", "READ and BLOCKW both set", ZPCI_IO_BAD_FLAGS, EINVAL, ZRA_WRITE_REQ, b_flags_both),
	CASE("flags-none", "neither READ nor BLOCKW", ZPCI_IO_BAD_FLAGS, EINVAL, ZRA_WRITE_REQ, b_flags_none),
	CASE("reserved-set", "reserved field not 0", ZPCI_IO_RESERVED_SET, EINVAL, ZRA_WRITE_REQ, b_reserved),
	CASE("reserved2-set", "reserved2 field not 0", ZPCI_IO_RESERVED_SET, EINVAL, ZRA_WRITE_REQ, b_reserved2),
	CASE("pcias-6", "pcias 6: no such BAR", ZPCI_IO_BAD_PCIAS, ENXIO, ZRA_WRITE_REQ, b_pcias_6),
	CASE("pcias-config", "pcias 15: config space", ZPCI_IO_BAD_PCIAS, ENXIO, ZRA_WRITE_REQ, b_pcias_config),
	CASE("absent-bar", "BAR the function does not implement", ZPCI_IO_NO_BAR, ENXIO, ZRA_WRITE_REQ, b_absent_bar),
	CASE("io-bar", "I/O space BAR", ZPCI_IO_IO_BAR, ENXIO, ZRA_WRITE_REQ, b_io_bar),
	CASE("load-len-3", "PCILG of 3 bytes", ZPCI_IO_BAD_LEN, EINVAL, ZRA_WRITE_REQ, b_load_len3),
	CASE("load-len-16", "PCILG of 16 bytes", ZPCI_IO_BAD_LEN, EINVAL, ZRA_WRITE_REQ, b_load_len16),
	CASE("store-len-0", "PCISTB of 0 bytes", ZPCI_IO_BAD_LEN, EINVAL, ZRA_WRITE_REQ, b_store_len0),
	CASE("store-over-maxstbl", "PCISTB longer than maxstbl", ZPCI_IO_LEN_OVER_MAX, EINVAL, ZRA_WRITE_REQ, b_store_over_max),
	CASE("load-misaligned", "PCILG of 4 bytes at offset 2", ZPCI_IO_UNALIGNED, EINVAL, ZRA_WRITE_REQ, b_load_misaligned),
	CASE("store-crosses-4k", "PCISTB crossing a 4 KiB boundary", ZPCI_IO_CROSSES_4K, EINVAL, ZRA_WRITE_REQ, b_store_crosses_4k),
	CASE("offset-past-bar", "PCILG at the BAR size", ZPCI_IO_OUT_OF_BAR, ERANGE, ZRA_WRITE_REQ, b_offset_past_bar),
	CASE("offset-wraps", "offset + len wraps past 2^64", ZPCI_IO_OUT_OF_BAR, ERANGE, ZRA_WRITE_REQ, b_offset_wraps),
	CASE("store-past-bar", "PCISTB at the BAR size", ZPCI_IO_OUT_OF_BAR, ERANGE, ZRA_WRITE_REQ, b_store_past_bar),
	CASE("gaddr-unmapped", "user buffer not accessible (PCISTB)", ZPCI_IO_OK, EFAULT, ZRA_WRITE_REQ, b_gaddr_unmapped),
	CASE("msix-table", "PCILG of the MSI-X table", ZPCI_IO_PROTECTED, EPERM, ZRA_WRITE_REQ, b_msix_table),
	CASE("memory-disabled", "PCILG with memory decoding off", ZPCI_IO_MEM_DISABLED, EACCES, ZRA_WRITE_REQ_MEM_OFF, b_memory_disabled),
	CASE("short-write", "write one byte short of a request", ZPCI_IO_BAD_WRITE, EINVAL, ZRA_WRITE_REQ, b_short_write),
	CASE("write-header", "request written over the header", ZPCI_IO_BAD_WRITE, EINVAL, ZRA_WRITE_REQ, b_write_header),
	CASE("write-shifted", "request written 8 bytes late", ZPCI_IO_BAD_WRITE, EINVAL, ZRA_WRITE_REQ, b_write_shifted),
	CASE("read-request", "read of the request area", ZPCI_IO_BAD_READ, EINVAL, ZRA_READ_REGION, b_read_request),
};
const size_t zpci_num_reject_cases = sizeof(zpci_reject_cases) / sizeof(zpci_reject_cases[0]);
