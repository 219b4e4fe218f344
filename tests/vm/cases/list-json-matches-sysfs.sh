# `zpcidiag list --json` agrees with the guest's sysfs for every function:
# identity (fid, fh, uid, pchid, pfgid, vfn, pft, port), vendor/device,
# driver and state.  Fails (not skips) while the CLI lacks `list --json`.
# flavour: normal stock
. /testbed/lib.sh
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "zpcidiag list --json exited $?: $(cat "$TB_CASE_TMP/err")"
jq -e '.schema_version and (.functions | type == "array")' "$out" >/dev/null ||
	tb_fail "not a list document: $(head -c 300 "$out")"

hexattr() { v=$(cat "$1/$2" 2>/dev/null) && echo $((v)); }
for d in "$SYSFS_PCI"/devices/*; do
	addr=$(basename "$d")
	fn=$(jq -c --arg a "$addr" '.functions[] | select(.address == $a)' "$out")
	[ -n "$fn" ] || tb_fail "$addr: in sysfs, not in zpcidiag list"
	get() { echo "$fn" | jq -r ".$1 // \"null\""; }
	for pair in fid:function_id fh:function_handle uid:uid pchid:pchid pfgid:pfgid \
		    vfn:vfn pft:pft port:port vendor:vendor device:device; do
		key=${pair%%:*} file=${pair#*:}
		want=$(hexattr "$d" "$file") || tb_fail "$addr: cannot read $file"
		got=$(get "$key")
		[ "$got" = "$want" ] || tb_fail "$addr: $key is $got, sysfs $file says $want"
	done
	if [ -e "$d/driver" ]; then want=$(basename "$(readlink "$d/driver")"); else want=null; fi
	[ "$(get driver)" = "$want" ] || tb_fail "$addr: driver $(get driver), sysfs says $want"
	[ "$(get state)" = configured ] || tb_fail "$addr: state $(get state), expected configured"
done
nsys=$(ls -d "$SYSFS_PCI"/devices/* | wc -l)
ncfg=$(jq '[.functions[] | select(.state == "configured")] | length' "$out")
[ "$ncfg" -eq "$nsys" ] || tb_fail "zpcidiag lists $ncfg configured functions, sysfs has $nsys"
# The topology's big FID needs all 32 bits: a truncating tool fails here.
for name in $(tb_present_names); do
	fid=$(( $(tb_fid "$name") )); uid=$(( $(tb_uid "$name") ))
	got=$(jq --argjson f "$fid" '[.functions[] | select(.fid == $f) | .uid] | first // "none"' "$out")
	[ "$got" = "$uid" ] || tb_fail "$name: fid $fid has uid $got in zpcidiag list, topology says $uid"
done
echo "$nsys functions agree with sysfs"
