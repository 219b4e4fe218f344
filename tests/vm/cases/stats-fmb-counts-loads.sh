# The emulator keeps a function measurement block: QEMU's s390 PCI code
# (hw/s390x/s390-pci-inst.c) counts PCILG, PCISTG, PCISTB and RPCIT per
# function once the guest registers a block (Modify PCI Function Controls,
# set measurement) and a timer stores it every update interval. The kernel
# registers one when it enables a function (measured: rng0 shows "Update
# interval: 4000 ms" at boot). zpcidiag stats --disable (after a dry run that
# writes nothing) drops it, --enable registers a fresh one, config-space reads
# (PCILG) raise load_operations and samples grow.
# flavour: normal
. /testbed/lib.sh
[ -d /sys/kernel/debug/pci ] || tb_skip "no /sys/kernel/debug/pci (debugfs not mounted)"
d=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
st=/sys/kernel/debug/pci/$addr/statistics
[ -e "$st" ] || tb_fail "$st missing although /sys/kernel/debug/pci exists"
field() {	# JQ-EXPR over the function's stats member
	"$ZPCIDIAG" --json stats "$addr" | jq -r ".functions[0].stats | $1"
}
initial=$(field .state)
echo "at boot: $initial"
"$ZPCIDIAG" stats "$addr"
trap '[ "$initial" = enabled ] && echo 1 > "$st" 2>/dev/null' EXIT
if [ "$initial" = enabled ]; then
	"$ZPCIDIAG" stats --disable --dry-run "$addr" > "$TB_CASE_TMP/dry" || tb_fail "dry run exited $?"
	grep -q "^would disable measurement of $addr" "$TB_CASE_TMP/dry" || tb_fail "dry run said: $(cat "$TB_CASE_TMP/dry")"
	[ "$(field .state)" = enabled ] || tb_fail "the dry run switched measurement off"
	"$ZPCIDIAG" stats --disable "$addr" || tb_fail "stats --disable exited $?"
	[ "$(field .state)" = disabled ] || tb_fail "still on after --disable: $(cat "$st")"
	[ "$(head -1 "$st")" = "FMB statistics disabled" ] || tb_fail "kernel: $(head -1 "$st")"
fi
"$ZPCIDIAG" stats --enable "$addr" || tb_fail "stats --enable exited $?"
[ "$(field .state)" = enabled ] || tb_fail "not enabled after --enable: $(cat "$st")"
"$ZPCIDIAG" stats --enable "$addr" | grep -q "already enabled" || tb_fail "a second --enable did not say 'already enabled'"
ms=$(field .update_interval_ms)
[ "$ms" -gt 0 ] 2>/dev/null || tb_fail "update interval '$ms'"
loads0=$(field .counters.load_operations)
# config space reads are PCILG instructions; wait up to three update intervals
for i in 1 2 3 4 5 6 7 8; do
	dd if="$d/config" of=/dev/null bs=64 count=4 2>/dev/null
done
loads=0 samples=0 waited=0
while [ $waited -le $((3 * ms / 1000 + 2)) ]; do
	loads=$(field .counters.load_operations)
	samples=$(field .samples)
	[ "$loads" -gt "$loads0" ] && [ "$samples" -gt 0 ] && break
	sleep 1
	waited=$((waited + 1))
done
"$ZPCIDIAG" stats "$addr"
"$ZPCIDIAG" stats --prometheus "$addr" | grep load_operations
[ "$samples" -gt 0 ] || tb_fail "no FMB sample after ${waited}s (interval $ms ms): $(cat "$st")"
[ "$loads" -gt "$loads0" ] || tb_fail "load_operations stays $loads0 after config reads: $(cat "$st")"
echo "rng0 $addr: interval $ms ms; after --enable $loads0 loads, after 32 config reads and ${waited}s: $loads loads, $samples samples"
