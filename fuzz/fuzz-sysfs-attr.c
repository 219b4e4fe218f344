// SPDX-License-Identifier: MIT
/*
 * Number attributes as read from sysfs (bytes, not a string: the reader
 * passes the length it got), and the same bytes as a hex selector and a PCI
 * address. Accepted values are checked against an independent reading.
 */
#include "config.h"

#include <inttypes.h>
#include "fuzz.h"
#include "sysfs_parse.h"

/* What zpci_parse_number() promises, written the slow obvious way. */
static int reference_number(const uint8_t *d, size_t n, uint64_t *out)
{
	unsigned base = 10;
	unsigned __int128 v = 0;
	size_t i = 0;

	if (n && d[n - 1] == '\n')
		n--;
	if (n > 2 && d[0] == '0' && (d[1] == 'x' || d[1] == 'X'))
		base = 16, i = 2;
	if (i == n)
		return -1;
	for (; i < n; i++) {
		unsigned digit;

		if (d[i] >= '0' && d[i] <= '9')
			digit = d[i] - '0';
		else if (base == 16 && d[i] >= 'a' && d[i] <= 'f')
			digit = d[i] - 'a' + 10;
		else if (base == 16 && d[i] >= 'A' && d[i] <= 'F')
			digit = d[i] - 'A' + 10;
		else
			return -1;
		v = v * base + digit;
		if (v > UINT64_MAX)
			return -1;
	}
	*out = (uint64_t)v;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint64_t v = 0, ref = 0;
	unsigned int dom, bus, dev, fn;
	int rc, rrc;
	char *s;

	rc = zpci_parse_number((const char *)data, size, &v);
	rrc = reference_number(data, size, &ref);
	if (rc != rrc || (rc == 0 && v != ref))
		fuzz_fail("zpci_parse_number: rc %d value 0x%" PRIx64 ", reference rc %d value 0x%"
			  PRIx64, rc, v, rrc, ref);

	s = fuzz_strdup(data, size);
	if (zpci_parse_hex(s, &v) == 0 && strlen(s) > 18)
		fuzz_fail("zpci_parse_hex accepted %zu characters", strlen(s));
	if (zpci_parse_pci_address(s, &dom, &bus, &dev, &fn) == 0) {
		char again[32];
		unsigned int d2, b2, v2, f2;

		if (bus > 0xff || dev > 0x1f || fn > 7)
			fuzz_fail("address %x:%x:%x.%x out of range", dom, bus, dev, fn);
		snprintf(again, sizeof(again), "%08x:%02x:%02x.%x", dom, bus, dev, fn);
		if (zpci_parse_pci_address(again, &d2, &b2, &v2, &f2) ||
		    d2 != dom || b2 != bus || v2 != dev || f2 != fn)
			fuzz_fail("address %s does not read back", again);
	}
	free(s);
	return 0;
}
