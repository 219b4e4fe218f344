# flavour: normal debug kasan
# needs: vfio kmod
# Every request shape through the zPCI I/O region gets one of three answers,
# never a partial count: accepted; refused by validation (EINVAL, ERANGE,
# EPERM) before any instruction; or EIO with the instruction's status in the
# region header. The module accepts what the architecture accepts (PCISTB of
# 1..maxstbl bytes at any offset, not crossing 4 KiB; PCILG of 1/2/4/8
# naturally aligned; any user buffer alignment; reads of the MSI-X PBA).
# QEMU's PCISTB intercept is stricter (more than 8 bytes, a multiple of 8, an
# 8-aligned offset) and answers with a program exception: those shapes pass
# validation here and come back as EIO with "exception" and exactly one more
# failure counted, which proves both paths. On hardware they would be
# accepted; then this case says the emulator changed.
# Stores go to virtio-blk's device configuration (offset 0x2000 of BAR4),
# where the emulator keeps only the write-cache byte and ignores the rest.
. /testbed/lib.sh
tb_bind_variant_kind virtio-blk-pci
max=$("$TB_ZIC" "$addr" info | sed -n 's/.*header max=\([0-9]*\).*/\1/p')
[ -n "$max" ] || max=128

shape() { tb_shape "$@"; }
# PCILG: 1/2/4/8 naturally aligned, any buffer alignment
for l in 1 2 4 8; do shape read 4 0x2000 $l 0 accepted; done
shape read 4 0x2001 1 0 accepted
shape read 4 0x2002 2 3 accepted
shape read 4 0x2008 8 5 accepted
shape read 4 0x2002 4 0 EINVAL
shape read 4 0x2004 8 0 EINVAL
shape read 4 0x2000 3 0 EINVAL
shape read 4 0x2000 16 0 EINVAL
shape read 4 0x4000 1 0 ERANGE
# MSI-X in BAR1: the table is refused, the PBA (at 0x800 in virtio-pci) readable
shape read 1 0x0 4 0 EPERM
shape read 1 0x800 8 0 accepted
# PCISTB shapes the emulator takes: more than 8 bytes, 8n, 8-aligned; any buffer
shape stb 4 0x2000 16 0 accepted
shape stb 4 0x2000 16 3 accepted
shape stb 4 0x2000 24 4095 accepted
shape stb 4 0x2000 "$max" 0 accepted
# architecturally valid, refused by QEMU's intercept: EIO with the status
for l in 1 2 7 8 12 17; do shape stb 4 0x2000 $l 0 exception; done
shape stb 4 0x2004 16 0 exception
shape stb 4 0x2001 16 0 exception
shape stb 4 0x3fff 1 0 exception
# refused by validation before any instruction
shape stb 4 0x2000 0 0 EINVAL
shape stb 4 0x2000 $((max + 1)) 0 EINVAL
shape stb 4 0x2ff8 16 0 EINVAL
shape stb 4 0x3fff 2 0 EINVAL
shape stb 4 0x4000 1 0 ERANGE
shape stb 1 0x10 8 0 EPERM
echo "$tb_shapes shapes, $tb_shapes_bad unexpected"
[ $tb_shapes_bad = 0 ] || tb_fail "$tb_shapes_bad of $tb_shapes request shapes got an unexpected answer"
# the device still answers normally after the instruction failures
"$TB_ZIC" "$addr" compare 4 0x2000 16 || tb_fail "PCILG differs from vfio's BAR read after the shapes"
