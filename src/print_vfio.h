/* SPDX-License-Identifier: MIT */
/* The vfio part of a function, text and JSON (print_vfio.c). */
#ifndef ZPCIDIAG_PRINT_VFIO_H
#define ZPCIDIAG_PRINT_VFIO_H

#include "model.h"
#include "print.h"

/* Text (to stdout): caps' block for fn, nothing without vfio data; JSON: adds
 * the "vfio" member to p->obj. ZX_OK or ZX_INTERNAL (out of memory). */
int zpci_print_vfio(const struct zpci_printer *p, const struct zpci_fn *fn);

#endif
