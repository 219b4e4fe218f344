// SPDX-License-Identifier: MIT
/*
 * The rule catalogue of zpcidiag check: one table, one entry per rule id.
 * Each test reads the model only. A rule stays silent when the fact it
 * needs is unknown (no kernel release, source not asked): a false alarm on
 * a healthy machine is as bad as a missed fault.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "check_passthrough.h"
#include "ifnames.h"
#include "kmsg_recovery.h"
#include "maxstbl.h"

void zpci_finding_add(struct zpci_findings *out, const struct zpci_check_rule *r,
		      const struct zpci_fn *fn, const char *fmt, ...)
{
	struct zpci_finding *f = realloc(out->v, (out->n + 1) * sizeof(*f));
	va_list ap;

	if (!f) {
		out->oom = true;
		return;
	}
	out->v = f;
	f = &f[out->n++];
	f->rule = r;
	f->fn = fn;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof(f->text), fmt, ap);
	va_end(ap);
}

static bool configured(const struct zpci_fn *fn)
{
	return fn->state == ZPCI_FN_CONFIGURED;
}

/* "; what the environment changes about the fix" (names.c), or "" */
static const char *env_note(const struct zpci_check_env *env, enum zpci_env_act act)
{
	static char buf[160];
	const char *n = env && env->sys ? zpci_env_note(env->sys, act) : NULL;

	snprintf(buf, sizeof(buf), "%s%s", n ? "; " : "", n ? n : "");
	return buf;
}

/* ---- function state ---- */

static void t_standby(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out)
{
	const char *e = env_note(env, ZPCI_ENV_DECONFIGURE);

	if (fn->state != ZPCI_FN_STANDBY || (zv_ok(fn->zattr.slot_power) && fn->zattr.slot_power.v))
		return;
	if (fn->zattr.slot_name[0] && fn->zattr.uid_from_slot)
		zpci_finding_add(out, r, fn, "function 0x%08x (UID 0x%llx) is in standby: slot %s "
				 "power 0, no PCI device%s", fn->fid,
				 (unsigned long long)fn->zattr.uid.v, fn->zattr.slot_name, e);
	else if (fn->zattr.slot_name[0])
		zpci_finding_add(out, r, fn, "function 0x%08x is in standby: slot %s power 0, "
				 "no PCI device%s", fn->fid, fn->zattr.slot_name, e);
	else
		zpci_finding_add(out, r, fn, "function 0x%08x is in standby (CLP), no PCI device%s",
				 fn->fid, e);
}

static void t_reserved(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		       const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	if (fn->state == ZPCI_FN_RESERVED)
		zpci_finding_add(out, r, fn, "function 0x%08x is listed by CLP but reserved: "
				 "not usable by this partition", fn->fid);
}

static void t_not_enabled(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			  const struct zpci_fn *fn, struct zpci_findings *out)
{
	/* bit 0x80000000 of the function handle: enabled (arch/s390/pci/pci.c) */
	if (configured(fn) && zv_ok(fn->zattr.fh) && !(fn->zattr.fh.v & 0x80000000ULL))
		zpci_finding_add(out, r, fn, "configured but disabled: function handle 0x%08llx "
				 "lacks the enable bit%s", (unsigned long long)fn->zattr.fh.v,
				 env_note(env, ZPCI_ENV_RECOVER));
}

/* A problem the sources or model.c recorded, under the rule named for its code. */
static void t_problem(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	for (size_t i = 0; i < fn->nproblems; i++)
		if (strcmp(fn->problems[i].code, r->arg) == 0)
			zpci_finding_add(out, r, fn, "%s", fn->problems[i].text);
}

static bool rec_failed(const struct zpci_fn *fn);

/*
 * Problems no rule is named for: data-error takes the critical ones,
 * data-problem the rest. A function that does not answer after a failed
 * recovery is recovery-failed's finding, which says the same and why; the
 * sysfs source's config-not-responding would be a second critical one.
 */
static void t_other_problem(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			    const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	for (size_t i = 0; i < fn->nproblems; i++) {
		const struct zpci_problem *p = &fn->problems[i];

		if (zpci_check_rule_find(p->code) ||
		    (p->severity == ZSEV_CRITICAL) != (r->severity == ZSEV_CRITICAL))
			continue;
		if (strcmp(p->code, "config-not-responding") == 0 && rec_failed(fn))
			continue;
		zpci_finding_add(out, r, fn, "%s: %s", p->code, p->text);
	}
}

/* ---- virtual functions ---- */

static void t_vf_memory_bit(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			    const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	if (configured(fn) && fn->vf.detached && fn->vf.command_memory == ZT_NO)
		zpci_finding_add(out, r, fn, "detached VF %llu: PCI_COMMAND memory bit reads 0 "
				 "(hardwired; lspci shows Mem- and [virtual] regions)",
				 (unsigned long long)fn->zattr.vfn.v);
}

static void t_vf_vfio_mem(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			  const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_kdiag_info *k = zpci_fn_kdiag(fn);
	int new_enough = zpci_kernel_at_least(env->sys, 5, 10);

	if (!configured(fn) || !fn->vf.is_vf || !zpci_driver_is_vfio(fn->pci.driver))
		return;
	if (k->valid && zv_ok(k->no_command_memory) && !k->no_command_memory.v)
		zpci_finding_add(out, r, fn, "VF bound to %s but the kernel has no_command_memory "
				 "clear: vfio refuses MMIO while the memory bit reads 0",
				 fn->pci.driver);
	else if (!(k->valid && zv_ok(k->no_command_memory)) && new_enough == 0)
		zpci_finding_add(out, r, fn, "VF bound to %s on Linux %s: before 5.10 vfio does not "
				 "know the memory bit is hardwired and refuses MMIO",
				 fn->pci.driver, env->sys->kernel.release);
}

/* ---- BARs and vfio ---- */

static void t_ism_plain_vfio(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			     const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	if (configured(fn) && zpci_fn_is_ism(fn) && strcmp(fn->pci.driver, "vfio-pci") == 0)
		zpci_finding_add(out, r, fn, "ISM bound to plain vfio-pci: its BARs cannot be mapped "
				 "and vfio-pci offers no PCI block stores");
}

static void t_vfio_bar_map(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			   const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	if (!configured(fn) || zpci_fn_is_ism(fn) || strcmp(fn->pci.driver, "vfio-pci") != 0)
		return;
	for (int i = 0; i < ZPCI_NUM_BARS; i++)
		if (fn->bars[i].present && fn->bars[i].mappable == ZT_NO)
			zpci_finding_add(out, r, fn, "BAR%d cannot be mmap()ed through vfio-pci: %s",
					 i, fn->bars[i].map_reason);
}

/* ---- maxstbl ---- */

static void t_maxstbl(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out)
{
	struct zpci_maxstbl_view v;

	(void)env;
	if (!configured(fn))
		return;
	zpci_maxstbl_view(fn, &v);
	for (size_t i = 0; i < v.nfindings; i++)
		if (strcmp(v.findings[i].code, r->arg) == 0)
			zpci_finding_add(out, r, fn, "%s", v.findings[i].text);
}

/* ---- DMA ---- */

static bool iova0_reserved(const struct zpci_iommu_group *g)
{
	for (size_t i = 0; i < g->nresv; i++)
		if (g->resv[i].start == 0 && strcmp(g->resv[i].type, "msi") != 0)
			return true;
	return false;
}

static void t_ism_iova0(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_iommu_group *g = zpci_fn_group(env->sys, fn);
	int fixed = zpci_kernel_at_least(env->sys, 6, 2);

	if (!configured(fn) || !zpci_fn_is_ism(fn) || !zpci_driver_is_vfio(fn->pci.driver))
		return;
	if (fixed == 0)
		zpci_finding_add(out, r, fn, "ISM bound to %s on Linux %s: vfio's fine-grained "
				 "super page test maps IOVA 0 whatever is reserved (fixed in 6.2)",
				 fn->pci.driver, env->sys->kernel.release);
	else if (g && g->resv_known && !iova0_reserved(g))
		zpci_finding_add(out, r, fn, "ISM bound to %s: IOMMU group %u reports no reserved "
				 "region at IOVA 0, below the DMA window", fn->pci.driver, g->id);
}

/* ---- UIDs ---- */

static void t_uid_names(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out)
{
	struct zpci_ifnames n;

	(void)env;
	if (!configured(fn) || !zv_ok(fn->zattr.uid_is_unique) || fn->zattr.uid_is_unique.v)
		return;
	/* a slot name (ens<FID>) or a name of the user's own does not depend on the domain */
	zpci_fn_ifnames(fn, &n);
	for (int i = 0; i < 4 && fn->pci.netdevs[i][0]; i++)
		if (zpci_ifname_uses_domain(fn, fn->pci.netdevs[i]))
			zpci_finding_add(out, r, fn, "uid_is_unique is 0: the domain %04x in the name "
					 "of %s follows discovery order, not UID 0x%llx%s%s",
					 fn->domain, fn->pci.netdevs[i],
					 (unsigned long long)fn->zattr.uid.v,
					 n.slot[0] ? "; stable: the slot name " : "", n.slot);
}

/* ---- the kernel and zpcidiag's own sources (system-wide) ---- */

static void t_kernel_attrs(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			   const struct zpci_fn *fn, struct zpci_findings *out)
{
	static const char *const lost[ZA_NKATTR] = {
		"port numbers", "whether MIO is in use", "whether UIDs are unique",
		"SMBIOS-style index for interface names", "function parameters",
	};
	char names[128] = "", what[256] = "";

	(void)fn;
	for (unsigned int b = 0; b < ZA_NKATTR; b++) {
		if (!(env->sys->kernel_lacks & (1u << b)))
			continue;
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
			 names[0] ? ", " : "", zpci_kattr_name((enum zpci_kattr)(1u << b)));
		snprintf(what + strlen(what), sizeof(what) - strlen(what), "%s%s",
			 what[0] ? ", " : "", lost[b]);
	}
	if (names[0])
		zpci_finding_add(out, r, NULL, "this kernel has no %s attributes: %s unknown",
				 names, what);
}

static const struct zpci_fn *first_configured(const struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (configured(&sys->fns[i]))
			return &sys->fns[i];
	return NULL;
}

/* A source the run asked (s may be NULL: nothing to ask) that did not answer. */
static void source_unavailable(const struct zpci_check_rule *r, bool asked,
			       const struct zpci_src_status *s, const char *what,
			       struct zpci_findings *out)
{
	if (asked && s && s->state != ZS_OK && s->state != ZS_NOT_TRIED)
		zpci_finding_add(out, r, NULL, "%s unavailable: %s", what,
				 s->reason ? s->reason : "no answer");
}

static void t_kdiag_source(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			   const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_fn *any = first_configured(env->sys);

	(void)fn;
	source_unavailable(r, env->kdiag_asked, any ? &any->src_kdiag : NULL, "kernel facts", out);
}

static void t_clp_source(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			 const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)fn;
	source_unavailable(r, env->clp_asked, &env->sys->src_clp, "CLP", out);
}

/* ---- passthrough readiness (check --passthrough DEVICE) ---- */

static void t_pt_driver(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out)
{
	(void)env;
	if (!zpci_driver_is_vfio(fn->pci.driver))
		zpci_finding_add(out, r, fn, "bound to %s, not to a vfio driver",
				 fn->pci.driver[0] ? fn->pci.driver : "no driver");
}

static void t_pt_group(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		       const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_iommu_group *g = zpci_fn_group(env->sys, fn);

	if (!g) {
		zpci_finding_add(out, r, fn, "no IOMMU group: vfio cannot use the function");
		return;
	}
	for (size_t i = 0; i < g->nmembers; i++)
		if (strcmp(g->members[i].address, fn->address) != 0 &&
		    !zpci_driver_is_vfio(g->members[i].driver))
			zpci_finding_add(out, r, fn, "IOMMU group %u also holds %s (%s), not bound "
					 "to vfio", g->id, g->members[i].address,
					 g->members[i].driver[0] ? g->members[i].driver : "no driver");
	if (g->members_truncated)
		zpci_finding_add(out, r, fn, "IOMMU group %u has more than %d members", g->id,
				 ZPCI_GROUP_MAX_MEMBERS);
}

static void t_pt_caps(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out)
{
	if (!env->vfio_asked || !zpci_driver_is_vfio(fn->pci.driver))
		return;
	/* a guest or other process holds the group: its info cannot be read now */
	if (!zpci_fn_vfio(fn)->valid && zpci_pt_held(env))
		return;
	if (!zpci_fn_vfio(fn)->valid)
		zpci_finding_add(out, r, fn, "vfio device info unreadable: %s",
				 fn->src_vfio.reason ? fn->src_vfio.reason : "not read");
	else if (!zpci_fn_vfio(fn)->base_valid || !zpci_fn_vfio(fn)->group_valid)
		zpci_finding_add(out, r, fn, "vfio reports no zPCI %s capability",
				 !zpci_fn_vfio(fn)->base_valid ? "BASE" : "GROUP");
}

static void t_pt_io_region(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			   const struct zpci_fn *fn, struct zpci_findings *out)
{
	const char *d = fn->pci.driver;

	if (!zpci_fn_is_ism(fn) || !env->vfio_asked || !zpci_fn_vfio(fn)->valid ||
	    zpci_fn_vfio(fn)->io_region_valid || strcmp(d, "ism-vfio-pci") == 0 ||
	    strcmp(d, "ism_vfio_pci") == 0)
		return;
	zpci_finding_add(out, r, fn, "ISM bound to %s, which has no PCISTB path "
			 "(zpci_vfio_pci or ism-vfio-pci): no way to issue its block stores", d);
}

/* ---- recovery state from this boot's kernel log (source_kmsg.c) ----
 * A failure counts while the function does not answer (config space all ones
 * or unreadable), however old; everything else only within
 * ZPCI_RECOVERY_RECENT_USEC (24 h) of "now" (/proc/uptime), so an old,
 * recovered event does not keep a healthy machine in WARNING or CRITICAL. */

static bool rec_failed(const struct zpci_fn *fn)
{
	const struct zpci_recovery *r = &fn->recovery;
	bool unresolved = r->outcome == ZRE_FAILED ||
			  (r->nerrors && (r->outcome == ZRE_NONE || r->outcome_after_error));

	return fn->state == ZPCI_FN_CONFIGURED && unresolved && !zpci_fn_config_answers(fn);
}

static void rec_when(char *buf, size_t len, uint64_t usec)
{
	snprintf(buf, len, "%llu.%06llu s after boot", (unsigned long long)(usec / 1000000),
		 (unsigned long long)(usec % 1000000));
}

static void t_rec_failed(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			 const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_recovery *rec = &fn->recovery;
	char t[48];

	const char *e = env_note(env, ZPCI_ENV_RECOVER);

	if (!rec_failed(fn))
		return;
	if (rec->outcome == ZRE_FAILED && !rec->outcome_after_error) {
		rec_when(t, sizeof(t), rec->outcome_usec);
		zpci_finding_add(out, r, fn, "kernel at %s: \"%s\"; the function %s%s", t,
				 rec->outcome_text, fn->pci.config_present ?
				 "reads all ones now" : "has no readable config space", e);
	} else {
		rec_when(t, sizeof(t), rec->last_usec);
		zpci_finding_add(out, r, fn, "error event(s) without a recovery, the last at %s; "
				 "the function %s%s", t, fn->pci.config_present ?
				 "reads all ones now" : "has no readable config space", e);
	}
}

static void t_rec_recent(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			 const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_recovery *rec = &fn->recovery;
	char t[48];

	if (!rec->nevents || rec_failed(fn) || !zpci_recovery_recent(env->sys, rec->last_usec))
		return;
	rec_when(t, sizeof(t), rec->last_usec);
	if (rec->outcome == ZRE_NONE || rec->outcome_after_error)
		zpci_finding_add(out, r, fn, "%u error event(s), the last at %s, no recovery logged; "
				 "the function answers now", rec->nerrors, t);
	else if (rec->outcome == ZRE_FAILED)
		zpci_finding_add(out, r, fn, "recovery failed (\"%s\", last line at %s) but the "
				 "function answers now: recovered by hand?", rec->outcome_text, t);
	else
		zpci_finding_add(out, r, fn, "%u error event(s), %s (\"%s\"), last line at %s",
				 rec->nerrors, zpci_rec_event_name(rec->outcome), rec->outcome_text, t);
}

static void t_rec_reported(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			   const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_recovery *rec = &fn->recovery;
	char t[48];

	if (rec->reported && zpci_recovery_recent(env->sys, rec->reported_usec)) {
		rec_when(t, sizeof(t), rec->reported_usec);
		zpci_finding_add(out, r, fn, "the kernel reported the recovery status (%s) to the "
				 "Support Element at %s", zpci_rec_event_name(rec->outcome), t);
	} else if (rec->report_failed && zpci_recovery_recent(env->sys, rec->last_usec)) {
		zpci_finding_add(out, r, fn, "the kernel could not report the recovery status "
				 "to the Support Element (\"Reporting PCI status failed\")");
	}
}

#define FN ZCS_FUNCTION
#define PT ZCS_PASSTHROUGH
#define SYS ZCS_SYSTEM
#define CHECK_FIX_RECOVER "zpcictl --reset DEVICE (or: echo 1 > /sys/bus/pci/devices/ADDRESS/recover)"

const struct zpci_check_rule zpci_check_rules[] = {
	/* function state */
	{ "fn-not-enabled", ZSEV_CRITICAL, FN, "configured function whose handle is not enabled",
	  "The function has a PCI device but its function handle lacks the enable bit: the "
	  "firmware disabled it (an error the kernel could not recover) and no I/O reaches it.",
	  CHECK_FIX_RECOVER, NULL, t_not_enabled },
	{ "slot-power-off", ZSEV_WARNING, FN, "configured function whose slot reads power 0",
	  "The hotplug slot says off while the PCI device still exists: a deconfiguration is "
	  "under way or failed half-way.", "echo 1 > /sys/bus/pci/slots/FID/power", "slot-power-off",
	  t_problem },
	{ "slot-powered-no-device", ZSEV_WARNING, FN, "slot powered on without a PCI device",
	  "The slot of the function is on but no PCI device has its FID: enabling or scanning "
	  "the function failed (see dmesg).", "echo 0 > /sys/bus/pci/slots/FID/power; "
	  "echo 1 > /sys/bus/pci/slots/FID/power", "slot-powered-no-device", t_problem },
	{ "fn-standby", ZSEV_INFO, FN, "function in standby",
	  "The function is assigned to this partition but not configured: it has a slot with "
	  "power 0 and no PCI device. Normal for a spare; configure it to use it.",
	  "echo 1 > /sys/bus/pci/slots/FID/power (or: chzdev)", NULL, t_standby },
	{ "fn-reserved", ZSEV_INFO, FN, "function listed by CLP but reserved",
	  "CLP lists the function but it is not available to this partition.", NULL, NULL,
	  t_reserved },
	/* virtual functions */
	{ "vf-memory-bit-hardwired", ZSEV_INFO, FN, "detached VF with PCI_COMMAND memory bit 0",
	  "SR-IOV hardwires a VF's memory bit to 0 and its BAR registers read 0, so lspci shows "
	  "'Control: ... Mem-' and '[virtual]' regions. Expected, not a fault: since Linux 5.10 "
	  "the kernel marks these functions no_command_memory and vfio emulates the bit.",
	  NULL, NULL, t_vf_memory_bit },
	{ "vf-vfio-no-command-memory", ZSEV_CRITICAL, FN,
	  "VF bound to vfio on a kernel without no_command_memory",
	  "Before Linux 5.10 the kernel does not mark s390 VFs no_command_memory; vfio then sees "
	  "the hardwired memory bit 0 and refuses MMIO: the guest or user cannot reach the BARs.",
	  "use Linux 5.10 or later for VF passthrough", NULL, t_vf_vfio_mem },
	/* BARs */
	{ "ism-plain-vfio", ZSEV_WARNING, FN, "ISM bound to plain vfio-pci",
	  "ISM's 256 TiB BAR cannot be mapped and ISM needs PCI block stores (PCISTB), which "
	  "plain vfio-pci's region read/write never issues.",
	  "zpcidiag bind DEVICE (zpci_vfio_pci: one PCISTB per pwrite), or ism-vfio-pci from "
	  "Linux 7.1", NULL, t_ism_plain_vfio },
	{ "vfio-bar-not-mappable", ZSEV_INFO, FN, "BAR not mappable while bound to vfio-pci",
	  "A vfio user (DPDK, a user-space driver) cannot mmap() this BAR and must use region "
	  "read/write, one load or store per access. QEMU passthrough does not need mmap on s390.",
	  NULL, NULL, t_vfio_bar_map },
	/* maxstbl (src/maxstbl.c) */
	{ "maxstbl-sources-differ", ZSEV_WARNING, FN, "sources disagree on maxstbl",
	  "CLP, the kernel and vfio report different block-store limits; a tool taking the wrong "
	  "one issues PCISTBs the function rejects or stores in needlessly small blocks.",
	  "zpcidiag show DEVICE (maxstbl section)", "maxstbl-sources-differ", t_maxstbl },
	{ "vfio-maxstbl-above-hardware", ZSEV_CRITICAL, FN, "vfio maxstbl above the hardware limit",
	  "A tool trusting vfio would issue block stores the function rejects.", NULL,
	  "vfio-maxstbl-above-hardware", t_maxstbl },
	{ "vfio-maxstbl-is-intercept-limit", ZSEV_INFO, FN,
	  "vfio maxstbl below the hardware value (the known trap)",
	  "vfio's ZPCI_GROUP maxstbl is KVM's intercept limit, not the hardware's; the hardware "
	  "value is imaxstbl (version 2 of the capability).", NULL,
	  "vfio-maxstbl-is-intercept-limit", t_maxstbl },
	{ "vfio-maxstbl-only", ZSEV_INFO, FN, "only vfio's intercept maxstbl is known",
	  "Without CLP, the module or imaxstbl only the intercept limit is known; the hardware may "
	  "accept larger block stores.", "load zpcidiag_diag or run as root for CLP",
	  "vfio-maxstbl-only", t_maxstbl },
	{ "io-region-above-hardware", ZSEV_CRITICAL, FN,
	  "zpci_vfio_pci accepts more than maxstbl",
	  "The driver must bound block stores by the function's maxstbl.", NULL,
	  "io-region-above-hardware", t_maxstbl },
	{ "maxstbl-zero", ZSEV_WARNING, FN, "maxstbl is 0",
	  "The function accepts no block stores.", NULL, "maxstbl-zero", t_maxstbl },
	/* DMA */
	{ "ism-vfio-iova0", ZSEV_WARNING, FN, "ISM bound to vfio while IOVA 0 is not reserved",
	  "On current machines DMA addresses below start_dma (2^32) are invalid. Before Linux 6.2 "
	  "vfio's fine-grained super page test mapped IOVA 0 regardless; later kernels skip "
	  "reserved regions only if the IOMMU reports them. ISM checks mappings on IOTLB flush "
	  "and goes into an error state.", "use Linux 6.2 or later with an IOMMU driver that "
	  "reports the region below start_dma as reserved", NULL, t_ism_iova0 },
	/* UIDs and the model's consistency problems */
	{ "uid-not-unique-names", ZSEV_INFO, FN, "interface names while UIDs are not unique",
	  "Without UID checking, PCI domains are numbered in discovery order, so interface names "
	  "built from the domain (systemd's path names, enP<domain>p<bus>s<dev>...) can change "
	  "when functions are added or removed. Slot names (ens<FID in decimal>) stay stable.",
	  "enable UID checking in the I/O configuration (HCD), or name interfaces by slot "
	  "(NamePolicy=slot), PNET ID or MAC",
	  NULL, t_uid_names },
	{ "uid-domain-mismatch", ZSEV_WARNING, FN, "devfn-0 function whose domain is not its UID",
	  "With UID checking on, a bus takes the UID of its devfn-0 function as PCI domain.",
	  NULL, "uid-domain-mismatch", t_problem },
	{ "uid-duplicate", ZSEV_WARNING, FN, "functions sharing one UID although UIDs are unique",
	  "UIDs are meant to be unique while UID checking is on. One finding per group, on its "
	  "first function, naming the others.", NULL, "uid-duplicate",
	  t_problem },
	{ "fid-duplicate", ZSEV_WARNING, FN, "functions sharing one FID",
	  "The firmware names each function by a FID unique in the machine, and the hotplug "
	  "slot is named after it: two functions with one FID are a fault of the tree read (or "
	  "of the kernel). One finding per group, on its first function, naming the others.",
	  "zpcidiag show DEVICE", "fid-duplicate", t_problem },
	{ "attr-missing", ZSEV_WARNING, FN, "attribute missing that other functions or the kernel have",
	  "The kernel shows the attribute elsewhere, so this function's sysfs directory is "
	  "incomplete.", NULL, "attr-missing", t_problem },
	{ "attr-malformed", ZSEV_CRITICAL, FN, "attribute with a malformed value",
	  "The file's contents do not match the kernel's format.", NULL, "attr-malformed",
	  t_problem },
	{ "attr-unreadable", ZSEV_CRITICAL, FN, "attribute that cannot be read",
	  "Reading the file failed (permission or I/O error).", NULL, "attr-unreadable", t_problem },
	{ "data-problem", ZSEV_WARNING, FN, "any other inconsistency the sources recorded",
	  "A source found data that does not fit the rest of the model (see the code in the "
	  "finding).", "zpcidiag show DEVICE", NULL, t_other_problem },
	{ "data-error", ZSEV_CRITICAL, FN, "any other unreadable or malformed data",
	  "A source found data it could not use (see the code in the finding).",
	  "zpcidiag show DEVICE", NULL, t_other_problem },
	/* the kernel, zpcidiag's own sources */
	{ "kernel-lacks-attrs", ZSEV_INFO, SYS, "kernel predates some zPCI attributes",
	  "Older kernels (long-term distributions) lack port, mio_enabled, uid_is_unique (5.x), "
	  "index (5.13) or fidparm (6.13). Not a fault: what they would say is unknown.",
	  NULL, NULL, t_kernel_attrs },
	{ "source-kdiag-unavailable", ZSEV_INFO, SYS, "diagnostics module not answering",
	  "Without zpcidiag_diag the kernel's own facts are unknown: maxstbl as the kernel uses "
	  "it, the DMA window, no_command_memory, non_mappable_bars; rules needing them stay "
	  "silent.", "modprobe zpcidiag_diag", NULL, t_kdiag_source },
	{ "source-clp-unavailable", ZSEV_INFO, SYS, "/dev/clp not readable",
	  "Without CLP the firmware's view is unknown: maxstbl, DMA window, UID checking (before "
	  "6.18), functions in standby or reserved; rules needing them stay silent.",
	  "run as root, or save blocks with 'zpcidiag clp list --raw DIR' and use --from-raw DIR",
	  NULL, t_clp_source },
	/* passthrough readiness */
	{ "passthrough-not-vfio", ZSEV_CRITICAL, PT, "not bound to a vfio driver",
	  "A guest or vfio user gets the function only through vfio-pci or a variant driver.",
	  "zpcidiag bind DEVICE", NULL, t_pt_driver },
	{ "passthrough-iommu-group", ZSEV_CRITICAL, PT, "IOMMU group not exclusively vfio's",
	  "vfio hands out whole IOMMU groups: every member must be bound to a vfio driver (on "
	  "s390 each function normally has a group of its own).",
	  "bind every member of the group to vfio-pci", NULL, t_pt_group },
	{ "passthrough-zpci-caps", ZSEV_WARNING, PT, "vfio lacks the zPCI capabilities",
	  "Without VFIO_DEVICE_INFO_CAP_ZPCI_BASE/GROUP a guest cannot learn the function's "
	  "DMA window, maxstbl, UID and PFT and QEMU falls back to defaults. Silent while a "
	  "process holds the group (its info cannot be read then).",
	  "zpcidiag caps DEVICE", NULL, t_pt_caps },
	{ "passthrough-io-region", ZSEV_WARNING, PT, "ISM without a PCISTB path",
	  "ISM needs PCI block stores; through vfio they exist only via zpci_vfio_pci or "
	  "ism-vfio-pci (Linux 7.1), one PCISTB per pwrite on a BAR region.",
	  "zpcidiag bind DEVICE (binds zpci_vfio_pci)", NULL, t_pt_io_region },
	/* recovery state from this boot's kernel log (issue 22) */
	{ "recovery-failed", ZSEV_CRITICAL, FN, "kernel's automatic recovery failed and the function does not answer",
	  "The kernel logged that it could not recover the function (pci_event.c: \"Automatic "
	  "recovery failed; operator intervention is required\", \"Cannot be recovered\", a driver "
	  "without error recovery) or an error event without any recovery, and its config space "
	  "reads all ones now (lspci \"rev ff\"). It stays until the function answers again.",
	  CHECK_FIX_RECOVER, NULL, t_rec_failed },
	{ "recovery-recent", ZSEV_WARNING, FN, "error event or recovery in the last 24 hours",
	  "The kernel logged an error event or a recovery of the function within 24 hours "
	  "(kmsg time against /proc/uptime), and the function answers now. Older events of this "
	  "boot are shown by show, not raised.",
	  "zpcidiag show DEVICE; dmesg | grep zpci", NULL, t_rec_recent },
	{ "recovery-status-reported", ZSEV_INFO, FN, "kernel reported the device status to the Support Element",
	  "Since Linux 6.15 the kernel reports recovery outcomes to the Support Element "
	  "(pci_report.c: \"Reported PCI device status\"); IBM service sees them. Within 24 hours.",
	  NULL, NULL, t_rec_reported },
	/* the KVM host's view of passthrough (check_passthrough.c) */
	{ "passthrough-not-held", ZSEV_INFO, PT, "vfio-bound but no process holds it",
	  "No process has the function's /dev/vfio node open: no guest uses it now. Normal "
	  "between guest runs; a guest that should have it is not running.",
	  "zpcidiag passthrough DEVICE", NULL, zpci_t_pt_holder },
	{ "passthrough-holder-not-qemu", ZSEV_INFO, PT, "held by a process that does not name it",
	  "A process holds the function's vfio node but its command line has no "
	  "-device vfio-pci for it: a user-space driver (DPDK, a test) or QEMU given the "
	  "device another way (fd passing, QMP hot-plug); guest name and IDs stay unknown.",
	  NULL, NULL, zpci_t_pt_not_qemu },
	{ "passthrough-guest-uid", ZSEV_INFO, PT, "guest sees another UID than the host",
	  "The guest's PCI domain and onboard names (eno<UID>) follow the UID of its zpci "
	  "device; libvirt assigns UIDs from 1 unless the domain XML names them, so names "
	  "and configuration copied from the host do not match in the guest.",
	  "zpcidiag passthrough --libvirt DEVICE (the host's UID and FID)", NULL,
	  zpci_t_pt_guest_uid },
	{ "passthrough-no-interpretation", ZSEV_WARNING, PT, "KVM cannot interpret zPCI",
	  "The host's KVM lacks KVM_CAP_S390_ZPCI_OP, so QEMU silently falls back to "
	  "intercepting every PCI load, store and RPCIT of the guest: slower, and the guest "
	  "sees the intercept limits (maxstbl 128). Silent when the zpci device asks for "
	  "interpret=off, or when /dev/kvm cannot be asked.",
	  "a host kernel of 6.0 or later with CONFIG_VFIO_PCI_ZDEV_KVM, in an LPAR (not "
	  "nested) whose firmware offers zPCI interpretation", NULL, zpci_t_pt_interp },
	{ "passthrough-identity-no-rtr", ZSEV_WARNING, PT, "identity domain without relaxed translation",
	  "Since 6.15 the IOMMU group may use an identity domain only when the function group "
	  "allows relaxed translation (CLP); otherwise the function's DMA is not translated "
	  "as the firmware requires. Silent while the CLP group is not read (not root).",
	  "echo DMA > /sys/kernel/iommu_groups/N/type (with no driver bound)", NULL,
	  zpci_t_pt_identity },
};

const size_t zpci_check_nrules = sizeof(zpci_check_rules) / sizeof(zpci_check_rules[0]);

const struct zpci_check_rule *zpci_check_rule_find(const char *id)
{
	for (size_t i = 0; i < zpci_check_nrules; i++)
		if (strcmp(zpci_check_rules[i].id, id) == 0)
			return &zpci_check_rules[i];
	return NULL;
}
