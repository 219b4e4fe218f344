#!/bin/sh
# Function state rules: a configured function whose handle lost its enable
# bit (critical), a slot powered off under a configured function and a slot
# powered on without one (warning), standby functions (info). Each next to
# the healthy system it was made from.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root lpar-6-18-network-express disabled)
run 0 --sysfs-root "$R/sys" --json check
silent fn-not-enabled
silent slot-power-off
silent slot-powered-no-device
fires fn-standby fid:0x00000a01
fires fn-standby fid:0x00000662

# the firmware disabled NVMe 0020:00:00.0: handle without 0x80000000
printf '0x00000700\n' >"$(devdir "$R" 0020:00:00.0)/function_handle"
run 2 --sysfs-root "$R/sys" --json check
fires fn-not-enabled 0020:00:00.0
jeq 'd["status"]' critical
jeq 'd["findings"][0]["rule"]' fn-not-enabled
run 2 --sysfs-root "$R/sys" check
contains "$(printf '%s\n' "$OUT" | sed -n 2p)" '^critical +fn-not-enabled +0020:00:00.0 '
contains "$OUT" 'fix: zpcictl --reset'

# the slot of a configured function reads power 0
R=$(copy_root lpar-6-18-network-express slotoff)
printf '0\n' >"$R/sys/bus/pci/slots/00000a00/power"
run 1 --sysfs-root "$R/sys" --json check
fires slot-power-off 0050:00:00.0
jeq 'd["status"]' warning

# a standby slot powered on, but no PCI device came
R=$(copy_root lpar-6-18-network-express slotnodev)
printf '1\n' >"$R/sys/bus/pci/slots/00000a01/power"
run 1 --sysfs-root "$R/sys" --json check
fires slot-powered-no-device fid:0x00000a01
silent fn-standby fid:0x00000a01
done_testing
