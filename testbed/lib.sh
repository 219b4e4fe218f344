# Shared settings for the test-bed scripts; sourced, never run.
# The cache lives outside the repository: CI runs in fresh clones on the same
# machine and the kernel builds must survive them.
TESTBED_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$TESTBED_DIR/.." && pwd)
CACHE=${ZPCI_TESTBED_CACHE:-/var/cache/zpcidiag-testbed}
SYSROOT=$CACHE/sysroot
DEBS=$CACHE/debs
STAMPS=$CACHE/stamps
CROSS=s390x-linux-gnu-
JOBS=${ZPCI_TESTBED_JOBS:-2}
# Debian 12's stock s390x kernel ABI; the image/headers packages carry it in their names.
STOCK_KVER=${ZPCI_TESTBED_STOCK_KVER:-}
# Kernel versions the test bed builds and boots; the default one first.
KERNEL_VERSIONS="6.1 6.12 7.2"
# Where the Debian 13 pieces live: QEMU 10 as an unpacked trixie tree run
# through its own dynamic loader, and a private apt state to fetch them.
QEMU10_ROOT=$CACHE/qemu10/root
TRIXIE_APT=$CACHE/trixie-apt
TRIXIE_CROSS=$CACHE/trixie-cross/root
PINS=$TESTBED_DIR/trixie.pins
# Debian unstable, for the 7.x kernel source only (same private-state scheme).
SID_APT=$CACHE/sid-apt
SID_PINS=$TESTBED_DIR/sid.pins

log() { printf 'testbed: %s\n' "$*" >&2; }
die() { printf 'testbed: error: %s\n' "$*" >&2; exit 1; }

# The source tree of a kernel version (6.1 or 6.12) from Debian's linux-source package.
kernel_src_dir() { # [version]
	ls -d "$CACHE/linux-source-${1:-6.1}/linux-source-${1:-6.1}" 2>/dev/null
}
# Debian's stock kernel of a version: 6.1 from Debian 12, 6.12 from Debian 13.
stock_dir() { # version
	if [ "${1:-6.1}" = 6.1 ]; then echo "$CACHE/stock"; else echo "$CACHE/stock-$1"; fi
}

# The machine's Debian mirror, read from its apt sources at run time: the
# test bed names no host of its own.
debian_mirror() {
	local f=/etc/apt/sources.list.d/debian.sources
	if [ -r "$f" ]; then
		awk '/^URIs:/ {u = $2} /^Suites:/ && / bookworm( |$)/ {print u; exit}' "$f"
	elif [ -r /etc/apt/sources.list ]; then
		awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list
	fi
}

# apt-get/apt-cache against Debian 13 only, with state of its own under the
# cache: the host's sources, lists and package database stay untouched.
trixie_apt_opts() { suite_apt_opts "$TRIXIE_APT"; }
suite_apt_opts() { # state-dir
	echo "-o Dir::Etc::SourceList=$1/sources.list -o Dir::Etc::SourceParts=$1/parts" \
	     "-o Dir::Etc::PreferencesParts=$1/parts -o Dir::State::Lists=$1/lists" \
	     "-o Dir::Cache=$1/cache -o Dir::State::status=$1/status" \
	     "-o APT::Sandbox::User=root"
}
# The pinned version of a Debian 13 package (testbed/trixie.pins).
pin() { # package [pins-file]
	local v
	v=$(awk -v p="$1" '$1 == p {print $2}' "${2:-$PINS}")
	[ -n "$v" ] || die "no pin for $1 in ${2:-$PINS}"
	echo "$v"
}

# First-run output: each step prints one line (what, then how long it took);
# what its commands print (apt unpacking, kconfig override warnings, the
# compiler) goes to a log under the cache, whose tail is shown on failure.
LOGS=$CACHE/logs
step() { # description logname command...
	local what=$1 name=$2 t0=$SECONDS rc=0 el pre=
	shift 2
	mkdir -p "$LOGS"
	# TESTBED_WHOLE_LINES: the step runs beside others; its line is printed
	# whole (one write) when it ends.
	if [ -n "${TESTBED_WHOLE_LINES:-}" ]; then pre="testbed: $what ... "; else printf 'testbed: %s ... ' "$what" >&2; fi
	# A subshell, so that set -e and die() inside the step end the step only.
	set +e
	(set -e; "$@") >"$LOGS/$name.log" 2>&1 </dev/null
	rc=$?
	set -e
	el=$((SECONDS - t0))
	if [ $rc -ne 0 ]; then
		printf '%sFAILED after %dm%02ds; end of %s:\n' "$pre" $((el / 60)) $((el % 60)) "$LOGS/$name.log" >&2
		tail -n 25 "$LOGS/$name.log" | sed 's/^/  | /' >&2
		exit $rc
	fi
	printf '%sdone (%dm%02ds)\n' "$pre" $((el / 60)) $((el % 60)) >&2
}

# A flavour's kernel build: KIND[-VERSION][@EMULATOR] -> KIND-VERSION. The
# default versions are testbed/vm.py's DEFAULT_KERNEL.
flavour_build() {
	local f=${1%%@*} kind ver
	kind=${f%%-*}
	if [ "$kind" = "$f" ]; then
		case $kind in debug|kasan) ver=6.12;; *) ver=6.1;; esac
	else
		ver=${f#*-}
	fi
	echo "$kind-$ver"
}
