#!/bin/sh
# Attributes replaced by FIFOs never block; symbolic links are resolved and
# what they point at is checked (driver, physfn, iommu_group, device links).
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D=$R/devices/pci0010:00/0010:00:00.0
P=$R/bus/pci/devices/0010:00:00.0
A='[f for f in d["functions"] if f["address"] == "0010:00:00.0"][0]'
command -v timeout >/dev/null || { echo "SKIP: timeout(1) needed"; exit 77; }

for attr in pchid config resource util_string driver_override vendor; do
	mv "$D/$attr" "$WORK/saved"
	mkfifo "$D/$attr"
	CHECKS=$((CHECKS + 1))
	timeout 10 "$ZPCIDIAG" --sysfs-root "$R" --json show 0010:00:00.0 >"$WORK/out" 2>"$WORK/err"
	rc=$?
	[ "$rc" = 124 ] && fail "show blocked on a FIFO in place of $attr"
	[ "$rc" = 4 ] || fail "FIFO $attr: exit $rc, expected 4"
	OUT=$(cat "$WORK/out")
	jeq "any('$P/$attr' in p['text'] and 'not a regular file' in p['text'] for p in $A['problems'])" true
	rm "$D/$attr"
	mv "$WORK/saved" "$D/$attr"
done
mkfifo "$R/firmware/clp/uid_checking.new" && mv "$R/firmware/clp/uid_checking.new" "$R/firmware/clp/uid_checking"
CHECKS=$((CHECKS + 1))
timeout 10 "$ZPCIDIAG" --sysfs-root "$R" list >/dev/null 2>"$WORK/err"
[ $? = 124 ] && fail "list blocked on a FIFO uid_checking"
grep -q 'uid_checking: not a regular file' "$WORK/err" || fail "uid_checking FIFO not named"
printf '1\n' >"$WORK/u"; rm "$R/firmware/clp/uid_checking"; cp "$WORK/u" "$R/firmware/clp/uid_checking"

# a driver link pointing at itself: ELOOP, not a driver named "driver"
ln -sfn driver "$D/driver"
run 4 --sysfs-root "$R" list
lacks "$(row 0010:00:00.0)" ' driver '
run 4 --sysfs-root "$R" show 0010:00:00.0
contains "$OUT" "$P/driver: Too many levels of symbolic links"
rm "$D/driver"; ln -s ../../../bus/pci/drivers/mlx5_core "$D/driver"
# a dangling driver link
ln -sfn ../../../bus/pci/drivers/gone "$D/driver"
run 4 --sysfs-root "$R" show 0010:00:00.0
contains "$OUT" "$P/driver: No such file or directory"
rm "$D/driver"; ln -s ../../../bus/pci/drivers/mlx5_core "$D/driver"

# physfn: to itself, to a missing device, to another VF: never "linked"
for target in ../0010:00:00.0 ../../pci0099:00/0099:00:00.0 ../../pci0011:00/0011:00:00.0; do
	rm -f "$D/physfn"
	ln -s "$target" "$D/physfn"
	run 4 --sysfs-root "$R" --json vf 0010:00:00.0
	jeq "$A['vf']['linked']" false
	jeq "any(p['code'].startswith('physfn') and '$P/physfn' in p['text'] for p in $A['problems'])" true
done
rm "$D/physfn"

# a dangling device entry in bus/pci/devices is reported without -v
ln -s ../../../devices/pci0077:00/0077:00:00.0 "$R/bus/pci/devices/0077:00:00.0"
run 4 --sysfs-root "$R" list
contains "$ERR" "bus/pci/devices/0077:00:00.0: No such file or directory"
rm "$R/bus/pci/devices/0077:00:00.0"
ln -s 0078:00:00.0 "$R/bus/pci/devices/0078:00:00.0"
run 4 --sysfs-root "$R" list
contains "$ERR" "bus/pci/devices/0078:00:00.0: Too many levels of symbolic links"
rm "$R/bus/pci/devices/0078:00:00.0"
# names that are not PCI addresses: mentioned with -v
mkdir "$R/bus/pci/devices/junk"
run 0 --sysfs-root "$R" -v list
contains "$ERR" "bus/pci/devices/junk: not a PCI address; skipped"
done_testing
