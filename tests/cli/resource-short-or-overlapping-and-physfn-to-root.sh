#!/bin/sh
# A resource file the kernel cannot have written (one line where it writes
# one per resource; two BARs over one range) is malformed (exit 4), and a
# physfn link to "/" names the link and why instead of an empty string (it
# leads out of the root: not followed, links-out-of-root-never-followed.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root mixed-system res)
d=$(devdir "$R" 0001:00:00.0)
run 0 --sysfs-root "$R/sys" show 0001:00:00.0

head -2 "$d/resource" | tail -1 >"$WORK/one"
cp "$WORK/one" "$d/resource"
run 4 --sysfs-root "$R/sys" show 0001:00:00.0
contains "$OUT$ERR" "resource: 1 line; the kernel writes one per resource"

python3 - "$d/resource" <<'PY'
import sys
lines = ["0x0000000000000000 0x0000000000000000 0x0000000000000000"] * 13
lines[0] = "0x4001000000000000 0x4001000000001fff 0x0000000000040200"
lines[2] = "0x4001000000001000 0x4001000000002fff 0x0000000000040200"
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
run 4 --sysfs-root "$R/sys" show 0001:00:00.0
contains "$OUT$ERR" "BAR 0 and BAR 2 overlap"

R2=$(copy_root linked-vf vf)
vf=$(cd "$R2/sys/bus/pci/devices" && for x in *; do [ -L "$x/physfn" ] && echo "$x" && break; done)
d=$(devdir "$R2" "$vf")
rm "$d/physfn"
ln -s / "$d/physfn"
run 4 --sysfs-root "$R2/sys" show "$vf"
contains "$OUT$ERR" 'physfn: leads out of the sysfs root \(not followed\)'
lacks "$OUT$ERR" 'points to ""'

done_testing
