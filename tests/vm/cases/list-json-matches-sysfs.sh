# `zpcidiag list --json` agrees with the guest's sysfs for every function:
# identity (fid, fh, uid, pchid, pfgid, vfn, pft, port), vendor/device,
# driver and state.  Fails (not skips) while the CLI lacks `list --json`.
# flavour: normal stock
. /testbed/lib.sh
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "zpcidiag list --json exited $?: $(cat "$TB_CASE_TMP/err")"
# One jq run (jq starts slowly under emulation): a flat table to compare in sh.
jq -r '.schema_version as $v | if ($v | type) != "number" then error("no schema_version") else . end |
	.functions[] | [.address, .state, .fid, .fh, .uid, .pchid, .pfgid, .vfn, .pft, .port,
	.vendor, .device, .driver] | map(if . == null then "null" else tostring end) | join(" ")' \
	"$out" > "$TB_CASE_TMP/table" 2> "$TB_CASE_TMP/err" ||
	tb_fail "not a list document ($(cat "$TB_CASE_TMP/err")): $(head -c 300 "$out")"

FILES="function_id function_handle uid pchid pfgid vfn pft port vendor device"
KEYS="fid fh uid pchid pfgid vfn pft port vendor device"
nsys=0
for d in "$SYSFS_PCI"/devices/*; do
	addr=$(basename "$d")
	nsys=$((nsys + 1))
	row=$(awk -v a="$addr" '$1 == a' "$TB_CASE_TMP/table")
	[ -n "$row" ] || tb_fail "$addr: in sysfs, not in zpcidiag list"
	set -- $row
	[ "$2" = configured ] || tb_fail "$addr: state $2, expected configured"
	shift 2
	i=0
	for file in $FILES; do
		i=$((i + 1))
		key=$(echo $KEYS | cut -d' ' -f$i)
		got=$1; shift
		case $got in 0x*) got=$(( got ));; esac	# schema 2: handles are hex strings
		want=$(( $(cat "$d/$file") ))
		[ "$got" = "$want" ] || tb_fail "$addr: $key is $got, sysfs $file says $want"
	done
	if [ -e "$d/driver" ]; then want=$(basename "$(readlink "$d/driver")"); else want=null; fi
	[ "$1" = "$want" ] || tb_fail "$addr: driver $1, sysfs says $want"
done
ncfg=$(awk '$2 == "configured"' "$TB_CASE_TMP/table" | wc -l)
[ "$ncfg" -eq "$nsys" ] || tb_fail "zpcidiag lists $ncfg configured functions, sysfs has $nsys"
# The topology's big FID needs all 32 bits: a truncating tool fails here.
for name in $(tb_present_names); do
	fid=$(( $(tb_fid "$name") )); uid=$(( $(tb_uid "$name") ))
	got=$(awk -v f="$fid" '$3 == f { print $5; exit }' "$TB_CASE_TMP/table")
	[ "$got" = "$uid" ] || tb_fail "$name: fid $fid has uid '$got' in zpcidiag list, topology says $uid"
done
echo "$nsys functions agree with sysfs"
