/* SPDX-License-Identifier: MIT */
/*
 * maxstbl, the largest PCI block store (PCISTB) a function accepts, as every
 * source reports it, side by side, with the value a tool should use and the
 * disagreements that matter. Pure over the model (no I/O); print_maxstbl.c
 * prints it.
 *
 * The trap this exists for: vfio's ZPCI_GROUP capability has two fields.
 * `maxstbl` is the limit KVM applies to a guest's intercepted PCISTB (128
 * on current kernels); the hardware value is `imaxstbl` (version 2).
 */
#ifndef ZPCIDIAG_MAXSTBL_H
#define ZPCIDIAG_MAXSTBL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "model.h"

enum zpci_maxstbl_src {
	ZM_CLP,			/* CLP Query PCI Function Group: the firmware's answer */
	ZM_KDIAG,		/* the kernel's zdev->maxstbl (diagnostics module) */
	ZM_VFIO_IMAXSTBL,	/* vfio ZPCI_GROUP v2 imaxstbl: hardware value */
	ZM_VFIO_MAXSTBL,	/* vfio ZPCI_GROUP maxstbl: KVM intercept limit */
	ZM_IO_REGION,		/* zPCI I/O region header max: what the region accepts */
	ZM_NSRC
};

struct zpci_maxstbl_entry {
	const char *name;	/* stable JSON key */
	const char *meaning;
	bool known;
	uint16_t value;
	char why[544];			/* why unknown: the state and the source's reason, cut if longer */
};

struct zpci_maxstbl_finding {
	enum zpci_severity severity;
	const char *code;
	char text[280];
};

#define ZPCI_MAXSTBL_MAX_FINDINGS 8

struct zpci_maxstbl_view {
	struct zpci_maxstbl_entry src[ZM_NSRC];
	bool hardware_known;
	uint16_t hardware;		/* the function's limit, from the best source */
	enum zpci_maxstbl_src hardware_from;
	bool effective_known;
	uint16_t effective;		/* what a block store through this tool may use */
	const char *effective_why;
	struct zpci_maxstbl_finding findings[ZPCI_MAXSTBL_MAX_FINDINGS];
	size_t nfindings;
};

void zpci_maxstbl_view(const struct zpci_fn *fn, struct zpci_maxstbl_view *v);

#endif
