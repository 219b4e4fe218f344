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
	count=$(sed -n 's/^| bench zpci-pwrite [0-9]* \([0-9]*\) .*/\1/p' "$console")
else
	count=${1:-20000}
	logs=$(mktemp -d /tmp/zpci-region-bench.XXXXXX)
	console=$logs/console-${BENCH_FLAVOUR:-normal-6.12@qemu10}.log
	# BENCH_COUNT reaches the case through the guest config like TESTBED_BENCH
	TESTBED_BENCH=1 BENCH_COUNT=$count "$top/testbed/run-vm.sh" --flavour "${BENCH_FLAVOUR:-normal-6.12@qemu10}" \
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
	printf "region (QEMU TCG, %d system calls per kind; throughput from the mean time per call;\n", count
	printf "zpci-*: zpci_vfio_pci, vfiopci-*: vfio-pci on the same function; the kernel loop has no per-call times)\n"
	printf "%-18s %6s %10s %12s %12s %9s %9s\n", "kind", "bytes", "MB/s", "calls/s", "mean us", "p50 us", "p99 us"
	for (i = 1; i <= k; i++) {
		o = order[i]
		printf "%-18s %6d %10.2f %12.0f %12.2f %9s %9s\n", o, len[o], len[o] * 1e3 / mean(o),
		       1e9 / mean(o), mean(o) / 1e3, p50[o] == "-" ? "-" : sprintf("%.1f", p50[o] / 1e3),
		       p99[o] == "-" ? "-" : sprintf("%.1f", p99[o] / 1e3)
	}
	if (tot["zpci-pwritev"] && tot["vfiopci-pwrite"])
		printf "batched PCISTB (pwritev) / vfio-pci BAR pwrite, bytes per second: %.2f x (means), %.2f x (medians) (target >= 8)\n",
		       (len["zpci-pwritev"] / mean("zpci-pwritev")) / (len["vfiopci-pwrite"] / mean("vfiopci-pwrite")),
		       (len["zpci-pwritev"] / p50["zpci-pwritev"]) / (len["vfiopci-pwrite"] / p50["vfiopci-pwrite"])
	if (tot["zpci-pwrite"] && tot["vfiopci-pwrite"])
		printf "single PCISTB (pwrite) / vfio-pci BAR pwrite of the same bytes, throughput: %.2f x (means), %.2f x (medians)\n",
		       mean("vfiopci-pwrite") / mean("zpci-pwrite"), p50["vfiopci-pwrite"] / p50["zpci-pwrite"]
	if (tot["zpci-pread"] && tot["vfiopci-pread"])
		printf "8-byte pread, zpci_vfio_pci / vfio-pci, throughput: %.2f x (means), %.2f x (medians)\n",
		       mean("vfiopci-pread") / mean("zpci-pread"), p50["vfiopci-pread"] / p50["zpci-pread"]
	if (tot["kernel-pcistb"])
		printf "single PCISTB time per call / in-kernel loop: %.2f x (means), %.2f x (median) (target <= 1.5)\n",
		       mean("zpci-pwrite") / mean("kernel-pcistb"), p50["zpci-pwrite"] / mean("kernel-pcistb")
}'
echo "(guest console: $console)"
