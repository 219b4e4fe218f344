# flavour: normal debug kasan
# needs: vfio kmod
# Runtime PM as vfio does it (review finding N6): after
# VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY a read of a BAR region resumes the
# device and succeeds, on zpci_vfio_pci as on vfio-pci. The module before
# the fix refused it (EACCES: it treated pm_runtime_engaged as "memory
# disabled").
. /testbed/lib.sh
tb_bind_variant_kind virtio-net-pci
"$TB_ZIC" "$addr" lowpower 4 0x2000 || tb_fail "zpci_vfio_pci refused a read in low power"
out=$(tb_bind_vfio "$dev") || tb_fail "$out"
"$TB_ZIC" "$addr" lowpower 4 0x2000 || tb_fail "vfio-pci refused a read in low power (the reference)"
