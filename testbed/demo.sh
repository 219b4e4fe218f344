#!/bin/sh
# The README's first command: prepare the host when needed (root, once),
# build what is missing, boot the emulated IBM Z with its zPCI functions and
# run zpcidiag inside it. Setup and build steps print one line each (logs in
# the cache, their tail on failure); then the guest's output follows.
#   testbed/demo.sh [--kernel stock|custom] [--shell]
#     --kernel stock    Debian 13's prebuilt s390x 6.12 kernel (default): no
#                       kernel build, only what that kernel needs is fetched
#     --kernel custom   the test bed's own 6.12 kernel, built from Debian 13's
#                       linux-source-6.12 (minutes more)
#     --shell           an interactive shell in the guest instead of the demo
# Both run under QEMU 10 (virtio, NVMe and e1000e functions);
# ZPCI_DEMO_FLAVOUR picks any other flavour (docs/testbed.md).
set -e
dir=$(dirname "$0")
flavour=stock-6.12@qemu10 mode=--demo
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) case ${2:-} in
		stock) flavour=stock-6.12@qemu10;;
		custom) flavour=normal-6.12@qemu10;;
		*) echo "$0: --kernel takes stock or custom" >&2; exit 2;;
		esac
		shift 2;;
	--shell) mode=--shell; shift;;
	*) echo "usage: $0 [--kernel stock|custom] [--shell]" >&2; exit 2;;
	esac
done
flavour=${ZPCI_DEMO_FLAVOUR:-$flavour}
# run-vm.sh sets up the host pieces of this flavour (setup-host.sh --flavour).
exec "$dir/run-vm.sh" --flavour "$flavour" "$mode"
