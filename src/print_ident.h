/* SPDX-License-Identifier: MIT */
/*
 * A function's identity beyond the sysfs attributes: where its UID came from
 * (the slot, for a function in standby), what fidparm's bits mean, its RDMA
 * devices and PNET IDs and the interface names systemd gives it. One printer
 * for show and JSON (print.h).
 */
#ifndef ZPCIDIAG_PRINT_IDENT_H
#define ZPCIDIAG_PRINT_IDENT_H

#include "model.h"
#include "print.h"

/* Text: show's lines under "zPCI:" (standby: the UID and where it came
 * from; configured: fidparm decoded, ibdev, pnet and interface names);
 * JSON: the members "uid_source", "fidparm_flags", "ifnames", "ibdevs" and
 * "pnet_ids" of a function object. */
void zpci_print_ident(const struct zpci_printer *p, const struct zpci_fn *fn);

#endif
