#!/bin/sh
# A VF whose PF is in the same partition: physfn link present -> "linked".
. "$(dirname "$0")/lib.sh"
R=$(fixture linked-vf)

run 0 --sysfs-root "$R" vf
contains "$(row 0000:00:00.1)" '0x00000501 +1 +RoCE Express2/3 +0000:00:00.0 +linked +0 +hardwired to 0'
lacks "$(row 0000:00:00.0)" '.' "vf without arguments lists the PF"

# the PF named explicitly is shown, as what it is
run 0 --sysfs-root "$R" vf 00:00.0
contains "$(row 0000:00:00.0)" 'not a VF +1 +memory decoding enabled'

run 0 --sysfs-root "$R" --json vf 0000:00:00.1
jeq 'd["functions"][0]["vf"]["linked"]' true
jeq 'd["functions"][0]["vf"]["detached"]' false
jeq 'd["functions"][0]["vf"]["physfn"]' 0000:00:00.0
run 0 --sysfs-root "$R" --json show 0000:00:00.0
jeq 'd["functions"][0]["sriov_numvfs"]' 1
jeq 'd["functions"][0]["sriov_totalvfs"]' 4
jeq 'd["functions"][0]["vf"]["command_memory"]' true
done_testing
