/* SPDX-License-Identifier: MIT */
/*
 * Interface names systemd-udevd's net_id builtin derives for a zPCI
 * function, and what the function-ID parameter (fidparm) bits mean. Pure
 * functions over the model: the names are computed, not read, so they can
 * be compared with the names the interfaces really have.
 */
#ifndef ZPCIDIAG_IFNAMES_H
#define ZPCIDIAG_IFNAMES_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

/* "" where systemd derives no name of that kind; a name longer than 15
 * bytes (IFNAMSIZ) can only be an alternative name (ALTIFNAMSIZ 128) */
struct zpci_ifnames {
	char onboard[32];	/* ID_NET_NAME_ONBOARD: eno<index> (UID checking on) */
	char slot[32];		/* ID_NET_NAME_SLOT: ens<FID in decimal> */
	char path[32];		/* ID_NET_NAME_PATH: en[P<domain>]p<bus>s<dev>[f<func>] */
};

/* Names for a configured function's Ethernet interfaces ("en" prefix, no dev_port suffix). */
void zpci_fn_ifnames(const struct zpci_fn *fn, struct zpci_ifnames *out);
/* Whether name is built from the PCI domain (path names, enP...): such a
 * name follows discovery order while UIDs are not unique. */
bool zpci_ifname_uses_domain(const struct zpci_fn *fn, const char *name);
/* "promiscuous mode (Network Express VF)" and the like for the set bits of
 * fidparm, "none" for 0; buf holds the text. */
const char *zpci_fidparm_text(unsigned int fidparm, char *buf, size_t len);

#endif
