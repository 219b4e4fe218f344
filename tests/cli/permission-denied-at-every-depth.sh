#!/bin/sh
# EACCES deeper and beside where permission-denied-said-as-such.sh looks:
# the hotplug slots directory, one slot's directory, class/net, a
# function's net/ and pfip/ subdirectories. Each is said as a permission
# problem (exit 5) naming the directory, never taken for "nothing there"
# (no standby functions, no interface names), and a report written by the
# same user answers the same with --report.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 ||
	{ echo "SKIP: needs root and setpriv to run as an unprivileged user"; exit 77; }
chmod 755 "$WORK"
mkdir -m 777 "$WORK/reports"

R=$(copy_root mixed-system depth)
chmod -R a+rX "$R"
S=$R/sys
as_nobody 0 --sysfs-root "$S" list
contains "$OUT" "standby"

# DIR WHAT CMD...: DIR unreadable, CMD exits 5 naming it
denied() {
	local dir=$1 what=$2
	shift 2
	chmod 000 "$dir"
	as_nobody 5 --sysfs-root "$S" "$@"
	contains "$OUT$ERR" "$what: Permission denied" "$*"
	# a report is written and keeps it (--report answers the same), or,
	# where no list of functions can be made, refused the same way
	rm -f "$WORK/reports/r.tar.gz"
	CHECKS=$((CHECKS + 1))
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ZPCIDIAG" --sysfs-root "$S" \
		report -q -o "$WORK/reports/r.tar.gz" 2>"$WORK/err"
	case $?:$(test -s "$WORK/reports/r.tar.gz" && echo written) in
	0:written)
		as_nobody 5 --report "$WORK/reports/r.tar.gz" "$@"
		contains "$OUT$ERR" "$what: Permission denied" "--report $*" ;;
	5:)
		contains "$(cat "$WORK/err")" "$what: Permission denied" "report" ;;
	*)
		fail "report with $dir unreadable: $(cat "$WORK/err")" ;;
	esac
	chmod 755 "$dir"
}

denied "$S/bus/pci/slots" "bus/pci/slots" list
denied "$S/class/net" "class/net" list
slot=$S/bus/pci/slots/00000300
denied "$slot" "00000300/power" show fid:0x300
d=$(devdir "$R" 0001:00:00.0)
denied "$d/pfip" "pfip/segment0" show 0001:00:00.0
n=$(ls -d "$S"/devices/*/*/net 2>/dev/null | head -1)
CHECKS=$((CHECKS + 1))
if [ -n "$n" ]; then
	a=$(basename "$(dirname "$n")")
	denied "$n" "$a/net" show "$a"
else
	fail "the fixture has no function with a net/ directory"
fi

done_testing
