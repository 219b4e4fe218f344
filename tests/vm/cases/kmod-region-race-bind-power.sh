# flavour: normal debug kasan
# needs: vfio kmod stress
# Eight threads read zpci_vfio_pci's BAR region (PCILG) while the guest unbinds and rebinds the
# variant driver 100 times and, every tenth time, powers the function's slot
# off and on. The threads run in rounds of a process that opens the device
# and closes it again (zpci-io-check storm), since an unbind or a power-off
# waits until the device is released. Every unbind, bind and power change
# must complete within a minute (no hang), every request must return the
# word or ENODEV, and (judged by the host) the kernel reports nothing.
# Opt-in (needs: stress): `make check-vm-region-race` on the lockdep kernel,
# REGION_RACE_FLAVOUR=kasan-6.12@qemu10 for KASAN.
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
DRV=$SYSFS_PCI/drivers/zpci_vfio_pci
out=$(tb_load_variant) || tb_fail "$out"
dev=$(tb_devdir_of_kind virtio-rng-pci-non-transitional) || tb_fail "virtio-rng: ${dev:-no device directory}"
addr=$(basename "$dev")
slot=$(tb_slot_of_fid "$(cat "$dev/function_id")")
stop=$TB_CASE_TMP/stop
limit=60
cleanup() {
	touch "$stop"
	wait
	[ "$(cat "$slot/power" 2>/dev/null)" = 0 ] && echo 1 > "$slot/power" &&
		tb_wait_for "[ -e $dev/function_id ]" $limit
	tb_restore_driver "$dev"
	rmmod zpci_vfio_pci
}
trap cleanup EXIT

# op TEXT FILE [any]: write TEXT to FILE; fail when that takes more than
# $limit seconds, or (without "any") when the write fails.
op() {
	(echo "$1" > "$2") 2> "$TB_CASE_TMP/op.err" &
	_op=$!
	tb_wait_for "! kill -0 $_op 2>/dev/null" $limit ||
		tb_fail "round $i: echo $1 > $2 hangs (over $limit s); storm: $(cat "$TB_CASE_TMP/storm")"
	wait $_op || [ "$3" = any ] || tb_fail "round $i: echo $1 > $2: $(cat "$TB_CASE_TMP/op.err")"
}

# After power-on the function is a new device: its default driver may take it.
rebind() {
	cur=$(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null)
	[ "$cur" = zpci_vfio_pci ] && return
	[ -n "$cur" ] && op "$addr" "$dev/driver/unbind"
	echo zpci_vfio_pci > "$dev/driver_override"
	op "$addr" "$SYSFS_PCI/drivers_probe" any
	[ "$(basename "$(readlink "$dev/driver")")" = zpci_vfio_pci ] ||
		tb_fail "round $i: not bound to zpci_vfio_pci after power-on"
}

i=0
out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$out"
"$ZIC" "$addr" storm 8 100 4 0x2800 "$stop" > "$TB_CASE_TMP/storm" 2>&1 &
storm=$!
tb_wait_for "grep -q storming $TB_CASE_TMP/storm" 30 || tb_fail "the storm did not start"
while [ $i -lt 100 ]; do
	i=$((i + 1))
	op "$addr" "$DRV/unbind"
	op "$addr" "$DRV/bind"
	if [ $((i % 10)) = 0 ]; then
		op 0 "$slot/power"
		tb_wait_for "[ ! -e $dev ]" $limit || tb_fail "round $i: still present after power-off"
		op 1 "$slot/power"
		tb_wait_for "[ -e $dev/function_id ]" $limit || tb_fail "round $i: not back after power-on"
		rebind
	fi
done
touch "$stop"
wait $storm
rc=$?
cat "$TB_CASE_TMP/storm"
[ $rc -eq 0 ] || tb_fail "reads failed during the race"
grep -q '^storm: ' "$TB_CASE_TMP/storm" || tb_fail "no storm summary"
echo "100 unbind/bind rounds, 10 slot power cycles: no hang"
