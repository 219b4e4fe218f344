#!/bin/sh
# Each attribute has the width the kernel prints (arch/s390/pci/pci_sysfs.c,
# drivers/pci/pci-sysfs.c): a wider value is malformed, never cut in a cell.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D=$R/devices/pci0010:00/0010:00:00.0
P=$R/bus/pci/devices/0010:00:00.0
A='[f for f in d["functions"] if f["address"] == "0010:00:00.0"][0]'

for attr in vendor device class pchid pfgid vfn pft port uid function_handle index mio_enabled \
	    uid_is_unique pfip/segment0 function_id; do
	cp "$D/$attr" "$WORK/saved"
	printf '0xffffffffffffffff\n' >"$D/$attr"
	run 4 --sysfs-root "$R" --json show 0010:00:00.0
	jeq "any(p['code'] == 'attr-malformed' and '$P/$attr:' in p['text'] for p in $A['problems'])" true
	run 4 --sysfs-root "$R" list
	lacks "$(row 0010:00:00.0)" 'fffffffffff' "list row with a 64-bit $attr"
	cp "$WORK/saved" "$D/$attr"
done
# the widest value each attribute can hold is shown in full
printf '0xffff\n' >"$D/pchid"
printf '0xffffffff\n' >"$D/uid"
run 0 --sysfs-root "$R" list 0010:00:00.0
contains "$(row 0010:00:00.0)" ' 0xffffffff +0xffff '
# boolean attributes are 0 or 1
printf '2\n' >"$D/mio_enabled"
run 4 --sysfs-root "$R" --json show 0010:00:00.0
jeq "$A['mio_enabled']" malformed

# a resource line spanning 2^64 bytes has no size: malformed, not "size 0"
R2=$(fixture ism-256t-bar)
E=$(ls -d "$R2"/devices/*/0*:00:00.0 | head -1)
{ printf '0x0000000000000000 0xffffffffffffffff 0x000000000014220c\n'; tail -n +2 "$E/resource"; } >"$WORK/res"
cp "$WORK/res" "$E/resource"
run 4 --sysfs-root "$R2" --json bars
jeq "d['functions'][0]['bars']" '[]'
jeq "any('resource' in p['text'] and '2^64' in p['text'] for p in d['functions'][0]['problems'])" true
done_testing
