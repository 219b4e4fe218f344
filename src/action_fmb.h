/* SPDX-License-Identifier: MIT */
/*
 * Switching a function's measurement block on or off: writing 1 or 0 to its
 * debugfs statistics file (pci_debug.c, pci_perf_seq_write). The kernel
 * then registers (or drops) an FMB with the firmware (zpci_fmb_enable_device,
 * Modify PCI Function Controls). An action: only when asked, never on a fake
 * root or a report, and --dry-run says what it would write.
 */
#ifndef ZPCIDIAG_ACTION_FMB_H
#define ZPCIDIAG_ACTION_FMB_H

#include <stdbool.h>
#include "fmb_stats.h"
#include "model.h"

/* enable (1) or disable (0) measurement of fn whose current state is cur; a ZX_ code. */
int zpci_fmb_switch(const struct zpci_ctx *ctx, const struct zpci_fn *fn,
		    const struct zpci_fmb *cur, bool enable, bool dry_run);

#endif
