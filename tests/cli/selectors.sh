#!/bin/sh
# Every DEVICE form, malformed selectors (exit 2) and absent devices (exit 3).
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
L=$(fixture linked-vf)

check_sel() {	# ROOT SELECTOR ADDRESS
	run 0 --sysfs-root "$1" --json list "$2" && jeq '[f["address"] for f in d["functions"]]' "[\"$3\"]"
}
check_sel "$R" 0010:00:00.0 0010:00:00.0
check_sel "$R" 0x100 0010:00:00.0
check_sel "$R" 0X100 0010:00:00.0
check_sel "$R" fid:100 0010:00:00.0
check_sel "$R" fid:0x00000100 0010:00:00.0
check_sel "$R" uid:0x10 0010:00:00.0
check_sel "$R" uid:10 0010:00:00.0
check_sel "$R" ens256 0010:00:00.0
check_sel "$R" encb0 0040:00:00.0
check_sel "$R" eth0 0050:00:00.0
check_sel "$R" /dev/nvme0n1 0020:00:00.0
check_sel "$L" 00:00.1 0000:00:00.1
check_sel "$L" 0:0:0.1 0000:00:00.1
check_sel "$L" enp0s0 0000:00:00.0

# several selectors: argument order, duplicates once
run 0 --sysfs-root "$R" --json list ens256 0001:00:00.0 fid:0x100
jeq '[f["address"] for f in d["functions"]]' '["0010:00:00.0", "0001:00:00.0"]'

for bad in 0010:00:00.8 0010:00:20.0 00:00 zz:00.0 fid:xyz fid: uid:0x123456789 0x 0xg /dev/sda \
	   /dev/nvme averyveryverylongname "a b" 1:2:3:4.0; do
	run 2 --sysfs-root "$R" list "$bad" && contains "$ERR" "^zpcidiag: $bad: " "stderr for $bad"
done
for absent in 0002:00:00.0 0x999 fid:0x999 uid:0x99 eth9 /dev/nvme3 nvme1n1; do
	run 3 --sysfs-root "$R" show "$absent" && contains "$ERR" "^zpcidiag: $absent: no such zPCI function$"
done
# a second selector failing fails the whole command: nothing printed
run 3 --sysfs-root "$R" list ens256 eth9
[ -z "$OUT" ] || fail "output printed before a selector failed"
done_testing
