#!/bin/bash
# Cross-build zpcidiag's s390x Debian packages (zpcidiag_*_s390x.deb and
# zpcidiag-dkms_*_all.deb) from a release tarball of this checkout, the way
# Debian cross-builds: in a Debian 12 amd64 tree with s390x as a foreign dpkg
# architecture, crossbuild-essential-s390x and the s390x -dev packages
# installed through apt. dpkg-shlibdeps then finds libc and the libraries in
# that tree's package database (the host's extracted sysroot has none, which
# is where a cross build on the host stops). The tree is cached by the hash
# of this script; the host's own dpkg architectures stay untouched. No
# bookworm-security: the mirror serves it for amd64 only, and its newer amd64
# libraries (zlib1g, liblzma5 ...) would not match the s390x ones, which
# Multi-Arch: same requires. pkgconf:s390x brings s390x-linux-gnu-pkg-config,
# which configure looks for in a cross build.
#
# Usage: build-install-debs.sh TARBALL OUTDIR     (root)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

tarball=$(readlink -f "$1")
out=$2
[ -r "$tarball" ] || die "no release tarball $1 (make dist)"
[ "$(id -u)" = 0 ] || die "the cross-build tree needs root"

SUITE=bookworm
PACKAGES="build-essential crossbuild-essential-s390x debhelper dh-dkms autoconf automake
 pkgconf pkgconf:s390x systemd libc6-dev:s390x libpci-dev:s390x libpopt-dev:s390x libjson-c-dev:s390x
 libnl-3-dev:s390x libnl-genl-3-dev:s390x libarchive-dev:s390x"
key=$(sha256sum < "$0" | cut -c1-12)
DIR=$CACHE/debian-s390x/cross-$SUITE-$key
ROOT=$DIR/root

tree() {
	local mirror
	mirror=$(debian_mirror)
	[ -n "$mirror" ] || die "no Debian 12 mirror in the host's apt sources"
	rm -rf "$DIR.tmp"
	mkdir -p "$DIR.tmp"
	nice -n 19 ionice -c3 mmdebstrap --mode=root --architectures=amd64,s390x --variant=apt \
		--include="$(echo $PACKAGES | tr ' ' ,)" \
		"$SUITE" "$DIR.tmp/root" \
		"deb $mirror $SUITE main" "deb $mirror $SUITE-updates main"
	rm -rf "$DIR"
	mv "$DIR.tmp" "$DIR"
	touch "$DIR/done"
}
[ -e "$DIR/done" ] || step "install flavour: Debian 12 amd64 tree for s390x cross builds (mmdebstrap)" install-cross-tree tree

debs() {
	local base ver src
	base=$(basename "$tarball" .tar.gz)      # zpcidiag-0.1.0
	ver=${base##*-}
	rm -rf "$ROOT/build/zpcidiag"
	mkdir -p "$ROOT/build/zpcidiag"
	cp "$tarball" "$ROOT/build/zpcidiag/zpcidiag_$ver.orig.tar.gz"
	tar -C "$ROOT/build/zpcidiag" -xzf "$tarball"
	src=$ROOT/build/zpcidiag/$base
	cp -R "$REPO_DIR/debian" "$src/"
	# -a s390x: cross; nocheck: the s390x test programs cannot run on
	# amd64 (dh_auto_test skips them in a cross build anyway).
	nice -n 19 chroot "$ROOT" sh -c "cd /build/zpcidiag/$base && \
		DEB_BUILD_OPTIONS=nocheck dpkg-buildpackage -us -uc -a s390x -Pnocheck -b"
	mkdir -p "$out"
	rm -f "$out"/*.deb "$out"/*.changes
	cp "$ROOT"/build/zpcidiag/*.deb "$ROOT"/build/zpcidiag/*.changes "$out/"
}
step "install flavour: cross-build the s390x .deb files" install-debs debs
ls -l "$out"/*.deb >&2
