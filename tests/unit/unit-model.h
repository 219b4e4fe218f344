/* SPDX-License-Identifier: MIT */
/*
 * A function model for rule and policy tests: zeroed, with its CLP, vfio and
 * kernel-module parts attached as the sources would allocate them (they are
 * allocated lazily, so a bare struct zpci_fn has none).
 */
#ifndef ZPCIDIAG_UNIT_MODEL_H
#define ZPCIDIAG_UNIT_MODEL_H

#include <string.h>

#include "model.h"

struct unit_fn_parts {
	struct zpci_clp_info clp;
	struct zpci_vfio_info vfio;
	struct zpci_kdiag_info kdiag;
};

/* fn: static, or set up here before: the reasons it holds are heap strings */
static inline void unit_fn_with_parts(struct zpci_fn *fn, struct unit_fn_parts *parts)
{
	zpci_src_clear(&fn->src_sysfs);
	zpci_src_clear(&fn->src_pciconf);
	zpci_src_clear(&fn->src_clp);
	zpci_src_clear(&fn->src_vfio);
	zpci_src_clear(&fn->src_kdiag);
	memset(fn, 0, sizeof(*fn));
	memset(parts, 0, sizeof(*parts));
	fn->clp = &parts->clp;
	fn->vfio = &parts->vfio;
	fn->kdiag = &parts->kdiag;
}

#endif
