// SPDX-License-Identifier: MIT
/*
 * Source: the zpcidiag_diag kernel module over generic netlink (family
 * "zpcidiag", kmod/include/uapi/zpcidiag_netlink.h). One dump answers for
 * every function; messages are matched to the model by PCI address, or by
 * FID when the address is unknown to the model.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "sources.h"
#include "uapi/zpcidiag_netlink.h"

static struct nla_policy kdiag_policy[ZPCIDIAG_A_MAX + 1] = {
	[ZPCIDIAG_A_PCI_ADDR] = { .type = NLA_STRING, .maxlen = 32 },
	[ZPCIDIAG_A_FID] = { .type = NLA_U32 },
	[ZPCIDIAG_A_FH] = { .type = NLA_U32 },
	[ZPCIDIAG_A_UID] = { .type = NLA_U32 },
	[ZPCIDIAG_A_PCHID] = { .type = NLA_U16 },
	[ZPCIDIAG_A_PFGID] = { .type = NLA_U8 },
	[ZPCIDIAG_A_VFN] = { .type = NLA_U16 },
	[ZPCIDIAG_A_PFT] = { .type = NLA_U8 },
	[ZPCIDIAG_A_PORT] = { .type = NLA_U8 },
	[ZPCIDIAG_A_MAXSTBL] = { .type = NLA_U16 },
	[ZPCIDIAG_A_DTSM] = { .type = NLA_U8 },
	[ZPCIDIAG_A_VERSION] = { .type = NLA_U8 },
	[ZPCIDIAG_A_START_DMA] = { .type = NLA_U64 },
	[ZPCIDIAG_A_END_DMA] = { .type = NLA_U64 },
	[ZPCIDIAG_A_MSI_ADDR] = { .type = NLA_U64 },
	[ZPCIDIAG_A_FMB_LENGTH] = { .type = NLA_U16 },
	[ZPCIDIAG_A_MIO_CAPABLE] = { .type = NLA_U8 },
	[ZPCIDIAG_A_IS_PHYSFN] = { .type = NLA_U8 },
	[ZPCIDIAG_A_RID_AVAILABLE] = { .type = NLA_U8 },
	[ZPCIDIAG_A_DEVFN] = { .type = NLA_U8 },
	[ZPCIDIAG_A_RID] = { .type = NLA_U32 },
	[ZPCIDIAG_A_IS_VIRTFN] = { .type = NLA_U8 },
	[ZPCIDIAG_A_PF_ADDR] = { .type = NLA_STRING, .maxlen = 32 },
	[ZPCIDIAG_A_NO_COMMAND_MEMORY] = { .type = NLA_U8 },
	[ZPCIDIAG_A_NON_MAPPABLE_BARS] = { .type = NLA_U8 },
	[ZPCIDIAG_A_STATE] = { .type = NLA_U8 },
	[ZPCIDIAG_A_BARS] = { .type = NLA_NESTED },
	[ZPCIDIAG_A_MAX_MSI] = { .type = NLA_U32 },
	[ZPCIDIAG_A_STATE_RAW] = { .type = NLA_U32 },
};

void (*zpci_kdiag_answer_hook)(const struct nlmsghdr *nlh);

static struct nla_policy kdiag_bar_policy[ZPCIDIAG_BAR_A_MAX + 1] = {
	[ZPCIDIAG_BAR_A_INDEX] = { .type = NLA_U8 },
	[ZPCIDIAG_BAR_A_SIZE] = { .type = NLA_U64 },
	[ZPCIDIAG_BAR_A_FLAGS] = { .type = NLA_U64 },
	[ZPCIDIAG_BAR_A_SIZE_LOG2] = { .type = NLA_U8 },
	[ZPCIDIAG_BAR_A_VAL] = { .type = NLA_U32 },
};

/* The policy checked the minimum length; read by the width the ABI gives. */
static void kdiag_get(struct nlattr **tb, int type, struct zv *out)
{
	struct nlattr *a = tb[type];

	out->st = ZV_ABSENT;
	if (!a)
		return;
	switch (kdiag_policy[type].type) {
	case NLA_U8: out->v = nla_get_u8(a); break;
	case NLA_U16: out->v = nla_get_u16(a); break;
	case NLA_U32: out->v = nla_get_u32(a); break;
	default: out->v = nla_get_u64(a); break;
	}
	out->st = ZV_OK;
}

static int kdiag_parse_bars(struct nlattr *bars, struct zpci_kdiag_info *k)
{
	struct nlattr *tb[ZPCIDIAG_BAR_A_MAX + 1];
	struct nlattr *bar;
	int rem, idx;

	nla_for_each_nested(bar, bars, rem) {
		if (nla_type(bar) != ZPCIDIAG_A_BAR)
			continue;
		if (nla_parse_nested(tb, ZPCIDIAG_BAR_A_MAX, bar, kdiag_bar_policy) < 0 ||
		    !tb[ZPCIDIAG_BAR_A_INDEX])
			return -EINVAL;
		idx = nla_get_u8(tb[ZPCIDIAG_BAR_A_INDEX]);
		if (idx >= ZPCI_NUM_BARS)
			return -EINVAL;
		struct zpci_kdiag_bar *b = &k->bars[idx];
		b->present = true;
		b->size = tb[ZPCIDIAG_BAR_A_SIZE] ? nla_get_u64(tb[ZPCIDIAG_BAR_A_SIZE]) : 0;
		b->flags = tb[ZPCIDIAG_BAR_A_FLAGS] ? nla_get_u64(tb[ZPCIDIAG_BAR_A_FLAGS]) : 0;
		b->size_log2.st = b->val.st = ZV_ABSENT;
		if (tb[ZPCIDIAG_BAR_A_SIZE_LOG2]) {
			b->size_log2.v = nla_get_u8(tb[ZPCIDIAG_BAR_A_SIZE_LOG2]);
			b->size_log2.st = ZV_OK;
		}
		if (tb[ZPCIDIAG_BAR_A_VAL]) {
			b->val.v = nla_get_u32(tb[ZPCIDIAG_BAR_A_VAL]);
			b->val.st = ZV_OK;
		}
	}
	return 0;
}

int zpci_kdiag_parse(struct nlmsghdr *nlh, struct zpci_kdiag_info *k, char *addr, size_t addrlen)
{
	struct nlattr *tb[ZPCIDIAG_A_MAX + 1];

	memset(k, 0, sizeof(*k));
	addr[0] = '\0';
	if (genlmsg_parse(nlh, 0, tb, ZPCIDIAG_A_MAX, kdiag_policy) < 0)
		return -EINVAL;
	if (tb[ZPCIDIAG_A_PCI_ADDR])
		nla_strlcpy(addr, tb[ZPCIDIAG_A_PCI_ADDR], addrlen);
	/* an empty address attribute names no function either */
	if (!addr[0] && !tb[ZPCIDIAG_A_FID])
		return -EINVAL;
	kdiag_get(tb, ZPCIDIAG_A_FID, &k->fid);
	kdiag_get(tb, ZPCIDIAG_A_FH, &k->fh);
	kdiag_get(tb, ZPCIDIAG_A_UID, &k->uid);
	kdiag_get(tb, ZPCIDIAG_A_PCHID, &k->pchid);
	kdiag_get(tb, ZPCIDIAG_A_PFGID, &k->pfgid);
	kdiag_get(tb, ZPCIDIAG_A_VFN, &k->vfn);
	kdiag_get(tb, ZPCIDIAG_A_PFT, &k->pft);
	kdiag_get(tb, ZPCIDIAG_A_PORT, &k->port);
	kdiag_get(tb, ZPCIDIAG_A_MAXSTBL, &k->maxstbl);
	kdiag_get(tb, ZPCIDIAG_A_DTSM, &k->dtsm);
	kdiag_get(tb, ZPCIDIAG_A_VERSION, &k->version);
	kdiag_get(tb, ZPCIDIAG_A_MAX_MSI, &k->max_msi);
	kdiag_get(tb, ZPCIDIAG_A_START_DMA, &k->start_dma);
	kdiag_get(tb, ZPCIDIAG_A_END_DMA, &k->end_dma);
	kdiag_get(tb, ZPCIDIAG_A_MSI_ADDR, &k->msi_addr);
	kdiag_get(tb, ZPCIDIAG_A_FMB_LENGTH, &k->fmb_length);
	kdiag_get(tb, ZPCIDIAG_A_MIO_CAPABLE, &k->mio_capable);
	kdiag_get(tb, ZPCIDIAG_A_IS_PHYSFN, &k->is_physfn);
	kdiag_get(tb, ZPCIDIAG_A_RID_AVAILABLE, &k->rid_available);
	kdiag_get(tb, ZPCIDIAG_A_DEVFN, &k->devfn);
	kdiag_get(tb, ZPCIDIAG_A_RID, &k->rid);
	kdiag_get(tb, ZPCIDIAG_A_STATE, &k->state);
	kdiag_get(tb, ZPCIDIAG_A_STATE_RAW, &k->state_raw);
	kdiag_get(tb, ZPCIDIAG_A_IS_VIRTFN, &k->is_virtfn);
	kdiag_get(tb, ZPCIDIAG_A_NO_COMMAND_MEMORY, &k->no_command_memory);
	kdiag_get(tb, ZPCIDIAG_A_NON_MAPPABLE_BARS, &k->non_mappable_bars);
	if (tb[ZPCIDIAG_A_PF_ADDR])
		nla_strlcpy(k->pf_addr, tb[ZPCIDIAG_A_PF_ADDR], sizeof(k->pf_addr));
	if (tb[ZPCIDIAG_A_BARS] && kdiag_parse_bars(tb[ZPCIDIAG_A_BARS], k))
		return -EINVAL;
	k->valid = true;
	return 0;
}

const char *zpci_kdiag_state_name(const struct zv *state)
{
	if (!zv_ok(*state))
		return NULL;
	switch (state->v) {
	case ZPCIDIAG_STATE_STANDBY: return "standby";
	case ZPCIDIAG_STATE_CONFIGURED: return "configured";
	case ZPCIDIAG_STATE_RESERVED: return "reserved";
	default: return "unknown";
	}
}

struct zpci_fn *zpci_kdiag_apply(struct zpci_system *sys, const struct zpci_kdiag_info *k,
				 const char *addr)
{
	struct zpci_fn *match = NULL;
	size_t i;

	for (i = 0; i < sys->nfns && !match; i++)
		if (addr[0] && strcmp(sys->fns[i].address, addr) == 0)
			match = &sys->fns[i];
	/* a function the model knows only by FID (no address yet) */
	for (i = 0; i < sys->nfns && !match && zv_ok(k->fid); i++)
		if (!sys->fns[i].address[0] && sys->fns[i].fid_known && sys->fns[i].fid == k->fid.v)
			match = &sys->fns[i];
	if (!match)
		return NULL;
	if (!zpci_fn_kdiag_fill(match)) {
		zpci_src_set(&match->src_kdiag, ZS_ERROR, "out of memory");
		return match;
	}
	*match->kdiag = *k;
	zpci_src_set(&match->src_kdiag, ZS_OK, NULL);
	/* the kernel's own flag replaces the vfn-based inference in model.c */
	if (zv_ok(k->no_command_memory)) {
		match->vf.no_command_memory = k->no_command_memory.v ? ZT_YES : ZT_NO;
		match->vf.no_command_memory_known = true;
	}
	for (i = 0; i < ZPCI_NUM_BARS; i++) {
		struct zpci_bar *b = &match->bars[i];

		if (!b->present || !k->bars[i].present)
			continue;
		b->kernel_known = b->size == k->bars[i].size;
		if (!b->kernel_known)
			zpci_fn_problem(match, ZSEV_WARNING, "kdiag-bar-size",
					"BAR%zu: sysfs says %llu bytes, the kernel module %llu", i,
					(unsigned long long)b->size,
					(unsigned long long)k->bars[i].size);
	}
	return match;
}

struct kdiag_dump {
	struct zpci_system *sys;
	int bad;			/* messages that failed to parse */
	int done_errno;			/* the error NLMSG_DONE carried, positive; 0: none */
};

int zpci_kdiag_done_errno(const struct nlmsghdr *nlh)
{
	int e;

	if (nlh->nlmsg_len < NLMSG_LENGTH(sizeof(e)))
		return 0;
	memcpy(&e, NLMSG_DATA(nlh), sizeof(e));
	return e < 0 ? -e : 0;
}

/* zpcidiag_diag ends a dump with EBUSY while a PCI removal keeps its put queue full */
static int kdiag_on_done(struct nl_msg *msg, void *arg)
{
	struct kdiag_dump *d = arg;

	d->done_errno = zpci_kdiag_done_errno(nlmsg_hdr(msg));
	return NL_STOP;
}

static int kdiag_on_msg(struct nl_msg *msg, void *arg)
{
	struct kdiag_dump *d = arg;
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];

	if (zpci_kdiag_answer_hook)
		zpci_kdiag_answer_hook(nlmsg_hdr(msg));
	if (zpci_kdiag_parse(nlmsg_hdr(msg), &k, addr, sizeof(addr)) < 0)
		d->bad++;
	else
		zpci_kdiag_apply(d->sys, &k, addr);
	return NL_OK;
}

static void kdiag_set_all(struct zpci_system *sys, enum zpci_src_state st, const char *why)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].src_kdiag.state != ZS_OK)
			zpci_src_set(&sys->fns[i].src_kdiag, st, "%s", why);
}

int zpci_kdiag_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct kdiag_dump d = { .sys = sys };
	struct nl_sock *sock;
	struct nl_msg *msg;
	int family, err;

	/* a fake root or a saved report describes another system: never ask this kernel */
	if (ctx->offline || strcmp(ctx->sysfs_root ? ctx->sysfs_root : "/sys", "/sys") != 0) {
		kdiag_set_all(sys, ZS_UNAVAILABLE, "offline: the running kernel is not queried");
		return ZX_OK;
	}
	sock = nl_socket_alloc();
	if (!sock) {
		kdiag_set_all(sys, ZS_ERROR, "out of memory");
		return ZX_OK;
	}
	if (genl_connect(sock) < 0) {
		kdiag_set_all(sys, ZS_UNAVAILABLE, "generic netlink not available");
		goto out;
	}
	family = genl_ctrl_resolve(sock, ZPCIDIAG_GENL_NAME);
	if (family < 0) {
		kdiag_set_all(sys, ZS_UNAVAILABLE, "zpcidiag_diag module not loaded");
		goto out;
	}
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_DUMP,
				 ZPCIDIAG_CMD_GET_FUNCTION, ZPCIDIAG_GENL_VERSION)) {
		nlmsg_free(msg);
		kdiag_set_all(sys, ZS_ERROR, "out of memory");
		goto out;
	}
	nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, kdiag_on_msg, &d);
	nl_socket_modify_cb(sock, NL_CB_FINISH, NL_CB_CUSTOM, kdiag_on_done, &d);
	err = nl_send_auto(sock, msg);
	nlmsg_free(msg);
	if (err >= 0)
		err = nl_recvmsgs_default(sock);
	if (err < 0) {
		if (err == -NLE_PERM)
			kdiag_set_all(sys, ZS_NO_PERMISSION, "the zpcidiag netlink family refused the dump");
		else
			kdiag_set_all(sys, ZS_ERROR, nl_geterror(err));
		goto out;
	}
	if (d.done_errno == EBUSY) {
		kdiag_set_all(sys, ZS_UNAVAILABLE,
			      "the zpcidiag_diag module is busy: a PCI removal is pending");
		goto out;
	}
	if (d.done_errno) {
		char why[128];

		snprintf(why, sizeof(why), "the zpcidiag netlink dump failed: %s",
			 strerror(d.done_errno));
		kdiag_set_all(sys, ZS_ERROR, why);
		goto out;
	}
	kdiag_set_all(sys, ZS_UNAVAILABLE, d.bad ? "the module's answer was malformed"
						 : "the module does not report this function");
out:
	nl_socket_free(sock);
	return ZX_OK;
}

int zpci_kdiag_attr_width(int type, bool in_bar)
{
	const struct nla_policy *p = in_bar ? kdiag_bar_policy : kdiag_policy;

	if (type < 0 || type > (in_bar ? ZPCIDIAG_BAR_A_MAX : ZPCIDIAG_A_MAX))
		return 0;
	switch (p[type].type) {
	case NLA_U16: return 2;
	case NLA_U32: return 4;
	case NLA_U64: return 8;
	case NLA_NESTED: return -1;
	default: return 0;
	}
}
