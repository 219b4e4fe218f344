# Powering a function's hot-plug slot off from inside the guest puts it in
# standby: its sysfs device goes, the slot stays, and zpcidiag reports the FID
# as standby.  Powering on brings it back as configured.
# flavour: normal debug
. /testbed/lib.sh
fid=$(tb_fid kbd0)
slot=$(tb_slot_of_fid "$fid")
d=$(tb_devdir_of_fid "$fid") || tb_fail "kbd0 (fid $fid) not in sysfs"
[ "$(cat "$slot/power")" = 1 ] || tb_fail "$slot/power is $(cat "$slot/power") before the test"
echo 0 > "$slot/power" || tb_fail "cannot write 0 to $slot/power"
tb_wait_for "[ ! -e $d ]" 20 || { echo 1 > "$slot/power"; tb_fail "$d still present after power off"; }
[ "$(cat "$slot/power")" = 0 ] || tb_fail "$slot/power reads $(cat "$slot/power") after power off"
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" 2> "$TB_CASE_TMP/err"
rc=$?
st=$(jq -r --argjson f "$((fid))" '[.functions[] | select(.fid == $f) | .state] | first // "missing"' "$out" 2>/dev/null)
echo 1 > "$slot/power" || tb_fail "cannot power $slot on again"
[ $rc -eq 0 ] || tb_fail "zpcidiag list --json exited $rc with a slot powered off: $(cat "$TB_CASE_TMP/err")"
[ "$st" = standby ] || tb_fail "fid $fid with its slot powered off is '$st', expected standby"
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "fid $fid did not come back after power on"
"$ZPCIDIAG" list --json > "$out" || tb_fail "zpcidiag list --json exited $? after power on"
st=$(jq -r --argjson f "$((fid))" '.functions[] | select(.fid == $f) | .state' "$out")
[ "$st" = configured ] || tb_fail "fid $fid after power on is '$st', expected configured"
echo "slot $(basename "$slot"): off -> standby, on -> configured"
