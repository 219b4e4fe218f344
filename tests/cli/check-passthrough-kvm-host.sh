#!/bin/sh
# check --passthrough on a KVM host (fake root, fake /proc beside the sysfs
# tree): a vfio function no process holds (info), held by a process that does
# not name it (info), a guest given another UID (info, libvirt's default),
# KVM without zPCI interpretation (warning, silent for interpret=off and when
# /dev/kvm is absent), an identity domain (silent while the CLP group is
# unknown); and the healthy guest with the host's UID and interpretation.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$WORK/root
python3 "$MKFIXTURE" --root mixed-system "$R" || fail "fixture"
VF=0011:00:00.0		# vfio-pci, IOMMU group 2, UID 0x11, FID 0x101
mkdir -p "$R/dev"

holder() {	# PID ARGS...: a process holding /dev/vfio/2 with this command line
	rm -rf "$R/proc/4242"
	mkdir -p "$R/proc/4242/fd"
	ln -s /dev/vfio/2 "$R/proc/4242/fd/23"
	printf '%s\0' "$@" >"$R/proc/4242/cmdline"
}
# no proc beside the tree: holders unknown, nothing said
[ ! -d "$R/proc" ] || fail "the fixture has a proc directory"
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
silent passthrough-not-held
# a proc with no holder: info, exit 0
mkdir -p "$R/proc/1/fd"
printf '/sbin/init\0' >"$R/proc/1/cmdline"
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
fires passthrough-not-held $VF
silent passthrough-no-interpretation
# the rules run only with --passthrough
run 0 --sysfs-root "$R/sys" --json check $VF
silent passthrough-not-held

# a user-space driver holds it
holder /usr/bin/dpdk-testpmd -a $VF
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
silent passthrough-not-held
fires passthrough-holder-not-qemu $VF

# a guest as libvirt starts it: UID 1 instead of the host's 0x11; KVM
# without interpretation
holder /usr/bin/qemu-system-s390x -name guest=web01,debug-threads=on \
	-device "{\"driver\":\"vfio-pci\",\"host\":\"$VF\",\"id\":\"hostdev0\"}" \
	-device '{"driver":"zpci","uid":1,"fid":0,"target":"hostdev0","id":"zpci1"}'
printf 'KVM_CAP_S390_ZPCI_OP 0\n' >"$R/dev/kvm"
run 1 --sysfs-root "$R/sys" --json check --passthrough $VF
silent passthrough-holder-not-qemu
fires passthrough-guest-uid $VF
fires passthrough-no-interpretation $VF
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "passthrough-guest-uid"][0]')" \
	'guest web01 sees UID 0x1, the host 0x11'

# interpret=off asked for: no fallback to warn about
holder qemu-system-s390x -name web01 -device "vfio-pci,host=$VF,id=hd0" \
	-device zpci,uid=0x11,fid=0x101,target=hd0,interpret=off
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
silent passthrough-no-interpretation
silent passthrough-guest-uid

# the healthy guest: the host's UID, KVM interprets; an identity domain with
# the CLP group unknown (fake root: no /dev/clp) says nothing
holder qemu-system-s390x -name web01 -device "vfio-pci,host=$VF,id=hd0" \
	-device zpci,uid=0x11,fid=0x101,target=hd0
printf 'KVM_CAP_S390_ZPCI_OP 1\n' >"$R/dev/kvm"
echo identity >"$R/sys/kernel/iommu_groups/2/type"
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
for r in not-held holder-not-qemu guest-uid no-interpretation identity-no-rtr; do
	silent passthrough-$r
done
# /dev/kvm absent: interpretation unknown, no warning
rm "$R/dev/kvm"
holder qemu-system-s390x -name web01 -device "vfio-pci,host=$VF,id=hd0"
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
silent passthrough-no-interpretation
done_testing
