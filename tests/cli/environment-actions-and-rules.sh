#!/bin/sh
# Actions and check rules that depend on the environment say so, from
# /proc/sysinfo in the kernel's format (arch/s390/kernel/sysinfo.c; the KVM
# guest's lines are those QEMU's guest shows: "Type: 8561", "LPAR Name:
# QEMU", "VM00 Control Program: KVM/Linux"): in a z/VM or KVM guest
# deconfiguring does not change the configuration state (fn-standby,
# deconfigure, power-off), in a KVM guest zpcictl-style recovery does not
# reach the hardware (recovery-failed, fn-not-enabled, reset, reset-fw).
# In the LPAR, or without sysinfo, nothing is added.
. "$(dirname "$0")/lib.sh"
A=0050:00:00.0

sysinfo() {	# DIR TYPE LPARNAME CP...: stsi_1_1_1, stsi_2_2_2, one stsi_3_2_2 block per level
	d=$1 ty=$2 ln=$3
	shift 3
	{
		printf 'Manufacturer:         %-16.16s\nType:                 %-4.4s\n' IBM "$ty"
		printf 'LPAR Number:          %d\nLPAR Characteristics: Shared \n' 0
		printf 'LPAR Name:            %-8.8s\nLPAR Adjustment:      %d\n' "$ln" 0
		i=0
		for cp in "$@"; do
			printf 'VM%02d Name:            %-8.8s\nVM%02d Control Program: %-16.16s\n' \
				"$i" GUEST "$i" "$cp"
			printf 'VM%02d Adjustment:      %d\nVM%02d CPUs Total:      %d\nVM%02d CPUs Configured: %d\n' \
				"$i" 0 "$i" 2 "$i" 2
			i=$((i + 1))
		done
	} >"$d/proc/sysinfo"
}
# a failed recovery in the kernel log, the function all ones (recovery-from-kernel-log.sh)
failed_recovery() {	# DIR
	mkdir -p "$1/dev"
	printf '%s\n' "3,812,51234567,-;zpci: $A: Event 0x2 reports an error for PCI function 0xa00" \
		"6,813,51234600,-;zpci: $A: Cannot be recovered because no driver is bound to the device" \
		>"$1/dev/kmsg"
	printf '120.50 100.00\n' >"$1/proc/uptime"
	c=$1/sys/bus/pci/devices/$A/config
	python3 -c 'import os, sys; n = os.path.getsize(sys.argv[1]); open(sys.argv[1], "wb").write(b"\xff" * n)' "$c"
}

for kind in lpar zvm kvm none; do
	python3 "$MKFIXTURE" --root lpar-6-18-network-express "$WORK/$kind" || fail "fixture"
	failed_recovery "$WORK/$kind"
done
sysinfo "$WORK/lpar" 3931 LP05
sysinfo "$WORK/zvm" 3931 LP05 "z/VM    7.3.0"
sysinfo "$WORK/kvm" 8561 QEMU "KVM/Linux"
rm -f "$WORK/none/proc/sysinfo"

KVM_RECOVER='KVM guest \(/proc/sysinfo\): recovery here does not reach the hardware, recover on the KVM host'
ZVM_DECONF='z/VM guest \(/proc/sysinfo\): deconfiguring does not change the configuration state'
KVM_DECONF='KVM guest \(/proc/sysinfo\): deconfiguring does not change the configuration state'

# check: recovery-failed names where to recover; fn-standby what standby means here
run 2 --sysfs-root "$WORK/kvm/sys" check
contains "$OUT" "^critical +recovery-failed +$A +kernel at .*reads all ones now; $KVM_RECOVER\$"
contains "$OUT" "^info +fn-standby +.*no PCI device; $KVM_DECONF\$"
run 2 --sysfs-root "$WORK/kvm/sys" --json check
schema_valid check
jeq '[f["finding"].endswith("recover on the KVM host") for f in d["findings"] if f["rule"] == "recovery-failed"]' '[true]'
run 2 --sysfs-root "$WORK/zvm/sys" check
contains "$OUT" "^info +fn-standby +.*no PCI device; $ZVM_DECONF\$"
# z/VM: recovery works as in the LPAR, nothing added
contains "$OUT" "^critical +recovery-failed +$A +.*reads all ones now\$"
for kind in lpar none; do
	run 2 --sysfs-root "$WORK/$kind/sys" check
	contains "$OUT" "^critical +recovery-failed +$A +.*reads all ones now\$"
	contains "$OUT" '^info +fn-standby +.*no PCI device$'
	lacks "$OUT" '/proc/sysinfo'
done

# actions: the description (also of a dry run) carries the note
W() { ZPCIDIAG_TEST_RECORD_WRITES=1 run "$@"; }
W 0 --sysfs-root "$WORK/kvm/sys" reset --dry-run --force $A
contains "$OUT" "^would reset: "
contains "$OUT" "^  note: $KVM_RECOVER\$"
W 0 --sysfs-root "$WORK/kvm/sys" reset-fw --dry-run --force $A
contains "$OUT" "^  note: $KVM_RECOVER\$"
W 0 --sysfs-root "$WORK/kvm/sys" deconfigure --dry-run --force $A
contains "$OUT" "^  note: $KVM_DECONF\$"
W 0 --sysfs-root "$WORK/zvm/sys" power-off --dry-run --force $A
contains "$OUT" "^  note: $ZVM_DECONF\$"
W 0 --sysfs-root "$WORK/zvm/sys" reset --dry-run --force $A
lacks "$OUT" 'note:'
W 0 --sysfs-root "$WORK/kvm/sys" report-error --dry-run --force $A
lacks "$OUT" 'note:'
for kind in lpar none; do
	W 0 --sysfs-root "$WORK/$kind/sys" deconfigure --dry-run --force $A
	lacks "$OUT" 'note:'
done

# a report keeps /proc/sysinfo: the note comes back from it
run 0 --sysfs-root "$WORK/kvm/sys" report -q -o "$WORK/r.tar.xz"
run 2 --report "$WORK/r.tar.xz" check
contains "$OUT" "^info +fn-standby +.*no PCI device; $KVM_DECONF\$"
done_testing
