/* SPDX-License-Identifier: MIT */
/*
 * The KVM host's view of passthrough as data: what source_holders.c found
 * (holder processes, their QEMU devices, KVM's zPCI interpretation) and the
 * view of one function. Model layer, so that check rules read it without
 * reaching the source that fills it.
 */
#ifndef ZPCIDIAG_PASSTHROUGH_VIEW_H
#define ZPCIDIAG_PASSTHROUGH_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model.h"

#define ZPCI_PT_MAX_HOLDERS 64
#define ZPCI_PT_MAX_DEVS 16
#define ZPCI_PT_MAX_PROCS 32768		/* /proc entries looked at, at most */

/* One -device vfio-pci of a holder's command line, with its zpci device. */
struct zpci_pt_dev {
	char host[ZPCI_ADDR_LEN];	/* host= or the address in sysfsdev=, "" unknown */
	char id[64];			/* id=, "" none */
	bool zpci;			/* a -device zpci with target=id */
	bool uid_set, fid_set;		/* uid=, fid= given (else QEMU assigns) */
	uint32_t uid, fid;
	int interpret;			/* zpci's interpret=: 1 on, 0 off, -1 not given (on) */
};

struct zpci_pt_holder {
	int pid;
	char node[64];			/* /dev/vfio/12 or /dev/vfio/devices/vfio0 */
	char exe[64];			/* argv[0], last path component */
	char guest[128];		/* -name guest=NAME or -name NAME, "" none */
	struct zpci_pt_dev devs[ZPCI_PT_MAX_DEVS];
	size_t ndevs;
};

struct zpci_pt_scan {
	bool valid;			/* /proc was read (or the report's view) */
	char why[160];			/* why not valid */
	int kvm_zpci_op;		/* 1 can interpret, 0 cannot, -1 unknown */
	char kvm_why[128];		/* why unknown, or where it came from */
	unsigned int procs_seen, procs_unreadable;
	bool truncated;			/* more holders or processes than the bounds */
	struct zpci_pt_holder holders[ZPCI_PT_MAX_HOLDERS];
	size_t nholders;
};

/* The view of one function (vfio-bound or not). */
struct zpci_pt_view {
	bool vfio;			/* bound to a vfio driver */
	const struct zpci_pt_holder *holder;	/* NULL: no process holds it (or unknown) */
	const struct zpci_pt_dev *dev;	/* the holder's -device vfio-pci for it, NULL none */
	char domain_type[24];		/* iommu_groups/N/type, "" unknown */
	int rtr;			/* CLP relaxed translation allowed: 1, 0, -1 unknown */
};

#endif
