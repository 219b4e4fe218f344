/* SPDX-License-Identifier: MIT */
/*
 * Device access for iotest: one open vfio device and the instruction path
 * its BAR regions take, decided by the driver that holds the function:
 * ZIO_PCISTB  zpci_vfio_pci, or upstream's ism-vfio-pci (Linux 7.1): one
 *             pwrite of 1..maxstbl bytes is one PCISTB, a pread is PCILG of
 *             8/4/2/1 bytes by alignment (uapi/vfio_zpci_io.h);
 * ZIO_SPLIT   vfio-pci (and any other vfio driver): vfio-pci-core splits
 *             every access into 8/4/2/1-byte loads and stores.
 * Offsets always come from VFIO_DEVICE_GET_REGION_INFO (vfio-pci: index << 40,
 * the PCISTB drivers: index << 48).
 */
#ifndef ZPCIDIAG_ZPCI_IO_DEV_H
#define ZPCIDIAG_ZPCI_IO_DEV_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/uio.h>

#include "vfio_dev.h"
#include "zpci_io.h"

enum zpci_io_path { ZIO_SPLIT = 0, ZIO_PCISTB };
/* "pcistb" or "vfio-pci-bar", stable for JSON */
const char *zpci_io_path_name(enum zpci_io_path p);
/* one line for people */
const char *zpci_io_path_text(enum zpci_io_path p);
/* the path a vfio driver's BAR regions take, by the driver's name */
enum zpci_io_path zpci_io_path_of_driver(const char *driver);

struct zpci_io_dev {
	struct zpci_vfio_dev vd;
	enum zpci_io_path path;
	bool ours;				/* zpci_vfio_pci: MSI-X and memory guards, status */
	bool has_status;			/* VFIO_DEVICE_FEATURE_ZPCI_IO answered */
	unsigned int offset_shift;		/* from region info: BAR1's offset is 1 << shift */
	/* the PCISTB drivers' limit; the caller replaces it with the model's
	 * effective value (zpci_maxstbl_view) */
	uint16_t maxstbl;
	const char *maxstbl_source;
	uint16_t maxstbl_status;		/* as the status feature reported it */
	unsigned char *noaccess;		/* one PROT_NONE page (reject matrix) */
	long page_size;
};

/* Open and pick the path. Prints "zpcidiag: ADDR: ..." on error and
 * returns ZX_UNAVAIL (not bound to vfio), ZX_PERM, ZX_IO. */
int zpci_io_dev_open(struct zpci_ctx *ctx, const struct zpci_fn *fn, const char *driver,
		     struct zpci_io_dev *io);
void zpci_io_dev_close(struct zpci_io_dev *io);

/* Size of BAR i as vfio reports it (0: not implemented). */
uint64_t zpci_io_dev_bar_size(const struct zpci_io_dev *io, int bar);

/* pread of len bytes at BAR offset off into out (bus order). 0 or -errno
 * (-EIO also for a short count). */
int zpci_io_dev_load(struct zpci_io_dev *io, int bar, uint64_t off, unsigned int len,
		     unsigned char *out);
/* pwrite of len bytes from data (bus order). 0 or -errno. */
int zpci_io_dev_store(struct zpci_io_dev *io, int bar, uint64_t off, const unsigned char *data,
		      unsigned int len);
/* pwritev of n iovecs at BAR offset off: one PCISTB each on ZIO_PCISTB.
 * Returns the bytes written or -errno. */
long zpci_io_dev_storev(struct zpci_io_dev *io, int bar, uint64_t off, const struct iovec *iov,
			int n);
/* Raw pread/pwrite at an offset within vfio region index (the reject
 * matrix): the count the kernel returned, or -errno. */
long zpci_io_dev_raw(struct zpci_io_dev *io, bool write, int region, uint64_t pos, void *buf,
		     size_t len);

/* PCI_COMMAND memory-space bit through vfio's config region. */
int zpci_io_dev_memory_decode(struct zpci_io_dev *io, bool on, uint16_t *old_cmd);
int zpci_io_dev_restore_command(struct zpci_io_dev *io, uint16_t cmd);
/* The MSI-X table as zpci_vfio_pci guards it (bar -1 when the function has
 * no MSI-X); from config space through vfio. */
void zpci_io_dev_msix_table(struct zpci_io_dev *io, struct zpci_io_protected *table);

/* The status VFIO_DEVICE_FEATURE_ZPCI_IO reports (zpci_vfio_pci only). */
struct zpci_io_status {
	bool known;			/* the driver keeps a status */
	bool exception;			/* a program exception, no condition code */
	uint8_t cc, status;
	uint32_t failures, dropped;
	uint64_t pcilg, pcistb;
};
/* 0, -EOPNOTSUPP (the driver keeps no status) or -errno. */
int zpci_io_dev_status(struct zpci_io_dev *io, struct zpci_io_status *st);

#endif
