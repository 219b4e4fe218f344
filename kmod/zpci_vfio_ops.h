/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vfio device ops of zpci_vfio_pci as an initializer, apart so that a
 * host test can build the same table against fake kernel headers with and
 * without each optional op and check that the ops a kernel has are set
 * (tests/kmod/vfio-ops-table.c). The header defines no data: the driver and
 * the test each define their table with it.
 */
#ifndef ZPCI_VFIO_OPS_H
#define ZPCI_VFIO_OPS_H

#define ZPCI_VFIO_OPS_INIT						\
	.name = "zpci-vfio-pci",					\
	.init = vfio_pci_core_init_dev,					\
	.release = zpci_vfio_release_dev,				\
	.open_device = zpci_vfio_open_device,				\
	.close_device = vfio_pci_core_close_device,			\
	.ioctl = zpci_vfio_ioctl,					\
	.device_feature = zpci_vfio_device_feature,			\
	.read = zpci_vfio_read,						\
	.write = zpci_vfio_write,					\
	.mmap = zpci_vfio_mmap,						\
	.request = vfio_pci_core_request,				\
	.match = vfio_pci_core_match,					\
	ZPCI_VFIO_MATCH_TOKEN_OPS					\
	ZPCI_VFIO_REGION_INFO_OPS					\
	ZPCI_VFIO_IOMMUFD_OPS						\
	ZPCI_VFIO_DETACH_IOAS_OPS

#endif /* ZPCI_VFIO_OPS_H */
