/* SPDX-License-Identifier: MIT */
/*
 * Opening a function's vfio device (group, or the device cdev bound to
 * /dev/iommu where the kernel has no group interface) and reading its device
 * info, capability chain and regions; src/vfio_caps.c decodes the capability
 * chain it returns.
 */
#ifndef ZPCIDIAG_VFIO_DEV_H
#define ZPCIDIAG_VFIO_DEV_H

#include <stddef.h>
#include <stdint.h>
#include <linux/vfio.h>
#include "model.h"

struct zpci_vfio_region {
	uint32_t index;
	uint32_t flags;			/* VFIO_REGION_INFO_FLAG_* */
	uint64_t size, offset;
	uint32_t type, subtype;		/* from VFIO_REGION_INFO_CAP_TYPE; 0/0 if none */
	int has_type;
};

struct zpci_vfio_dev {
	int container_fd, group_fd, device_fd;
	int iommufd;			/* the cdev way: /dev/iommu, else -1 */
	const char *how;		/* "group" or "cdev+iommufd": how the device was opened */
	struct vfio_device_info *info;	/* full GET_INFO reply incl. capability chain */
	size_t info_len;
	struct zpci_vfio_region *regions;
	size_t nregions;
	struct vfio_irq_info *irqs;
	size_t nirqs;
};

/* Returns ZX_OK, ZX_UNAVAIL (not bound to a vfio driver / no /dev/vfio),
 * ZX_PERM or ZX_IO (zpci_errno_exit_facility), printing nothing: the reason
 * (without the device prefix) goes to why. Sources use it, since an unbound
 * function is normal for them. */
int zpci_vfio_open_quiet(struct zpci_ctx *ctx, const struct zpci_fn *fn,
			 struct zpci_vfio_dev *d, char *why, size_t whylen);
void zpci_vfio_close(struct zpci_vfio_dev *d);
/* VFIO_DEVICE_FEATURE_ZPCI_IO's GET (zpci_vfio_pci): 0, or -1 with errno. */
struct vfio_device_feature_zpci_io;
int zpci_vfio_get_zpci_io(int device_fd, struct vfio_device_feature_zpci_io *z);
const struct zpci_vfio_region *zpci_vfio_find_region(const struct zpci_vfio_dev *d,
						     uint32_t type, uint32_t subtype);

#endif
