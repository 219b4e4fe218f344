# flavour: normal debug kasan
# needs: vfio kmod
# Random, mutated and malformed requests to the zPCI I/O region (flags,
# pcias, offsets next to every boundary of the BAR, its 4 KiB blocks and the
# MSI-X table and near 2^64, lengths around maxstbl, buffers at page ends,
# reaching into an inaccessible or an unmapped page, in a read-only page),
# each judged by zpci-io-check's reference model written from
# zpcidiag-modules(4) and by the module's own zpci_io_validate.h: a refused
# request fails with exactly the model's errno and changes neither user
# memory nor the region header; an accepted one succeeds (EFAULT for a bad
# buffer), a load changes exactly its buffer, to what vfio's BAR region
# reads. Accepted requests are issued only in virtio-rng's BAR4
# device-configuration window past its (empty) config, where stores have no
# side effect. The runner fails the case on any kernel report.
# REGION_FUZZ_COUNT on the host sets the number of requests issued (default
# 100000, 30000 on the debug and 10000 on the kasan kernel, within their
# case timeouts); `make check-vm-region-fuzz` issues a million on the
# lockdep kernel (REGION_FUZZ_FLAVOUR=kasan-6.12@qemu10 for the KASAN one).
. /testbed/lib.sh
ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
out=$(tb_load_variant) || tb_fail "$out"
dev=$(tb_devdir_of_kind virtio-rng-pci-non-transitional) || tb_fail "virtio-rng: ${dev:-no device directory}"
addr=$(basename "$dev")
trap 'tb_restore_driver "$dev"; rmmod zpci_vfio_pci' EXIT
out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$out"
count=$(sed -n 's/^REGION_FUZZ_COUNT=//p' /etc/testbed/config 2>/dev/null)
# within the per-case timeout: the lockdep kernel did 1000000 in 2221 s on a loaded host
case $ZPCI_TESTBED_FLAVOUR in
debug) : "${count:=30000}" ;;
kasan) : "${count:=10000}" ;;
*) : "${count:=100000}" ;;
esac
seed=$(date +%s)
out=$("$ZIC" "$addr" fuzz "$count" "$seed" 4 0x2800 0x400)
rc=$?
echo "$out"
[ $rc -eq 0 ] || tb_fail "region answers differ from the model (seed $seed reproduces them)"
echo "$out" | grep -q ' 0 mismatches$' || tb_fail "no fuzz summary"
