// SPDX-License-Identifier: MIT
#include <dirent.h>
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

#include "vfio_uapi_compat.h"

static void fail(const char *addr, const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", addr, what, strerror(errno));
	exit(2);
}

/*
 * The cdev way: /dev/vfio/devices/vfioN bound to an iommufd and attached to
 * a fresh IOAS. This runs the variant driver's iommufd ops (bind, attach,
 * detach, unbind on close); the group way never calls them. The attachment
 * is dropped and taken again once, so that detach_ioas runs too.
 */
static int open_cdev(const char *addr)
{
	char path[PATH_MAX];
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at) };
	struct vfio_device_detach_iommufd_pt dt = { .argsz = sizeof(dt) };
	struct zpci_iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	struct dirent *e;
	DIR *d;
	int fd = -1, iommufd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vfio-dev", addr);
	d = opendir(path);
	if (!d)
		fail(addr, "vfio-dev (no vfio device cdev)");
	while ((e = readdir(d)) && fd < 0) {
		if (strncmp(e->d_name, "vfio", 4))
			continue;
		snprintf(path, sizeof(path), "/dev/vfio/devices/%s", e->d_name);
		fd = open(path, O_RDWR);
		if (fd < 0)
			fail(addr, path);
	}
	closedir(d);
	if (fd < 0) {
		errno = ENOENT;
		fail(addr, "no vfioN under vfio-dev");
	}
	iommufd = open("/dev/iommu", O_RDWR);
	if (iommufd < 0)
		fail(addr, "open /dev/iommu");
	bind.iommufd = iommufd;
	if (ioctl(fd, VFIO_DEVICE_BIND_IOMMUFD, &bind))
		fail(addr, "VFIO_DEVICE_BIND_IOMMUFD");
	if (ioctl(iommufd, ZPCI_IOMMU_IOAS_ALLOC, &ioas))
		fail(addr, "IOMMU_IOAS_ALLOC");
	at.pt_id = ioas.out_ioas_id;
	if (ioctl(fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at))
		fail(addr, "VFIO_DEVICE_ATTACH_IOMMUFD_PT");
	if (ioctl(fd, VFIO_DEVICE_DETACH_IOMMUFD_PT, &dt))
		fail(addr, "VFIO_DEVICE_DETACH_IOMMUFD_PT");
	/* the attach wrote back the id it attached (a HWPT's, not the IOAS's) */
	at.pt_id = ioas.out_ioas_id;
	if (ioctl(fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at))
		fail(addr, "VFIO_DEVICE_ATTACH_IOMMUFD_PT (again, after detach)");
	fprintf(stderr, "%s: opened through iommufd: devid %u, ioas %u\n", addr,
		bind.out_devid, ioas.out_ioas_id);
	return fd;
}

int vfio_open_device(const char *addr)
{
	char path[PATH_MAX], link[PATH_MAX];
	struct vfio_group_status st = { .argsz = sizeof(st) };
	int container, group, fd;
	const char *how = getenv("TB_VFIO_OPEN");
	ssize_t n;

	/* a kernel built without CONFIG_VFIO_GROUP has no container node */
	if ((how && !strcmp(how, "iommufd")) || access("/dev/vfio/vfio", F_OK))
		return open_cdev(addr);
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
