#!/bin/sh
# Exit 4 is "data unreadable or malformed", applied the same way to every
# file: config space of a size the kernel never offers, an over-long utility
# string, a resource file that is a directory.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D=$R/devices/pci0010:00/0010:00:00.0
cp "$D/config" "$WORK/config"
for len in 64 255 257 4095; do
	head -c "$len" /dev/zero >"$D/config"
	run 4 --sysfs-root "$R" show 0010:00:00.0 && contains "$OUT" "config.*$len bytes"
done
for len in 256 4096; do
	python3 -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(d + bytes(int(sys.argv[3]) - len(d)))' \
		"$WORK/config" "$D/config" "$len"
	run 0 --sysfs-root "$R" show 0010:00:00.0
done
head -c 65 /dev/zero >"$D/util_string"
run 4 --sysfs-root "$R" show 0010:00:00.0
contains "$OUT" "util_string.*longer than 64 bytes"
head -c 64 /dev/zero >"$D/util_string"
rm "$D/resource" && mkdir "$D/resource"
run 4 --sysfs-root "$R" bars
run 4 --sysfs-root "$R" --json bars
done_testing
