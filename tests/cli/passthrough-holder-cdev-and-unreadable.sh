#!/bin/sh
# Two holder paths of the KVM host's view (source_holders.c) on a fake
# /proc beside the sysfs tree:
#  - QEMU with iommufd holds the function's vfio device node
#    /dev/vfio/devices/vfioN, not its group: the node is the function's when
#    <function>/vfio-dev/vfioN exists (drivers/vfio/device_cdev.c names it
#    so); another function's vfioM is not matched; the same from a report;
#  - a process whose fd list cannot be read (another user's, read without
#    root): counted and said, so "nobody holds it" is not claimed as fact.
. "$(dirname "$0")/lib.sh"

R=$WORK/root
python3 "$MKFIXTURE" --root mixed-system "$R" || fail "fixture"
VF=0011:00:00.0		# vfio-pci, IOMMU group 2

# holder PID NODE ARGS...: a process with fd 9 linked to NODE and this command line
holder() {
	pid=$1 node=$2; shift 2
	mkdir -p "$R/proc/$pid/fd"
	ln -sf "$node" "$R/proc/$pid/fd/9"
	printf '%s\0' "$@" >"$R/proc/$pid/cmdline"
}

# the function's vfio device cdev, as vfio_device_add makes it
mkdir -p "$R/sys/bus/pci/devices/$VF/vfio-dev/vfio3"
holder 700 /dev/vfio/devices/vfio3 /usr/bin/qemu-system-s390x -name guest=cdev1 \
	-object iommufd,id=iommufd0 \
	-device "vfio-pci,host=$VF,id=hostdev0,iommufd=iommufd0" \
	-device 'zpci,uid=0x31,fid=0x31,target=hostdev0'
run 0 --sysfs-root "$R/sys" passthrough $VF
contains "$OUT" '^  holder +700 qemu-system-s390x /dev/vfio/devices/vfio3$'
contains "$OUT" '^  guest +cdev1 '
contains "$OUT" '^  guest ids +uid 0x31 fid 0x31 '
run 0 --sysfs-root "$R/sys" --json passthrough $VF
schema_valid passthrough-cdev
jeq '[d["functions"][0]["passthrough"]["holder"][k] for k in ("pid", "node", "guest_uid")]' '[700, "/dev/vfio/devices/vfio3", "0x31"]'
run 0 --sysfs-root "$R/sys" --json check --passthrough $VF
jeq '[f["rule"] for f in d["findings"] if f["rule"].startswith("passthrough-not-held")]' '[]'

# the same, read back from a report on another machine: the function's
# vfio-dev/ entry travels with the report, so the cdev holder is still its
A=$WORK/cdev-report.tar.gz
run 0 --sysfs-root "$R/sys" report --quiet -o "$A"
run 0 --report "$A" passthrough $VF
contains "$OUT" '^  holder +700 qemu-system-s390x /dev/vfio/devices/vfio3$'
contains "$OUT" '^  guest +cdev1 '

# another function's cdev (vfio4 is not under this function): not its holder
rm -r "$R/proc/700"
holder 701 /dev/vfio/devices/vfio4 /usr/bin/qemu-system-s390x -name guest=other \
	-device 'vfio-pci,host=0000:00:05.0,id=hd'
run 0 --sysfs-root "$R/sys" passthrough $VF
contains "$OUT" '^  holder +- +no process holds its vfio device$'
rm -r "$R/proc/701"

# a process whose fd list is not readable: EACCES for a reader without root
# (as root, the reader is run as nobody; the rest of the tree stays readable)
mkdir -p "$R/proc/800/fd"
printf '%s\0' /usr/bin/qemu-system-s390x >"$R/proc/800/cmdline"
chmod a+rx "$WORK"
chmod -R a+rX "$R"
chmod 0700 "$R/proc/800/fd"
if [ "$(id -u)" = 0 ]; then
	AS="setpriv --reuid=65534 --regid=65534 --clear-groups"
	$AS test -r "$ZPCIDIAG" || { echo "SKIP: nobody cannot run $ZPCIDIAG"; exit 77; }
else
	AS=
	chmod 0 "$R/proc/800/fd"
fi
# nobody reads the view: the unreadable process is counted and said
asrun() { # EXPECTED ARGS...
	want=$1; shift
	CHECKS=$((CHECKS + 1))
	$AS "$ZPCIDIAG" "$@" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	OUT=$(cat "$WORK/out")
	[ $rc = "$want" ] || fail "as nobody: zpcidiag $* exited $rc, expected $want: $(cat "$WORK/err")"
}
asrun 0 --sysfs-root "$R/sys" passthrough $VF
contains "$OUT" '^  holder +- +no readable process holds its vfio device \(some processes were not readable\)$'
asrun 0 --sysfs-root "$R/sys" --json passthrough $VF
jeq '[d["functions"][0]["passthrough"][k] for k in ("holder", "holders_known", "processes_unreadable")]' '[null, true, 1]'
asrun 0 --sysfs-root "$R/sys" --json check --passthrough $VF
jeq '[f["finding"].endswith("(some processes'"'"' fd lists were not readable)") for f in d["findings"] if f["rule"] == "passthrough-not-held"]' '[true]'
# a readable holder beside it is still found
holder 801 /dev/vfio/2 /usr/bin/qemu-system-s390x -name guest=seen -device "vfio-pci,host=$VF,id=h"
chmod -R a+rX "$R/proc/801"
asrun 0 --sysfs-root "$R/sys" --json passthrough $VF
jeq '[d["functions"][0]["passthrough"]["holder"]["guest"], d["functions"][0]["passthrough"]["processes_unreadable"]]' '["seen", 1]'
# as root (or the owner) the same process is readable: nothing counted
chmod 0755 "$R/proc/800/fd"
run 0 --sysfs-root "$R/sys" --json passthrough $VF
jeq 'd["functions"][0]["passthrough"]["processes_unreadable"]' 0
done_testing
