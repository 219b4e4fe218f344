// SPDX-License-Identifier: MIT
#include "config.h"

#include <string.h>

#include "util_string.h"

#define EBCDIC_BLANK 0x40

/* Code page 500 and 037 agree on these; '\0' where there is no counterpart. */
static char ebcdic_char(uint8_t c)
{
	static const struct { uint8_t e; char a; } punct[] = {
		{ 0x4b, '.' }, { 0x4c, '<' }, { 0x4d, '(' }, { 0x4e, '+' }, { 0x50, '&' },
		{ 0x5c, '*' }, { 0x5d, ')' }, { 0x5e, ';' }, { 0x60, '-' }, { 0x61, '/' },
		{ 0x6b, ',' }, { 0x6c, '%' }, { 0x6d, '_' }, { 0x6e, '>' }, { 0x6f, '?' },
		{ 0x7a, ':' }, { 0x7b, '#' }, { 0x7c, '@' }, { 0x7d, '\'' }, { 0x7e, '=' },
		{ 0x7f, '"' },
	};

	if (c >= 0x81 && c <= 0x89) return (char)('a' + c - 0x81);
	if (c >= 0x91 && c <= 0x99) return (char)('j' + c - 0x91);
	if (c >= 0xa2 && c <= 0xa9) return (char)('s' + c - 0xa2);
	if (c >= 0xc1 && c <= 0xc9) return (char)('A' + c - 0xc1);
	if (c >= 0xd1 && c <= 0xd9) return (char)('J' + c - 0xd1);
	if (c >= 0xe2 && c <= 0xe9) return (char)('S' + c - 0xe2);
	if (c >= 0xf0 && c <= 0xf9) return (char)('0' + c - 0xf0);
	for (size_t i = 0; i < sizeof(punct) / sizeof(punct[0]); i++)
		if (punct[i].e == c)
			return punct[i].a;
	return '\0';
}

static bool is_pad(uint8_t c)
{
	return c == 0x00 || c == EBCDIC_BLANK;
}

void zpci_util_text(const uint8_t *util, size_t len, char *out, size_t outlen)
{
	size_t n = 0;

	if (!outlen)
		return;
	for (size_t i = 0; i < len && n + 1 < outlen; i++) {
		char a = is_pad(util[i]) ? ' ' : ebcdic_char(util[i]);

		out[n++] = a ? a : '.';
	}
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

/*
 * IDs are defined in the I/O configuration (HCD/IOCDS) as up to 16
 * alphanumeric characters; the kernel copies them and converts them with
 * EBCASC (drivers/s390/net/pnet.c). Letters, digits and the few marks a
 * configuration tool lets through count; a segment of anything else is
 * firmware padding or garbage, not an ID made of dots.
 */
static bool pnet_char(uint8_t c)
{
	char a = ebcdic_char(c);

	return (a >= 'A' && a <= 'Z') || (a >= 'a' && a <= 'z') || (a >= '0' && a <= '9') ||
	       a == '_' || a == '-' || a == '.' || a == '@' || a == '#';
}

int zpci_util_pnet_ids(const uint8_t *util, size_t len, char ids[4][ZPCI_PNET_ID_LEN + 1])
{
	int found = 0;

	for (size_t p = 0; p < 4; p++) {
		size_t start = p * ZPCI_PNET_ID_LEN, end = start + ZPCI_PNET_ID_LEN;
		bool valid = true;

		ids[p][0] = '\0';
		if (end > len)
			end = len;
		while (end > start && is_pad(util[end - 1]))
			end--;
		if (end <= start)
			continue;
		for (size_t i = start; i < end; i++)
			valid = valid && pnet_char(util[i]);
		if (!valid)
			continue;
		for (size_t i = start; i < end; i++)
			ids[p][i - start] = ebcdic_char(util[i]);
		ids[p][end - start] = '\0';
		found++;
	}
	return found;
}

bool zpci_util_blank(const uint8_t *util, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!is_pad(util[i]))
			return false;
	return true;
}
