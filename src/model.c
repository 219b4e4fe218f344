// SPDX-License-Identifier: MIT
/*
 * The function model: loading it from the sources in order, and the small
 * helpers every source uses to record problems and source status.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "report_saved.h"
#include "sources.h"
#include "sysaccess.h"

void zpci_src_set(struct zpci_src_status *s, enum zpci_src_state state, const char *fmt, ...)
{
	va_list ap;

	s->state = state;
	s->reason[0] = '\0';
	if (!fmt)
		return;
	va_start(ap, fmt);
	vsnprintf(s->reason, sizeof(s->reason), fmt, ap);
	va_end(ap);
	zpci_sanitize_inplace(s->reason, sizeof(s->reason));
}

void zpci_fn_problem(struct zpci_fn *fn, enum zpci_severity severity, const char *code, const char *fmt, ...)
{
	struct zpci_problem *p;
	va_list ap;

	p = realloc(fn->problems, (fn->nproblems + 1) * sizeof(*p));
	if (!p)
		return;	/* losing a diagnostic is better than aborting the report */
	fn->problems = p;
	p = &p[fn->nproblems++];
	memset(p, 0, sizeof(*p));
	p->severity = severity;
	snprintf(p->code, sizeof(p->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(p->text, sizeof(p->text), fmt, ap);
	va_end(ap);
	/* texts carry paths and values from the system: made safe once, here */
	zpci_sanitize_inplace(p->text, sizeof(p->text));
}

bool zpci_fn_is_ism(const struct zpci_fn *fn)
{
	if (zv_ok(fn->pci.vendor) && zv_ok(fn->pci.device) &&
	    fn->pci.vendor.v == 0x1014 && fn->pci.device.v == 0x04ed)
		return true;
	return zv_ok(fn->zattr.pft) && fn->zattr.pft.v == 0x05;
}

/*
 * Can user space map this BAR? The rules, and what is known vs inferred:
 * - ISM: never. Before 6.15 vfio-pci had no mmap on s390 at all
 *   (VFIO_PCI_MMAP is "def_bool y if !S390"); from 6.15 the kernel sets
 *   pdev->non_mappable_bars for ISM. True on every kernel: known.
 * - Larger than 2^40: vfio-pci places region N at N << VFIO_PCI_OFFSET_SHIFT
 *   (40), so a BAR above 1 TiB does not fit its region window: known.
 * - A sysfs resourceN file exists only where the kernel offers sysfs mmap
 *   (HAVE_PCI_MMAP; s390 lacks it on 6.1): its presence is known.
 * - Without MIO a BAR has no CPU address: its resource "address" is an
 *   iomap cookie (ZPCI_IOMAP_ADDR_BASE | index << 48) used by the PCI
 *   load/store instructions, so there is nothing to map: known.
 * - MIO on but no resourceN: vfio-pci mmap works only from 6.15; without
 *   the kernel version this is inferred.
 */
static void bar_mappability(struct zpci_fn *fn, struct zpci_bar *b)
{
	b->map_inferred = false;
	if (zpci_fn_is_ism(fn)) {
		b->mappable = ZT_NO;
		b->map_reason = "ISM: never mappable (vfio mmap disabled on s390 before 6.15, "
				"non_mappable_bars from 6.15)";
	} else if (b->size > (1ULL << 40) || b->size == 0) {
		b->mappable = ZT_NO;
		b->map_reason = "larger than vfio-pci's 1T region window (VFIO_PCI_OFFSET_SHIFT 40)";
	} else if (b->is_io) {
		b->mappable = ZT_NO;
		b->map_reason = "I/O space: zPCI supports memory BARs only";
	} else if (b->has_resource_file) {
		b->mappable = ZT_YES;
		b->map_reason = "sysfs resourceN offered by the kernel";
	} else if (zv_ok(fn->zattr.mio_enabled) && fn->zattr.mio_enabled.v == 0) {
		b->mappable = ZT_NO;
		b->map_reason = "MIO not enabled: BAR reached only by PCI load/store instructions, "
				"no CPU address to map";
	} else {
		b->mappable = ZT_UNKNOWN;
		b->map_inferred = true;
		b->map_reason = "no sysfs resourceN; vfio-pci mmap only on Linux 6.15 and later "
				"(kernel version not checked)";
	}
}

void zpci_fn_derive(struct zpci_fn *fn)
{
	struct zpci_vf_info *vf = &fn->vf;

	for (int i = 0; i < ZPCI_NUM_BARS; i++)
		if (fn->bars[i].present)
			bar_mappability(fn, &fn->bars[i]);
	if (fn->state != ZPCI_FN_CONFIGURED)
		return;
	vf->is_vf = zv_ok(fn->zattr.vfn) && fn->zattr.vfn.v != 0;
	vf->linked = fn->pci.physfn[0] != '\0';
	vf->detached = vf->is_vf && !vf->linked;
	vf->command_memory = ZT_UNKNOWN;
	if (zv_ok(fn->pci.command))
		vf->command_memory = (fn->pci.command.v & 0x2) ? ZT_YES : ZT_NO;
	if (vf->is_vf && !vf->no_command_memory_known)
		/* inferred: since 5.10 pcibios_bus_add_device
		 * (arch/s390/pci/pci_bus.c) set it for every function with vfn != 0;
		 * the kdiag source replaces this with the kernel's own answer */
		vf->no_command_memory = ZT_YES;
	if (vf->is_vf) {
		if (vf->command_memory == ZT_NO)
			vf->verdict = "hardwired to 0 for VFs: memory disabled is expected, not a "
				      "fault (lspci: Control: Mem-, regions [virtual])";
		else if (vf->command_memory == ZT_YES)
			vf->verdict = "reads 1 on a VF: SR-IOV hardwires it to 0, unusual but harmless";
		else
			vf->verdict = "config space unreadable: memory bit unknown";
	} else {
		if (vf->command_memory == ZT_YES)
			vf->verdict = "memory decoding enabled";
		else if (vf->command_memory == ZT_NO)
			vf->verdict = fn->pci.driver[0] ?
				"memory decoding disabled although a driver is bound" :
				"memory decoding disabled: normal while no driver enabled the function";
		else
			vf->verdict = "config space unreadable: memory bit unknown";
	}
	if (!vf->is_vf && vf->linked)
		zpci_fn_problem(fn, ZSEV_WARNING, "physfn-on-pf", "physfn link present but vfn is 0");
}

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

const char *zpci_kattr_name(enum zpci_kattr k)
{
	switch (k) {
	case ZA_PORT: return "port";
	case ZA_MIO_ENABLED: return "mio_enabled";
	case ZA_UID_IS_UNIQUE: return "uid_is_unique";
	case ZA_INDEX: return "index";
	default: return "fidparm";
	}
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

/* Checks that need more than one function or system-wide facts. */
static void system_derive(struct zpci_system *sys)
{
	derive_uid_checking(sys);
	derive_kernel_attrs(sys);
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];
		const struct zpci_sysfs_attrs *a = &fn->zattr;

		zpci_fn_derive(fn);
		if (fn->state != ZPCI_FN_CONFIGURED || !zv_ok(a->uid))
			continue;
		check_uid_domain(sys, fn);
	}
}

const struct zpci_iommu_group *zpci_fn_group(const struct zpci_system *sys,
					     const struct zpci_fn *fn)
{
	if (!zv_ok(fn->pci.iommu_group))
		return NULL;
	for (size_t i = 0; i < sys->ngroups; i++)
		if (sys->groups[i].id == fn->pci.iommu_group.v)
			return &sys->groups[i];
	return NULL;
}

int zpci_kernel_at_least(const struct zpci_system *sys, unsigned int major, unsigned int minor)
{
	const struct zpci_kernel_info *k = &sys->kernel;

	if (!k->release_known)
		return -1;
	return k->major > major || (k->major == major && k->minor >= minor);
}

int zpci_system_load(struct zpci_ctx *ctx, struct zpci_system *sys, unsigned int what)
{
	int rc;

	memset(sys, 0, sizeof(*sys));
	rc = zpci_sysfs_scan(ctx, sys);
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
	zpci_report_restore_paths(ctx, sys);
	system_derive(sys);
	return ZX_OK;
}

void zpci_system_free(struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++)
		zpci_fn_free(&sys->fns[i]);
	free(sys->fns);
	free(sys->groups);
	memset(sys, 0, sizeof(*sys));
}
