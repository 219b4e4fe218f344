/* SPDX-License-Identifier: MIT */
/* Opening a vfio device the legacy way (group + type1 container), for the in-guest helpers. */
#ifndef VFIO_OPEN_H
#define VFIO_OPEN_H

/* The device fd of the PCI function ADDR; exits 2 with a message on failure. */
int vfio_open_device(const char *addr);

#endif
