// SPDX-License-Identifier: MIT
/* PFT names, --type parsing and the EBCDIC utility string / PNET ID decoding. */
#include "config.h"
#include "model.h"
#include "unit.h"

static void set_util(struct zpci_sysfs_attrs *a, const unsigned char *b, size_t n)
{
	memset(a, 0, sizeof(*a));
	memcpy(a->util_string, b, n);
	a->util_len = n;
	a->util_present = true;
}

int main(void)
{
	static const struct { unsigned int pft; const char *s, *l; } t[] = {
		{ 0x00, "unclassified", "unclassified" }, { 0x02, "roce", "RoCE Express" },
		{ 0x05, "ism", "ISM" }, { 0x0a, "roce2", "RoCE Express2/3" },
		{ 0x0b, "nvme", "NVMe" }, { 0x0c, "neth", "Network Express" },
		{ 0x0d, "cnw", "CNW" }, { 0x0f, "netd", "NETD" },
	};
	/* "NETA" blank padded at port 0, "PNET_1" at port 2, EBCDIC */
	unsigned char util[64];
	struct zpci_sysfs_attrs a;
	char ids[4][17], text[65];

	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		CHECK_STREQ(zpci_pft_short(t[i].pft), t[i].s);
		CHECK_STREQ(zpci_pft_long(t[i].pft), t[i].l);
		CHECK(zpci_pft_parse(t[i].s) == (int)t[i].pft);
	}
	CHECK(zpci_pft_short(0x1e) == NULL);
	CHECK(zpci_pft_long(0x01) == NULL);
	CHECK(zpci_pft_parse("RoCE2") == 0x0a);
	CHECK(zpci_pft_parse("0x1e") == 0x1e);
	CHECK(zpci_pft_parse("5") == 5);
	CHECK(zpci_pft_parse("") == -1);
	CHECK(zpci_pft_parse("0x100") == -1);
	CHECK(zpci_pft_parse("5x") == -1);
	CHECK_STREQ(zpci_fn_state_name(ZPCI_FN_STANDBY), "standby");
	CHECK_STREQ(zpci_fn_state_name(ZPCI_FN_CONFIGURED), "configured");

	memset(util, 0x40, sizeof(util));
	memcpy(util, "\xd5\xc5\xe3\xc1", 4);				/* NETA */
	memcpy(util + 32, "\xd7\xd5\xc5\xe3\x6d\xf1", 6);		/* PNET_1 */
	set_util(&a, util, sizeof(util));
	CHECK(zpci_util_pnet_ids(&a, ids) == 2);
	CHECK_STREQ(ids[0], "NETA");
	CHECK_STREQ(ids[1], "");
	CHECK_STREQ(ids[2], "PNET_1");
	CHECK_STREQ(ids[3], "");
	zpci_util_ascii(&a, text, sizeof(text));
	CHECK(strncmp(text, "NETA ", 5) == 0);
	CHECK(strstr(text, "PNET_1") != NULL);

	/* all zero (QEMU, no utility string) and truncated to 3 bytes */
	memset(util, 0, sizeof(util));
	set_util(&a, util, sizeof(util));
	CHECK(zpci_util_pnet_ids(&a, ids) == 0);
	zpci_util_ascii(&a, text, sizeof(text));
	CHECK_STREQ(text, "");
	set_util(&a, (const unsigned char *)"\xd5\xc5\xe3", 3);
	CHECK(zpci_util_pnet_ids(&a, ids) == 1);
	CHECK_STREQ(ids[0], "NET");
	/* bytes no PNET ID holds (the 0xff of an unset string): no PNET ID,
	 * while the text rendering shows them as '.', never raw */
	set_util(&a, (const unsigned char *)"\x01\xff\xc1", 3);
	CHECK(zpci_util_pnet_ids(&a, ids) == 0);
	CHECK_STREQ(ids[0], "");
	zpci_util_ascii(&a, text, sizeof(text));
	CHECK_STREQ(text, "..A");
	memset(&a, 0, sizeof(a));
	{
		unsigned char ff[64];

		memset(ff, 0xff, sizeof(ff));
		set_util(&a, ff, sizeof(ff));
		CHECK(zpci_util_pnet_ids(&a, ids) == 0);
	}
	return unit_done("test-names");
}
