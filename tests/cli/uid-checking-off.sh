#!/bin/sh
# UID checking off: domains are handed out in order and differ from the UIDs.
. "$(dirname "$0")/lib.sh"
R=$(fixture uid-checking-off)

run 0 --sysfs-root "$R" --json list
jeq 'd["uid_checking"]' false
jeq '[(f["address"], f["uid"]) for f in d["functions"]]' '[["0000:00:00.0", 5], ["0001:00:00.0", 7]]'
jeq '[f["uid_is_unique"] for f in d["functions"]]' '[false, false]'
jeq '[f["index"] for f in d["functions"]]' '[null, null]'
jeq 'sum(len(f["problems"]) for f in d["functions"])' 0

run 0 --sysfs-root "$R" list uid:0x5
contains "$(row 0000:00:00.0)" '0x00000900 +0x5 '
run 0 --sysfs-root "$R" list uid:7
contains "$(row 0001:00:00.0)" '0x00000901 +0x7 '
run 0 --sysfs-root "$R" show uid:5
contains "$OUT" 'unique: no; UID checking: off'

# the same tree claiming UID checking on is inconsistent: say so
printf '1\n' >"$R/firmware/clp/uid_checking"
run 0 --sysfs-root "$R" --json list
jeq '[p["code"] for p in d["functions"][0]["problems"]]' '["uid-domain-mismatch"]'
jeq 'd["functions"][0]["problems"][0]["severity"]' warning
done_testing
