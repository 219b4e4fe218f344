# flavour: normal
# needs: vfio kmod ism-vfio
# The same access shapes (tb_blk_shape_matrix: virtio-blk's device
# configuration in BAR4, its MSI-X table in BAR1) through upstream's
# ism-vfio-pci and through zpci_vfio_pci, on the same function, get the same
# answer shape for shape: the count, or the errno. ism-vfio-pci is bound the
# way an administrator would bind it to a function that is no ISM:
# driver_override, then new_id with the function's IDs should the override
# alone not bind (its ID table names only ISM, override-only). Then the
# tool's reject matrix runs through both drivers, its refusals compared the
# same way. Where zpci_vfio_pci adds protection the answers may differ; the
# list (each checked on zpci_vfio_pci, shown for ism-vfio-pci):
#   - MSI-X table read: zpci_vfio_pci answers 0xff without a PCILG, as
#     vfio-pci does; ism-vfio-pci reads the table with PCILG.
#   - MSI-X table write: zpci_vfio_pci drops it; ism-vfio-pci would issue the
#     PCISTB into the table, so that shape is not sent to it.
#   - the status feature (cc, status, instruction counts): zpci_vfio_pci only.
#   - reject matrix io-bar, memory-disabled, msix-*: zpci_vfio_pci only
#     (the tool skips them on other drivers, saying so).
# On an iommufd-only kernel (CONFIG_VFIO_GROUP=n) both drivers are opened
# through /dev/vfio/devices/vfioN and /dev/iommu; the tool must say so.
. /testbed/lib.sh
export ZPCIDIAG_RUN_DIR=$TB_CASE_TMP/run
modprobe ism_vfio_pci || tb_fail "modprobe ism_vfio_pci"
newid=
# pass 1 binds zpci_vfio_pci (its EXIT trap gives the function back)
tb_bind_variant_kind virtio-blk-pci
trap 'tb_restore_driver "$dev"; rmmod zpci_vfio_pci 2>/dev/null
	[ -n "$newid" ] && echo "$newid" > /sys/bus/pci/drivers/ism_vfio_pci/remove_id
	rmmod ism_vfio_pci' EXIT
max=$(tb_maxstbl)
[ -n "$max" ] || tb_fail "no maxstbl from VFIO_DEVICE_FEATURE_ZPCI_IO"

# zpci-io-check's answer without the status feature's details:
# "accepted N" or the errno
answer() {
	case $1 in
	accepted*) set -- $1; echo "accepted $2";;
	errno=*) _a=${1#errno=}; echo "${_a%% *}";;
	*) echo "unexpected($1)";;
	esac
}
# record FILE: a tb_blk_shape_matrix command writing "SHAPE|ANSWER|RAW" lines
record() { # op bar off len mis want
	if [ "$skip_guarded" = 1 ] && [ "$6" = guarded ] && [ "$1" = stb ]; then
		echo "$1 $2 $3 $4 $5|not-sent|" >> "$rec"
		return 0
	fi
	_raw=$("$TB_ZIC" "$addr" shape "$1" "$2" "$3" "$4" "$5" | tail -n 1)
	echo "$1 $2 $3 $4 $5|$(answer "$_raw")|$_raw|$6" >> "$rec"
}
iotest_head() { # driver: the tool's header names the driver and the open path
	"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 8 > "$TB_CASE_TMP/io.$1" 2>&1 ||
		tb_fail "iotest read through $1 exited $?: $(cat "$TB_CASE_TMP/io.$1")"
	cat "$TB_CASE_TMP/io.$1"
	grep -q "^driver $1 (" "$TB_CASE_TMP/io.$1" || tb_fail "iotest does not name $1"
	if ! tb_vfio_has_group; then
		grep -q "^driver $1 (cdev+iommufd," "$TB_CASE_TMP/io.$1" ||
			tb_fail "CONFIG_VFIO_GROUP=n, yet iotest did not say it opened $1 through cdev+iommufd"
	fi
	"$ZPCIDIAG" --json iotest "$addr" --reject-matrix > "$TB_CASE_TMP/m.$1" ||
		tb_fail "reject matrix through $1 exited $?: $(cat "$TB_CASE_TMP/m.$1")"
}

"$TB_ZIC" "$addr" info
rec=$TB_CASE_TMP/ours skip_guarded=0
tb_blk_shape_matrix record "$max"
iotest_head zpci_vfio_pci
# zpci_vfio_pci's own answers must be the expected ones (kmod-region-shapes
# judges them in detail): the protected shapes guarded, no instruction
grep '|guarded$' "$rec" | grep -v 'insns=0 dropped' && tb_fail "zpci_vfio_pci issued an instruction to the MSI-X table"

# pass 2: the same function on ism-vfio-pci
tb_restore_driver "$dev"
rmmod zpci_vfio_pci || tb_fail "rmmod zpci_vfio_pci"
if ! out=$(tb_bind_driver "$dev" ism_vfio_pci); then
	newid="$(sed 's/^0x//' "$dev/vendor") $(sed 's/^0x//' "$dev/device")"
	echo "$out; adding new_id $newid"
	echo "$newid" > /sys/bus/pci/drivers/ism_vfio_pci/new_id || tb_fail "new_id $newid"
	tb_wait_for "[ \"\$(basename \"\$(readlink $dev/driver)\")\" = ism_vfio_pci ]" 5 ||
		tb_fail "$addr did not bind to ism_vfio_pci with driver_override and new_id"
else
	echo "$addr bound to ism_vfio_pci by driver_override alone"
fi
"$TB_ZIC" "$addr" info
shift_ism=$("$TB_ZIC" "$addr" info | sed -n 's/^offset shift \([0-9]*\),.*/\1/p')
[ "$shift_ism" = 48 ] || tb_fail "ism-vfio-pci's region offset shift is $shift_ism, not 48"
rec=$TB_CASE_TMP/ism skip_guarded=1
tb_blk_shape_matrix record "$max"
iotest_head ism_vfio_pci

# shape for shape
n=0 bad=0
while IFS='|' read -r shape a raw want; do
	n=$((n + 1))
	b=$(awk -F'|' -v s="$shape" '$1 == s { print $2 "|" $3; exit }' "$TB_CASE_TMP/ism")
	bans=${b%%|*} braw=${b#*|}
	if [ "$want" = guarded ]; then
		echo "ours-only $shape: zpci_vfio_pci $raw; ism-vfio-pci ${braw:-$bans}"
	elif [ "$a" = "$bans" ]; then
		echo "same      $shape: $a (zpci_vfio_pci $raw; ism-vfio-pci $braw)"
	else
		echo "DIFFERENT $shape: zpci_vfio_pci $a ($raw), ism-vfio-pci $bans ($braw)"
		bad=$((bad + 1))
	fi
done < "$TB_CASE_TMP/ours"
[ $n -gt 30 ] || tb_fail "only $n shapes recorded"
# the tool's reject matrix: every case both ran gets the same errno
jq -r '.reject_matrix.cases[] | "\(.id) \(.result) \(.errno)"' "$TB_CASE_TMP/m.zpci_vfio_pci" | sort > "$TB_CASE_TMP/mo"
jq -r '.reject_matrix.cases[] | "\(.id) \(.result) \(.errno)"' "$TB_CASE_TMP/m.ism_vfio_pci" | sort > "$TB_CASE_TMP/mi"
while read -r id res err; do
	set -- $(grep "^$id " "$TB_CASE_TMP/mo")
	if [ "$res" = skipped ]; then
		echo "reject $id: skipped on ism-vfio-pci (zpci_vfio_pci: $2 $3)"
	elif [ "$res $err" = "$2 $3" ]; then
		echo "reject $id: $res $err on both"
	else
		echo "REJECT DIFFERENT $id: zpci_vfio_pci $2 $3, ism-vfio-pci $res $err"
		bad=$((bad + 1))
	fi
done < "$TB_CASE_TMP/mi"
echo "$n shapes compared, $bad answered differently"
[ $bad = 0 ] || tb_fail "$bad answers differ between zpci_vfio_pci and ism-vfio-pci"
