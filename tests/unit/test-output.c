// SPDX-License-Identifier: MIT
/* lspci-compatible size suffixes and table value formatting. */
#include "config.h"
#include "output.h"
#include "unit.h"

static char buf[64];

static const char *sz(uint64_t v)
{
	return zpci_size_str(v, buf, sizeof(buf));
}

int main(void)
{
	struct zpci_fn fn;
	struct zv v = { 0x1f, ZV_OK };

	/* lspci show_size(): divide while exact, stop at T */
	CHECK_STREQ(sz(1ULL << 48), "256T");
	CHECK_STREQ(sz(1ULL << 40), "1T");
	CHECK_STREQ(sz(1ULL << 50), "1024T");
	CHECK_STREQ(sz(1ULL << 60), "1048576T");
	CHECK_STREQ(sz(4096), "4K");
	CHECK_STREQ(sz(16384), "16K");
	CHECK_STREQ(sz(1 << 20), "1M");
	CHECK_STREQ(sz(3ULL << 30), "3G");
	CHECK_STREQ(sz(1536), "1536");
	CHECK_STREQ(sz(1536ULL << 10), "1536K");
	CHECK_STREQ(sz(256), "256");
	CHECK_STREQ(sz(1), "1");
	CHECK_STREQ(sz(0), "0");
	CHECK_STREQ(sz(UINT64_MAX), "18446744073709551615");

	CHECK_STREQ(zpci_zv_str(&v, "0x%04llx", buf, sizeof(buf)), "0x001f");
	v.st = ZV_ABSENT;
	CHECK_STREQ(zpci_zv_str(&v, "0x%04llx", buf, sizeof(buf)), "-");
	v.st = ZV_MALFORMED;
	CHECK_STREQ(zpci_zv_str(&v, "0x%04llx", buf, sizeof(buf)), "?");

	memset(&fn, 0, sizeof(fn));
	fn.zattr.pft.st = ZV_OK;
	fn.zattr.pft.v = 0x0a;
	CHECK_STREQ(zpci_type_str(&fn, buf, sizeof(buf)), "RoCE Express2/3");
	fn.zattr.pft.v = 0x1e;
	CHECK_STREQ(zpci_type_str(&fn, buf, sizeof(buf)), "unknown (0x1e)");
	fn.zattr.pft.st = ZV_MALFORMED;
	CHECK_STREQ(zpci_type_str(&fn, buf, sizeof(buf)), "?");
	return unit_done("test-output");
}
