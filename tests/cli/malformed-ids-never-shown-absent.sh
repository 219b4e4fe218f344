#!/bin/sh
# Identifiers whose file exists but holds no number (function_id, uid,
# pchid, pfgid, vfn, pft, port) are malformed, not absent: "?" in list, vf,
# show and the tree, "malformed" in JSON and check's findings, never "-"
# or null; a file that does not exist stays "-"/null.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root mixed-system badids)
A=0001:00:00.0
d=$(devdir "$R" $A)
printf 'zz\n' >"$d/function_id"
printf '0xq\n' >"$d/uid"
printf 'pchid\n' >"$d/pchid"
printf '\n' >"$d/pfgid"
printf '1x\n' >"$d/vfn"
printf -- '-1\n' >"$d/port"

run 4 --sysfs-root "$R/sys" list $A
row=$(row $A)
# ADDRESS FID UID PCHID PFGID VFN TYPE PORT
CHECKS=$((CHECKS + 1))
printf '%s\n' "$row" | awk '{ exit !($2 == "?" && $3 == "?" && $4 == "?" && $5 == "?" && $6 == "?" && $8 == "?") }' ||
	fail "list row shows a malformed identifier as something else than ?: $row"

run 4 --sysfs-root "$R/sys" --json list $A
schema_valid "--json list"
for k in fid uid pchid pfgid vfn port; do
	jeq "d['functions'][0]['$k']" malformed
done
jeq "d['functions'][0]['vf']['is_vf']" malformed

run 4 --sysfs-root "$R/sys" show $A
for k in function_id uid pchid pfgid vfn port; do
	contains "$OUT" "^  $k +\\? " "show's $k line"
done
contains "$OUT" "^  vf +\\? "

run 4 --sysfs-root "$R/sys" list --tree
contains "$OUT" "$A fid \\? "
lacks "$OUT" "$A fid 0x00000000"

run 4 --sysfs-root "$R/sys" vf $A
contains "$(row $A)" "^$A +\\? +\\? "

run 2 --sysfs-root "$R/sys" --json check $A
schema_valid "--json check"
jeq "sorted(set(x['fid'] for x in d['findings'] if x['device'] == '$A'))" '["malformed"]'

run 2 --sysfs-root "$R/sys" check --format=prometheus $A
contains "$OUT" "fid=\"malformed\""

# absent stays absent: no function_id file at all
rm "$d/function_id" "$d/port"
run 4 --sysfs-root "$R/sys" --json list $A
jeq "d['functions'][0]['fid']" null
jeq "d['functions'][0]['port']" null

done_testing
