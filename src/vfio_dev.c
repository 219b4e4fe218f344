// SPDX-License-Identifier: MIT
/*
 * Opening a zPCI function's vfio device through its IOMMU group
 * (/dev/vfio/N) and reading what the device reports about itself: the
 * device info with its capability chain, every region with its type
 * capability, and the IRQ indexes.
 *
 * The legacy group interface is used where it exists: on every kernel this
 * project supports (6.1 and later) unless built with CONFIG_VFIO_GROUP=n.
 * VFIO_GROUP_GET_DEVICE_FD refuses a group that has no container with an
 * IOMMU model set (EINVAL on 6.1), so a container with type1 is always set
 * up, even when only information is read. Without the group device node
 * (iommufd-only kernels), the function's device cdev
 * (/dev/vfio/devices/vfioN, 6.6 and later) is bound to /dev/iommu and
 * attached to a fresh IOAS, which is what the kernel requires before it
 * allows region access.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "vfio_dev.h"

#include "uapi/vfio_zpci_io.h"
#include "vfio_uapi_compat.h"

static int why_set(char *why, size_t len, int rc, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int why_set(char *why, size_t len, int rc, const char *fmt, ...)
{
	va_list ap;

	if (why && len) {
		va_start(ap, fmt);
		vsnprintf(why, len, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* Last path component of a symlink, "" when it does not exist. */
static int link_basename(const char *path, char *out, size_t outlen)
{
	char buf[4096];
	ssize_t n;
	const char *slash;

	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	slash = slash ? slash + 1 : buf;
	if (strlen(slash) >= outlen)
		return -ENAMETOOLONG;
	memcpy(out, slash, strlen(slash) + 1);
	return 0;
}

/*
 * Ask with the fixed size first; the kernel answers with the argsz it needs
 * for the whole capability chain, then ask again. A kernel that keeps
 * growing the size is cut off after a few rounds. index >= 0 is stored at
 * offset 8 (struct vfio_region_info and vfio_irq_info both keep it there).
 */
static int get_info_grow(int fd, unsigned long req, void **buf, size_t first,
			 long index, size_t *outlen)
{
	size_t len = first;

	for (int round = 0; round < 4; round++) {
		uint32_t argsz = (uint32_t)len;
		void *p = realloc(*buf, len);

		if (!p)
			return -ENOMEM;
		*buf = p;
		memset(p, 0, len);
		memcpy(p, &argsz, sizeof(argsz));
		if (index >= 0) {
			uint32_t idx = (uint32_t)index;

			memcpy((char *)p + 8, &idx, sizeof(idx));
		}
		if (ioctl(fd, req, p) < 0)
			return -errno;
		memcpy(&argsz, p, sizeof(argsz));
		if (argsz <= len) {
			*outlen = len;
			return 0;
		}
		if (argsz > 1u << 20)
			return -EOVERFLOW;
		len = argsz;
	}
	return -EOVERFLOW;
}

static void region_type_from_caps(struct zpci_vfio_region *r, const unsigned char *buf,
				  size_t len, uint32_t first)
{
	uint32_t off = first;

	for (int hops = 0; off && hops < 64; hops++) {
		struct vfio_info_cap_header h;

		if (off < sizeof(struct vfio_region_info) || off + sizeof(h) > len)
			return;
		memcpy(&h, buf + off, sizeof(h));
		if (h.id == VFIO_REGION_INFO_CAP_TYPE &&
		    off + sizeof(struct vfio_region_info_cap_type) <= len) {
			struct vfio_region_info_cap_type t;

			memcpy(&t, buf + off, sizeof(t));
			r->type = t.type;
			r->subtype = t.subtype;
			r->has_type = 1;
		}
		if (h.next && h.next <= off)
			return;		/* a loop would never end */
		off = h.next;
	}
}

static int read_regions(struct zpci_vfio_dev *d)
{
	uint32_t n = d->info->num_regions;

	if (n > 64)
		n = 64;		/* vfio-pci has 9 plus a few device-specific ones */
	d->regions = calloc(n ? n : 1, sizeof(*d->regions));
	if (!d->regions)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		struct vfio_region_info *ri = NULL;
		struct zpci_vfio_region *r;
		size_t len = 0;
		int rc;

		rc = get_info_grow(d->device_fd, VFIO_DEVICE_GET_REGION_INFO, (void **)&ri,
				   sizeof(*ri), i, &len);
		if (rc == -ENOMEM) {
			free(ri);
			return rc;
		}
		if (rc < 0) {
			/* the VGA region of a non-VGA function answers EINVAL */
			free(ri);
			continue;
		}
		r = &d->regions[d->nregions++];
		r->index = i;
		r->flags = ri->flags;
		r->size = ri->size;
		r->offset = ri->offset;
		if ((ri->flags & VFIO_REGION_INFO_FLAG_CAPS) && ri->cap_offset)
			region_type_from_caps(r, (const unsigned char *)ri, len, ri->cap_offset);
		free(ri);
	}
	return 0;
}

static int read_irqs(struct zpci_vfio_dev *d)
{
	uint32_t n = d->info->num_irqs;

	if (n > 64)
		n = 64;
	d->irqs = calloc(n ? n : 1, sizeof(*d->irqs));
	if (!d->irqs)
		return -ENOMEM;
	for (uint32_t i = 0; i < n; i++) {
		struct vfio_irq_info *ii = &d->irqs[d->nirqs];

		memset(ii, 0, sizeof(*ii));
		ii->argsz = sizeof(*ii);
		ii->index = i;
		if (ioctl(d->device_fd, VFIO_DEVICE_GET_IRQ_INFO, ii) < 0)
			continue;
		d->nirqs++;
	}
	return 0;
}

/* An internal answer of open_group(): no group node, but a device cdev. */
#define ZX_NO_GROUP (-1)

/* The name vfioN of the function's device cdev, "" when there is none. */
static void cdev_name(struct zpci_ctx *ctx, const struct zpci_fn *fn, char *out, size_t outlen)
{
	char path[4096];
	struct dirent *e;
	DIR *dir;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/vfio-dev", ctx->sysfs_root, fn->address);
	dir = opendir(path);
	if (!dir)
		return;
	while ((e = readdir(dir)))
		if (strncmp(e->d_name, "vfio", 4) == 0 && strlen(e->d_name) < outlen) {
			snprintf(out, outlen, "%s", e->d_name);
			break;
		}
	closedir(dir);
}

static bool has_cdev(struct zpci_ctx *ctx, const struct zpci_fn *fn)
{
	char name[64];

	cdev_name(ctx, fn, name, sizeof(name));
	return name[0] != '\0';
}

/* The cdev way: bind the device to an iommufd and attach it to a new IOAS. */
static int open_cdev(struct zpci_ctx *ctx, const struct zpci_fn *fn, struct zpci_vfio_dev *d,
		     char *why, size_t whylen)
{
	struct vfio_device_bind_iommufd bind = { .argsz = sizeof(bind) };
	struct vfio_device_attach_iommufd_pt at = { .argsz = sizeof(at) };
	struct zpci_iommu_ioas_alloc ioas = { .size = sizeof(ioas) };
	char name[64], path[4096];

	cdev_name(ctx, fn, name, sizeof(name));
	snprintf(path, sizeof(path), "%s/vfio/devices/%s", ctx->dev_root, name);
	d->device_fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->device_fd < 0)
		return why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO), "%s: %s%s", path, strerror(errno),
			       errno == EBUSY ? " (in use by another process)" : "");
	snprintf(path, sizeof(path), "%s/iommu", ctx->dev_root);
	d->iommufd = open(path, O_RDWR | O_CLOEXEC);
	if (d->iommufd < 0)
		return why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO), "%s: %s (the vfio cdev needs iommufd)",
			       path, strerror(errno));
	bind.iommufd = d->iommufd;
	if (ioctl(d->device_fd, VFIO_DEVICE_BIND_IOMMUFD, &bind) < 0)
		return why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO), "VFIO_DEVICE_BIND_IOMMUFD: %s",
			       strerror(errno));
	if (ioctl(d->iommufd, ZPCI_IOMMU_IOAS_ALLOC, &ioas) < 0)
		return why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO), "IOMMU_IOAS_ALLOC: %s",
			       strerror(errno));
	at.pt_id = ioas.out_ioas_id;
	if (ioctl(d->device_fd, VFIO_DEVICE_ATTACH_IOMMUFD_PT, &at) < 0)
		return why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO), "VFIO_DEVICE_ATTACH_IOMMUFD_PT: %s",
			       strerror(errno));
	d->how = "cdev+iommufd";
	return ZX_OK;
}

static int open_group(struct zpci_ctx *ctx, const struct zpci_fn *fn, struct zpci_vfio_dev *d,
		      char *why, size_t whylen)
{
	char path[4096], group[64], driver[64] = "";
	struct vfio_group_status status = { .argsz = sizeof(status) };
	int err;

	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/driver", ctx->sysfs_root, fn->address);
	link_basename(path, driver, sizeof(driver));
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/iommu_group", ctx->sysfs_root,
		 fn->address);
	err = link_basename(path, group, sizeof(group));
	if (err)
		return why_set(why, whylen, ZX_UNAVAIL, "no IOMMU group (%s): vfio cannot serve it",
			       strerror(-err));
	snprintf(path, sizeof(path), "%s/vfio/%s", ctx->dev_root, group);
	d->group_fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->group_fd < 0) {
		err = errno;
		if (err == ENOENT && has_cdev(ctx, fn))
			return ZX_NO_GROUP;
		if (err == ENOENT) {
			if (driver[0])
				return why_set(why, whylen, ZX_UNAVAIL,
					       "not bound to a vfio driver (driver: %s)", driver);
			return why_set(why, whylen, ZX_UNAVAIL, "not bound to a vfio driver (no driver)");
		}
		if (err == EBUSY)
			return why_set(why, whylen, ZX_IO,
				       "%s is in use by another process (a VM or another tool)", path);
		return why_set(why, whylen, zpci_errno_exit_facility(err, ZX_IO), "%s: %s%s", path, strerror(err),
			       err == EACCES ? " (needs root or the group's owner)" : "");
	}
	if (ioctl(d->group_fd, VFIO_GROUP_GET_STATUS, &status) < 0)
		return why_set(why, whylen, ZX_IO, "VFIO_GROUP_GET_STATUS: %s", strerror(errno));
	if (!(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		return why_set(why, whylen, ZX_UNAVAIL,
			       "IOMMU group %s is not viable: another device in it is not bound to vfio",
			       group);
	return ZX_OK;
}

static int open_container(struct zpci_ctx *ctx, struct zpci_vfio_dev *d, char *why, size_t whylen)
{
	char path[4096];
	int model = 0;

	snprintf(path, sizeof(path), "%s/vfio/vfio", ctx->dev_root);
	d->container_fd = open(path, O_RDWR | O_CLOEXEC);
	if (d->container_fd < 0)
		return why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO), "%s: %s", path, strerror(errno));
	if (ioctl(d->container_fd, VFIO_GET_API_VERSION) != VFIO_API_VERSION)
		return why_set(why, whylen, ZX_UNAVAIL, "unexpected vfio API version");
	if (ioctl(d->group_fd, VFIO_GROUP_SET_CONTAINER, &d->container_fd) < 0)
		return why_set(why, whylen, ZX_IO, "VFIO_GROUP_SET_CONTAINER: %s", strerror(errno));
	/* vfio_iommu_type1 does not load by itself (testbed-notes): say so. */
	if (ioctl(d->container_fd, VFIO_CHECK_EXTENSION, VFIO_TYPE1v2_IOMMU) > 0)
		model = VFIO_TYPE1v2_IOMMU;
	else if (ioctl(d->container_fd, VFIO_CHECK_EXTENSION, VFIO_TYPE1_IOMMU) > 0)
		model = VFIO_TYPE1_IOMMU;
	if (!model)
		return why_set(why, whylen, ZX_UNAVAIL,
			       "no type1 IOMMU backend (modprobe vfio_iommu_type1)");
	if (ioctl(d->container_fd, VFIO_SET_IOMMU, model) < 0)
		return why_set(why, whylen, ZX_IO, "VFIO_SET_IOMMU: %s", strerror(errno));
	return ZX_OK;
}

int zpci_vfio_open_quiet(struct zpci_ctx *ctx, const struct zpci_fn *fn,
			 struct zpci_vfio_dev *d, char *why, size_t whylen)
{
	size_t len = 0;
	int rc;

	memset(d, 0, sizeof(*d));
	d->container_fd = d->group_fd = d->device_fd = d->iommufd = -1;
	if (why && whylen)
		why[0] = '\0';
	if (!fn->address[0])
		return why_set(why, whylen, ZX_UNAVAIL, "in standby: no PCI device to open");
	if (ctx->offline)
		return why_set(why, whylen, ZX_UNAVAIL, "reading a saved or fake tree: no live vfio");
	rc = open_group(ctx, fn, d, why, whylen);
	if (rc == ZX_NO_GROUP) {
		rc = open_cdev(ctx, fn, d, why, whylen);
	} else {
		if (rc == ZX_OK)
			rc = open_container(ctx, d, why, whylen);
		if (rc == ZX_OK) {
			d->device_fd = ioctl(d->group_fd, VFIO_GROUP_GET_DEVICE_FD, fn->address);
			if (d->device_fd < 0)
				rc = why_set(why, whylen, zpci_errno_exit_facility(errno, ZX_IO),
					     "VFIO_GROUP_GET_DEVICE_FD: %s", strerror(errno));
			d->how = "group";
		}
	}
	if (rc == ZX_OK) {
		int err = get_info_grow(d->device_fd, VFIO_DEVICE_GET_INFO, (void **)&d->info,
					sizeof(*d->info), -1, &len);

		if (err)
			rc = why_set(why, whylen, err == -ENOMEM ? ZX_INTERNAL : ZX_IO,
				     "VFIO_DEVICE_GET_INFO: %s", strerror(-err));
		d->info_len = len;
	}
	if (rc == ZX_OK && (read_regions(d) || read_irqs(d)))
		rc = why_set(why, whylen, ZX_INTERNAL, "out of memory");
	if (rc != ZX_OK)
		zpci_vfio_close(d);
	return rc;
}

void zpci_vfio_close(struct zpci_vfio_dev *d)
{
	if (d->device_fd >= 0)
		close(d->device_fd);
	/* closing the group detaches it from the container */
	if (d->group_fd >= 0)
		close(d->group_fd);
	if (d->container_fd >= 0)
		close(d->container_fd);
	/* closing the device cdev unbinds it from the iommufd */
	if (d->iommufd >= 0)
		close(d->iommufd);
	free(d->info);
	free(d->regions);
	free(d->irqs);
	memset(d, 0, sizeof(*d));
	d->container_fd = d->group_fd = d->device_fd = d->iommufd = -1;
}

const struct zpci_vfio_region *zpci_vfio_find_region(const struct zpci_vfio_dev *d,
						     uint32_t type, uint32_t subtype)
{
	for (size_t i = 0; i < d->nregions; i++)
		if (d->regions[i].has_type && d->regions[i].type == type &&
		    d->regions[i].subtype == subtype)
			return &d->regions[i];
	return NULL;
}

int zpci_vfio_get_zpci_io(int device_fd, struct vfio_device_feature_zpci_io *z)
{
	/* the header and its payload in one buffer: a struct holding
	 * vfio_device_feature (flexible data[]) before another member is a GNU
	 * extension clang refuses */
	union {
		struct vfio_device_feature f;
		unsigned char b[sizeof(struct vfio_device_feature) + sizeof(*z)];
	} q;

	memset(&q, 0, sizeof(q));
	q.f.argsz = sizeof(q);
	q.f.flags = VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_ZPCI_IO;
	if (ioctl(device_fd, VFIO_DEVICE_FEATURE, &q) < 0)
		return -1;
	memcpy(z, q.b + sizeof(q.f), sizeof(*z));
	return 0;
}
