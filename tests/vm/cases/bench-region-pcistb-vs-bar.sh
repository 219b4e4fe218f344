# needs: vfio kmod bench
# The region benchmark (bench/region.sh runs it; CI does not: "needs: bench").
# virtio-rng's BAR4 device-configuration window beyond its (empty) config
# takes stores and loads without side effects: PCISTB of maxstbl bytes through
# the region against pwrite of the same bytes to vfio's BAR region, PCILG
# against pread, and the kernel loop of bench/kmod as the baseline.
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
out=$(tb_load_variant) || tb_fail "$out"
insmod "$ZPCI_KMOD_DIR/zpci_bench_loop.ko" || tb_fail "cannot load zpci_bench_loop.ko"
dev=$(tb_devdir_of_kind virtio-rng-pci-non-transitional) || tb_fail "virtio-rng: ${dev:-no device directory}"
addr=$(basename "$dev")
trap 'tb_restore_driver "$dev"; rmmod zpci_vfio_pci; rmmod zpci_bench_loop' EXIT
out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$out"
count=$(sed -n 's/^BENCH_COUNT=//p' /etc/testbed/config 2>/dev/null)
out=$("$ZIC" "$addr" bench 4 0x2800 0 "${count:-20000}") || tb_fail "benchmark failed: $out"
echo "$out"
[ "$(echo "$out" | grep -c '^bench ')" -eq 6 ] || tb_fail "expected six bench lines"
