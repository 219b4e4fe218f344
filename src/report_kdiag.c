// SPDX-License-Identifier: MIT
/*
 * The diagnostics module's answers in a report: recorded as the raw netlink
 * messages of the dump (so the decoder of source_kdiag.c reads them again),
 * and fed back to that decoder when a report is read, turned around first
 * when the report comes from a machine of the other byte order.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>

#include "report_record.h"
#include "report_saved.h"
#include "sources.h"
#include "uapi/zpcidiag_netlink.h"

#define KDIAG_SAVED_ANSWERS "kdiag/answers.bin"
#define KDIAG_SAVED_STATUS "kdiag/status"

static struct {
	unsigned char *data;
	size_t len;
} answers;

static void record_answer(const struct nlmsghdr *nlh)
{
	size_t n = NLMSG_ALIGN(nlh->nlmsg_len);
	unsigned char *d = realloc(answers.data, answers.len + n);

	if (!d)
		return;
	memcpy(d + answers.len, nlh, nlh->nlmsg_len);
	memset(d + answers.len + nlh->nlmsg_len, 0, n - nlh->nlmsg_len);
	answers.data = d;
	answers.len += n;
}

void zpci_report_kdiag_start(void)
{
	zpci_kdiag_answer_hook = record_answer;
}

/* The dump answers for every function; a report for named ones keeps theirs. */
static bool answer_wanted(struct nlmsghdr *nlh, struct zpci_fn *const *fns, size_t nfns)
{
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];

	if (!fns)
		return true;
	if (zpci_kdiag_parse(nlh, &k, addr, sizeof(addr)) < 0)
		return false;
	for (size_t i = 0; i < nfns; i++)
		if (addr[0] ? strcmp(addr, fns[i]->address) == 0
			    : zv_ok(k.fid) && fns[i]->fid_known && k.fid.v == fns[i]->fid)
			return true;
	return false;
}

/* The answers of the functions reported (fns NULL: all); without answers,
 * why there were none: the status every function got. */
void zpci_report_kdiag_finish(const struct zpci_system *sys, struct zpci_fn *const *fns, size_t nfns)
{
	size_t off = 0;

	zpci_kdiag_answer_hook = NULL;
	while (answers.len - off >= NLMSG_HDRLEN) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)(answers.data + off);

		if (answer_wanted(nlh, fns, nfns))
			zpci_record_append(KDIAG_SAVED_ANSWERS, nlh, NLMSG_ALIGN(nlh->nlmsg_len));
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	free(answers.data);
	answers.data = NULL;
	answers.len = 0;
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].src_kdiag.state != ZS_OK) {
			zpci_record_status(KDIAG_SAVED_STATUS, &sys->fns[i].src_kdiag);
			return;
		}
}

static void swap_bytes(uint8_t *p, size_t w)
{
	for (size_t i = 0; i < w / 2; i++) {
		uint8_t t = p[i];

		p[i] = p[w - 1 - i];
		p[w - 1 - i] = t;
	}
}

/* level 0: family attributes; 1: the BARS list (each entry nested); 2: one BAR. */
static void swap_attrs(uint8_t *p, size_t len, int level)
{
	while (len >= NLA_HDRLEN) {
		struct nlattr *a = (struct nlattr *)p;
		size_t alen, payload;
		int w;

		swap_bytes((uint8_t *)&a->nla_len, sizeof(a->nla_len));
		swap_bytes((uint8_t *)&a->nla_type, sizeof(a->nla_type));
		alen = a->nla_len;
		if (alen < NLA_HDRLEN || alen > len)
			return;
		payload = alen - NLA_HDRLEN;
		w = level == 1 ? -1 : zpci_kdiag_attr_width(a->nla_type & NLA_TYPE_MASK, level == 2);
		if (w < 0)
			swap_attrs(p + NLA_HDRLEN, payload, level + 1);
		else if (w > 0 && payload >= (size_t)w)
			swap_bytes(p + NLA_HDRLEN, (size_t)w);
		if (NLA_ALIGN(alen) >= len)
			return;
		len -= NLA_ALIGN(alen);
		p += NLA_ALIGN(alen);
	}
}

static void swap_message(uint8_t *p, size_t avail)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)p;

	swap_bytes((uint8_t *)&nlh->nlmsg_len, 4);
	swap_bytes((uint8_t *)&nlh->nlmsg_type, 2);
	swap_bytes((uint8_t *)&nlh->nlmsg_flags, 2);
	swap_bytes((uint8_t *)&nlh->nlmsg_seq, 4);
	swap_bytes((uint8_t *)&nlh->nlmsg_pid, 4);
	if (nlh->nlmsg_len > avail || nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return;
	swap_attrs(p + NLMSG_HDRLEN + GENL_HDRLEN, nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, 0);
}

static void set_all(struct zpci_system *sys, enum zpci_src_state st, const char *why)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].src_kdiag.state != ZS_OK)
			zpci_src_set(&sys->fns[i].src_kdiag, st, "%s", why);
}

int zpci_kdiag_fill_saved(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct zpci_src_status st = { 0 };
	unsigned char *data;
	size_t len, off = 0;
	int bad = 0;

	if (zpci_saved_read(ctx, KDIAG_SAVED_ANSWERS, &data, &len)) {
		if (zpci_saved_status(ctx, KDIAG_SAVED_STATUS, &st) == 0)
			set_all(sys, st.state, zpci_src_reason(&st));
		else
			set_all(sys, ZS_UNAVAILABLE, "the report holds no answers of the module");
		zpci_src_clear(&st);
		return ZX_OK;
	}
	/* the last message's padding may be missing: off can pass len */
	while (off < len && len - off >= NLMSG_HDRLEN) {
		struct nlmsghdr *nlh = (struct nlmsghdr *)(data + off);
		struct zpci_kdiag_info k;
		char addr[ZPCI_ADDR_LEN];

		if (ctx->report_foreign_endian)
			swap_message(data + off, len - off);
		if (nlh->nlmsg_len < NLMSG_HDRLEN || nlh->nlmsg_len > len - off) {
			bad++;
			break;
		}
		if (zpci_kdiag_parse(nlh, &k, addr, sizeof(addr)) < 0)
			bad++;
		else
			zpci_kdiag_apply(sys, &k, addr);
		off += NLMSG_ALIGN(nlh->nlmsg_len);
	}
	free(data);
	/* the same words as the live source (source_kdiag.c) after a dump */
	set_all(sys, ZS_UNAVAILABLE, bad ? "the module's answer was malformed"
				    : "the module does not report this function");
	return ZX_OK;
}
