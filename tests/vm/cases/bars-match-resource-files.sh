# BAR sizes and flags zpcidiag reports agree with the kernel's `resource` file
# of every function, and the virtio-pci BAR QEMU always provides (16 KiB,
# 64-bit, prefetchable) is among them.
# flavour: normal stock
. /testbed/lib.sh
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "zpcidiag list --json exited $?: $(cat "$TB_CASE_TMP/err")"
IORESOURCE_PREFETCH=$((0x2000)) IORESOURCE_MEM_64=$((0x100000))
seen_16k=0 nbars=0
for d in "$SYSFS_PCI"/devices/*; do
	addr=$(basename "$d")
	jq -e --arg a "$addr" '.functions[] | select(.address == $a)' "$out" >/dev/null ||
		tb_fail "$addr: not in zpcidiag list"
	i=0
	# Lines 0-5 of `resource` are the standard BARs.
	head -6 "$d/resource" | while read -r start end flags; do
		bar=$(jq -c --arg a "$addr" --argjson i "$i" \
			'.functions[] | select(.address == $a) | .bars[]? | select(.index == $i)' "$out")
		if [ $((end)) -eq 0 ] && [ $((start)) -eq 0 ]; then
			[ -z "$bar" ] || { echo "$addr: BAR$i has no resource, zpcidiag shows $bar"; exit 1; }
		else
			size=$(( end - start + 1 ))
			[ -n "$bar" ] || { echo "$addr: BAR$i ($size bytes) missing in zpcidiag"; exit 1; }
			got=$(echo "$bar" | jq .size)
			[ "$got" = "$size" ] || { echo "$addr: BAR$i size $got, resource says $size"; exit 1; }
			want64=false; [ $((flags & IORESOURCE_MEM_64)) -ne 0 ] && want64=true
			wantpf=false; [ $((flags & IORESOURCE_PREFETCH)) -ne 0 ] && wantpf=true
			[ "$(echo "$bar" | jq .is_64bit)" = $want64 ] || { echo "$addr: BAR$i is_64bit wrong"; exit 1; }
			[ "$(echo "$bar" | jq .prefetchable)" = $wantpf ] || { echo "$addr: BAR$i prefetchable wrong"; exit 1; }
			echo "$addr BAR$i $size"
		fi
		i=$((i + 1))
	done > "$TB_CASE_TMP/bars.$addr" || tb_fail "$(tail -1 "$TB_CASE_TMP/bars.$addr")"
	nbars=$((nbars + $(wc -l < "$TB_CASE_TMP/bars.$addr")))
	grep -q ' 16384$' "$TB_CASE_TMP/bars.$addr" && seen_16k=$((seen_16k + 1))
done
[ "$nbars" -gt 0 ] || tb_fail "no BARs at all"
# Every virtio-pci function has its 16 KiB modern-virtio BAR.
[ "$seen_16k" -eq "$(ls -d "$SYSFS_PCI"/devices/* | wc -l)" ] ||
	tb_fail "only $seen_16k functions show the 16 KiB virtio BAR"
echo "$nbars BARs agree with the resource files"
