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
# shapes come back as EIO with "exception" and exactly one failure counted
# by VFIO_DEVICE_FEATURE_ZPCI_IO, which proves both paths. On hardware they
# would be accepted; then this case says the emulator changed.
# Stores go to virtio-blk's device configuration (offset 0x2000 of BAR4),
# where the emulator keeps only the write-cache byte and ignores the rest.
. /testbed/lib.sh
tb_bind_variant_kind virtio-blk-pci
"$TB_ZIC" "$addr" info
max=$(tb_maxstbl)
[ -n "$max" ] || tb_fail "no maxstbl from VFIO_DEVICE_FEATURE_ZPCI_IO"

shape() { tb_shape "$@"; }
# PCILG by alignment: any length at any offset, any buffer alignment
for l in 1 2 4 8 16 3 13; do shape read 4 0x2000 $l 0 accepted; done
shape read 4 0x2001 1 0 accepted
shape read 4 0x2002 2 3 accepted
shape read 4 0x2002 4 0 accepted
shape read 4 0x2003 13 5 accepted
shape read 4 0x2ffc 16 0 accepted
shape read 4 0x3ffc 8 0 "accepted 4"
shape read 4 0x4000 1 0 EINVAL
shape read 2 0x0 8 0 EINVAL
# MSI-X in BAR1: the table reads 0xff without a PCILG, the PBA (at 0x800) is read
shape read 1 0x0 4 0 guarded
shape read 1 0x800 8 0 accepted
# PCISTB shapes the emulator takes: more than 8 bytes, 8n, 8-aligned; any buffer
shape stb 4 0x2000 16 0 accepted
shape stb 4 0x2000 16 3 accepted
shape stb 4 0x2000 24 4095 accepted
shape stb 4 0x2000 "$max" 0 accepted
shape stb 4 0x3ff0 32 0 "accepted 16"
# architecturally valid, refused by QEMU's intercept: EIO with the status
for l in 1 2 7 8 12 17; do shape stb 4 0x2000 $l 0 exception; done
shape stb 4 0x2004 16 0 exception
shape stb 4 0x2001 16 0 exception
shape stb 4 0x3fff 1 0 exception
# refused before any instruction, with ism-vfio-pci's errno
shape stb 4 0x2000 $((max + 1)) 0 EINVAL
shape stb 4 0x2ff8 16 0 EINVAL
shape stb 4 0x3ffe 2 0 exception
shape stb 4 0x4000 1 0 EINVAL
# the MSI-X table is the kernel's: the store is dropped whole
shape stb 1 0x10 16 0 guarded
echo "$tb_shapes shapes, $tb_shapes_bad unexpected"
[ $tb_shapes_bad = 0 ] || tb_fail "$tb_shapes_bad of $tb_shapes access shapes got an unexpected answer"
# the device still answers normally after the instruction failures
"$TB_ZIC" "$addr" compare 4 0x2000 16 || tb_fail "reads of 1/2/4/8 differ from the whole read"
# a pwritev of 8 stores is 8 PCISTB, one per iovec
"$TB_ZIC" "$addr" batch 4 0x2000 16 8 || tb_fail "pwritev was not one PCISTB per iovec"
