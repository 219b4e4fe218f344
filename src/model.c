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

#include "model.h"
#include "sources.h"

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
}

void zpci_fn_problem(struct zpci_fn *fn, int severity, const char *code, const char *fmt, ...)
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
	if (what & ZL_KDIAG)
		zpci_kdiag_fill(ctx, sys);
	return ZX_OK;
}

void zpci_system_free(struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++)
		free(sys->fns[i].problems);
	free(sys->fns);
	memset(sys, 0, sizeof(*sys));
}
