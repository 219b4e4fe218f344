/* SPDX-License-Identifier: MIT */
/*
 * Run-time context shared by sources and commands: where every source reads
 * from (live system, fake root, saved report) and how output is formatted.
 */
#ifndef ZPCIDIAG_H
#define ZPCIDIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "exitcodes.h"

#define ZPCI_PROG "zpcidiag"
#define ZPCI_JSON_SCHEMA_VERSION 2

struct zpci_ctx {
	const char *sysfs_root;		/* stands for /sys (default "/sys") */
	const char *dev_root;		/* stands for /dev (default "/dev"): /dev/clp, /dev/vfio */
	const char *clp_raw_dir;	/* read CLP blocks from here instead of /dev/clp */
	const char *clp_save_dir;	/* also save the CLP blocks read from /dev/clp here (--raw) */
	const char *type_filter;	/* --type as given (all values, for messages) */
	uint64_t type_set[4];		/* --type: PFTs wanted (bit per PFT); all 0: any */
	const char *id_filter;		/* -d VENDOR:DEVICE (lspci syntax) */
	const char *slot_filter;	/* -s [[[[domain]:]bus]:][slot][.[func]] (lspci syntax) */
	const char *columns;		/* -o COLUMN,...: table columns to print */
	int noheadings;			/* --noheadings: tables without their header line */
	int numeric;			/* -n: no names from pci.ids */
	const char *pci_ids;		/* --pci-ids FILE instead of libpci's default */
	int json;			/* an int: popt POPT_ARG_NONE stores an int, a bool breaks on big-endian s390x */
	int verbose;
	bool offline;			/* never touch live kernel interfaces (fake root or report) */
	const char *report_file;	/* --report: read a saved report instead of this system */
	const char *report_root;	/* where it was unpacked; saved vfio and netlink answers */
	bool report_foreign_endian;	/* the report's machine had the other byte order */
};

/* Diagnostics (zpci_err, zpci_warn): "zpcidiag: <device>: <what>" on stderr. */
#include "msg.h"

#endif
