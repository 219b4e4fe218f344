# Binding a function to plain vfio-pci: check's vfio-bar-not-mappable names
# its BARs on kernels before 6.15, whose s390 vfio offered no mmap, and stays
# quiet from 6.15 on, where vfio-pci maps every BAR but ISM's; passthrough readiness
# fails (passthrough-not-vfio, critical) before the bind and passes after it
# (own IOMMU group, zPCI capabilities present). s390 gives every function an
# IOMMU group of its own, so a shared group cannot be made here.
# needs: vfio
# flavour: normal
. /testbed/lib.sh
fid=$(tb_fid rng0)
d=$(tb_devdir_of_fid "$fid") || tb_fail "rng0 (fid $fid) not in sysfs"
addr=$(basename "$d")
"$ZPCIDIAG" check --json --passthrough "$addr" > "$TB_CASE_TMP/pt0.json"
rc=$?
[ $rc -eq 2 ] || tb_fail "check --passthrough $addr exited $rc before binding, expected 2"
jq -e '[.findings[] | select(.rule == "passthrough-not-vfio")] | length == 1' "$TB_CASE_TMP/pt0.json" \
	>/dev/null || tb_fail "passthrough-not-vfio missing: $(cat "$TB_CASE_TMP/pt0.json")"
trap 'tb_unbind_vfio "$d"' EXIT
node=$(tb_bind_vfio "$d") || tb_fail "binding $addr to vfio-pci: $node"
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/bound.json"
rc=$?
[ $rc -eq 0 ] || tb_fail "check exited $rc with $addr on vfio-pci: $(cat "$TB_CASE_TMP/bound.json")"
n=$(jq --arg a "$addr" '[.findings[] | select(.rule == "vfio-bar-not-mappable" and .device == $a)] | length' \
	"$TB_CASE_TMP/bound.json")
# since 6.15 vfio-pci maps s390 BARs (all but ISM's): then the rule must stay quiet
if tb_kernel_ge 6.15; then
	[ "$n" = 0 ] || tb_fail "vfio-bar-not-mappable fired for $addr on $(uname -r), whose vfio-pci maps its BARs"
else
	[ "$n" -ge 1 ] || tb_fail "vfio-bar-not-mappable did not fire for $addr on vfio-pci"
fi
"$ZPCIDIAG" check --json --passthrough "$addr" > "$TB_CASE_TMP/pt1.json"
rc=$?
# passthrough-not-held is info: bound, and no process holds the vfio node yet
bad=$(jq -r '[.findings[] | select((.rule | startswith("passthrough-")) and .rule != "passthrough-not-held")
	| "\(.rule): \(.finding)"] | join("; ")' "$TB_CASE_TMP/pt1.json")
[ $rc -eq 0 ] && [ -z "$bad" ] || tb_fail "check --passthrough $addr on vfio-pci exited $rc: $bad"
jq -e '[.findings[] | select(.rule == "passthrough-not-held")] | length == 1' "$TB_CASE_TMP/pt1.json" \
	>/dev/null || tb_fail "passthrough-not-held missing for the unheld $addr"
tb_unbind_vfio "$d"
trap - EXIT
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/after.json" || tb_fail "check exited $? after unbinding"
jq -e --arg a "$addr" '[.findings[] | select(.rule == "vfio-bar-not-mappable" and .device == $a)] | length == 0' \
	"$TB_CASE_TMP/after.json" >/dev/null || tb_fail "vfio-bar-not-mappable stays after unbinding"
echo "$addr on vfio-pci: $n BAR finding(s), passthrough ready; unbound: silent"
