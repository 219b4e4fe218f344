# The README demo, inside the guest: show the machine, then what zpcidiag
# makes of it.  Commands that the binary does not have yet are left out.
. /testbed/lib.sh
show() { echo; echo "zpci-guest# $*"; "$@" 2>&1; rc=$?; [ $rc = 0 ] || echo "(exit status $rc)"; }
echo "=== emulated IBM Z: $(uname -m), Linux $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs"
echo "=== zPCI functions (from the guest's sysfs):"
for d in /sys/bus/pci/devices/*; do
	printf '  %s fid=%s uid=%s vendor=%s device=%s\n' "$(basename "$d")" \
		"$(cat "$d/function_id")" "$(cat "$d/uid")" "$(cat "$d/vendor")" "$(cat "$d/device")"
done
help=$("$ZPCIDIAG" --help 2>&1)
has() { echo "$help" | grep -qw "$1"; }
first=$(basename "$(ls -d /sys/bus/pci/devices/* | head -1)")
for c in list show bars vf clp caps iotest check; do
	has "$c" || continue
	case $c in
	list) show "$ZPCIDIAG" list ;;
	show|bars|vf|clp|caps) show "$ZPCIDIAG" "$c" "$first" ;;
	*) show "$ZPCIDIAG" "$c" --help ;;
	esac
done
has list || show "$ZPCIDIAG" --help
