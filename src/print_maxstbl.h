/* SPDX-License-Identifier: MIT */
/* maxstbl by source, text and JSON from one printer (print_maxstbl.c). */
#ifndef ZPCIDIAG_PRINT_MAXSTBL_H
#define ZPCIDIAG_PRINT_MAXSTBL_H

#include "maxstbl.h"
#include "print.h"

/* Text: one line per source, "effective", the findings (value column 6 wide);
 * JSON: the members of "maxstbl" (sources, unavailable, hardware,
 * hardware_source, effective, effective_reason, findings) added to p->obj. */
void zpci_print_maxstbl(const struct zpci_printer *p, const struct zpci_fn *fn);
void zpci_print_findings(const struct zpci_printer *p, const struct zpci_maxstbl_finding *f,
			 size_t n);

#endif
