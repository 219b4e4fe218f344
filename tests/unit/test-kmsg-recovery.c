// SPDX-License-Identifier: MIT
/*
 * The kernel's zPCI recovery messages as /dev/kmsg and a report's
 * system/dmesg carry them (kmsg_recovery.c), each line built from the
 * format string it comes from:
 *   pci_event.c __zpci_event_error (6.12) / __zpci_event_print_error (torvalds master)
 *   pci_event.c zpci_event_attempt_error_recovery, zpci_event_do_reset,
 *     zpci_event_do_error_state_clear, zpci_event_notify_error_detected
 *   pci_report.c zpci_report_status (6.15+)
 * and lines that must not count.
 */
#include "config.h"

#include <string.h>

#include "kmsg_recovery.h"
#include "unit.h"

int main(void)
{
	struct zpci_kmsg_event ev;
	struct zpci_recovery r;

	/* __zpci_event_error: pr_err (3) "%s: Event 0x%x reports an error for PCI function 0x%x" */
	CHECK(zpci_kmsg_parse("3,812,51234567,-;zpci: 0001:00:00.0: Event 0x3a reports an error "
			      "for PCI function 0x10", &ev) == 1);
	CHECK(ev.kind == ZRE_ERROR && ev.fid_known && ev.fid == 0x10);
	CHECK_STREQ(ev.addr, "0001:00:00.0");
	CHECK_EQ_U64(ev.usec, 51234567);
	/* the same with "n/a" when no pci_dev exists: found by FID only */
	CHECK(zpci_kmsg_parse("3,813,51234600,-;zpci: n/a: Event 0x3a reports an error for PCI "
			      "function 0xa0b0c0d", &ev) == 1);
	CHECK(ev.addr[0] == '\0' && ev.fid == 0x0a0b0c0d);
	/* PEC 0x2a-0x2c concern the FMB: __zpci_event_error starts no recovery */
	CHECK(zpci_kmsg_parse("3,813,1,-;zpci: 0001:00:00.0: Event 0x2b reports an error for PCI "
			      "function 0x10", &ev) == 1 && ev.kind == ZRE_STEP);

	/* zpci_event_attempt_error_recovery: pr_err "...: Automatic recovery failed; operator
	 * intervention is required", as a report's system/dmesg line */
	CHECK(zpci_kmsg_parse("[   51.300001] zpci: 0001:00:00.0: Automatic recovery failed; "
			      "operator intervention is required", &ev) == 1);
	CHECK(ev.kind == ZRE_FAILED);
	CHECK_EQ_U64(ev.usec, 51300001);
	CHECK_STREQ(ev.text, "Automatic recovery failed; operator intervention is required");
	/* pr_info "%s: Cannot be recovered because no driver is bound to the device" */
	CHECK(zpci_kmsg_parse("6,814,1,-;zpci: 0002:00:00.0: Cannot be recovered because no "
			      "driver is bound to the device", &ev) == 1 && ev.kind == ZRE_FAILED);
	/* 6.12 only: "%s: Cannot be recovered in the host because it is a pass-through device" */
	CHECK(zpci_kmsg_parse("6,815,1,-;zpci: 0002:00:00.0: Cannot be recovered in the host "
			      "because it is a pass-through device", &ev) == 1 && ev.kind == ZRE_FAILED);
	/* pr_info "%s: The %s driver bound to the device does not support error recovery" */
	CHECK(zpci_kmsg_parse("6,816,1,-;zpci: 0003:00:00.0: The virtio-pci driver bound to the "
			      "device does not support error recovery", &ev) == 1 && ev.kind == ZRE_FAILED);
	/* zpci_event_notify_error_detected / do_error_state_clear / do_reset: the three
	 * "Automatic recovery failed after ..." variants */
	CHECK(zpci_kmsg_parse("6,817,1,-;zpci: 0003:00:00.0: Automatic recovery failed after "
			      "slot reset", &ev) == 1 && ev.kind == ZRE_FAILED);
	/* steps: "%s: Initiating reset", "%s: Unblocking device access for examination" */
	CHECK(zpci_kmsg_parse("6,818,1,-;zpci: 0003:00:00.0: Initiating reset", &ev) == 1 &&
	      ev.kind == ZRE_STEP);
	CHECK(zpci_kmsg_parse("6,819,1,-;zpci: 0003:00:00.0: Unblocking device access for "
			      "examination", &ev) == 1 && ev.kind == ZRE_STEP);
	/* pr_info "%s: The device is ready to resume operations" */
	CHECK(zpci_kmsg_parse("6,820,1,-;zpci: 0003:00:00.0: The device is ready to resume "
			      "operations", &ev) == 1 && ev.kind == ZRE_RECOVERED);
	/* torvalds master: "%s: Leaving recovery of pass-through device to user-space" */
	CHECK(zpci_kmsg_parse("6,821,1,-;zpci: 0003:00:00.0: Leaving recovery of pass-through "
			      "device to user-space", &ev) == 1 && ev.kind == ZRE_USERSPACE);
	/* pci_report.c zpci_report_status: no address in either line */
	CHECK(zpci_kmsg_parse("6,822,52000000,-;zpci: Reported PCI device status", &ev) == 1 &&
	      ev.kind == ZRE_REPORTED && ev.addr[0] == '\0');
	CHECK(zpci_kmsg_parse("3,823,1,-;zpci: Reporting PCI status failed with code 4", &ev) == 1 &&
	      ev.kind == ZRE_REPORT_FAILED);

	/* not recovery events */
	CHECK(zpci_kmsg_parse("6,824,1,-;zpci: Disabling PCI function 00000010 had no effect as "
			      "it was already disabled", &ev) == 0);	/* pci.c, no address */
	CHECK(zpci_kmsg_parse("6,825,1,-;pci 0001:00:00.0: [1af4:1041] type 00 class 0x020000",
			      &ev) == 0);
	CHECK(zpci_kmsg_parse(" DEVICE=+pci:0001:00:00.0", &ev) == 0);	/* continuation */
	CHECK(zpci_kmsg_parse("6,826,1,-;zpci: 0001:00:00.0: added", &ev) == 0);
	CHECK(zpci_kmsg_parse("6,827,1,-;zpci: 01:00:00.0: Initiating reset", &ev) == 0);
	CHECK(zpci_kmsg_parse("garbage;zpci: 0001:00:00.0: Initiating reset", &ev) == 0);
	CHECK(zpci_kmsg_parse("[ 12.5 zpci: 0001:00:00.0: Initiating reset", &ev) == 0);
	CHECK(zpci_kmsg_parse("", &ev) == 0);

	/* a sequence: error, failure, reported; then a later error and a recovery */
	memset(&r, 0, sizeof(r));
	CHECK(zpci_kmsg_parse("3,1,100,-;zpci: 0001:00:00.0: Event 0x3a reports an error for PCI "
			      "function 0x10", &ev) == 1);
	zpci_recovery_apply(&r, &ev);
	CHECK(r.nerrors == 1 && r.outcome == ZRE_NONE);
	CHECK(zpci_kmsg_parse("3,2,200,-;zpci: 0001:00:00.0: Automatic recovery failed; operator "
			      "intervention is required", &ev) == 1);
	zpci_recovery_apply(&r, &ev);
	CHECK(zpci_kmsg_parse("6,3,300,-;zpci: Reported PCI device status", &ev) == 1);
	zpci_recovery_apply(&r, &ev);
	CHECK(r.outcome == ZRE_FAILED && r.outcome_usec == 200 && r.reported && r.reported_usec == 300);
	CHECK(zpci_kmsg_parse("3,4,400,-;zpci: 0001:00:00.0: Event 0x3a reports an error for PCI "
			      "function 0x10", &ev) == 1);
	zpci_recovery_apply(&r, &ev);
	CHECK(r.outcome_after_error && r.nerrors == 2);
	CHECK(zpci_kmsg_parse("6,5,500,-;zpci: 0001:00:00.0: The device is ready to resume "
			      "operations", &ev) == 1);
	zpci_recovery_apply(&r, &ev);
	CHECK(r.outcome == ZRE_RECOVERED && !r.outcome_after_error && r.nevents == 5);
	CHECK(r.first_usec == 100 && r.last_usec == 500);
	CHECK_STREQ(zpci_rec_event_name(r.outcome), "recovered");
	return unit_done("test-kmsg-recovery");
}
