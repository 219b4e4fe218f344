# flavour: normal debug kasan
# needs: vfio kmod
# T5: the diagnostics module's put worker blocked by a removal that waits for
# a vfio holder, and what that must not do to queries and to rmmod.
#
# zpcidiag_diag_test.ko is kmod/zpcidiag_diag.c built with a worker whose
# every pci_dev_put() first takes the PCI rescan lock, as the real last put
# of a removed function does (tests/vm/kmod/zpcidiag_diag_test.c). A
# process holds a function through vfio while its slot is powered off: the
# removal keeps the rescan lock until the holder lets go, so the worker
# blocks on its first put. Then:
# - every dump queues its references (at least one each), and once the ring
#   is full (64 in this build: put_max) the module refuses with EBUSY (dump and single
#   query) instead of queueing more or dropping a reference in the caller's
#   context, which would block the caller as the worker is blocked;
# - each query and `zpcidiag show` return within seconds, and show names the
#   reason;
# - `rmmod` fails at once (the module is in use while puts wait) instead of
#   waiting in flush_work() for the removal;
# and once the holder lets go, the removal completes, the worker drains the
# queue, queries answer again and rmmod succeeds.
. /testbed/lib.sh
KQ=/usr/libexec/zpcidiag-tests/kdiag-query
ko=$ZPCI_KMOD_DIR/zpcidiag_diag_test.ko
mod=zpcidiag_diag_test
limit=5
[ "$ZPCI_TESTBED_FLAVOUR" = kasan ] && limit=20
[ -e "$ko" ] || tb_fail "$ko was not built"

tb_pick_holdable
# the product module registers the same family
lsmod | grep -q '^zpcidiag_diag ' && { rmmod zpcidiag_diag || tb_fail "rmmod zpcidiag_diag"; }
insmod "$ko" block_puts=1 || tb_fail "insmod $mod block_puts=1"

holder= power=
cleanup() {
	tb_release_holdable
	tb_wait_for "! grep -q '^$mod ' /proc/modules || rmmod $mod" 30
}
trap cleanup EXIT

bounded() { tb_bounded "$limit" "$@"; }

bounded "baseline dump" "$KQ"
[ $rc = 0 ] || tb_fail "baseline dump: exit $rc: $(cat "$TB_CASE_TMP/q.out")"
ndev=$(ls /sys/bus/pci/devices | wc -l)
echo "baseline: $(wc -l < "$TB_CASE_TMP/q.out") functions in the dump, $ndev PCI devices"

tb_hold_and_power_off

# A dump walks the PCI device list twice, once for the part that carries
# the functions and once for the empty last part, and takes and queues a
# reference per device on each walk. The worker is stuck on the first, so
# the ring fills after ring / (2 * devices) dumps; a module that has not
# refused after ring / devices dumps (one walk each) has no bound.
ring=$(cat /sys/module/$mod/parameters/put_max) || tb_fail "$mod has no put_max"
max=$((ring / ndev + 2))
n=0 ok=0
while [ $n -lt $max ]; do
	n=$((n + 1))
	bounded "dump $n" "$KQ"
	case $rc in
	0) ok=$((ok + 1));;
	3) grep -q '^errno=16 ' "$TB_CASE_TMP/q.out" && break
	   tb_fail "dump $n: $(cat "$TB_CASE_TMP/q.out")";;
	*) tb_fail "dump $n: exit $rc: $(cat "$TB_CASE_TMP/q.out")";;
	esac
done
[ $rc = 3 ] || tb_fail "no EBUSY after $n dumps of $ndev devices with the put worker blocked: the put queue is unbounded"
echo "dump $n refused with EBUSY after $ok answered ($ndev PCI devices, 2 walks each: $((ok * 2 * ndev)) references, ring $ring)"
[ $((ok * 2 * ndev)) -gt $((ring - 2 * ndev)) ] ||
	tb_fail "EBUSY after $ok dumps of $ndev devices: the ring is not full"

# the refusal lasts while the worker is blocked, and stays prompt
for q in "$KQ" "$KQ fid $other" "$KQ dump-fid $other"; do
	bounded "$q (put worker blocked)" $q
	[ $rc = 3 ] && grep -q '^errno=16 ' "$TB_CASE_TMP/q.out" ||
		tb_fail "$q while the queue is full: exit $rc: $(cat "$TB_CASE_TMP/q.out")"
done
echo "dump, single query and filtered dump: errno=16 (EBUSY), each within $limit s"
bounded "zpcidiag show" "$ZPCIDIAG" show "$oaddr"
grep 'kernel module' "$TB_CASE_TMP/q.out"
grep -q 'kernel module.*busy: a PCI removal is pending' "$TB_CASE_TMP/q.out" ||
	tb_fail "show does not say why the module did not answer: $(grep -i 'kernel module' "$TB_CASE_TMP/q.out")"

bounded "rmmod $mod" rmmod $mod
[ $rc != 0 ] || tb_fail "rmmod $mod succeeded while puts were queued"
grep -q "^$mod " /proc/modules || tb_fail "$mod is gone although puts were queued"
echo "rmmod while blocked: exit $rc within $limit s: $(head -n 1 "$TB_CASE_TMP/q.out")"
tb_let_go
# the worker drains the queue: queries answer, the module can go
tb_wait_for "$KQ fid $other >/dev/null 2>&1" 30 || tb_fail "queries still refused after the removal: $($KQ fid "$other")"
bounded "dump after" "$KQ"
[ $rc = 0 ] || tb_fail "dump after the removal: exit $rc: $(cat "$TB_CASE_TMP/q.out")"
grep -q "^$addr " "$TB_CASE_TMP/q.out" && tb_fail "the removed $addr is still in the dump"
tb_wait_for "rmmod $mod" 30 || tb_fail "rmmod $mod still fails after the removal: $(rmmod $mod 2>&1)"
echo 1 > "$slot/power" || tb_fail "cannot power $slot on again"
tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 30 || tb_fail "$addr did not come back after power on"
echo "$name ($addr): put worker blocked -> EBUSY after $ok dumps, rmmod refused at once; released -> drained, unloaded"
