# flavour: normal debug
# (not kasan: CLI-heavy, 65-176 s there; the region paths it drives run on
# kasan through the kmod-region-* cases)
# needs: vfio kmod
# iotest keeps to PCISTB shapes every implementation takes unless asked:
# a 12-byte store is refused on the command line (exit 2, naming
# --any-shape); with --any-shape it reaches the module, passes its rules
# and QEMU's intercept refuses it with a program exception, which iotest
# reports from VFIO_DEVICE_FEATURE_ZPCI_IO (exit 7, text and JSON). A
# portable store and a read of the MSI-X PBA succeed; a read of the MSI-X
# table gives 0xff bytes without an instruction, as through vfio-pci.
# Stores go to virtio-blk's device configuration, where the emulator
# ignores all but the write-cache byte.
. /testbed/lib.sh
tb_bind_variant_kind virtio-blk-pci
err=$TB_CASE_TMP/err

"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 12 --write 2> "$err"
rc=$?
[ $rc = 2 ] || tb_fail "12-byte store without --any-shape exited $rc: $(cat "$err")"
grep -q -- "--any-shape" "$err" || tb_fail "refusal does not name --any-shape: $(cat "$err")"

"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 12 --write --any-shape 2> "$err"
rc=$?
[ $rc = 7 ] || tb_fail "12-byte store with --any-shape exited $rc (want 7, QEMU refuses it): $(cat "$err")"
grep -q "ENXIO.*program exception" "$err" || tb_fail "no instruction status in: $(cat "$err")"
cat "$err"

"$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2003 --length 5 --write --any-shape \
	> "$TB_CASE_TMP/j" 2> "$err"
rc=$?
[ $rc = 7 ] || tb_fail "odd store (--json) exited $rc: $(cat "$err")"
jq -e '.exit_code == 7 and .instruction.program_exception == true and
	.instruction.condition_code == null and .instruction.failures == 1' "$TB_CASE_TMP/j" >/dev/null ||
	tb_fail "JSON lacks the instruction status: $(cat "$TB_CASE_TMP/j")"

"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 16 --write 2> "$err" ||
	tb_fail "portable 16-byte store exited $?: $(cat "$err")"
"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x2000 --length 24 --write --any-shape 2> "$err" ||
	tb_fail "24-byte store with --any-shape exited $?: $(cat "$err")"
"$ZPCIDIAG" iotest "$addr" --bar 1 --offset 0x800 --length 8 2> "$err" ||
	tb_fail "PCILG of the MSI-X PBA exited $?: $(cat "$err")"
"$ZPCIDIAG" --json iotest "$addr" --bar 1 --offset 0x0 --length 4 > "$TB_CASE_TMP/t" 2> "$err" ||
	tb_fail "read of the MSI-X table exited $?: $(cat "$err")"
jq -e '.reads[0].bytes == "ff ff ff ff"' "$TB_CASE_TMP/t" >/dev/null ||
	tb_fail "the MSI-X table did not read as 0xff: $(cat "$TB_CASE_TMP/t")"
echo "odd shapes only with --any-shape; their instruction status reported"
