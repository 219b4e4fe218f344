// SPDX-License-Identifier: MIT
/*
 * Loading the model: the sources in the order of sources.h, then the facts
 * that need every source or every function (UID checking from the best source,
 * attributes the kernel predates, UID domains, duplicate FIDs and UIDs).
 * Selectors arrive parsed (select.h); with them only the functions they can
 * match are read, and checks across functions are left out.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "report_saved.h"
#include "select.h"
#include "sources.h"
#include "sysinfo.h"

/*
 * UID checking, from the best source there is: the firmware attribute
 * (6.18+), CLP List PCI Functions, uid_is_unique, or index files, which the
 * kernel shows only while UID checking is on (zpci_index_is_visible, 5.13+).
 * Missing index files prove nothing (older kernel): that leaves it unknown.
 */
static void derive_uid_checking(struct zpci_system *sys)
{
	if (sys->uid_checking.st != ZV_ABSENT) {
		sys->uid_checking_from = "/sys/firmware/clp/uid_checking";
		return;
	}
	if (sys->src_clp.state == ZS_OK) {
		sys->uid_checking.st = ZV_OK;
		sys->uid_checking.v = sys->clp_uid_checking;
		sys->uid_checking_from = "CLP List PCI Functions";
		return;
	}
	/* uid_is_unique prints the kernel's global zpci_unique_uid, which is UID
	 * checking as the kernel applies it (cleared if a UID turns out taken) */
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].state == ZPCI_FN_CONFIGURED && zv_ok(sys->fns[i].zattr.uid_is_unique)) {
			sys->uid_checking.st = ZV_OK;
			sys->uid_checking.v = sys->fns[i].zattr.uid_is_unique.v != 0;
			sys->uid_checking_from = "uid_is_unique attributes";
			return;
		}
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].state == ZPCI_FN_CONFIGURED && zv_ok(sys->fns[i].zattr.index)) {
			sys->uid_checking.st = ZV_OK;
			sys->uid_checking.v = 1;
			sys->uid_checking_from = "index attributes";
			return;
		}
}

static const struct zv *kattr_zv(const struct zpci_sysfs_attrs *a, enum zpci_kattr k)
{
	switch (k) {
	case ZA_PORT: return &a->port;
	case ZA_MIO_ENABLED: return &a->mio_enabled;
	case ZA_UID_IS_UNIQUE: return &a->uid_is_unique;
	case ZA_INDEX: return &a->index;
	default: return &a->fidparm;
	}
}

/*
 * Identifiers that must be unique: a FID names one function for firmware and
 * the hotplug slot; with UID checking on (or a function saying its UID is
 * unique) so is a UID. Only meaningful when every function was read. Each
 * group of functions sharing one is one finding, on its first member (the
 * functions are in address order), naming the others: time and memory grow
 * linearly with the number of functions (one hash table, one chain link per
 * function), never with the square of a group's size.
 */
struct dup_key {
	uint64_t key;
	size_t head, tail;	/* first and last function with this key; head SIZE_MAX: empty */
};

/* Chains the functions sharing a key in address order: next[i] is the
 * following member, count[head] the group's size (0 for functions that are
 * not a group's first). */
static void dup_groups(struct zpci_system *sys, size_t *next, size_t *count, bool by_uid)
{
	size_t cap = 16, mask;
	struct dup_key *tab;

	while (cap < 2 * sys->nfns)
		cap <<= 1;
	tab = malloc(cap * sizeof(*tab));
	for (size_t i = 0; i < sys->nfns; i++) {
		next[i] = SIZE_MAX;
		count[i] = 0;
	}
	if (!tab)
		return;	/* no duplicate check is better than aborting the listing */
	mask = cap - 1;
	for (size_t i = 0; i < cap; i++)
		tab[i].head = SIZE_MAX;
	for (size_t i = 0; i < sys->nfns; i++) {
		const struct zpci_fn *fn = &sys->fns[i];
		uint64_t key = by_uid ? fn->zattr.uid.v : fn->fid;
		size_t h;

		if (fn->state != ZPCI_FN_CONFIGURED ||
		    (by_uid ? !zv_ok(fn->zattr.uid) : !fn->fid_known))
			continue;
		h = (size_t)((key * 0x9e3779b97f4a7c15ULL) >> 32) & mask;
		while (tab[h].head != SIZE_MAX && tab[h].key != key)
			h = (h + 1) & mask;
		if (tab[h].head == SIZE_MAX) {
			tab[h] = (struct dup_key){ .key = key, .head = i, .tail = i };
			count[i] = 1;
			continue;
		}
		count[tab[h].head]++;
		next[tab[h].tail] = i;
		tab[h].tail = i;
	}
	free(tab);
}

/* "A B C": the members after the head, as many as fit, "..." when cut. */
static void dup_members(const struct zpci_system *sys, const size_t *next, size_t head,
			char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = next[head]; i != SIZE_MAX; i = next[i]) {
		int w;

		if (used + ZPCI_ADDR_LEN + 5 >= len) {
			snprintf(buf + used, len - used, " ...");
			return;
		}
		w = snprintf(buf + used, len - used, "%s%s", used ? " " : "", sys->fns[i].address);
		used += w > 0 ? (size_t)w : 0;
	}
}

static void check_duplicates(struct zpci_system *sys)
{
	bool checking = zv_ok(sys->uid_checking) && sys->uid_checking.v;
	size_t *next = malloc(sys->nfns * sizeof(*next) + 1);
	size_t *count = malloc(sys->nfns * sizeof(*count) + 1);
	char members[120];

	for (int by_uid = 0; next && count && by_uid < 2; by_uid++) {
		dup_groups(sys, next, count, by_uid);
		for (size_t i = 0; i < sys->nfns; i++) {
			struct zpci_fn *fn = &sys->fns[i];
			bool unique = checking;

			if (count[i] < 2)
				continue;
			for (size_t j = i; !unique && j != SIZE_MAX; j = next[j])
				unique = zv_ok(sys->fns[j].zattr.uid_is_unique) &&
					 sys->fns[j].zattr.uid_is_unique.v;
			dup_members(sys, next, i, members, sizeof(members));
			if (!by_uid)
				zpci_fn_problem(fn, ZSEV_WARNING, "fid-duplicate",
						"FID 0x%08x held by %zu functions, also %s: firmware "
						"gives each function its own FID", fn->fid, count[i],
						members);
			else if (unique)
				zpci_fn_problem(fn, ZSEV_WARNING, "uid-duplicate",
						"UID 0x%llx used by %zu functions, also %s, although "
						"UIDs are unique", (unsigned long long)fn->zattr.uid.v,
						count[i], members);
		}
	}
	free(next);
	free(count);
}

/*
 * Attributes that came with later kernels: absent on every function means
 * the running kernel predates them, one system-wide fact (kernel_lacks).
 * Absent on some functions only is a fault of those functions.
 */
static void derive_kernel_attrs(struct zpci_system *sys)
{
	bool uidchk_on = zv_ok(sys->uid_checking) && sys->uid_checking.v;

	for (unsigned int b = 0; b < ZA_NKATTR; b++) {
		enum zpci_kattr k = (enum zpci_kattr)(1u << b);
		size_t have = 0, zfns = 0;

		if (k == ZA_INDEX && !uidchk_on)
			continue;	/* no index files is what UID checking off looks like */
		for (size_t i = 0; i < sys->nfns; i++) {
			const struct zpci_fn *fn = &sys->fns[i];

			if (fn->state != ZPCI_FN_CONFIGURED || !fn->zattr.is_zpci)
				continue;
			zfns++;
			have += kattr_zv(&fn->zattr, k)->st != ZV_ABSENT;
		}
		if (zfns && !have) {
			sys->kernel_lacks |= k;
			continue;
		}
		for (size_t i = 0; have && i < sys->nfns; i++) {
			struct zpci_fn *fn = &sys->fns[i];

			if (fn->state == ZPCI_FN_CONFIGURED && fn->zattr.is_zpci &&
			    kattr_zv(&fn->zattr, k)->st == ZV_ABSENT)
				zpci_fn_problem(fn, ZSEV_WARNING, "attr-missing",
						"%s: missing although %zu other function(s) have it",
						zpci_kattr_name(k), have);
		}
	}
}

/*
 * With UID checking on, a bus takes the UID of its devfn-0 function as PCI
 * domain (zpci_bus_scan_bus / zpci_alloc_domain). Other functions on a
 * multi-function bus (a PF with linked VFs, NETD) share that domain and
 * keep their own UIDs, so only devfn-0 functions are checked.
 */
static void check_uid_domain(struct zpci_system *sys, struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;

	if (!zv_ok(sys->uid_checking) || !sys->uid_checking.v || fn->dev || fn->func)
		return;
	if (a->uid.v != fn->domain)
		zpci_fn_problem(fn, ZSEV_WARNING, "uid-domain-mismatch",
				"UID checking is on (%s) but the domain %04x of this devfn-0 "
				"function differs from its UID 0x%llx", sys->uid_checking_from,
				fn->domain, (unsigned long long)a->uid.v);
}

/* Checks that need more than one function or system-wide facts: after every
 * source ran, so UID checking is known from the best source there is. */
static void system_derive(struct zpci_system *sys, bool every_function)
{
	derive_uid_checking(sys);
	derive_kernel_attrs(sys);
	if (every_function)
		check_duplicates(sys);
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];
		const struct zpci_sysfs_attrs *a = &fn->zattr;

		zpci_fn_derive(fn);
		if (fn->state != ZPCI_FN_CONFIGURED || !zv_ok(a->uid))
			continue;
		check_uid_domain(sys, fn);
	}
}

int zpci_system_load_only(struct zpci_ctx *ctx, struct zpci_system *sys, unsigned int what,
			  const struct zpci_selectors *only)
{
	int rc;

	memset(sys, 0, sizeof(*sys));
	rc = zpci_sysfs_scan(ctx, sys, only);
	if (rc)
		return rc;
	if (what & ZL_PCICONF)
		zpci_pciconf_fill(ctx, sys);
	if (what & ZL_CLP)
		zpci_clp_fill(ctx, sys);
	if (what & ZL_VFIO)
		zpci_vfio_fill(ctx, sys);
	if ((what & ZL_KDIAG) && ctx->report_root)
		zpci_kdiag_fill_saved(ctx, sys);
	else if (what & ZL_KDIAG)
		zpci_kdiag_fill(ctx, sys);
	rc = zpci_host_fill(ctx, sys);
	if (rc)
		return rc;
	if (what & ZL_KMSG)
		zpci_kmsg_fill(ctx, sys);
	zpci_pnet_fill(ctx, sys, what & ZL_PNET);
	zpci_env_fill(ctx, sys);
	zpci_report_restore_paths(ctx, sys);
	system_derive(sys, !only || !only->n);
	return ZX_OK;
}

int zpci_system_load(struct zpci_ctx *ctx, struct zpci_system *sys, unsigned int what)
{
	return zpci_system_load_only(ctx, sys, what, NULL);
}

