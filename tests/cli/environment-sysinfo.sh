#!/bin/sh
# The environment from /proc/sysinfo (beside the sysfs root, as the kernel
# release), in the kernel's format (arch/s390/kernel/sysinfo.c: stsi_1_1_1
# "Type:                 %-4.4s", stsi_2_2_2 "LPAR Number:          %d" and
# "LPAR Name:            %-8.8s", stsi_3_2_2 "VM%02d Control Program: %-16.16s"):
# an LPAR, a z/VM guest and a KVM guest; show says what a guest changes.
. "$(dirname "$0")/lib.sh"

sysinfo() {	# DIR LEVELS...: an LPAR, then one "VMnn" block per level
	d=$1; shift
	{
		printf 'Manufacturer:         %-16.16s\nType:                 %-4.4s\n' IBM 3931
		printf 'LPAR Number:          %d\nLPAR Characteristics: Shared \n' 5
		printf 'LPAR Name:            %-8.8s\nLPAR Adjustment:      %d\n' LP05 1000
		i=0
		for cp in "$@"; do
			printf 'VM%02d Name:            %-8.8s\nVM%02d Control Program: %-16.16s\n' \
				"$i" GUEST$i "$i" "$cp"
			# stsi_3_2_2 goes on with counters; "CPUs Configured" is as long
			# as "Control Program" (a parser comparing lengths takes it)
			printf 'VM%02d Adjustment:      %d\nVM%02d CPUs Total:      %d\nVM%02d CPUs Configured: %d\n' \
				"$i" 1000 "$i" 2 "$i" 2
			i=$((i + 1))
		done
	} >"$d/proc/sysinfo"
}

for kind in lpar zvm kvm; do
	python3 "$MKFIXTURE" --root lpar-6-18-network-express "$WORK/$kind" || fail "fixture"
done
sysinfo "$WORK/lpar"
sysinfo "$WORK/zvm" "z/VM    7.3.0"
sysinfo "$WORK/kvm" "z/VM    7.3.0" "KVM/Linux"

run 0 --sysfs-root "$WORK/lpar/sys" --json show 0050:00:00.0
schema_valid show
jeq 'd["environment"]' '{"manufacturer": "IBM", "machine_type": "3931", "lpar_number": 5, "lpar_name": "LP05", "lpar_extended_name": null, "lpar_uuid_shown": false, "runs_in": "lpar", "hypervisor": null, "vm_levels": 0}'
run 0 --sysfs-root "$WORK/lpar/sys" show 0050:00:00.0
contains "$OUT" '^  machine +IBM 3931 '
contains "$OUT" '^  runs in +lpar +Linux runs in the LPAR'

run 0 --sysfs-root "$WORK/zvm/sys" --json show 0050:00:00.0
jeq '(d["environment"]["runs_in"], d["environment"]["hypervisor"], d["environment"]["vm_levels"])' '["z/VM guest", "z/VM    7.3.0", 1]'
run 0 --sysfs-root "$WORK/zvm/sys" show 0050:00:00.0
contains "$OUT" '^  runs in +z/VM guest +deconfigure does not change the configuration state'

# KVM under z/VM: the innermost level counts
run 0 --sysfs-root "$WORK/kvm/sys" --json show 0050:00:00.0
jeq '(d["environment"]["runs_in"], d["environment"]["hypervisor"], d["environment"]["vm_levels"])' '["KVM guest", "KVM/Linux", 2]'
run 0 --sysfs-root "$WORK/kvm/sys" show 0050:00:00.0
contains "$OUT" 'recovery \(reset\) does not reach the hardware: recover on the KVM host'

# no /proc/sysinfo (not IBM Z, or a plain fake root): unknown, said why
R=$(fixture nvme)
run 0 --sysfs-root "$R" --json show 0020:00:00.0
jeq 'd["environment"]' null
run 0 --sysfs-root "$R" show 0020:00:00.0
contains "$OUT" '^  sysinfo +- +/proc/sysinfo: missing'
# a file that is not sysinfo
printf 'processor : 0\n' >"$WORK/lpar/proc/sysinfo"
run 0 --sysfs-root "$WORK/lpar/sys" show 0050:00:00.0
contains "$OUT" 'no "Type:" line: not /proc/sysinfo of IBM Z'

# a report keeps /proc/sysinfo
sysinfo "$WORK/kvm" "KVM/Linux"
run 0 --sysfs-root "$WORK/kvm/sys" report -q -o "$WORK/r.tar.xz"
run 0 --report "$WORK/r.tar.xz" --json show 0050:00:00.0
jeq 'd["environment"]["runs_in"]' 'KVM guest'
done_testing
