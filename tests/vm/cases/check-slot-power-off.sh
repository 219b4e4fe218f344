# Powering a slot off puts its function in standby: check's fn-standby rule
# names that FID (info, exit 0) and, in QEMU's KVM guest, that deconfiguring
# keeps the configuration state; power on again and the finding goes.
# flavour: normal
. /testbed/lib.sh
fid=$(tb_fid kbd0)
slot=$(tb_slot_of_fid "$fid")
d=$(tb_devdir_of_fid "$fid") || tb_fail "kbd0 (fid $fid) not in sysfs"
want=$(printf 'fid:0x%08x' "$((fid))")
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/before.json" || tb_fail "check exited $? before the test"
jq -e --arg d "$want" '[.findings[] | select(.rule == "fn-standby" and .device == $d)] | length == 0' \
	"$TB_CASE_TMP/before.json" >/dev/null || tb_fail "fn-standby for $want while its slot is on"
echo 0 > "$slot/power" || tb_fail "cannot write 0 to $slot/power"
tb_wait_for "[ ! -e $d ]" 20 || { echo 1 > "$slot/power"; tb_fail "$d still present after power off"; }
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/off.json" 2> "$TB_CASE_TMP/err"
rc=$?
echo 1 > "$slot/power" || tb_fail "cannot power $slot on again"
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "fid $fid did not come back after power on"
[ $rc -eq 0 ] || tb_fail "check exited $rc with a slot powered off (standby is info): $(cat "$TB_CASE_TMP/err")"
jq -e --arg d "$want" '[.findings[] | select(.rule == "fn-standby" and .device == $d)] | length == 1' \
	"$TB_CASE_TMP/off.json" >/dev/null || tb_fail "fn-standby did not name $want: $(cat "$TB_CASE_TMP/off.json")"
# QEMU's guest is a KVM guest (/proc/sysinfo): the finding says what standby means here
f=$(jq -r --arg d "$want" '.findings[] | select(.rule == "fn-standby" and .device == $d) | .finding' "$TB_CASE_TMP/off.json")
echo "fn-standby: $f"
case $f in
*"; KVM guest (/proc/sysinfo): deconfiguring does not change the configuration state") ;;
*) tb_fail "fn-standby in a KVM guest does not say what deconfiguring means here";;
esac
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/after.json" || tb_fail "check exited $? after power on"
jq -e --arg d "$want" '[.findings[] | select(.device == $d)] | length == 0' \
	"$TB_CASE_TMP/after.json" >/dev/null || tb_fail "findings for $want remain after power on"
echo "slot $(basename "$slot") off: fn-standby $want; on: no finding"
