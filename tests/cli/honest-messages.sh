#!/bin/sh
# Messages say what the data means: uid_is_unique 0, a function whose config
# space reads all ones, an all-0xff utility string, a VF query of a standby
# function; a missing function_id prints "-" everywhere.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D=$R/devices/pci0010:00/0010:00:00.0
cp "$D/config" "$WORK/config"

printf '0\n' >"$D/uid_is_unique"
run 0 --sysfs-root "$R" show 0010:00:00.0
lacks "$OUT" 'firmware guarantees unique UIDs'
contains "$OUT" 'uid_is_unique +0 +.*not guaranteed'

python3 -c 'import sys; open(sys.argv[1], "wb").write(b"\xff" * 256)' "$D/config"
run 4 --sysfs-root "$R" show 0010:00:00.0
lacks "$OUT" 'harmless'
contains "$OUT" 'not responding'

python3 -c 'import sys; open(sys.argv[1], "wb").write(b"\xff" * 64)' "$D/util_string"
run 4 --sysfs-root "$R" --json show 0010:00:00.0
jeq 'd["functions"][0]["util_string"]["pnet_ids"]' '[null, null, null, null]'
run 4 --sysfs-root "$R" show 0010:00:00.0
lacks "$OUT" 'util_string\[0\]'

cp "$WORK/config" "$D/config"
run 3 --sysfs-root "$R" vf 0x300
contains "$ERR" 'fid 0x00000300: standby: no PCI device'
lacks "$OUT" 'no virtual functions'

rm "$D/function_id"
run 0 --sysfs-root "$R" vf 0010:00:00.0
contains "$(row 0010:00:00.0)" '^0010:00:00.0 +- '
done_testing
