/* SPDX-License-Identifier: MIT */
/*
 * check --passthrough: rules over the KVM host's view (source_holders.h) of
 * the named function. cmd_check.c fills env->pt_scan and env->pt_view; the
 * rules stay silent where the view is unknown.
 */
#ifndef ZPCIDIAG_CHECK_PASSTHROUGH_H
#define ZPCIDIAG_CHECK_PASSTHROUGH_H

#include <stdbool.h>
#include "check.h"

void zpci_t_pt_holder(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out);
void zpci_t_pt_not_qemu(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out);
void zpci_t_pt_guest_uid(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			 const struct zpci_fn *fn, struct zpci_findings *out);
void zpci_t_pt_interp(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		      const struct zpci_fn *fn, struct zpci_findings *out);
void zpci_t_pt_identity(const struct zpci_check_rule *r, const struct zpci_check_env *env,
			const struct zpci_fn *fn, struct zpci_findings *out);
/* check --passthrough found a process holding the function's vfio node */
bool zpci_pt_held(const struct zpci_check_env *env);

#endif
