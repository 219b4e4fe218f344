# flavour: normal debug
# (not kasan: CLI-heavy, 65-176 s there; the region paths it drives run on
# kasan through the kmod-region-* cases)
# needs: vfio kmod
# Every class of invalid zPCI I/O request is refused with its documented
# errno; none reaches the device, which still answers a valid PCILG after.
. /testbed/lib.sh
export ZPCIDIAG_RUN_DIR=$TB_CASE_TMP/run
fid=$(tb_fid net0)
d=$(tb_devdir_of_fid "$fid") || tb_fail "net0 not in sysfs"
addr=$(basename "$d")
out=$(tb_load_variant) || tb_fail "$out"
trap '"$ZPCIDIAG" unbind "$addr" >/dev/null; rmmod zpci_vfio_pci 2>/dev/null' EXIT
"$ZPCIDIAG" bind "$addr" --force || tb_fail "bind exited $?"

before=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x12 --length 2 | jq -r '.reads[0].value')
"$ZPCIDIAG" iotest "$addr" --reject-matrix || tb_fail "reject matrix exited $?"
"$ZPCIDIAG" --json iotest "$addr" --reject-matrix > "$TB_CASE_TMP/m.json" || tb_fail "--json exited $?"
jq -e '.reject_matrix.accepted == 0 and .reject_matrix.wrong_errno == 0 and
	.reject_matrix.reaches_hardware == false' "$TB_CASE_TMP/m.json" >/dev/null ||
	tb_fail "some request was accepted or refused for another reason"
for id in msix-table memory-disabled gaddr-unmapped store-crosses-4k pcias-config absent-bar; do
	r=$(jq -r --arg id "$id" '.reject_matrix.cases[] | select(.id == $id) | .result' "$TB_CASE_TMP/m.json")
	[ "$r" = refused ] || tb_fail "case $id: $r"
done
# only the I/O BAR case may be skipped: the kernel has no resource for
# virtio's legacy I/O BAR, which then is an absent BAR
jq -r '.reject_matrix.cases[] | select(.result == "skipped") | .id' "$TB_CASE_TMP/m.json" > "$TB_CASE_TMP/skipped"
grep -vx io-bar "$TB_CASE_TMP/skipped" && tb_fail "unexpected skipped cases"
after=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x12 --length 2 | jq -r '.reads[0].value')
[ "$after" = "$before" ] && [ -n "$after" ] || tb_fail "device answers $after after the matrix, $before before"
echo "all invalid requests refused; num_queues still $after"
