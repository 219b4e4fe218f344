#!/bin/sh
# A utility string of firmware filler (all 0xff) holds no PNET IDs: show and
# JSON must not present four IDs made of dots; real IDs still decode.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D="$R/bus/pci/devices/0010:00:00.0"

run 0 --sysfs-root "$R" show 0010:00:00.0
contains "$OUT" 'util_string\[0\] +NETA +PNET ID'
contains "$OUT" 'util_string\[1\] +NETB +PNET ID'

python3 -c 'import sys; sys.stdout.buffer.write(b"\xff" * 64)' >"$D/util_string"
run 0 --sysfs-root "$R" show 0010:00:00.0
lacks "$OUT" 'PNET ID'
contains "$OUT" 'util_string +\.{64} +as text'
run 0 --sysfs-root "$R" --json show 0010:00:00.0
jeq 'd["functions"][0]["util_string"]["pnet_ids"]' '[null, null, null, null]'
jeq 'd["functions"][0]["util_string"]["hex"]' "$(printf 'ff%.0s' $(seq 64))"
done_testing
