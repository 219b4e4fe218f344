/* SPDX-License-Identifier: MIT */
/*
 * Device access for iotest: one open vfio device and the path its I/O takes.
 * ZIO_REGION: the zPCI I/O region of zpci_vfio_pci (PCILG/PCISTB exactly as
 * requested). ZIO_BAR: vfio's BAR regions, which is how the upstream
 * ism-vfio-pci driver (Linux 7.1) serves ISM (one pread of 1/2/4/8 bytes =
 * one PCILG, one pwrite = one PCISTB); on plain vfio-pci the same calls are
 * split by vfio into 8/4-byte accesses.
 */
#ifndef ZPCIDIAG_ZPCI_IO_DEV_H
#define ZPCIDIAG_ZPCI_IO_DEV_H

#include <stdbool.h>
#include <stdint.h>

#include "vfio_dev.h"
#include "zpci_io.h"

enum zpci_io_path { ZIO_AUTO = 0, ZIO_REGION, ZIO_BAR };
const char *zpci_io_path_name(enum zpci_io_path p);

struct zpci_io_dev {
	struct zpci_vfio_dev vd;
	enum zpci_io_path path;			/* resolved: ZIO_REGION or ZIO_BAR */
	const struct zpci_vfio_region *ioreg;	/* ZIO_REGION */
	struct vfio_zpci_io_hdr hdr;		/* ZIO_REGION: as read from the region */
	/* hdr.max; the caller replaces it with the model's effective value
	 * (zpci_maxstbl_view), which also covers the BAR path */
	uint16_t maxstbl;
	const char *maxstbl_source;
	unsigned char *buf;			/* 2 page-aligned pages: the request's gaddr */
	unsigned char *noaccess;		/* one PROT_NONE page (reject matrix) */
	long page_size;
};

/* Open and pick the path. Prints "zpcidiag: ADDR: ..." on error and
 * returns ZX_UNAVAIL (not bound, no region, module missing), ZX_PERM, ZX_IO. */
int zpci_io_dev_open(struct zpci_ctx *ctx, const struct zpci_fn *fn, const char *driver,
		     enum zpci_io_path want, struct zpci_io_dev *io);
void zpci_io_dev_close(struct zpci_io_dev *io);

/* Size of BAR i as vfio reports it (0: not implemented). */
uint64_t zpci_io_dev_bar_size(const struct zpci_io_dev *io, int bar);

/* One PCILG of len bytes into out (bus order). 0 or -errno. */
int zpci_io_dev_load(struct zpci_io_dev *io, int bar, uint64_t off, unsigned int len,
		     unsigned char *out);
/* One PCISTB of len bytes from data (bus order). 0 or -errno. */
int zpci_io_dev_store(struct zpci_io_dev *io, int bar, uint64_t off, const unsigned char *data,
		      unsigned int len);
/* Raw access to the zPCI I/O region (reject matrix): 0 when the kernel
 * accepted (returned len), else -errno. */
int zpci_io_dev_region_write(struct zpci_io_dev *io, const void *data, size_t len, uint64_t pos);
int zpci_io_dev_region_read(struct zpci_io_dev *io, void *data, size_t len, uint64_t pos);

/* PCI_COMMAND memory-space bit through vfio's config region. */
int zpci_io_dev_memory_decode(struct zpci_io_dev *io, bool on, uint16_t *old_cmd);
int zpci_io_dev_restore_command(struct zpci_io_dev *io, uint16_t cmd);
/* The MSI-X table as the module protects it (bar -1 when the function has
 * no MSI-X); from config space through vfio. */
void zpci_io_dev_msix_table(struct zpci_io_dev *io, struct zpci_io_protected *table);

/* The failure the region recorded for the latest failed instruction
 * (uapi: struct vfio_zpci_io_hdr). */
struct zpci_io_status {
	bool known;			/* the module keeps a status (newer modules) */
	bool exception;			/* a program exception, no condition code */
	uint8_t cc, status;
	uint32_t failures;
};
/* 0, -EOPNOTSUPP (no status kept: BAR path or an older module) or -errno. */
int zpci_io_dev_status(struct zpci_io_dev *io, struct zpci_io_status *st);

#endif
