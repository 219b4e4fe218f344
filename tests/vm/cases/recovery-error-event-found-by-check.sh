# needs: hotplug kmod
# flavour: normal stock
# A real zPCI error event, raised by the emulated platform, handled by the
# guest kernel's own code and found by `zpcidiag check` in /dev/kmsg.
#
# The test-only module zpci_test_errevent (tests/vm/kmod) issues one RPCIT
# for a page past hp0's DMA window. QEMU answers with error event 0x2 (out of
# range) and puts the function in the error state; the kernel
# (arch/s390/pci/pci_event.c, __zpci_event_error) logs "Event 0x2 reports an
# error for PCI function ..." and, as no driver is bound, "Cannot be
# recovered because no driver is bound to the device". Its config space then
# reads all ones. check must say recovery-failed (critical); show must say
# when and what; in QEMU's KVM guest it adds that recovery belongs to the KVM
# host (/proc/sysinfo), as reset --dry-run does. A slot power cycle brings the function back: the failure
# then counts as recovery-recent (warning) and no longer as critical.
. /testbed/lib.sh
ko=$ZPCI_KMOD_DIR/zpci_test_errevent.ko
[ -e "$ko" ] || tb_fail "no $ko: tests/vm/kmod was not built for this kernel"
fid=$(tb_fid hp0)
tb_request plug hp0 || tb_fail "host could not plug hp0"
plugged=1
loaded=0
cleanup() {
	[ "$loaded" = 1 ] && rmmod zpci_test_errevent
	[ "$plugged" = 1 ] && tb_request unplug hp0 >/dev/null
}
trap cleanup EXIT
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "hp0 (fid $fid) did not appear"
dev=$(tb_devdir_of_fid "$fid")
addr=$(basename "$dev")
slot=$(tb_slot_of_fid "$fid")
if [ -e "$dev/driver" ]; then
	echo "$addr" > "$dev/driver/unbind" || tb_fail "could not unbind $addr from its driver"
fi

# before: healthy, no recovery finding
"$ZPCIDIAG" check "$addr" > "$TB_CASE_TMP/before" 2>&1
grep -q 'recovery-' "$TB_CASE_TMP/before" &&
	tb_fail "recovery finding before any error event: $(cat "$TB_CASE_TMP/before")"

insmod "$ko" || tb_fail "insmod $ko"
loaded=1
echo "$addr" > /sys/kernel/debug/zpci_test_errevent/rpcit_out_of_range ||
	tb_fail "the module refused $addr"
logged() { dmesg | grep -q "$addr: Cannot be recovered because no driver is bound"; }
tb_wait_for logged 20 || tb_fail "no recovery outcome logged for $addr: $(dmesg | grep -i "$addr" | tail -5)"
dmesg | grep -E "zpci_test_errevent|$addr: (Event|Cannot)" | sed 's/^/kernel: /'
ff=$(tb_cfg_u16 "$dev" 0)
[ "$ff" = 65535 ] || tb_fail "vendor ID after the error event reads $ff, expected 0xffff"

"$ZPCIDIAG" check "$addr" > "$TB_CASE_TMP/after" 2>&1
rc=$?
cat "$TB_CASE_TMP/after"
[ $rc = 2 ] || tb_fail "check exited $rc after a failed recovery, expected 2 (critical)"
grep -E "^critical +recovery-failed +$addr +.*Cannot be recovered because no driver is bound" "$TB_CASE_TMP/after" >/dev/null ||
	tb_fail "check did not report recovery-failed for $addr"
# QEMU's guest is a KVM guest (/proc/sysinfo "VM00 Control Program: KVM/Linux"):
# the finding says where recovery has to happen, and so do the actions
grep -E "^critical +recovery-failed +$addr +.*; KVM guest \(/proc/sysinfo\): recovery here does not reach the hardware, recover on the KVM host$" \
	"$TB_CASE_TMP/after" >/dev/null || tb_fail "recovery-failed does not name the KVM host"
"$ZPCIDIAG" reset --dry-run --force "$addr" > "$TB_CASE_TMP/reset" 2>&1 || tb_fail "reset --dry-run exited $?"
cat "$TB_CASE_TMP/reset"
grep -q '^  note: KVM guest (/proc/sysinfo): recovery here does not reach the hardware' "$TB_CASE_TMP/reset" ||
	tb_fail "reset --dry-run does not say that it stays in the guest"
"$ZPCIDIAG" power-off --dry-run --force "$addr" > "$TB_CASE_TMP/poff" 2>&1 || tb_fail "power-off --dry-run exited $?"
grep -q '^  note: KVM guest (/proc/sysinfo): deconfiguring does not change the configuration state' "$TB_CASE_TMP/poff" ||
	tb_fail "power-off --dry-run does not say what deconfiguring means here: $(cat "$TB_CASE_TMP/poff")"
# exit 4: show could not read the config space, as it must not
"$ZPCIDIAG" show "$addr" > "$TB_CASE_TMP/show" 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || tb_fail "show exited $rc: $(cat "$TB_CASE_TMP/show")"
sed -n '/^Recovery:/,/^$/p' "$TB_CASE_TMP/show"
grep -qE '^  last outcome +failed +[0-9]+\.[0-9]+ s after boot \([0-9]+ s ago\): "Cannot be recovered' "$TB_CASE_TMP/show" ||
	tb_fail "show does not say when and what: $(cat "$TB_CASE_TMP/show")"
grep -qE '^  events +1 error events' "$TB_CASE_TMP/show" || tb_fail "show does not count the error event"
"$ZPCIDIAG" --json show "$addr" > "$TB_CASE_TMP/json"
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || tb_fail "--json show exited $rc"
j=$(jq -r '.functions[0].recovery | "\(.outcome) \(.error_events)"' "$TB_CASE_TMP/json")
echo "json recovery: $j"
[ "$j" = "failed 1" ] || tb_fail "JSON recovery is '$j', expected 'failed 1': $(jq -c '.functions[0].recovery' "$TB_CASE_TMP/json")"

# the operator's recovery: slot power off and on re-enables the function
echo 0 > "$slot/power" || tb_fail "slot power off"
tb_wait_for "[ \"\$(cat $slot/power)\" = 0 ]" 20 || tb_fail "slot did not power off"
echo 1 > "$slot/power" || tb_fail "slot power on"
tb_wait_for "[ -e $dev/vendor ] && [ \"\$(cat $dev/vendor)\" = 0x1af4 ]" 20 ||
	tb_fail "$addr did not come back answering after the power cycle"
[ -e "$dev/driver" ] && { echo "$addr" > "$dev/driver/unbind" || tb_fail "unbind after power on"; }
"$ZPCIDIAG" check "$addr" > "$TB_CASE_TMP/again" 2>&1
rc=$?
cat "$TB_CASE_TMP/again"
grep -q 'recovery-failed' "$TB_CASE_TMP/again" && tb_fail "still critical after the function answers again"
grep -qE "^warning +recovery-recent +$addr " "$TB_CASE_TMP/again" ||
	tb_fail "no recovery-recent warning after the power cycle (rc $rc)"
echo "$addr (fid $fid): error event 0x2 -> check recovery-failed (rc 2); after power cycle -> recovery-recent"
