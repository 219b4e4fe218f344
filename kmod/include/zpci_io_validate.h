/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Validation of zPCI I/O region requests (uapi/vfio_zpci_io.h), in plain C
 * shared by the zpci_vfio_pci module, the zpcidiag CLI and host unit tests,
 * so that one set of rules is both enforced and tested.
 *
 * The rules are stricter than the 2021 RFC, which neither bounded
 * offset + len by the BAR nor restricted pcias. Each rejection has its own
 * result and a fixed errno (zpci_io_result_errno), documented in
 * zpcidiag-modules(4); the CLI's --reject-matrix relies on the mapping.
 *
 * No kernel-only headers: the caller describes the function in struct
 * zpci_io_fn (filled from struct pci_dev / vfio_pci_core_device in the
 * kernel, by hand in tests).
 */
#ifndef ZPCI_IO_VALIDATE_H
#define ZPCI_IO_VALIDATE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/errno.h>
#else
#include <stdbool.h>
#include <stdint.h>
#include <errno.h>
#include <linux/types.h>
#endif
#include "uapi/vfio_zpci_io.h"

#define ZPCI_IO_NUM_BARS	6
/*
 * PCISTB may not cross a 4 KiB boundary in PCI space (architecture). Offsets
 * are checked within the BAR: a BAR of 4 KiB or more starts on a 4 KiB
 * boundary of PCI space, and a smaller one, aligned to its own size, lies
 * inside one 4 KiB block, so the check is the same.
 */
#define ZPCI_IO_STB_BOUNDARY	4096u
#define ZPCI_IO_KNOWN_FLAGS	(VFIO_ZPCI_IO_FLAG_READ | VFIO_ZPCI_IO_FLAG_BLOCKW)

/* A byte range of one BAR that requests may not touch. */
struct zpci_io_protected {
	int bar;			/* -1: none */
	uint64_t start, len;
};

/* What the validation needs to know about the function. */
struct zpci_io_fn {
	uint64_t bar_size[ZPCI_IO_NUM_BARS];	/* bytes; 0 = BAR not implemented */
	bool bar_is_io[ZPCI_IO_NUM_BARS];	/* I/O space BAR: never served */
	uint16_t maxstbl;			/* largest PCISTB length (function group) */
	/*
	 * vfio's rule: memory space decodes (PCI_COMMAND_MEMORY in vfio's
	 * virtual config, or pdev->no_command_memory for VFs whose bit is
	 * hardwired to 0) and the device is not in D3hot or below.
	 */
	bool memory_enabled;
	/*
	 * The MSI-X table, which belongs to the kernel's interrupt setup, as
	 * in vfio-pci. The PBA is not protected: reading it is harmless and
	 * vfio-pci allows it too.
	 */
	struct zpci_io_protected msix_table;
};

/*
 * The rules follow the architecture, not an implementation: PCILG of 1, 2,
 * 4 or 8 bytes at a naturally aligned offset; PCISTB of 1..maxstbl bytes at
 * any offset, not crossing 4 KiB. QEMU's PCISTB intercept is stricter (more
 * than 8 bytes, a multiple of 8, 8-aligned offset): such requests pass here
 * and fail as instructions (EIO with the status in the header), as they
 * would on any implementation that refuses them. The user buffer is copied
 * through a kernel buffer, so its alignment does not matter.
 */
enum zpci_io_result {
	ZPCI_IO_OK = 0,
	ZPCI_IO_BAD_WRITE,		/* EINVAL: write not exactly one request at the request offset */
	ZPCI_IO_BAD_READ,		/* EINVAL: read outside the header */
	ZPCI_IO_BAD_FLAGS,		/* EINVAL: unknown flag, or not exactly one of READ/BLOCKW */
	ZPCI_IO_RESERVED_SET,		/* EINVAL: reserved or reserved2 not 0 */
	ZPCI_IO_BAD_PCIAS,		/* ENXIO: pcias is not a BAR index 0..5 */
	ZPCI_IO_NO_BAR,			/* ENXIO: the BAR is not implemented (size 0) */
	ZPCI_IO_IO_BAR,			/* ENXIO: the BAR is I/O space */
	ZPCI_IO_BAD_LEN,		/* EINVAL: PCILG len not 1/2/4/8; PCISTB len 0 */
	ZPCI_IO_LEN_OVER_MAX,		/* EINVAL: PCISTB len > maxstbl */
	ZPCI_IO_UNALIGNED,		/* EINVAL: PCILG offset not a multiple of len */
	ZPCI_IO_CROSSES_4K,		/* EINVAL: PCISTB crosses a 4 KiB boundary of the BAR */
	ZPCI_IO_OUT_OF_BAR,		/* ERANGE: [offset, offset + len) not inside the BAR */
	ZPCI_IO_PROTECTED,		/* EPERM: touches the MSI-X table */
	ZPCI_IO_MEM_DISABLED,		/* EACCES: memory space not enabled (vfio's rule) */
	ZPCI_IO_NUM_RESULTS
};

/*
 * Not validation results, but part of the same documented mapping:
 * EFAULT  the user buffer could not be copied (copy_from_user/copy_to_user);
 * EIO     the PCILG/PCISTB instruction failed: condition code != 0 or a program
 *         exception (the header then holds the code and status byte);
 * ENODEV  the region was used while the device is being released.
 */

static inline int zpci_io_result_errno(enum zpci_io_result r)
{
	switch (r) {
	case ZPCI_IO_OK:
		return 0;
	case ZPCI_IO_BAD_PCIAS:
	case ZPCI_IO_NO_BAR:
	case ZPCI_IO_IO_BAR:
		return ENXIO;
	case ZPCI_IO_OUT_OF_BAR:
		return ERANGE;
	case ZPCI_IO_PROTECTED:
		return EPERM;
	case ZPCI_IO_MEM_DISABLED:
		return EACCES;
	default:
		return EINVAL;
	}
}

static inline const char *zpci_io_result_name(enum zpci_io_result r)
{
	switch (r) {
	case ZPCI_IO_OK:			return "ok";
	case ZPCI_IO_BAD_WRITE:			return "bad-write";
	case ZPCI_IO_BAD_READ:			return "bad-read";
	case ZPCI_IO_BAD_FLAGS:			return "bad-flags";
	case ZPCI_IO_RESERVED_SET:		return "reserved-set";
	case ZPCI_IO_BAD_PCIAS:			return "bad-pcias";
	case ZPCI_IO_NO_BAR:			return "no-bar";
	case ZPCI_IO_IO_BAR:			return "io-bar";
	case ZPCI_IO_BAD_LEN:			return "bad-len";
	case ZPCI_IO_LEN_OVER_MAX:		return "len-over-maxstbl";
	case ZPCI_IO_UNALIGNED:			return "unaligned-offset";
	case ZPCI_IO_CROSSES_4K:		return "crosses-4k";
	case ZPCI_IO_OUT_OF_BAR:		return "out-of-bar";
	case ZPCI_IO_PROTECTED:			return "msix-protected";
	case ZPCI_IO_MEM_DISABLED:		return "memory-disabled";
	default:				return "unknown";
	}
}

/* A write to the region must be exactly one whole request at its offset. */
static inline enum zpci_io_result zpci_io_check_write(uint64_t pos, uint64_t count)
{
	if (pos != VFIO_ZPCI_IO_REQ_OFFSET || count != sizeof(struct vfio_zpci_io_req))
		return ZPCI_IO_BAD_WRITE;
	return ZPCI_IO_OK;
}

/* Reads may cover any part of the header, nothing else. */
static inline enum zpci_io_result zpci_io_check_read(uint64_t pos, uint64_t count)
{
	if (count == 0 || pos >= sizeof(struct vfio_zpci_io_hdr) ||
	    count > sizeof(struct vfio_zpci_io_hdr) - pos)
		return ZPCI_IO_BAD_READ;
	return ZPCI_IO_OK;
}

static inline bool zpci_io_ranges_overlap(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	/* Saturating ends: a range reaching past 2^64 extends to the top. */
	uint64_t aend = a + alen < a ? ~(uint64_t)0 : a + alen;
	uint64_t bend = b + blen < b ? ~(uint64_t)0 : b + blen;

	return alen && blen && a < bend && b < aend;
}

/*
 * Check one request against the function. Static rules come first; the
 * memory-enable state last, since the kernel computes it under vfio's
 * memory_lock right before issuing the instruction.
 */
static inline enum zpci_io_result zpci_io_validate(const struct zpci_io_fn *fn,
						   const struct vfio_zpci_io_req *req)
{
	uint64_t flags = req->flags, off = req->offset, len = req->len, size;
	bool is_read;

	if ((flags & ~(uint64_t)ZPCI_IO_KNOWN_FLAGS) ||
	    (flags != VFIO_ZPCI_IO_FLAG_READ && flags != VFIO_ZPCI_IO_FLAG_BLOCKW))
		return ZPCI_IO_BAD_FLAGS;
	is_read = flags == VFIO_ZPCI_IO_FLAG_READ;
	if (req->reserved || req->reserved2)
		return ZPCI_IO_RESERVED_SET;
	if (req->pcias >= ZPCI_IO_NUM_BARS)
		return ZPCI_IO_BAD_PCIAS;
	size = fn->bar_size[req->pcias];
	if (!size)
		return ZPCI_IO_NO_BAR;
	if (fn->bar_is_io[req->pcias])
		return ZPCI_IO_IO_BAR;

	if (is_read) {
		if (len != 1 && len != 2 && len != 4 && len != 8)
			return ZPCI_IO_BAD_LEN;
		if (off & (len - 1))
			return ZPCI_IO_UNALIGNED;
	} else {
		if (len == 0)
			return ZPCI_IO_BAD_LEN;
		if (len > fn->maxstbl)
			return ZPCI_IO_LEN_OVER_MAX;
		if ((off % ZPCI_IO_STB_BOUNDARY) + len > ZPCI_IO_STB_BOUNDARY)
			return ZPCI_IO_CROSSES_4K;
	}
	if (off >= size || len > size - off)
		return ZPCI_IO_OUT_OF_BAR;
	if (fn->msix_table.bar == req->pcias &&
	    zpci_io_ranges_overlap(off, len, fn->msix_table.start, fn->msix_table.len))
		return ZPCI_IO_PROTECTED;
	if (!fn->memory_enabled)
		return ZPCI_IO_MEM_DISABLED;
	return ZPCI_IO_OK;
}

#endif /* ZPCI_IO_VALIDATE_H */
