# flavour: normal debug kasan
# needs: vfio kmod
# Random and mutated requests to the zPCI I/O region (flags, pcias, offsets
# next to every boundary and near 2^64, lengths, buffers at page ends, in an
# inaccessible page, unaligned), each judged against the reference model
# kmod/include/zpci_io_validate.h: a refused request fails with exactly the
# model's errno, an accepted one succeeds (EFAULT for a bad buffer) and loads
# return what vfio's BAR region reads. Accepted requests are issued only in
# virtio-rng's BAR4 device-configuration window past its (empty) config,
# where stores have no side effect. The runner fails the case on any kernel
# report. The host's REGION_FUZZ_COUNT sets the number (default 100000); a
# million on the lockdep kernel:
#   REGION_FUZZ_COUNT=1000000 testbed/run-vm.sh --flavour debug \
#       --cases kmod-region-fuzz-against-model --case-timeout 3600 --timeout 4000
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
out=$(tb_load_variant) || tb_fail "$out"
dev=$(tb_devdir_of_kind virtio-rng-pci-non-transitional) || tb_fail "virtio-rng: ${dev:-no device directory}"
addr=$(basename "$dev")
trap 'tb_restore_driver "$dev"; rmmod zpci_vfio_pci' EXIT
out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$out"
count=$(sed -n 's/^REGION_FUZZ_COUNT=//p' /etc/testbed/config 2>/dev/null)
seed=$(date +%s)
out=$("$ZIC" "$addr" fuzz "${count:-100000}" "$seed" 4 0x2800 0x400)
rc=$?
echo "$out"
[ $rc -eq 0 ] || tb_fail "region answers differ from the model (seed $seed reproduces them)"
echo "$out" | grep -q ' 0 mismatches$' || tb_fail "no fuzz summary"
