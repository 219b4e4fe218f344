#!/bin/bash
# Compile-check kmod/ against a newer kernel than the test bed boots: fetch
# Debian's linux-source-<version> package of a suite (experimental carries
# mainline release candidates, sid the current stable line), configure it like
# the test-bed kernels (tinyconfig + base.config + linux-6.12.config),
# prepare it for external modules and build both modules with W=1.
# No kernel is built, so modpost cannot know the kernel's exports
# (KBUILD_MODPOST_WARN=1); any compiler warning fails the check. Not in CI.
#   compile-check-mainline.sh [SUITE [PACKAGE]]   (default: experimental linux-source-7.3)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

case ${1:-} in -h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0;; esac
suite=${1:-experimental}
pkg=${2:-linux-source-7.3}
ver=${pkg#linux-source-}
mirror=$(debian_mirror)
[ -n "$mirror" ] || die "no Debian mirror in the apt sources"
top=$CACHE/mainline
mkdir -p "$top"

# The package's entry in the suite's index: the file and its checksum.
entry=$(curl -sSf "$mirror/dists/$suite/main/binary-all/Packages.xz" | xz -dc |
	awk -v p="$pkg" '/^Package: / {on = ($2 == p)} on && /^(Version|Filename|SHA256): / {print $2}')
{ read -r pver; read -r file; read -r sum; } <<<"$entry"
[ -n "${sum:-}" ] || die "$pkg not in $suite"
deb=$top/${file##*/}
if ! echo "$sum  $deb" | sha256sum -c --status 2>/dev/null; then
	log "downloading $pkg $pver"
	curl -sSfo "$deb.part" "$mirror/$file"
	echo "$sum  $deb.part" | sha256sum -c --status || die "$file: SHA256 differs from the $suite index"
	mv "$deb.part" "$deb"
fi

src=$top/$pver/usr/src/linux-source-$ver
if [ ! -e "$src/.unpacked" ]; then
	log "unpacking $pkg $pver"
	rm -rf "${top:?}/$pver"
	dpkg-deb -x "$deb" "$top/$pver"
	tar -C "$top/$pver/usr/src" -xf "$src.tar.xz"
	rm "$src.tar.xz"
	touch "$src/.unpacked"
fi

K=$TESTBED_DIR/kconfig
exports=$top/exports-$pver
# The kernel's exports, from its sources (there is no vmlinux to ask).
if [ ! -s "$exports" ]; then
	grep -rhoE --include='*.[chS]' 'EXPORT_SYMBOL[A-Z_]*\([[:space:]]*[A-Za-z0-9_]+' \
		"$src/kernel" "$src/mm" "$src/lib" "$src/net" "$src/drivers" "$src/arch/s390" \
		"$src/fs" "$src/block" "$src/security" "$src/virt" |
		sed 's/.*(\s*//' | sort -u >"$exports.part"
	mv "$exports.part" "$exports"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/zpcidiag-kmod.XXXXXX")
trap 'rm -rf "$work"' EXIT

# check NAME [SETTING...]: prepare a tree of the test-bed configuration plus
# the settings, then build kmod/ against it.
check() {
	local name=$1 out=$top/build-$pver-$1 opt rc=0 missing
	shift
	mk() { nice -n 10 make -s -C "$src" O="$out" ARCH=s390 CROSS_COMPILE="$CROSS" "$@"; }
	if [ ! -e "$out/.prepared" ]; then
		log "configuring and preparing $pver ($name) in $out"
		mkdir -p "$out"
		printf '%s\n' "$@" >"$out/extra.config"
		mk tinyconfig
		"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" \
			"$K/base.config" "$K/linux-6.12.config" "$out/extra.config" >/dev/null
		mk olddefconfig
		for opt in CONFIG_S390=y CONFIG_PCI=y CONFIG_VFIO_PCI_CORE=m "$@"; do
			grep -qx "$opt" "$out/.config" || die "$opt did not survive olddefconfig"
		done
		mk -j"$JOBS" modules_prepare
		touch "$out/.prepared"
	fi

	# A copy of kmod/, so the check leaves no objects in the work tree.
	rm -rf "${work:?}/$name"
	mkdir "$work/$name"
	cp -r "$REPO_DIR/kmod/." "$work/$name/"
	log "building kmod/ against $pver ($name) with W=1"
	nice -n 10 make -C "$work/$name" KDIR="$out" ARCH=s390 CROSS_COMPILE="$CROSS" W=1 \
		KBUILD_MODPOST_WARN=1 ZPCIDIAG_SHOW_FEATURES=1 -j"$JOBS" >"$work/$name.log" 2>&1 || rc=$?
	cat "$work/$name.log"
	[ $rc = 0 ] || die "kmod/ does not build against $pver ($name)"
	for opt in zpcidiag_diag zpci_vfio_pci; do
		[ -e "$work/$name/$opt.ko" ] || die "$opt.ko not built against $pver ($name)"
	done
	# Compiler warnings and modpost's own (section mismatches) fail the
	# check; its undefined symbols are expected without vmlinux and
	# Module.symvers, so the imports are checked against the exports.
	if grep -E ': warning:|^WARNING: modpost:' "$work/$name.log" |
		grep -vE "undefined!$|suppressed [0-9]+ unresolved symbol"; then
		die "kmod/ builds against $pver ($name) with warnings"
	fi
	missing=$("${CROSS}nm" -u "$work/$name"/*.ko | awk 'NF == 2 {print $2}' | sort -u | comm -23 - "$exports")
	[ -z "$missing" ] || die "symbols kmod/ uses but $pver does not export: $missing"
	log "$pver ($name): W=1 clean, $("${CROSS}nm" -u "$work/$name"/*.ko | awk 'NF == 2' | sort -u | wc -l) imports all exported"
	features=$(sed -n 's/^zpcidiag-features: //p' "$work/$name.log" | head -n1)
}
# As the test-bed kernels (IOMMUFD off), and with iommufd and the vfio cdev,
# where the variant driver's iommufd ops are real functions, not NULL.
check testbed
check iommufd CONFIG_IOMMUFD=y CONFIG_VFIO_DEVICE_CDEV=y
# the compile probes' answer (kmod/features.mk), as Kbuild printed it
echo "kmod/ builds W=1 clean against $pkg $pver ($suite): $features"
