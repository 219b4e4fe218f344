#!/bin/sh
# The README's first command: prepare the host when needed (root, once),
# build what is missing, boot the emulated IBM Z with its zPCI functions and
# run zpcidiag inside it. Setup and build steps print one line each (logs in
# the cache, their tail on failure); then the guest's output follows.
#   testbed/demo.sh           show list, show, bars, vf (and newer commands)
#   testbed/demo.sh --shell   an interactive shell in the guest instead
# The machine is Linux 6.12 under QEMU 10 (virtio, NVMe and e1000e
# functions); ZPCI_DEMO_FLAVOUR picks another (docs/testbed.md).
set -e
dir=$(dirname "$0")
flavour=${ZPCI_DEMO_FLAVOUR:-normal-6.12@qemu10}
if [ "$(id -u)" = 0 ]; then
	"$dir/setup-host.sh"
fi
case ${1:-} in
--shell) exec "$dir/run-vm.sh" --flavour "$flavour" --shell ;;
"") exec "$dir/run-vm.sh" --flavour "$flavour" --demo ;;
*) echo "usage: $0 [--shell]" >&2; exit 2 ;;
esac
