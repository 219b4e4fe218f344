# flavour: normal debug kasan
# needs: vfio kmod
# Random accesses to zpci_vfio_pci's BAR regions (every BAR, offsets next
# to every boundary of the BAR, its 4 KiB blocks and the MSI-X table and at
# the end of the 48-bit region, lengths around maxstbl and 4 KiB, reads and
# writes) judged by the rules the module compiles in (zpci_io_validate.h)
# applied to the function as vfio and its config space describe it: a
# refused access fails with exactly the rules' errno; an accepted one
# returns the count the rules say (cut at the BAR's end); a read of the
# MSI-X table gives 0xff. Accepted accesses are issued only in virtio-rng's
# BAR4 device-configuration window past its (empty) config, where stores
# have no side effect (and reads of the table anywhere). The runner fails
# the case on any kernel report.
# REGION_FUZZ_COUNT on the host sets the number of accesses (default 100000,
# 30000 on the debug and 10000 on the kasan kernel, within their case
# timeouts); `make check-vm-region-fuzz` issues a million on the lockdep
# kernel (REGION_FUZZ_FLAVOUR=kasan-6.12@qemu10 for the KASAN one).
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
[ $rc -eq 0 ] || tb_fail "answers differ from the rules (seed $seed reproduces them)"
echo "$out" | grep -q ' 0 mismatches$' || tb_fail "no fuzz summary"
