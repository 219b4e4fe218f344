#!/bin/sh
# Standby functions: a slot named after the FID, power 0, no PCI device.
. "$(dirname "$0")/lib.sh"
R=$(fixture standby-slot)

run 0 --sysfs-root "$R" list
contains "$OUT" '^- +0x00000300 +- .* standby +-$'
contains "$OUT" '^- +0x00000301 +- .* standby +-$'
contains "$(row 0001:00:00.0)" 'configured '

run 0 --sysfs-root "$R" --json list
jeq '[(f["state"], f["fid"], f["address"]) for f in d["functions"]]' '[["configured", 528, "0001:00:00.0"], ["standby", 768, null], ["standby", 769, null]]'
jeq 'd["functions"][1]["slot"]' '{"name": "00000300", "power": 0}'
jeq 'd["functions"][1]["bars"]' '[]'
jeq 'd["functions"][1]["vf"]' null

run 0 --sysfs-root "$R" show fid:0x300
contains "$OUT" '^\(no PCI address\) +- +\(standby\)'
contains "$OUT" 'slot +00000300 +standby'
run 0 --sysfs-root "$R" show 0x301
contains "$OUT" 'function_id +0x00000301'

# standby functions have no BARs and are no VFs
run 0 --sysfs-root "$R" bars fid:0x300
lacks "$OUT" '00000300'
run 0 --sysfs-root "$R" --type ism list
lacks "$OUT" 'standby'
done_testing
