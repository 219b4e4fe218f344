#!/bin/bash
# Cross-build a test-bed s390x kernel from Debian's linux-source-<version>:
# tinyconfig + testbed/kconfig/base.config + linux-<version>.config (when it
# exists) (+ debug.config for debug, + debug.config and kasan.config for kasan).
# The build directory is named after a hash of the fragments and the source
# version, so an unchanged configuration reuses the previous build.
#   build-kernel.sh [--flavour KIND[-VERSION][@EMULATOR]] [--print-kdir] [--force]
# KIND is normal, debug, kasan or stock; VERSION 6.1 or 6.12 (default 6.1 for
# normal and stock, 6.12 for debug and kasan); the emulator part of a flavour
# name is ignored here. --print-kdir prints the
# build directory (the KDIR for out-of-tree modules) without building;
# `--flavour stock[-6.12] --print-kdir` gives Debian's headers.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=normal print=0 force=0
while [ $# -gt 0 ]; do
	case $1 in
	--flavour) flavour=$2; shift 2;;
	--flavour=*) flavour=${1#*=}; shift;;
	--print-kdir) print=1; shift;;
	--force) force=1; shift;;
	-h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0;;
	*) die "unknown option $1";;
	esac
done

flavour=$(flavour_build "$flavour")
kind=${flavour%%-*}
ver=${flavour#*-}
case " $KERNEL_VERSIONS " in
*" $ver "*) ;;
*) die "unknown kernel version $ver in flavour $flavour (known: $KERNEL_VERSIONS)";;
esac

if [ "$kind" = stock ]; then
	sd=$(stock_dir "$ver")
	[ -e "$sd/kdir" ] || die "stock $ver kernel missing: run testbed/setup-host.sh"
	readlink -f "$sd/kdir"
	exit 0
fi
K=$TESTBED_DIR/kconfig
# linux-6.12.config holds what QEMU 10's functions need: every later kernel
# takes it too, under its own linux-<version>.config.
vfrag=
if [ "$ver" != 6.1 ] && [ "$ver" != 6.12 ]; then vfrag=$K/linux-6.12.config; fi
[ -e "$K/linux-$ver.config" ] && vfrag="$vfrag $K/linux-$ver.config"
case $kind in
normal) frags="$K/base.config $vfrag";;
debug) frags="$K/base.config $vfrag $K/debug.config";;
kasan) frags="$K/base.config $vfrag $K/debug.config $K/kasan.config";;
*) die "unknown kernel kind $kind (normal, debug, kasan or stock)";;
esac

src=$(kernel_src_dir "$ver") || die "linux-source-$ver missing: run testbed/setup-host.sh"
# Only the settings count: editing a comment must not cost a kernel build.
# "# CONFIG_X is not set" is a setting, any other comment line is not.
settings() { grep -hE '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$@" || true; }
# shellcheck disable=SC2086
hash=$( { settings $frags; cat "$CACHE/linux-source-$ver/version"; s390x-linux-gnu-gcc --version | head -1; } |
	sha256sum | cut -c1-12)
# 6.1 keeps its historical directory names so existing caches stay valid.
if [ "$ver" = 6.1 ]; then out=$CACHE/kernel/$kind-$hash; else out=$CACHE/kernel/$kind-$ver-$hash; fi

if [ "$print" = 1 ]; then
	echo "$out"
	exit 0
fi

# CI jobs and engineers share the cache: one build per directory at a time;
# whoever waited finds the build done.
mkdir -p "$CACHE/kernel"
exec 9>"$out.lock"
flock 9

if [ "$force" = 0 ] && [ -e "$out/.testbed-built" ]; then
	echo "$out"
	exit 0
fi

mk() { make -s -C "$src" O="$out" ARCH=s390 CROSS_COMPILE=$CROSS "$@"; }
configure() {
	mkdir -p "$out"
	rm -f "$out/.testbed-built"
	mk tinyconfig
	# shellcheck disable=SC2086
	"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $frags
	mk olddefconfig
	# Fragment settings the kernel did not take (renamed, unmet dependency),
	# for the log: a version-specific fragment is the place to adapt them.
	# A later fragment overrides an earlier one: check the last setting.
	local s
	# shellcheck disable=SC2086
	settings $frags | sed 's/^# \(CONFIG_[A-Za-z0-9_]*\) is not set/\1=n/' |
		awk -F= '{v[$1] = $0; if (!($1 in o)) o[$1] = n++} END {for (k in o) print v[k]}' |
		while read -r s; do
			case $s in
			*=n) if grep -q "^${s%=n}=[ym]" "$out/.config"; then echo "not taken: $s"; fi;;
			*) if ! grep -qx "$s" "$out/.config"; then echo "not taken: $s"; fi;;
			esac
		done
	# merge_config only warns; a dropped option would silently change what the
	# tests exercise, so insist on the ones that matter.
	local want="CONFIG_DETECT_HUNG_TASK=y CONFIG_MODULES=y CONFIG_PCI=y CONFIG_S390_IOMMU=y CONFIG_HOTPLUG_PCI_S390=y
		CONFIG_VFIO=m CONFIG_VFIO_PCI=m CONFIG_VFIO_PCI_ZDEV_KVM=y CONFIG_KVM=m
		CONFIG_VIRTIO_PCI=y CONFIG_DEVTMPFS=y CONFIG_DEBUG_FS=y CONFIG_IKCONFIG_PROC=y
		CONFIG_BLK_DEV_INITRD=y CONFIG_RD_GZIP=y" opt
	[ "$ver" = 6.1 ] || want="$want CONFIG_BLK_DEV_NVME=m CONFIG_E1000E=m CONFIG_IOMMUFD=y CONFIG_VFIO_DEVICE_CDEV=y"
	case $ver in 6.1|6.12) ;; *) want="$want CONFIG_ISM_VFIO_PCI=m";; esac
	case $kind in
	debug) want="$want CONFIG_PROVE_LOCKING=y CONFIG_DEBUG_ATOMIC_SLEEP=y";;
	kasan) want="$want CONFIG_PROVE_LOCKING=y CONFIG_DEBUG_ATOMIC_SLEEP=y CONFIG_KASAN=y CONFIG_DEBUG_KMEMLEAK=y";;
	esac
	for opt in $want; do
		grep -qx "$opt" "$out/.config" || die "$opt did not survive olddefconfig"
	done
	# the iommufd-only kernel: a group node would let the cdev proof pass unproven
	# shellcheck disable=SC2086
	if grep -q '^CONFIG_VFIO_GROUP=n' $frags && grep -q '^CONFIG_VFIO_GROUP=y' "$out/.config"; then
		die "CONFIG_VFIO_GROUP=n did not survive olddefconfig"
	fi
}
build() {
	mk -j"$JOBS" bzImage modules
	mk -j"$JOBS" INSTALL_MOD_PATH="$out/modroot" INSTALL_MOD_STRIP=1 modules_install
}
step "configuring the $kind-$ver kernel" "kernel-$kind-$ver-config" configure
step "building the $kind-$ver kernel in $out (minutes)" "kernel-$kind-$ver" build
touch "$out/.testbed-built"
echo "$out"
