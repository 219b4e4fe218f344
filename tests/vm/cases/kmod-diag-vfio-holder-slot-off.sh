# flavour: normal debug kasan
# needs: vfio kmod
# A process holds a function open through vfio (registering no request
# channel) while the guest powers its slot off. The removal then holds the
# PCI rescan lock and waits for the holder, as long as it likes. Meanwhile
# netlink dumps and single queries, `zpcidiag list` and a reload of the
# diagnostics module (genl family unregistration takes genetlink's cb_lock
# for writing) from other processes must each finish within seconds; an
# error such as ENODEV for the held function is fine. Then the holder lets
# go, the removal completes and the slot comes back. The function is picked
# by its properties: the first present one with a hot-plug slot and an
# IOMMU group.
. /testbed/lib.sh
KQ=/usr/libexec/zpcidiag-tests/kdiag-query
HOLD=/usr/libexec/zpcidiag-tests/vfio-hold
ko=$ZPCI_KMOD_DIR/zpcidiag_diag.ko
limit=5
[ "$ZPCI_TESTBED_FLAVOUR" = kasan ] && limit=20

fid= other=
for n in $(tb_present_names); do
	f=$(tb_fid "$n")
	d=$(tb_devdir_of_fid "$f") || continue
	if [ -z "$fid" ] && [ -e "$(tb_slot_of_fid "$f")/power" ] && [ -e "$d/iommu_group" ]; then
		fid=$f name=$n
	elif [ -z "$other" ]; then
		other=$f
	fi
done
[ -n "$fid" ] || tb_fail "no present function with a hot-plug slot and an IOMMU group"
[ -n "$other" ] || tb_fail "a second present function is needed for the control query"
dev=$(tb_devdir_of_fid "$fid")
addr=$(basename "$dev")
slot=$(tb_slot_of_fid "$fid")
insmod "$ko" || tb_fail "insmod zpcidiag_diag"

holder= power=
cleanup() {
	[ -n "$holder" ] && kill "$holder" 2>/dev/null
	[ -n "$power" ] && wait "$power"
	[ "$(cat "$slot/power" 2>/dev/null)" = 0 ] && echo 1 > "$slot/power"
	tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 30
	tb_restore_driver "$dev"
	lsmod | grep -q '^zpcidiag_diag ' && rmmod zpcidiag_diag
}
trap cleanup EXIT

out=$(tb_bind_vfio "$dev") || tb_fail "bind $addr to vfio-pci: $out"
"$HOLD" "$addr" 600 > "$TB_CASE_TMP/hold" 2>&1 &
holder=$!
tb_wait_for "grep -q holding $TB_CASE_TMP/hold" 10 || tb_fail "holder did not open $addr: $(cat "$TB_CASE_TMP/hold")"
mark=$(dmesg | wc -l)
(echo 0 > "$slot/power"; echo "power write returned $?" > "$TB_CASE_TMP/power") &
power=$!
# vfio says so when the removal starts waiting for the holder (rescan lock held)
tb_wait_for "dmesg | tail -n +$mark | grep -q 'blocked until released by user'" 30 ||
	tb_fail "removal of $addr did not start waiting for the vfio holder"
[ -e "$TB_CASE_TMP/power" ] && tb_fail "slot power off returned while the holder still had $addr open"

# bounded NAME CMD...: run CMD in the background, fail unless it ends within $limit s
bounded() {
	what=$1; shift
	t0=$(date +%s)
	"$@" > "$TB_CASE_TMP/q.out" 2>&1 &
	qpid=$!
	i=0
	while kill -0 "$qpid" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt $((limit * 10)) ]; then
			# where it waits: its open files and kernel wait channel
			ls -l /proc/$qpid/fd 2>/dev/null | sed -n 's/.*-> //p' | grep -v '^/dev/\|^pipe\|^socket'
			echo "wchan: $(cat /proc/$qpid/wchan 2>/dev/null)"
			cat /proc/$qpid/stack 2>/dev/null
			tb_fail "$what still running after $limit s while $addr is held: $(head -c 200 "$TB_CASE_TMP/q.out")"
		fi
		sleep 0.1
	done
	wait "$qpid"
	rc=$?
	echo "$what: exit $rc after $(( $(date +%s) - t0 )) s: $(head -n 1 "$TB_CASE_TMP/q.out" | cut -c1-100)"
}
bounded "netlink dump" "$KQ"
[ $rc = 0 ] || tb_fail "netlink dump failed while $addr is held: $(cat "$TB_CASE_TMP/q.out")"
grep -q "function_id=$(printf '0x%08x' "$other") " "$TB_CASE_TMP/q.out" || tb_fail "dump lacks the unaffected function $other"
bounded "query of the held function" "$KQ" fid "$fid"
case $rc in
0) ;;
3) grep -q '^errno=19 ' "$TB_CASE_TMP/q.out" || tb_fail "held function: $(cat "$TB_CASE_TMP/q.out")";;
*) tb_fail "query of the held function: exit $rc: $(cat "$TB_CASE_TMP/q.out")";;
esac
bounded "query of another function" "$KQ" fid "$other"
[ $rc = 0 ] || tb_fail "query of $other failed: $(cat "$TB_CASE_TMP/q.out")"
bounded "filtered dump" "$KQ" dump-fid "$other"
[ $rc = 0 ] && [ "$(wc -l < "$TB_CASE_TMP/q.out")" = 1 ] || tb_fail "filtered dump: $(cat "$TB_CASE_TMP/q.out")"
bounded "zpcidiag list" "$ZPCIDIAG" list
[ $rc = 0 ] || [ $rc = 1 ] || tb_fail "zpcidiag list exited $rc: $(cat "$TB_CASE_TMP/q.out")"
bounded "rmmod zpcidiag_diag" rmmod zpcidiag_diag
[ $rc = 0 ] || tb_fail "rmmod: $(cat "$TB_CASE_TMP/q.out")"
bounded "insmod zpcidiag_diag" insmod "$ko"
[ $rc = 0 ] || tb_fail "insmod: $(cat "$TB_CASE_TMP/q.out")"
[ -e "$TB_CASE_TMP/power" ] && tb_fail "slot power off returned while the holder still had $addr open"

kill "$holder"
wait "$holder"
holder=
tb_wait_for "[ -e $TB_CASE_TMP/power ]" 30 || tb_fail "slot power off still blocked after the holder let go"
wait "$power"
power=
cat "$TB_CASE_TMP/power"
tb_wait_for "! tb_devdir_of_fid $fid >/dev/null" 30 || tb_fail "$addr still present after power off"
echo 1 > "$slot/power" || tb_fail "cannot power $slot on again"
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 30 || tb_fail "$addr did not come back after power on"
echo "$name ($addr) held through vfio during slot power off: netlink and list answered"
