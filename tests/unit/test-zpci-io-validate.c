// SPDX-License-Identifier: MIT
/*
 * Every rule of the shared zPCI I/O request validation and its boundaries,
 * checked on functions shaped like those the project meets: the emulator's
 * virtio-net (I/O BAR0 dropped, BAR1 4 KiB holding the MSI-X table and PBA,
 * BAR4 16 KiB) and ISM (one 2^48-byte BAR, maxstbl 4096 would be too big
 * for the 4 KiB rule so the boundary rule decides). The PCISTB rules are the
 * architecture's (any length up to maxstbl, any offset, no 4 KiB crossing),
 * not QEMU's stricter intercept.
 */
#include "config.h"
#include <limits.h>
#include "zpci_io_validate.h"
#include "unit.h"

#define R_READ VFIO_ZPCI_IO_FLAG_READ
#define R_STB VFIO_ZPCI_IO_FLAG_BLOCKW
#define GADDR 0x10000ull	/* page aligned user buffer */

static struct zpci_io_fn virtio_net_fn(void)
{
	struct zpci_io_fn fn = {
		.bar_size = { 0x20, 0x1000, 0, 0, 0x4000, 0 },
		.bar_is_io = { true, false, false, false, false, false },
		.maxstbl = 128,
		.memory_enabled = true,
		.msix_table = { .bar = 1, .start = 0, .len = 0x20 },	/* 2 vectors; PBA at 0x800 */
	};
	return fn;
}

static struct zpci_io_fn ism_fn(void)
{
	struct zpci_io_fn fn = {
		.bar_size = { 1ull << 48 },
		.maxstbl = 4096,
		.memory_enabled = true,
		.msix_table = { .bar = -1 },
	};
	return fn;
}

static struct vfio_zpci_io_req req(uint64_t flags, uint8_t bar, uint64_t off, uint16_t len)
{
	struct vfio_zpci_io_req r = {
		.flags = flags, .gaddr = GADDR, .offset = off, .len = len, .pcias = bar,
	};
	return r;
}

static enum zpci_io_result v(const struct zpci_io_fn *fn, struct vfio_zpci_io_req r)
{
	return zpci_io_validate(fn, &r);
}

static void test_write_shape(void)
{
	CHECK_EQ_U64(sizeof(struct vfio_zpci_io_hdr), 16);
	CHECK_EQ_U64(sizeof(struct vfio_zpci_io_req), 32);
	CHECK_EQ_U64(zpci_io_check_write(16, 32), ZPCI_IO_OK);
	CHECK_EQ_U64(zpci_io_check_write(16, 31), ZPCI_IO_BAD_WRITE);
	CHECK_EQ_U64(zpci_io_check_write(16, 33), ZPCI_IO_BAD_WRITE);
	CHECK_EQ_U64(zpci_io_check_write(17, 32), ZPCI_IO_BAD_WRITE);
	CHECK_EQ_U64(zpci_io_check_write(0, 48), ZPCI_IO_BAD_WRITE);	/* header + request in one go */
	CHECK_EQ_U64(zpci_io_check_write(0, 16), ZPCI_IO_BAD_WRITE);	/* header is read-only */
	CHECK_EQ_U64(zpci_io_check_read(0, 16), ZPCI_IO_OK);
	CHECK_EQ_U64(zpci_io_check_read(8, 2), ZPCI_IO_OK);		/* just "max" */
	CHECK_EQ_U64(zpci_io_check_read(15, 1), ZPCI_IO_OK);
	CHECK_EQ_U64(zpci_io_check_read(15, 2), ZPCI_IO_BAD_READ);
	CHECK_EQ_U64(zpci_io_check_read(16, 32), ZPCI_IO_BAD_READ);	/* request is write-only */
	CHECK_EQ_U64(zpci_io_check_read(0, 0), ZPCI_IO_BAD_READ);
	CHECK_EQ_U64(zpci_io_check_read(UINT64_MAX, 2), ZPCI_IO_BAD_READ);
	CHECK_EQ_U64(zpci_io_check_read(0, UINT64_MAX), ZPCI_IO_BAD_READ);
}

static void test_flags_and_reserved(void)
{
	struct zpci_io_fn fn = virtio_net_fn();
	struct vfio_zpci_io_req r;

	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0, 8)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0, 16)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(0, 4, 0, 8)), ZPCI_IO_BAD_FLAGS);
	CHECK_EQ_U64(v(&fn, req(R_READ | R_STB, 4, 0, 16)), ZPCI_IO_BAD_FLAGS);
	CHECK_EQ_U64(v(&fn, req(R_READ | (1ull << 2), 4, 0, 8)), ZPCI_IO_BAD_FLAGS);
	CHECK_EQ_U64(v(&fn, req(1ull << 63, 4, 0, 8)), ZPCI_IO_BAD_FLAGS);
	r = req(R_READ, 4, 0, 8);
	r.reserved = 1;
	CHECK_EQ_U64(v(&fn, r), ZPCI_IO_RESERVED_SET);
	r = req(R_READ, 4, 0, 8);
	r.reserved2 = 0x80;
	CHECK_EQ_U64(v(&fn, r), ZPCI_IO_RESERVED_SET);
}

static void test_pcias(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	CHECK_EQ_U64(v(&fn, req(R_READ, 0, 0, 4)), ZPCI_IO_IO_BAR);
	CHECK_EQ_U64(v(&fn, req(R_READ, 2, 0, 4)), ZPCI_IO_NO_BAR);
	CHECK_EQ_U64(v(&fn, req(R_READ, 5, 0, 4)), ZPCI_IO_NO_BAR);
	CHECK_EQ_U64(v(&fn, req(R_READ, 6, 0, 4)), ZPCI_IO_BAD_PCIAS);
	CHECK_EQ_U64(v(&fn, req(R_READ, 15, 0, 4)), ZPCI_IO_BAD_PCIAS);	/* config space */
	CHECK_EQ_U64(v(&fn, req(R_READ, 255, 0, 4)), ZPCI_IO_BAD_PCIAS);
	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x100, 4)), ZPCI_IO_OK);
}

static void test_pcilg_len_alignment(void)
{
	struct zpci_io_fn fn = virtio_net_fn();
	unsigned int len;

	for (len = 0; len <= 16; len++) {
		enum zpci_io_result want = (len == 1 || len == 2 || len == 4 || len == 8) ?
					   ZPCI_IO_OK : ZPCI_IO_BAD_LEN;
		CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x100, len)), want);
	}
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x101, 1)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x101, 2)), ZPCI_IO_UNALIGNED);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x102, 2)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x102, 4)), ZPCI_IO_UNALIGNED);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x104, 4)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x104, 8)), ZPCI_IO_UNALIGNED);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x108, 8)), ZPCI_IO_OK);
}

static void test_pcistb_any_length_any_offset(void)
{
	struct zpci_io_fn fn = virtio_net_fn();
	unsigned int len;

	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0, 0)), ZPCI_IO_BAD_LEN);
	/* every length 1..maxstbl, as the ISM driver issues them */
	for (len = 1; len <= 128; len++)
		CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0x100, len)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0, 129)), ZPCI_IO_LEN_OVER_MAX);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0, 136)), ZPCI_IO_LEN_OVER_MAX);
	/* any offset: odd, 4-aligned, 2-aligned */
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 1, 16)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 4, 16)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0x1003, 5)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0x3fff, 1)), ZPCI_IO_OK);	/* last byte of the BAR */
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0x3fff, 2)), ZPCI_IO_CROSSES_4K);
	fn.maxstbl = 0;		/* a function group without PCISTB */
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0, 1)), ZPCI_IO_LEN_OVER_MAX);
}

static void test_pcistb_4k_boundary(void)
{
	struct zpci_io_fn fn = ism_fn();

	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0, 4096)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 8, 4096)), ZPCI_IO_CROSSES_4K);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0xff0, 16)), ZPCI_IO_OK);	/* ends exactly at 4 KiB */
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0xff8, 16)), ZPCI_IO_CROSSES_4K);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0x1000, 16)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0xfff, 1)), ZPCI_IO_OK);	/* one byte before it */
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0xfff, 2)), ZPCI_IO_CROSSES_4K);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0x1001, 4095)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0x1001, 4096)), ZPCI_IO_CROSSES_4K);
	CHECK_EQ_U64(v(&fn, req(R_STB, 0, 0x7ffffffff80ull, 128)), ZPCI_IO_OK);
}

static void test_bar_bounds(void)
{
	struct zpci_io_fn fn = virtio_net_fn();
	struct zpci_io_fn ism = ism_fn();

	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x3ff8, 8)), ZPCI_IO_OK);	/* last word */
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x3fff, 1)), ZPCI_IO_OK);	/* last byte */
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x4000, 1)), ZPCI_IO_OUT_OF_BAR);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x4000, 8)), ZPCI_IO_OUT_OF_BAR);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0x3f80, 128)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0x4000, 16)), ZPCI_IO_OUT_OF_BAR);
	/* offsets near 2^64 must not wrap around into the BAR (the emulator would serve them) */
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, UINT64_MAX - 7, 8)), ZPCI_IO_OUT_OF_BAR);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, UINT64_MAX - 0xfff, 128)), ZPCI_IO_OUT_OF_BAR);
	CHECK_EQ_U64(v(&ism, req(R_READ, 0, (1ull << 48) - 8, 8)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&ism, req(R_READ, 0, 1ull << 48, 8)), ZPCI_IO_OUT_OF_BAR);
	CHECK_EQ_U64(v(&ism, req(R_STB, 0, (1ull << 48) - 16, 16)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&ism, req(R_STB, 0, (1ull << 48) - 8, 16)), ZPCI_IO_CROSSES_4K);
}

/* The user buffer is copied through a kernel buffer: its address is never a rule. */
static void test_gaddr_any(void)
{
	struct zpci_io_fn fn = virtio_net_fn();
	static const uint64_t addrs[] = { GADDR + 1, GADDR + 4, GADDR + 4095, UINT64_MAX - 7, 0 };
	struct vfio_zpci_io_req r;

	for (size_t i = 0; i < sizeof(addrs) / sizeof(addrs[0]); i++) {
		r = req(R_STB, 4, 0, 16);
		r.gaddr = addrs[i];
		CHECK_EQ_U64(v(&fn, r), ZPCI_IO_OK);
		r = req(R_READ, 4, 0, 8);
		r.gaddr = addrs[i];
		CHECK_EQ_U64(v(&fn, r), ZPCI_IO_OK);
	}
}

static void test_msix_protection(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x00, 4)), ZPCI_IO_PROTECTED);
	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x1c, 4)), ZPCI_IO_PROTECTED);	/* last table dword */
	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x20, 4)), ZPCI_IO_OK);		/* just after */
	CHECK_EQ_U64(v(&fn, req(R_STB, 1, 0x10, 16)), ZPCI_IO_PROTECTED);
	CHECK_EQ_U64(v(&fn, req(R_STB, 1, 0x20, 16)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_STB, 1, 0x1f, 1)), ZPCI_IO_PROTECTED);	/* last table byte */
	CHECK_EQ_U64(v(&fn, req(R_STB, 1, 0x1f, 2)), ZPCI_IO_PROTECTED);
	/* the PBA is readable, as through vfio-pci's BAR region */
	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x800, 8)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x808, 8)), ZPCI_IO_OK);
	/* the same offsets in another BAR are not protected */
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x00, 4)), ZPCI_IO_OK);
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0x800, 8)), ZPCI_IO_OK);
	/* a protected range ending at 2^64 must not wrap to cover offset 0 */
	fn.msix_table.start = UINT64_MAX - 3;
	fn.msix_table.len = 16;
	CHECK_EQ_U64(v(&fn, req(R_READ, 1, 0x00, 4)), ZPCI_IO_OK);
	CHECK(zpci_io_ranges_overlap(UINT64_MAX - 3, 16, UINT64_MAX - 1, 1));
	CHECK(!zpci_io_ranges_overlap(0, 0, 0, 16));
}

static void test_memory_enable(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	fn.memory_enabled = false;
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0, 4)), ZPCI_IO_MEM_DISABLED);
	CHECK_EQ_U64(v(&fn, req(R_STB, 4, 0, 16)), ZPCI_IO_MEM_DISABLED);
	/* a malformed request is reported as such even while memory is off */
	CHECK_EQ_U64(v(&fn, req(R_READ, 4, 0, 3)), ZPCI_IO_BAD_LEN);
}

static void test_errno_mapping(void)
{
	static const int want[ZPCI_IO_NUM_RESULTS] = {
		[ZPCI_IO_OK] = 0,
		[ZPCI_IO_BAD_WRITE] = EINVAL, [ZPCI_IO_BAD_READ] = EINVAL,
		[ZPCI_IO_BAD_FLAGS] = EINVAL, [ZPCI_IO_RESERVED_SET] = EINVAL,
		[ZPCI_IO_BAD_PCIAS] = ENXIO, [ZPCI_IO_NO_BAR] = ENXIO, [ZPCI_IO_IO_BAR] = ENXIO,
		[ZPCI_IO_BAD_LEN] = EINVAL, [ZPCI_IO_LEN_OVER_MAX] = EINVAL,
		[ZPCI_IO_UNALIGNED] = EINVAL, [ZPCI_IO_CROSSES_4K] = EINVAL,
		[ZPCI_IO_OUT_OF_BAR] = ERANGE,
		[ZPCI_IO_PROTECTED] = EPERM, [ZPCI_IO_MEM_DISABLED] = EACCES,
	};
	int r, s;

	for (r = 0; r < ZPCI_IO_NUM_RESULTS; r++) {
		CHECK_EQ_U64(zpci_io_result_errno(r), want[r]);
		CHECK(strcmp(zpci_io_result_name(r), "unknown") != 0);
		for (s = 0; s < r; s++)	/* names are stable identifiers: unique */
			CHECK(strcmp(zpci_io_result_name(r), zpci_io_result_name(s)) != 0);
	}
	/* EIO stays reserved for instruction failures */
	for (r = 0; r < ZPCI_IO_NUM_RESULTS; r++)
		CHECK(zpci_io_result_errno(r) != EIO);
}

int main(void)
{
	test_write_shape();
	test_flags_and_reserved();
	test_pcias();
	test_pcilg_len_alignment();
	test_pcistb_any_length_any_offset();
	test_pcistb_4k_boundary();
	test_bar_bounds();
	test_gaddr_any();
	test_msix_protection();
	test_memory_enable();
	test_errno_mapping();
	return unit_done("test-zpci-io-validate");
}
