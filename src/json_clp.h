/* SPDX-License-Identifier: MIT */
/* JSON of the CLP, vfio and maxstbl parts of a function (json_clp.c). */
#ifndef ZPCIDIAG_JSON_CLP_H
#define ZPCIDIAG_JSON_CLP_H

#include "json_out.h"

/* Each returns NULL (JSON null) when its source has no data. */
json_object *zpci_json_clp(const struct zpci_fn *fn);
json_object *zpci_json_clp_list_entry(const struct zpci_clp_list_entry *e);
json_object *zpci_json_vfio(const struct zpci_fn *fn);
json_object *zpci_json_maxstbl(const struct zpci_fn *fn);
/* The utility string: {"available", "hex", "text", "pnet_ids"} */
json_object *zpci_json_util_str(const uint8_t util[64], bool avail);

#endif
