#!/bin/sh
# Region benchmark in the emulated IBM Z: boots the normal test kernel with
# tests/vm/cases/bench-region-pcistb-vs-bar.sh (skipped by CI: "needs:
# bench") and prints one table from the guest's "bench" lines.
#   bench/region.sh [COUNT]       requests per kind (default 20000)
# Needs root and testbed/setup-host.sh, like make check-vm.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
count=${1:-20000}
logs=$(mktemp -d /tmp/zpci-region-bench.XXXXXX)
# BENCH_COUNT reaches the case through the guest config like TESTBED_BENCH
TESTBED_BENCH=1 BENCH_COUNT=$count "$top/testbed/run-vm.sh" --flavour normal \
	--cases 'bench-region-*' --log-dir "$logs" >"$logs/run.out" 2>&1
rc=$?
grep -q '^| bench ' "$logs/console-normal.log" 2>/dev/null || {
	echo "region: no results (run-vm.sh exit $rc); see $logs/run.out and $logs/console-normal.log" >&2
	tail -20 "$logs/run.out" >&2
	exit 1
}
sed -n 's/^| bench //p' "$logs/console-normal.log" | awk -v count="$count" '
$1 == "kernel-loop" { next }
{ kind[NR] = $1; len[$1] = $2; n[$1] = $3; tot[$1] = $4; p50[$1] = $5; p99[$1] = $6; order[++k] = $1 }
END {
	printf "region (QEMU TCG, guest Linux 6.1; medians of %d requests per kind in 10 alternating rounds)\n", count
	printf "%-15s %6s %12s %12s %9s %9s %12s\n", "kind", "bytes", "MB/s", "requests/s", "p50 us", "p99 us", "us/request"
	for (i = 1; i <= k; i++) {
		o = order[i]; per = tot[o] / n[o]
		printf "%-15s %6d %12.2f %12.0f %9s %9s %12.2f\n", o, len[o], len[o] * 1e3 / per,
		       1e9 / per, p50[o] == "-" ? "-" : sprintf("%.1f", p50[o] / 1e3),
		       p99[o] == "-" ? "-" : sprintf("%.1f", p99[o] / 1e3), per / 1e3
	}
	if (tot["bar-pwrite"] && tot["region-pcistb"])
		printf "block writes: region %.2f x the BAR path throughput (target >= 8)\n",
		       (tot["bar-pwrite"] / n["bar-pwrite"]) / (tot["region-pcistb"] / n["region-pcistb"])
	if (tot["bar-pread"] && tot["region-pcilg"])
		printf "8-byte loads: region %.2f x the BAR path throughput\n",
		       (tot["bar-pread"] / n["bar-pread"]) / (tot["region-pcilg"] / n["region-pcilg"])
	if (tot["kernel-pcistb"])
		printf "per-request time: region PCISTB %.2f x the in-kernel loop (target <= 1.5)\n",
		       (tot["region-pcistb"] / n["region-pcistb"]) / (tot["kernel-pcistb"] / n["kernel-pcistb"])
	if (tot["kernel-pcilg"])
		printf "per-request time: region PCILG %.2f x the in-kernel loop\n",
		       (tot["region-pcilg"] / n["region-pcilg"]) / (tot["kernel-pcilg"] / n["kernel-pcilg"])
}'
echo "(guest console: $logs/console-normal.log)"
