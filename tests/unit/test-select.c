// SPDX-License-Identifier: MIT
/* DEVICE selector parsing: each form, and what must be refused as malformed. */
#include "config.h"
#include <pci/pci.h>
#include "select.h"
#include "unit.h"

static struct zpci_selector sel;
static char err[128];

static int parse(const char *s)
{
	err[0] = '\0';
	return zpci_selector_parse(s, &sel, err, sizeof(err));
}

int main(void)
{
	struct zpci_fn fn;

	CHECK(parse("0001:00:00.0") == 0 && sel.kind == ZSEL_ADDR && sel.domain == 1);
	CHECK(parse("00:00.1") == 0 && sel.kind == ZSEL_ADDR && sel.domain == 0 && sel.func == 1);
	CHECK(parse("0x10") == 0 && sel.kind == ZSEL_FID && sel.id == 0x10);
	CHECK(parse("fid:10") == 0 && sel.kind == ZSEL_FID && sel.id == 0x10);
	CHECK(parse("fid:0xffffffff") == 0 && sel.id == 0xffffffffULL);
	CHECK(parse("fid:0x100000000") != 0 && strstr(err, "FID"));
	CHECK(parse("uid:0x1") == 0 && sel.kind == ZSEL_UID && sel.id == 1);
	CHECK(parse("uid:") != 0 && strstr(err, "UID"));
	CHECK(parse("/dev/nvme0") == 0 && sel.kind == ZSEL_NVME);
	CHECK_STREQ(sel.name, "nvme0");
	CHECK(parse("/dev/nvme12n3p4") == 0);
	CHECK_STREQ(sel.name, "nvme12");
	CHECK(parse("nvme1c2n3") == 0);
	CHECK_STREQ(sel.name, "nvme1");
	CHECK(parse("/dev/nvme") != 0);
	CHECK(parse("/dev/nvme0n") != 0);
	CHECK(parse("/dev/nvme0p1") != 0);
	CHECK(parse("/dev/sda") != 0);
	CHECK(parse("nvmeth0") == 0 && sel.kind == ZSEL_NETDEV);	/* an interface may start with nvme */
	CHECK(parse("ens256") == 0 && sel.kind == ZSEL_NETDEV);
	CHECK_STREQ(sel.name, "ens256");
	CHECK(parse("enP1p0s0") == 0 && sel.kind == ZSEL_NETDEV);
	CHECK(parse("0123456789abcdef") != 0);			/* IFNAMSIZ - 1 = 15 */
	CHECK(parse("a/b") != 0);
	CHECK(parse("a b") != 0);
	CHECK(parse("..") != 0);
	CHECK(parse("") != 0);
	CHECK(parse("zz:00.0") != 0 && err[0]);

	memset(&fn, 0, sizeof(fn));
	fn.state = ZPCI_FN_CONFIGURED;
	fn.domain = 0x10;
	fn.fid = 0x100;
	fn.fid_known = true;
	fn.zattr.uid.v = 0x10;
	fn.zattr.uid.st = ZV_OK;
	strcpy(fn.pci.netdevs[0], "ens256");
	strcpy(fn.pci.blockdevs[0], "nvme0");
	CHECK(parse("0010:00:00.0") == 0 && zpci_selector_match(&sel, &fn));
	CHECK(parse("10:00:00.0") == 0 && zpci_selector_match(&sel, &fn));
	CHECK(parse("00:00.0") == 0 && !zpci_selector_match(&sel, &fn));
	CHECK(parse("fid:100") == 0 && zpci_selector_match(&sel, &fn));
	CHECK(parse("uid:10") == 0 && zpci_selector_match(&sel, &fn));
	CHECK(parse("uid:11") == 0 && !zpci_selector_match(&sel, &fn));
	CHECK(parse("ens256") == 0 && zpci_selector_match(&sel, &fn));
	CHECK(parse("ens1") == 0 && !zpci_selector_match(&sel, &fn));
	CHECK(parse("/dev/nvme0n1") == 0 && zpci_selector_match(&sel, &fn));
	fn.zattr.uid.st = ZV_MALFORMED;		/* a malformed UID matches nothing */
	CHECK(parse("uid:10") == 0 && !zpci_selector_match(&sel, &fn));
	fn.state = ZPCI_FN_STANDBY;		/* standby: no PCI address to match */
	CHECK(parse("0010:00:00.0") == 0 && !zpci_selector_match(&sel, &fn));
	CHECK(parse("fid:0x100") == 0 && zpci_selector_match(&sel, &fn));

	/* selector prefixes in capitals, as people type them after "FID" in docs */
	CHECK(parse("FID:210") == 0 && sel.kind == ZSEL_FID && sel.id == 0x210);
	CHECK(parse("Uid:0x10") == 0 && sel.kind == ZSEL_UID && sel.id == 0x10);

	{
		struct zpci_ctx ctx = { 0 };

		CHECK(zpci_type_filter_add(&ctx, "ism") == ZX_OK);
		CHECK(ctx.type_set[0] == 1ULL << 0x05);
		CHECK(zpci_type_filter_add(&ctx, "0x0b,roce") == ZX_OK);
		/* roce is the family: RoCE Express (0x02) and Express2/3 (0x0a) */
		CHECK(ctx.type_set[0] == (1ULL << 0x05 | 1ULL << 0x0b | 1ULL << 0x02 | 1ULL << 0x0a));
		CHECK(zpci_type_filter_add(&ctx, "bogus") == ZX_USAGE);
		CHECK(zpci_type_filter_add(&ctx, "256") == ZX_USAGE);
		CHECK(zpci_type_filter_add(&ctx, "-1") == ZX_USAGE);
		CHECK(zpci_type_filter_add(&ctx, "") == ZX_USAGE);
		CHECK(zpci_type_filter_add(&ctx, "0xff") == ZX_OK && (ctx.type_set[3] >> 63) == 1);
	}
	{
		/* -d and -s in lspci's syntax through libpci's filter parser */
		struct zpci_ctx ctx = { .slot_filter = "0010::", .id_filter = "15b3:" };
		struct pci_filter f;
		struct zpci_fn g = fn;

		g.state = ZPCI_FN_CONFIGURED;
		g.domain = 0x10;
		g.pci.vendor.v = 0x15b3;
		g.pci.vendor.st = ZV_OK;
		CHECK(zpci_pci_filter_parse(&ctx, &f) == ZX_OK && zpci_pci_filter_match(&f, &g));
		g.domain = 0x11;
		CHECK(!zpci_pci_filter_match(&f, &g));
		g.domain = 0x10;
		g.pci.vendor.st = ZV_MALFORMED;	/* an unreadable vendor matches no -d */
		CHECK(!zpci_pci_filter_match(&f, &g));
		g.state = ZPCI_FN_STANDBY;
		ctx.slot_filter = NULL;
		ctx.id_filter = NULL;
		CHECK(zpci_pci_filter_parse(&ctx, &f) == ZX_OK && zpci_pci_filter_match(&f, &g));
		ctx.slot_filter = "0:0:0.9";
		CHECK(zpci_pci_filter_parse(&ctx, &f) == ZX_USAGE);
		ctx.slot_filter = NULL;
		ctx.id_filter = "1014";
		CHECK(zpci_pci_filter_parse(&ctx, &f) == ZX_USAGE);
	}
	return unit_done("test-select");
}
