/* SPDX-License-Identifier: MIT */
/*
 * Recovery events of zPCI functions in the kernel log (kmsg_recovery.c: a
 * pure parser, no I/O). The messages are the kernel's own, logged with the
 * "zpci: " prefix (KMSG_COMPONENT) by arch/s390/pci/pci_event.c and
 * arch/s390/pci/pci_report.c; kmsg_recovery.c names the function of each.
 */
#ifndef ZPCIDIAG_KMSG_RECOVERY_H
#define ZPCIDIAG_KMSG_RECOVERY_H

#include <stdbool.h>
#include <stdint.h>
#include "model.h"

/* One parsed log line. */
struct zpci_kmsg_event {
	uint64_t usec;			/* since boot (the kmsg timestamp) */
	char addr[ZPCI_ADDR_LEN];	/* "" when the kernel printed "n/a" or none */
	uint32_t fid;			/* from "PCI function 0x%x", when fid_known */
	bool fid_known;
	enum zpci_rec_event kind;
	char text[ZPCI_REC_TEXT];	/* the message after "zpci: ADDR: " */
};

/* Parses one line: a /dev/kmsg record ("prio,seq,usec,flags;text") or a line
 * of a report's system/dmesg ("[  sec.usec] text"). 1: a zPCI recovery event
 * in *ev; 0: another message (or a continuation line). */
int zpci_kmsg_parse(const char *line, struct zpci_kmsg_event *ev);

/* Adds ev to r (the function ev names). */
void zpci_recovery_apply(struct zpci_recovery *r, const struct zpci_kmsg_event *ev);

/* "recovered", "failed", ... for show and JSON */
const char *zpci_rec_event_name(enum zpci_rec_event k);

/* The function answers now: config space was read and its vendor ID is not 0xffff. */
bool zpci_fn_config_answers(const struct zpci_fn *fn);

/* An event at usec is within the window before "now" (unknown now: yes). */
#define ZPCI_RECOVERY_RECENT_USEC (24ULL * 3600 * 1000000)
bool zpci_recovery_recent(const struct zpci_system *sys, uint64_t usec);

#endif
