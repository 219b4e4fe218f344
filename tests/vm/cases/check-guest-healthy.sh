# The booted guest is healthy: zpcidiag check exits 0 in every format, reports
# nothing above info, and sees every present function. With the diagnostics
# module loaded too (where it exists), no rule about missing sources fires.
# flavour: normal stock
. /testbed/lib.sh
out=$TB_CASE_TMP/check.json
"$ZPCIDIAG" check --json > "$out" 2> "$TB_CASE_TMP/err"
rc=$?
[ $rc -eq 0 ] || tb_fail "zpcidiag check exited $rc on the healthy guest: $(cat "$out" "$TB_CASE_TMP/err")"
bad=$(jq -r '[.findings[] | select(.severity != "info") | "\(.rule) \(.device): \(.finding)"] | join("; ")' "$out")
[ -z "$bad" ] || tb_fail "findings above info on the healthy guest: $bad"
n=$(jq -r '.functions_checked' "$out")
want=$(tb_present_names | wc -l)
[ "$n" -ge "$want" ] || tb_fail "check saw $n functions, the topology has $want present"
jq -e '.uid_checking == true' "$out" >/dev/null || tb_fail "UID checking not known as on (QEMU has it on)"
for fmt in table plugin prometheus; do
	"$ZPCIDIAG" check --format=$fmt > "$TB_CASE_TMP/$fmt" 2>&1 ||
		tb_fail "check --format=$fmt exited $?: $(cat "$TB_CASE_TMP/$fmt")"
done
grep -q '^ZPCIDIAG OK - ' "$TB_CASE_TMP/plugin" || tb_fail "plugin line: $(cat "$TB_CASE_TMP/plugin")"
grep -q '^zpcidiag_check_status 0$' "$TB_CASE_TMP/prometheus" || tb_fail "prometheus status not 0"
echo "check: $(jq -r '"\(.status), \(.functions_checked) functions, rules fired: \([.findings[].rule] | unique | join(" "))"' "$out")"
