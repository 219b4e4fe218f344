// SPDX-License-Identifier: MIT
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/vfio.h>
#include "vfio_open.h"

static void fail(const char *addr, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", addr, what, strerror(errno));
	exit(2);
}

int vfio_open_device(const char *addr)
{
	char path[PATH_MAX], link[PATH_MAX];
	struct vfio_group_status st = { .argsz = sizeof(st) };
	int container, group, fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/iommu_group", addr);
	n = readlink(path, link, sizeof(link) - 1);
	if (n < 0)
		fail(addr, "iommu_group");
	link[n] = '\0';
	snprintf(path, sizeof(path), "/dev/vfio/%s", basename(link));
	container = open("/dev/vfio/vfio", O_RDWR);
	group = open(path, O_RDWR);
	if (container < 0 || group < 0)
		fail(addr, "open /dev/vfio");
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &st) || !(st.flags & VFIO_GROUP_FLAGS_VIABLE))
		fail(addr, "group not viable");
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container))
		fail(addr, "VFIO_GROUP_SET_CONTAINER");
	if (ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1v2_IOMMU) &&
	    ioctl(container, VFIO_SET_IOMMU, VFIO_TYPE1_IOMMU))
		fail(addr, "VFIO_SET_IOMMU");
	fd = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, addr);
	if (fd < 0)
		fail(addr, "VFIO_GROUP_GET_DEVICE_FD");
	return fd;
}
