#!/bin/sh
# The README's first command: prepare the host when needed (root, once),
# build what is missing, boot the emulated IBM Z with its zPCI functions and
# run zpcidiag inside it.
#   testbed/demo.sh           show list, show, bars, vf (and newer commands)
#   testbed/demo.sh --shell   an interactive shell in the guest instead
set -e
dir=$(dirname "$0")
if [ "$(id -u)" = 0 ]; then
	"$dir/setup-host.sh"
fi
case ${1:-} in
--shell) exec "$dir/run-vm.sh" --shell ;;
"") exec "$dir/run-vm.sh" --demo ;;
*) echo "usage: $0 [--shell]" >&2; exit 2 ;;
esac
