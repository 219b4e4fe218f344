/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel version differences, in one place, for Linux 6.1 through mainline.
 *
 * Two kinds of gates:
 * - API changes with a known release go by LINUX_VERSION_CODE below.
 * - Struct fields that distributions backport are detected by Kbuild, which
 *   greps the target kernel's headers and defines ZPCIDIAG_HAVE_* (see Kbuild):
 *   ZPCIDIAG_HAVE_NON_MAPPABLE_BARS  pdev->non_mappable_bars (mainline 6.15)
 *   ZPCIDIAG_HAVE_ZDEV_RID           zdev->rid, the firmware RID (mainline 6.13)
 */
#ifndef ZPCIDIAG_COMPAT_H
#define ZPCIDIAG_COMPAT_H

#include <linux/version.h>

#ifdef ZPCIDIAG_VFIO_VARIANT
#include <linux/vfio_pci_core.h>

/* iommufd device binding: 6.2; detach_ioas became required with 6.6. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 6, 0)
#define ZPCI_VFIO_IOMMUFD_OPS						\
	.bind_iommufd = vfio_iommufd_physical_bind,			\
	.unbind_iommufd = vfio_iommufd_physical_unbind,			\
	.attach_ioas = vfio_iommufd_physical_attach_ioas,		\
	.detach_ioas = vfio_iommufd_physical_detach_ioas,
#elif LINUX_VERSION_CODE >= KERNEL_VERSION(6, 2, 0)
#define ZPCI_VFIO_IOMMUFD_OPS						\
	.bind_iommufd = vfio_iommufd_physical_bind,			\
	.unbind_iommufd = vfio_iommufd_physical_unbind,			\
	.attach_ioas = vfio_iommufd_physical_attach_ioas,
#else
#define ZPCI_VFIO_IOMMUFD_OPS
#endif

/*
 * From 6.19 VFIO_DEVICE_GET_REGION_INFO is answered through this op; without
 * it the core no longer reports device-specific regions such as ours.
 */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 19, 0)
#define ZPCI_VFIO_REGION_INFO_OPS					\
	.get_region_info_caps = vfio_pci_ioctl_get_region_info,
#else
#define ZPCI_VFIO_REGION_INFO_OPS
#endif

/* The region offset encoding lived in vfio_pci_core.h on every version we build for. */
#ifndef VFIO_PCI_OFFSET_MASK
#error "linux/vfio_pci_core.h no longer defines VFIO_PCI_OFFSET_MASK"
#endif

#endif /* ZPCIDIAG_VFIO_VARIANT */

#endif /* ZPCIDIAG_COMPAT_H */
