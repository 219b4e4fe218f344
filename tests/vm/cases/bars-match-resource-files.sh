# BAR sizes and flags zpcidiag reports agree with the kernel's `resource` file
# of every function, and the virtio-pci BAR QEMU always provides (16 KiB,
# 64-bit, prefetchable) is among them.
# flavour: normal stock
. /testbed/lib.sh
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "zpcidiag list --json exited $?: $(cat "$TB_CASE_TMP/err")"
jq -r '.functions[] | .address as $a | .bars[]? |
	[$a, .index, .size, .is_64bit, .prefetchable] | map(tostring) | join(" ")' \
	"$out" > "$TB_CASE_TMP/bars" || tb_fail "no bars in zpcidiag's JSON: $(head -c 300 "$out")"
IORESOURCE_PREFETCH=$((0x2000)) IORESOURCE_MEM_64=$((0x100000))
want=$TB_CASE_TMP/want
: > "$want"
for d in "$SYSFS_PCI"/devices/*; do
	addr=$(basename "$d")
	i=0
	# Lines 0-5 of `resource` are the standard BARs; unused ones are all zero.
	head -6 "$d/resource" | while read -r start end flags; do
		if [ $((end)) -ne 0 ] || [ $((start)) -ne 0 ]; then
			is64=false; [ $((flags & IORESOURCE_MEM_64)) -ne 0 ] && is64=true
			pf=false; [ $((flags & IORESOURCE_PREFETCH)) -ne 0 ] && pf=true
			echo "$addr $i $((end - start + 1)) $is64 $pf"
		fi
		i=$((i + 1))
	done >> "$want"
done
sort "$want" > "$want.s"; sort "$TB_CASE_TMP/bars" > "$TB_CASE_TMP/bars.s"
if ! cmp -s "$want.s" "$TB_CASE_TMP/bars.s"; then
	echo "resource files (left) vs zpcidiag (right): address index size is_64bit prefetchable"
	diff "$want.s" "$TB_CASE_TMP/bars.s"
	tb_fail "BARs differ"
fi
nbars=$(wc -l < "$want.s")
[ "$nbars" -gt 0 ] || tb_fail "no BARs at all"
# The 16 KiB BAR is virtio's (vendor 0x1af4); NVMe and e1000e functions
# (QEMU 10) have BARs of their own.
nall=$(ls -d "$SYSFS_PCI"/devices/* | wc -l)
nfn=$(cat "$SYSFS_PCI"/devices/*/vendor | grep -c '^0x1af4$')
n16k=$(awk '$3 == 16384 && $4 == "true" && $5 == "true" {print $1}' "$want.s" | sort -u |
	while read -r a; do cat "$SYSFS_PCI/devices/$a/vendor"; done | grep -c '^0x1af4$')
[ "$n16k" -eq "$nfn" ] || tb_fail "$n16k of $nfn virtio functions show the 16 KiB virtio BAR"
echo "$nbars BARs of $nall functions agree with the resource files"
sed "s/^/  /" "$want.s"
