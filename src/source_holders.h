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

#include "passthrough_view.h"

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
