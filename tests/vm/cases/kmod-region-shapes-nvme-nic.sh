# flavour: normal debug
# (not kasan: the same region code as kmod-region-shapes, which runs there)
# needs: vfio kmod
# The BAR-region rules on functions that are not virtio: an NVMe controller
# (one 64-bit BAR of registers and doorbells with the MSI-X table inside it)
# and a non-virtio NIC (e1000e: several 32-bit BARs, MSI-X in a BAR of its
# own), which QEMU 10 offers and QEMU 7.2 does not. Where the MSI-X table and
# PBA lie is read from the function's own config space, so the guard is
# checked against what the device declares, not against numbers of ours.
# Refusals (EINVAL) come from the module; a shape that reaches the
# instruction gets QEMU's answer, the same on these devices as on virtio
# (kmod-region-shapes): stores of more than 8 bytes, a multiple of 8 at an
# 8-aligned offset, are accepted, and the other shapes the architecture
# allows come back as ENXIO with a program exception and exactly one failure
# counted - never a partial count or another errno.
# Scratch windows, where stores change nothing that matters to the device:
# NVMe 0x200, reserved register space (reads as zero, writes ignored);
# e1000e 0x5400, the receive-address array any driver rewrites at probe.
. /testbed/lib.sh

one() { # devdir scratch-offset what
	tb_bind_variant_dev "$1"
	s=$(($2)) what=$3
	max=$(tb_maxstbl)
	[ -n "$max" ] || tb_fail "$what $addr: no maxstbl from the status feature"
	bs=$(tb_first_mem_bar "$dev") || tb_fail "$what $addr: no memory BAR"
	b=${bs% *} z=${bs#* }
	msix=$(tb_msix "$dev") || tb_fail "$what $addr: no MSI-X capability in config space"
	read -r tbar toff tlen pbar poff <<EOF_MSIX
$msix
EOF_MSIX
	echo "$what $addr: BAR$b $z bytes, maxstbl $max, MSI-X table BAR$tbar+$toff ($tlen bytes), PBA BAR$pbar+$poff"

	# PCILG by alignment: any length, any offset, any buffer alignment
	for l in 1 2 4 8 16 3; do tb_shape read $b $s $l 0 accepted; done
	tb_shape read $b $((s + 1)) 1 0 accepted
	tb_shape read $b $((s + 2)) 2 3 accepted
	tb_shape read $b $((s + 2)) 4 0 accepted
	tb_shape read $b $((s + 8)) 8 5 accepted
	# (the count cut at the BAR's end is kmod-region-shapes' on virtio: NVMe's last
	# doorbell refuses a PCILG while no driver enabled the controller)
	tb_shape read $b $z 1 0 EINVAL
	# PCISTB: what the architecture allows reaches the instruction
	tb_shape stb $b $s 16 0 accepted
	tb_shape stb $b $s 16 3 accepted
	tb_shape stb $b $s 24 4095 accepted
	tb_shape stb $b $s "$max" 0 accepted
	for l in 1 2 7 8 12 17; do tb_shape stb $b $s $l 0 exception; done
	tb_shape stb $b $((s + 4)) 16 0 exception
	tb_shape stb $b $((s + 1)) 16 0 exception
	# refused before any instruction: over maxstbl, across 4 KiB, outside the BAR
	tb_shape stb $b $s $((max + 1)) 0 EINVAL
	tb_shape stb $b $(((s | 0xfff) - 7)) 16 0 EINVAL
	tb_shape stb $b $z 1 0 EINVAL
	tb_shape stb $b $z 16 0 EINVAL
	# the MSI-X table is the kernel's; the PBA may be read
	tb_shape read $tbar $toff 4 0 guarded
	tb_shape read $tbar $((toff + tlen - 8)) 8 0 guarded
	tb_shape stb $tbar $toff 16 0 guarded
	tb_shape read $pbar $poff 8 0 accepted
	echo "$what $addr: $tb_shapes shapes, $tb_shapes_bad unexpected"
	[ $tb_shapes_bad = 0 ] || tb_fail "$what $addr: $tb_shapes_bad of $tb_shapes shapes got an unexpected answer"
	"$TB_ZIC" "$addr" compare $b $s 16 || tb_fail "$what $addr: reads of 1/2/4/8 differ from the whole read"
}

ran=0 rc=0
if d=$(tb_first_nvme); then
	(one "$d" 0x200 nvme) || rc=1
	ran=$((ran + 1))
fi
if d=$(tb_first_other_nic); then
	(one "$d" 0x5400 nic) || rc=1
	ran=$((ran + 1))
fi
[ $ran -gt 0 ] || tb_skip "no NVMe or non-virtio NIC under $ZPCI_TESTBED_EMULATOR"
exit $rc
