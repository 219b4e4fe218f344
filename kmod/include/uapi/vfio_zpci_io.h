/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The zPCI I/O vfio region (layout of the 2021 RFC "vfio-pci/zdev: Introduce
 * the zPCI I/O vfio region", never merged upstream). Shared by kmod/ and the
 * zpcidiag CLI: this is ABI, change it only compatibly.
 *
 * The region starts with a readable header followed by one request block.
 * User space writes a request (the whole struct, at the request offset); the
 * write performs the PCI load (PCILG) or block store (PCISTB) with the
 * function handle (non-MIO) and returns the request size on success. A
 * request is all or nothing: the write never reports a partial count.
 *
 * A request that passed every check but whose instruction failed returns
 * EIO. Its condition code and status byte are then in the header
 * (VFIO_ZPCI_IO_HDR_FLAG_STATUS): read the header after the EIO. Requests on
 * one device are serialized and `failures` counts every failed instruction,
 * so a caller that sees it grow by exactly one since its previous header
 * read knows the status is its own (several threads or processes sharing
 * one device must serialize themselves to be sure).
 *
 * Compatibility: the header keeps its 16 bytes and offsets. last_cc and
 * last_status take the place of the old `reserved` u16 and failures that
 * of `reserved2`, which older modules always returned as 0 and which were
 * never writable; such modules leave VFIO_ZPCI_IO_HDR_FLAG_STATUS clear, so
 * a tool knows when no status is available. Older modules refused PCISTB
 * shorter than 16 bytes, not a multiple of 8, or at an offset not 8-aligned,
 * and a user buffer not 8-aligned or crossing a page, with EINVAL; this
 * version accepts every shape the architecture accepts (see
 * zpcidiag-modules(4)), so a tool that must know may test the status flag.
 */
#ifndef _UAPI_VFIO_ZPCI_IO_H
#define _UAPI_VFIO_ZPCI_IO_H

#include <linux/types.h>

/* VFIO_REGION_INFO_CAP_TYPE type and subtype of the region. */
#define VFIO_ZPCI_IO_REGION_TYPE	0x80001014u	/* VFIO_REGION_TYPE_PCI_VENDOR_TYPE | PCI_VENDOR_ID_IBM */
#define VFIO_ZPCI_IO_REGION_SUBTYPE	2u

struct vfio_zpci_io_hdr {
	__u64 flags;
#define VFIO_ZPCI_IO_HDR_FLAG_STATUS	(1ULL << 0)	/* last_cc, last_status, failures are kept */
	__u16 max;		/* largest PCISTB length accepted (maxstbl) */
	__u8 last_cc;		/* condition code of the latest failed instruction (1..3), or
				 * VFIO_ZPCI_IO_CC_EXCEPTION; 0 while none failed */
	__u8 last_status;	/* its status byte, as the instruction returned it */
	__u32 failures;		/* failed instructions since the device was opened (wraps) */
};
/* The instruction raised a program exception instead of setting a condition code. */
#define VFIO_ZPCI_IO_CC_EXCEPTION	0xffu

struct vfio_zpci_io_req {
	__u64 flags;
#define VFIO_ZPCI_IO_FLAG_READ		(1ULL << 0)	/* PCILG: load len (1/2/4/8) bytes into *gaddr */
#define VFIO_ZPCI_IO_FLAG_BLOCKW	(1ULL << 1)	/* PCISTB: store len (1..max) bytes from *gaddr */
	__u64 gaddr;		/* user buffer of len bytes, any alignment (copied, never mapped) */
	__u64 offset;		/* offset within the BAR named by pcias */
	__u32 reserved;		/* must be 0 */
	__u16 len;
	__u8 pcias;		/* PCI address space: the BAR index 0..5 */
	__u8 reserved2;		/* must be 0 */
};

#define VFIO_ZPCI_IO_HDR_OFFSET	0
#define VFIO_ZPCI_IO_REQ_OFFSET	sizeof(struct vfio_zpci_io_hdr)
#define VFIO_ZPCI_IO_REGION_SIZE (sizeof(struct vfio_zpci_io_hdr) + sizeof(struct vfio_zpci_io_req))

#endif /* _UAPI_VFIO_ZPCI_IO_H */
