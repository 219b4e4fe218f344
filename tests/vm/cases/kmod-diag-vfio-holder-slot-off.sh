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
ko=$ZPCI_KMOD_DIR/zpcidiag_diag.ko
limit=5
[ "$ZPCI_TESTBED_FLAVOUR" = kasan ] && limit=20

tb_pick_holdable
insmod "$ko" || tb_fail "insmod zpcidiag_diag"

holder= power=
cleanup() {
	tb_release_holdable
	lsmod | grep -q '^zpcidiag_diag ' && rmmod zpcidiag_diag
}
trap cleanup EXIT

tb_hold_and_power_off

# bounded NAME CMD...: CMD must end within $limit s while $addr is held
bounded() {
	_what=$1
	shift
	_t0=$(date +%s)
	tb_bounded "$limit" "$_what (while $addr is held)" "$@"
	echo "$_what: exit $rc after $(( $(date +%s) - _t0 )) s: $(head -n 1 "$TB_CASE_TMP/q.out" | cut -c1-100)"
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
tb_let_go
cat "$TB_CASE_TMP/power"
tb_wait_for "! tb_devdir_of_fid $fid >/dev/null" 30 || tb_fail "$addr still present after power off"
echo 1 > "$slot/power" || tb_fail "cannot power $slot on again"
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 30 || tb_fail "$addr did not come back after power on"
echo "$name ($addr) held through vfio during slot power off: netlink and list answered"
