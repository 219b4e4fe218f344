// SPDX-License-Identifier: MIT
/*
 * vfio source: for functions bound to vfio-pci or a vfio-pci variant driver,
 * the zPCI capability chain, the regions and IRQ indexes, and the header of
 * the zPCI I/O region when the project's variant driver offers it.
 *
 * Only functions already bound to a vfio driver are opened: opening a vfio
 * device enables it (and the kernel may reset it), which is acceptable for a
 * function handed to vfio but not for one a host driver is using. A group
 * that another process holds (a guest) answers EBUSY and is reported, not
 * waited for.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "sources.h"
#include "vfio_caps.h"
#include "vfio_dev.h"
#include "uapi/vfio_zpci_io.h"

static void driver_of(const struct zpci_ctx *ctx, const struct zpci_fn *fn, char *out, size_t len)
{
	char path[4096], buf[4096];
	const char *slash;
	ssize_t n;

	out[0] = '\0';
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/driver", ctx->sysfs_root, fn->address);
	n = readlink(path, buf, sizeof(buf) - 1);
	if (n < 0)
		return;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	slash = slash ? slash + 1 : buf;
	if (strlen(slash) < len)
		memcpy(out, slash, strlen(slash) + 1);
}

static void read_io_region_header(const struct zpci_vfio_dev *d, struct zpci_vfio_info *v)
{
	const struct zpci_vfio_region *r =
		zpci_vfio_find_region(d, VFIO_ZPCI_IO_REGION_TYPE, VFIO_ZPCI_IO_REGION_SUBTYPE);
	struct vfio_zpci_io_hdr hdr;

	if (!r || r->size < sizeof(hdr) || !(r->flags & VFIO_REGION_INFO_FLAG_READ))
		return;
	if (pread(d->device_fd, &hdr, sizeof(hdr), (off_t)(r->offset + VFIO_ZPCI_IO_HDR_OFFSET)) !=
	    (ssize_t)sizeof(hdr))
		return;
	v->io_region_valid = true;
	v->io_region_max = hdr.max;
}

static void fill_one(struct zpci_ctx *ctx, struct zpci_fn *fn)
{
	struct zpci_vfio_info *v = &fn->vfio;
	struct zpci_vfio_dev d;
	char why[256];
	int rc;

	driver_of(ctx, fn, v->driver, sizeof(v->driver));
	if (!strstr(v->driver, "vfio")) {
		zpci_src_set(&fn->src_vfio, ZS_UNAVAILABLE, "not bound to a vfio driver (%s)",
			     v->driver[0] ? v->driver : "no driver");
		return;
	}
	rc = zpci_vfio_open_quiet(ctx, fn, &d, why, sizeof(why));
	if (rc != ZX_OK) {
		zpci_src_set(&fn->src_vfio, rc == ZX_PERM ? ZS_NO_PERMISSION :
			     rc == ZX_UNAVAIL ? ZS_UNAVAILABLE : ZS_ERROR, "%s", why);
		return;
	}
	v->valid = true;
	if (zpci_vfio_caps_decode(d.info, d.info_len, v))
		zpci_fn_problem(fn, ZSEV_WARNING, "vfio-caps-malformed", "vfio capability chain: %s",
				v->chain_error);
	for (size_t i = 0; i < d.nregions && v->nregions < ZPCI_VFIO_MAX_REGIONS; i++) {
		const struct zpci_vfio_region *r = &d.regions[i];

		v->regions[v->nregions].index = r->index;
		v->regions[v->nregions].flags = r->flags;
		v->regions[v->nregions].size = r->size;
		v->regions[v->nregions].offset = r->offset;
		v->regions[v->nregions].has_type = r->has_type;
		v->regions[v->nregions].type = r->type;
		v->regions[v->nregions].subtype = r->subtype;
		v->nregions++;
	}
	for (size_t i = 0; i < d.nirqs && v->nirqs < ZPCI_VFIO_MAX_IRQS; i++) {
		v->irqs[v->nirqs].index = d.irqs[i].index;
		v->irqs[v->nirqs].flags = d.irqs[i].flags;
		v->irqs[v->nirqs].count = d.irqs[i].count;
		v->nirqs++;
	}
	read_io_region_header(&d, v);
	zpci_vfio_close(&d);
	zpci_src_set(&fn->src_vfio, ZS_OK, "%s", v->driver);
}

int zpci_vfio_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];

		if (!fn->address[0]) {
			zpci_src_set(&fn->src_vfio, ZS_UNAVAILABLE, "no PCI device (standby or not known to the kernel)");
			continue;
		}
		if (ctx->offline) {
			zpci_src_set(&fn->src_vfio, ZS_UNAVAILABLE,
				     "reading a saved or fake tree: no live vfio");
			continue;
		}
		fill_one(ctx, fn);
	}
	return ZX_OK;
}
