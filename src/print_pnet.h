/* SPDX-License-Identifier: MIT */
/*
 * A function's PNET IDs with their source (source_pnet.c): the utility
 * string or the SMC PNET table. Text for show and list --tree, JSON members.
 */
#ifndef ZPCIDIAG_PRINT_PNET_H
#define ZPCIDIAG_PRINT_PNET_H

#include <stddef.h>
#include <json-c/json.h>
#include "model.h"

/* "util_string" or "smc_pnet" */
const char *zpci_pnet_src_id(enum zpci_pnet_src src);
/* show: one "pnet" line a PNET ID */
void zpci_show_pnet(const struct zpci_fn *fn);
/* show: the table's state, once, when it was asked for and not read */
void zpci_show_pnet_table(const struct zpci_system *sys);
/* list --tree: " pnet:ID(source)" words appended to buf */
void zpci_tree_pnet(const struct zpci_fn *fn, char *buf, size_t len);
/* JSON: the function's "pnet_ids" array; the document's "smc_pnet" object */
json_object *zpci_json_pnet_ids(const struct zpci_fn *fn);
json_object *zpci_json_pnet_table(const struct zpci_system *sys);

#endif
