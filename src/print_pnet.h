/* SPDX-License-Identifier: MIT */
/*
 * A function's PNET IDs with their source (source_pnet.c): the utility
 * string or the SMC PNET table. One printer for show and JSON (print.h);
 * list --tree's words are a formatter of their own.
 */
#ifndef ZPCIDIAG_PRINT_PNET_H
#define ZPCIDIAG_PRINT_PNET_H

#include <stddef.h>
#include "model.h"
#include "print.h"

/* "util_string" or "smc_pnet" */
const char *zpci_pnet_src_id(enum zpci_pnet_src src);
/* Text: one "pnet" line a PNET ID; JSON: the function's "pnet_ids" array. */
void zpci_print_pnet(const struct zpci_printer *p, const struct zpci_fn *fn);
/* Text: the table's state, one line, when it was asked for and not read;
 * JSON: the document's "smc_pnet" object (state, reason, entries). */
void zpci_print_pnet_table(const struct zpci_printer *p, const struct zpci_system *sys);
/* list --tree: " pnet:ID(source)" words appended to buf */
void zpci_tree_pnet(const struct zpci_fn *fn, char *buf, size_t len);

#endif
