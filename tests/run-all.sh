#!/bin/bash
# Every test zpcidiag has, as README's second command runs it:
#   1. the host suite (`make check`) in a plain build,
#   2. the same suite built with ASan and UBSan,
#   3. `make distcheck` (the release tarball builds and passes its own tests),
#      then a short fuzz pass (`make fuzz`, 60 s per target),
#   4. the in-guest suite on the emulated IBM Z (`make check-vm`, every
#      flavour under QEMU 10 with no repeat: Linux 6.1 as the small test
#      kernel and as Debian 12's stock kernel, Linux 7.2 as the small
#      iommufd-only kernel, Debian 13's stock 6.12 kernel, and the 6.12
#      kernel with lockdep + KASAN + kmemleak; tests/vm.mk, docs/testbed.md). The
#      QEMU 7.2 flavours are not part of it (`make check-vm-qemu72`).
# Prints one line per stage and ends with "total: N passed, N failed".
# Needs root on a Debian 12 machine: it installs what it needs with apt-get.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=${ZPCI_BUILD_DIR:-$top/_build}
logs=$build/logs
jobs=${JOBS:-2}
passed=0
failed=0

say() { printf 'run-all: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
	say "must run as root (installs build and emulator packages with apt-get)" >&2
	exit 2
fi

# Host-side test tools the suites use beside the testbed's packages.
HOST_TEST_PKGS="gcc libc6-dev make python3 pciutils valgrind git libvirt0 libxml2-utils zsh python3-prometheus-client"
missing=
for p in $HOST_TEST_PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	say "installing$missing"
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null ||
		{ say "apt-get install$missing failed" >&2; exit 2; }
fi
mkdir -p "$logs"

# CI's flavours: tests/vm.mk's TESTBED_FLAVOURS (its "=" and any "+=" lines).
ci_flavours=$(sed -n '/^TESTBED_FLAVOURS *+\{0,1\}=/,/[^\\]$/p' "$top/tests/vm.mk" |
	sed 's/^TESTBED_FLAVOURS *+\{0,1\}=//; s/\\$//')
# The host pieces of exactly these flavours (no QEMU 7.2, no kernel source
# a flavour does not build).
# shellcheck disable=SC2046
"$top/testbed/setup-host.sh" $(for f in $ci_flavours; do echo "--flavour=$f"; done) ||
	{ say "testbed/setup-host.sh failed" >&2; exit 2; }

# The test-bed kernels build in the background while the host suites run:
# those leave a core idle much of the time (the fuzz pass uses one), and a
# cold run has three kernels to build. At lower priority, so the host
# suites' timings stay those of a quiet machine. check-vm builds whatever is
# still missing itself (each kernel directory is locked, so it waits for a
# build in progress instead of starting another).
(for f in $ci_flavours; do
	case $f in stock*) continue;; esac
	nice -n 5 "$top/testbed/build-kernel.sh" --flavour "$f" || echo "prebuild of $f failed"
done) >"$logs/kernel-prebuild.log" 2>&1 &
prebuild=$!

(cd "$top" && ./autogen.sh >"$logs/autogen.log" 2>&1) || { say "autogen.sh failed: $logs/autogen.log" >&2; exit 2; }

# count_automake STAGE DIR: add the automake test summary of DIR to the totals.
count_automake() {
	local log=$2/test-suite.log p f
	if [ ! -r "$log" ]; then
		say "$1: no test-suite.log (build failed?)"
		failed=$((failed + 1))
		return
	fi
	p=$(awk '/^# PASS:/ {print $3; exit}' "$log")
	f=$(awk '/^# (FAIL|ERROR|XPASS):/ {n += $3} END {print n + 0}' "$log")
	say "$1: ${p:-0} passed, $f failed ($(awk '/^# SKIP:/ {print $3; exit}' "$log") skipped)"
	grep -E '^(FAIL|ERROR|XPASS):' "$log" | sed 's/^/run-all:   /'
	passed=$((passed + ${p:-0}))
	failed=$((failed + f))
}

# host_suite STAGE DIR CONFIGURE-ARGS...
host_suite() {
	local stage=$1 dir=$2
	shift 2
	rm -rf "$dir"
	mkdir -p "$dir"
	if ! (cd "$dir" && "$top/configure" -q "$@" >"$logs/$stage-configure.log" 2>&1 &&
	      make -j"$jobs" >"$logs/$stage-build.log" 2>&1); then
		say "$stage: configure or build failed, see $logs/$stage-*.log"
		tail -20 "$logs/$stage-build.log" 2>/dev/null | sed 's/^/run-all:   /'
		failed=$((failed + 1))
		return
	fi
	(cd "$dir" && make -j"$jobs" check >"$logs/$stage-check.log" 2>&1)
	count_automake "$stage" "$dir"
}

host_suite host "$build/host" --enable-werror
host_suite sanitizers "$build/asan" --enable-werror --enable-sanitizers

if (cd "$build/host" && make -j"$jobs" distcheck >"$logs/distcheck.log" 2>&1); then
	say "distcheck: 1 passed, 0 failed"
	passed=$((passed + 1))
else
	say "distcheck: 0 passed, 1 failed (see $logs/distcheck.log)"
	tail -20 "$logs/distcheck.log" | sed 's/^/run-all:   /'
	failed=$((failed + 1))
fi

# Fuzz pass: each libFuzzer target of fuzz/ for FUZZ_SECONDS (default 60)
# in its own build directory (configure must see clang with libFuzzer).
fuzz_stage() {
	local dir=$build/fuzz line fp ff p miss=
	for p in clang libclang-rt-14-dev; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || miss="$miss $p"
	done
	# shellcheck disable=SC2086
	[ -z "$miss" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
		apt-get install -y -qq --no-install-recommends $miss; } >"$logs/fuzz-install.log" 2>&1
	rm -rf "$dir"
	mkdir -p "$dir"
	(cd "$dir" && "$top/configure" -q >"$logs/fuzz-configure.log" 2>&1 &&
	 make -j"$jobs" fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}") >"$logs/fuzz.log" 2>&1
	grep -E '^fuzz: [^ ]+: ' "$logs/fuzz.log" | grep -v ': passed (' | sed 's/^/run-all:   /'
	line=$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed' "$logs/fuzz.log" | tail -1)
	if [ -z "$line" ]; then
		say "fuzz: 0 passed, 1 failed (no result line, see $logs/fuzz.log)"
		failed=$((failed + 1))
		return
	fi
	fp=${line#fuzz: }
	fp=${fp%% passed*}
	ff=${line#*passed, }
	ff=${ff%% failed*}
	say "fuzz: $fp passed, $ff failed"
	passed=$((passed + fp))
	failed=$((failed + ff))
}
fuzz_stage

# The in-guest suite prints its own "N passed, N failed" as its last such line.
wait "$prebuild"
(cd "$build/host" && make check-vm) 2>&1 | tee "$logs/check-vm.log"
vm=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$logs/check-vm.log" | tail -1)
if [ -n "$vm" ]; then
	vp=${vm%% passed*}
	vf=${vm#* passed, }
	vf=${vf%% failed*}
	say "check-vm: $vp passed, $vf failed"
	passed=$((passed + vp))
	failed=$((failed + vf))
else
	say "check-vm: no result line (the emulated machine did not run), see $logs/check-vm.log"
	failed=$((failed + 1))
fi

echo "total: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
