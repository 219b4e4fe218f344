/* SPDX-License-Identifier: MIT */
/*
 * Output of the diagnostics module's facts (src/kdiag_out.c): the "kernel"
 * member of a function's JSON (zpci_json_add_kdiag, json_out.h) and the
 * "Kernel:" section of `zpcidiag show`.
 */
#ifndef ZPCIDIAG_KDIAG_OUT_H
#define ZPCIDIAG_KDIAG_OUT_H

#include "model.h"

/* Prints nothing when the module did not answer for fn (its source status says why). */
void zpci_show_kdiag_text(const struct zpci_fn *fn);

#endif
