// SPDX-License-Identifier: MIT
/* Placeholder for the diagnostics module (source_kdiag.c) until issue 4 lands: reports the source as not built. */
#include "config.h"
#include "sources.h"

int zpci_kdiag_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++)
		zpci_src_set(&sys->fns[i].src_kdiag, ZS_UNAVAILABLE, "not built into this zpcidiag");
	return ZX_OK;
}
