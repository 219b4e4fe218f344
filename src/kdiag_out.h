/* SPDX-License-Identifier: MIT */
/*
 * Output of the diagnostics module's facts (src/kdiag_out.c): the "kernel"
 * member of a function's JSON and the "Kernel (zpcidiag_diag):" section of
 * `zpcidiag show`, from one printer (print.h).
 */
#ifndef ZPCIDIAG_KDIAG_OUT_H
#define ZPCIDIAG_KDIAG_OUT_H

#include "model.h"
#include "print.h"

/* Text: nothing, JSON: "kernel": null when the module did not answer for fn
 * (its source status says why). */
void zpci_print_kdiag(const struct zpci_printer *p, const struct zpci_fn *fn);

#endif
