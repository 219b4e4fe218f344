// SPDX-License-Identifier: MIT
/*
 * Decoding of "zpcidiag" netlink replies into the model, with messages built
 * the way the module builds them: the emulator's virtio-net function, a
 * linked VF on a kernel with non_mappable_bars, a function the model knows
 * only by FID, and malformed answers that must not reach the model.
 */
#include "config.h"
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include "sources.h"
#include "uapi/zpcidiag_netlink.h"
#include "unit.h"

#define FAKE_FAMILY 0x20

/* Link seam: source_kdiag.c records its status through model.c's helper;
 * the rest of model.c (the other sources) is not part of this test. */
void zpci_src_set(struct zpci_src_status *s, enum zpci_src_state state, const char *fmt, ...)
{
	s->state = state;
	s->reason = NULL;	/* nothing allocated: the seam keeps no reason */
	(void)fmt;
}

static int problems_recorded;
static char last_problem[32];
void zpci_fn_problem(struct zpci_fn *fn, enum zpci_severity severity, const char *code, const char *fmt, ...)
{
	(void)fn; (void)severity; (void)fmt;
	problems_recorded++;
	snprintf(last_problem, sizeof(last_problem), "%s", code);
}

static struct nl_msg *reply(void)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, FAKE_FAMILY, 0, 0, ZPCIDIAG_CMD_GET_FUNCTION, ZPCIDIAG_GENL_VERSION);
	return m;
}

static void put_bar(struct nl_msg *m, int idx, uint64_t size, uint64_t flags, int log2, uint32_t val)
{
	struct nlattr *bar = nla_nest_start(m, ZPCIDIAG_A_BAR);

	nla_put_u8(m, ZPCIDIAG_BAR_A_INDEX, idx);
	nla_put_u64(m, ZPCIDIAG_BAR_A_SIZE, size);
	nla_put_u64(m, ZPCIDIAG_BAR_A_FLAGS, flags);
	nla_put_u8(m, ZPCIDIAG_BAR_A_SIZE_LOG2, log2);
	nla_put_u32(m, ZPCIDIAG_BAR_A_VAL, val);
	nla_nest_end(m, bar);
}

/* What the 6.1 test kernel reports for QEMU's virtio-net-pci at uid 1, fid 0x10. */
static struct nl_msg *virtio_net_6_1(void)
{
	struct nl_msg *m = reply();
	struct nlattr *bars;

	nla_put_string(m, ZPCIDIAG_A_PCI_ADDR, "0001:00:00.0");
	nla_put_u8(m, ZPCIDIAG_A_IS_VIRTFN, 0);
	nla_put_u8(m, ZPCIDIAG_A_NO_COMMAND_MEMORY, 0);
	nla_put_u32(m, ZPCIDIAG_A_FID, 0x10);
	nla_put_u32(m, ZPCIDIAG_A_FH, 0x80020000);
	nla_put_u32(m, ZPCIDIAG_A_UID, 1);
	nla_put_u16(m, ZPCIDIAG_A_PCHID, 0);
	nla_put_u8(m, ZPCIDIAG_A_PFGID, 0xff);
	nla_put_u16(m, ZPCIDIAG_A_VFN, 0);
	nla_put_u16(m, ZPCIDIAG_A_MAXSTBL, 128);
	nla_put_u8(m, ZPCIDIAG_A_DTSM, 0x40);
	nla_put_u64(m, ZPCIDIAG_A_START_DMA, 0x100000000ull);
	nla_put_u64(m, ZPCIDIAG_A_END_DMA, 0x13fffffffull);
	nla_put_u64(m, ZPCIDIAG_A_MSI_ADDR, 0xfe00000000000000ull);
	nla_put_u8(m, ZPCIDIAG_A_MIO_CAPABLE, 0);
	nla_put_u8(m, ZPCIDIAG_A_RID_AVAILABLE, 0);
	nla_put_u32(m, ZPCIDIAG_A_STATE_RAW, 1);	/* ZPCI_FN_STATE_CONFIGURED on 6.1 */
	nla_put_u8(m, ZPCIDIAG_A_STATE, ZPCIDIAG_STATE_CONFIGURED);
	bars = nla_nest_start(m, ZPCIDIAG_A_BARS);
	put_bar(m, 0, 0, 0, 5, 0x1);			/* virtio's I/O BAR: CLP only */
	put_bar(m, 1, 0x1000, 0x40200, 12, 0);
	put_bar(m, 4, 0x4000, 0x14220c, 14, 0xc);
	nla_nest_end(m, bars);
	return m;
}

static struct zpci_system two_functions(struct zpci_fn fns[2])
{
	struct zpci_system sys = { .fns = fns, .nfns = 2 };

	memset(fns, 0, 2 * sizeof(*fns));
	strcpy(fns[0].address, "0001:00:00.0");
	fns[0].fid = 0x10;
	fns[0].fid_known = true;
	fns[1].fid = 0x20;		/* standby: no address */
	fns[1].fid_known = true;
	fns[1].state = ZPCI_FN_STANDBY;
	return sys;
}

static void test_virtio_net(void)
{
	struct zpci_fn fns[2];
	struct zpci_system sys = two_functions(fns);
	struct nl_msg *m = virtio_net_6_1();
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];

	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) == 0);
	CHECK_STREQ(addr, "0001:00:00.0");
	CHECK(k.valid);
	CHECK_EQ_U64(k.fh.v, 0x80020000);
	CHECK_EQ_U64(k.pfgid.v, 0xff);
	CHECK_EQ_U64(k.maxstbl.v, 128);
	CHECK_EQ_U64(k.end_dma.v, 0x13fffffffull);
	CHECK_EQ_U64(k.msi_addr.v, 0xfe00000000000000ull);
	CHECK(zv_ok(k.no_command_memory) && k.no_command_memory.v == 0);
	/* facts a 6.1 kernel does not have stay absent, not "no" */
	CHECK(k.non_mappable_bars.st == ZV_ABSENT);
	CHECK(zv_ok(k.state) && k.state.v == ZPCIDIAG_STATE_CONFIGURED);
	CHECK_STREQ(zpci_kdiag_state_name(&k.state), "configured");
	CHECK(zv_ok(k.state_raw) && k.state_raw.v == 1);
	CHECK(k.rid.st == ZV_ABSENT);
	CHECK(k.devfn.st == ZV_ABSENT);
	CHECK(k.bars[0].present && k.bars[0].size == 0 && k.bars[0].size_log2.v == 5);
	CHECK(k.bars[4].present && k.bars[4].size == 0x4000 && k.bars[4].flags == 0x14220c);
	CHECK(!k.bars[2].present);
	/* sysfs agrees on BAR4 and (wrongly, for the test) not on BAR1 */
	fns[0].bars[1].present = fns[0].bars[4].present = true;
	fns[0].bars[1].size = 0x2000;
	fns[0].bars[4].size = 0x4000;
	CHECK(zpci_kdiag_apply(&sys, &k, addr) == &fns[0]);
	CHECK(zpci_fn_kdiag(&fns[0])->valid && fns[0].src_kdiag.state == ZS_OK);
	CHECK(fns[0].bars[4].kernel_known);
	CHECK(!fns[0].bars[1].kernel_known);
	CHECK(problems_recorded == 1);
	CHECK_STREQ(last_problem, "kdiag-bar-size");
	/* the kernel's no_command_memory=0 is now known, not inferred */
	CHECK(fns[0].vf.no_command_memory_known && fns[0].vf.no_command_memory == ZT_NO);
	CHECK(!zpci_fn_kdiag(&fns[1])->valid);
	zpci_fn_free(&fns[0]);
	zpci_fn_free(&fns[1]);
	nlmsg_free(m);
}

static void test_linked_vf_6_15(void)
{
	struct nl_msg *m = reply();
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];

	nla_put_string(m, ZPCIDIAG_A_PCI_ADDR, "0002:00:00.1");
	nla_put_u32(m, ZPCIDIAG_A_FID, 0x101);
	nla_put_u16(m, ZPCIDIAG_A_VFN, 1);
	nla_put_u8(m, ZPCIDIAG_A_IS_VIRTFN, 1);
	nla_put_string(m, ZPCIDIAG_A_PF_ADDR, "0002:00:00.0");
	nla_put_u8(m, ZPCIDIAG_A_NO_COMMAND_MEMORY, 1);
	nla_put_u8(m, ZPCIDIAG_A_NON_MAPPABLE_BARS, 0);
	nla_put_u8(m, ZPCIDIAG_A_RID_AVAILABLE, 1);
	nla_put_u8(m, ZPCIDIAG_A_DEVFN, 1);
	nla_put_u32(m, ZPCIDIAG_A_RID, 0x0101);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) == 0);
	CHECK_STREQ(k.pf_addr, "0002:00:00.0");
	CHECK(k.no_command_memory.v == 1 && k.is_virtfn.v == 1);
	CHECK(zv_ok(k.non_mappable_bars) && k.non_mappable_bars.v == 0);
	CHECK_EQ_U64(k.rid.v, 0x101);
	CHECK_EQ_U64(k.devfn.v, 1);
	nlmsg_free(m);
}

/*
 * The ABI's state values are those of every kernel since 5.x (STANDBY 0,
 * CONFIGURED 1, RESERVED 2), not the old enum (RESERVED 0 .. ONLINE 3); a
 * kernel value the module cannot name arrives only raw.
 */
static void test_state(void)
{
	static const struct { int uapi; const char *name; } states[] = {
		{ ZPCIDIAG_STATE_STANDBY, "standby" },
		{ ZPCIDIAG_STATE_CONFIGURED, "configured" },
		{ ZPCIDIAG_STATE_RESERVED, "reserved" },
	};
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];
	struct nl_msg *m;

	CHECK_EQ_U64(ZPCIDIAG_STATE_STANDBY, 0);
	CHECK_EQ_U64(ZPCIDIAG_STATE_CONFIGURED, 1);
	CHECK_EQ_U64(ZPCIDIAG_STATE_RESERVED, 2);
	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++) {
		m = reply();
		nla_put_u32(m, ZPCIDIAG_A_FID, 0x10);
		nla_put_u8(m, ZPCIDIAG_A_STATE, states[i].uapi);
		nla_put_u32(m, ZPCIDIAG_A_STATE_RAW, states[i].uapi);
		CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) == 0);
		CHECK_STREQ(zpci_kdiag_state_name(&k.state), states[i].name);
		nlmsg_free(m);
	}
	/* a future kernel state: raw only, no translated name */
	m = reply();
	nla_put_u32(m, ZPCIDIAG_A_FID, 0x10);
	nla_put_u32(m, ZPCIDIAG_A_STATE_RAW, 7);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) == 0);
	CHECK(zpci_kdiag_state_name(&k.state) == NULL);
	CHECK(zv_ok(k.state_raw) && k.state_raw.v == 7);
	nlmsg_free(m);
	/* a translated value newer than this build */
	m = reply();
	nla_put_u32(m, ZPCIDIAG_A_FID, 0x10);
	nla_put_u8(m, ZPCIDIAG_A_STATE, 9);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) == 0);
	CHECK_STREQ(zpci_kdiag_state_name(&k.state), "unknown");
	nlmsg_free(m);
	/* the raw value is a u32: a u8 in its place is malformed */
	m = reply();
	nla_put_u32(m, ZPCIDIAG_A_FID, 0x10);
	nla_put_u8(m, ZPCIDIAG_A_STATE_RAW, 1);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) < 0);
	nlmsg_free(m);
}

static void test_match_by_fid(void)
{
	struct zpci_fn fns[2];
	struct zpci_system sys = two_functions(fns);
	struct nl_msg *m = reply();
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];

	nla_put_u32(m, ZPCIDIAG_A_FID, 0x20);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) == 0);
	CHECK_STREQ(addr, "");
	CHECK(zpci_kdiag_apply(&sys, &k, addr) == &fns[1]);
	k.fid.v = 0x30;			/* unknown to the model */
	CHECK(zpci_kdiag_apply(&sys, &k, addr) == NULL);
	zpci_fn_free(&fns[0]);
	zpci_fn_free(&fns[1]);
	nlmsg_free(m);
}

static void test_malformed(void)
{
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];
	struct nl_msg *m;
	struct nlattr *bars, *bar;

	/* neither address nor FID: cannot be matched */
	m = reply();
	nla_put_u16(m, ZPCIDIAG_A_MAXSTBL, 128);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) < 0);
	nlmsg_free(m);

	/* FID truncated to 2 bytes */
	m = reply();
	nla_put_u16(m, ZPCIDIAG_A_FID, 0x10);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) < 0);
	CHECK(!k.valid);
	nlmsg_free(m);

	/* BAR index out of range */
	m = reply();
	nla_put_u32(m, ZPCIDIAG_A_FID, 0x10);
	bars = nla_nest_start(m, ZPCIDIAG_A_BARS);
	bar = nla_nest_start(m, ZPCIDIAG_A_BAR);
	nla_put_u8(m, ZPCIDIAG_BAR_A_INDEX, 6);
	nla_nest_end(m, bar);
	nla_nest_end(m, bars);
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) < 0);
	nlmsg_free(m);

	/* an over-long address is cut, never overflows */
	m = reply();
	nla_put_string(m, ZPCIDIAG_A_PCI_ADDR, "0001:00:00.0-much-too-long-a-name");
	CHECK(zpci_kdiag_parse(nlmsg_hdr(m), &k, addr, sizeof(addr)) < 0 ||
	      strlen(addr) < sizeof(addr));
	nlmsg_free(m);
}

int main(void)
{
	test_virtio_net();
	test_linked_vf_6_15();
	test_state();
	test_match_by_fid();
	test_malformed();
	return unit_done("test-kdiag-parse");
}
