/* SPDX-License-Identifier: MIT */
/* Loading the model from the sources (load.c). */
#ifndef ZPCIDIAG_LOAD_H
#define ZPCIDIAG_LOAD_H

#include "model.h"

struct zpci_selectors;

/*
 * Fill sys from the sources what names (ZL_*; sysfs and the host always),
 * then derive the whole-system facts. With selectors (select.h; NULL or none:
 * every function) only the functions they can match are read, and the checks
 * across functions (duplicate FIDs and UIDs) are left out. ZX_OK or an exit
 * code (message printed); free sys with zpci_system_free() either way.
 */
int zpci_system_load_only(struct zpci_ctx *ctx, struct zpci_system *sys, unsigned int what,
			  const struct zpci_selectors *only);
/* Every function. */
int zpci_system_load(struct zpci_ctx *ctx, struct zpci_system *sys, unsigned int what);

#endif
