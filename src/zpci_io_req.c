// SPDX-License-Identifier: MIT
/*
 * zPCI I/O requests as user space builds them, and the byte order of the
 * data they carry (bus order; register values little-endian, verify words
 * big-endian).
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "zpci_io.h"

static void req_fill(struct vfio_zpci_io_req *r, uint64_t flags, int bar, uint64_t offset,
		     uint16_t len, const void *buf)
{
	memset(r, 0, sizeof(*r));
	r->flags = flags;
	r->gaddr = (uint64_t)(uintptr_t)buf;
	r->offset = offset;
	r->len = len;
	r->pcias = (uint8_t)bar;
}

void zpci_io_req_load(struct vfio_zpci_io_req *r, int bar, uint64_t offset,
		      uint16_t len, void *buf)
{
	req_fill(r, VFIO_ZPCI_IO_FLAG_READ, bar, offset, len, buf);
}

void zpci_io_req_store(struct vfio_zpci_io_req *r, int bar, uint64_t offset,
		       uint16_t len, const void *buf)
{
	req_fill(r, VFIO_ZPCI_IO_FLAG_BLOCKW, bar, offset, len, buf);
}

uint64_t zpci_io_le_value(const unsigned char *bus, unsigned int len)
{
	uint64_t v = 0;

	for (unsigned int i = len; i-- > 0;)
		v = v << 8 | bus[i];
	return v;
}

uint64_t zpci_io_get_be64(const unsigned char *bus)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | bus[i];
	return v;
}

void zpci_io_put_be64(unsigned char *bus, uint64_t word)
{
	for (int i = 7; i >= 0; i--, word >>= 8)
		bus[i] = (unsigned char)word;
}
