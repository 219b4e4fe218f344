// SPDX-License-Identifier: MIT
/*
 * The byte order of the data zPCI I/O carries (bus order; register values
 * little-endian, verify words big-endian).
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "zpci_io.h"

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
