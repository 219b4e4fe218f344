/* SPDX-License-Identifier: MIT */
/*
 * Opening a vfio device for the in-guest helpers: the legacy way (group +
 * type1 container), or with TB_VFIO_OPEN=iommufd in the environment through
 * the device cdev and iommufd.
 */
#ifndef VFIO_OPEN_H
#define VFIO_OPEN_H

/* The device fd of the PCI function ADDR; exits 2 with a message on failure. */
int vfio_open_device(const char *addr);

#endif
