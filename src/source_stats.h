/* SPDX-License-Identifier: MIT */
/*
 * The counters source: each function's FMB statistics from debugfs
 * (<root>/kernel/debug/pci/<address>/statistics, root only), read below the
 * sysfs root, so a fake tree or a report (which records the file) serves
 * the same. Kept beside the model, one struct zpci_fmb per function.
 */
#ifndef ZPCIDIAG_SOURCE_STATS_H
#define ZPCIDIAG_SOURCE_STATS_H

#include "fmb_stats.h"
#include "model.h"

/* Fill out[i] for fns[i]; functions without a PCI device get ZPCI_FMB_ABSENT. */
void zpci_stats_fill(const struct zpci_ctx *ctx, struct zpci_fn *const *fns, size_t n,
		     struct zpci_fmb *out);
/* The statistics file of fn relative to the sysfs root ("kernel/debug/pci/ADDR/statistics"). */
void zpci_stats_rel_path(const struct zpci_fn *fn, char *buf, size_t len);
/* A report keeps every configured function's statistics file. */
void zpci_stats_record(const struct zpci_ctx *ctx, const struct zpci_system *sys);

#endif
