/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel differences, in one place, for Linux 6.1 through mainline.
 *
 * Nothing here goes by LINUX_VERSION_CODE: RHEL and SLES backport vfio and
 * genetlink changes into older version numbers, so every difference is
 * detected by compiling a probe against the target kernel's headers in
 * Kbuild (features.mk; an op without its helper stops the build), which
 * defines ZPCIDIAG_HAVE_*:
 *   NON_MAPPABLE_BARS       pdev->non_mappable_bars (mainline 6.15)
 *   ZDEV_RID                zdev->rid, the firmware RID (mainline 6.13)
 *   IOMMUFD_PHYSICAL        vfio_iommufd_physical_{bind,unbind,attach_ioas} (6.2)
 *   DETACH_IOAS             vfio_iommufd_physical_detach_ioas (6.6, then required)
 *   GET_REGION_INFO_CAPS    .get_region_info_caps + vfio_pci_ioctl_get_region_info
 *                           (6.19: without it GET_REGION_INFO never reaches our region)
 *   MATCH_TOKEN_UUID        .match_token_uuid + vfio_pci_core_match_token_uuid
 *                           (6.17 and stable: without it iommufd/cdev skips the VF token)
 *   GENL_INFO_DUMP          genl_info_dump(), struct genl_info inside the dump info (6.6)
 */
#ifndef ZPCIDIAG_COMPAT_H
#define ZPCIDIAG_COMPAT_H

#ifdef ZPCIDIAG_VFIO_VARIANT
#include <linux/vfio_pci_core.h>

#ifdef ZPCIDIAG_HAVE_IOMMUFD_PHYSICAL
#define ZPCI_VFIO_IOMMUFD_OPS						\
	.bind_iommufd = vfio_iommufd_physical_bind,			\
	.unbind_iommufd = vfio_iommufd_physical_unbind,			\
	.attach_ioas = vfio_iommufd_physical_attach_ioas,
#else
#define ZPCI_VFIO_IOMMUFD_OPS
#endif

#ifdef ZPCIDIAG_HAVE_DETACH_IOAS
#define ZPCI_VFIO_DETACH_IOAS_OPS					\
	.detach_ioas = vfio_iommufd_physical_detach_ioas,
#else
#define ZPCI_VFIO_DETACH_IOAS_OPS
#endif

#ifdef ZPCIDIAG_HAVE_GET_REGION_INFO_CAPS
#define ZPCI_VFIO_REGION_INFO_OPS					\
	.get_region_info_caps = zpci_vfio_get_region_info_caps,
#else
#define ZPCI_VFIO_REGION_INFO_OPS
#endif

/*
 * A VF bound to this driver must demand its PF owner's VF token on every
 * bind path; the iommufd/cdev path asks this op and skips the check without it.
 */
#ifdef ZPCIDIAG_HAVE_MATCH_TOKEN_UUID
#define ZPCI_VFIO_MATCH_TOKEN_OPS					\
	.match_token_uuid = vfio_pci_core_match_token_uuid,
#else
#define ZPCI_VFIO_MATCH_TOKEN_OPS
#endif

/* The region offset encoding lived in vfio_pci_core.h on every version we build for. */
#ifndef VFIO_PCI_OFFSET_MASK
#error "linux/vfio_pci_core.h no longer defines VFIO_PCI_OFFSET_MASK"
#endif

#endif /* ZPCIDIAG_VFIO_VARIANT */

#ifdef ZPCIDIAG_DIAG
#include <net/genetlink.h>

/* The request attributes of a dump, parsed by genetlink against the family policy. */
static inline struct nlattr **zdiag_dump_attrs(struct netlink_callback *cb)
{
#ifdef ZPCIDIAG_HAVE_GENL_INFO_DUMP
	return genl_info_dump(cb)->attrs;
#else
	return genl_dumpit_info(cb)->attrs;
#endif
}
#endif /* ZPCIDIAG_DIAG */

#endif /* ZPCIDIAG_COMPAT_H */
