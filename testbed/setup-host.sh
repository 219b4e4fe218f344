#!/bin/bash
# Prepare a Debian 12 host (as root) for the emulated IBM Z test bed, fetching
# only what the flavours asked for need:
#   setup-host.sh                          everything (every kernel, both emulators)
#   setup-host.sh --flavour F...           what those flavours need (docs/testbed.md)
#   setup-host.sh --step S...              named steps (--list-steps)
# A flavour is KIND-VERSION[@EMULATOR] as in run-vm.sh; without @EMULATOR only
# its kernel's pieces. Pieces: host packages, the s390x sysroot and busybox,
# linux-source-6.1 and Debian 12's stock s390x kernel; from Debian 13 (same
# mirror, private apt state, pinned in testbed/trixie.pins, a vanished pin
# replaced by the newest of its series: testbed/pins.py) QEMU 10.0,
# linux-source-6.12, the stock 6.12 kernel and a gcc-14 cross tree for its
# modules. Idempotent: every step leaves a stamp in the cache. One line per
# step on stderr; what the step's commands print goes to $CACHE/logs/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# Host packages: what every flavour needs (the cross compiler for zpcidiag
# and kmod/, mmdebstrap for the Debian 13 trees), what building a kernel
# needs, and Debian 12's QEMU 7.2 (only the optional qemu7.2 flavours).
HOST_PKGS="gcc libc6-dev python3 python3-jsonschema gcc-s390x-linux-gnu libc6-dev-s390x-cross
 linux-libc-dev-s390x-cross make kmod cpio xz-utils gzip autoconf automake pkg-config
 libpci-dev libpopt-dev libnl-3-dev libnl-genl-3-dev libjson-c-dev mmdebstrap libarchive-dev"
KBUILD_PKGS="bc bison flex libelf-dev libssl-dev"
QEMU72_PKGS="qemu-system-misc"
# The install flavour (make check-vm-install, not in CI): an s390x Debian
# tree made under qemu-user, its ext4 image.
INSTALL_PKGS="qemu-user-static binfmt-support arch-test e2fsprogs"
# Target libraries are extracted, not installed: multiarch installation of the
# -dev packages fails on version skew with the host's security updates.
SYSROOT_PKGS="libc6 busybox-static libpci-dev libpci3 libudev1 zlib1g
 libnl-3-dev libnl-3-200 libnl-genl-3-dev libnl-genl-3-200 libpopt-dev libpopt0
 libjson-c-dev libjson-c5 jq libjq1 libonig5
 libarchive-dev libarchive13 libacl1 libbz2-1.0 liblz4-1 liblzma5 libnettle8 libxml2 libzstd1
 libicu72 libstdc++6 libgcc-s1"

STEPS="host-packages sysroot linux-source-6.1 stock-6.1 trixie-apt qemu10 qemu7.2
 linux-source-6.12 stock-6.12 trixie-cross sid-apt linux-source-7.2 kernel-build"
# The steps a flavour needs: KIND-VERSION[@EMULATOR].
flavour_steps() {
	local b kind ver emu=
	b=$(flavour_build "$1")
	kind=${b%%-*} ver=${b#*-}
	case $1 in *@*) emu=${1#*@};; esac
	echo host-packages sysroot
	case $kind-$ver in
	stock-6.1) echo stock-6.1;;
	stock-6.12) echo trixie-apt stock-6.12 trixie-cross;;
	*-6.1) echo kernel-build linux-source-6.1;;
	*-6.12) echo kernel-build trixie-apt linux-source-6.12;;
	*-7.2) echo kernel-build sid-apt linux-source-7.2;;
	# a kernel this list does not know yet (a new flavour added elsewhere):
	# every kernel piece, as a full setup would fetch
	*) log "setup-host.sh knows no pieces of $1: setting up every kernel's"
	   echo kernel-build linux-source-6.1 stock-6.1 trixie-apt linux-source-6.12 stock-6.12 trixie-cross \
		sid-apt linux-source-7.2;;
	esac
	case $emu in
	'') ;;
	qemu10) echo trixie-apt qemu10;;
	qemu7.2) echo qemu7.2;;
	*) log "setup-host.sh knows no emulator $emu ($1): setting up both"
	   echo trixie-apt qemu10 qemu7.2;;
	esac
}

want='' all=1
while [ $# -gt 0 ]; do
	case $1 in
	--flavour) want="$want $(flavour_steps "$2")"; all=0; shift 2;;
	--flavour=*) want="$want $(flavour_steps "${1#*=}")"; all=0; shift;;
	--step) case " $(echo $STEPS) install-flavour " in *" $2 "*) ;; *) die "unknown step $2 (--list-steps)";; esac
		want="$want $2"; all=0; shift 2;;
	--list-steps) echo $STEPS; exit 0;;
	-h|--help) sed -n '2,15s/^# \{0,1\}//p' "$0"; exit 0;;
	*) die "unknown option $1";;
	esac
done
[ "$all" = 0 ] || want=$STEPS
wanted() { case " $(echo $want) " in *" $1 "*) return 0;; esac; return 1; }

mkdir -p "$CACHE" "$DEBS" "$STAMPS" "$SYSROOT" "$LOGS"

stamped() { [ -e "$STAMPS/$1" ]; }
stamp() { touch "$STAMPS/$1"; }
# The stamp of a step that depends on the pins names their hash: a new pin
# redoes the step.
pins_hash=$(grep -v '^#' "$PINS" | sha256sum | cut -c1-12)
sid_pins_hash=$(grep -v '^#' "$SID_PINS" | sha256sum | cut -c1-12)

host_packages() { # missing...
	if ! dpkg --print-foreign-architectures | grep -qx s390x; then
		dpkg --add-architecture s390x
	fi
	apt-get update -qq
	[ $# -eq 0 ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@"
}

# apt-get download writes into the current directory.
download() { # dir pkg...
	local d=$1; shift
	(cd "$d" && apt-get download -q -o APT::Sandbox::User=root "$@") || die "apt-get download $* failed"
}

# Unpack every .deb in $1 into $2.
unpack_debs() { # debdir root
	local d
	for d in "$1"/*.deb; do dpkg-deb -x "$d" "$2"; done
}

sysroot() {
	rm -rf "$SYSROOT"; mkdir -p "$SYSROOT"
	local pkgs='' p
	for p in $SYSROOT_PKGS; do pkgs="$pkgs $p:s390x"; done
	rm -f "$DEBS"/*_s390x.deb
	download "$DEBS" $pkgs
	unpack_debs "$DEBS" "$SYSROOT"
	# The -dev packages' .so links are absolute; point them into the sysroot.
	find "$SYSROOT" -type l -lname '/*' | while read -r l; do
		t=$(readlink "$l")
		ln -sfn "$SYSROOT$t" "$l"
	done
}

# linux-source-<ver>: the tarball inside the package, unpacked, and the
# package version beside it (part of the kernel build hash).
linux_source() { # version deb
	local dst=$CACHE/linux-source-$1
	rm -rf "$dst"; mkdir -p "$dst"
	dpkg-deb -x "$2" "$dst/pkg"
	tar -C "$dst" -xaf "$dst/pkg/usr/src/linux-source-$1.tar.xz"
	dpkg-deb -f "$2" Version > "$dst/version"
	rm -rf "$dst/pkg"
}

# Stock headers need two fixes before an external module builds against
# them: the arch headers' Makefile includes the common tree by absolute path,
# and their scripts/ and tools/ are host programs from linux-kbuild-<ver> of
# exactly the headers' version (the host's own may be another update).
stock_tree() { # dir abi kbuild-dir-name
	local dir=$1 abi=$2 kb=$3 hdr common
	rm -rf "$dir/root"
	unpack_debs "$dir" "$dir/root"
	hdr=$dir/root/usr/src/linux-headers-$abi-s390x
	common=$dir/root/usr/src/linux-headers-$abi-common
	sed -i "s|/usr/src/linux-headers-$abi-common|$common|g" "$hdr/Makefile"
	rm -f "$hdr/scripts" "$hdr/tools"
	ln -s "../../lib/$kb/scripts" "$hdr/scripts"
	ln -s "../../lib/$kb/tools" "$hdr/tools"
	echo "$abi" > "$dir/abi"
	ln -sfn "$hdr" "$dir/kdir"
	ln -sfn "$(ls "$dir"/root/boot/vmlinuz-*)" "$dir/vmlinuz"
}

stock_6_1() {
	# The ABI number (6.1.0-N) moves with point releases: take whatever the
	# archive's linux-image-s390x metapackage depends on.
	local abi ver d=$CACHE/stock
	abi=$(apt-cache depends linux-image-s390x:s390x 2>/dev/null |
	      sed -n 's/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-s390x.*/\1/p' | head -1)
	[ -n "$abi" ] || die "cannot find the stock s390x kernel ABI"
	echo "Debian 12 stock kernel $abi"
	rm -rf "$d"; mkdir -p "$d"
	download "$d" "linux-image-$abi-s390x:s390x" "linux-headers-$abi-s390x:s390x" "linux-headers-$abi-common"
	ver=$(dpkg-deb -f "$d"/linux-headers-$abi-common_*.deb Version)
	download "$d" "linux-kbuild-6.1:amd64=$ver"
	stock_tree "$d" "$abi" linux-kbuild-6.1
}

# --- Debian 13 pieces -----------------------------------------------------

suite_apt_update() { # state-dir suite [source-options]
	local m
	m=$(debian_mirror)
	[ -n "$m" ] || die "no Debian mirror found in the host's apt sources"
	rm -rf "$1"
	mkdir -p "$1"/{parts,lists/partial,cache/archives/partial}
	: > "$1/status"
	echo "deb [${3:+$3 }signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m $2 main" \
		> "$1/sources.list"
	# shellcheck disable=SC2046
	apt-get $(suite_apt_opts "$1") -o Acquire::Languages=none update
}
trixie_apt_update() { suite_apt_update "$TRIXIE_APT" trixie; }
# sid only for an arch-all package (linux-source-7.2): amd64's index besides
# binary-all, which apt always reads.
sid_apt_update() { suite_apt_update "$SID_APT" sid arch=amd64; }

# Debian 13 packages at their pinned versions (testbed/trixie.pins), or the
# newest of the same upstream series when the mirror dropped a pin
# (testbed/pins.py: checked against the SHA256 of the Packages index apt
# verified; each replacement printed and recorded in $LOGS/pins.log). Prints
# "NAME VERSION FILE" per package.
trixie_pins() { # [--resolve-only] [--dest DIR] pkg[:arch]...
	suite_pins "$TRIXIE_APT" trixie "$PINS" "Debian 13" "$@"
}
suite_pins() { # state-dir suite pins-file suite-name [pins.py options] pkg[:arch]...
	local idx=() f dir=$1 suite=$2 pins=$3 name=$4
	shift 4
	for f in "$dir"/lists/*_dists_"$suite"_main_binary-*_Packages*; do
		[ -e "$f" ] && idx+=(--packages "$f")
	done
	[ ${#idx[@]} -gt 0 ] || die "no $name package lists in $dir (step $suite-apt)"
	python3 "$TESTBED_DIR/pins.py" --pins "$pins" --suite "$name" "${idx[@]}" \
		--mirror "$(debian_mirror)" --notes "$LOGS/pins.log" "$@"
}
# The version to install of one package: QEMU and the cross compiler are
# installed by mmdebstrap, whose apt checks the files against the same index.
trixie_version() { # pkg
	trixie_pins --resolve-only "$1" | awk '{print $2}'
}
# Replacements of pins made during this run, for the terminal as well.
pin_notes() { if [ -e "$LOGS/pins.log" ]; then wc -l < "$LOGS/pins.log"; else echo 0; fi; }
pin_notes_mark=$(pin_notes)
show_pin_notes() { # (the foreground's job: quiet in a step run beside it)
	[ -z "${quiet_pins:-}" ] || return 0
	[ "$(pin_notes)" -gt "$pin_notes_mark" ] || return 0
	tail -n +"$((pin_notes_mark + 1))" "$LOGS/pins.log" | sed 's/^[^ ]* /testbed: pin: /' >&2
	pin_notes_mark=$(pin_notes)
}

qemu10() {
	local m ver dir=$CACHE/qemu10
	m=$(debian_mirror)
	ver=$(trixie_version qemu-system-s390x)
	[ -n "$ver" ] || die "no version of qemu-system-s390x to install"
	rm -rf "$dir"; mkdir -p "$dir"
	# Trixie's QEMU needs trixie's libraries: a minimal tree of its own, run
	# from the host through the tree's dynamic loader (no chroot, see vm.py).
	mmdebstrap --mode=root --variant=minbase --include="qemu-system-s390x=$ver" \
		--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		trixie "$dir/root" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m trixie main"
	"$dir/root/lib64/ld-linux-x86-64.so.2" --library-path \
		"$dir/root/lib/x86_64-linux-gnu:$dir/root/usr/lib/x86_64-linux-gnu" \
		"$dir/root/usr/bin/qemu-system-s390x" --version
}

linux_source_6_12() {
	local d=$CACHE/debs-trixie
	rm -rf "$d"; mkdir -p "$d"
	trixie_pins --dest "$d" linux-source-6.12
	linux_source 6.12 "$d"/linux-source-6.12_*.deb
	rm -rf "$d"
}

# The released 7.x line is in sid only (Debian 13 has 6.12): pinned in
# testbed/sid.pins, fetched and checked like the Debian 13 pins.
linux_source_7_2() {
	local d=$CACHE/debs-sid
	rm -rf "$d"; mkdir -p "$d"
	suite_pins "$SID_APT" sid "$SID_PINS" "Debian sid" --dest "$d" linux-source-7.2
	linux_source 7.2 "$d"/linux-source-7.2_*.deb
	rm -rf "$d"
}

# A Debian 13 tree with the cross compiler and kbuild tools Debian 13's
# kernel headers expect, and those headers at their own paths, so that
# `chroot TREE make -C /usr/src/linux-headers-<abi>-s390x M=...` builds
# external modules exactly as on a Debian 13 s390x machine.
cross_6_12() {
	local m abi dir=$CACHE/trixie-cross d p gcc kb
	d=$(stock_dir 6.12)
	abi=$(cat "$d/abi")
	m=$(debian_mirror)
	gcc=$(trixie_version gcc-14-s390x-linux-gnu)
	kb=$(dpkg-deb -f "$d"/linux-kbuild-*.deb Version)
	rm -rf "$dir"; mkdir -p "$dir"
	mmdebstrap --mode=root --variant=minbase \
		--include="gcc-14-s390x-linux-gnu=$gcc,make,linux-kbuild-$abi=$kb" \
		--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		trixie "$dir/root" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m trixie main"
	for p in "$d"/linux-headers-*.deb; do dpkg-deb -x "$p" "$dir/root"; done
	chroot "$dir/root" s390x-linux-gnu-gcc-14 --version
}

stock_6_12() {
	local d pabi abi kb
	d=$(stock_dir 6.12)
	# The pinned image names its ABI: linux-image-<abi>-s390x; a replacement
	# brings its headers and kbuild tools of the same ABI.
	pabi=$(awk '$1 ~ /^linux-image-6\.12\..*-s390x$/ {sub(/^linux-image-/, "", $1); sub(/-s390x$/, "", $1); print $1}' "$PINS")
	[ -n "$pabi" ] || die "no linux-image-6.12.*-s390x in $PINS"
	rm -rf "$d"; mkdir -p "$d"
	trixie_pins --dest "$d" "linux-image-$pabi-s390x:s390x" "linux-headers-$pabi-s390x:s390x" \
		"linux-headers-$pabi-common" "linux-kbuild-$pabi:amd64" | tee "$d/fetched"
	abi=$(awk '$1 ~ /^linux-image-/ {sub(/^linux-image-/, "", $1); sub(/-s390x$/, "", $1); print $1}' "$d/fetched")
	# Debian 13 names the kbuild directory after the ABI: /usr/lib/linux-kbuild-<abi>.
	kb=linux-kbuild-$abi
	stock_tree "$d" "$abi" "$kb"
	[ -d "$d/root/usr/lib/$kb/scripts" ] || die "linux-kbuild-$abi has no scripts/ at /usr/lib/$kb"
}

# --- steps ------------------------------------------------------------------

# run_step NAME STAMP DESCRIPTION FUNCTION [ARGS]: a wanted step not done
# yet; without root only a check that it was done.
run_step() {
	local name=$1 st=$2 what=$3
	shift 3
	wanted "$name" || return 0
	stamped "$st" && return 0
	[ "$(id -u)" -eq 0 ] || die "test-bed step $name not done yet: run testbed/setup-host.sh as root once"
	step "$what" "$name" "$@"
	stamp "$st"
	show_pin_notes
}

# The host packages of the wanted steps that are missing.
pkgs=$HOST_PKGS
wanted kernel-build && pkgs="$pkgs $KBUILD_PKGS"
wanted qemu7.2 && pkgs="$pkgs $QEMU72_PKGS"
wanted install-flavour && pkgs="$pkgs $INSTALL_PKGS"
missing=
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ] || ! stamped apt-updated || ! dpkg --print-foreign-architectures | grep -qx s390x; then
	[ "$(id -u)" -eq 0 ] || die "host packages missing:${missing:- (apt lists)}: run testbed/setup-host.sh as root once"
	# shellcheck disable=SC2086
	step "installing host packages:${missing:- none missing}" host-packages host_packages $missing
	stamp apt-updated
fi

# the install flavour runs s390x programs under qemu-user (binfmt_misc)
if wanted install-flavour && [ ! -e /proc/sys/fs/binfmt_misc/qemu-s390x ]; then
	[ "$(id -u)" -eq 0 ] || die "no binfmt handler for s390x: run testbed/setup-host.sh --step install-flavour as root"
	mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
	update-binfmts --enable qemu-s390x
fi

sysroot_stamp=sysroot-$(echo $SYSROOT_PKGS | sha256sum | cut -c1-12)
run_step sysroot "$sysroot_stamp" "fetching s390x libraries and busybox into the sysroot" sysroot
linux_source_6_1() {
	rm -f "$DEBS"/linux-source-6.1_*.deb
	(cd "$DEBS" && apt-get download -q -o APT::Sandbox::User=root linux-source-6.1)
	linux_source 6.1 "$(ls "$DEBS"/linux-source-6.1_*.deb)"
}
run_step linux-source-6.1 linux-source "fetching and unpacking linux-source-6.1" linux_source_6_1
run_step stock-6.1 stock-kernel "fetching Debian 12's stock s390x kernel" stock_6_1
run_step trixie-apt "trixie-apt-$pins_hash" "reading Debian 13's package lists (private apt state)" trixie_apt_update
# QEMU 10's tree needs nothing the later steps make, and its download and
# unpacking wait on the network and the disk more than on a CPU: it goes on
# beside them, its line printed when it ends.
(
	quiet_pins=1
	run_step qemu10 "qemu10-$(pin qemu-system-s390x)" \
		"unpacking QEMU $(pin qemu-system-s390x | sed 's/^[0-9]*://; s/+.*//') from Debian 13 (mmdebstrap)" qemu10
) 2>"$LOGS/qemu10.line" &
qemu10_job=$!
# a failing step ends this script: not the unpacking beside it
trap 'kill "$qemu10_job" 2>/dev/null || true' EXIT
run_step linux-source-6.12 "linux-source-6.12-$(pin linux-source-6.12)" \
	"fetching linux-source-6.12 from Debian 13" linux_source_6_12
run_step sid-apt "sid-apt-$sid_pins_hash" "reading Debian sid's package lists (private apt state)" sid_apt_update
run_step linux-source-7.2 "linux-source-7.2-$(pin linux-source-7.2 "$SID_PINS")" \
	"fetching linux-source-7.2 from Debian sid" linux_source_7_2
run_step stock-6.12 "stock-6.12-$pins_hash" "fetching Debian 13's stock s390x 6.12 kernel" stock_6_12
run_step trixie-cross "trixie-cross-$pins_hash" \
	"unpacking Debian 13's s390x cross compiler for the stock 6.12 kernel's modules" cross_6_12

rc=0
wait "$qemu10_job" || rc=$?
cat "$LOGS/qemu10.line" >&2
[ "$rc" -eq 0 ] || exit "$rc"
show_pin_notes

# every step of a full setup (no --flavour, --step) done
[ "$all" = 0 ] || [ "$(id -u)" -ne 0 ] || stamp setup-done
