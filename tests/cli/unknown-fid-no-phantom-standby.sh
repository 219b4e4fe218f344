#!/bin/sh
# A configured function whose FID cannot be read (malformed function_id)
# keeps its powered slot: no phantom standby function appears for it, and
# the malformed FID is a critical problem naming the file.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root mixed-system badfid)
d=$(devdir "$R" 0001:00:00.0)
printf 'zz\n' >"$d/function_id"
run 4 --sysfs-root "$R/sys" list
lacks "$OUT" "^- +0x00000210 .*standby"
contains "$OUT" "^0001:00:00.0 "
contains "$ERR" "function_id: malformed value"
# a slot really in standby still shows
contains "$OUT" "^- +0x00000300 .*standby"

done_testing
