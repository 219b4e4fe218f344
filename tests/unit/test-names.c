// SPDX-License-Identifier: MIT
/* PFT names, --type parsing and function state names. */
#include "config.h"
#include "model.h"
#include "unit.h"

int main(void)
{
	static const struct { unsigned int pft; const char *s, *l; } t[] = {
		{ 0x00, "unclassified", "unclassified" }, { 0x02, "roce", "RoCE Express" },
		{ 0x05, "ism", "ISM" }, { 0x0a, "roce2", "RoCE Express2/3" },
		{ 0x0b, "nvme", "NVMe" }, { 0x0c, "neth", "Network Express" },
		{ 0x0d, "cnw", "CNW" }, { 0x0f, "netd", "NETD" },
	};

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

	/* source states: one table for people, JSON and reports; old reports still read */
	for (int st = ZS_NOT_TRIED; st <= ZS_ERROR; st++)
		CHECK(zpci_src_state_parse(zpci_src_state_id((enum zpci_src_state)st)) == st);
	CHECK_STREQ(zpci_src_state_id(ZS_NO_PERMISSION), "no_permission");
	CHECK_STREQ(zpci_src_state_text(ZS_NO_PERMISSION), "no permission");
	CHECK(zpci_src_state_parse("not-tried") == ZS_NOT_TRIED);
	CHECK(zpci_src_state_parse("no-permission") == ZS_NO_PERMISSION);
	CHECK(zpci_src_state_parse("not tried") == -1);
	CHECK(zpci_src_state_exit(ZS_UNAVAILABLE, ZX_IO) == ZX_UNAVAIL);
	CHECK(zpci_src_state_exit(ZS_NO_PERMISSION, ZX_IO) == ZX_PERM);
	CHECK(zpci_src_state_exit(ZS_ERROR, ZX_DATA) == ZX_DATA);
	CHECK(zpci_src_state_exit(ZS_OK, ZX_DATA) == ZX_OK);

	return unit_done("test-names");
}
