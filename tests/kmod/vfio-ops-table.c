// SPDX-License-Identifier: MIT
/*
 * Builds zpci_vfio_pci's ops table (kmod/zpci_vfio_ops.h through
 * kmod/compat.h) against the fake kernel headers features.sh writes, with
 * the ZPCIDIAG_HAVE_* flags kmod/features.mk detected in them, and prints
 * for every optional op: "core" (set to vfio-pci-core's helper), "unset"
 * (the kernel has the op, the table leaves it empty) or "absent" (the
 * kernel's struct has no such op).
 */
#include <stdio.h>

#define ZPCIDIAG_VFIO_VARIANT
#include "compat.h"

static void zpci_vfio_release_dev(struct vfio_device *vdev) { (void)vdev; }
static int zpci_vfio_open_device(struct vfio_device *vdev) { (void)vdev; return 0; }

#include "zpci_vfio_ops.h"

/* without the helper in the fake tree only "unset" or "other" can be told apart */
#define SHOW_BARE(member) \
	printf("%s=%s\n", #member, zpci_vfio_ops.member ? "other" : "unset")
#define SHOW(member, helper) \
	printf("%s=%s\n", #member, !zpci_vfio_ops.member ? "unset" : \
	       (void *)zpci_vfio_ops.member == (void *)helper ? "core" : "other")

int main(void)
{
	printf("name=%s\n", zpci_vfio_ops.name);
#ifdef FAKE_HAS_IOMMUFD
	SHOW(bind_iommufd, vfio_iommufd_physical_bind);
	SHOW(attach_ioas, vfio_iommufd_physical_attach_ioas);
#else
	printf("bind_iommufd=absent\nattach_ioas=absent\n");
#endif
#ifdef FAKE_HAS_DETACH_IOAS
	SHOW(detach_ioas, vfio_iommufd_physical_detach_ioas);
#else
	printf("detach_ioas=absent\n");
#endif
#if defined(FAKE_HAS_GET_REGION_INFO_CAPS) && defined(FAKE_HAS_GET_REGION_INFO_HELPER)
	SHOW(get_region_info_caps, vfio_pci_ioctl_get_region_info);
#elif defined(FAKE_HAS_GET_REGION_INFO_CAPS)
	SHOW_BARE(get_region_info_caps);
#else
	printf("get_region_info_caps=absent\n");
#endif
#if defined(FAKE_HAS_MATCH_TOKEN_UUID) && defined(FAKE_HAS_MATCH_TOKEN_HELPER)
	SHOW(match_token_uuid, vfio_pci_core_match_token_uuid);
#elif defined(FAKE_HAS_MATCH_TOKEN_UUID)
	SHOW_BARE(match_token_uuid);
#else
	printf("match_token_uuid=absent\n");
#endif
	return 0;
}
