/* SPDX-License-Identifier: MIT */
/* A function's recovery state from the kernel log, in text and JSON (print_recovery.c). */
#ifndef ZPCIDIAG_PRINT_RECOVERY_H
#define ZPCIDIAG_PRINT_RECOVERY_H

#include <json-c/json.h>
#include "model.h"

/* Window in which a recovery counts as recent for check (recovery-recent). */

/* show: "Recovery:" lines; nothing when the kernel log was not asked for. */
void zpci_show_recovery(const struct zpci_system *sys, const struct zpci_fn *fn);
/* show --json: the "recovery" member of a function; NULL when not read. */
json_object *zpci_json_recovery(const struct zpci_system *sys, const struct zpci_fn *fn);

#endif
