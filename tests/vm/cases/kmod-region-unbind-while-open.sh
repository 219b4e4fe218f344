# flavour: normal debug kasan
# needs: vfio kmod
# Unbinding the variant driver while a process holds the device and keeps
# issuing requests: the unbind waits for the process, then completes; no hang
# and (judged by the host) no kernel report.
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
out=$(tb_load_variant) || tb_fail "$out"
name=$(tb_present_names | while read -r n; do case "$(tb_kind "$n")" in virtio-rng-pci*) echo "$n"; break;; esac; done)
[ -n "$name" ] || tb_fail "no virtio-rng function in the topology"
dev=$(tb_devdir_of_fid "$(tb_fid "$name")") || tb_fail "no device for $name"
addr=$(basename "$dev")
out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$out"

# The holder prints "hold: ..." on its way out, before exit closes the
# device: an unbind that returns before that line exists returned while the
# device was open. Ordering, not a timer, decides, so a slow kernel cannot
# fail the case; the hold is longer where the kernel is slower, so that the
# unbind starts while the device is still held.
secs=4
case $ZPCI_TESTBED_FLAVOUR in debug|kasan) secs=20;; esac
hold=$TB_CASE_TMP/hold
"$ZIC" "$addr" hold "$secs" 4 0x2000 > "$hold" 2>&1 &
holder=$!
tb_wait_for "grep -q holding $hold" 30 || tb_fail "holder did not start"
(
	if grep -q '^hold:' "$hold"; then echo late; else
		echo "$addr" > "$dev/driver/unbind"
		if grep -q '^hold:' "$hold"; then echo after; else echo before; fi
	fi > "$TB_CASE_TMP/unbound.part"
	mv "$TB_CASE_TMP/unbound.part" "$TB_CASE_TMP/unbound"
) &
wait $holder || tb_fail "holder failed: $(cat "$hold")"
cat "$hold"
tb_wait_for "[ -e $TB_CASE_TMP/unbound ]" 30 || tb_fail "unbind hangs after the holder exited"
case $(cat "$TB_CASE_TMP/unbound") in
after) echo "unbind waited for the holder to close the device";;
before) tb_fail "unbind returned while the device was open";;
late) tb_fail "the holder let go before the unbind began ($secs s hold): nothing was tested";;
*) tb_fail "unbind: no answer";;
esac
[ -L "$dev/driver" ] && tb_fail "still bound after unbind"
tb_restore_driver "$dev"
rmmod zpci_vfio_pci || tb_fail "rmmod after unbind"
