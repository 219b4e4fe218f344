/* SPDX-License-Identifier: MIT */
/*
 * A function for people and for JSON (print_function.c): show's text and
 * the function object of every command's JSON come from the same calls.
 * sys is the system the function belongs to, for the facts that need it
 * (UID checking in the uid line, the recovery part); NULL leaves those out.
 */
#ifndef ZPCIDIAG_PRINT_FUNCTION_H
#define ZPCIDIAG_PRINT_FUNCTION_H

#include "model.h"
#include "print.h"

void zpci_print_function(const struct zpci_printer *p, const struct zpci_system *sys,
			 const struct zpci_fn *fn);

#endif
