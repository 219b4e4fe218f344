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

static uint8_t buf[1024];
static size_t used;

static void reply_start(uint32_t flags)
{
	struct vfio_device_info di = {
		.argsz = 0, .flags = flags, .num_regions = 9, .num_irqs = 5, .cap_offset = 0,
	};

	memset(buf, 0, sizeof(buf));
	memcpy(buf, &di, sizeof(di));
	used = sizeof(di);
}

/* Append a capability of len bytes (header included); link it into the chain. */
static void *cap_add(uint16_t id, uint16_t version, size_t len)
{
	struct vfio_device_info *di = (void *)buf;
	struct vfio_info_cap_header *h = (void *)(buf + used);
	uint32_t *link = &di->cap_offset;

	while (*link) {
		struct vfio_info_cap_header *c = (void *)(buf + *link);

		link = &c->next;
	}
	*link = (uint32_t)used;
	h->id = id;
	h->version = version;
	h->next = 0;
	used += (len + 7) & ~7UL;
	di->argsz = (uint32_t)used;
	return h;
}

static void add_base(uint16_t version)
{
	struct vfio_device_info_cap_zpci_base *b =
		cap_add(VFIO_DEVICE_INFO_CAP_ZPCI_BASE, version,
			version >= 2 ? sizeof(*b) : offsetof(typeof(*b), fh));

	b->start_dma = 0x100000000ULL;
	b->end_dma = 0x13fffffffULL;
	b->pchid = 0x1c0;
	b->vfn = 0;
	b->fmb_length = 0x68;
	b->pft = 0;
	b->gid = 0xff;
	if (version >= 2)
		b->fh = 0x80020000;
}

static void add_group(uint16_t version, uint16_t maxstbl, uint16_t imaxstbl)
{
	struct vfio_device_info_cap_zpci_group *g =
		cap_add(VFIO_DEVICE_INFO_CAP_ZPCI_GROUP, version,
			version >= 2 ? sizeof(*g) : offsetof(typeof(*g), reserved));

	g->dasm = 0;
	g->msi_addr = 0xfe00000000000000ULL;
	g->flags = VFIO_DEVICE_INFO_ZPCI_FLAG_REFRESH;
	g->mui = 4000;
	g->noi = 128;
	g->maxstbl = maxstbl;
	g->version = 0;
	if (version >= 2)
		g->imaxstbl = imaxstbl;
}

static void add_sized(uint16_t id, const void *data, uint32_t size)
{
	uint8_t *p = cap_add(id, 1, sizeof(struct vfio_info_cap_header) + 4 + size);

	memcpy(p + sizeof(struct vfio_info_cap_header), &size, 4);
	memcpy(p + sizeof(struct vfio_info_cap_header) + 4, data, size);
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
	struct vfio_device_info *di = (void *)buf;
	struct vfio_info_cap_header *h;
	struct zpci_vfio_info v;

	/* a capability pointing back at itself would loop forever */
	memset(&v, 0, sizeof(v));
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_base(2);
	h = (void *)(buf + di->cap_offset);
	h->next = di->cap_offset;
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(strstr(v.chain_error, "points back") != NULL);

	/* next beyond the reply */
	h->next = 900;
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(strstr(v.chain_error, "outside") != NULL);

	/* version 2 claimed, but the group capability ends before imaxstbl */
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_group(1, 128, 0);
	h = (void *)(buf + di->cap_offset);
	h->version = 2;
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(strstr(v.chain_error, "imaxstbl") != NULL);
	CHECK(v.group_valid && !v.imaxstbl_valid);

	/* util says more bytes follow than there are */
	reply_start(VFIO_DEVICE_FLAGS_PCI | VFIO_DEVICE_FLAGS_CAPS);
	add_sized(VFIO_DEVICE_INFO_CAP_ZPCI_UTIL, "abcd", 4);
	memcpy(buf + di->cap_offset + 8, &(uint32_t){ 200 }, 4);
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, used, &v), (uint64_t)-1);
	CHECK(!v.util_valid);

	/* too short to be a device info at all */
	CHECK_EQ_U64(zpci_vfio_caps_decode(buf, 8, &v), (uint64_t)-1);

	/* no CAPS flag: the offset is not looked at */
	reply_start(VFIO_DEVICE_FLAGS_PCI);
	di->cap_offset = 4000;
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
