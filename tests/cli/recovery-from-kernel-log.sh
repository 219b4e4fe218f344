#!/bin/sh
# Recovery state from this boot's kernel log: a fake root's dev/kmsg holds
# /dev/kmsg records ("prio,seq,usec,flags;text") built from the kernel's
# format strings, proc/uptime is "now":
#   pci_event.c __zpci_event_error "%s: Event 0x%x reports an error for PCI function 0x%x"
#   pci_event.c zpci_event_attempt_error_recovery "%s: Automatic recovery failed;
#     operator intervention is required", "%s: The device is ready to resume operations",
#     "%s: Cannot be recovered because no driver is bound to the device"
#   pci_report.c zpci_report_status "Reported PCI device status" (6.15+)
# A failed recovery is critical while the function reads all ones ("rev ff"),
# however old; once it answers it is a warning for 24 h, then nothing.
. "$(dirname "$0")/lib.sh"
A=0050:00:00.0

root() {	# NAME UPTIME CONFIG(ff|ok) LINES...
	d=$WORK/$1 up=$2 cfg=$3
	shift 3
	python3 "$MKFIXTURE" --root lpar-6-18-network-express "$d" || fail "fixture"
	mkdir -p "$d/dev"
	: >"$d/dev/kmsg"
	for l in "$@"; do printf '%s\n' "$l" >>"$d/dev/kmsg"; done
	printf '%s 100.00\n' "$up" >"$d/proc/uptime"
	if [ "$cfg" = ff ]; then
		c=$d/sys/bus/pci/devices/$A/config
		python3 -c 'import os, sys; n = os.path.getsize(sys.argv[1]); open(sys.argv[1], "wb").write(b"\xff" * n)' "$c"
	fi
}
ERR1="3,812,51234567,-;zpci: $A: Event 0x3a reports an error for PCI function 0xa00"
FAIL1="3,813,51300001,-;zpci: $A: Automatic recovery failed; operator intervention is required"
REP1="6,814,51300100,-;zpci: Reported PCI device status"
OK1="6,815,51400000,-;zpci: $A: The device is ready to resume operations"

# failed, the function reads all ones, a minute later: critical and info
root failed-ff 120.50 ff "$ERR1" "$FAIL1" "$REP1"
run 2 --sysfs-root "$WORK/failed-ff/sys" check $A
contains "$OUT" '^critical +recovery-failed +0050:00:00.0 +kernel at 51.300001 s after boot: "Automatic recovery failed; operator intervention is required"; the function reads all ones now'
contains "$OUT" '^info +recovery-status-reported +0050:00:00.0 +the kernel reported the recovery status \(failed\)'
lacks "$OUT" 'recovery-recent'
# one critical finding for one fact: recovery-failed already says all ones
lacks "$OUT" 'data-error'
# show exits 4: config-not-responding is a critical problem of the model
run 4 --sysfs-root "$WORK/failed-ff/sys" show $A
contains "$OUT" '^  config +all ones +vendor ID reads 0xffff \(lspci "rev ff"\)'
contains "$OUT" '^  last outcome +failed +51.300001 s after boot \(69 s ago\): "Automatic recovery failed; operator intervention is required"'
contains "$OUT" '^  reported +yes +status sent to the Support Element 51.300100 s after boot'
run 4 --sysfs-root "$WORK/failed-ff/sys" --json show $A
schema_valid show
jeq 'd["functions"][0]["recovery"]["outcome"], d["functions"][0]["recovery"]["outcome_s"], d["functions"][0]["recovery"]["config_all_ones"], d["functions"][0]["recovery"]["reported_s"]' '["failed", 51.300001, true, 51.3001]'

# all ones and nothing in the log: no recovery to blame, data-error says it
root ff-silent 120.50 ff
run 2 --sysfs-root "$WORK/ff-silent/sys" check $A
contains "$OUT" '^critical +data-error +0050:00:00.0 +config-not-responding: '
lacks "$OUT" 'recovery-failed'

# the same failure three days old, the function still all ones: still critical
root failed-ff-old 259200.00 ff "$ERR1" "$FAIL1" "$REP1"
run 2 --sysfs-root "$WORK/failed-ff-old/sys" check $A
contains "$OUT" '^critical +recovery-failed '
lacks "$OUT" 'recovery-status-reported'

# the failure a minute ago but the function answers (recovered by hand): a warning
root failed-answers 120.50 ok "$ERR1" "$FAIL1" "$REP1"
run 1 --sysfs-root "$WORK/failed-answers/sys" check $A
contains "$OUT" '^warning +recovery-recent +0050:00:00.0 +recovery failed .* but the function answers now'
lacks "$OUT" 'recovery-failed'

# a failure three days ago on a function that answers now: no finding at all
root failed-old-healthy 259200.00 ok "$ERR1" "$FAIL1" "$REP1"
run 0 --sysfs-root "$WORK/failed-old-healthy/sys" check $A
lacks "$OUT" 'recovery-'
run 0 --sysfs-root "$WORK/failed-old-healthy/sys" show $A
contains "$OUT" '^  last outcome +failed +51.300001 s after boot \(71 h ago\)'

# error, then recovered by the kernel: a warning for a day
root recovered 3600.00 ok "$ERR1" "$OK1"
run 1 --sysfs-root "$WORK/recovered/sys" check $A
contains "$OUT" '^warning +recovery-recent +0050:00:00.0 +1 error event\(s\), recovered \("The device is ready to resume operations"\)'

# "Cannot be recovered" with all ones: critical
root no-driver 100.00 ff "$ERR1" "6,816,51300001,-;zpci: $A: Cannot be recovered because no driver is bound to the device"
run 2 --sysfs-root "$WORK/no-driver/sys" check $A
contains "$OUT" '^critical +recovery-failed .*"Cannot be recovered because no driver is bound to the device"'

# lines about other functions, and no kernel log at all, find nothing
root other 100.00 ok "3,1,1,-;zpci: 0099:00:00.0: Automatic recovery failed; operator intervention is required"
run 0 --sysfs-root "$WORK/other/sys" check $A
lacks "$OUT" 'recovery-'
run 0 --sysfs-root "$WORK/other/sys" show $A
contains "$OUT" '^  kernel log +none +no zPCI error or recovery line about it this boot'
rm "$WORK/other/dev/kmsg"
run 0 --sysfs-root "$WORK/other/sys" show $A
contains "$OUT" '^  kernel log +- +.*dev/kmsg: '
run 0 --sysfs-root "$WORK/other/sys" --json show $A
schema_valid show
jeq '"recovery" in d["functions"][0]' 'false'

# a report taken in the emulated IBM Z (6.12): its system/dmesg is read back,
# the guest logged no zPCI recovery line
R=$(dirname "$MKFIXTURE")/s390x-reports/normal-6.12-qemu10/report.tar.xz
run 0 --report "$R" show 0001:00:00.0
contains "$OUT" '^  kernel log +none +no zPCI error or recovery line about it this boot'
run 0 --report "$R" --json show 0001:00:00.0
jeq 'd["functions"][0]["recovery"]["events"], d["functions"][0]["recovery"]["uptime_s"]' '[0, null]'
done_testing
