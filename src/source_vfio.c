// SPDX-License-Identifier: MIT
/*
 * vfio source: for functions bound to vfio-pci or a vfio-pci variant driver,
 * the zPCI capability chain, the regions and IRQ indexes, and the PCISTB
 * limit of zpci_vfio_pci's VFIO_DEVICE_FEATURE_ZPCI_IO when it answers.
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
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "report_record.h"
#include "report_saved.h"
#include "sources.h"
#include "sysaccess.h"
#include "vfio_caps.h"
#include "vfio_dev.h"
#include "uapi/vfio_zpci_io.h"

/* A report keeps the replies as the kernel gave them, in its byte order. */
static void saved_name(char *buf, size_t len, const struct zpci_fn *fn, const char *what)
{
	snprintf(buf, len, "vfio/%s/%s", fn->address, what);
}

static void record_regions(const struct zpci_fn *fn, const struct zpci_vfio_info *v)
{
	char name[96], line[160];

	if (!zpci_recording())
		return;
	saved_name(name, sizeof(name), fn, "regions");
	zpci_record_blob(name, "", 0);
	for (size_t i = 0; i < v->nregions; i++) {
		snprintf(line, sizeof(line), "%u 0x%x 0x%llx 0x%llx %d 0x%x 0x%x\n",
			 v->regions[i].index, v->regions[i].flags,
			 (unsigned long long)v->regions[i].size,
			 (unsigned long long)v->regions[i].offset, v->regions[i].has_type,
			 v->regions[i].type, v->regions[i].subtype);
		zpci_record_append(name, line, strlen(line));
	}
	saved_name(name, sizeof(name), fn, "irqs");
	zpci_record_blob(name, "", 0);
	for (size_t i = 0; i < v->nirqs; i++) {
		snprintf(line, sizeof(line), "%u 0x%x %u\n", v->irqs[i].index, v->irqs[i].flags,
			 v->irqs[i].count);
		zpci_record_append(name, line, strlen(line));
	}
}

/*
 * zpci_vfio_pci's VFIO_DEVICE_FEATURE_ZPCI_IO: the largest PCISTB its BAR
 * regions accept. The model keeps it as io_region_max (the name of the
 * region-era field it replaces: the limit of the driver's PCISTB path).
 */
static void read_zpci_io_feature(const struct zpci_fn *fn, const struct zpci_vfio_dev *d,
				 struct zpci_vfio_info *v)
{
	struct {
		struct vfio_device_feature_zpci_io z;
	} q;
	char name[96];

	if (zpci_vfio_get_zpci_io(d->device_fd, &q.z) < 0)
		return;
	saved_name(name, sizeof(name), fn, "zpci-io-feature.bin");
	zpci_record_blob(name, &q.z, sizeof(q.z));
	v->io_region_valid = true;
	v->io_region_max = q.z.maxstbl;
}

static void fill_one(struct zpci_ctx *ctx, struct zpci_fn *fn)
{
	struct zpci_vfio_info *v = zpci_fn_vfio_fill(fn);
	struct zpci_vfio_dev d;
	char why[256];
	int rc;

	if (!v) {
		zpci_src_set(&fn->src_vfio, ZS_ERROR, "out of memory");
		return;
	}
	/* the driver the sysfs source read (and resolved) */
	snprintf(v->driver, sizeof(v->driver), "%s", fn->pci.driver);
	if (!zpci_driver_is_vfio(v->driver)) {
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
	if (zpci_recording()) {
		char name[96];

		saved_name(name, sizeof(name), fn, "device-info.bin");
		zpci_record_blob(name, d.info, d.info_len);
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
	record_regions(fn, v);
	read_zpci_io_feature(fn, &d, v);
	zpci_vfio_close(&d);
	zpci_src_set(&fn->src_vfio, ZS_OK, "%s", v->driver);
}

static void parse_saved_regions(const struct zpci_ctx *ctx, const struct zpci_fn *fn,
				struct zpci_vfio_info *v)
{
	unsigned char *data;
	char name[96], *line, *save = NULL;
	size_t len;

	saved_name(name, sizeof(name), fn, "regions");
	if (zpci_saved_read(ctx, name, &data, &len) == 0) {
		for (line = strtok_r((char *)data, "\n", &save); line && v->nregions < ZPCI_VFIO_MAX_REGIONS;
		     line = strtok_r(NULL, "\n", &save)) {
			unsigned long long size, offset;
			unsigned int index, flags, type, subtype;
			int has_type;

			if (sscanf(line, "%u %x %llx %llx %d %x %x", &index, &flags, &size, &offset,
				   &has_type, &type, &subtype) != 7)
				continue;
			v->regions[v->nregions].index = index;
			v->regions[v->nregions].flags = flags;
			v->regions[v->nregions].size = size;
			v->regions[v->nregions].offset = offset;
			v->regions[v->nregions].has_type = has_type != 0;
			v->regions[v->nregions].type = type;
			v->regions[v->nregions].subtype = subtype;
			v->nregions++;
		}
		free(data);
	}
	saved_name(name, sizeof(name), fn, "irqs");
	if (zpci_saved_read(ctx, name, &data, &len) == 0) {
		save = NULL;
		for (line = strtok_r((char *)data, "\n", &save); line && v->nirqs < ZPCI_VFIO_MAX_IRQS;
		     line = strtok_r(NULL, "\n", &save)) {
			unsigned int index, flags, count;

			if (sscanf(line, "%u %x %u", &index, &flags, &count) != 3)
				continue;
			v->irqs[v->nirqs].index = index;
			v->irqs[v->nirqs].flags = flags;
			v->irqs[v->nirqs].count = count;
			v->nirqs++;
		}
		free(data);
	}
}

/* The same steps as fill_one, over the replies a report saved. */
static void fill_saved(struct zpci_ctx *ctx, struct zpci_fn *fn)
{
	struct zpci_vfio_info *v = zpci_fn_vfio_fill(fn);
	unsigned char *data;
	char name[96];
	size_t len;
	int rc;

	if (!v) {
		zpci_src_set(&fn->src_vfio, ZS_ERROR, "out of memory");
		return;
	}
	/* the driver the sysfs source read (and resolved) */
	snprintf(v->driver, sizeof(v->driver), "%s", fn->pci.driver);
	saved_name(name, sizeof(name), fn, "status");
	if (zpci_saved_status(ctx, name, &fn->src_vfio) == 0)
		return;
	if (!zpci_driver_is_vfio(v->driver)) {
		zpci_src_set(&fn->src_vfio, ZS_UNAVAILABLE, "not bound to a vfio driver (%s)",
			     v->driver[0] ? v->driver : "no driver");
		return;
	}
	saved_name(name, sizeof(name), fn, "device-info.bin");
	rc = zpci_saved_read(ctx, name, &data, &len);
	if (rc) {
		zpci_src_set(&fn->src_vfio, ZS_UNAVAILABLE, "the report holds no vfio reply (%s)",
			     strerror(-rc));
		return;
	}
	v->valid = true;
	if (ctx->report_foreign_endian && zpci_vfio_info_swap(data, len))
		zpci_fn_problem(fn, ZSEV_WARNING, "vfio-caps-malformed", "saved vfio reply: chain unreadable");
	if (zpci_vfio_caps_decode((const void *)data, len, v))
		zpci_fn_problem(fn, ZSEV_WARNING, "vfio-caps-malformed", "vfio capability chain: %s",
				v->chain_error);
	free(data);
	parse_saved_regions(ctx, fn, v);
	saved_name(name, sizeof(name), fn, "zpci-io-feature.bin");
	if (zpci_saved_read(ctx, name, &data, &len) == 0) {
		struct vfio_device_feature_zpci_io z;

		if (len >= sizeof(z)) {
			memcpy(&z, data, sizeof(z));
			v->io_region_valid = true;
			v->io_region_max = zpci_saved_u16(ctx, z.maxstbl);
		}
		free(data);
	} else {
		/* reports written before the feature: the region header's max at offset 8 */
		saved_name(name, sizeof(name), fn, "io-region-header.bin");
		if (zpci_saved_read(ctx, name, &data, &len) == 0) {
			uint16_t max;

			if (len >= 16) {
				memcpy(&max, data + 8, sizeof(max));
				v->io_region_valid = true;
				v->io_region_max = zpci_saved_u16(ctx, max);
			}
			free(data);
		}
	}
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
		if (ctx->report_root) {
			fill_saved(ctx, fn);
			continue;
		}
		if (ctx->offline)
			zpci_src_set(&fn->src_vfio, ZS_UNAVAILABLE,
				     "reading a saved or fake tree: no live vfio");
		else
			fill_one(ctx, fn);
		if (fn->src_vfio.state != ZS_OK && zpci_recording()) {
			char name[96];

			saved_name(name, sizeof(name), fn, "status");
			zpci_record_status(name, &fn->src_vfio);
		}
	}
	return ZX_OK;
}
