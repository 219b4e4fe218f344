/* SPDX-License-Identifier: MIT */
/* Config-space actions beyond reading (source_pciconf.c). */
#ifndef ZPCIDIAG_PCICONF_H
#define ZPCIDIAG_PCICONF_H

#include "model.h"

/*
 * The opt-in active probe of `vf --probe-command`: set PCI_COMMAND's memory
 * bit, read it back, restore the original value. Writes config space, so the
 * caller must have checked that the user asked for it on this one unbound
 * function. Fills fn->pci.cmd_probe_before/after. Returns an exit code and
 * prints "zpcidiag: <dev>: ..." on failure.
 */
int zpci_pciconf_probe_command_memory(struct zpci_ctx *ctx, struct zpci_fn *fn);

#endif
