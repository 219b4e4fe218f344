# flavour: normal debug kasan stock
# needs: kmod
# Every function's netlink answer equals its sysfs attributes and resource
# sizes; its STATE equals what the slot (power 1) and CLP (config_state 1)
# say; single queries by address and FID agree with the dump; bad queries
# get the documented errnos.
. /testbed/lib.sh
KQ=/usr/libexec/zpcidiag-tests/kdiag-query
insmod "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" || tb_fail "insmod zpcidiag_diag"
trap 'rmmod zpcidiag_diag' EXIT
dump=$TB_CASE_TMP/dump
"$KQ" > "$dump" || tb_fail "dump failed"
"$ZPCIDIAG" --json clp list > "$TB_CASE_TMP/clp.json" || tb_fail "clp list exited $?"
n=0
for name in $(tb_present_names); do
	fid=$(tb_fid "$name")
	dev=$(tb_devdir_of_fid "$fid") || tb_fail "$name: no device for fid $fid"
	addr=$(basename "$dev")
	line=$(grep "^$addr " "$dump") || tb_fail "$addr: missing from the dump"
	for attr in function_id function_handle uid pchid pfgid vfn pft port; do
		want="$attr=$(cat "$dev/$attr")"
		case " $line " in *" $want "*) ;; *) tb_fail "$addr: sysfs $want, netlink: $line";; esac
	done
	# BAR sizes: the kernel resource behind each sysfs resource line
	i=0
	while read -r start end flags; do
		if [ "$(printf '%d' "$end")" != 0 ]; then
			size=$(printf '0x%x' $(( end - start + 1 )))
			case " $line " in *" bar$i=$size:"*) ;; *) tb_fail "$addr: bar$i size $size not in: $line";; esac
		fi
		i=$((i + 1))
		[ $i -ge 6 ] && break
	done < "$dev/resource"
	# STATE against the slot and CLP: a present function is configured in all three
	power=$(cat "$(tb_slot_of_fid "$fid")/power")
	clp=$(jq -r --argjson f "$(printf '%d' "$fid")" \
		'[.. | objects | select(.fid? == $f and has("config_state")) | .config_state] | first // "none"' "$TB_CASE_TMP/clp.json")
	case "$power/$clp/ $line " in
	"1/1/"*" state=configured "*) ;;
	*) tb_fail "$addr: slot power $power, CLP config_state $clp, netlink: $line";;
	esac
	# virtio functions are not VFs: the kernel must not set no_command_memory
	case " $line " in *" no_command_memory=0 "*) ;; *) tb_fail "$addr: $line";; esac
	[ "$("$KQ" addr "$addr")" = "$line" ] || tb_fail "$addr: doit by address differs from dump"
	[ "$("$KQ" fid "$fid")" = "$line" ] || tb_fail "$addr: doit by fid differs from dump"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || tb_fail "no functions checked"
[ "$(wc -l < "$dump")" -eq "$(ls -d /sys/bus/pci/devices/* | wc -l)" ] || tb_fail "dump count differs from sysfs"
out=$("$KQ" fid 0x7eadbeef); [ $? = 3 ] && [ "${out%% *}" = "errno=19" ] || tb_fail "unknown fid: $out"
out=$("$KQ" addr 0000:99:99.9); [ $? = 3 ] && [ "${out%% *}" = "errno=19" ] || tb_fail "unknown address: $out"
out=$("$KQ" attr x); [ $? = 3 ] && [ "${out%% *}" = "errno=22" ] || tb_fail "request with a reply-only attribute: $out"
tb_info "checked $n functions"
