/* SPDX-License-Identifier: MIT */
/*
 * The function measurement block (FMB) as the kernel shows it in debugfs,
 * /sys/kernel/debug/pci/<address>/statistics (arch/s390/pci/pci_debug.c,
 * pci_perf_show): "FMB statistics disabled", or a header (update interval,
 * samples, last update TOD) and one "%26s:\t%llu" line per counter: the four
 * common counters, the format's block (0 DMA, 1 bytes and packets, 2 work
 * units, 3 transmitted bytes; "Unknown format" otherwise) and the kernel's
 * own IOMMU counters. Parsed here, from bytes, with no file access.
 */
#ifndef ZPCIDIAG_FMB_STATS_H
#define ZPCIDIAG_FMB_STATS_H

#include <stdbool.h>
#include <stddef.h>
#include <limits.h>
#include <stdint.h>

#define ZPCI_FMB_MAX_COUNTERS 24

enum zpci_fmb_state {
	ZPCI_FMB_ABSENT = 0,	/* no statistics file (no debugfs, not root, no such function) */
	ZPCI_FMB_DISABLED,	/* "FMB statistics disabled": measurement is off */
	ZPCI_FMB_ENABLED,
	ZPCI_FMB_MALFORMED,	/* the file does not hold what pci_debug.c writes */
};

struct zpci_fmb_counter {
	char name[32];		/* as the kernel prints it, "Load operations" */
	char key[32];		/* snake case for JSON and Prometheus, "load_operations" */
	uint64_t value;
};

struct zpci_fmb {
	enum zpci_fmb_state state;
	char why[PATH_MAX + 96];	/* ABSENT or MALFORMED: what was wrong (names the file) */
	uint32_t update_ms;		/* "Update interval: %u ms" */
	uint32_t samples;		/* "Samples: %u" */
	uint64_t last_update_tod;	/* "Last update TOD: %Lx" (TOD clock, hex) */
	bool unknown_format;		/* "Unknown format": the function-type block is missing */
	struct zpci_fmb_counter c[ZPCI_FMB_MAX_COUNTERS];
	size_t n;
};

/* Parse the statistics file's text (len bytes, need not be NUL-terminated).
 * 0, or -1 with fmb->state ZPCI_FMB_MALFORMED and fmb->why set. */
int zpci_fmb_parse(const char *text, size_t len, struct zpci_fmb *fmb);
/* The counter called key ("load_operations"), NULL when the block lacks it. */
const struct zpci_fmb_counter *zpci_fmb_find(const struct zpci_fmb *fmb, const char *key);
const char *zpci_fmb_state_name(enum zpci_fmb_state st);

#endif
