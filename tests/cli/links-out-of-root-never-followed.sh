#!/bin/sh
# Links below --sysfs-root that lead out of it are never followed, where a
# link belongs too: the driver, iommu_group and physfn links, a directory
# link in place of pfip/ and of a hotplug slot, and a bus/pci/devices entry.
# Each is a critical problem naming the link (exit 4), nothing behind it is
# used (no driver name, group number or PF taken from outside), nothing of
# it is copied into a report, and --report answers as the machine did.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root linked-vf oroot)
S=$R/sys
O=$WORK/elsewhere
mkdir -p "$O/drivers/stolen-driver" "$O/groups/77" "$O/pf/0000:00:00.0" "$O/pfip" "$O/slot" \
	"$O/dev/0000:00:00.7"
for i in 0 1 2 3; do printf 'secret-%d\n' "$i" >"$O/pfip/segment$i"; done
printf '1\n' >"$O/slot/power"
printf '0x7777\n' >"$O/dev/0000:00:00.7/function_id"

VF=0000:00:00.1
d=$(devdir "$R" $VF)
rm -f "$d/driver" "$d/iommu_group" "$d/physfn"
ln -s "$O/drivers/stolen-driver" "$d/driver"
ln -s "$O/groups/77" "$d/iommu_group"
ln -s "$O/pf/0000:00:00.0" "$d/physfn"
rm -rf "$d/pfip"
ln -s "$O/pfip" "$d/pfip"
slot=$S/bus/pci/slots/00000501
rm -rf "$slot"
ln -s "$O/slot" "$slot"
ln -s "$O/dev/0000:00:00.7" "$S/bus/pci/devices/0000:00:00.7"

run 4 --sysfs-root "$S" show $VF
for l in driver iommu_group physfn pfip/segment0 "slots/00000501/power"; do
	contains "$OUT" "critical .*/$l: leads out of the sysfs root \\(not followed\\)" "show's problems"
done
contains "$OUT" "^  driver +\\? "
contains "$OUT" "^  iommu_group +\\?( |$)"
contains "$OUT" "^  vf +\\? "
contains "$OUT" "^  pfip +\\? \\? \\? \\? "
lacks "$OUT" "stolen-driver|secret-|detached|0000:00:00.0 *its PF"

run 4 --sysfs-root "$S" --json list
schema_valid "--json list"
jeq "[f['driver'] for f in d['functions'] if f['address'] == '$VF']" '[null]'
jeq "[f['iommu_group'] for f in d['functions'] if f['address'] == '$VF']" '["malformed"]'
jeq "[(f['vf']['linked'], f['vf']['detached'], f['vf']['physfn']) for f in d['functions'] if f['address'] == '$VF']" '[[false, false, null]]'
jeq "[f['fid'] for f in d['functions'] if f['address'] == '0000:00:00.7']" '[null]'
jeq "[p['code'] for f in d['functions'] if f['address'] == '0000:00:00.7' for p in f['problems']]" '["device-unresolvable"]'
lacks "$OUT" "stolen-driver|secret-|30583"

run 2 --sysfs-root "$S" check --format=plugin
contains "$OUT" "^ZPCIDIAG CRITICAL"

# the report: nothing from outside, and the same answers
run 0 --sysfs-root "$S" report -q -o "$WORK/oroot.tar.xz"
CHECKS=$((CHECKS + 1))
python3 - "$WORK/oroot.tar.xz" <<'PY' || fail "the report holds what lies outside the root"
import sys, tarfile
t = tarfile.open(sys.argv[1])
for m in t.getmembers():
    if "elsewhere" in m.name or (m.issym() and "elsewhere" in m.linkname):
        raise SystemExit("%s: from outside the root" % m.name)
    if m.isfile() and (b"secret-" in t.extractfile(m).read() or b"0x7777" in t.extractfile(m).read()):
        raise SystemExit("%s holds an outside file" % m.name)
PY
run_any() { "$ZPCIDIAG" "$@" 2>"$WORK/err.any"; echo "exit $?"; }
for cmd in "--json list" "list" "show $VF" "check --format=json" "check --format=plugin" "--json vf"; do
	# shellcheck disable=SC2086
	run_any --sysfs-root "$S" $cmd | sed "s|$S|/SYS|g" >"$WORK/live"
	# shellcheck disable=SC2086
	run_any --report "$WORK/oroot.tar.xz" $cmd | sed "s|$S|/SYS|g" >"$WORK/saved"
	CHECKS=$((CHECKS + 1))
	# the report's own root differs: compare below it
	sed -i -E 's|/[^ "]*/sys/|/SYS/|g' "$WORK/live" "$WORK/saved"
	cmp -s "$WORK/live" "$WORK/saved" ||
		fail "$cmd: --report differs from live: $(diff "$WORK/live" "$WORK/saved" | head -20)"
done

done_testing
