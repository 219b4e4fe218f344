#!/bin/bash
# make check-vm-install: the install flavour. A real Debian s390x system
# (testbed/build-debian-rootfs.sh) boots under QEMU 10 with zPCI functions,
# and testbed/install/guest-test.sh installs the s390x .deb files cross-built
# from TARBALL (testbed/build-install-debs.sh) as a user would: apt install,
# DKMS, modprobe, the timer, node_exporter, check_zpci, sos report, apt purge.
# Root (mmdebstrap). Not in CI: see docs/testbed.md for the minutes it takes.
#
# Usage: run-install-vm.sh TARBALL
set -euo pipefail
. "$(dirname "$0")/lib.sh"
[ $# = 1 ] || die "usage: run-install-vm.sh TARBALL (make check-vm-install)"
tarball=$(readlink -f "$1")
"$TESTBED_DIR/setup-host.sh" --step host-packages --step sysroot --step trixie-apt --step qemu10 \
	--step install-flavour
root=$("$TESTBED_DIR/build-debian-rootfs.sh")
work=$CACHE/work/$(echo "$REPO_DIR" | sha256sum | cut -c1-12)
"$TESTBED_DIR/build-install-debs.sh" "$tarball" "$work/install-debs"
mkdir -p "$work/logs"
exec python3 "$TESTBED_DIR/install_vm.py" --root "$root" --debs "$work/install-debs" \
	--log "$work/logs/install-vm.log"
