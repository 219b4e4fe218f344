# flavour: normal debug
# (not kasan: CLI-heavy, 65-176 s there; the region paths it drives run on
# kasan through the kmod-region-* cases)
# needs: vfio kmod
# --verify stores with PCISTB and reads back with PCILG. Target: virtio-net's
# device config (BAR4 0x2000), whose MAC bytes 0-5 are writable while no
# features are negotiated and bytes 6-7 (status) are read-only. QEMU 7.2
# reverses each PCISTB word on a little-endian host (testbed-notes), so the
# MAC must receive pattern bytes 7..2: the verdict is "byte-reversed" with
# word 0 "partly-byte-reversed" and exit 1 (a mismatch). Unreversed bytes
# would mean QEMU was fixed: then this case must be updated.
. /testbed/lib.sh
export ZPCIDIAG_RUN_DIR=$TB_CASE_TMP/run
fid=$(tb_fid net0)
d=$(tb_devdir_of_fid "$fid") || tb_fail "net0 not in sysfs"
addr=$(basename "$d")
out=$(tb_load_variant) || tb_fail "$out"
trap '"$ZPCIDIAG" unbind "$addr" >/dev/null; rmmod zpci_vfio_pci 2>/dev/null' EXIT
"$ZPCIDIAG" bind "$addr" --force || tb_fail "bind exited $?"

orig=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2000 --length 8 | jq -r '.reads[0].bytes')
[ -n "$orig" ] && [ "$orig" != null ] || tb_fail "cannot read the device config"
"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 16 --verify --pattern 0x0102030405060708
rc=$?
[ $rc -eq 1 ] || tb_fail "verify exited $rc; in the emulator a mismatch (1) is expected"
"$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2000 --length 16 --verify \
	--pattern 0x1122334455667788 > "$TB_CASE_TMP/v.json"
rc=$?
cat "$TB_CASE_TMP/v.json"
[ $rc -eq 1 ] || tb_fail "verify --json exited $rc"
jq -e '.verify.summary == "byte-reversed" and .exit_code == 1' "$TB_CASE_TMP/v.json" >/dev/null ||
	tb_fail "summary is not byte-reversed"
jq -e '.verify.mismatches[0].verdict == "partly-byte-reversed"' "$TB_CASE_TMP/v.json" >/dev/null ||
	tb_fail "word 0 not partly-byte-reversed"
# the MAC now holds pattern bytes 88 77 66 55 44 33, as PCILG reads it
mac=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2000 --length 8 | jq -r '.reads[0].bytes' | cut -d' ' -f1-6)
[ "$mac" = "88 77 66 55 44 33" ] || tb_fail "MAC bytes after the store: $mac"
# Put the MAC back for later cases: a pattern that is the original word
# reversed lands as the original (and verify again sees a reversal).
back=0x$(echo "$orig" | awk '{ for (i = NF; i >= 1; i--) printf "%s", $i }')
"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 16 --verify --pattern "$back" >/dev/null
[ $? -eq 1 ] || tb_fail "restoring verify did not see the reversal"
now=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2000 --length 8 | jq -r '.reads[0].bytes')
[ "$now" = "$orig" ] || tb_fail "config after restore [$now], before [$orig]"
echo "PCISTB landed byte-reversed (the known QEMU defect), as expected in the emulator"
