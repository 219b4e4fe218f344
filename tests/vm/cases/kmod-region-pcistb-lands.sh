# flavour: normal debug kasan
# needs: vfio kmod
# A pwrite to zpci_vfio_pci's BAR region (one PCISTB) lands in the device. virtio-blk's config keeps
# the "wce" byte (offset 32 of the device config, 0x2020 in BAR4) as 0 or 1
# after a write. Two 16-byte stores put 01 in byte 0 or in byte 7 of the first
# word. QEMU 7.2 on a little-endian host stores each 8-byte PCISTB word
# byte-reversed (testbed-notes), so in the emulator wce follows byte 7; on
# hardware it would follow byte 0 (then this case says QEMU was fixed).
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
tb_bind_variant_kind virtio-blk-pci

wce_after() { # pattern -> first byte read back at 0x2020
	out=$("$ZIC" "$addr" stb 4 0x2020 16 "$1") || tb_fail "PCISTB failed: $out"
	echo "$out" >&2
	echo "$out" | awk '/^read/ { print $2 }'
}
a=$(wce_after 01000000000000000000000000000000)
b=$(wce_after 00000000000000010000000000000000)
case "$a/$b" in
00/01) tb_info "PCISTB landed with the emulator's per-word byte reversal (expected under QEMU TCG)";;
01/00) tb_fail "PCISTB landed unreversed: QEMU no longer reverses words, update this case";;
*) tb_fail "PCISTB did not land: wce read $a then $b";;
esac
