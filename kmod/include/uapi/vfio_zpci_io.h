/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The zPCI I/O vfio region (layout of the 2021 RFC "vfio-pci/zdev: Introduce
 * the zPCI I/O vfio region", never merged upstream). Shared by kmod/ and the
 * zpcidiag CLI: this is ABI, change it only compatibly.
 *
 * The region starts with a readable header followed by one request block.
 * User space writes a request (the whole struct, at the request offset); the
 * write performs the PCI load (PCILG) or block store (PCISTB) with the
 * function handle (non-MIO) and returns the request size on success.
 */
#ifndef _UAPI_VFIO_ZPCI_IO_H
#define _UAPI_VFIO_ZPCI_IO_H

#include <linux/types.h>

/* VFIO_REGION_INFO_CAP_TYPE type and subtype of the region. */
#define VFIO_ZPCI_IO_REGION_TYPE	0x80001014u	/* VFIO_REGION_TYPE_PCI_VENDOR_TYPE | PCI_VENDOR_ID_IBM */
#define VFIO_ZPCI_IO_REGION_SUBTYPE	2u

struct vfio_zpci_io_hdr {
	__u64 flags;		/* none defined; reads as 0 */
	__u16 max;		/* largest PCISTB length accepted (maxstbl) */
	__u16 reserved;
	__u32 reserved2;
};

struct vfio_zpci_io_req {
	__u64 flags;
#define VFIO_ZPCI_IO_FLAG_READ		(1ULL << 0)	/* PCILG: load len (1/2/4/8) bytes into *gaddr */
#define VFIO_ZPCI_IO_FLAG_BLOCKW	(1ULL << 1)	/* PCISTB: store len bytes from *gaddr */
	__u64 gaddr;		/* user buffer: 8-byte aligned, within one page */
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
