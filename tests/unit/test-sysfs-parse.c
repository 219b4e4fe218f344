// SPDX-License-Identifier: MIT
/* Parsers of sysfs formats: the kernel's exact output and the garbage a broken tree holds. */
#include "config.h"
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "sysaccess.h"
#include "sysfs_parse.h"
#include "unit.h"

static int num(const char *s, uint64_t *v)
{
	return zpci_parse_number(s, strlen(s), v);
}

static const char *san(const char *in, size_t n, size_t outlen)
{
	static char out[256];

	zpci_sanitize(in, n, out, outlen);
	return out;
}

/* Strings from the system reach terminals and JSON only through zpci_sanitize. */
static void test_sanitize(void)
{
	CHECK_STREQ(san("mlx5_core", 9, 64), "mlx5_core");
	CHECK_STREQ(san("x\xff", 2, 64), "x\\xff");
	CHECK_STREQ(san("a\033[2J\a", 6, 64), "a\\x1b[2J\\x07");
	CHECK_STREQ(san("caf\xc3\xa9", 5, 64), "caf\xc3\xa9");		/* valid UTF-8 stays */
	CHECK_STREQ(san("\xc2\x9b", 2, 64), "\\xc2\\x9b");		/* C1 CSI is a control */
	CHECK_STREQ(san("\xc0\xaf", 2, 64), "\\xc0\\xaf");		/* overlong '/' */
	CHECK_STREQ(san("\xed\xa0\x80", 3, 64), "\\xed\\xa0\\x80");	/* surrogate */
	CHECK_STREQ(san("\xe2\x82", 2, 64), "\\xe2\\x82");		/* cut sequence */
	CHECK_STREQ(san("\x7f", 1, 64), "\\x7f");
	CHECK_STREQ(san("ab\0cd", 5, 64), "ab\\x00cd");		/* a NUL hides nothing */
	CHECK_STREQ(san("abcdefghij", 10, 8), "abcd...");
	CHECK_STREQ(san("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 7), "\xc3\xa9\xc3\xa9\xc3\xa9");
	CHECK_STREQ(san("\xc3\xa9\xc3\xa9\xc3\xa9", 6, 6), "\xc3\xa9...");	/* never half a character */
	CHECK_STREQ(san("\xff\xff", 2, 6), "...");
	CHECK_STREQ(san("\xff\xff", 2, 8), "\\xff...");
}

/* Bounded, non-blocking reads that say what was found instead of a file. */
static void test_file_read(void)
{
	char dir[] = "/tmp/zpcidiag-unit-XXXXXX", path[300], buf[16], base[32];
	FILE *f;

	if (!mkdtemp(dir))
		return;
	snprintf(path, sizeof(path), "%s/fifo", dir);
	CHECK(mkfifo(path, 0600) == 0);
	CHECK(zpci_file_read(path, buf, sizeof(buf), NULL) == -ZPCI_ENOTREG);
	unlink(path);
	CHECK(zpci_file_read(dir, buf, sizeof(buf), NULL) == -EISDIR);
	snprintf(path, sizeof(path), "%s/link", dir);
	CHECK(symlink("nowhere", path) == 0);
	CHECK(zpci_file_read(path, buf, sizeof(buf), NULL) == -ZPCI_EDANGLING);
	CHECK(zpci_link_resolve(path, base, sizeof(base), NULL, 0) == -ZPCI_EDANGLING);
	unlink(path);
	CHECK(symlink("link", path) == 0);
	CHECK(zpci_link_resolve(path, base, sizeof(base), NULL, 0) == -ELOOP);
	unlink(path);
	snprintf(path, sizeof(path), "%s/missing", dir);
	CHECK(zpci_file_read(path, buf, sizeof(buf), NULL) == -ENOENT);
	CHECK(zpci_link_resolve(path, base, sizeof(base), NULL, 0) == 1);
	snprintf(path, sizeof(path), "%s/long", dir);
	f = fopen(path, "w");
	if (f) {
		fputs("0123456789abcdefX", f);
		fclose(f);
	}
	CHECK(zpci_file_read(path, buf, 16, NULL) == -ZPCI_ETOOLONG);
	CHECK(zpci_link_resolve(path, base, sizeof(base), NULL, 0) == -ZPCI_ENOTLINK);
	{
		char big[32];

		CHECK(zpci_file_read(path, big, sizeof(big), NULL) == 17);
		CHECK(zpci_file_read_text(path, big, sizeof(big)) == 17 && strcmp(big, "0123456789abcdefX") == 0);
	}
	unlink(path);
	rmdir(dir);
	CHECK(zpci_driver_is_vfio("vfio-pci") && zpci_driver_is_vfio("zpci_vfio_pci") &&
	      zpci_driver_is_vfio("ism-vfio-pci") && zpci_driver_is_vfio("mlx5_vfio_pci"));
	CHECK(!zpci_driver_is_vfio("mlx5_core") && !zpci_driver_is_vfio("vfio") &&
	      !zpci_driver_is_vfio(""));
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
	test_sanitize();
	test_file_read();
	return unit_done("test-sysfs-parse");
}
