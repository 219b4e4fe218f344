// SPDX-License-Identifier: MIT
/*
 * The parts of a function that only one source fills (CLP, vfio, the
 * diagnostics module), allocated when that source fills them. A file of its
 * own so that a test standing in for model.c's problem and status helpers
 * can still link these.
 */
#include "config.h"

#include <stdlib.h>

#include "model.h"

/* What a source did not fill reads as all zeroes, as the embedded parts did. */
static const struct zpci_clp_info no_clp;
static const struct zpci_vfio_info no_vfio;
static const struct zpci_kdiag_info no_kdiag;

const struct zpci_clp_info *zpci_fn_clp(const struct zpci_fn *fn)
{
	return fn->clp ? fn->clp : &no_clp;
}

const struct zpci_vfio_info *zpci_fn_vfio(const struct zpci_fn *fn)
{
	return fn->vfio ? fn->vfio : &no_vfio;
}

const struct zpci_kdiag_info *zpci_fn_kdiag(const struct zpci_fn *fn)
{
	return fn->kdiag ? fn->kdiag : &no_kdiag;
}

struct zpci_clp_info *zpci_fn_clp_fill(struct zpci_fn *fn)
{
	if (!fn->clp)
		fn->clp = calloc(1, sizeof(*fn->clp));
	return fn->clp;
}

struct zpci_vfio_info *zpci_fn_vfio_fill(struct zpci_fn *fn)
{
	if (!fn->vfio)
		fn->vfio = calloc(1, sizeof(*fn->vfio));
	return fn->vfio;
}

struct zpci_kdiag_info *zpci_fn_kdiag_fill(struct zpci_fn *fn)
{
	if (!fn->kdiag)
		fn->kdiag = calloc(1, sizeof(*fn->kdiag));
	return fn->kdiag;
}

const char *zpci_src_reason(const struct zpci_src_status *s)
{
	return s->reason ? s->reason : "";
}

const char *zpci_pci_name(const char *name)
{
	return name ? name : "";
}

void zpci_src_clear(struct zpci_src_status *s)
{
	free(s->reason);
	s->reason = NULL;
}

void zpci_fn_free(struct zpci_fn *fn)
{
	free(fn->problems);
	zpci_src_clear(&fn->src_sysfs);
	zpci_src_clear(&fn->src_pciconf);
	zpci_src_clear(&fn->src_clp);
	zpci_src_clear(&fn->src_vfio);
	zpci_src_clear(&fn->src_kdiag);
	free(fn->clp);
	free(fn->vfio);
	free(fn->kdiag);
	free(fn->pci.vendor_name);
	free(fn->pci.device_name);
	fn->pci.vendor_name = NULL;
	fn->pci.device_name = NULL;
	free(fn->pnet);
	fn->pnet = NULL;
	fn->problems = NULL;
	fn->nproblems = 0;
	fn->clp = NULL;
	fn->vfio = NULL;
	fn->kdiag = NULL;
}
