#!/bin/bash
# Prepare a Debian 12 host (as root) for the emulated IBM Z test bed:
# host packages, the s390x sysroot, busybox, linux-source-6.1 and Debian's
# stock s390x kernel.  Idempotent: every step leaves a stamp in the cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

HOST_PKGS="gcc libc6-dev python3 python3-jsonschema qemu-system-misc gcc-s390x-linux-gnu libc6-dev-s390x-cross
 linux-libc-dev-s390x-cross make bc bison flex libelf-dev libssl-dev kmod cpio
 xz-utils gzip autoconf automake pkg-config libpci-dev libpopt-dev libnl-3-dev
 libnl-genl-3-dev libjson-c-dev libarchive-dev"
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

step() { [ -e "$STAMPS/$1" ]; }
done_step() { touch "$STAMPS/$1"; }

missing=
for p in $HOST_PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
	log "adding architecture s390x"
	dpkg --add-architecture s390x
	rm -f "$STAMPS/apt-updated"
fi
if [ -n "$missing" ] || ! step apt-updated; then
	log "apt-get update"
	apt-get update -qq
	done_step apt-updated
fi
if [ -n "$missing" ]; then
	log "installing host packages:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi

# apt-get download writes into the current directory.
download() { # pkg...
	(cd "$DEBS" && apt-get download -qq -o APT::Sandbox::User=root "$@") || die "apt-get download $* failed"
}

# The stamp names the package list, so adding a package refetches the sysroot.
sysroot_stamp=sysroot-$(echo $SYSROOT_PKGS | sha256sum | cut -c1-12)
if ! step "$sysroot_stamp"; then
	log "fetching s390x packages into $SYSROOT"
	rm -rf "$SYSROOT"; mkdir -p "$SYSROOT"
	pkgs=
	for p in $SYSROOT_PKGS; do pkgs="$pkgs $p:s390x"; done
	rm -f "$DEBS"/*_s390x.deb
	download $pkgs
	for d in "$DEBS"/*_s390x.deb; do dpkg-deb -x "$d" "$SYSROOT"; done
	# The -dev packages' .so links are absolute; point them into the sysroot.
	find "$SYSROOT" -type l -lname '/*' | while read -r l; do
		t=$(readlink "$l")
		ln -sfn "$SYSROOT$t" "$l"
	done
	done_step "$sysroot_stamp"
fi

if ! step linux-source; then
	log "fetching linux-source-6.1"
	rm -f "$DEBS"/linux-source-6.1_*.deb
	download linux-source-6.1
	rm -rf "$CACHE/linux-source-6.1"
	mkdir -p "$CACHE/linux-source-6.1"
	dpkg-deb -x "$DEBS"/linux-source-6.1_*.deb "$CACHE/linux-source-6.1/pkg"
	tar -C "$CACHE/linux-source-6.1" -xaf "$CACHE"/linux-source-6.1/pkg/usr/src/linux-source-6.1.tar.xz
	dpkg-deb -f "$DEBS"/linux-source-6.1_*.deb Version > "$CACHE/linux-source-6.1/version"
	rm -rf "$CACHE/linux-source-6.1/pkg"
	done_step linux-source
fi

if ! step stock-kernel; then
	# The ABI number (6.1.0-N) moves with point releases: take whatever the
	# archive's linux-image-s390x metapackage depends on.
	abi=$(apt-cache depends linux-image-s390x:s390x 2>/dev/null |
	      sed -n 's/.*Depends: linux-image-\(6\.1\.0-[0-9]*\)-s390x.*/\1/p' | head -1)
	[ -n "$abi" ] || die "cannot find the stock s390x kernel ABI"
	log "fetching Debian's stock s390x kernel $abi"
	rm -rf "$CACHE/stock"
	mkdir -p "$CACHE/stock"
	(cd "$CACHE/stock" && apt-get download -qq -o APT::Sandbox::User=root "linux-image-$abi-s390x:s390x" \
		"linux-headers-$abi-s390x:s390x" "linux-headers-$abi-common")
	for d in "$CACHE"/stock/*.deb; do dpkg-deb -x "$d" "$CACHE/stock/root"; done
	hdr=$CACHE/stock/root/usr/src/linux-headers-$abi-s390x
	common=$CACHE/stock/root/usr/src/linux-headers-$abi-common
	# Fix 1: the arch headers' Makefile includes the common tree by absolute path.
	sed -i "s|/usr/src/linux-headers-$abi-common|$common|g" "$hdr/Makefile"
	# Fix 2: the headers' scripts/ and tools/ are host programs from
	# linux-kbuild-6.1; take the amd64 build of exactly the headers' version
	# (the host's own may be a newer security update) and extract it beside them.
	ver=$(dpkg-deb -f "$CACHE"/stock/linux-headers-$abi-common_*.deb Version)
	(cd "$CACHE/stock" && apt-get download -qq -o APT::Sandbox::User=root "linux-kbuild-6.1:amd64=$ver")
	dpkg-deb -x "$CACHE"/stock/linux-kbuild-6.1_*_amd64.deb "$CACHE/stock/root"
	rm -f "$hdr/scripts" "$hdr/tools"
	ln -s ../../lib/linux-kbuild-6.1/scripts "$hdr/scripts"
	ln -s ../../lib/linux-kbuild-6.1/tools "$hdr/tools"
	echo "$abi" > "$CACHE/stock/abi"
	ln -sfn "$hdr" "$CACHE/stock/kdir"
	ln -sfn "$(ls "$CACHE"/stock/root/boot/vmlinuz-*)" "$CACHE/stock/vmlinuz"
	done_step stock-kernel
fi

done_step setup-done
log "host ready; cache in $CACHE"
