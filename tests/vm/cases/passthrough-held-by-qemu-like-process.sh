# The KVM host's view in the emulated IBM Z (no KVM there): rng0 bound to
# vfio-pci, its group node (the device cdev on an iommufd-only kernel) held
# open by a process whose command line is
# QEMU's (-name guest=..., -device vfio-pci,host=,id= and
# -device zpci,uid=,fid=,target=; argv[0] qemu-system-s390x where bash can
# set it). passthrough names the holder, the guest and the guest's UID/FID,
# says "unknown" for interpretation when /dev/kvm is absent, and prints a
# libvirt <hostdev> with the guest's ids; check --passthrough finds the
# differing guest UID (info) and does not call the busy group's unreadable vfio
# info a fault; after the holder ends, it finds that nobody holds it.
# needs: vfio
# flavour: normal
. /testbed/lib.sh
d=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; tb_unbind_vfio "$d"' EXIT
node=$(tb_bind_vfio "$d") || tb_fail "binding $addr to vfio-pci: $node"
args="-name guest=tbguest,debug-threads=on -device vfio-pci,host=$addr,id=hostdev0"
args="$args -device zpci,uid=0x77,fid=0x42,target=hostdev0,id=zpci0"
# the holder: a shell waiting on a sleep that does not inherit the vfio fd
if command -v bash >/dev/null 2>&1; then
	# shellcheck disable=SC2086
	bash -c 'exec -a /usr/bin/qemu-system-s390x sh -c "sleep 600 3<&-; :" sh "$@"' bash $args 3<>"$node" 2>"$TB_CASE_TMP/holder.err" &
	want_exe=qemu-system-s390x
else
	# shellcheck disable=SC2086
	sh -c 'sleep 600 3<&-; :' sh $args 3<>"$node" 2>"$TB_CASE_TMP/holder.err" &
	want_exe=sh
fi
pid=$!
t0=$(date +%s)
# Any fd of the holder: busybox ash applies "sleep 600 3<&-" in the holder
# itself, saving fd 3 as fd 10 or above while sleep runs, so fd 3 is the
# node only for the first moments (this race was the 6.1 "could not open").
holds() {
	for _f in /proc/$pid/fd/*; do
		[ "$(readlink "$_f")" = "$node" ] && return 0
	done
	return 1
}
if ! tb_wait_for holds 30; then
	ls -l /dev/vfio /proc/$pid/fd 2>&1
	tb_fail "holder $pid does not hold $node: $(cat "$TB_CASE_TMP/holder.err")"
fi
echo "holder has $node open after $(( $(date +%s) - t0 )) s"
tr '\0' ' ' < "/proc/$pid/cmdline"; echo
[ -e /dev/kvm ] && kvm=present || kvm=absent
"$ZPCIDIAG" passthrough "$addr" > "$TB_CASE_TMP/pt.txt" || tb_fail "passthrough exited $?"
cat "$TB_CASE_TMP/pt.txt"
# the group's domain type as the kernel names it (iommu.c iommu_group_show_type):
# "unknown" on 6.1, where s390 has no default domain, DMA or DMA-FQ from 6.12.
# The group from the function's own link: on an iommufd-only kernel the node
# held is the device's cdev (/dev/vfio/devices/vfioN), not the group's.
grp=$(basename "$(readlink "$d/iommu_group")")
dt=$(cat "/sys/kernel/iommu_groups/$grp/type")
case $dt in
unknown) want='no default domain';;
DMA*) want='translated DMA';;
*) tb_fail "group $grp type $dt: not a type of 6.1, 6.12 or 7.2";;
esac
grep -E "^  iommu domain +$dt +.*$want" "$TB_CASE_TMP/pt.txt" || tb_fail "domain type $dt not explained ($want)"
"$ZPCIDIAG" --json passthrough "$addr" > "$TB_CASE_TMP/pt.json" || tb_fail "passthrough --json exited $?"
jq -c '.functions[0].passthrough' "$TB_CASE_TMP/pt.json"
jq -e --argjson pid "$pid" --arg node "$node" --arg exe "$want_exe" '.functions[0].passthrough.holder |
	.pid == $pid and .node == $node and .exe == $exe and .guest == "tbguest" and
	.device_id == "hostdev0" and .zpci_device and .guest_uid == "0x77" and .guest_fid == "0x00000042"' \
	"$TB_CASE_TMP/pt.json" >/dev/null || tb_fail "holder view wrong"
if [ $kvm = absent ]; then
	jq -e '.functions[0].passthrough.kvm_zpci_interpretation == null' "$TB_CASE_TMP/pt.json" >/dev/null ||
		tb_fail "interpretation not unknown without /dev/kvm"
	"$ZPCIDIAG" passthrough "$addr" | grep -E '^  kvm zpci +unknown +no /dev/kvm' || tb_fail "no /dev/kvm not said"
fi
"$ZPCIDIAG" passthrough --libvirt "$addr" > "$TB_CASE_TMP/hostdev.xml" || tb_fail "--libvirt exited $?"
cat "$TB_CASE_TMP/hostdev.xml"
grep -q "<zpci uid='0x0077' fid='0x00000042'/>" "$TB_CASE_TMP/hostdev.xml" || tb_fail "hostdev lacks the guest ids"
"$ZPCIDIAG" check --json --passthrough "$addr" > "$TB_CASE_TMP/ck.json"
jq -r '.findings[] | select(.rule | startswith("passthrough-")) | "\(.rule): \(.finding)"' "$TB_CASE_TMP/ck.json"
jq -e '[.findings[] | select(.rule == "passthrough-guest-uid")] | length == 1' "$TB_CASE_TMP/ck.json" \
	>/dev/null || tb_fail "passthrough-guest-uid did not fire for guest UID 0x77"
# the group is busy while held: vfio's info cannot be read, and that is no fault
jq -e '[.findings[] | select(.rule == "passthrough-zpci-caps")] | length == 0' "$TB_CASE_TMP/ck.json" \
	>/dev/null || tb_fail "passthrough-zpci-caps fired for a group a process holds"
kill "$pid"
wait "$pid" 2>/dev/null
pid=
"$ZPCIDIAG" --json check --passthrough "$addr" > "$TB_CASE_TMP/ck2.json"
jq -e '[.findings[] | select(.rule == "passthrough-not-held")] | length == 1' "$TB_CASE_TMP/ck2.json" \
	>/dev/null || tb_fail "passthrough-not-held missing after the holder ended"
echo "$addr held by $want_exe ($node), /dev/kvm $kvm; released: not held"
