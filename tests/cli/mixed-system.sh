#!/bin/sh
# A realistic LPAR: every function type, mixed MIO, drivers, a standby slot.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)

# -n: numbers only, no names from the host's pci.ids
run 0 --sysfs-root "$R" -n list
contains "$OUT" '^ADDRESS +FID +UID +PCHID +PFGID +VFN +TYPE +PORT +VENDOR:DEVICE +DRIVER +STATE +NAME$'
contains "$(row 0001:00:00.0)" '0x00000210 +0x1 +0x07c0 +0x02 +0 +ISM +0 +1014:04ed +ism +configured +-$'
contains "$(row 0010:00:00.0)" '0x00000100 +0x10 +0x01c4 +0x0a +1 +RoCE Express2/3 +1 +15b3:1016 +mlx5_core +configured +-$'
contains "$(row 0011:00:00.0)" 'RoCE Express2/3 +2 +15b3:1016 +vfio-pci +configured +-$'
contains "$(row 0020:00:00.0)" 'NVMe +0 +144d:a822 +nvme'
contains "$(row 0040:00:00.0)" 'Network Express +1 +1014:0602 +neth'
contains "$(row 0050:00:00.0)" '0x00000010 +0x50 +0x0000 +0xff +0 +unclassified'
contains "$(row 0060:00:00.0)" 'unknown \(0x1e\) +0 +1014:0666 +- +configured +-$'
contains "$OUT" '^- +0x00000300 .*standby +-$'
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$OUT" | wc -l)" = 9 ] || fail "list: expected header + 8 rows"

run 0 --sysfs-root "$R" bars
contains "$(row 0040:00:00.0)" ' 0 +mem +64-bit +yes +4M +4194304 +yes +sysfs resourceN offered'
contains "$OUT" '0050:00:00.0 +1 +mem +32-bit +no +4K +4096 +no'
contains "$OUT" '0050:00:00.0 +4 +mem +64-bit +yes +16K +16384 +no'

# MIO on but no resourceN: the verdict is an inference and says so
sed -i 's/^0x0004000000000000.*$/&/' "$R/bus/pci/devices/0040:00:00.0/resource"
rm "$R/bus/pci/devices/0040:00:00.0/resource0"
run 0 --sysfs-root "$R" bars 0040:00:00.0
contains "$(row 0040:00:00.0)" ' unknown +no sysfs resourceN; vfio-pci mmap only on Linux 6.15 and later .*\(inferred\)$'

run 0 --sysfs-root "$R" vf
CHECKS=$((CHECKS + 1))
[ "$(printf '%s\n' "$OUT" | grep -c detached)" = 2 ] || fail "vf: expected 2 detached VFs"

run 0 --sysfs-root "$R" show encb0
contains "$OUT" 'util_string\[1\] +NETB'
contains "$OUT" 'mio_enabled +1 +MIO: BARs have CPU addresses'
run 0 --sysfs-root "$R" show 0x10
contains "$OUT" 'function_handle +0x80020000 +function handle: enabled'
contains "$OUT" 'util_string +\(empty\)'
done_testing
