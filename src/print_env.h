/* SPDX-License-Identifier: MIT */
/* The environment (/proc/sysinfo) in show's text and JSON, one printer (print_env.c). */
#ifndef ZPCIDIAG_PRINT_ENV_H
#define ZPCIDIAG_PRINT_ENV_H

#include "print.h"
#include "sysinfo.h"

/* Text: "Environment:" and its lines ("sysinfo  -  why" when /proc/sysinfo is
 * unknown); JSON: the document's "environment" member, null then. */
void zpci_print_env(const struct zpci_printer *p, const struct zpci_sysinfo *si);

#endif
