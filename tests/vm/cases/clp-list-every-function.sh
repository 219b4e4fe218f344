# CLP List PCI Functions through /dev/clp lists every function the host
# attached, with the handle and UID sysfs shows; a function whose slot is
# powered off stays listed in standby (config_state 0, handle without the
# enable bit) and is back as configured after power on. A short list block
# read back with --from-raw gives the same answer.
# flavour: normal debug
. /testbed/lib.sh
out=$TB_CASE_TMP/clp.json
"$ZPCIDIAG" clp list --json > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "clp list --json exited $?: $(cat "$TB_CASE_TMP/err")"
jq -e '.schema_version == 2 and .command == "clp list"' "$out" >/dev/null ||
	tb_fail "clp list --json is not a clp list document"
n=0
for name in $(tb_present_names); do
	fid=$(( $(tb_fid "$name") ))
	uid=$(( $(tb_uid "$name") ))
	d=$(tb_devdir_of_fid "$fid") || tb_fail "$name not in sysfs"
	fh=$(printf '0x%08x' "$(( $(cat "$d/function_handle") ))")
	got=$(jq -r --argjson f "$fid" '.functions[] | select(.clp.list.fid == $f) |
		"\(.clp.list.config_state) \(.clp.list.fh) \(.clp.query_function.uid)"' "$out")
	[ "$got" = "1 $fh $uid" ] ||
		tb_fail "$name: clp list says '$got' (config_state fh uid), sysfs/topology '1 $fh $uid'"
	n=$((n + 1))
done
listed=$(jq '[.functions[] | select(.clp != null)] | length' "$out")
[ "$listed" = "$n" ] || tb_fail "clp list shows $listed functions, the host attached $n"

# standby by slot power off
fid=$(( $(tb_fid kbd0) ))
slot=$(tb_slot_of_fid "$fid")
d=$(tb_devdir_of_fid "$fid")
echo 0 > "$slot/power" || tb_fail "cannot power off $slot"
tb_wait_for "[ ! -e $d ]" 20 || { echo 1 > "$slot/power"; tb_fail "$d still there after power off"; }
"$ZPCIDIAG" clp list --json > "$out" 2> "$TB_CASE_TMP/err"
rc=$?
"$ZPCIDIAG" clp list > "$TB_CASE_TMP/standby.txt" 2>&1
echo 1 > "$slot/power" || tb_fail "cannot power $slot on again"
[ $rc = 0 ] || tb_fail "clp list with a slot off exited $rc: $(cat "$TB_CASE_TMP/err")"
got=$(jq -r --argjson f "$fid" '.functions[] | select(.clp.list.fid == $f) |
	"\(.state) \(.clp.list.config_state) \(.clp.list.fh_enabled)"' "$out")
[ "$got" = "standby 0 false" ] ||
	tb_fail "fid $fid with slot off: '$got' (state config_state fh_enabled), expected 'standby 0 false'"
grep -q "$(printf '0x%08x' "$fid") .*standby" "$TB_CASE_TMP/standby.txt" ||
	tb_fail "clp list text lacks fid $fid in standby: $(cat "$TB_CASE_TMP/standby.txt")"
cat "$TB_CASE_TMP/standby.txt"
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "fid $fid not back after power on"
"$ZPCIDIAG" clp list --json > "$out" || tb_fail "clp list after power on exited $?"
got=$(jq -r --argjson f "$fid" '.functions[] | select(.clp.list.fid == $f) | .clp.list.config_state' "$out")
[ "$got" = 1 ] || tb_fail "fid $fid after power on has config_state '$got'"

# saved blocks decode to the same list
raw=$TB_CASE_TMP/raw
"$ZPCIDIAG" clp list --raw "$raw" > "$TB_CASE_TMP/live.txt" || tb_fail "clp list --raw exited $?"
[ -s "$raw/list-000.bin" ] || tb_fail "--raw wrote no list-000.bin"
"$ZPCIDIAG" clp list --from-raw "$raw" > "$TB_CASE_TMP/saved.txt" || tb_fail "clp list --from-raw exited $?"
cmp -s "$TB_CASE_TMP/live.txt" "$TB_CASE_TMP/saved.txt" ||
	tb_fail "live and saved-block lists differ: $(diff "$TB_CASE_TMP/live.txt" "$TB_CASE_TMP/saved.txt")"
echo "clp list: $n functions, standby and back for fid $fid"
