# needs: hotplug
# flavour: normal
# A function hot-unplugged while a report is being taken: the report still
# completes, is readable, and its manifest records the function that went
# away (the "gap") instead of pretending its data is whole.
. /testbed/lib.sh
fid=$(tb_fid hp0)
R=$TB_CASE_TMP/r.tar.xz
tb_request plug hp0 || tb_fail "host could not plug hp0"
plugged=1
trap '[ "$plugged" = 1 ] && tb_request unplug hp0 >/dev/null' EXIT
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 20 || tb_fail "hp0 (fid $fid) did not appear"
addr=$(tb_addr_of_fid "$fid")
"$ZPCIDIAG" report -o "$R" > "$TB_CASE_TMP/out" 2> "$TB_CASE_TMP/err" &
pid=$!
# The report first runs its sources, then zpcidiag's read commands, saying
# so on stderr (progress, the report takes more than a second here): from
# then on the function is in the report's data, and the unplug lands while
# the report is still being taken.
# The progress line appears only once the report has run a second, so on a
# quick machine the commands stage shows only as the child zpcidiag it spawns.
spawned() { # pid: a process whose parent is pid exists
	for _s in /proc/[0-9]*/stat; do
		read -r _p _c _st _pp _r < "$_s" 2>/dev/null && [ "$_pp" = "$1" ] && return 0
	done
	return 1
}
tb_wait_for "grep -q 'running zpcidiag.s read commands' $TB_CASE_TMP/err || spawned $pid" 60 ||
	tb_fail "the report did not reach its commands within 60 s: $(cat "$TB_CASE_TMP/err")"
plugged=0
tb_request unplug hp0 || tb_fail "host could not unplug hp0"
running=0
kill -0 $pid 2>/dev/null && running=1
wait $pid
rc=$?
[ $rc = 0 ] || tb_fail "report exited $rc with a function unplugged midway: $(cat "$TB_CASE_TMP/err")"
[ $running = 1 ] || tb_fail "the report finished before the unplug completed: the midway case was not exercised"
# exit 4 is the live answer too when a function's files vanished while read
"$ZPCIDIAG" --report "$R" list > "$TB_CASE_TMP/list" 2>&1
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || tb_fail "--report list exited $rc: $(cat "$TB_CASE_TMP/list")"
top=$(tar -tJf "$R" | head -1 | cut -d/ -f1)
# bus/pci/devices/ADDR is a link in the report, as in sysfs; the files lie
# below its target under sys/devices/
tar -tJf "$R" | grep -qE "^$top/sys/devices/(.*/)?$addr/" || tb_fail "$addr is not in the report"
tar -xJf "$R" -C "$TB_CASE_TMP" "$top/manifest.json" || tb_fail "no manifest"
gap=$(jq -r --arg w "function $addr" '.not_collected[] | select(.what == $w) | .why' "$TB_CASE_TMP/$top/manifest.json")
[ -n "$gap" ] || tb_fail "function $addr vanished during the report, manifest has no gap: $(jq -c .not_collected "$TB_CASE_TMP/$top/manifest.json")"
echo "gap recorded: $gap"
