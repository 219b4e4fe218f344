#!/bin/bash
# The install flavour's root filesystem: a real Debian s390x system (Debian
# 12 "bookworm" with bookworm-backports' stock 6.12 kernel and headers,
# systemd, dkms, prometheus-node-exporter, curl, sosreport) made with
# mmdebstrap under qemu-user, cached by the hash of this script like the
# kernels. Debian 13 would be the natural choice, but the mirror this test bed
# reaches serves no Debian 13 s390x essential packages (libc6 answers 404).
#
# The kernel's initramfs is not made in the tree: mkinitramfs under
# qemu-user takes longer than the rest of the build. update-initramfs is
# diverted to a no-op while packages are configured and restored afterwards;
# testbed/run-install-vm.sh packs the small initramfs the root disk needs
# with testbed/cpio.py instead.
#
# Usage: build-debian-rootfs.sh [--print-root]   (root; prints the tree's path)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

SUITE=bookworm
KVER=${ZPCI_INSTALL_KVER:-6.12.95+deb12-s390x}
# What a sysadmin's s390x system running zpcidiag has, and zpcidiag's own
# run-time libraries, so that `apt install ./zpcidiag_*.deb` works without
# a network in the guest.
PACKAGES="systemd systemd-sysv udev kmod dbus apt ca-certificates
 linux-image-$KVER linux-headers-$KVER dkms
 prometheus-node-exporter curl sosreport
 libpci3 libpopt0 libjson-c5 libnl-3-200 libnl-genl-3-200 libarchive13"

key=$( { cat "$0"; echo "$KVER"; } | sha256sum | cut -c1-12)
DIR=$CACHE/debian-s390x/$SUITE-$key
ROOT=$DIR/root
if [ "${1:-}" = --print-root ]; then
	[ -e "$DIR/done" ] || die "no install root filesystem yet; run testbed/build-debian-rootfs.sh as root"
	echo "$ROOT"; exit 0
fi
if [ -e "$DIR/done" ]; then echo "$ROOT"; exit 0; fi
[ "$(id -u)" = 0 ] || die "building the root filesystem needs root"
command -v mmdebstrap >/dev/null || die "mmdebstrap missing (testbed/setup-host.sh)"
[ -e /proc/sys/fs/binfmt_misc/qemu-s390x ] ||
	die "no binfmt handler for s390x (qemu-user-static + binfmt-support; testbed/setup-host.sh --step install-rootfs)"

mirror=$(debian_mirror)
[ -n "$mirror" ] || die "no Debian 12 mirror in the host's apt sources"
secmirror=${mirror%/debian}/debian-security

build() {
	rm -rf "$DIR.tmp"
	mkdir -p "$DIR.tmp"
	# nice: the tree is built on idle CPU beside kernel builds and guests.
	nice -n 19 ionice -c3 mmdebstrap --mode=root --architectures=s390x --variant=apt \
		--include="$(echo $PACKAGES | tr ' ' ,)" \
		--essential-hook='chroot "$1" dpkg-divert --local --rename --divert /usr/sbin/update-initramfs.testbed --add /usr/sbin/update-initramfs' \
		--essential-hook='printf "#!/bin/sh\n# test bed: no initramfs in the tree (see testbed/build-debian-rootfs.sh)\nexit 0\n" > "$1/usr/sbin/update-initramfs"; chmod 755 "$1/usr/sbin/update-initramfs"' \
		--customize-hook='rm "$1/usr/sbin/update-initramfs"; chroot "$1" dpkg-divert --local --rename --divert /usr/sbin/update-initramfs.testbed --remove /usr/sbin/update-initramfs' \
		--customize-hook='echo zpci-install > "$1/etc/hostname"; printf "/dev/vda / ext4 defaults 0 1\n" > "$1/etc/fstab"; chroot "$1" passwd -d root' \
		--customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer fstrim.timer' \
		"$SUITE" "$DIR.tmp/root" \
		"deb $mirror $SUITE main" \
		"deb $mirror $SUITE-updates main" \
		"deb $mirror $SUITE-backports main" \
		"deb $secmirror $SUITE-security main"
	[ -e "$DIR.tmp/root/boot/vmlinuz-$KVER" ]
	[ -d "$DIR.tmp/root/usr/src/linux-headers-$KVER" ]
	rm -rf "$DIR"
	mv "$DIR.tmp" "$DIR"
	touch "$DIR/done"
}
step "install flavour: Debian 12 s390x root filesystem (mmdebstrap, qemu-user)" install-rootfs build
echo "$ROOT"
