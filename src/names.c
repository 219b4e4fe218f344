// SPDX-License-Identifier: MIT
/*
 * Names and decodings that depend on nothing but their input: PFT names,
 * function states, the EBCDIC utility string. Kept apart from model.c so
 * host unit tests link them alone.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"

/*
 * PFT (PCI function type) names as IBM documents the adapters; the short
 * names are what --type accepts and what JSON's "type" carries.
 */
static const struct {
	unsigned int pft;
	const char *short_name, *long_name;
} pft_names[] = {
	{ 0x00, "unclassified", "unclassified" },
	{ 0x02, "roce", "RoCE Express" },
	{ 0x05, "ism", "ISM" },
	{ 0x0a, "roce2", "RoCE Express2/3" },
	{ 0x0b, "nvme", "NVMe" },
	{ 0x0c, "neth", "Network Express" },
	{ 0x0d, "cnw", "CNW" },
	{ 0x0f, "netd", "NETD" },
};
#define N_PFT (sizeof(pft_names) / sizeof(pft_names[0]))

const char *zpci_pft_long(unsigned int pft)
{
	for (size_t i = 0; i < N_PFT; i++)
		if (pft_names[i].pft == pft)
			return pft_names[i].long_name;
	return NULL;
}

const char *zpci_pft_short(unsigned int pft)
{
	for (size_t i = 0; i < N_PFT; i++)
		if (pft_names[i].pft == pft)
			return pft_names[i].short_name;
	return NULL;
}

int zpci_pft_parse(const char *name)
{
	char *end;
	unsigned long v;

	for (size_t i = 0; i < N_PFT; i++)
		if (strcasecmp(name, pft_names[i].short_name) == 0)
			return (int)pft_names[i].pft;
	if (!name[0])
		return -1;
	v = strtoul(name, &end, 0);
	if (*end || v > 0xff || name[0] == '-')
		return -1;
	return (int)v;
}

const char *zpci_fn_state_name(enum zpci_fn_state st)
{
	switch (st) {
	case ZPCI_FN_CONFIGURED: return "configured";
	case ZPCI_FN_STANDBY: return "standby";
	case ZPCI_FN_RESERVED: return "reserved";
	}
	return "unknown";
}

/* EBCDIC (code page 500/037 common subset) to ASCII for the characters a
 * utility string or PNET ID may hold; anything else becomes '.'. */
static char ebcdic_to_ascii(unsigned char c)
{
	static const char punct[][2] = {
		{ 0x40, ' ' }, { 0x4b, '.' }, { 0x4c, '<' }, { 0x4d, '(' }, { 0x4e, '+' },
		{ 0x50, '&' }, { 0x5c, '*' }, { 0x5d, ')' }, { 0x5e, ';' }, { 0x60, '-' },
		{ 0x61, '/' }, { 0x6b, ',' }, { 0x6c, '%' }, { 0x6d, '_' }, { 0x6e, '>' },
		{ 0x6f, '?' }, { 0x7a, ':' }, { 0x7b, '#' }, { 0x7c, '@' }, { 0x7d, '\'' },
		{ 0x7e, '=' }, { 0x7f, '"' },
	};

	if (c >= 0x81 && c <= 0x89) return (char)('a' + c - 0x81);
	if (c >= 0x91 && c <= 0x99) return (char)('j' + c - 0x91);
	if (c >= 0xa2 && c <= 0xa9) return (char)('s' + c - 0xa2);
	if (c >= 0xc1 && c <= 0xc9) return (char)('A' + c - 0xc1);
	if (c >= 0xd1 && c <= 0xd9) return (char)('J' + c - 0xd1);
	if (c >= 0xe2 && c <= 0xe9) return (char)('S' + c - 0xe2);
	if (c >= 0xf0 && c <= 0xf9) return (char)('0' + c - 0xf0);
	for (size_t i = 0; i < sizeof(punct) / sizeof(punct[0]); i++)
		if ((unsigned char)punct[i][0] == c)
			return punct[i][1];
	return '.';
}

/*
 * The kernel hands CLP's 64-byte utility string through unchanged
 * (pci_sysfs.c util_string_read). For networking functions it carries the
 * PNET IDs in EBCDIC, 16 bytes per port, blank- or NUL-padded:
 * drivers/s390/net/pnet.c copies zdev->util_str and net/smc indexes it by
 * port (smc_pnetid_by_dev_port).
 */
int zpci_util_pnet_ids(const struct zpci_sysfs_attrs *a, char out[4][17])
{
	int found = 0;

	for (int i = 0; i < 4; i++) {
		int len = 0;

		out[i][0] = '\0';
		for (int j = 0; j < 16 && (size_t)(i * 16 + j) < a->util_len; j++) {
			unsigned char c = a->util_string[i * 16 + j];

			if (c == 0x00 || c == 0x40)
				break;
			/* a PNET ID is letters, digits and a little punctuation
			 * (0x4b '.' included); anything else, such as the 0xff
			 * of an unset string, means this is no PNET ID */
			if (ebcdic_to_ascii(c) == '.' && c != 0x4b) {
				len = 0;
				break;
			}
			out[i][len++] = ebcdic_to_ascii(c);
		}
		out[i][len] = '\0';
		if (len)
			found++;
	}
	return found;
}

void zpci_util_ascii(const struct zpci_sysfs_attrs *a, char *out, size_t outlen)
{
	size_t n = 0;

	for (size_t i = 0; i < a->util_len && n + 1 < outlen; i++)
		out[n++] = a->util_string[i] ? ebcdic_to_ascii(a->util_string[i]) : ' ';
	while (n && out[n - 1] == ' ')
		n--;
	if (outlen)
		out[n] = '\0';
}
