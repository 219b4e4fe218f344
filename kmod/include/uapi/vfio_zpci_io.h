/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * zPCI I/O through vfio BAR regions, as upstream's ism-vfio-pci does it
 * (drivers/vfio/pci/ism, Linux 7.1), for every zPCI function bound to
 * zpci_vfio_pci. Shared by kmod/ and the zpcidiag CLI: this is ABI.
 *
 * Region offsets: region index << 48 (ZPCI_VFIO_PCI_OFFSET_SHIFT), so that a
 * BAR of up to 256 TiB (ISM's BAR 0) fits. User space takes every offset
 * from VFIO_DEVICE_GET_REGION_INFO, never from this constant.
 *
 * On a BAR region:
 *   pwrite of 1..maxstbl bytes, not crossing a 4 KiB boundary of the BAR:
 *           one PCISTB with the function handle (non-MIO);
 *   pread:  PCILG of 8, 4, 2 or 1 bytes, the largest the offset's alignment
 *           and the remaining count allow, repeated until count is done.
 * pwritev/preadv issue one write/read per iovec, so a batch of stores costs
 * one system call and one PCISTB per iovec. The config region and any other
 * region behave as in vfio-pci.
 *
 * Errors, as ism-vfio-pci: EINVAL for a BAR the function does not implement,
 * an offset at or past the BAR's end, a write longer than maxstbl or crossing
 * 4 KiB (count is first cut at the BAR's end); EIO when the instruction
 * fails; EFAULT for a bad user buffer. On top of ism-vfio-pci, as vfio-pci:
 * EIO when memory space is disabled or the device cannot be resumed from
 * runtime suspend; the MSI-X table reads as 0xff and writes to it are
 * dropped (a store touching it is dropped whole) - it belongs to the kernel.
 *
 * The status of the instructions reaches user space through
 * VFIO_DEVICE_FEATURE (GET, and PROBE to detect it): a proposal in the
 * direction upstream's vfio/s390 maintainers gave for zPCI extensions. The
 * feature number is provisional, chosen far above upstream's (11 in 7.x).
 */
#ifndef _UAPI_VFIO_ZPCI_IO_H
#define _UAPI_VFIO_ZPCI_IO_H

#include <linux/types.h>

#define ZPCI_VFIO_PCI_OFFSET_SHIFT	48

/* VFIO_DEVICE_FEATURE_GET: struct vfio_device_feature_zpci_io */
#define VFIO_DEVICE_FEATURE_ZPCI_IO	0x1014

/**
 * struct vfio_device_feature_zpci_io - zPCI I/O status of an open device
 * @flags: 0; reserved for extensions
 * @maxstbl: largest PCISTB (pwrite) length the BAR regions accept
 * @last_cc: condition code of the latest failed instruction (1..3), or
 *	VFIO_ZPCI_IO_CC_EXCEPTION; 0 while none failed
 * @last_status: its status byte, as the instruction returned it
 * @failures: failed instructions since the device was opened (wraps)
 * @dropped: accesses to the MSI-X table not issued since the device was opened
 * @pcilg: PCILG instructions issued since the device was opened
 * @pcistb: PCISTB instructions issued since the device was opened
 *
 * Requests on one device are serialized: a caller that sees @failures grow
 * by exactly one since its previous read, around its own failed request,
 * knows the status is its own; when @failures did not grow, the request
 * failed before any instruction (memory space off, runtime resume failed).
 * A failed instruction fails the access with EIO (a condition code) or
 * ENXIO (a program exception), as in ism-vfio-pci.
 */
struct vfio_device_feature_zpci_io {
	__u32 flags;
	__u16 maxstbl;
	__u8 last_cc;
	__u8 last_status;
	__u32 failures;
	__u32 dropped;
	__aligned_u64 pcilg;
	__aligned_u64 pcistb;
};

/* The instruction raised a program exception instead of setting a condition code. */
#define VFIO_ZPCI_IO_CC_EXCEPTION	0xffu

#endif /* _UAPI_VFIO_ZPCI_IO_H */
