#!/bin/sh
# check's contract holds whatever goes wrong: exit 0-3 only and exactly one
# plugin line or one document on standard output, UNKNOWN with the reason.
# Failures before check runs (a bad report, a bad option, a config or
# --ignore error, a device node as config, an unwritable -o FILE, a full
# standard output) included; '--json check' prints the same document as
# 'check --format=json'.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(root mixed-system)
printf 'not a tar archive\n' >"$WORK/bad.tar"
mkdir "$WORK/confdir"
printf 'ignore no-such-rule\n' >"$WORK/badrule.conf"
python3 -c 'print("ignore " + "x" * 3000)' >"$WORK/longline.conf"

# one_output FORMAT: $OUT is exactly one plugin line / JSON document /
# table line / Prometheus file saying UNKNOWN
one_output() {
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c '
import json, re, sys
fmt, out = sys.argv[1], sys.stdin.read()
if fmt == "plugin":
    lines = out.split("\n")
    assert len(lines) == 1 and re.match(r"ZPCIDIAG UNKNOWN - .+ \| critical=", lines[0]), out
elif fmt == "json":
    d = json.loads(out)
    assert d["command"] == "check" and d["status"] == "unknown" and d["exit_code"] == 3, d
    assert d["unknown_reason"], d
elif fmt == "prometheus":
    assert re.search(r"^zpcidiag_check_status 3$", out, re.M), out
else:
    assert re.fullmatch(r"zpcidiag check: UNKNOWN: .+", out), out
' "$1" || fail "$2 --format=$1: not one UNKNOWN output: $(printf '%s' "$OUT" | head -c 600)"
}

for fmt in plugin json table prometheus; do
	run 3 --report "$WORK/bad.tar" check --format=$fmt && one_output $fmt "bad report"
	run 3 --sysfs-root "$R/sys" check --format=$fmt --ignore no-such-rule &&
		one_output $fmt "--ignore error"
	run 3 --sysfs-root "$R/sys" check --format=$fmt --config "$WORK/badrule.conf" &&
		one_output $fmt "config error"
	run 3 --sysfs-root "$R/sys" check --format=$fmt --config "$WORK/confdir" &&
		one_output $fmt "directory as config"
	contains "$ERR" "directory"
	run 3 --sysfs-root "$WORK/nonexistent" check --format=$fmt && one_output $fmt "missing root"
	run 3 --sysfs-root "$R/sys" check --format=$fmt --no-such-option &&
		one_output $fmt "bad option"
	run 3 --sysfs-root "$R/sys" check --format=$fmt no-such-device &&
		one_output $fmt "unknown device"
	run 3 --sysfs-root "$R/sys" check --format=$fmt -o "$WORK" &&
		one_output $fmt "-o DIRECTORY"
done

# a device node as configuration: refused at once, not read forever
CHECKS=$((CHECKS + 1))
timeout 20 "$ZPCIDIAG" --sysfs-root "$R/sys" check --format=plugin --config /dev/zero \
	>"$WORK/out" 2>"$WORK/err"
rc=$?
[ $rc = 3 ] || fail "--config /dev/zero exited $rc (124: it hung), expected 3"
OUT=$(cat "$WORK/out")
one_output plugin "--config /dev/zero"

# a line longer than the reader's buffer is said to be too long, not
# cut into a rule name
run 3 --sysfs-root "$R/sys" check --format=plugin --config "$WORK/longline.conf"
contains "$ERR" "longline.conf:1: line longer than"
lacks "$ERR" "no rule"

# the global -o (table columns) is no check option: said, not ignored
run 3 -o DEVICE --sysfs-root "$R/sys" check --format=prometheus
one_output prometheus "global -o"
contains "$ERR" "global -o"

# a full standard output: UNKNOWN, never exit 7
CHECKS=$((CHECKS + 1))
"$ZPCIDIAG" --sysfs-root "$R/sys" check --format=plugin >/dev/full 2>"$WORK/err"
rc=$?
[ $rc = 3 ] || fail "check >/dev/full exited $rc, expected 3"

# --json check and check --format=json: one document, failure or not
for extra in "" "--ignore no-such-rule" "--config $WORK/badrule.conf"; do
	# shellcheck disable=SC2086
	run_any() { "$ZPCIDIAG" "$@" 2>/dev/null; echo "rc=$?"; }
	# shellcheck disable=SC2086
	a=$(run_any --json --sysfs-root "$R/sys" check $extra)
	# shellcheck disable=SC2086
	b=$(run_any --sysfs-root "$R/sys" check --format=json $extra)
	CHECKS=$((CHECKS + 1))
	[ "$a" = "$b" ] || fail "--json check $extra and --format=json differ: $a /// $b"
	lacks "$a" '"exit_status"'
done

done_testing
