/* SPDX-License-Identifier: MIT */
/* A function's recovery state from the kernel log, for show and JSON (print_recovery.c). */
#ifndef ZPCIDIAG_PRINT_RECOVERY_H
#define ZPCIDIAG_PRINT_RECOVERY_H

#include "model.h"
#include "print.h"

/* Text: "Recovery:" and its lines, nothing when the kernel log was not asked
 * for; JSON: the "recovery" member of a function, absent unless it was read. */
void zpci_print_recovery(const struct zpci_printer *p, const struct zpci_system *sys,
			 const struct zpci_fn *fn);

#endif
