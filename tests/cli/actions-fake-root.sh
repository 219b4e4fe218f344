#!/bin/sh
# Actions write to the system; on a fake or saved tree they refuse with a
# clear message (exit 2) and leave the tree untouched.
. "$(dirname "$0")/lib.sh"
R=$(fixture detached-roce-vf)
CFG=$R/bus/pci/devices/0011:00:00.0/config
cp "$CFG" "$WORK/config.orig"
unset ZPCIDIAG_WRITE_FAKE_ROOT
run 2 --sysfs-root "$R" vf --probe-command 0011:00:00.0
contains "$ERR" 'not the live system'
CHECKS=$((CHECKS + 1))
cmp -s "$CFG" "$WORK/config.orig" || fail "--probe-command wrote into a fake tree"
# unbind of a function left on vfio-pci would write the driver files
rm -f "$R/bus/pci/devices/0011:00:00.0/driver"
mkdir -p "$R/bus/pci/drivers/vfio-pci"
ln -s ../../../bus/pci/drivers/vfio-pci "$R/devices/pci0011:00/0011:00:00.0/driver"
: >"$R/bus/pci/drivers/vfio-pci/unbind"
export ZPCIDIAG_RUN_DIR="$WORK/run"
run 2 --sysfs-root "$R" unbind 0011:00:00.0
contains "$ERR" 'not the live system'
CHECKS=$((CHECKS + 1))
[ -s "$R/bus/pci/drivers/vfio-pci/unbind" ] && fail "unbind wrote into a fake tree"
done_testing
