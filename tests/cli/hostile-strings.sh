#!/bin/sh
# Strings from the system (driver names, driver_override, interface names, the
# root path) with invalid UTF-8 or terminal escapes: JSON stays valid UTF-8 and
# neither tables nor show pass control characters through to the terminal.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D=$R/devices/pci0010:00/0010:00:00.0
ESC=$(printf '\033')
BEL=$(printf '\007')

valid_json() {	# WHAT: $OUT must be strict UTF-8 JSON
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c 'import json,sys; json.loads(sys.stdin.buffer.read().decode("utf-8"))' \
		2>/dev/null || fail "$1: not valid UTF-8 JSON"
}

printf 'x\377\n' >"$D/driver_override"
run 0 --sysfs-root "$R" --json list
valid_json "driver_override with byte 0xff"
jeq '[f["driver_override"] for f in d["functions"] if f["address"] == "0010:00:00.0"][0]' 'x\xff'

printf 'vfio-pci\033[2J\a\n' >"$D/driver_override"
run 0 --sysfs-root "$R" show 0010:00:00.0
lacks "$OUT" "$ESC" "show with an escape sequence in driver_override"
lacks "$OUT" "$BEL" "show with a bell in driver_override"
contains "$OUT" 'driver_override +vfio-pci\\x1b\[2J\\x07'
run 0 --sysfs-root "$R" --json show 0010:00:00.0
valid_json "driver_override with escapes"

# a driver whose name holds an escape and invalid UTF-8
B=$(printf 'bad\033drv\376')
mkdir -p "$R/bus/pci/drivers/$B"
rm "$D/driver"
ln -s "../../../bus/pci/drivers/$B" "$D/driver"
run 0 --sysfs-root "$R" list
lacks "$OUT" "$ESC" "list with an escape in the driver name"
contains "$(row 0010:00:00.0)" 'bad\\x1bdrv\\xfe'
run 0 --sysfs-root "$R" --json list
valid_json "driver name with escape and 0xfe"

# an interface name with invalid UTF-8
N=$(printf 'en\377s')
mkdir -p "$D/net/$N"
run 0 --sysfs-root "$R" --json show 0010:00:00.0
valid_json "interface name with 0xff"

# a root path that is not UTF-8, named in problem texts
Q=$WORK/$(printf 'root\377\033')
cp -a "$R" "$Q"
printf 'garbage\n' >"$Q/devices/pci0010:00/0010:00:00.0/pchid"
run 4 --sysfs-root "$Q" --json list
valid_json "non-UTF-8 root in problem texts"
run 4 --sysfs-root "$Q" show 0010:00:00.0
lacks "$OUT" "$ESC" "show with an escape in the root path"
lacks "$ERR" "$ESC" "messages with an escape in the root path"
done_testing
