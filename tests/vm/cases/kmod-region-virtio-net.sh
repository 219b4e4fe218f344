# flavour: normal debug kasan
# needs: vfio kmod
# A virtio-net function bound to zpci_vfio_pci shows the zPCI I/O region;
# PCILG of 1/2/4/8 bytes equals vfio's own BAR pread at the same offsets;
# every invalid request class is refused with its documented errno and the
# BAR is unchanged; memory space off gives EACCES; concurrent requests agree.
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
tb_bind_variant_kind virtio-net-pci

"$ZIC" "$addr" info || tb_fail "region not found"
# BAR4 of virtio-pci: device config at 0x2000 (the MAC address and status);
# 0x1000 (ISR) is skipped: reading it clears the interrupt status.
"$ZIC" "$addr" compare 4 0x2000 16 || tb_fail "PCILG differs from vfio's BAR read"
"$ZIC" "$addr" compare 4 0x0 0x14 || tb_fail "PCILG differs from vfio's BAR read (common config)"
# MSI-X table in BAR1 (testbed-notes); scratch offset for rejected stores: device config
"$ZIC" "$addr" reject 4 0x2000 1 || tb_fail "reject matrix"
"$ZIC" "$addr" memoff 4 || tb_fail "memory-enable rule"
"$ZIC" "$addr" threads 8 200 4 0x2000 || tb_fail "concurrent requests"
"$ZIC" "$addr" threads 4 100 4 0x2000 reset || tb_fail "requests racing device resets"
