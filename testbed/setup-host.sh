#!/bin/bash
# Prepare a Debian 12 host (as root) for the emulated IBM Z test bed:
# host packages, the s390x sysroot, busybox, linux-source-6.1 and Debian 12's
# stock s390x kernel; from Debian 13 (same mirror, private apt state, pinned
# in testbed/trixie.pins) QEMU 10.0, linux-source-6.12 and the stock 6.12
# kernel. Idempotent: every step leaves a stamp in the cache. One line per
# step on stderr; what the step's commands print goes to $CACHE/logs/.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

HOST_PKGS="gcc libc6-dev python3 python3-jsonschema qemu-system-misc gcc-s390x-linux-gnu libc6-dev-s390x-cross
 linux-libc-dev-s390x-cross make bc bison flex libelf-dev libssl-dev kmod cpio
 xz-utils gzip autoconf automake pkg-config libpci-dev libpopt-dev libnl-3-dev
 libnl-genl-3-dev libjson-c-dev mmdebstrap libarchive-dev"
# Target libraries are extracted, not installed: multiarch installation of the
# -dev packages fails on version skew with the host's security updates.
SYSROOT_PKGS="libc6 busybox-static libpci-dev libpci3 libudev1 zlib1g
 libnl-3-dev libnl-3-200 libnl-genl-3-dev libnl-genl-3-200 libpopt-dev libpopt0
 libjson-c-dev libjson-c5 jq libjq1 libonig5
 libarchive-dev libarchive13 libacl1 libbz2-1.0 liblz4-1 liblzma5 libnettle8 libxml2 libzstd1
 libicu72 libstdc++6 libgcc-s1"

mkdir -p "$CACHE" "$DEBS" "$STAMPS" "$SYSROOT"

if [ "$(id -u)" -ne 0 ]; then
	# Without root we can still proceed if an earlier root run prepared everything.
	[ -e "$STAMPS/setup-done" ] || die "setup-host.sh must run as root once"
	exit 0
fi

stamped() { [ -e "$STAMPS/$1" ]; }
stamp() { touch "$STAMPS/$1"; }
# The stamp of a step that depends on the pins names their hash: a new pin
# redoes the step.
pins_hash=$(grep -v '^#' "$PINS" | sha256sum | cut -c1-12)

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

trixie_apt_update() {
	local m
	m=$(debian_mirror)
	[ -n "$m" ] || die "no Debian mirror found in the host's apt sources"
	rm -rf "$TRIXIE_APT"
	mkdir -p "$TRIXIE_APT"/{parts,lists/partial,cache/archives/partial}
	: > "$TRIXIE_APT/status"
	echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m trixie main" \
		> "$TRIXIE_APT/sources.list"
	# shellcheck disable=SC2046
	apt-get $(trixie_apt_opts) update
}

# Fetch Debian 13 packages at their pinned versions into a directory, with a
# message naming the package when the mirror no longer has it.
trixie_download() { # dir pkg[:arch]...
	local d=$1 p name ver offered
	shift
	for p in "$@"; do
		name=${p%%:*}
		ver=$(pin "$name")
		# shellcheck disable=SC2046
		if ! apt-cache $(trixie_apt_opts) show "$p=$ver" >/dev/null 2>&1; then
			offered=$(apt-cache $(trixie_apt_opts) madison "$p" 2>/dev/null | awk -F'|' '{gsub(/ /, "", $2); print $2}' | sort -u | tr '\n' ' ')
			die "Debian 13 package $name $ver (pinned in testbed/trixie.pins) is not on the mirror any more; it offers: ${offered:-nothing}"
		fi
		# shellcheck disable=SC2046
		(cd "$d" && apt-get $(trixie_apt_opts) download -q "$p=$ver") ||
			die "Debian 13 package $name $ver is listed but could not be downloaded (update testbed/trixie.pins)"
	done
}

qemu10() {
	local m ver dir=$CACHE/qemu10
	m=$(debian_mirror)
	ver=$(pin qemu-system-s390x)
	# shellcheck disable=SC2046
	apt-cache $(trixie_apt_opts) show "qemu-system-s390x=$ver" >/dev/null 2>&1 ||
		die "Debian 13 package qemu-system-s390x $ver (pinned in testbed/trixie.pins) is not on the mirror any more"
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
	trixie_download "$d" linux-source-6.12
	linux_source 6.12 "$d"/linux-source-6.12_*.deb
	rm -rf "$d"
}

# A Debian 13 tree with the cross compiler and kbuild tools Debian 13's
# kernel headers expect, and those headers at their own paths, so that
# `chroot TREE make -C /usr/src/linux-headers-<abi>-s390x M=...` builds
# external modules exactly as on a Debian 13 s390x machine.
cross_6_12() {
	local m abi dir=$CACHE/trixie-cross d p
	abi=$(cat "$(stock_dir 6.12)/abi")
	m=$(debian_mirror)
	rm -rf "$dir"; mkdir -p "$dir"
	mmdebstrap --mode=root --variant=minbase \
		--include="gcc-14-s390x-linux-gnu=$(pin gcc-14-s390x-linux-gnu),make,linux-kbuild-$abi=$(pin "linux-kbuild-$abi")" \
		--dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
		--dpkgopt='path-exclude=/usr/share/locale/*' \
		trixie "$dir/root" "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $m trixie main"
	d=$(stock_dir 6.12)
	for p in "$d"/linux-headers-*.deb; do dpkg-deb -x "$p" "$dir/root"; done
	chroot "$dir/root" s390x-linux-gnu-gcc-14 --version
}

stock_6_12() {
	local d abi kb
	d=$(stock_dir 6.12)
	# The pinned image names its ABI: linux-image-<abi>-s390x.
	abi=$(awk '$1 ~ /^linux-image-6\.12\..*-s390x$/ {sub(/^linux-image-/, "", $1); sub(/-s390x$/, "", $1); print $1}' "$PINS")
	[ -n "$abi" ] || die "no linux-image-6.12.*-s390x in $PINS"
	rm -rf "$d"; mkdir -p "$d"
	trixie_download "$d" "linux-image-$abi-s390x:s390x" "linux-headers-$abi-s390x:s390x" \
		"linux-headers-$abi-common" "linux-kbuild-$abi:amd64"
	# Debian 13 names the kbuild directory after the ABI: /usr/lib/linux-kbuild-<abi>.
	kb=linux-kbuild-$abi
	stock_tree "$d" "$abi" "$kb"
	[ -d "$d/root/usr/lib/$kb/scripts" ] || die "linux-kbuild-$abi has no scripts/ at /usr/lib/$kb"
}

# --- steps ------------------------------------------------------------------

missing=
for p in $HOST_PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ] || ! stamped apt-updated || ! dpkg --print-foreign-architectures | grep -qx s390x; then
	# shellcheck disable=SC2086
	step "installing host packages:${missing:- none missing}" host-packages host_packages $missing
	stamp apt-updated
fi

sysroot_stamp=sysroot-$(echo $SYSROOT_PKGS | sha256sum | cut -c1-12)
if ! stamped "$sysroot_stamp"; then
	step "fetching s390x libraries and busybox into the sysroot" sysroot sysroot
	stamp "$sysroot_stamp"
fi
if ! stamped linux-source; then
	rm -f "$DEBS"/linux-source-6.1_*.deb
	step "fetching linux-source-6.1" linux-source-6.1 \
		sh -c "cd '$DEBS' && apt-get download -q -o APT::Sandbox::User=root linux-source-6.1"
	step "unpacking linux-source-6.1" linux-source-6.1-unpack linux_source 6.1 "$(ls "$DEBS"/linux-source-6.1_*.deb)"
	stamp linux-source
fi
if ! stamped stock-kernel; then
	step "fetching Debian 12's stock s390x kernel" stock-6.1 stock_6_1
	stamp stock-kernel
fi
if ! stamped "trixie-apt-$pins_hash"; then
	step "reading Debian 13's package lists (private apt state)" trixie-apt trixie_apt_update
	stamp "trixie-apt-$pins_hash"
fi
if ! stamped "qemu10-$(pin qemu-system-s390x)"; then
	step "unpacking QEMU $(pin qemu-system-s390x) from Debian 13 (mmdebstrap)" qemu10 qemu10
	stamp "qemu10-$(pin qemu-system-s390x)"
fi
if ! stamped "linux-source-6.12-$(pin linux-source-6.12)"; then
	step "fetching linux-source-6.12 $(pin linux-source-6.12) from Debian 13" linux-source-6.12 linux_source_6_12
	stamp "linux-source-6.12-$(pin linux-source-6.12)"
fi
if ! stamped "stock-6.12-$pins_hash"; then
	step "fetching Debian 13's stock s390x 6.12 kernel" stock-6.12 stock_6_12
	stamp "stock-6.12-$pins_hash"
fi
if ! stamped "trixie-cross-$pins_hash"; then
	step "unpacking Debian 13's s390x cross compiler for the stock 6.12 kernel's modules" \
		trixie-cross cross_6_12
	stamp "trixie-cross-$pins_hash"
fi

stamp setup-done
