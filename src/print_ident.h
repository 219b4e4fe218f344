/* SPDX-License-Identifier: MIT */
/*
 * A function's identity beyond the sysfs attributes: where its UID came from
 * (the slot, for a function in standby), what fidparm's bits mean and the
 * interface names systemd gives it. Text for show, members for JSON.
 */
#ifndef ZPCIDIAG_PRINT_IDENT_H
#define ZPCIDIAG_PRINT_IDENT_H

#include <json-c/json.h>
#include "model.h"

/* show's lines (under "zPCI:"): standby UID, fidparm decoded, interface names */
void zpci_show_ident(const struct zpci_fn *fn);
/* JSON members "uid_source", "fidparm_flags", "ifnames" of a function object */
void zpci_json_add_ident(json_object *o, const struct zpci_fn *fn);

#endif
