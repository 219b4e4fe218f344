#!/bin/sh
# --report FILE CMD answers as CMD did on the machine, for what could not
# be read too: a device link that loops, an iommu_group link loop, a FIFO
# and an overlong value in place of attributes, a link out of the root in
# place of one (never followed nor copied), a dangling physfn link, a slot
# without its power file. Exit codes, check's verdict and every shown
# line must match.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root mixed-system odd)
S=$R/sys
printf 'secret outside the root\n' >"$WORK/outside"

d=$(devdir "$R" 0001:00:00.0)
rm -f "$d/iommu_group"
ln -s iommu_group "$d/iommu_group"		# loops on itself
rm -f "$d/pchid"
mkfifo "$d/pchid"
d=$(devdir "$R" 0020:00:00.0)
python3 -c 'import sys; open(sys.argv[1], "w").write("x" * 70000)' "$d/driver_override"
d=$(devdir "$R" 0011:00:00.0)
rm -f "$d/driver_override"
ln -s "$WORK/outside" "$d/driver_override"
rm -f "$S/bus/pci/devices/0030:00:00.0" 2>/dev/null
ln -s ../../../bus/pci/devices/0030:00:00.0 "$S/bus/pci/devices/0030:00:00.0"	# a device link loop
slot=$(ls "$S/bus/pci/slots" | head -1)
rm -f "$S/bus/pci/slots/$slot/power"

run_any() { "$ZPCIDIAG" "$@" 2>"$WORK/err.any"; echo "exit $?"; }

run_any --sysfs-root "$S" report -q -o "$WORK/odd.tar.xz" >/dev/null
CHECKS=$((CHECKS + 1))
[ -s "$WORK/odd.tar.xz" ] || fail "no report: $(cat "$WORK/err.any")"
CHECKS=$((CHECKS + 1))
python3 - "$WORK/odd.tar.xz" <<'PY' || fail "the report holds what lies outside the root"
import sys, tarfile
t = tarfile.open(sys.argv[1])
for m in t.getmembers():
    if m.isfile() and b"secret outside the root" in t.extractfile(m).read():
        raise SystemExit("%s holds the outside file" % m.name)
PY

for cmd in "--json list" "list" "show 0001:00:00.0" "show 0011:00:00.0" "show 0020:00:00.0" \
	"check --format=json" "check --format=plugin" "bars" "--json vf"; do
	# shellcheck disable=SC2086
	live=$(run_any --sysfs-root "$S" $cmd | sed "s|$S|/SYS|g")
	live_err=$(sed "s|$S|/SYS|g" "$WORK/err.any")
	# shellcheck disable=SC2086
	saved=$(run_any --report "$WORK/odd.tar.xz" $cmd | sed "s|$S|/SYS|g")
	saved_err=$(sed "s|$S|/SYS|g" "$WORK/err.any")
	# every line compared, the passthrough view's holder and kvm zpci
	# lines too: the report keeps why /proc and /dev/kvm could not be read
	printf '%s\n' "$live" >"$WORK/live"
	printf '%s\n' "$saved" >"$WORK/saved"
	CHECKS=$((CHECKS + 1))
	[ "$live" = "$saved" ] ||
		fail "$cmd: --report differs from live: $(diff "$WORK/live" "$WORK/saved" | head -20)"
	CHECKS=$((CHECKS + 1))
	[ "$live_err" = "$saved_err" ] || fail "$cmd: messages differ: live '$live_err' report '$saved_err'"
done

done_testing
