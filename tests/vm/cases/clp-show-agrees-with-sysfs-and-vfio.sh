# clp show for every attached function agrees with what the kernel put in
# sysfs (uid, pchid, pfgid, vfn, pft, port, BAR sizes of the BARs the kernel
# has) and, once bound to vfio-pci, with vfio's zPCI capabilities (fh,
# pchid, vfn, pft, gid, noi, mui, msi address; the vfio DMA window lies
# inside CLP's). The emulator's quirks are pointed out as notes.
# needs: vfio
# flavour: normal debug
. /testbed/lib.sh
# one clp show for all functions, one jq per function: the emulator is slow
addrs=
for name in $(tb_present_names); do
	d=$(tb_devdir_of_fid "$(tb_fid "$name")") || tb_fail "$name not in sysfs"
	addrs="$addrs $(basename "$d")"
done
out=$TB_CASE_TMP/all.json
"$ZPCIDIAG" clp show --json $addrs > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "clp show $addrs exited $?: $(cat "$TB_CASE_TMP/err")"
"$ZPCIDIAG" clp show $addrs > "$TB_CASE_TMP/all.txt" || tb_fail "clp show (text) exited $?"
n=$(echo $addrs | wc -w)
for sec in "List PCI Functions:" "Query PCI Function:" "Query PCI Function Group:" "maxstbl by source:"; do
	[ "$(grep -c "^$sec" "$TB_CASE_TMP/all.txt")" = "$n" ] || tb_fail "clp show lacks '$sec' for some of $n functions"
done
for name in $(tb_present_names); do
	fid=$(( $(tb_fid "$name") ))
	d=$(tb_devdir_of_fid "$fid")
	set -- $(jq -r --argjson f "$fid" '.functions[] | select(.fid == $f) |
		[.clp.query_function | (.uid, .pchid, .pfgid, .vfn, .pft, .port), (.bars[] | .size)],
		[.clp.notes | map(select(test("QEMU 7.2"))) | length] | @tsv' "$out")
	[ $# = 13 ] || tb_fail "$name: clp show --json has no complete CLP data for fid $fid"
	for a in uid pchid pfgid vfn pft port; do
		s=$(( $(cat "$d/$a") ))
		[ "$s" = "$1" ] || tb_fail "$name: $a is $s in sysfs, $1 by CLP"
		shift
	done
	i=0
	while read -r start end flags; do
		if [ $((start)) -ne 0 ] || [ $((end)) -ne 0 ]; then
			size=$(( end - start + 1 ))
			[ "$size" = "$1" ] || tb_fail "$name: BAR $i is $size bytes in sysfs, $1 by CLP"
		fi
		shift
		i=$((i + 1))
		[ $i -ge 6 ] && break
	done < "$d/resource"
	[ "$1" -gt 0 ] || tb_fail "$name: no note about the emulator's unset response length"
done

# against vfio, one function at a time
for name in rng0 net0; do
	fid=$(( $(tb_fid "$name") ))
	d=$(tb_devdir_of_fid "$fid") || tb_fail "$name not in sysfs"
	addr=$(basename "$d")
	node=$(tb_bind_vfio "$d") || tb_fail "binding $addr: $node"
	out=$TB_CASE_TMP/$name-vfio.json
	"$ZPCIDIAG" clp show --json "$addr" > "$out" 2> "$TB_CASE_TMP/err"
	rc=$?
	tb_unbind_vfio "$d"
	[ $rc = 0 ] || tb_fail "$name: clp show on vfio-pci exited $rc: $(cat "$TB_CASE_TMP/err")"
	f='.functions[0]'
	jq -e "$f.vfio.zpci_base.version == 2 and $f.vfio.zpci_group.version == 2" "$out" >/dev/null ||
		tb_fail "$name: vfio base/group capabilities are not version 2: $(jq -c "$f.vfio.capabilities" "$out")"
	set -- $(jq -r "$f | [.vfio.zpci_base | (.fh, .pchid, .vfn, .pft, .gid)],
		[.vfio.zpci_group | (.noi, .mui, .msi_addr, .imaxstbl)] | @tsv" "$out")
	vfio="$*"
	set -- $(jq -r "$f | [.clp.list.fh, (.clp.query_function | (.pchid, .vfn, .pft, .pfgid))],
		[.clp.query_group | (.noi, .mui, .msia, .maxstbl)] | @tsv" "$out")
	[ "$vfio" = "$*" ] ||
		tb_fail "$name: vfio (fh pchid vfn pft gid / noi mui msi maxstbl) '$vfio', CLP '$*'"
	jq -e "$f.vfio.zpci_base.start_dma >= $f.clp.query_function.sdma and
	       $f.vfio.zpci_base.end_dma <= $f.clp.query_function.edma" "$out" >/dev/null ||
		tb_fail "$name: vfio's DMA window is not inside CLP's"
	echo "$name: clp show agrees with sysfs and vfio"
done
