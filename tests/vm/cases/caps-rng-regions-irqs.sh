# caps on a function bound to vfio-pci: the zPCI capability chain with
# versions (base v2, group v2, pfip v1; no util string from QEMU), region
# sizes equal to the BAR sizes the kernel has, config space 256 bytes or
# more, MSI-X with vectors. An unbound function is refused with exit 6 and
# a message naming it.
# needs: vfio
# flavour: normal debug
. /testbed/lib.sh
fid=$(( $(tb_fid rng0) ))
d=$(tb_devdir_of_fid "$fid") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
"$ZPCIDIAG" caps "$addr" > "$TB_CASE_TMP/out" 2> "$TB_CASE_TMP/err"
rc=$?
[ $rc = 6 ] || tb_fail "caps on an unbound function exited $rc, expected 6"
grep -q "^zpcidiag: $addr: not bound to a vfio driver" "$TB_CASE_TMP/err" ||
	tb_fail "caps on an unbound function said: $(cat "$TB_CASE_TMP/err")"
node=$(tb_bind_vfio "$d") || tb_fail "binding $addr: $node"
"$ZPCIDIAG" caps --json "$addr" > "$TB_CASE_TMP/caps.json" 2> "$TB_CASE_TMP/err"
rc=$?
"$ZPCIDIAG" caps "$addr" > "$TB_CASE_TMP/caps.txt" 2>&1
tb_unbind_vfio "$d"
[ $rc = 0 ] || tb_fail "caps exited $rc: $(cat "$TB_CASE_TMP/err")"
cat "$TB_CASE_TMP/caps.txt"
v='.functions[0].vfio'
chain=$(jq -r "[$v.capabilities[] | \"\(.name)/v\(.version)\"] | join(\" \")" "$TB_CASE_TMP/caps.json")
[ "$chain" = "zpci_base/v2 zpci_group/v2 zpci_pfip/v1" ] || tb_fail "capability chain is '$chain'"
jq -e "$v.zpci_group.maxstbl == 128 and $v.zpci_group.imaxstbl == 128" "$TB_CASE_TMP/caps.json" >/dev/null ||
	tb_fail "group maxstbl/imaxstbl not 128"
# JSON schema 2 carries handles as "0x%08x" strings, as sysfs prints them
fh=$(cat "$d/function_handle")
jq -e --arg fh "$fh" "$v.zpci_base.fh == \$fh" "$TB_CASE_TMP/caps.json" >/dev/null ||
	tb_fail "zpci_base fh differs from sysfs $fh"
i=0
while read -r start end flags; do
	size=0
	if [ $((start)) -ne 0 ] || [ $((end)) -ne 0 ]; then size=$(( end - start + 1 )); fi
	r=$(jq -r "$v.regions[] | select(.index == $i) | .size" "$TB_CASE_TMP/caps.json")
	[ "$r" = "$size" ] || tb_fail "region $i is $r bytes, sysfs BAR $i is $size"
	i=$((i + 1))
	[ $i -ge 6 ] && break
done < "$d/resource"
jq -e "$v.regions[] | select(.index == 7) | .size >= 256" "$TB_CASE_TMP/caps.json" >/dev/null ||
	tb_fail "no config region of 256 bytes or more"
jq -e "$v.irqs[] | select(.index == 2) | .count > 0" "$TB_CASE_TMP/caps.json" >/dev/null ||
	tb_fail "no MSI-X vectors reported"
# s390 vfio offered no mmap before 6.15; since then every memory BAR but
# ISM's (pdev->non_mappable_bars) is mappable through vfio-pci
if tb_kernel_ge 6.15; then
	jq -e "[$v.regions[] | select(.index < 6 and .size > 0 and (.mmap | not))] | length == 0" \
		"$TB_CASE_TMP/caps.json" >/dev/null ||
		tb_fail "a memory BAR offers no mmap on $(uname -r) (vfio-pci maps s390 BARs since 6.15)"
else
	jq -e "[$v.regions[] | select(.mmap)] | length == 0" "$TB_CASE_TMP/caps.json" >/dev/null ||
		tb_fail "a region offers mmap on $(uname -r) (s390 vfio had none before 6.15)"
fi
