// SPDX-License-Identifier: MIT
/* Placeholder: the sysfs source is written by the foundation issue (#2). */
#include "config.h"
#include "sources.h"

int zpci_sysfs_scan(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	return ZX_OK;
}

int zpci_pciconf_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	return ZX_OK;
}
