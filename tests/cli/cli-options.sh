#!/bin/sh
# Options as lspci and lsblk users expect them: -h on commands, help without
# empty sections, several --type values and the RoCE family, root checks,
# case-insensitive selector prefixes, -d/-s filters, -o/--noheadings, -n.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
ADDRS='[f["address"] for f in d["functions"]]'

for c in list show bars vf; do
	run 0 $c -h
	contains "$OUT" "zpcidiag $c" "$c -h"
	run 0 $c --help
done
# no empty "Command options:" section for commands without options
for c in show bars; do
	run 0 $c --help
	lacks "$OUT" 'Command options:$' "$c --help"
done
run 0 vf --help
contains "$OUT" 'Command options:'

# a function named explicitly but excluded by --type: say so, exit 3
run 3 --sysfs-root "$R" show --type ism 0x100
contains "$ERR" '0x100: .*not of type ism'
# several --type values, in one option or repeated
run 0 --sysfs-root "$R" --json list -t ism -t nvme
jeq "$ADDRS" '["0001:00:00.0", "0020:00:00.0"]'
run 0 --sysfs-root "$R" --json list -t ism,nvme
jeq "$ADDRS" '["0001:00:00.0", "0020:00:00.0"]'
# roce is the family: RoCE Express and RoCE Express2/3
run 0 --sysfs-root "$R" --json list -t roce
jeq "$ADDRS" '["0010:00:00.0", "0011:00:00.0"]'

run 2 --sysfs-root "" list
contains "$ERR" 'sysfs-root'
run 2 --sysfs-root "$WORK/nonexistent" list
contains "$ERR" "$WORK/nonexistent: No such file or directory"
run 0 --sysfs-root "$R" --json list FID:210
jeq "$ADDRS" '["0001:00:00.0"]'
run 0 --sysfs-root "$R" --json list UID:0x10
jeq "$ADDRS" '["0010:00:00.0"]'

# -d VENDOR:DEVICE, either side may be empty
run 0 --sysfs-root "$R" --json list -d 1014:04ed
jeq "$ADDRS" '["0001:00:00.0"]'
run 0 --sysfs-root "$R" --json list -d 1014:
jeq "$ADDRS" '["0001:00:00.0", "0040:00:00.0", "0060:00:00.0"]'
run 0 --sysfs-root "$R" --json list -d :1041
jeq "$ADDRS" '["0050:00:00.0"]'
run 2 --sysfs-root "$R" list -d 1014
run 2 --sysfs-root "$R" list -d xyz:1
# -s [[[[domain]:]bus]:][slot][.[func]] with * wildcards, as lspci
run 0 --sysfs-root "$R" --json list -s 0010::
jeq "$ADDRS" '["0010:00:00.0"]'
run 0 --sysfs-root "$R" --json list -s 0010:00:00.0
jeq "$ADDRS" '["0010:00:00.0"]'
run 0 --sysfs-root "$R" --json list -s '*:00:00.0'
jeq "len($ADDRS)" 7
run 0 --sysfs-root "$R" --json list -s .1
jeq "$ADDRS" '[]'
run 2 --sysfs-root "$R" list -s 0010:00:zz.0
run 2 --sysfs-root "$R" list -s 0010:00:00.9

# -o columns, --noheadings
run 0 --sysfs-root "$R" list -o ADDRESS,fid --noheadings 0001:00:00.0
[ "$OUT" = "0001:00:00.0  0x00000210" ] || fail "-o ADDRESS,fid --noheadings: '$OUT'"
CHECKS=$((CHECKS + 1))
run 0 --sysfs-root "$R" list -o DRIVER,ADDRESS
contains "$OUT" '^DRIVER +ADDRESS$'
run 2 --sysfs-root "$R" list -o ADDRESS,BOGUS
contains "$ERR" 'BOGUS.*ADDRESS'
run 0 --sysfs-root "$R" bars --noheadings -o ADDRESS,SIZE 0001:00:00.0
contains "$OUT" '^0001:00:00.0  256T$'

# vendor and device names from pci.ids (through libpci), -n for numbers only
IDS=$WORK/pci.ids
printf '1014  Test Vendor Name\n\t04ed  Test Device Name\n' >"$IDS"
run 0 --sysfs-root "$R" --pci-ids "$IDS" --json show 0001:00:00.0
jeq 'd["functions"][0]["vendor_name"]' 'Test Vendor Name'
jeq 'd["functions"][0]["device_name"]' 'Test Device Name'
run 0 --sysfs-root "$R" --pci-ids "$IDS" list 0001:00:00.0
contains "$OUT" 'Test Vendor Name Test Device Name'
run 0 --sysfs-root "$R" --pci-ids "$IDS" -n list 0001:00:00.0
lacks "$OUT" 'Test Vendor Name'
run 0 --sysfs-root "$R" --pci-ids "$IDS" -n --json show 0001:00:00.0
jeq 'd["functions"][0]["vendor_name"]' null
done_testing
