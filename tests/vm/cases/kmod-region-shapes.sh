# flavour: normal debug kasan
# needs: vfio kmod
# Every access shape to zpci_vfio_pci's BAR regions gets the answer of
# upstream's ism-vfio-pci ABI (uapi/vfio_zpci_io.h): a pwrite of 1..maxstbl
# bytes not crossing 4 KiB is one PCISTB, a pread is PCILG of 8/4/2/1 bytes
# by alignment (any length, any offset, any user buffer alignment), counts
# are cut at the BAR's end, and everything else is EINVAL. On top of
# ism-vfio-pci, as vfio-pci: the MSI-X table reads as 0xff and takes no
# store (no instruction issued), the PBA may be read. QEMU's PCISTB
# intercept is stricter than the architecture (more than 8 bytes, a multiple
# of 8, an 8-aligned offset) and answers with a program exception: those
# shapes come back as ENXIO (as in ism-vfio-pci) with "exception" and exactly one failure counted
# by VFIO_DEVICE_FEATURE_ZPCI_IO, which proves both paths. On hardware they
# would be accepted; then this case says the emulator changed.
# Stores go to virtio-blk's device configuration (offset 0x2000 of BAR4),
# where the emulator keeps only the write-cache byte and ignores the rest.
. /testbed/lib.sh
tb_bind_variant_kind virtio-blk-pci
"$TB_ZIC" "$addr" info
max=$(tb_maxstbl)
[ -n "$max" ] || tb_fail "no maxstbl from VFIO_DEVICE_FEATURE_ZPCI_IO"

tb_blk_shape_matrix tb_shape "$max"
echo "$tb_shapes shapes, $tb_shapes_bad unexpected"
[ $tb_shapes_bad = 0 ] || tb_fail "$tb_shapes_bad of $tb_shapes access shapes got an unexpected answer"
# the device still answers normally after the instruction failures
"$TB_ZIC" "$addr" compare 4 0x2000 16 || tb_fail "reads of 1/2/4/8 differ from the whole read"
# a pwritev of 8 stores is 8 PCISTB, one per iovec
"$TB_ZIC" "$addr" batch 4 0x2000 16 8 || tb_fail "pwritev was not one PCISTB per iovec"
