// SPDX-License-Identifier: MIT
/*
 * iotest's device access through vfio's BAR regions. Region offsets always
 * come from VFIO_DEVICE_GET_REGION_INFO (vfio_dev.c): vfio-pci uses a 40-bit
 * shift, ism-vfio-pci and zpci_vfio_pci a 48-bit one.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/pci_regs.h>

#include "sysaccess.h"
#include "zpci_io_dev.h"

const char *zpci_io_path_name(enum zpci_io_path p)
{
	return p == ZIO_PCISTB ? "pcistb" : "vfio-pci-bar";
}

const char *zpci_io_path_text(enum zpci_io_path p)
{
	return p == ZIO_PCISTB ? "one PCISTB per pwrite, PCILG by alignment per pread"
			       : "vfio-pci BAR region: accesses split into 8/4/2/1-byte loads and stores";
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

/* The drivers that issue one PCISTB per pwrite on their BAR regions. */
enum zpci_io_path zpci_io_path_of_driver(const char *driver)
{
	return strcmp(driver, "zpci_vfio_pci") == 0 || strcmp(driver, "ism_vfio_pci") == 0 ||
	       strcmp(driver, "ism-vfio-pci") == 0 ? ZIO_PCISTB : ZIO_SPLIT;
}

/* Where vfio puts region index i: offset = i << shift, read off BAR1's region. */
static unsigned int offset_shift(const struct zpci_io_dev *io)
{
	const struct zpci_vfio_region *r = region_by_index(io, 1);

	for (unsigned int s = 12; r && s < 63; s++)
		if (r->offset == 1ULL << s)
			return s;
	return 0;
}

int zpci_io_dev_open(struct zpci_ctx *ctx, const struct zpci_fn *fn, const char *driver,
		     struct zpci_io_dev *io)
{
	const char *addr = fn->address;
	struct zpci_io_status st;
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
	io->noaccess = mmap(NULL, (size_t)io->page_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			    -1, 0);
	if (io->noaccess == MAP_FAILED)
		io->noaccess = NULL;
	io->path = zpci_io_path_of_driver(driver);
	io->ours = strcmp(driver, "zpci_vfio_pci") == 0;
	io->offset_shift = offset_shift(io);
	if (zpci_io_dev_status(io, &st) == 0) {
		io->has_status = true;
		io->maxstbl = io->maxstbl_status;
		io->maxstbl_source = "VFIO_DEVICE_FEATURE_ZPCI_IO";
	}
	return ZX_OK;
}

void zpci_io_dev_close(struct zpci_io_dev *io)
{
	if (io->noaccess)
		munmap(io->noaccess, (size_t)io->page_size);
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

int zpci_io_dev_load(struct zpci_io_dev *io, int bar, uint64_t off, unsigned int len,
		     unsigned char *out)
{
	const struct zpci_vfio_region *r = bar_region(io, bar);
	ssize_t n;

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
	const struct zpci_vfio_region *r = bar_region(io, bar);
	ssize_t n;

	if (!r)
		return -ENXIO;
	if (off >= r->size || len > r->size - off)
		return -ERANGE;
	n = pwrite(io->vd.device_fd, data, len, (off_t)(r->offset + off));
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EIO;
}

long zpci_io_dev_storev(struct zpci_io_dev *io, int bar, uint64_t off, const struct iovec *iov,
			int n)
{
	const struct zpci_vfio_region *r = bar_region(io, bar);
	ssize_t done;

	if (!r)
		return -ENXIO;
	done = pwritev(io->vd.device_fd, iov, n, (off_t)(r->offset + off));
	return done < 0 ? -errno : (long)done;
}

long zpci_io_dev_raw(struct zpci_io_dev *io, bool write, int region, uint64_t pos, void *buf,
		     size_t len)
{
	const struct zpci_vfio_region *r = region >= 0 ? region_by_index(io, (uint32_t)region) : NULL;
	uint64_t base;
	ssize_t n;

	/* a region vfio did not list: where its offset would be */
	if (r)
		base = r->offset;
	else if (io->offset_shift)
		base = (uint64_t)region << io->offset_shift;
	else
		return -ENOENT;
	n = write ? pwrite(io->vd.device_fd, buf, len, (off_t)(base + pos))
		  : pread(io->vd.device_fd, buf, len, (off_t)(base + pos));
	return n < 0 ? -errno : (long)n;
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

void zpci_io_dev_msix_table(struct zpci_io_dev *io, struct zpci_io_protected *table)
{
	unsigned char cfg[256];
	unsigned int pos;

	table->bar = -1;
	if (config_rw(io, cfg, sizeof(cfg), 0, false))
		return;
	if (!(cfg[PCI_STATUS] & PCI_STATUS_CAP_LIST))
		return;
	pos = cfg[PCI_CAPABILITY_LIST] & ~3u;
	for (int hops = 0; pos >= 0x40 && pos <= 0xf0 && hops < 48; hops++) {
		if (cfg[pos] == PCI_CAP_ID_MSIX) {
			unsigned int qsize = ((unsigned int)(cfg[pos + 2] | cfg[pos + 3] << 8) &
					      PCI_MSIX_FLAGS_QSIZE) + 1;
			uint32_t t = le32_at(cfg + pos + 4);

			/* the same range the module derives (zpci_vfio_describe) */
			table->bar = (int)(t & PCI_MSIX_TABLE_BIR);
			table->start = t & PCI_MSIX_TABLE_OFFSET;
			table->len = (uint64_t)qsize * PCI_MSIX_ENTRY_SIZE;
			return;
		}
		pos = cfg[pos + 1] & ~3u;
	}
}

int zpci_io_dev_status(struct zpci_io_dev *io, struct zpci_io_status *st)
{
	struct {
		struct vfio_device_feature_zpci_io z;
	} q;

	memset(st, 0, sizeof(*st));
	if (zpci_vfio_get_zpci_io(io->vd.device_fd, &q.z) < 0)
		return errno == ENOTTY || errno == EINVAL || errno == EOPNOTSUPP ? -EOPNOTSUPP
										 : -errno;
	st->known = true;
	st->exception = q.z.last_cc == VFIO_ZPCI_IO_CC_EXCEPTION;
	st->cc = q.z.last_cc;
	st->status = q.z.last_status;
	st->failures = q.z.failures;
	st->dropped = q.z.dropped;
	st->pcilg = q.z.pcilg;
	st->pcistb = q.z.pcistb;
	io->maxstbl_status = q.z.maxstbl;
	return 0;
}
