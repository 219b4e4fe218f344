#!/bin/sh
# A hotplug slot whose power is 1 while no PCI device has its FID is not a
# function in standby: list, --json list, show and check all call it
# "powered-no-device" and give its problem one severity (warning); a slot
# with power 0 stays "standby" in all four.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root standby-slot powered)
printf '1\n' >"$R/sys/bus/pci/slots/00000300/power"

# one state word and one severity per command, for FID 0x300 and 0x301
run 0 --sysfs-root "$R/sys" list
list300=$(printf '%s\n' "$OUT" | awk '$2 == "0x00000300" { print $11 }')
list301=$(printf '%s\n' "$OUT" | awk '$2 == "0x00000301" { print $11 }')

run 0 --sysfs-root "$R/sys" --json list
schema_valid "--json list"
json300=$(jq '[f["state"] for f in d["functions"] if f["fid"] == 0x300][0]')
json301=$(jq '[f["state"] for f in d["functions"] if f["fid"] == 0x301][0]')
jsev=$(jq '[p["severity"] for f in d["functions"] if f["fid"] == 0x300 for p in f["problems"] if p["code"] == "slot-powered-no-device"][0]')

run 0 --sysfs-root "$R/sys" show fid:0x300
show300=$(printf '%s\n' "$OUT" | sed -n '1s/.*(\(.*\))$/\1/p')
ssev=$(printf '%s\n' "$OUT" | awk '$2 == "slot-powered-no-device" { print $1 }')
lacks "$OUT" "slot exists with power 0" "show of a powered slot"
run 0 --sysfs-root "$R/sys" show fid:0x301
show301=$(printf '%s\n' "$OUT" | sed -n '1s/.*(\(.*\))$/\1/p')

run 1 --sysfs-root "$R/sys" --json check
schema_valid "--json check"
csev=$(jq '[x["severity"] for x in d["findings"] if x["fid"] == "0x00000300"][0]')
crule=$(jq '[x["rule"] for x in d["findings"] if x["fid"] == "0x00000300"][0]')
cstate=$(jq '[x["finding"] for x in d["findings"] if x["fid"] == "0x00000301"][0]')

for got in "list:$list300" "json:$json300" "show:$show300"; do
	CHECKS=$((CHECKS + 1))
	[ "${got#*:}" = powered-no-device ] || fail "${got%%:*} calls the powered slot without a device '${got#*:}'"
done
for got in "list:$list301" "json:$json301" "show:$show301"; do
	CHECKS=$((CHECKS + 1))
	[ "${got#*:}" = standby ] || fail "${got%%:*} calls the slot with power 0 '${got#*:}'"
done
CHECKS=$((CHECKS + 1))
[ "$crule" = slot-powered-no-device ] || fail "check's finding for the powered slot is '$crule'"
contains "$cstate" "standby: slot 00000301 power 0" "check's finding for the slot with power 0"
for got in "json:$jsev" "show:$ssev" "check:$csev"; do
	CHECKS=$((CHECKS + 1))
	[ "${got#*:}" = warning ] || fail "${got%%:*} gives slot-powered-no-device severity '${got#*:}'"
done

# the tree says the same state
run 0 --sysfs-root "$R/sys" list --tree
contains "$OUT" "fid 0x00000300 .*\\[powered-no-device\\]"
contains "$OUT" "fid 0x00000301 .*\\[standby\\]"

done_testing
