// SPDX-License-Identifier: MIT
/*
 * The function model: the small helpers every source uses to record problems
 * and source status, and the facts derived from one function alone. Loading
 * (the sources in order, whole-system facts) is load.c's.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"
#include "sysaccess.h"

void zpci_src_set(struct zpci_src_status *s, enum zpci_src_state state, const char *fmt, ...)
{
	va_list ap;
	int len;

	s->state = state;
	zpci_src_clear(s);
	if (!fmt)
		return;
	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len <= 0)
		return;
	s->reason = malloc((size_t)len + 1);
	if (!s->reason)
		return;	/* losing a reason is better than aborting the report */
	va_start(ap, fmt);
	vsnprintf(s->reason, (size_t)len + 1, fmt, ap);
	va_end(ap);
	/* reasons carry paths and values from the system: made safe once, here */
	zpci_sanitize_inplace(s->reason, (size_t)len + 1);
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

struct zv zpci_fn_fid_zv(const struct zpci_fn *fn)
{
	if (fn->fid_known)
		return (struct zv){ .v = fn->fid, .st = ZV_OK };
	return (struct zv){ .st = fn->zattr.fid.st == ZV_MALFORMED ? ZV_MALFORMED : ZV_ABSENT };
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
	/* a physfn link that could not be followed says neither linked nor detached */
	vf->detached = vf->is_vf && !vf->linked && !fn->pci.physfn_unusable;
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

void zpci_system_free(struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++)
		zpci_fn_free(&sys->fns[i]);
	free(sys->fns);
	for (size_t i = 0; i < sys->ngroups; i++) {
		free(sys->groups[i].members);
		free(sys->groups[i].resv);
	}
	free(sys->groups);
	zpci_src_clear(&sys->src_clp);
	zpci_src_clear(&sys->src_kmsg);
	zpci_src_clear(&sys->src_pnet);
	memset(sys, 0, sizeof(*sys));
}
