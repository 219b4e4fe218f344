#!/bin/sh
# Boot the emulated IBM Z and run the in-guest cases (or a shell, or the demo).
#   run-vm.sh [--flavour normal|debug|kasan|stock]... [--cases GLOB] [--shell] [--demo]
#             [--timeout S] [--case-timeout S] [--no-build] [-v]
# Exit status 0 when every case passed or skipped and the kernel reported nothing.
exec python3 "$(dirname "$0")/vm.py" "$@"
