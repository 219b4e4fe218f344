// SPDX-License-Identifier: MIT
/*
 * Host tests of the vfio zPCI capability chain decoder with synthetic
 * replies laid out as the kernel builds them (vfio_info_add_capability:
 * header, body, next = offset of the following capability from the start
 * of struct vfio_device_info).
 */
#include "config.h"

#include <linux/vfio.h>
#include <linux/vfio_zdev.h>

#include "vfio_caps.h"
#include "unit.h"

/*
 * Linux 6.1's struct vfio_device_info is 20 bytes (no pad) and its first
 * capability sits at offset 20, 4-byte aligned: the replies here are built
 * the same way, so every access goes through memcpy.
 */
#define INFO_LEN_61 20
#define OFF_ARGSZ 0
#define OFF_CAP_OFFSET 16

static uint8_t buf[1024];
static size_t used;

static uint32_t get32(size_t off)
{
	uint32_t v;

	memcpy(&v, buf + off, 4);
	return v;
}

static void put32(size_t off, uint32_t v)
{
	memcpy(buf + off, &v, 4);
}

static void reply_start(uint32_t flags)
{
	uint32_t head[5] = { 0, flags, 9, 5, 0 };	/* argsz flags num_regions num_irqs cap_offset */

	memset(buf, 0, sizeof(buf));
	memcpy(buf, head, sizeof(head));
	used = INFO_LEN_61;
}

/* Append a capability (body: len bytes, header included); link it into the chain. */
static size_t cap_add_raw(uint16_t id, uint16_t version, const void *body, size_t len)
{
	struct vfio_info_cap_header h = { .id = id, .version = version, .next = 0 };
	size_t link = OFF_CAP_OFFSET, at = used;

	while (get32(link))
		link = get32(link) + offsetof(struct vfio_info_cap_header, next);
	put32(link, (uint32_t)at);
	if (body)
		memcpy(buf + at, body, len);
	memcpy(buf + at, &h, sizeof(h));
	used += (len + 3) & ~3UL;
	put32(OFF_ARGSZ, (uint32_t)used);
	return at;
}

static size_t cap_add(uint16_t id, uint16_t version, size_t len)
{
	return cap_add_raw(id, version, NULL, len);
}

static void add_base(uint16_t version)
{
	struct vfio_device_info_cap_zpci_base bb, *b = &bb;

	memset(b, 0, sizeof(*b));
	b->start_dma = 0x100000000ULL;
	b->end_dma = 0x13fffffffULL;
	b->pchid = 0x1c0;
	b->vfn = 0;
	b->fmb_length = 0x68;
	b->pft = 0;
	b->gid = 0xff;
	if (version >= 2)
		b->fh = 0x80020000;
	cap_add_raw(VFIO_DEVICE_INFO_CAP_ZPCI_BASE, version, b,
		    version >= 2 ? sizeof(*b) : offsetof(typeof(*b), fh));
}

static void add_group(uint16_t version, uint16_t maxstbl, uint16_t imaxstbl)
{
	struct vfio_device_info_cap_zpci_group gg, *g = &gg;

	memset(g, 0, sizeof(*g));
	g->dasm = 0;
	g->msi_addr = 0xfe00000000000000ULL;
	g->flags = VFIO_DEVICE_INFO_ZPCI_FLAG_REFRESH;
	g->mui = 4000;
	g->noi = 128;
	g->maxstbl = maxstbl;
	g->version = 0;
	if (version >= 2)
		g->imaxstbl = imaxstbl;
	cap_add_raw(VFIO_DEVICE_INFO_CAP_ZPCI_GROUP, version, g,
		    version >= 2 ? sizeof(*g) : offsetof(typeof(*g), reserved));
}

static void add_sized(uint16_t id, const void *data, uint32_t size)
{
	size_t at = cap_add(id, 1, sizeof(struct vfio_info_cap_header) + 4 + size);

	memcpy(buf + at + sizeof(struct vfio_info_cap_header), &size, 4);
	memcpy(buf + at + sizeof(struct vfio_info_cap_header) + 4, data, size);
}

/* What the emulator answers for virtio-net (testbed-notes): base v2,
 * group v2 with maxstbl = imaxstbl = 128, pfip v1, no util. */
static void test_emulator_chain_v2(void)
{
	static const uint8_t pfip[4] = { 0, 0, 0, 0 };
	struct zpci_vfio_info v;

	memset(&v, 0, sizeof(v));
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_base(2);
	add_group(2, 128, 128);
	add_sized(VFIO_DEVICE_INFO_CAP_ZPCI_PFIP, pfip, 4);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), 0);
	CHECK_STREQ(v.chain_error, "");
	CHECK_EQ_U64(v.ncaps, 3);
	CHECK_EQ_U64(v.caps[0].offset, 20);	/* as the 6.1 guest reports it */
	CHECK_EQ_U64(v.num_regions, 9);
	CHECK(v.base_valid && v.fh_valid);
	CHECK_EQ_U64(v.base_version, 2);
	CHECK_EQ_U64(v.start_dma, 0x100000000ULL);
	CHECK_EQ_U64(v.end_dma, 0x13fffffffULL);
	CHECK_EQ_U64(v.pchid, 0x1c0);
	CHECK_EQ_U64(v.fmb_length, 0x68);
	CHECK_EQ_U64(v.gid, 0xff);
	CHECK_EQ_U64(v.fh, 0x80020000);
	CHECK(v.group_valid && v.imaxstbl_valid);
	CHECK_EQ_U64(v.maxstbl, 128);
	CHECK_EQ_U64(v.imaxstbl, 128);
	CHECK_EQ_U64(v.noi, 128);
	CHECK_EQ_U64(v.mui, 4000);
	CHECK_EQ_U64(v.msi_addr, 0xfe00000000000000ULL);
	CHECK_EQ_U64(v.group_flags, 1);
	CHECK(v.pfip_valid);
	CHECK_EQ_U64(v.pfip_size, 4);
	CHECK(!v.util_valid);
	CHECK_STREQ(zpci_vfio_cap_name(v.caps[1].id), "zpci_group");
}

/* Linux 5.x kernels: group v1 has no imaxstbl, base v1 no fh. */
static void test_v1_caps_have_no_imaxstbl(void)
{
	struct zpci_vfio_info v;

	memset(&v, 0, sizeof(v));
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_base(1);
	add_group(1, 4096, 0);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), 0);
	CHECK(v.base_valid && !v.fh_valid);
	CHECK(v.group_valid && !v.imaxstbl_valid);
	CHECK_EQ_U64(v.group_version, 1);
	CHECK_EQ_U64(v.maxstbl, 4096);
}

/* With interpretation support the intercept limit and the hardware limit differ. */
static void test_maxstbl_128_imaxstbl_4096(void)
{
	struct zpci_vfio_info v;

	memset(&v, 0, sizeof(v));
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_group(2, 128, 4096);
	add_base(2);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), 0);
	CHECK_EQ_U64(v.maxstbl, 128);
	CHECK_EQ_U64(v.imaxstbl, 4096);
	CHECK_EQ_U64(v.caps[0].id, VFIO_DEVICE_INFO_CAP_ZPCI_GROUP);
}

static void test_util_with_pnet_and_unknown_cap(void)
{
	uint8_t util[64];
	struct zpci_vfio_info v;

	memset(&v, 0, sizeof(v));
	memset(util, 0x40, sizeof(util));
	util[0] = 0xd5; util[1] = 0xc5; util[2] = 0xe3; util[3] = 0xf1;	/* NET1 */
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	cap_add(99, 1, 16);
	add_sized(VFIO_DEVICE_INFO_CAP_ZPCI_UTIL, util, 64);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), 0);
	CHECK_EQ_U64(v.ncaps, 2);
	CHECK_STREQ(zpci_vfio_cap_name(v.caps[0].id), "unknown");
	CHECK(v.util_valid);
	CHECK_EQ_U64(v.util_size, 64);
	CHECK_EQ_U64(v.util_str[3], 0xf1);
}

static void test_broken_chains(void)
{
	size_t at;
	struct zpci_vfio_info v;

	/* a capability pointing back at itself would loop forever */
	memset(&v, 0, sizeof(v));
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_base(2);
	at = get32(OFF_CAP_OFFSET);
	CHECK_EQ_U64(at, INFO_LEN_61);
	put32(at + 4, (uint32_t)at);	/* next */
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(strstr(v.chain_error, "points back") != NULL);

	/* next beyond the reply */
	put32(at + 4, 900);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(strstr(v.chain_error, "outside") != NULL);

	/* version 2 claimed, but the group capability ends before imaxstbl */
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_group(1, 128, 0);
	at = get32(OFF_CAP_OFFSET);
	memcpy(buf + at + 2, &(uint16_t){ 2 }, 2);	/* version */
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(strstr(v.chain_error, "imaxstbl") != NULL);
	CHECK(v.group_valid && !v.imaxstbl_valid);

	/* util says more bytes follow than there are */
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_sized(VFIO_DEVICE_INFO_CAP_ZPCI_UTIL, "abcd", 4);
	put32(get32(OFF_CAP_OFFSET) + 8, 200);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(!v.util_valid);

	/* too short to be a device info at all */
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, 8, &v), (uint64_t)-1);
	/* a capability overlapping the 20-byte header */
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_base(2);
	put32(OFF_CAP_OFFSET, 12);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);

	/* no CAPS flag: the offset is not looked at */
	reply_start(VFIO_DEVICE_FLAGS_PCI);
	put32(OFF_CAP_OFFSET, 4000);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), 0);
	CHECK_EQ_U64(v.ncaps, 0);
}

int main(void)
{
	test_emulator_chain_v2();
	test_v1_caps_have_no_imaxstbl();
	test_maxstbl_128_imaxstbl_4096();
	test_util_with_pnet_and_unknown_cap();
	test_broken_chains();
	return unit_done("test-vfio-caps");
}
