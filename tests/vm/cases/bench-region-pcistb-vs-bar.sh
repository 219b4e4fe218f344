# needs: vfio kmod bench
# The region benchmark (bench/region.sh runs it; CI does not: "needs: bench").
# virtio-rng's BAR4 device-configuration window beyond its (empty) config
# takes stores and loads without side effects. Through zpci_vfio_pci: single
# pwrite of maxstbl bytes (one PCISTB), pwritev batches filling 4 KiB (one
# PCISTB per iovec, one system call per batch) and pread of 8 bytes, and the
# kernel loop of bench/kmod as the baseline; then the same through vfio-pci's
# BAR region after a rebind, which splits every write into 8-byte stores.
. /testbed/lib.sh
out=$(tb_load_variant) || tb_fail "$out"
insmod "$ZPCI_KMOD_DIR/zpci_bench_loop.ko" || tb_fail "cannot load zpci_bench_loop.ko"
dev=$(tb_devdir_of_kind virtio-rng-pci-non-transitional) || tb_fail "virtio-rng: ${dev:-no device directory}"
addr=$(basename "$dev")
trap 'tb_restore_driver "$dev"; rmmod zpci_vfio_pci; rmmod zpci_bench_loop' EXIT
out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$out"
count=$(sed -n 's/^BENCH_COUNT=//p' /etc/testbed/config 2>/dev/null)
out=$("$TB_ZIC" "$addr" bench 4 0x2000 0 "${count:-20000}" zpci) || tb_fail "benchmark failed: $out"
echo "$out"
len=$(echo "$out" | awk '$2 == "zpci-pwrite" { print $3 }')
out2=$(tb_bind_vfio "$dev") || tb_fail "$out2"
out2=$("$TB_ZIC" "$addr" bench 4 0x2000 "$len" "${count:-20000}" vfiopci) || tb_fail "vfio-pci benchmark failed: $out2"
echo "$out2"
[ "$(printf '%s\n%s\n' "$out" "$out2" | grep -c '^bench ')" -eq 7 ] || tb_fail "expected seven bench lines"
