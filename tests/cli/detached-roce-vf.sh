#!/bin/sh
# RoCE Express2 VFs (15b3:1016, PFT 0x0a) given to the partition without their
# PF: vfn 1 and 2, no physfn link, PCI_COMMAND memory bit 0 while in use.
. "$(dirname "$0")/lib.sh"
R=$(fixture detached-roce-vf)

run 0 --sysfs-root "$R" vf
contains "$(row 0010:00:00.0)" '0x00000100 +1 +RoCE Express2/3 +- +detached +0 +hardwired to 0 for VFs: memory disabled is expected'
contains "$(row 0011:00:00.0)" '0x00000101 +2 +RoCE Express2/3 +- +detached +0 +hardwired to 0'

run 0 --sysfs-root "$R" --json vf
jeq 'len(d["functions"])' 2
jeq '[f["vf"]["detached"] for f in d["functions"]]' '[true, true]'
jeq '[f["vf"]["linked"] for f in d["functions"]]' '[false, false]'
jeq '[f["vf"]["command_memory"] for f in d["functions"]]' '[false, false]'
jeq '[f["vf"]["command"] for f in d["functions"]]' '[0, 0]'
jeq '[f["vfn"] for f in d["functions"]]' '[1, 2]'
jeq 'd["functions"][0]["netdevs"]' '["ens256"]'
jeq 'd["functions"][0]["util_string"]["pnet_ids"]' '["NETA", "NETB", null, null]'

# the misleading view this command exists to explain
if [ -n "${LSPCI:-}" ] && [ -x "$LSPCI" ]; then
	CHECKS=$((CHECKS + 1))
	"$LSPCI" -A linux-sysfs -O sysfs.path="$R/bus/pci" -s 0010:00:00.0 -vv 2>/dev/null |
		grep -q 'Region 0: .*\[disabled\]' || fail "lspci did not show [disabled] for the detached VF"
fi

run 0 --sysfs-root "$R" show ens256
contains "$OUT" 'vf +detached'
contains "$OUT" 'command memory +0 +hardwired to 0 for VFs'
done_testing
