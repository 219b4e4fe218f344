// SPDX-License-Identifier: MIT
/* Parsers of sysfs formats: the kernel's exact output and the garbage a broken tree holds. */
#include "config.h"
#include "sysfs_parse.h"
#include "unit.h"

static int num(const char *s, uint64_t *v)
{
	return zpci_parse_number(s, strlen(s), v);
}

int main(void)
{
	uint64_t v = 0, s, e, f;
	unsigned int d, b, dv, fn;

	/* formats of arch/s390/pci/pci_sysfs.c */
	CHECK(num("0x00000210\n", &v) == 0); CHECK_EQ_U64(v, 0x210);
	CHECK(num("0x0a\n", &v) == 0); CHECK_EQ_U64(v, 10);
	CHECK(num("1\n", &v) == 0); CHECK_EQ_U64(v, 1);
	CHECK(num("4294967295\n", &v) == 0); CHECK_EQ_U64(v, 0xffffffffULL);
	CHECK(num("0xFFFFFFFFFFFFFFFF", &v) == 0); CHECK_EQ_U64(v, UINT64_MAX);
	/* garbage */
	CHECK(num("", &v) != 0);
	CHECK(num("\n", &v) != 0);
	CHECK(num("0x", &v) != 0);
	CHECK(num("0x\n", &v) != 0);
	CHECK(num("zz\n", &v) != 0);
	CHECK(num("-1\n", &v) != 0);
	CHECK(num("12 \n", &v) != 0);
	CHECK(num("12\n\n", &v) != 0);
	CHECK(num("0x1ffffffffffffffffff\n", &v) != 0);
	CHECK(num("18446744073709551616", &v) != 0);
	CHECK(num("0x12g", &v) != 0);
	CHECK(zpci_parse_number("12\0" "3", 4, &v) != 0);	/* embedded NUL */

	CHECK(zpci_parse_hex("10", &v) == 0); CHECK_EQ_U64(v, 0x10);
	CHECK(zpci_parse_hex("0x10", &v) == 0); CHECK_EQ_U64(v, 0x10);
	CHECK(zpci_parse_hex("0x", &v) != 0);
	CHECK(zpci_parse_hex("", &v) != 0);
	CHECK(zpci_parse_hex("10000000000000000", &v) != 0);

	CHECK(zpci_parse_resource_line("0x8000000000000000 0x8000ffffffffffff 0x0000000000140204", &s, &e, &f) == 0);
	CHECK_EQ_U64(s, 0x8000000000000000ULL);
	CHECK_EQ_U64(e - s + 1, 1ULL << 48);
	CHECK_EQ_U64(f, 0x140204);
	CHECK(zpci_parse_resource_line("0x0 0x0 0x0\n", &s, &e, &f) == 0);
	CHECK(zpci_parse_resource_line("0x8000000000000000 garbage", &s, &e, &f) != 0);
	CHECK(zpci_parse_resource_line("0x1 0x2", &s, &e, &f) != 0);
	CHECK(zpci_parse_resource_line("0x1 0x2 0x3 0x4", &s, &e, &f) != 0);
	CHECK(zpci_parse_resource_line("", &s, &e, &f) != 0);

	CHECK(zpci_parse_pci_address("0001:00:00.0", &d, &b, &dv, &fn) == 0);
	CHECK_EQ_U64(d, 1); CHECK_EQ_U64(b, 0); CHECK_EQ_U64(dv, 0); CHECK_EQ_U64(fn, 0);
	CHECK(zpci_parse_pci_address("00:1f.7", &d, &b, &dv, &fn) == 0);
	CHECK_EQ_U64(d, 0); CHECK_EQ_U64(dv, 0x1f); CHECK_EQ_U64(fn, 7);
	CHECK(zpci_parse_pci_address("ffffffff:ff:1f.7", &d, &b, &dv, &fn) == 0);
	CHECK_EQ_U64(d, 0xffffffffU);
	CHECK(zpci_parse_pci_address("100000000:00:00.0", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("00:20.0", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("00:00.8", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("00:00.10", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("100:00.0", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("00:00", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("0:0:0:0.0", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address(":00.0", &d, &b, &dv, &fn) != 0);
	CHECK(zpci_parse_pci_address("00:00.0.0", &d, &b, &dv, &fn) != 0);
	return unit_done("test-sysfs-parse");
}
