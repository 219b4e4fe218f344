/* SPDX-License-Identifier: MIT */
/*
 * The vfio device cdev (Linux 6.6) and iommufd (6.2) definitions the tool
 * and the in-guest helpers use, for build hosts whose kernel headers predate
 * them (Debian 12's are 6.1), as Linux 6.12's include/uapi/linux/vfio.h and
 * iommufd.h give them. Include after <linux/vfio.h>.
 */
#ifndef ZPCIDIAG_VFIO_UAPI_COMPAT_H
#define ZPCIDIAG_VFIO_UAPI_COMPAT_H

#include <linux/types.h>
#include <linux/vfio.h>

#ifndef VFIO_DEVICE_BIND_IOMMUFD
struct vfio_device_bind_iommufd {
	__u32 argsz;
	__u32 flags;
	__s32 iommufd;
	__u32 out_devid;
};
#define VFIO_DEVICE_BIND_IOMMUFD _IO(VFIO_TYPE, VFIO_BASE + 18)
struct vfio_device_attach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
	__u32 pt_id;
};
#define VFIO_DEVICE_ATTACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 19)
struct vfio_device_detach_iommufd_pt {
	__u32 argsz;
	__u32 flags;
};
#define VFIO_DEVICE_DETACH_IOMMUFD_PT _IO(VFIO_TYPE, VFIO_BASE + 20)
#endif

/* iommufd's IOMMU_IOAS_ALLOC, under our own names (linux/iommufd.h may be absent) */
struct zpci_iommu_ioas_alloc {
	__u32 size;
	__u32 flags;
	__u32 out_ioas_id;
};
#define ZPCI_IOMMU_IOAS_ALLOC _IO(';', 0x81)

#endif
