# A function hot-plugged and then hot-unplugged by the host (QMP device_add /
# device_del): zpcidiag lists it while present and afterwards reports it gone
# or in standby, without an error.
# needs: hotplug
# flavour: normal debug
. /testbed/lib.sh
fid=$(tb_fid hp0)
tb_devdir_of_fid "$fid" >/dev/null && tb_fail "hp0 present before it was plugged"
tb_request plug hp0 || tb_fail "host could not plug hp0"
# Leave the machine as we found it even when a check fails.
plugged=1
trap '[ "$plugged" = 1 ] && tb_request unplug hp0 >/dev/null' EXIT
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "hp0 (fid $fid) did not appear"
addr=$(tb_addr_of_fid "$fid")
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" || tb_fail "zpcidiag list --json exited $? after plug"
st=$(jq -r --argjson f "$((fid))" '.functions[] | select(.fid == $f) | .state' "$out")
[ "$st" = configured ] || tb_fail "plugged $addr: state '$st', expected configured"

plugged=0
tb_request unplug hp0 || tb_fail "host could not unplug hp0"
tb_wait_for "! tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "$addr still in sysfs after unplug"
"$ZPCIDIAG" list --json > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "zpcidiag list --json exited $? after unplug: $(cat "$TB_CASE_TMP/err")"
st=$(jq -r --argjson f "$((fid))" '[.functions[] | select(.fid == $f) | .state] | first // "gone"' "$out")
case $st in
gone|standby) ;;
*) tb_fail "unplugged function fid $fid reported '$st'" ;;
esac
"$ZPCIDIAG" list > "$TB_CASE_TMP/list.txt" || tb_fail "zpcidiag list exited $? after unplug"
echo "hp0 at $addr plugged, unplugged, then reported $st"
