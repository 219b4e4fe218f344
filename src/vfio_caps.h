/* SPDX-License-Identifier: MIT */
/*
 * Decoding the zPCI part of a VFIO_DEVICE_GET_INFO reply: the capability
 * chain (ZPCI_BASE, ZPCI_GROUP, ZPCI_UTIL, ZPCI_PFIP, include/uapi/linux/
 * vfio_zdev.h) by version. Pure: it works on a buffer, so it is tested on
 * the host with synthetic chains. The buffer is in the machine's own byte
 * order, as the kernel returns it.
 */
#ifndef ZPCIDIAG_VFIO_CAPS_H
#define ZPCIDIAG_VFIO_CAPS_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* Decode info (len bytes, starting with struct vfio_device_info) into out.
 * Returns 0, or -1 with out->chain_error saying what was wrong; the caps
 * before the fault stay decoded. */
int zpci_vfio_caps_decode(const void *info, size_t len, struct zpci_vfio_info *out);
/* Turn a GET_INFO reply saved on a machine of the other byte order around,
 * in place, so zpci_vfio_caps_decode() reads it. 0, or -1 if too short. */
int zpci_vfio_info_swap(void *info, size_t len);

const char *zpci_vfio_cap_name(uint16_t id);

#endif
