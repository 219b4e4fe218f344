#!/bin/sh
# The same rules on saved CLP blocks (--from-raw): the blocks captured in the
# emulated machine after kbd0's slot was powered off (tests/fixtures/
# clp-qemu72-kbd-standby) give UID checking from CLP and kbd0 in standby;
# saved blocks that cannot be read are UNKNOWN, not "CLP unavailable".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"
BLOCKS=$(cd "$(dirname "$MKFIXTURE")" && pwd)/clp-qemu72-kbd-standby
[ -r "$BLOCKS/list-000.bin" ] || { fail "no $BLOCKS"; done_testing; exit 1; }
mkdir -p "$WORK/empty/sys/bus/pci/devices" "$WORK/empty/sys/bus/pci/slots"
R=$WORK/empty

run 0 --sysfs-root "$R/sys" --json check --from-raw "$BLOCKS"
jeq 'd["uid_checking"]' true
jeq 'd["uid_checking_source"]' 'CLP List PCI Functions'
fires fn-standby fid:0x00000014
silent fn-standby fid:0x00000010
silent source-clp-unavailable
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "fn-standby"][0]')" \
	'in standby \(CLP\)'

# without the blocks a fake tree has no CLP, and check does not complain about it
run 0 --sysfs-root "$R/sys" --json check
silent source-clp-unavailable
jeq 'd["uid_checking"]' null
# named blocks that are not there: could not look
run 3 --sysfs-root "$R/sys" --json check --from-raw "$WORK/no-blocks"
jeq 'd["status"]' unknown
contains "$ERR" 'no-blocks'
done_testing
