#!/bin/sh
# fid-duplicate is a rule of its own, as uid-duplicate is: listed by
# --list-rules, its finding named after it, and silenced by --ignore
# fid-duplicate (with or without a DEVICE) or an ignore line in the config.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
printf '0x00000100\n' >"$R/devices/pci0011:00/0011:00:00.0/function_id"

run 0 check --list-rules
contains "$OUT" "^fid-duplicate +warning "

run 1 --sysfs-root "$R" --json check
jeq "[x['rule'] for x in d['findings'] if 'FID 0x00000100 held by' in x['finding']]" '["fid-duplicate"]'
jeq "d['counts']['ignored']" 0

# (the slot of 0011:00:00.0's old FID stays powered: a warning of its own)
run 1 --sysfs-root "$R" --json check --ignore fid-duplicate
jeq "[x['rule'] for x in d['findings'] if x['rule'] == 'fid-duplicate']" '[]'
jeq "d['counts']['ignored']" 1
run 1 --sysfs-root "$R" check --format=plugin --ignore fid-duplicate
contains "$OUT" " ignored=1;"
lacks "$OUT" "held by 2 functions"

printf 'ignore fid-duplicate fid:0x100\n' >"$WORK/check.conf"
run 1 --sysfs-root "$R" check --format=plugin --config "$WORK/check.conf"
contains "$OUT" " ignored=1;"
done_testing
