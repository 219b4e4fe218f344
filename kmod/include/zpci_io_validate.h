/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The rules of zPCI I/O through BAR regions (uapi/vfio_zpci_io.h), in plain
 * C shared by the zpci_vfio_pci module, the zpcidiag CLI and host unit
 * tests, so that one set of rules is both enforced and tested.
 *
 * No kernel-only headers: the caller describes the function in struct
 * zpci_io_fn (filled from struct pci_dev / vfio_pci_core_device in the
 * kernel, from vfio's region info and config space in user space).
 */
#ifndef ZPCI_IO_VALIDATE_H
#define ZPCI_IO_VALIDATE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#else
#include <stdbool.h>
#include <errno.h>
#include <linux/types.h>
#endif

#define ZPCI_IO_NUM_BARS	6
/*
 * PCISTB may not cross a 4 KiB boundary in PCI space (architecture). Offsets
 * are checked within the BAR: a BAR of 4 KiB or more starts on a 4 KiB
 * boundary of PCI space, and a smaller one, aligned to its own size, lies
 * inside one 4 KiB block, so the check is the same.
 */
#define ZPCI_IO_STB_BOUNDARY	4096u

/**
 * struct zpci_io_protected - a byte range of one BAR no access may reach
 * @bar: the BAR index, -1 for none
 * @start: first byte within the BAR
 * @len: length in bytes
 */
struct zpci_io_protected {
	int bar;
	__u64 start;
	__u64 len;
};

/**
 * struct zpci_io_fn - what the rules need to know about the function
 * @bar_size: size of each BAR in bytes, 0 when not implemented
 * @bar_is_io: the BAR is I/O space (never served)
 * @maxstbl: largest PCISTB length (function group)
 * @memory_enabled: vfio's rule: memory space decodes (the memory bit of
 *	vfio's virtual command register, or no_command_memory for VFs) and
 *	the device is above D3hot
 * @msix_table: the MSI-X table, which belongs to the kernel's interrupt
 *	setup; the PBA is not protected (vfio-pci lets it be read too)
 */
struct zpci_io_fn {
	__u64 bar_size[ZPCI_IO_NUM_BARS];
	bool bar_is_io[ZPCI_IO_NUM_BARS];
	__u16 maxstbl;
	bool memory_enabled;
	struct zpci_io_protected msix_table;
};

/**
 * enum zpci_io_result - the answer to one access, in the order checked
 * @ZPCI_IO_OK: issue the instruction(s)
 * @ZPCI_IO_NO_BAR: -EINVAL: the BAR is not implemented or is I/O space
 * @ZPCI_IO_PAST_BAR: -EINVAL: the offset is at or past the BAR's end
 * @ZPCI_IO_LEN_OVER_MAX: -EINVAL: a write longer than maxstbl
 * @ZPCI_IO_CROSSES_4K: -EINVAL: a write crossing a 4 KiB boundary
 * @ZPCI_IO_MEM_DISABLED: -EIO: memory space is not enabled (vfio's errno)
 * @ZPCI_IO_PROTECTED: no error: the access touches the MSI-X table; a read
 *	returns 0xff bytes, a write is dropped, as vfio-pci does
 * @ZPCI_IO_NUM_RESULTS: number of results
 *
 * The errno values are the ones ism-vfio-pci returns for the same access,
 * and vfio-pci's EIO for memory space off.
 */
enum zpci_io_result {
	ZPCI_IO_OK = 0,
	ZPCI_IO_NO_BAR,
	ZPCI_IO_PAST_BAR,
	ZPCI_IO_LEN_OVER_MAX,
	ZPCI_IO_CROSSES_4K,
	ZPCI_IO_MEM_DISABLED,
	ZPCI_IO_PROTECTED,
	ZPCI_IO_NUM_RESULTS
};

/**
 * zpci_io_result_errno() - the errno of a result
 * @r: the result
 *
 * Return: 0 for ZPCI_IO_OK and ZPCI_IO_PROTECTED, else a negative errno.
 */
static inline int zpci_io_result_errno(enum zpci_io_result r)
{
	switch (r) {
	case ZPCI_IO_OK:
	case ZPCI_IO_PROTECTED:
		return 0;
	case ZPCI_IO_MEM_DISABLED:
		return -EIO;
	default:
		return -EINVAL;
	}
}

/**
 * zpci_io_result_name() - a stable name of a result, for output and tests
 * @r: the result
 *
 * Return: the name.
 */
static inline const char *zpci_io_result_name(enum zpci_io_result r)
{
	switch (r) {
	case ZPCI_IO_OK:
		return "ok";
	case ZPCI_IO_NO_BAR:
		return "no-bar";
	case ZPCI_IO_PAST_BAR:
		return "past-bar";
	case ZPCI_IO_LEN_OVER_MAX:
		return "len-over-maxstbl";
	case ZPCI_IO_CROSSES_4K:
		return "crosses-4k";
	case ZPCI_IO_MEM_DISABLED:
		return "memory-disabled";
	case ZPCI_IO_PROTECTED:
		return "msix-table";
	default:
		return "unknown";
	}
}

static inline bool zpci_io_ranges_overlap(__u64 a, __u64 alen, __u64 b, __u64 blen)
{
	/* Saturating ends: a range reaching past 2^64 extends to the top. */
	__u64 aend = a + alen < a ? ~(__u64)0 : a + alen;
	__u64 bend = b + blen < b ? ~(__u64)0 : b + blen;

	return alen && blen && a < bend && b < aend;
}

/**
 * zpci_io_check() - check one access to a BAR region
 * @fn: the function
 * @bar: the BAR index 0..5
 * @pos: the offset within the BAR
 * @count: the byte count; cut at the BAR's end on return (as ism-vfio-pci)
 * @write: a write (one PCISTB) rather than a read (PCILG by alignment)
 *
 * Static rules come first; the memory-enable state last, since the kernel
 * computes it under vfio's memory_lock right before the instruction. A
 * count of 0 is answered with 0 before this is called.
 *
 * Return: the result.
 */
static inline enum zpci_io_result zpci_io_check(const struct zpci_io_fn *fn, int bar,
						__u64 pos, __u64 *count, bool write)
{
	__u64 size;

	if (bar < 0 || bar >= ZPCI_IO_NUM_BARS)
		return ZPCI_IO_NO_BAR;
	size = fn->bar_size[bar];
	if (!size || fn->bar_is_io[bar])
		return ZPCI_IO_NO_BAR;
	if (pos >= size)
		return ZPCI_IO_PAST_BAR;
	if (*count > size - pos)
		*count = size - pos;
	if (write) {
		if (*count > fn->maxstbl)
			return ZPCI_IO_LEN_OVER_MAX;
		if ((pos % ZPCI_IO_STB_BOUNDARY) + *count > ZPCI_IO_STB_BOUNDARY)
			return ZPCI_IO_CROSSES_4K;
	}
	if (!fn->memory_enabled)
		return ZPCI_IO_MEM_DISABLED;
	if (fn->msix_table.bar == bar &&
	    zpci_io_ranges_overlap(pos, *count, fn->msix_table.start, fn->msix_table.len))
		return ZPCI_IO_PROTECTED;
	return ZPCI_IO_OK;
}

/**
 * zpci_io_load_len() - length of the next PCILG of a read
 * @pos: the offset within the BAR
 * @count: the bytes still to read, not 0
 *
 * Return: 8, 4, 2 or 1: the largest the alignment of @pos and @count allow.
 */
static inline unsigned int zpci_io_load_len(__u64 pos, __u64 count)
{
	if (count >= 8 && !(pos & 7))
		return 8;
	if (count >= 4 && !(pos & 3))
		return 4;
	if (count >= 2 && !(pos & 1))
		return 2;
	return 1;
}

#endif /* ZPCI_IO_VALIDATE_H */
