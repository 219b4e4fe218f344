// SPDX-License-Identifier: MIT
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pci/pci.h>

#include "output.h"
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
	if (strncasecmp(s, "fid:", 4) == 0 || strncasecmp(s, "uid:", 4) == 0) {
		sel->kind = (s[0] | 0x20) == 'f' ? ZSEL_FID : ZSEL_UID;
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
		snprintf(err, errlen, "not a PCI address, FID, UID, interface, RDMA device or NVMe device");
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
	case ZSEL_NETDEV:	/* an interface, or an RDMA device (mlx5_0) */
		return name_in(fn->pci.netdevs, sel->name) || name_in(fn->pci.ibdevs, sel->name);
	case ZSEL_NVME:
		return name_in(fn->pci.blockdevs, sel->name);
	}
	return false;
}

unsigned int zpci_selectors_kinds(const struct zpci_selectors *s)
{
	unsigned int kinds = 0;

	for (size_t i = 0; s && i < s->n; i++)
		kinds |= 1u << s->v[i].kind;
	return kinds;
}

bool zpci_selectors_match_any(const struct zpci_selectors *s, const struct zpci_fn *sketch)
{
	for (size_t i = 0; s && i < s->n; i++)
		if (zpci_selector_match(&s->v[i], sketch))
			return true;
	return false;
}

/* --type words: a short PFT name, a PFT number, or "roce" for the whole
 * RoCE family (RoCE Express and RoCE Express2/3), several comma-separated. */
int zpci_type_filter_add(struct zpci_ctx *ctx, const char *arg)
{
	char *copy = strdup(arg), *save = NULL, *w;
	int rc = ZX_OK;

	if (!copy)
		return ZX_INTERNAL;
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		int pft = zpci_pft_parse(w);

		if (strcasecmp(w, "roce") == 0) {
			ctx->type_set[0x02 / 64] |= 1ULL << (0x02 % 64);
			ctx->type_set[0x0a / 64] |= 1ULL << (0x0a % 64);
		} else if (pft >= 0) {
			ctx->type_set[pft / 64] |= 1ULL << (pft % 64);
		} else {
			zpci_err("--type %s: unknown function type (ism, roce, roce2, nvme, neth, cnw, "
				 "netd, unclassified or a PFT number)", w);
			rc = ZX_USAGE;
			break;
		}
	}
	if (!arg[0]) {
		zpci_err("--type: empty function type");
		rc = ZX_USAGE;
	}
	free(copy);
	return rc;
}

static bool type_ok(const struct zpci_ctx *ctx, const struct zpci_fn *fn)
{
	bool any = false;

	for (int i = 0; i < 4; i++)
		any |= ctx->type_set[i] != 0;
	if (!any)
		return true;
	return zv_ok(fn->zattr.pft) && fn->zattr.pft.v < 256 &&
	       (ctx->type_set[fn->zattr.pft.v / 64] >> (fn->zattr.pft.v % 64) & 1);
}

/* -d and -s in lspci's syntax, parsed and matched by libpci's filter code. */
int zpci_pci_filter_parse(const struct zpci_ctx *ctx, struct pci_filter *f)
{
	char *copy, *err = NULL;

	pci_filter_init(NULL, f);
	if (ctx->slot_filter) {
		copy = strdup(ctx->slot_filter);
		if (!copy)
			return ZX_INTERNAL;
		err = pci_filter_parse_slot(f, copy);
		free(copy);
		if (err) {
			zpci_err("-s %s: %s", ctx->slot_filter, err);
			return ZX_USAGE;
		}
	}
	if (ctx->id_filter) {
		copy = strdup(ctx->id_filter);
		if (!copy)
			return ZX_INTERNAL;
		err = pci_filter_parse_id(f, copy);
		free(copy);
		if (err) {
			zpci_err("-d %s: %s", ctx->id_filter, err);
			return ZX_USAGE;
		}
	}
	return ZX_OK;
}

static bool want(int filter, uint64_t v, bool known)
{
	return filter < 0 || (known && v == (uint64_t)filter);
}

bool zpci_pci_filter_match(const struct pci_filter *f, const struct zpci_fn *fn)
{
	const struct zpci_pci_info *p = &fn->pci;

	if (f->domain < 0 && f->bus < 0 && f->slot < 0 && f->func < 0 && f->vendor < 0 &&
	    f->device < 0 && f->device_class < 0 && f->prog_if < 0)
		return true;
	if (fn->state != ZPCI_FN_CONFIGURED)
		return false;	/* no PCI address or IDs without a PCI device */
	return want(f->domain, fn->domain, true) && want(f->bus, fn->bus, true) &&
	       want(f->slot, fn->dev, true) && want(f->func, fn->func, true) &&
	       want(f->vendor, p->vendor.v, zv_ok(p->vendor)) &&
	       want(f->device, p->device.v, zv_ok(p->device)) &&
	       (f->device_class < 0 || (zv_ok(p->class_code) &&
		((p->class_code.v >> 8) & f->device_class_mask) ==
		((unsigned int)f->device_class & f->device_class_mask))) &&
	       want(f->prog_if, p->class_code.v & 0xff, zv_ok(p->class_code));
}

struct zpci_fn *zpci_selector_find(struct zpci_system *sys, const struct zpci_selector *sel)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (zpci_selector_match(sel, &sys->fns[i]))
			return &sys->fns[i];
	return NULL;
}

size_t zpci_selector_matches(struct zpci_system *sys, const struct zpci_selector *sel,
			     const char *arg)
{
	char names[160] = "";
	size_t n = 0, len = 0;

	for (size_t i = 0; i < sys->nfns; i++) {
		const struct zpci_fn *fn = &sys->fns[i];
		int w;

		if (!zpci_selector_match(sel, fn))
			continue;
		n++;
		if (len + 1 < sizeof(names)) {
			if (fn->address[0])
				w = snprintf(names + len, sizeof(names) - len, " %s", fn->address);
			else
				w = snprintf(names + len, sizeof(names) - len, " fid 0x%08x", fn->fid);
			len += w > 0 ? (size_t)w : 0;
		}
	}
	if (n > 1)
		zpci_warn("%s: matches %zu functions:%s", arg, n, names);
	return n;
}

int zpci_selectors_parse(int argc, const char **argv, struct zpci_selectors *s)
{
	char err[128];

	memset(s, 0, sizeof(*s));
	if (argc <= 0)
		return ZX_OK;
	s->v = calloc((size_t)argc, sizeof(*s->v));
	if (!s->v)
		return ZX_INTERNAL;
	s->arg = argv;
	s->n = (size_t)argc;
	for (size_t i = 0; i < s->n; i++)
		if (zpci_selector_parse(argv[i], &s->v[i], err, sizeof(err))) {
			zpci_err("%s: %s", argv[i], err);
			zpci_selectors_free(s);
			return ZX_USAGE;
		}
	return ZX_OK;
}

void zpci_selectors_free(struct zpci_selectors *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

int zpci_select_args(const struct zpci_ctx *ctx, struct zpci_system *sys, int argc,
		     const char **argv, struct zpci_fn ***out, size_t *nout)
{
	struct zpci_selectors sels;
	int rc = zpci_selectors_parse(argc, argv, &sels);

	*out = NULL;
	*nout = 0;
	if (rc)
		return rc;
	rc = zpci_select(ctx, sys, &sels, out, nout);
	zpci_selectors_free(&sels);
	return rc;
}

int zpci_select(const struct zpci_ctx *ctx, struct zpci_system *sys,
		const struct zpci_selectors *sels, struct zpci_fn ***out, size_t *nout)
{
	struct zpci_fn **list = calloc(sys->nfns + 1, sizeof(*list));
	struct pci_filter filter;
	size_t n = 0;
	int rc, excluded = 0;

	*out = NULL;
	*nout = 0;
	if (!list)
		return ZX_INTERNAL;
	rc = zpci_pci_filter_parse(ctx, &filter);
	if (rc) {
		free(list);
		return rc;
	}
	if (sels->n == 0) {
		for (size_t i = 0; i < sys->nfns; i++)
			if (type_ok(ctx, &sys->fns[i]) && zpci_pci_filter_match(&filter, &sys->fns[i]))
				list[n++] = &sys->fns[i];
	}
	for (size_t a = 0; a < sels->n; a++) {
		const struct zpci_selector *sel = &sels->v[a];
		const char *arg = sels->arg[a];

		if (!zpci_selector_matches(sys, sel, arg)) {
			zpci_err("%s: no such zPCI function", arg);
			free(list);
			return ZX_NODEV;
		}
		for (size_t i = 0; i < sys->nfns; i++) {
			struct zpci_fn *fn = &sys->fns[i];
			bool dup = false;

			if (!zpci_selector_match(sel, fn))
				continue;
			if (!type_ok(ctx, fn)) {
				char type[40];

				zpci_warn("%s: %s, not of type %s; skipped", arg,
					  zpci_type_str(fn, type, sizeof(type)), ctx->type_filter);
				excluded++;
				continue;
			}
			if (!zpci_pci_filter_match(&filter, fn)) {
				zpci_warn("%s: outside -d/-s; skipped", arg);
				excluded++;
				continue;
			}
			for (size_t j = 0; j < n; j++)
				dup |= list[j] == fn;
			if (!dup)
				list[n++] = fn;
		}
	}
	if (sels->n && !n && excluded) {
		free(list);
		return ZX_NODEV;
	}
	*out = list;
	*nout = n;
	return ZX_OK;
}
