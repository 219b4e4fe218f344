/* SPDX-License-Identifier: MIT */
/*
 * Opening a vfio device for the in-guest helpers: the legacy way (group +
 * type1 container), or through the device cdev and iommufd: with
 * TB_VFIO_OPEN=iommufd in the environment, or when the kernel has no group
 * path (CONFIG_VFIO_GROUP=n: no /dev/vfio/vfio).
 */
#ifndef VFIO_OPEN_H
#define VFIO_OPEN_H

/* The device fd of the PCI function ADDR; exits 2 with a message on failure. */
int vfio_open_device(const char *addr);

#endif
