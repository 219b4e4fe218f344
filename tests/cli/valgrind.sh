#!/bin/sh
# Memory errors and leaks of the main commands on a realistic and on a broken tree.
. "$(dirname "$0")/lib.sh"
[ -n "${VALGRIND:-}" ] && [ -x "$VALGRIND" ] || { echo "SKIP: valgrind not found"; exit 77; }
case ${SAN_CFLAGS:-} in *sanitize*) echo "SKIP: built with sanitizers"; exit 77;; esac
M=$(fixture mixed-system)
B=$(fixture malformed-attrs)

vg() {	# EXPECTED_RC ARGS...
	local want=$1
	shift
	CHECKS=$((CHECKS + 1))
	"$VALGRIND" -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		"$ZPCIDIAG" "$@" >/dev/null 2>"$WORK/vg.err"
	rc=$?
	[ "$rc" = "$want" ] || fail "valgrind zpcidiag $* exited $rc (want $want): $(head -40 "$WORK/vg.err")"
}
for j in "" --json; do
	vg 0 --sysfs-root "$M" $j list
	vg 0 --sysfs-root "$M" $j bars
	vg 0 --sysfs-root "$M" $j vf
	vg 0 --sysfs-root "$M" $j show 0001:00:00.0 ens256 fid:0x300 /dev/nvme0
	vg 4 --sysfs-root "$B" $j list
	vg 4 --sysfs-root "$B" $j show 0030:00:00.0 0031:00:00.0
done
vg 0 --sysfs-root "$M" check --format=plugin
vg 0 --sysfs-root "$M" --json check --ignore fn-standby,vf-memory-bit-hardwired
vg 0 --sysfs-root "$M" check --format=prometheus -o "$WORK/vg.prom"
vg 2 --sysfs-root "$B" check
vg 3 --sysfs-root "$M" check --ignore no-such-rule
vg 0 --sysfs-root "$M" list --tree
vg 2 --sysfs-root "$M" list bogus:sel
vg 3 --sysfs-root "$M" list eth9
vg 0 --sysfs-root "$M" __complete devices
done_testing
