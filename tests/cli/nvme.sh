#!/bin/sh
# NVMe (PFT 0x0b): found by controller, namespace and partition device nodes.
. "$(dirname "$0")/lib.sh"
R=$(fixture nvme)

for sel in /dev/nvme0 /dev/nvme0n1 /dev/nvme0n1p2 nvme0 nvme0n1 nvme0c0n1 0x700 fid:700 uid:0x20 20:00:00.0 0020:00:00.0; do
	run 0 --sysfs-root "$R" list "$sel" && contains "$(row 0020:00:00.0)" 'NVMe +0 +144d:a822 +nvme +configured' "list $sel"
done
run 0 --sysfs-root "$R" --json list /dev/nvme0n1
jeq 'd["functions"][0]["nvme"]' '["nvme0"]'
jeq 'd["functions"][0]["pft"]' 11
jeq 'd["functions"][0]["type"]' nvme

run 3 --sysfs-root "$R" list /dev/nvme9
contains "$ERR" '^zpcidiag: /dev/nvme9: no such zPCI function$'
run 2 --sysfs-root "$R" list /dev/sda
contains "$ERR" '^zpcidiag: /dev/sda: not an NVMe device node'
run 2 --sysfs-root "$R" list /dev/nvme0x1
run 0 --sysfs-root "$R" bars /dev/nvme0
contains "$(row 0020:00:00.0)" ' 0 +mem +64-bit +no +16K +16384 +no +MIO not enabled'
done_testing
