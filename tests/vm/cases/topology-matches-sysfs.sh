# The guest sees exactly the functions the host defined, with their FIDs and
# UIDs, and (UID checking on, as QEMU always reports it) domain == UID.
# This checks the test bed itself, independently of zpcidiag.
# flavour: normal debug kasan stock
. /testbed/lib.sh
n=0
for name in $(tb_present_names); do
	fid=$(tb_fid "$name"); uid=$(tb_uid "$name")
	d=$(tb_devdir_of_fid "$fid") || tb_fail "$name: no sysfs device with function_id $fid"
	[ $(( $(cat "$d/uid") )) -eq $((uid)) ] || tb_fail "$name: uid $(cat "$d/uid"), topology says $uid"
	dom=$(basename "$d" | cut -d: -f1)
	[ $((0x$dom)) -eq $((uid)) ] || tb_fail "$name: domain $dom is not the UID $uid"
	[ -d "$(tb_slot_of_fid "$fid")" ] || tb_fail "$name: no hot-plug slot $(tb_slot_of_fid "$fid")"
	n=$((n + 1))
done
# Spare functions may be plugged by an earlier case; everything else must be ours.
total=0
for d in "$SYSFS_PCI"/devices/*; do
	fid=$(cat "$d/function_id")
	name=$(tb_topology | awk -v f="$fid" '$2 == f { print $1 }')
	[ -n "$name" ] || tb_fail "$(basename "$d"): fid $fid is not in the topology"
	[ "$(tb_field "$name" 5)" = present ] && total=$((total + 1))
done
[ "$total" -eq "$n" ] || tb_fail "sysfs has $total present functions, topology $n"
[ "$n" -ge 6 ] || tb_fail "only $n functions; the standard topology has at least six"
echo "$n functions as defined"
