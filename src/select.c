// SPDX-License-Identifier: MIT
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "select.h"
#include "sysfs_parse.h"

static int parse_nvme(const char *s, char *ctrl, size_t len)
{
	const char *p = s + 4, *digits = p;

	if (strncmp(s, "nvme", 4) != 0)
		return -1;
	while (isdigit((unsigned char)*p))
		p++;
	if (p == digits || (size_t)(p - s) >= len)
		return -1;
	snprintf(ctrl, len, "%.*s", (int)(p - s), s);
	/* nvmeXcYnZ is the hidden per-controller path of a multipath namespace */
	if (*p == 'c') {
		const char *q = ++p;

		while (isdigit((unsigned char)*p))
			p++;
		if (p == q || *p != 'n')
			return -1;
	}
	if (*p == 'n') {
		const char *q = ++p;

		while (isdigit((unsigned char)*p))
			p++;
		if (p == q)
			return -1;
		if (*p == 'p') {
			q = ++p;
			while (isdigit((unsigned char)*p))
				p++;
			if (p == q)
				return -1;
		}
	}
	return *p ? -1 : 0;
}

int zpci_selector_parse(const char *s, struct zpci_selector *sel, char *err, size_t errlen)
{
	memset(sel, 0, sizeof(*sel));
	if (!s[0]) {
		snprintf(err, errlen, "empty device name");
		return -1;
	}
	if (strncmp(s, "fid:", 4) == 0 || strncmp(s, "uid:", 4) == 0) {
		sel->kind = s[0] == 'f' ? ZSEL_FID : ZSEL_UID;
		if (zpci_parse_hex(s + 4, &sel->id) || sel->id > 0xffffffffULL) {
			snprintf(err, errlen, "not a hexadecimal %s (32 bits at most)",
				 sel->kind == ZSEL_FID ? "FID" : "UID");
			return -1;
		}
		return 0;
	}
	if (strncmp(s, "0x", 2) == 0 || strncmp(s, "0X", 2) == 0) {
		sel->kind = ZSEL_FID;
		if (zpci_parse_hex(s, &sel->id) || sel->id > 0xffffffffULL) {
			snprintf(err, errlen, "not a hexadecimal FID (32 bits at most)");
			return -1;
		}
		return 0;
	}
	if (strncmp(s, "/dev/", 5) == 0 || strncmp(s, "nvme", 4) == 0) {
		const char *base = strncmp(s, "/dev/", 5) == 0 ? s + 5 : s;

		sel->kind = ZSEL_NVME;
		if (parse_nvme(base, sel->name, sizeof(sel->name)) == 0)
			return 0;
		if (base != s) {
			snprintf(err, errlen, "not an NVMe device node (/dev/nvmeN[nM[pK]])");
			return -1;
		}
		/* "nvmeth0" could be an interface name: fall through */
	}
	if (strchr(s, ':')) {
		sel->kind = ZSEL_ADDR;
		if (zpci_parse_pci_address(s, &sel->domain, &sel->bus, &sel->dev, &sel->func)) {
			snprintf(err, errlen, "not a PCI address ([dddd:]bb:dd.f), fid:, uid: or interface");
			return -1;
		}
		return 0;
	}
	/* Linux interface names: at most 15 bytes, no '/', no whitespace (dev_valid_name) */
	sel->kind = ZSEL_NETDEV;
	if (strlen(s) > 15 || strchr(s, '/') || strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		snprintf(err, errlen, "not a PCI address, FID, UID, interface or NVMe device");
		return -1;
	}
	for (const char *p = s; *p; p++)
		if (isspace((unsigned char)*p) || !isprint((unsigned char)*p)) {
			snprintf(err, errlen, "not a valid interface name");
			return -1;
		}
	snprintf(sel->name, sizeof(sel->name), "%s", s);
	return 0;
}

static bool name_in(const char list[4][32], const char *name)
{
	for (int i = 0; i < 4 && list[i][0]; i++)
		if (strcmp(list[i], name) == 0)
			return true;
	return false;
}

bool zpci_selector_match(const struct zpci_selector *sel, const struct zpci_fn *fn)
{
	switch (sel->kind) {
	case ZSEL_ADDR:
		return fn->state == ZPCI_FN_CONFIGURED && fn->domain == sel->domain &&
		       fn->bus == sel->bus && fn->dev == sel->dev && fn->func == sel->func;
	case ZSEL_FID:
		return fn->fid_known && fn->fid == sel->id;
	case ZSEL_UID:
		return zv_ok(fn->zattr.uid) && fn->zattr.uid.v == sel->id;
	case ZSEL_NETDEV:
		return name_in(fn->pci.netdevs, sel->name);
	case ZSEL_NVME:
		return name_in(fn->pci.blockdevs, sel->name);
	}
	return false;
}

int zpci_type_filter_check(const char *type)
{
	if (type && zpci_pft_parse(type) < 0) {
		zpci_err("--type %s: unknown function type (ism, roce, roce2, nvme, neth, cnw, "
			 "netd, unclassified or a PFT number)", type);
		return ZX_USAGE;
	}
	return ZX_OK;
}

static bool type_ok(const struct zpci_ctx *ctx, const struct zpci_fn *fn)
{
	int pft;

	if (!ctx->type_filter)
		return true;
	pft = zpci_pft_parse(ctx->type_filter);
	return zv_ok(fn->zattr.pft) && fn->zattr.pft.v == (uint64_t)pft;
}

struct zpci_fn *zpci_selector_find(struct zpci_system *sys, const struct zpci_selector *sel)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (zpci_selector_match(sel, &sys->fns[i]))
			return &sys->fns[i];
	return NULL;
}

int zpci_select_args(const struct zpci_ctx *ctx, struct zpci_system *sys, int argc,
		     const char **argv, struct zpci_fn ***out, size_t *nout)
{
	struct zpci_fn **list = calloc(sys->nfns + 1, sizeof(*list));
	size_t n = 0;

	*out = NULL;
	*nout = 0;
	if (!list)
		return ZX_INTERNAL;
	if (argc == 0) {
		for (size_t i = 0; i < sys->nfns; i++)
			if (type_ok(ctx, &sys->fns[i]))
				list[n++] = &sys->fns[i];
	}
	for (int a = 0; a < argc; a++) {
		struct zpci_selector sel;
		struct zpci_fn *fn;
		char err[128];

		if (zpci_selector_parse(argv[a], &sel, err, sizeof(err))) {
			zpci_err("%s: %s", argv[a], err);
			free(list);
			return ZX_USAGE;
		}
		fn = zpci_selector_find(sys, &sel);
		if (!fn) {
			zpci_err("%s: no such zPCI function", argv[a]);
			free(list);
			return ZX_NODEV;
		}
		if (!type_ok(ctx, fn)) {
			if (ctx->verbose)
				zpci_warn("%s: not of type %s; skipped", argv[a], ctx->type_filter);
			continue;
		}
		for (size_t i = 0; i < n; i++)
			if (list[i] == fn)
				fn = NULL;
		if (fn)
			list[n++] = fn;
	}
	*out = list;
	*nout = n;
	return ZX_OK;
}
