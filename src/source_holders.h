/* SPDX-License-Identifier: MIT */
/*
 * The KVM host's view of passthrough (source_holders.c): which process holds
 * a function's vfio device (/proc/<pid>/fd links to /dev/vfio/<group> or
 * /dev/vfio/devices/vfioN), the guest name and guest-visible UID/FID from
 * that process's QEMU command line (-name guest=, -device zpci,target= matched
 * to -device vfio-pci,id=), whether KVM can interpret zPCI
 * (KVM_CAP_S390_ZPCI_OP on /dev/kvm), the IOMMU group's domain type and the
 * CLP relaxed-translation bit.
 *
 * The proc root lies beside the sysfs root (<sysfs root>/../proc), like
 * /proc/sysinfo. What the scan found is kept as text ("passthrough/holders"
 * in a report, see zpci_pt_parse()), so a report reads back the same view.
 * On a fake root, <sysfs root>/../dev/kvm may be a text file with the line
 * "KVM_CAP_S390_ZPCI_OP 0|1" in place of the device.
 */
#ifndef ZPCIDIAG_SOURCE_HOLDERS_H
#define ZPCIDIAG_SOURCE_HOLDERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "zpcidiag.h"
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

/* Fill scan from the live system, a fake root or a report (ctx decides). */
void zpci_pt_scan(const struct zpci_ctx *ctx, struct zpci_pt_scan *scan);
/* The text form (one record per line) and back; parse returns false on bad text. */
size_t zpci_pt_format(const struct zpci_pt_scan *scan, char *buf, size_t len);
bool zpci_pt_parse(const char *text, size_t len, struct zpci_pt_scan *scan);
/* Parse one NUL-separated command line into h (exe, guest, devs). */
void zpci_pt_parse_cmdline(const char *argv, size_t len, struct zpci_pt_holder *h);
/* The view of fn: its holder, device, domain type and RTR bit. */
void zpci_pt_view(const struct zpci_ctx *ctx, const struct zpci_system *sys,
		  const struct zpci_fn *fn, const struct zpci_pt_scan *scan,
		  struct zpci_pt_view *v);
/* A report keeps the view: scan and read each vfio function's domain type while recording. */
void zpci_pt_record(const struct zpci_ctx *ctx, const struct zpci_system *sys);

#endif
