/* SPDX-License-Identifier: MIT */
/* The environment (/proc/sysinfo) in show's text and JSON. */
#ifndef ZPCIDIAG_PRINT_ENV_H
#define ZPCIDIAG_PRINT_ENV_H

#include <json-c/json.h>
#include "sysinfo.h"

/* "Environment:" and its lines */
void zpci_show_env(const struct zpci_sysinfo *si);
/* the "environment" member of a document: null when /proc/sysinfo is unknown */
json_object *zpci_json_env(const struct zpci_sysinfo *si);

#endif
