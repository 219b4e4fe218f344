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

"$ZIC" "$addr" hold 4 4 0x2000 > "$TB_CASE_TMP/hold" 2>&1 &
holder=$!
tb_wait_for "grep -q holding $TB_CASE_TMP/hold" 10 || tb_fail "holder did not start"
(echo "$addr" > "$dev/driver/unbind"; echo done > "$TB_CASE_TMP/unbound") &
sleep 1
[ -e "$TB_CASE_TMP/unbound" ] && tb_fail "unbind returned while the device was open"
wait $holder || tb_fail "holder failed: $(cat "$TB_CASE_TMP/hold")"
cat "$TB_CASE_TMP/hold"
tb_wait_for "[ -e $TB_CASE_TMP/unbound ]" 20 || tb_fail "unbind hangs after the holder exited"
[ -L "$dev/driver" ] && tb_fail "still bound after unbind"
tb_restore_driver "$dev"
rmmod zpci_vfio_pci || tb_fail "rmmod after unbind"
