#!/bin/sh
# The opt-in active probe: only with --probe-command, only on one unbound
# function; it restores PCI_COMMAND, and nothing else ever writes config space.
. "$(dirname "$0")/lib.sh"
R=$(fixture detached-roce-vf)
CFG=$R/bus/pci/devices/0011:00:00.0/config
cp "$CFG" "$WORK/config.orig"

# reading commands never write
for cmd in list bars vf "show 0011:00:00.0"; do
	# shellcheck disable=SC2086
	run 0 --sysfs-root "$R" $cmd
done
CHECKS=$((CHECKS + 1))
cmp -s "$CFG" "$WORK/config.orig" || fail "a reading command changed config space"

# refused: bound function, no device, several devices, standby
run 2 --sysfs-root "$R" vf --probe-command 0010:00:00.0
contains "$ERR" '^zpcidiag: 0010:00:00.0: --probe-command refused: bound to driver mlx5_core'
run 2 --sysfs-root "$R" vf --probe-command
contains "$ERR" 'exactly one DEVICE'
run 2 --sysfs-root "$R" vf --probe-command 0010:00:00.0 0011:00:00.0
run 3 --sysfs-root "$R" vf --probe-command fid:0x999

# a test tree standing in for the kernel: actions may write into it
export ZPCIDIAG_WRITE_FAKE_ROOT=1
# a fake tree's config file keeps what is written: the bit "sticks" there;
# the probe must report what it read back and restore the original
run 0 --sysfs-root "$R" vf --probe-command 0011:00:00.0
contains "$OUT" '^0011:00:00.0: probe: PCI_COMMAND 0x0000, memory bit set, read back 0x0002: the bit sticks'
contains "$OUT" 'restored 0x0000'
CHECKS=$((CHECKS + 1))
cmp -s "$CFG" "$WORK/config.orig" || fail "the probe did not restore config space"

run 0 --sysfs-root "$R" --json vf --probe-command uid:0x11
jeq 'd["functions"][0]["vf"]["probe"]' '{"command_before": 0, "command_after_set": 2, "memory_bit_sticks": true}'

# read-only config: permission error (5), unless we are root (root ignores modes)
if [ "$(id -u)" != 0 ]; then
	chmod a-w "$CFG"
	run 5 --sysfs-root "$R" vf --probe-command 0011:00:00.0
	contains "$ERR" 'cannot write'
fi
done_testing
