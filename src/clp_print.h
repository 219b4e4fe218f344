/* SPDX-License-Identifier: MIT */
/* CLP answers through one printer for clp show's text and the JSON "clp" member (clp_print.c). */
#ifndef ZPCIDIAG_CLP_PRINT_H
#define ZPCIDIAG_CLP_PRINT_H

#include "model.h"
#include "print.h"

/* List PCI Functions: one entry */
void zpci_clp_list_entry_print(const struct zpci_printer *p, const struct zpci_clp_list_entry *e);
/* Query PCI Function */
void zpci_clp_query_fn_print(const struct zpci_printer *p, const struct zpci_clp_fn_data *q);
/* Query PCI Function Group */
void zpci_clp_group_print(const struct zpci_printer *p, const struct zpci_clp_group_data *g);
/* JSON: the "clp" member of a function (list entry, query answers, notes); text: nothing */
void zpci_print_clp(const struct zpci_printer *p, const struct zpci_fn *fn);

#endif
