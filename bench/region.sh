#!/bin/sh
# Region benchmark in the emulated IBM Z: boots the normal test kernel with
# tests/vm/cases/bench-region-pcistb-vs-bar.sh (skipped by CI: "needs:
# bench") and prints one table from the guest's "bench" lines.
#   bench/region.sh [COUNT]       requests per kind (default 20000)
#   bench/region.sh --log CONSOLE-LOG   the table of an earlier run
# Needs root and testbed/setup-host.sh, like make check-vm.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = --log ]; then
	console=$2
	count=$(sed -n 's/^| bench region-pcistb [0-9]* \([0-9]*\) .*/\1/p' "$console")
else
	count=${1:-20000}
	logs=$(mktemp -d /tmp/zpci-region-bench.XXXXXX)
	console=$logs/console-normal.log
	# BENCH_COUNT reaches the case through the guest config like TESTBED_BENCH
	TESTBED_BENCH=1 BENCH_COUNT=$count "$top/testbed/run-vm.sh" --flavour normal \
		--cases 'bench-region-*' --log-dir "$logs" >"$logs/run.out" 2>&1
	rc=$?
	grep -q '^| bench ' "$console" 2>/dev/null || {
		echo "region: no results (run-vm.sh exit $rc); see $logs/run.out and $console" >&2
		tail -20 "$logs/run.out" >&2
		exit 1
	}
fi
sed -n 's/^| bench //p' "$console" | awk -v count="$count" '
$1 == "kernel-loop" { next }
{ len[$1] = $2; n[$1] = $3; tot[$1] = $4; p50[$1] = $5; p99[$1] = $6; order[++k] = $1 }
function mean(o) { return tot[o] / n[o] }
function ratio(what, a, b, target) {
	if (!tot[a] || !tot[b])
		return
	printf "%s: %.2f x (means), %s x (medians)%s\n", what, mean(b) / mean(a),
	       p50[a] != "-" && p50[b] != "-" ? sprintf("%.2f", p50[b] / p50[a]) : "-", target
}
END {
	printf "region (QEMU 7.2 TCG, guest Linux 6.1, %d requests per kind in 10 alternating rounds;\n", count
	printf "throughput from the mean time per request, the kernel loop has no per-request times)\n"
	printf "%-15s %6s %10s %12s %12s %9s %9s\n", "kind", "bytes", "MB/s", "requests/s", "mean us", "p50 us", "p99 us"
	for (i = 1; i <= k; i++) {
		o = order[i]
		printf "%-15s %6d %10.2f %12.0f %12.2f %9s %9s\n", o, len[o], len[o] * 1e3 / mean(o),
		       1e9 / mean(o), mean(o) / 1e3, p50[o] == "-" ? "-" : sprintf("%.1f", p50[o] / 1e3),
		       p99[o] == "-" ? "-" : sprintf("%.1f", p99[o] / 1e3)
	}
	ratio("block writes, region throughput / BAR path", "region-pcistb", "bar-pwrite", " (target >= 8)")
	ratio("8-byte loads, region throughput / BAR path", "region-pcilg", "bar-pread", "")
	if (tot["kernel-pcistb"])
		printf "region PCISTB time per request / in-kernel loop: %.2f x (means), %.2f x (median) (target <= 1.5)\n",
		       mean("region-pcistb") / mean("kernel-pcistb"), p50["region-pcistb"] / mean("kernel-pcistb")
	if (tot["kernel-pcilg"])
		printf "region PCILG time per request / in-kernel loop: %.2f x (means), %.2f x (median)\n",
		       mean("region-pcilg") / mean("kernel-pcilg"), p50["region-pcilg"] / mean("kernel-pcilg")
}'
echo "(guest console: $console)"
