# flavour: normal debug
# (not kasan: CLI-heavy; the kernel path runs there in kmod-region-shapes)
# needs: vfio kmod
# iotest's throughput mode: --batch 8 writes 8 stores per pwritev, so the
# system call is paid once per batch, and zpci_vfio_pci issues one PCISTB
# per iovec: 100 calls are 800 PCISTB by the driver's own count
# (VFIO_DEVICE_FEATURE_ZPCI_IO). A batch that would run past the BAR or
# cross 4 KiB is refused on the command line. Stores go to virtio-blk's
# device configuration, where the emulator ignores all but the write-cache
# byte.
. /testbed/lib.sh
tb_bind_variant_kind virtio-blk-pci
"$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2000 --length 16 --write --batch 8 \
	--count 100 > "$TB_CASE_TMP/b.json" || tb_fail "batch run exited $?"
cat "$TB_CASE_TMP/b.json"
jq -e '.loop.operations == 800 and .loop.system_calls == 100 and .loop.batch == 8 and
	.loop.errors == 0 and .loop.instructions_counted == 800' "$TB_CASE_TMP/b.json" >/dev/null ||
	tb_fail "expected 800 stores in 100 calls, 800 PCISTB counted by the driver"
for off in 0x2ff8 0x3ff0; do	# the first store crosses 4 KiB; the second runs past the BAR
	"$ZPCIDIAG" iotest "$addr" --bar 4 --offset $off --length 16 --write --batch 2 --count 1 \
		2> "$TB_CASE_TMP/err"
	rc=$?
	[ $rc = 2 ] || tb_fail "a batch from $off exited $rc: $(cat "$TB_CASE_TMP/err")"
	cat "$TB_CASE_TMP/err"
done
