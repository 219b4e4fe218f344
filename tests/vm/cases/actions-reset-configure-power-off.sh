# flavour: normal stock
# The zpcictl actions on the emulated machine: reset (error report, which
# QEMU's SCLP may refuse, then recover) brings the function back and the tool
# sees it configured; power-off puts it in standby, configure brings it back;
# a function whose vfio group a process holds open is refused without --force
# and the refusal names the process; the actions leave lines in the kernel log.
. /testbed/lib.sh
fid=$(( $(tb_fid kbd0) ))
d=$(tb_devdir_of_fid "$fid") || tb_fail "kbd0 not in sysfs"
addr=$(basename "$d")
state() { "$ZPCIDIAG" list --json | jq -r --argjson f "$fid" '[.functions[] | select(.fid == $f) | .state] | first // "missing"'; }

"$ZPCIDIAG" reset --dry-run "$addr" > "$TB_CASE_TMP/out" 2>&1 || tb_fail "reset --dry-run exited $?"
grep -q "^would reset: " "$TB_CASE_TMP/out" || tb_fail "dry run said: $(cat "$TB_CASE_TMP/out")"
grep -q "function $addr FID $(printf '0x%08x' $fid) PCHID" "$TB_CASE_TMP/out" || tb_fail "dry run does not name the function"

"$ZPCIDIAG" --reset "$addr" > "$TB_CASE_TMP/out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "--reset exited $?: $(cat "$TB_CASE_TMP/out" "$TB_CASE_TMP/err")"
cat "$TB_CASE_TMP/out" "$TB_CASE_TMP/err"
grep -q "is back as $addr" "$TB_CASE_TMP/out" || tb_fail "reset did not see the function come back"
[ "$(state)" = configured ] || tb_fail "after reset: $(state)"
dmesg | grep -q "zpcidiag: reset $addr FID" || tb_fail "reset left no kernel log line"

"$ZPCIDIAG" power-off "$addr" > "$TB_CASE_TMP/out" 2>&1 || tb_fail "power-off exited $?: $(cat "$TB_CASE_TMP/out")"
tb_wait_for "[ ! -e $d ]" 20 || tb_fail "$addr still present after power-off"
[ "$(state)" = standby ] || { echo 1 > "$(tb_slot_of_fid $fid)/power"; tb_fail "after power-off: $(state)"; }
"$ZPCIDIAG" configure "fid:$(printf '%x' $fid)" > "$TB_CASE_TMP/out" 2>&1 ||
	{ echo 1 > "$(tb_slot_of_fid $fid)/power"; tb_fail "configure exited $?: $(cat "$TB_CASE_TMP/out")"; }
grep -q "is back as" "$TB_CASE_TMP/out" || tb_fail "configure did not see the function come back: $(cat "$TB_CASE_TMP/out")"
[ "$(state)" = configured ] || tb_fail "after configure: $(state)"

# report-error: QEMU may not serve the SCLP event; either way a clear answer
"$ZPCIDIAG" report-error "$addr" > "$TB_CASE_TMP/out" 2>&1
rc=$?
case $rc in
0) echo "report-error accepted by the emulator" ;;
7) grep -q "report_error" "$TB_CASE_TMP/out" || tb_fail "report-error failed without naming the file: $(cat "$TB_CASE_TMP/out")"
   echo "report-error refused by the emulator: $(tail -1 "$TB_CASE_TMP/out")" ;;
*) tb_fail "report-error exited $rc: $(cat "$TB_CASE_TMP/out")" ;;
esac

# In use: a process holding the function's vfio group open
[ -d /sys/module/vfio ] || modprobe vfio-pci 2>/dev/null
if modprobe vfio-pci 2>/dev/null; then
	rng=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
	node=$(tb_bind_vfio "$rng") || tb_fail "binding rng0: $node"
	sleep 60 <> "$node" &
	holder=$!
	trap 'kill $holder 2>/dev/null; tb_unbind_vfio "$rng"' EXIT
	tb_wait_for "ls -l /proc/$holder/fd 2>/dev/null | grep -q $node" 5 || tb_fail "holder did not open $node"
	"$ZPCIDIAG" reset "$(basename "$rng")" > "$TB_CASE_TMP/out" 2> "$TB_CASE_TMP/err"
	rc=$?
	[ $rc = 7 ] || tb_fail "reset of a function with an open vfio group exited $rc"
	grep -q "vfio users: $holder (sleep)" "$TB_CASE_TMP/out" || tb_fail "the vfio user is not named: $(cat "$TB_CASE_TMP/out")"
	grep -q "in use" "$TB_CASE_TMP/err" || tb_fail "refusal says: $(cat "$TB_CASE_TMP/err")"
	kill $holder
	wait $holder 2>/dev/null
	echo "vfio user $holder named and refused"
fi
echo "reset, power-off, configure on $addr: the function came back each time"
