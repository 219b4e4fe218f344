// SPDX-License-Identifier: MIT
/*
 * Every rule of zPCI I/O through BAR regions (zpci_io_validate.h, the code
 * zpci_vfio_pci enforces) and its boundaries, on functions shaped like
 * those the project meets: the emulator's virtio-net (I/O BAR0, BAR1 4 KiB
 * holding the MSI-X table and PBA, BAR4 16 KiB) and ISM (one 2^48-byte BAR,
 * maxstbl 4096). The errnos are ism-vfio-pci's for the same access (EINVAL),
 * vfio-pci's for memory space off (EIO); the MSI-X table is answered as
 * vfio-pci answers it (no errno).
 */
#include "config.h"
#include <stddef.h>
#include "zpci_io_validate.h"
#include "uapi/vfio_zpci_io.h"
#include "unit.h"

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

/* check with count; returns the result, *out the count after the cut */
static enum zpci_io_result c(const struct zpci_io_fn *fn, int bar, __u64 pos, __u64 count,
			     bool write, __u64 *out)
{
	enum zpci_io_result r = zpci_io_check(fn, bar, pos, &count, write);

	if (out)
		*out = count;
	return r;
}

static void test_bars(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	CHECK(c(&fn, 4, 0, 8, false, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 2, 0, 8, false, NULL) == ZPCI_IO_NO_BAR);		/* not implemented */
	CHECK(c(&fn, 0, 0, 4, false, NULL) == ZPCI_IO_NO_BAR);		/* I/O space */
	CHECK(c(&fn, 6, 0, 4, false, NULL) == ZPCI_IO_NO_BAR);
	CHECK(c(&fn, -1, 0, 4, false, NULL) == ZPCI_IO_NO_BAR);
	CHECK(c(&fn, 4, 0x4000, 1, false, NULL) == ZPCI_IO_PAST_BAR);
	CHECK(c(&fn, 4, ~0ull, 1, false, NULL) == ZPCI_IO_PAST_BAR);
}

static void test_count_cut_at_bar_end(void)
{
	struct zpci_io_fn fn = virtio_net_fn();
	__u64 n;

	/* as ism-vfio-pci: the count is cut, not refused */
	CHECK(c(&fn, 4, 0x3ff8, 64, false, &n) == ZPCI_IO_OK);
	CHECK_EQ_U64(n, 8);
	CHECK(c(&fn, 4, 0x3ff0, 128, true, &n) == ZPCI_IO_OK);
	CHECK_EQ_U64(n, 16);
	/* a huge count is cut before the maxstbl rule sees it */
	CHECK(c(&fn, 4, 0x3fff, ~0ull, true, &n) == ZPCI_IO_OK);
	CHECK_EQ_U64(n, 1);
}

static void test_write_len(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	CHECK(c(&fn, 4, 0x2000, 1, true, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 4, 0x2000, 128, true, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 4, 0x2000, 129, true, NULL) == ZPCI_IO_LEN_OVER_MAX);
	CHECK(c(&fn, 4, 0x2003, 17, true, NULL) == ZPCI_IO_OK);	/* any offset, any length */
	/* reads have no length limit: PCILG by alignment */
	CHECK(c(&fn, 4, 0x2000, 0x1000, false, NULL) == ZPCI_IO_OK);
}

static void test_write_4k(void)
{
	struct zpci_io_fn fn = ism_fn();

	CHECK(c(&fn, 0, 0, 4096, true, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 0, 1, 4096, true, NULL) == ZPCI_IO_CROSSES_4K);
	CHECK(c(&fn, 0, 0xff8, 16, true, NULL) == ZPCI_IO_CROSSES_4K);
	CHECK(c(&fn, 0, 0xff8, 8, true, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 0, 0x1000, 8, true, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 0, (1ull << 48) - 4096, 4096, true, NULL) == ZPCI_IO_OK);
	CHECK(c(&fn, 0, 0, 4097, true, NULL) == ZPCI_IO_LEN_OVER_MAX);
	/* reads may cross 4 KiB: each PCILG is at most 8 naturally aligned bytes */
	CHECK(c(&fn, 0, 0xff8, 16, false, NULL) == ZPCI_IO_OK);
}

static void test_msix(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	CHECK(c(&fn, 1, 0, 4, false, NULL) == ZPCI_IO_PROTECTED);
	CHECK(c(&fn, 1, 0x18, 8, false, NULL) == ZPCI_IO_PROTECTED);
	CHECK(c(&fn, 1, 0x20, 8, false, NULL) == ZPCI_IO_OK);		/* right after the table */
	CHECK(c(&fn, 1, 0x800, 8, false, NULL) == ZPCI_IO_OK);		/* the PBA may be read */
	CHECK(c(&fn, 1, 0x10, 16, true, NULL) == ZPCI_IO_PROTECTED);
	CHECK(c(&fn, 1, 0x1c, 16, true, NULL) == ZPCI_IO_PROTECTED);	/* partly inside */
	CHECK(c(&fn, 4, 0, 8, false, NULL) == ZPCI_IO_OK);		/* another BAR */
	CHECK(zpci_io_ranges_overlap(~0ull - 4, 16, ~0ull - 1, 1));	/* saturating ends */
	CHECK(!zpci_io_ranges_overlap(0, 0, 0, 8));
}

static void test_memory_enable(void)
{
	struct zpci_io_fn fn = virtio_net_fn();

	fn.memory_enabled = false;
	CHECK(c(&fn, 4, 0, 8, false, NULL) == ZPCI_IO_MEM_DISABLED);
	CHECK(c(&fn, 1, 0, 8, false, NULL) == ZPCI_IO_MEM_DISABLED);	/* before the table */
	/* the static rules come first */
	CHECK(c(&fn, 4, 0x4000, 8, false, NULL) == ZPCI_IO_PAST_BAR);
	CHECK(c(&fn, 4, 0, 129, true, NULL) == ZPCI_IO_LEN_OVER_MAX);
}

static void test_load_len(void)
{
	CHECK_EQ_U64(zpci_io_load_len(0, 16), 8);
	CHECK_EQ_U64(zpci_io_load_len(0, 7), 4);
	CHECK_EQ_U64(zpci_io_load_len(4, 16), 4);
	CHECK_EQ_U64(zpci_io_load_len(6, 16), 2);
	CHECK_EQ_U64(zpci_io_load_len(7, 16), 1);
	CHECK_EQ_U64(zpci_io_load_len(8, 3), 2);
	CHECK_EQ_U64(zpci_io_load_len(8, 1), 1);
	{
		/* a read of 13 bytes at offset 3: 1 + 4 + 8, never crossing its alignment */
		__u64 pos = 3, left = 13, lens[8];
		int n = 0;

		while (left) {
			lens[n] = zpci_io_load_len(pos, left);
			CHECK(pos % lens[n] == 0);
			pos += lens[n];
			left -= lens[n++];
		}
		CHECK_EQ_U64(n, 3);
		CHECK_EQ_U64(lens[0], 1);
		CHECK_EQ_U64(lens[1], 4);
		CHECK_EQ_U64(lens[2], 8);
	}
}

static void test_errno_mapping(void)
{
	CHECK_EQ_U64(zpci_io_result_errno(ZPCI_IO_OK), 0);
	CHECK_EQ_U64(zpci_io_result_errno(ZPCI_IO_PROTECTED), 0);
	CHECK(zpci_io_result_errno(ZPCI_IO_NO_BAR) == -EINVAL);
	CHECK(zpci_io_result_errno(ZPCI_IO_PAST_BAR) == -EINVAL);
	CHECK(zpci_io_result_errno(ZPCI_IO_LEN_OVER_MAX) == -EINVAL);
	CHECK(zpci_io_result_errno(ZPCI_IO_CROSSES_4K) == -EINVAL);
	CHECK(zpci_io_result_errno(ZPCI_IO_MEM_DISABLED) == -EIO);
	for (int r = 0; r < ZPCI_IO_NUM_RESULTS; r++)
		CHECK(strcmp(zpci_io_result_name((enum zpci_io_result)r), "unknown") != 0);
	CHECK(strcmp(zpci_io_result_name(ZPCI_IO_NUM_RESULTS), "unknown") == 0);
}

static void test_uapi_layout(void)
{
	/* the feature's reply: 32 bytes, fixed offsets (ABI) */
	CHECK_EQ_U64(sizeof(struct vfio_device_feature_zpci_io), 32);
	CHECK_EQ_U64(offsetof(struct vfio_device_feature_zpci_io, maxstbl), 4);
	CHECK_EQ_U64(offsetof(struct vfio_device_feature_zpci_io, last_cc), 6);
	CHECK_EQ_U64(offsetof(struct vfio_device_feature_zpci_io, failures), 8);
	CHECK_EQ_U64(offsetof(struct vfio_device_feature_zpci_io, pcilg), 16);
	CHECK_EQ_U64(offsetof(struct vfio_device_feature_zpci_io, pcistb), 24);
	CHECK_EQ_U64(ZPCI_VFIO_PCI_OFFSET_SHIFT, 48);
}

int main(void)
{
	test_bars();
	test_count_cut_at_bar_end();
	test_write_len();
	test_write_4k();
	test_msix();
	test_memory_enable();
	test_load_len();
	test_errno_mapping();
	test_uapi_layout();
	return unit_done("test-zpci-io-validate");
}
