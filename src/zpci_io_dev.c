// SPDX-License-Identifier: MIT
/*
 * iotest's device access through vfio. Region offsets always come from
 * VFIO_DEVICE_GET_REGION_INFO (vfio_dev.c): vfio-pci uses a 40-bit shift,
 * ism-vfio-pci a 48-bit one, and a variant driver may differ again.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/pci_regs.h>
#include <linux/vfio_zdev.h>

#include "sysaccess.h"
#include "zpci_io_dev.h"

const char *zpci_io_path_name(enum zpci_io_path p)
{
	switch (p) {
	case ZIO_REGION: return "zpci-io-region";
	case ZIO_BAR: return "vfio-bar-region";
	default: return "auto";
	}
}

static const struct zpci_vfio_region *region_by_index(const struct zpci_io_dev *io, uint32_t index)
{
	for (size_t i = 0; i < io->vd.nregions; i++)
		if (io->vd.regions[i].index == index)
			return &io->vd.regions[i];
	return NULL;
}

uint64_t zpci_io_dev_bar_size(const struct zpci_io_dev *io, int bar)
{
	const struct zpci_vfio_region *r;

	if (bar < 0 || bar > VFIO_PCI_BAR5_REGION_INDEX)
		return 0;
	r = region_by_index(io, (uint32_t)bar);
	return r ? r->size : 0;
}

/* maxstbl from the vfio ZPCI_GROUP capability. Its v1 `maxstbl` is the
 * intercept limit; v2's `imaxstbl` is what the hardware accepts. */
static void maxstbl_from_caps(struct zpci_io_dev *io)
{
	const struct vfio_device_info *info = io->vd.info;
	const unsigned char *base = (const unsigned char *)info;
	uint32_t off;

	if (!info || !(info->flags & VFIO_DEVICE_FLAGS_CAPS))
		return;
	off = info->cap_offset;
	for (int hops = 0; off && hops < 64; hops++) {
		struct vfio_info_cap_header h;

		if (off < sizeof(*info) || off + sizeof(h) > io->vd.info_len)
			return;
		memcpy(&h, base + off, sizeof(h));
		if (h.id == VFIO_DEVICE_INFO_CAP_ZPCI_GROUP &&
		    off + offsetof(struct vfio_device_info_cap_zpci_group, reserved) <= io->vd.info_len) {
			struct vfio_device_info_cap_zpci_group g;
			size_t have = io->vd.info_len - off;

			memset(&g, 0, sizeof(g));
			memcpy(&g, base + off, have < sizeof(g) ? have : sizeof(g));
			if (h.version >= 2 && have >= sizeof(g) && g.imaxstbl) {
				io->maxstbl = g.imaxstbl;
				io->maxstbl_source = "vfio ZPCI_GROUP imaxstbl";
			} else {
				io->maxstbl = g.maxstbl;
				io->maxstbl_source = "vfio ZPCI_GROUP maxstbl";
			}
			return;
		}
		if (h.next && h.next <= off)
			return;
		off = h.next;
	}
}

int zpci_io_dev_open(struct zpci_ctx *ctx, const struct zpci_fn *fn, const char *driver,
		     enum zpci_io_path want, struct zpci_io_dev *io)
{
	const char *addr = fn->address;
	char why[256];
	int rc;

	memset(io, 0, sizeof(*io));
	if (!zpci_driver_is_vfio(driver)) {
		zpci_err("%s: not bound to a vfio driver (driver: %s); `%s bind %s` binds it to %s",
			 addr, *driver ? driver : "none", ZPCI_PROG, addr, "zpci_vfio_pci");
		return ZX_UNAVAIL;
	}
	rc = zpci_vfio_open_quiet(ctx, fn, &io->vd, why, sizeof(why));
	if (rc) {
		zpci_err("%s: %s", addr, why);
		return rc;
	}
	io->page_size = sysconf(_SC_PAGESIZE);
	io->buf = mmap(NULL, 3 * (size_t)io->page_size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (io->buf == MAP_FAILED) {
		io->buf = NULL;
		zpci_io_dev_close(io);
		zpci_err("%s: out of memory", addr);
		return ZX_INTERNAL;
	}
	io->noaccess = io->buf + 2 * io->page_size;
	/* an inaccessible page for the reject matrix's "gaddr unmapped" case */
	if (mprotect(io->noaccess, (size_t)io->page_size, PROT_NONE) < 0)
		io->noaccess = NULL;

	io->ioreg = zpci_vfio_find_region(&io->vd, VFIO_ZPCI_IO_REGION_TYPE,
					  VFIO_ZPCI_IO_REGION_SUBTYPE);
	if (want == ZIO_REGION && !io->ioreg) {
		zpci_err("%s: no zPCI I/O region (type 0x%08x/%u): %s does not provide it; "
			 "`%s unbind %s` then `%s bind %s --driver zpci_vfio_pci`", addr,
			 VFIO_ZPCI_IO_REGION_TYPE, VFIO_ZPCI_IO_REGION_SUBTYPE, driver, ZPCI_PROG,
			 addr, ZPCI_PROG, addr);
		zpci_io_dev_close(io);
		return ZX_UNAVAIL;
	}
	io->path = want == ZIO_BAR || !io->ioreg ? ZIO_BAR : ZIO_REGION;
	if (io->path == ZIO_REGION) {
		ssize_t n;

		if (io->ioreg->size < VFIO_ZPCI_IO_REGION_SIZE) {
			zpci_err("%s: zPCI I/O region is %llu bytes, less than the %zu of its layout",
				 addr, (unsigned long long)io->ioreg->size,
				 (size_t)VFIO_ZPCI_IO_REGION_SIZE);
			zpci_io_dev_close(io);
			return ZX_DATA;
		}
		n = pread(io->vd.device_fd, &io->hdr, sizeof(io->hdr),
			  (off_t)(io->ioreg->offset + VFIO_ZPCI_IO_HDR_OFFSET));
		if (n != (ssize_t)sizeof(io->hdr)) {
			zpci_err("%s: reading the zPCI I/O region header: %s", addr,
				 n < 0 ? strerror(errno) : "short read");
			zpci_io_dev_close(io);
			return ZX_IO;
		}
		io->maxstbl = io->hdr.max;
		io->maxstbl_source = "zPCI I/O region header";
	} else {
		maxstbl_from_caps(io);
	}
	return ZX_OK;
}

void zpci_io_dev_close(struct zpci_io_dev *io)
{
	if (io->buf)
		munmap(io->buf, 3 * (size_t)io->page_size);
	zpci_vfio_close(&io->vd);
	memset(io, 0, sizeof(*io));
}

static const struct zpci_vfio_region *bar_region(const struct zpci_io_dev *io, int bar)
{
	const struct zpci_vfio_region *r;

	if (bar < 0 || bar > VFIO_PCI_BAR5_REGION_INDEX)
		return NULL;
	r = region_by_index(io, (uint32_t)bar);
	return r && r->size ? r : NULL;
}

static int region_request(struct zpci_io_dev *io, const struct vfio_zpci_io_req *req)
{
	ssize_t n = pwrite(io->vd.device_fd, req, sizeof(*req),
			   (off_t)(io->ioreg->offset + VFIO_ZPCI_IO_REQ_OFFSET));

	if (n < 0)
		return -errno;
	return n == (ssize_t)sizeof(*req) ? 0 : -EIO;
}

int zpci_io_dev_load(struct zpci_io_dev *io, int bar, uint64_t off, unsigned int len,
		     unsigned char *out)
{
	const struct zpci_vfio_region *r;
	ssize_t n;

	if (io->path == ZIO_REGION) {
		struct vfio_zpci_io_req req;
		int err;

		zpci_io_req_load(&req, bar, off, (uint16_t)len, io->buf);
		err = region_request(io, &req);
		if (!err)
			memcpy(out, io->buf, len);
		return err;
	}
	r = bar_region(io, bar);
	if (!r)
		return -ENXIO;
	if (off >= r->size || len > r->size - off)
		return -ERANGE;
	n = pread(io->vd.device_fd, out, len, (off_t)(r->offset + off));
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int zpci_io_dev_store(struct zpci_io_dev *io, int bar, uint64_t off, const unsigned char *data,
		      unsigned int len)
{
	const struct zpci_vfio_region *r;
	ssize_t n;

	if (io->path == ZIO_REGION) {
		struct vfio_zpci_io_req req;

		if (len > 2 * (size_t)io->page_size)
			return -EINVAL;
		memcpy(io->buf, data, len);
		zpci_io_req_store(&req, bar, off, (uint16_t)len, io->buf);
		return region_request(io, &req);
	}
	r = bar_region(io, bar);
	if (!r)
		return -ENXIO;
	if (off >= r->size || len > r->size - off)
		return -ERANGE;
	n = pwrite(io->vd.device_fd, data, len, (off_t)(r->offset + off));
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

int zpci_io_dev_region_write(struct zpci_io_dev *io, const void *data, size_t len, uint64_t pos)
{
	ssize_t n = pwrite(io->vd.device_fd, data, len, (off_t)(io->ioreg->offset + pos));

	if (n < 0)
		return -errno;
	return 0;
}

int zpci_io_dev_region_read(struct zpci_io_dev *io, void *data, size_t len, uint64_t pos)
{
	ssize_t n = pread(io->vd.device_fd, data, len, (off_t)(io->ioreg->offset + pos));

	if (n < 0)
		return -errno;
	return 0;
}

static int config_rw(struct zpci_io_dev *io, void *buf, size_t len, uint64_t off, bool write)
{
	const struct zpci_vfio_region *cfg = region_by_index(io, VFIO_PCI_CONFIG_REGION_INDEX);
	ssize_t n;

	if (!cfg)
		return -ENOENT;
	n = write ? pwrite(io->vd.device_fd, buf, len, (off_t)(cfg->offset + off))
		  : pread(io->vd.device_fd, buf, len, (off_t)(cfg->offset + off));
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

/* vfio's config region is little-endian, as the bus. */
int zpci_io_dev_memory_decode(struct zpci_io_dev *io, bool on, uint16_t *old_cmd)
{
	unsigned char b[2];
	uint16_t cmd;
	int err = config_rw(io, b, 2, PCI_COMMAND, false);

	if (err)
		return err;
	cmd = (uint16_t)(b[0] | b[1] << 8);
	*old_cmd = cmd;
	cmd = on ? cmd | PCI_COMMAND_MEMORY : cmd & ~PCI_COMMAND_MEMORY;
	b[0] = (unsigned char)cmd;
	b[1] = (unsigned char)(cmd >> 8);
	return config_rw(io, b, 2, PCI_COMMAND, true);
}

int zpci_io_dev_restore_command(struct zpci_io_dev *io, uint16_t cmd)
{
	unsigned char b[2] = { (unsigned char)cmd, (unsigned char)(cmd >> 8) };

	return config_rw(io, b, 2, PCI_COMMAND, true);
}

static uint32_t le32_at(const unsigned char *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

void zpci_io_dev_msix(struct zpci_io_dev *io, struct zpci_io_protected prot[2])
{
	unsigned char cfg[256];
	unsigned int pos;

	prot[0].bar = prot[1].bar = -1;
	if (config_rw(io, cfg, sizeof(cfg), 0, false))
		return;
	if (!(cfg[PCI_STATUS] & PCI_STATUS_CAP_LIST))
		return;
	pos = cfg[PCI_CAPABILITY_LIST] & ~3u;
	for (int hops = 0; pos >= 0x40 && pos <= 0xf0 && hops < 48; hops++) {
		if (cfg[pos] == PCI_CAP_ID_MSIX) {
			unsigned int qsize = ((unsigned int)(cfg[pos + 2] | cfg[pos + 3] << 8) &
					      PCI_MSIX_FLAGS_QSIZE) + 1;
			uint32_t table = le32_at(cfg + pos + 4), pba = le32_at(cfg + pos + 8);

			/* the same ranges the module derives (zpci_vfio_describe) */
			prot[0].bar = (int)(table & PCI_MSIX_TABLE_BIR);
			prot[0].start = table & PCI_MSIX_TABLE_OFFSET;
			prot[0].len = (uint64_t)qsize * PCI_MSIX_ENTRY_SIZE;
			prot[1].bar = (int)(pba & PCI_MSIX_PBA_BIR);
			prot[1].start = pba & PCI_MSIX_PBA_OFFSET;
			prot[1].len = (qsize + 63) / 64 * 8;
			return;
		}
		pos = cfg[pos + 1] & ~3u;
	}
}
