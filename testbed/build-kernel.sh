#!/bin/bash
# Cross-build the test bed's s390x kernel from Debian's linux-source-6.1:
# tinyconfig + testbed/kconfig/base.config (+ debug.config for --flavour debug,
# + debug.config and kasan.config for --flavour kasan).
# The build directory is named after a hash of the fragments and the source
# version, so an unchanged configuration reuses the previous build.
#   build-kernel.sh [--flavour normal|debug|kasan] [--print-kdir] [--force]
# --print-kdir prints the build directory (the KDIR for out-of-tree modules)
# without building; `--flavour stock --print-kdir` gives Debian's headers.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavour=normal print=0 force=0
while [ $# -gt 0 ]; do
	case $1 in
	--flavour) flavour=$2; shift 2;;
	--flavour=*) flavour=${1#*=}; shift;;
	--print-kdir) print=1; shift;;
	--force) force=1; shift;;
	-h|--help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0;;
	*) die "unknown option $1";;
	esac
done

if [ "$flavour" = stock ]; then
	[ -e "$CACHE/stock/kdir" ] || die "stock kernel missing: run testbed/setup-host.sh"
	readlink -f "$CACHE/stock/kdir"
	exit 0
fi
case $flavour in
normal) frags="$TESTBED_DIR/kconfig/base.config";;
debug) frags="$TESTBED_DIR/kconfig/base.config $TESTBED_DIR/kconfig/debug.config";;
kasan) frags="$TESTBED_DIR/kconfig/base.config $TESTBED_DIR/kconfig/debug.config $TESTBED_DIR/kconfig/kasan.config";;
*) die "unknown flavour $flavour (normal, debug, kasan or stock)";;
esac

src=$(kernel_src_dir) || die "linux-source-6.1 missing: run testbed/setup-host.sh"
# Only the settings count: editing a comment must not cost a kernel build.
# "# CONFIG_X is not set" is a setting, any other comment line is not.
settings() { grep -hE '^(CONFIG_[A-Za-z0-9_]+=|# CONFIG_[A-Za-z0-9_]+ is not set)' "$@" || true; }
hash=$( { settings $frags; cat "$CACHE/linux-source-6.1/version"; s390x-linux-gnu-gcc --version | head -1; } |
	sha256sum | cut -c1-12)
out=$CACHE/kernel/$flavour-$hash

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
	log "kernel $flavour up to date: $out"
	echo "$out"
	exit 0
fi

log "building $flavour kernel in $out (a few minutes)"
mkdir -p "$out"
rm -f "$out/.testbed-built"
mk() { make -s -C "$src" O="$out" ARCH=s390 CROSS_COMPILE=$CROSS "$@"; }
mk tinyconfig >/dev/null
"$src/scripts/kconfig/merge_config.sh" -m -O "$out" "$out/.config" $frags >/dev/null
mk olddefconfig >/dev/null
# merge_config only warns; a dropped option would silently change what the
# tests exercise, so insist on the ones that matter.
for opt in CONFIG_MODULES=y CONFIG_PCI=y CONFIG_S390_IOMMU=y CONFIG_HOTPLUG_PCI_S390=y \
	   CONFIG_VFIO=m CONFIG_VFIO_PCI=m CONFIG_VFIO_PCI_ZDEV_KVM=y CONFIG_KVM=m \
	   CONFIG_VIRTIO_PCI=y CONFIG_DEVTMPFS=y CONFIG_DEBUG_FS=y CONFIG_IKCONFIG_PROC=y \
	   CONFIG_BLK_DEV_INITRD=y CONFIG_RD_GZIP=y; do
	grep -qx "$opt" "$out/.config" || die "$opt did not survive olddefconfig"
done
want=
case $flavour in
debug) want="CONFIG_PROVE_LOCKING=y CONFIG_DEBUG_ATOMIC_SLEEP=y";;
kasan) want="CONFIG_PROVE_LOCKING=y CONFIG_DEBUG_ATOMIC_SLEEP=y CONFIG_KASAN=y CONFIG_DEBUG_KMEMLEAK=y";;
esac
for opt in $want; do
	grep -qx "$opt" "$out/.config" || die "$opt did not survive olddefconfig"
done
mk -j"$JOBS" bzImage modules
mk -j"$JOBS" INSTALL_MOD_PATH="$out/modroot" INSTALL_MOD_STRIP=1 modules_install >/dev/null
touch "$out/.testbed-built"
log "kernel $flavour built: $out"
echo "$out"
