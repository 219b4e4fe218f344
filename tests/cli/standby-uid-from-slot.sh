#!/bin/sh
# A 2026 kernel shows each slot's UID (/sys/bus/pci/slots/<FID>/uid), so a
# function in standby can be told apart, and selected, before it is
# configured; on older kernels (no uid file) its UID stays unknown.
. "$(dirname "$0")/lib.sh"
R=$(fixture standby-slot-uid)

run 0 --sysfs-root "$R" list
contains "$OUT" '^- +0x00000a01 +0x51 '
contains "$OUT" '^- +0x00000662 +0x62 '
contains "$OUT" '^- +0x00000663 +- '

run 0 --sysfs-root "$R" --json list
schema_valid list
jeq '[(f["fid"], f["uid"], f["uid_source"]) for f in d["functions"]]' \
	'[[2560, 80, "device"], [1634, 98, "slot"], [1635, null, null], [2561, 81, "slot"]]'

# uid: selects a standby function by its slot's UID (read through the slot, not a device)
run 0 --sysfs-root "$R" --json list uid:0x51
jeq '[(f["state"], f["fid"]) for f in d["functions"]]' '[["standby", 2561]]'
run 0 --sysfs-root "$R" show uid:62
contains "$OUT" '^  uid +0x62 +user-defined ID, from the slot'"'"'s uid file'
run 0 --sysfs-root "$R" show fid:0x663
contains "$OUT" '^  uid +- +unknown in standby'
run 3 --sysfs-root "$R" list uid:0x63

# check names the UID of a standby function
run 0 --sysfs-root "$R" --json check
jeq '[f["finding"] for f in d["findings"] if f["rule"] == "fn-standby"]' \
	'["function 0x00000662 (UID 0x62) is in standby: slot 00000662 power 0, no PCI device", "function 0x00000663 is in standby: slot 00000663 power 0, no PCI device", "function 0x00000a01 (UID 0x51) is in standby: slot 00000a01 power 0, no PCI device"]'

# a slot whose uid disagrees with its configured function's is reported (a warning)
C=$WORK/mismatch
cp -r "$R" "$C"
echo 0x99 >"$C/bus/pci/slots/00000a00/uid"
run 0 --sysfs-root "$C" show 0050:00:00.0
contains "$OUT" 'slot-uid-mismatch .*00000a00/uid: 0x99, but the function'"'"'s uid is 0x50'

# the same from a report: the slot's uid file is kept
run 0 --sysfs-root "$R" report -q -o "$WORK/r.tar.xz"
run 0 --report "$WORK/r.tar.xz" --json list uid:0x62
jeq '[(f["fid"], f["uid"], f["uid_source"]) for f in d["functions"]]' '[[1634, 98, "slot"]]'
done_testing
