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

	return unit_done("test-names");
}
