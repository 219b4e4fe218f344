# flavour: normal debug
# (not kasan: CLI-heavy, 65-176 s there; the region paths it drives run on
# kasan through the kmod-region-* cases)
# needs: vfio kmod
# Every access that breaks a rule of zpci_vfio_pci's BAR regions is refused
# with ism-vfio-pci's errno (EINVAL; EIO for memory space off, as vfio-pci),
# the MSI-X table reads 0xff and drops a store, and the status feature
# counts no instruction for any of them; the device still answers a valid
# read after.
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
jq -e '.reject_matrix.unexpected == 0 and
	([.reject_matrix.cases[] | select(.result != "skipped") | .instructions] | all(. == 0))' \
	"$TB_CASE_TMP/m.json" >/dev/null ||
	tb_fail "some access was answered otherwise or reached the device: $(cat "$TB_CASE_TMP/m.json")"
for id in memory-disabled write-unmapped write-crosses-4k write-over-maxstbl absent-bar read-past-bar read-region-end; do
	r=$(jq -r --arg id "$id" '.reject_matrix.cases[] | select(.id == $id) | .result' "$TB_CASE_TMP/m.json")
	[ "$r" = refused ] || tb_fail "case $id: $r"
done
[ "$(jq -r '.reject_matrix.cases[] | select(.id == "msix-table-read") | .result' "$TB_CASE_TMP/m.json")" = filled ] ||
	tb_fail "the MSI-X table did not read as 0xff"
[ "$(jq -r '.reject_matrix.cases[] | select(.id == "msix-table-write") | .result' "$TB_CASE_TMP/m.json")" = dropped ] ||
	tb_fail "a store to the MSI-X table was not dropped"
# only the I/O BAR case may be skipped: the kernel has no resource for
# virtio's legacy I/O BAR, which then is an absent BAR
jq -r '.reject_matrix.cases[] | select(.result == "skipped") | .id' "$TB_CASE_TMP/m.json" > "$TB_CASE_TMP/skipped"
grep -vx io-bar "$TB_CASE_TMP/skipped" && tb_fail "unexpected skipped cases"
after=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x12 --length 2 | jq -r '.reads[0].value')
[ "$after" = "$before" ] && [ -n "$after" ] || tb_fail "device answers $after after the matrix, $before before"
echo "every access refused or guarded without an instruction; num_queues still $after"
