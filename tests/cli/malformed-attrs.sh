#!/bin/sh
# Missing, garbage and truncated attributes: never a crash, every problem names
# its file, JSON stays whole, exit 4 (data malformed) after complete output.
. "$(dirname "$0")/lib.sh"
R=$(fixture malformed-attrs)
D=$R/bus/pci/devices

for cmd in list bars vf "show 0030:00:00.0 0031:00:00.0"; do
	# shellcheck disable=SC2086
	run 4 --sysfs-root "$R" --json $cmd
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "$cmd --json: invalid JSON"
	# shellcheck disable=SC2086
	run 4 --sysfs-root "$R" $cmd
done

run 4 --sysfs-root "$R" --json show 0030:00:00.0 0031:00:00.0
jeq 'len(d["functions"])' 2
A='d["functions"][0]'
# missing: null; there but unparsable: "malformed" (never shown as absent)
jeq "$A[\"fid\"]" null
jeq "$A[\"pft\"]" malformed
jeq "$A[\"type\"]" malformed
jeq "$A[\"vfn\"]" malformed
jeq "$A[\"uid\"]" malformed
jeq "$A[\"vf\"][\"is_vf\"]" malformed
jeq "$A[\"bars\"]" '[]'
jeq "sorted(set(p['code'] for p in $A['problems']))" '["attr-malformed", "attr-missing", "config-size"]'
for f in function_id vfn pft uid config resource; do
	jeq "any(p['text'].startswith('$D/0030:00:00.0/$f:') for p in $A['problems'])" true
done
B='d["functions"][1]'
jeq "$B[\"pchid\"]" malformed
jeq "$B[\"pfip\"]" '[0, 0, null, 0]'
jeq "$B[\"util_string\"][\"text\"]" NET
jeq "any(p['code'] == 'attr-malformed' and '$D/0031:00:00.0/pchid' in p['text'] for p in $B['problems'])" true
jeq "any(p['code'] == 'attr-missing' and 'pfip/segment2' in p['text'] for p in $B['problems'])" true
# a PCI device without zPCI attributes is not a zPCI function
run 4 --sysfs-root "$R" list
lacks "$OUT" '0000:ff:00.0'
contains "$ERR" "^zpcidiag: $D/0030:00:00.0/vfn: "
run 3 --sysfs-root "$R" list 0000:ff:00.0

# named, but excluded by --type: said, and nothing left to show is exit 3
run 3 --sysfs-root "$R" list 0x801 --type roce2
contains "$ERR" '0x801: ISM, not of type roce2'
# a tree without bus/pci/devices: exit 4 naming the directory
mkdir "$WORK/nopci"
run 4 --sysfs-root "$WORK/nopci" list
contains "$ERR" "^zpcidiag: $WORK/nopci/bus/pci/devices: No such file or directory$"
done_testing
