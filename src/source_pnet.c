// SPDX-License-Identifier: MIT
/*
 * Source: PNET IDs of each function and where they came from (ZL_PNET).
 *
 * The utility string: one 16-byte EBCDIC PNET ID per port (util_string.c),
 * always, from what the sysfs source read. The SMC PNET table: user-defined
 * PNET IDs for network interfaces and RDMA/ISM devices, kept by the smc
 * module and only reachable through its generic-netlink family "SMC_PNETID"
 * (net/smc/smc_pnet.c; command SMC_PNETID_GET dumped, one message per entry
 * with SMC_PNETID_NAME, _ETHNAME, _IBNAME, _IBPORT; "n/a" and port 0xff name
 * the half an entry does not have). A fake root (--sysfs-root DIR) has no
 * netlink: DIR/../smc/pnet-table, the same entries as text, one a line
 * "PNETID ETHNAME IBNAME IBPORT". A report keeps that text as its member
 * smc/pnet-table (or smc/pnet-table-unavailable: why not).
 *
 * The kernel prefers the hardware-defined PNET ID (the utility string) and
 * refuses to add a table entry for a device that has one; an entry made
 * before the device appeared stays in the table without effect. Such an
 * entry is shown with the utility string's ID it differs from.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "report_record.h"
#include "report_saved.h"
#include "sources.h"
#include "sysaccess.h"
#include "util_string.h"

/* include/uapi/linux/smc.h (facts, not copied: our own names) */
#define SMC_PNET_FAMILY "SMC_PNETID"
#define SMC_PNET_VERSION 1
#define SMC_PNET_CMD_GET 1
enum { SMC_PNET_A_NAME = 1, SMC_PNET_A_ETHNAME, SMC_PNET_A_IBNAME, SMC_PNET_A_IBPORT, SMC_PNET_A_MAX = 4 };

#define PNET_MEMBER "smc/pnet-table"
#define PNET_UNAVAILABLE_MEMBER "smc/pnet-table-unavailable"
#define PNET_MAX_BYTES (1u << 20)

/* Room for one more ID: most functions have one or two, so the list grows
 * as needed instead of holding room for the most a function can have. */
static struct zpci_pnet_id *add_id(struct zpci_fn *fn)
{
	size_t n = fn->pnet ? fn->pnet->n : 0;
	struct zpci_fn_pnet *p;

	if (n >= ZPCI_FN_MAX_PNET)
		return NULL;
	p = realloc(fn->pnet, sizeof(*p) + (n + 1) * sizeof(p->ids[0]));
	if (!p)
		return NULL;
	memset(&p->ids[n], 0, sizeof(p->ids[n]));
	p->n = n + 1;
	fn->pnet = p;
	return &p->ids[n];
}

static void fill_util(struct zpci_fn *fn)
{
	char ids[4][ZPCI_PNET_ID_LEN + 1];
	struct zpci_pnet_id *p;

	if (!fn->zattr.util_present || !zpci_util_pnet_ids(fn->zattr.util_string, fn->zattr.util_len, ids))
		return;
	for (int i = 0; i < 4; i++) {
		if (!ids[i][0] || !(p = add_id(fn)))
			continue;
		snprintf(p->id, sizeof(p->id), "%.16s", ids[i]);
		p->src = ZPCI_PNET_UTIL;
		p->port = i;
	}
}

static bool has_name(const char list[4][32], const char *name)
{
	for (int i = 0; i < 4 && list[i][0]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

/* The util-string ID an entry differs from: the port's (IB: ibport - 1);
 * an interface's port (dev_port) is not read, so any equal ID agrees. */
static void find_difference(const struct zpci_fn *fn, struct zpci_pnet_id *e)
{
	const char *first = NULL;

	for (size_t i = 0; i < fn->pnet->n; i++) {
		const struct zpci_pnet_id *u = &fn->pnet->ids[i];

		if (u->src != ZPCI_PNET_UTIL)
			continue;
		if (e->port > 0 && u->port != e->port - 1)
			continue;
		if (strcmp(u->id, e->id) == 0)
			return;
		if (!first)
			first = u->id;
	}
	if (first)
		snprintf(e->differs, sizeof(e->differs), "%s", first);
}

static void take_entry(struct zpci_system *sys, const char *id, const char *eth, const char *ib,
		       int port)
{
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];
		bool by_eth = eth[0] && has_name(fn->pci.netdevs, eth);
		bool by_ib = ib[0] && has_name(fn->pci.ibdevs, ib);
		struct zpci_pnet_id *p;

		if (!by_eth && !by_ib)
			continue;
		if (!(p = add_id(fn)))
			continue;
		snprintf(p->id, sizeof(p->id), "%s", id);
		snprintf(p->dev, sizeof(p->dev), "%s", by_eth ? eth : ib);
		p->src = ZPCI_PNET_SMC;
		p->port = by_eth ? -1 : port;
		find_difference(fn, p);
	}
	sys->pnet_entries++;
}

static bool word_ok(const char *w, size_t max)
{
	size_t n = strlen(w);

	return n > 0 && n <= max;
}

int zpci_pnet_take_line(struct zpci_system *sys, const char *line)
{
	char id[32], eth[32], ib[80];
	unsigned int port;
	int end = 0;

	if (sscanf(line, " %31s %31s %79s %u %n", id, eth, ib, &port, &end) != 4 || line[end] ||
	    !word_ok(id, ZPCI_PNET_ID_LEN) || !word_ok(eth, 15) || !word_ok(ib, 63) || port > 0xff)
		return -1;
	if (strcmp(eth, "n/a") == 0)
		eth[0] = '\0';
	if (strcmp(ib, "n/a") == 0)
		ib[0] = '\0';
	take_entry(sys, id, eth, ib, port == 0xff ? -1 : (int)port);
	return 0;
}

/* Text of the whole table into sys; ZS_* (a malformed line: ZS_ERROR with its number). */
static int take_text(struct zpci_system *sys, char *text, char *why, size_t whylen)
{
	unsigned int no = 0;
	char *save = NULL;

	for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		no++;
		if (l[strspn(l, " \t")] == '#' || !l[strspn(l, " \t")])
			continue;
		if (zpci_pnet_take_line(sys, l)) {
			snprintf(why, whylen, "line %u is not \"PNETID ETHNAME IBNAME IBPORT\"", no);
			return ZS_ERROR;
		}
	}
	return ZS_OK;
}

struct pnet_dump {
	char *text;
	size_t len, cap;
	bool bad;
};

static int on_entry(struct nl_msg *msg, void *arg)
{
	struct nla_policy pol[SMC_PNET_A_MAX + 1] = {
		[SMC_PNET_A_NAME] = { .type = NLA_STRING },
		[SMC_PNET_A_ETHNAME] = { .type = NLA_STRING },
		[SMC_PNET_A_IBNAME] = { .type = NLA_STRING },
		[SMC_PNET_A_IBPORT] = { .type = NLA_U8 },
	};
	struct nlattr *tb[SMC_PNET_A_MAX + 1];
	struct pnet_dump *d = arg;
	char id[20] = "", eth[20] = "n/a", ib[68] = "n/a", line[160];
	unsigned int port = 0xff;
	size_t n;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, SMC_PNET_A_MAX, pol) < 0 || !tb[SMC_PNET_A_NAME]) {
		d->bad = true;
		return NL_SKIP;
	}
	nla_strlcpy(id, tb[SMC_PNET_A_NAME], sizeof(id));
	if (tb[SMC_PNET_A_ETHNAME])
		nla_strlcpy(eth, tb[SMC_PNET_A_ETHNAME], sizeof(eth));
	if (tb[SMC_PNET_A_IBNAME])
		nla_strlcpy(ib, tb[SMC_PNET_A_IBNAME], sizeof(ib));
	if (tb[SMC_PNET_A_IBPORT])
		port = nla_get_u8(tb[SMC_PNET_A_IBPORT]);
	n = (size_t)snprintf(line, sizeof(line), "%s %s %s %u\n", id[0] ? id : "?",
			     eth[0] ? eth : "n/a", ib[0] ? ib : "n/a", port);
	if (d->len + n + 1 > d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 4096;
		char *t = cap <= PNET_MAX_BYTES ? realloc(d->text, cap) : NULL;

		if (!t) {
			d->bad = true;
			return NL_SKIP;
		}
		d->text = t;
		d->cap = cap;
	}
	memcpy(d->text + d->len, line, n + 1);
	d->len += n;
	return NL_OK;
}

/* The running kernel's table as text (*text malloc'd); ZS_*. */
static int dump_live(char **text, char *why, size_t whylen)
{
	struct pnet_dump d = { 0 };
	struct nl_sock *sock = nl_socket_alloc();
	struct nl_msg *msg = NULL;
	int family, err, st = ZS_ERROR;

	if (!sock) {
		snprintf(why, whylen, "out of memory");
		return ZS_ERROR;
	}
	if (genl_connect(sock) < 0) {
		snprintf(why, whylen, "generic netlink not available");
		st = ZS_UNAVAILABLE;
		goto out;
	}
	family = genl_ctrl_resolve(sock, SMC_PNET_FAMILY);
	if (family < 0) {
		snprintf(why, whylen, "no netlink family %s (smc module not loaded)", SMC_PNET_FAMILY);
		st = ZS_UNAVAILABLE;
		goto out;
	}
	msg = nlmsg_alloc();
	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_DUMP,
				 SMC_PNET_CMD_GET, SMC_PNET_VERSION)) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	nl_socket_modify_cb(sock, NL_CB_VALID, NL_CB_CUSTOM, on_entry, &d);
	err = nl_send_auto(sock, msg);
	if (err >= 0)
		err = nl_recvmsgs_default(sock);
	if (err < 0) {
		snprintf(why, whylen, "%s dump: %s", SMC_PNET_FAMILY, nl_geterror(err));
		st = err == -NLE_PERM ? ZS_NO_PERMISSION : ZS_ERROR;
	} else if (d.bad) {
		snprintf(why, whylen, "%s dump: a malformed or oversized answer", SMC_PNET_FAMILY);
	} else {
		*text = d.text ? d.text : strdup("");
		d.text = NULL;
		st = *text ? ZS_OK : ZS_ERROR;
	}
out:
	free(d.text);
	nlmsg_free(msg);
	nl_socket_free(sock);
	return st;
}

static int read_text(const struct zpci_ctx *ctx, char **text, char *why, size_t whylen)
{
	char path[PATH_MAX];
	unsigned char *data;
	size_t len;
	ssize_t n;

	if (ctx->report_root) {
		if (zpci_saved_read(ctx, PNET_MEMBER, &data, &len) == 0) {
			*text = (char *)data;
			return ZS_OK;
		}
		if (zpci_saved_read(ctx, PNET_UNAVAILABLE_MEMBER, &data, &len) == 0) {
			snprintf(why, whylen, "%.*s", (int)len, (const char *)data);
			free(data);
		} else {
			snprintf(why, whylen, "the report holds no PNET table (%s)", PNET_MEMBER);
		}
		return ZS_UNAVAILABLE;
	}
	if (!ctx->offline)
		return dump_live(text, why, whylen);
	snprintf(path, sizeof(path), "%s/../%s", ctx->sysfs_root, PNET_MEMBER);
	if (!(*text = malloc(PNET_MAX_BYTES + 1))) {
		snprintf(why, whylen, "out of memory");
		return ZS_ERROR;
	}
	n = zpci_file_read(path, *text, PNET_MAX_BYTES, NULL);
	if (n < 0) {
		snprintf(why, whylen, "%s: %s", path, zpci_sys_strerror((int)-n));
		free(*text);
		*text = NULL;
		return ZS_UNAVAILABLE;
	}
	(*text)[n] = '\0';
	return ZS_OK;
}

void zpci_pnet_fill(struct zpci_ctx *ctx, struct zpci_system *sys, bool table)
{
	char why[PATH_MAX + 128] = "", *text = NULL;
	int st;

	for (size_t i = 0; i < sys->nfns; i++)
		fill_util(&sys->fns[i]);
	if (!table)
		return;
	st = read_text(ctx, &text, why, sizeof(why));
	if (!ctx->report_root && zpci_recording()) {
		if (st == ZS_OK)
			zpci_record_blob(PNET_MEMBER, text, strlen(text));
		else
			zpci_record_blob(PNET_UNAVAILABLE_MEMBER, why, strlen(why));
	}
	if (st == ZS_OK)
		st = take_text(sys, text, why, sizeof(why));
	free(text);
	if (st == ZS_OK)
		zpci_src_set(&sys->src_pnet, ZS_OK, "%zu entries", sys->pnet_entries);
	else
		zpci_src_set(&sys->src_pnet, st, "%s", why);
}
