#!/bin/sh
# Every documented usage error exits 2 (never 0), help and version exit 0.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)

run 2
contains "$ERR" 'Commands:'
run 2 --bogus
contains "$ERR" '^zpcidiag: --bogus: unknown option$'
run 2 --sysfs-root "$R" list --bogus
contains "$ERR" '^zpcidiag: --bogus: unknown option$'
run 2 --sysfs-root "$R" bars --probe-command 0001:00:00.0
run 2 --sysfs-root
run 2 frobnicate
contains "$ERR" "^zpcidiag: unknown command 'frobnicate'"
run 2 --sysfs-root "$R" --type bogus list
contains "$ERR" '^zpcidiag: --type bogus: unknown function type'
run 2 --sysfs-root "$R" --type 0x100 list
run 2 --sysfs-root "$R" show
contains "$ERR" 'give a DEVICE'
# argument counts come from the command table: every command that needs a
# DEVICE refuses none, every one-DEVICE command refuses two, before acting
for c in $("$ZPCIDIAG" __complete commands); do
	for s in $("$ZPCIDIAG" __complete subcommands "$c") ""; do
		syn=$("$ZPCIDIAG" __complete synopsis $c $s)
		case $syn in
		DEVICE*)
			run 2 --sysfs-root "$R" $c $s
			contains "$ERR" "^zpcidiag: $c${s:+ $s}: .*DEVICE" "$c $s without a DEVICE"
			;;
		esac
		[ "$syn" = DEVICE ] || continue
		run 2 --sysfs-root "$R" $c $s 0001:00:00.0 0010:00:00.0
		contains "$ERR" "^zpcidiag: $c${s:+ $s}: exactly one DEVICE expected" "$c with two"
	done
done
run 2 --sysfs-root "$R" list 'fid:0xzz'
run 3 --sysfs-root "$R" list fid:0x12345
run 2 --sysfs-root "$WORK/none" list
# a root without bus/pci/devices is a malformed tree
mkdir -p "$WORK/empty"
run 4 --sysfs-root "$WORK/empty" list
# a system without zPCI functions (an x86 host): empty, not an error
mkdir -p "$WORK/x86/bus/pci/devices/0000:00:00.0"
printf '0x8086\n' >"$WORK/x86/bus/pci/devices/0000:00:00.0/vendor"
run 0 --sysfs-root "$WORK/x86" list
contains "$ERR" 'no zPCI functions under'
run 0 --sysfs-root "$WORK/x86" --json list
jeq 'd["functions"]' '[]'
run 0 --version
contains "$OUT" '^zpcidiag [0-9]+\.[0-9]+'
run 0 -V
run 0 --help
contains "$OUT" 'Commands:'
for c in list show bars vf; do
	contains "$OUT" "^  $c " "--help command list"
done
for c in list show bars vf; do
	run 0 $c --help
	contains "$OUT" "zpcidiag $c" "$c --help"
	contains "$OUT" '--sysfs-root' "$c --help"
done
run 0 vf --help
contains "$OUT" '--probe-command'
run 0 help
contains "$OUT" 'Commands:'
# a write error on stdout is an I/O error, not success
if [ -w /dev/full ]; then
	CHECKS=$((CHECKS + 1))
	"$ZPCIDIAG" --sysfs-root "$R" --json list >/dev/full 2>/dev/null
	rc=$?
	[ "$rc" = 7 ] || fail "--json list >/dev/full exited $rc, expected 7"
fi
done_testing
