#!/bin/sh
# The KVM host's view of a vfio-bound function on a fake root with a fake
# /proc beside the sysfs tree: a QEMU process whose fd 23 links to the
# function's group node /dev/vfio/2, its command line as libvirt and as a
# user writes it (-name guest=..., -device vfio-pci,host=,id= matched to
# -device zpci,uid=,fid=,target=), the IOMMU group's type, /dev/kvm absent or
# a fake one; the libvirt <hostdev> snippet; a report reads the view back.
. "$(dirname "$0")/lib.sh"

R=$WORK/root
python3 "$MKFIXTURE" --root mixed-system "$R" || fail "fixture"
VF=0011:00:00.0		# vfio-pci, IOMMU group 2

# holder PID ARGS...: a process holding /dev/vfio/2 with this command line
holder() {
	pid=$1; shift
	mkdir -p "$R/proc/$pid/fd"
	ln -sf /dev/null "$R/proc/$pid/fd/0"
	ln -sf /dev/vfio/2 "$R/proc/$pid/fd/23"
	printf '%s\0' "$@" >"$R/proc/$pid/cmdline"
}
# an unrelated process holding the container node only: no holder
mkdir -p "$R/proc/1/fd"
ln -s /dev/vfio/vfio "$R/proc/1/fd/5"
printf '%s\0' /sbin/init >"$R/proc/1/cmdline"

# nobody holds it yet
run 0 --sysfs-root "$R/sys" passthrough
contains "$OUT" "^$VF\$"
contains "$OUT" '^  holder +- +no process holds its vfio device'
contains "$OUT" '^  kvm zpci +unknown +no /dev/kvm'
lacks "$OUT" '^0010:00:00.0'	# bound to mlx5_core: not a passthrough function

# QEMU as a user starts it, zpci device before its target
holder 4242 /usr/bin/qemu-system-s390x -machine s390-ccw-virtio -name web01 \
	-device 'zpci,uid=0x21,fid=5,target=hostdev0,id=zpci1' \
	-device "vfio-pci,host=$VF,id=hostdev0"
echo DMA-FQ >"$R/sys/kernel/iommu_groups/2/type"
run 0 --sysfs-root "$R/sys" passthrough
contains "$OUT" '^  holder +4242 qemu-system-s390x /dev/vfio/2'
contains "$OUT" '^  guest +web01 '
contains "$OUT" '^  guest ids +uid 0x21 fid 0x5 '
contains "$OUT" '^  iommu domain +DMA-FQ +translated DMA'
run 0 --sysfs-root "$R/sys" --json passthrough
schema_valid passthrough
jeq 'd["functions"][0]["passthrough"]["holder"]' '{"pid": 4242, "node": "/dev/vfio/2", "exe": "qemu-system-s390x", "guest": "web01", "device_id": "hostdev0", "zpci_device": true, "guest_uid": "0x21", "guest_fid": "0x00000005"}'
run 0 --sysfs-root "$R/sys" passthrough --libvirt $VF
contains "$OUT" "^    <address domain='0x0011' bus='0x00' slot='0x00' function='0x0'/>"
contains "$OUT" "^    <zpci uid='0x0021' fid='0x00000005'/>"
# show carries the view for vfio functions only
run 0 --sysfs-root "$R/sys" show $VF 0010:00:00.0
contains "$OUT" '^  holder +4242 qemu-system-s390x /dev/vfio/2'
[ "$(printf '%s\n' "$OUT" | grep -c '^Passthrough (KVM host):')" = 1 ] || fail "show: one passthrough section expected"
run 0 --sysfs-root "$R/sys" --json show $VF 0010:00:00.0
schema_valid show-passthrough
jeq '[("passthrough" in f) for f in d["functions"]]' '[true, false]'
run 2 --sysfs-root "$R/sys" passthrough --libvirt
contains "$ERR" 'name the functions'

# libvirt: JSON -device arguments and -name guest=NAME,debug-threads=on
rm -r "$R/proc/4242"
holder 5151 /usr/bin/qemu-system-s390x -name 'guest=db,,one,debug-threads=on' \
	-device "{\"driver\":\"vfio-pci\",\"host\":\"$VF\",\"id\":\"hostdev0\"}" \
	-device '{"driver":"zpci","uid":7,"fid":16,"target":"hostdev0","id":"zpci7"}'
mkdir -p "$R/dev"
printf 'KVM_CAP_S390_ZPCI_OP 1\n' >"$R/dev/kvm"
echo identity >"$R/sys/kernel/iommu_groups/2/type"
run 0 --sysfs-root "$R/sys" --json passthrough $VF
jeq '[d["functions"][0]["passthrough"][k] for k in ("kvm_zpci_interpretation", "iommu_domain_type")]' '[true, "identity"]'
jeq '[d["functions"][0]["passthrough"]["holder"][k] for k in ("pid", "guest", "guest_uid", "guest_fid")]' '[5151, "db,one", "0x7", "0x00000010"]'

# a vfio-pci device without a zpci device: QEMU assigns the guest's ids;
# the snippet then carries the host's UID and FID
rm -r "$R/proc/5151"
holder 6000 qemu-system-s390x -name guest=plain -device "vfio-pci,host=${VF#0000:},id=hd"
printf 'KVM_CAP_S390_ZPCI_OP 0\n' >"$R/dev/kvm"
run 0 --sysfs-root "$R/sys" passthrough $VF
contains "$OUT" '^  guest ids +auto +no -device zpci targets it'
contains "$OUT" '^  kvm zpci +interception only '
run 0 --sysfs-root "$R/sys" passthrough --libvirt $VF
contains "$OUT" "^    <zpci uid='0x0011' fid='0x00000101'/>"

# a report keeps the view (the fake /proc is not beside the unpacked tree)
run 0 --sysfs-root "$R/sys" report -q -o "$WORK/r.tar.xz"
run 0 --report "$WORK/r.tar.xz" --json passthrough
schema_valid passthrough-from-report
jeq '[d["functions"][0]["passthrough"][k] for k in ("kvm_zpci_interpretation", "iommu_domain_type")]' '[false, "identity"]'
jeq 'd["functions"][0]["passthrough"]["holder"]["guest"]' 'plain'
done_testing
