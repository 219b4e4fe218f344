// SPDX-License-Identifier: MIT
/* Placeholder for vfio capabilities (source_vfio.c) until issue 5 lands: reports the source as not built. */
#include "config.h"
#include "sources.h"

int zpci_vfio_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	for (size_t i = 0; i < sys->nfns; i++)
		zpci_src_set(&sys->fns[i].src_vfio, ZS_UNAVAILABLE, "not built into this zpcidiag");
	return ZX_OK;
}
