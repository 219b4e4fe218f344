// SPDX-License-Identifier: MIT
/*
 * The reject matrix: one access per rule of zPCI I/O through BAR regions
 * (zpci_io_validate.h), each breaking exactly that rule, plus the MSI-X
 * table, which zpci_vfio_pci guards as vfio-pci does (reads 0xff, writes
 * dropped).
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "zpci_io.h"

/*
 * Every case starts from a valid access and breaks exactly one rule, so the
 * errno it gets back names the rule that caught it. Reads are used wherever
 * the rule allows: should a driver wrongly accept one, a read changes
 * nothing on the device.
 */
static void valid_read(const struct zpci_reject_env *e, struct zpci_reject_io *io)
{
	memset(io, 0, sizeof(*io));
	io->region = e->bar;
	io->len = 8;
}

static void valid_write(const struct zpci_reject_env *e, struct zpci_reject_io *io)
{
	valid_read(e, io);
	io->len = ZPCI_IO_PORTABLE_STB_MIN;
}

#define BUILDER(name) \
	static const char *name(const struct zpci_reject_env *e, struct zpci_reject_io *io)

BUILDER(b_absent_bar)
{
	if (e->absent_bar < 0)
		return "the function implements all six BARs";
	valid_read(e, io);
	io->region = e->absent_bar;
	return NULL;
}

BUILDER(b_io_bar)
{
	if (e->io_bar < 0)
		return "the function has no I/O space BAR the kernel knows";
	valid_read(e, io);
	io->region = e->io_bar;
	io->len = 4;
	return NULL;
}

BUILDER(b_read_past_bar) { valid_read(e, io); io->pos = e->bar_size; return NULL; }
BUILDER(b_write_past_bar) { valid_write(e, io); io->pos = e->bar_size; return NULL; }

BUILDER(b_read_region_end)
{
	/* the last offset a 48-bit region can name: far past any BAR but ISM's */
	valid_read(e, io);
	io->pos = (1ULL << ZPCI_VFIO_PCI_OFFSET_SHIFT) - 8;
	if (io->pos < e->bar_size)
		return "the BAR fills the whole region";
	return NULL;
}

BUILDER(b_write_over_max)
{
	valid_write(e, io);
	io->len = (size_t)e->maxstbl + 1;
	if (io->len > e->bar_size)
		return "the BAR is not longer than maxstbl (the write would be cut at its end)";
	return NULL;
}

BUILDER(b_write_crosses_4k)
{
	if (e->big_bar < 0)
		return "no memory BAR of 8 KiB or more";
	if (e->maxstbl < ZPCI_IO_PORTABLE_STB_MIN)
		return "maxstbl below the shortest portable PCISTB";
	valid_write(e, io);
	io->region = e->big_bar;
	io->pos = ZPCI_IO_STB_BOUNDARY - 8;
	return NULL;
}

BUILDER(b_write_unmapped)
{
	if (!e->unmapped)
		return "no inaccessible page available";
	valid_write(e, io);
	io->use_unmapped = true;
	return NULL;
}

BUILDER(b_memory_disabled) { valid_read(e, io); return NULL; }

BUILDER(b_msix_read)
{
	if (e->msix_bar < 0)
		return "the function has no MSI-X table";
	valid_read(e, io);
	io->region = e->msix_bar;
	io->pos = e->msix_offset;
	return NULL;
}

BUILDER(b_msix_write)
{
	const char *why = b_msix_read(e, io);

	if (!why)
		io->len = ZPCI_IO_PORTABLE_STB_MIN;
	return why;
}

#define REFUSE(i, w, rl, en, acc, ours, b) \
	{ .id = i, .what = w, .rule = rl, .expect = ZRE_ERRNO, .expected_errno = en, \
	  .access = acc, .ours_only = ours, .build = b }
#define GUARD(i, w, ex, acc, b) \
	{ .id = i, .what = w, .rule = ZPCI_IO_PROTECTED, .expect = ex, .access = acc, \
	  .ours_only = true, .build = b }

const struct zpci_reject_case zpci_reject_cases[] = {
	REFUSE("absent-bar", "read of a BAR the function does not implement", ZPCI_IO_NO_BAR,
	       EINVAL, ZRA_READ, false, b_absent_bar),
	REFUSE("io-bar", "read of an I/O space BAR", ZPCI_IO_NO_BAR, EINVAL, ZRA_READ, true,
	       b_io_bar),
	REFUSE("read-past-bar", "read at the BAR size", ZPCI_IO_PAST_BAR, EINVAL, ZRA_READ,
	       false, b_read_past_bar),
	REFUSE("read-region-end", "read at the region's last 8 bytes", ZPCI_IO_PAST_BAR, EINVAL,
	       ZRA_READ, false, b_read_region_end),
	REFUSE("write-past-bar", "write at the BAR size", ZPCI_IO_PAST_BAR, EINVAL, ZRA_WRITE,
	       false, b_write_past_bar),
	REFUSE("write-over-maxstbl", "write of maxstbl + 1 bytes", ZPCI_IO_LEN_OVER_MAX, EINVAL,
	       ZRA_WRITE, false, b_write_over_max),
	REFUSE("write-crosses-4k", "write crossing a 4 KiB boundary", ZPCI_IO_CROSSES_4K, EINVAL,
	       ZRA_WRITE, false, b_write_crosses_4k),
	REFUSE("write-unmapped", "write from an inaccessible user buffer", ZPCI_IO_OK, EFAULT,
	       ZRA_WRITE, false, b_write_unmapped),
	REFUSE("memory-disabled", "read with memory decoding off", ZPCI_IO_MEM_DISABLED, EIO,
	       ZRA_READ_MEM_OFF, true, b_memory_disabled),
	GUARD("msix-table-read", "read of the MSI-X table", ZRE_FILLED, ZRA_READ, b_msix_read),
	GUARD("msix-table-write", "write to the MSI-X table", ZRE_DROPPED, ZRA_WRITE,
	      b_msix_write),
};

const size_t zpci_num_reject_cases = sizeof(zpci_reject_cases) / sizeof(zpci_reject_cases[0]);
