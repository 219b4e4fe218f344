#!/bin/sh
# Hardware counters (function measurement block) from debugfs, in the
# kernel's format (arch/s390/pci/pci_debug.c, pci_perf_show): a table, JSON,
# Prometheus counters, and switching measurement on/off as an action that a
# fake root refuses and --dry-run describes.
. "$(dirname "$0")/lib.sh"
R=$(fixture fmb-counters)

run 0 --sysfs-root "$R" stats
contains "$OUT" '^0020:00:00.0 +0x00000700 +enabled +DMA read bytes +8589934592$'
contains "$OUT" '^0050:00:00.0 +0x00000a00 +enabled +Received bytes +123456789012$'
contains "$OUT" '^0050:00:00.0 +0x00000a00 +enabled +update interval +4000 ms$'
contains "$OUT" '^0005:00:00.0 +0x00000210 +disabled '
contains "$OUT" '^0060:00:00.0 +0x00000660 +enabled +- +unknown measurement block format$'
contains "$OUT" '^- +0x00000a01 +unavailable +- +no PCI device \(standby\)$'

run 0 --sysfs-root "$R" --json stats
schema_valid stats
jeq '[(f["fid"], f["stats"]["state"]) for f in d["functions"]]' \
	'[[528, "disabled"], [1792, "enabled"], [2560, "enabled"], [1632, "enabled"], [2561, "unavailable"]]'
jeq 'd["functions"][1]["stats"]["counters"]["dma_write_bytes"]' 4096000
jeq 'd["functions"][2]["stats"]["counters"]["transmitted_packets"]' 11
jeq 'd["functions"][2]["stats"]["samples"], d["functions"][2]["stats"]["last_update_tod"]' '[3, "0xdb5a1c2e4f000003"]'
jeq 'd["functions"][0]["stats"]["counters"]' null

# Prometheus: one family per counter, its samples together, HELP and TYPE once
run 0 --sysfs-root "$R" stats --prometheus
contains "$OUT" '^zpcidiag_fmb_received_bytes_total\{segment="0050",bus="00",device="00",function="0",fid="0x00000a00"\} 123456789012$'
contains "$OUT" '^zpcidiag_fmb_enabled\{segment="0005",bus="00",device="00",function="0",fid="0x00000210"\} 0$'
contains "$OUT" '^# TYPE zpcidiag_fmb_load_operations_total counter$'
printf '%s\n' "$OUT" | python3 -c '
import sys, re
seen, last = set(), None
for line in sys.stdin:
    m = re.match(r"^(# (HELP|TYPE) )?(zpcidiag_\w+)", line)
    if not m:
        sys.exit("not a Prometheus line: " + line)
    fam = m.group(3)
    if fam != last:
        if fam in seen:
            sys.exit("family %s split" % fam)
        seen.add(fam)
        last = fam
' || fail "Prometheus families are not contiguous"
CHECKS=$((CHECKS + 1))

# switching measurement is an action: a fake root is refused, a dry run says what it would write
run 2 --sysfs-root "$R" stats --enable 0005:00:00.0
contains "$ERR" 'stats --enable: refusing to write into the fake root'
run 0 --sysfs-root "$R" stats --enable --dry-run 0005:00:00.0
contains "$OUT" '^would enable measurement of 0005:00:00.0 \(FID 0x00000210\): write 1 to .*/kernel/debug/pci/0005:00:00.0/statistics$'
grep -qx 'FMB statistics disabled' "$R/kernel/debug/pci/0005:00:00.0/statistics" || fail "a dry run wrote"
CHECKS=$((CHECKS + 1))
ZPCIDIAG_TEST_RECORD_WRITES=1 run 0 --sysfs-root "$R" stats --disable 0005:00:00.0
contains "$OUT" 'measurement already disabled'
run 2 --sysfs-root "$R" stats --enable
contains "$ERR" 'name the functions to change'
run 2 --sysfs-root "$R" stats --enable --disable 0005:00:00.0
run 2 --sysfs-root "$R" stats --dry-run
W=$WORK/writes
cp -r "$R" "$W"
ZPCIDIAG_TEST_RECORD_WRITES=1 run 0 --sysfs-root "$W" stats --disable 0050:00:00.0
[ "$(cat "$W/kernel/debug/pci/0050:00:00.0/statistics")" = 0 ] || fail "0 not written to the statistics file"
CHECKS=$((CHECKS + 1))
ZPCIDIAG_TEST_RECORD_WRITES=1 run 3 --sysfs-root "$W" stats --enable fid:0xa01

# a report keeps the statistics files and reads them back
run 0 --sysfs-root "$R" report -q -o "$WORK/r.tar.xz"
run 0 --report "$WORK/r.tar.xz" --json stats 0050:00:00.0
jeq 'd["functions"][0]["stats"]["counters"]["received_bytes"]' 123456789012
run 2 --report "$WORK/r.tar.xz" stats --enable 0050:00:00.0
contains "$ERR" 'a report cannot be changed'

# no debugfs (not mounted, not root): unavailable, and why
N=$WORK/nodebugfs
cp -r "$R" "$N"
rm -r "$N/kernel/debug"
run 0 --sysfs-root "$N" --json stats 0020:00:00.0
jeq 'd["functions"][0]["stats"]["state"]' unavailable
contains "$OUT" 'debugfs not mounted, or not root'
run 6 --sysfs-root "$N" stats --enable --dry-run 0020:00:00.0

# what pci_debug.c never writes: exit 4, the file named
M=$WORK/malformed
cp -r "$R" "$M"
printf 'Update interval: 4000 ms\nSamples: 3\n' >"$M/kernel/debug/pci/0050:00:00.0/statistics"
run 4 --sysfs-root "$M" stats 0050:00:00.0
contains "$ERR" '0050:00:00.0: statistics: line 2: fewer than the four common counters'
done_testing
