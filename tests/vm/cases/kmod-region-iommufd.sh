# flavour: normal debug kasan
# needs: vfio kmod iommufd
# zpci_vfio_pci's BAR regions opened the iommufd way: /dev/vfio/devices/vfioN
# bound to /dev/iommu and attached to an IOAS (detached and attached again
# once), as a KVM host with QEMU's iommufd backend does. That runs the variant
# driver's iommufd ops (bind, attach_ioas, detach_ioas, unbind), which the
# group and container way of every other case never calls; Kbuild selects
# them from the kernel's headers, so a wrong detection would show here as a
# failed bind. Through that fd the regions behave as through a group: the
# 48-bit offsets, reads of every length agree, a PCISTB lands, the rules'
# refusals, memory space off gives EIO, and the status feature answers.
. /testbed/lib.sh
tb_bind_variant_kind virtio-blk-pci
export TB_VFIO_OPEN=iommufd

out=$("$TB_ZIC" "$addr" info 2>&1) || tb_fail "region through iommufd: $out"
echo "$out"
echo "$out" | grep -q "opened through iommufd" || tb_fail "the device was not opened through iommufd"
echo "$out" | grep -q "^offset shift 48," || tb_fail "BAR regions not at index << 48 through the cdev"
echo "$out" | grep -q "^status feature: maxstbl=" || tb_fail "no status feature through the cdev"
"$TB_ZIC" "$addr" compare 4 0x2000 16 || tb_fail "reads differ (device config)"
# virtio-blk keeps its write-cache byte (0x2020 of BAR4) as 0 or 1: a
# PCISTB of 16 bytes that sets one byte of the first word must change it
# (byte-reversed per word under QEMU, kmod-region-pcistb-lands).
a=$("$TB_ZIC" "$addr" stb 4 0x2020 16 01000000000000000000000000000000 | awk '/^read/ { print $2 }')
b=$("$TB_ZIC" "$addr" stb 4 0x2020 16 00000000000000010000000000000000 | awk '/^read/ { print $2 }')
[ "$a" != "$b" ] || tb_fail "PCISTB through iommufd did not land: wce read $a then $b"
tb_shape read 4 0x4000 1 0 EINVAL
tb_shape stb 4 0x2ff8 16 0 EINVAL
tb_shape read 1 0x0 8 0 guarded
[ $tb_shapes_bad = 0 ] || tb_fail "refusals through iommufd"
"$TB_ZIC" "$addr" memoff 4 || tb_fail "memory-enable rule through iommufd"
"$TB_ZIC" "$addr" threads 4 100 4 0x2000 || tb_fail "concurrent requests through iommufd"
