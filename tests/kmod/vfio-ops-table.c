// SPDX-License-Identifier: MIT
/*
 * Builds zpci_vfio_pci's ops table (kmod/zpci_vfio_ops.h through
 * kmod/compat.h) against the fake kernel headers features.sh writes, with
 * the ZPCIDIAG_HAVE_* flags kmod/features.mk's compile probes detected in
 * them, and prints for every optional op: "core" (set to vfio-pci-core's
 * helper), "ours" (set to the driver's wrapper of that helper), "unset"
 * (the kernel has the op, the table leaves it empty) or "absent" (the
 * kernel's struct has no such op).
 */
#include <stdio.h>

#define ZPCIDIAG_VFIO_VARIANT
#include "compat.h"
#include "zpci_vfio_ops.h"

/* the driver's own ops, as stubs: only their addresses matter here */
static void zpci_vfio_release_dev(struct vfio_device *vdev) { (void)vdev; }
static int zpci_vfio_open_device(struct vfio_device *vdev) { (void)vdev; return 0; }
static long zpci_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd, unsigned long arg)
{ (void)vdev; (void)cmd; (void)arg; return 0; }
static int zpci_vfio_device_feature(struct vfio_device *vdev, unsigned int flags, void *arg,
				    size_t argsz)
{ (void)vdev; (void)flags; (void)arg; (void)argsz; return 0; }
static long zpci_vfio_read(struct vfio_device *vdev, char *buf, size_t count, long long *ppos)
{ (void)vdev; (void)buf; (void)count; (void)ppos; return 0; }
static long zpci_vfio_write(struct vfio_device *vdev, const char *buf, size_t count, long long *ppos)
{ (void)vdev; (void)buf; (void)count; (void)ppos; return 0; }
static int zpci_vfio_mmap(struct vfio_device *vdev, void *vma) { (void)vdev; (void)vma; return 0; }
#ifdef ZPCIDIAG_HAVE_GET_REGION_INFO_CAPS
static int zpci_vfio_get_region_info_caps(struct vfio_device *vdev, void *info, void *caps)
{ (void)vdev; (void)info; (void)caps; return 0; }
#endif

static const struct vfio_device_ops zpci_vfio_ops = {
	ZPCI_VFIO_OPS_INIT
};

/* without the helper in the fake tree only "unset" or "other" can be told apart */
#define SHOW_BARE(member) \
	printf("%s=%s\n", #member, zpci_vfio_ops.member ? "other" : "unset")
#define SHOW(member, helper, name) \
	printf("%s=%s\n", #member, !zpci_vfio_ops.member ? "unset" : \
	       (void *)zpci_vfio_ops.member == (void *)helper ? name : "other")

int main(void)
{
	printf("name=%s\n", zpci_vfio_ops.name);
#ifdef FAKE_HAS_IOMMUFD
	SHOW(bind_iommufd, vfio_iommufd_physical_bind, "core");
	SHOW(attach_ioas, vfio_iommufd_physical_attach_ioas, "core");
#else
	printf("bind_iommufd=absent\nattach_ioas=absent\n");
#endif
#ifdef FAKE_HAS_DETACH_IOAS
	SHOW(detach_ioas, vfio_iommufd_physical_detach_ioas, "core");
#else
	printf("detach_ioas=absent\n");
#endif
#if defined(FAKE_HAS_GET_REGION_INFO_CAPS) && defined(ZPCIDIAG_HAVE_GET_REGION_INFO_CAPS)
	SHOW(get_region_info_caps, zpci_vfio_get_region_info_caps, "ours");
#elif defined(FAKE_HAS_GET_REGION_INFO_CAPS)
	SHOW_BARE(get_region_info_caps);
#else
	printf("get_region_info_caps=absent\n");
#endif
#if defined(FAKE_HAS_MATCH_TOKEN_UUID) && defined(FAKE_HAS_MATCH_TOKEN_HELPER)
	SHOW(match_token_uuid, vfio_pci_core_match_token_uuid, "core");
#elif defined(FAKE_HAS_MATCH_TOKEN_UUID)
	SHOW_BARE(match_token_uuid);
#else
	printf("match_token_uuid=absent\n");
#endif
	return 0;
}
