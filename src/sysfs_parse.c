// SPDX-License-Identifier: MIT
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysfs_parse.h"

static int parse_digits(const char *p, const char *end, int base, uint64_t *out)
{
	uint64_t v = 0;

	if (p == end)
		return -1;
	for (; p < end; p++) {
		int d;

		if (*p >= '0' && *p <= '9')
			d = *p - '0';
		else if (base == 16 && isxdigit((unsigned char)*p))
			d = tolower((unsigned char)*p) - 'a' + 10;
		else
			return -1;
		if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base)
			return -1;	/* overflow */
		v = v * (uint64_t)base + (uint64_t)d;
	}
	*out = v;
	return 0;
}

int zpci_parse_number(const char *buf, size_t len, uint64_t *out)
{
	const char *end = buf + len;

	if (len && end[-1] == '\n')
		end--;
	if (end - buf > 2 && buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X'))
		return parse_digits(buf + 2, end, 16, out);
	return parse_digits(buf, end, 10, out);
}

int zpci_parse_hex(const char *s, uint64_t *out)
{
	size_t len = strlen(s);

	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2, len -= 2;
	if (len > 16)
		return -1;
	return parse_digits(s, s + len, 16, out);
}

int zpci_parse_resource_line(const char *line, uint64_t *start, uint64_t *end, uint64_t *flags)
{
	unsigned long long s, e, f;
	int n = -1;

	if (sscanf(line, "0x%llx 0x%llx 0x%llx%n", &s, &e, &f, &n) != 3 || n < 0)
		return -1;
	if (line[n] != '\0' && line[n] != '\n')
		return -1;
	*start = s;
	*end = e;
	*flags = f;
	return 0;
}

int zpci_parse_pci_address(const char *s, unsigned int *domain, unsigned int *bus,
			   unsigned int *dev, unsigned int *func)
{
	const char *parts[4];
	size_t lens[4];
	int nparts = 0;
	const char *p = s, *q;
	uint64_t v[4];

	/* split at ':' and the final '.' */
	while (nparts < 3 && (q = strchr(p, ':'))) {
		parts[nparts] = p;
		lens[nparts++] = (size_t)(q - p);
		p = q + 1;
	}
	q = strchr(p, '.');
	if (!q || strchr(q + 1, '.') || strchr(q + 1, ':') || nparts < 1 || nparts > 2)
		return -1;
	parts[nparts] = p;
	lens[nparts++] = (size_t)(q - p);
	parts[nparts] = q + 1;
	lens[nparts++] = strlen(q + 1);
	for (int i = 0; i < nparts; i++)
		if (lens[i] == 0 || lens[i] > 8 || parse_digits(parts[i], parts[i] + lens[i], 16, &v[i]))
			return -1;
	if (nparts == 3) {
		memmove(&v[1], &v[0], 3 * sizeof(v[0]));
		v[0] = 0;
	}
	if (v[0] > 0xffffffffULL || v[1] > 0xff || v[2] > 0x1f || v[3] > 7 || lens[nparts - 1] != 1)
		return -1;
	*domain = (unsigned int)v[0];
	*bus = (unsigned int)v[1];
	*dev = (unsigned int)v[2];
	*func = (unsigned int)v[3];
	return 0;
}
