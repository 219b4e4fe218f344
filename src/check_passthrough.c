// SPDX-License-Identifier: MIT
/* Rules over the KVM host's view of passthrough (check_passthrough.h). */
#include "config.h"

#include <string.h>

#include "check_passthrough.h"
#include "passthrough_view.h"
#include "sysaccess.h"

/* the view of fn when cmd_check.c made one for it and the function is vfio's */
static const struct zpci_pt_view *view(const struct zpci_check_env *env, const struct zpci_fn *fn)
{
	if (!env->pt_view || !env->pt_scan || !zpci_driver_is_vfio(fn->pci.driver))
		return NULL;
	return env->pt_view;
}

void zpci_t_pt_holder(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_pt_view *v = view(env, fn);

	if (!v || !env->pt_scan->valid || v->holder)
		return;
	zpci_finding_add(out, r, fn, "no process holds its vfio device%s",
			 env->pt_scan->procs_unreadable ?
			 " (some processes' fd lists were not readable)" : "");
}

void zpci_t_pt_not_qemu(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_pt_view *v = view(env, fn);

	if (!v || !v->holder || v->dev)
		return;
	zpci_finding_add(out, r, fn, "held by %s (pid %d) through %s, whose command line has no "
			 "-device vfio-pci for %s", v->holder->exe[0] ? v->holder->exe : "a process",
			 v->holder->pid, v->holder->node, fn->address);
}

void zpci_t_pt_guest_uid(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			 const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_pt_view *v = view(env, fn);

	if (!v || !v->dev || !v->dev->zpci || !v->dev->uid_set || !zv_ok(fn->zattr.uid) ||
	    v->dev->uid == fn->zattr.uid.v)
		return;
	zpci_finding_add(out, r, fn, "guest %s sees UID 0x%x, the host 0x%llx",
			 v->holder->guest[0] ? v->holder->guest : "(unnamed)", v->dev->uid,
			 (unsigned long long)fn->zattr.uid.v);
}

void zpci_t_pt_interp(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_pt_view *v = view(env, fn);

	/* interpret=off is a choice, not a fallback */
	if (!v || !v->dev || env->pt_scan->kvm_zpci_op != 0 || v->dev->interpret == 0)
		return;
	zpci_finding_add(out, r, fn, "guest %s: KVM cannot interpret zPCI (no KVM_CAP_S390_ZPCI_OP): "
			 "QEMU intercepts every PCI instruction",
			 v->holder->guest[0] ? v->holder->guest : "(unnamed)");
}

void zpci_t_pt_identity(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out)
{
	const struct zpci_pt_view *v = view(env, fn);

	if (!v || strcmp(v->domain_type, "identity") || v->rtr != 0)
		return;
	zpci_finding_add(out, r, fn, "IOMMU group's domain is identity, but the function group "
			 "does not allow relaxed translation");
}

bool zpci_pt_held(const struct zpci_check_env *env)
{
	return env->pt_view && env->pt_view->holder;
}
