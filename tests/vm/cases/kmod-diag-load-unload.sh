# flavour: normal debug kasan stock
# needs: kmod
# The diagnostics module loads and unloads repeatedly, also on Debian's stock
# kernel (no VFIO there), and registers/unregisters its netlink family each time.
. /testbed/lib.sh
KQ=/usr/libexec/zpcidiag-tests/kdiag-query
ko=$ZPCI_KMOD_DIR/zpcidiag_diag.ko
[ -e "$ko" ] || tb_fail "no $ko for this kernel"
# a round takes well under a second on the normal kernel; KASAN and kmemleak
# make each insmod many times slower (20 rounds: 277 s on kasan-6.12)
rounds=20
[ "$ZPCI_TESTBED_FLAVOUR" = kasan ] && rounds=5
i=0
while [ $i -lt $rounds ]; do
	insmod "$ko" || tb_fail "insmod failed on round $i"
	"$KQ" >/dev/null || tb_fail "family missing after insmod (round $i)"
	rmmod zpcidiag_diag || tb_fail "rmmod failed on round $i"
	"$KQ" >/dev/null 2>&1; rc=$?
	[ $rc = 2 ] || tb_fail "family still answers after rmmod (rc $rc, round $i)"
	i=$((i + 1))
done
