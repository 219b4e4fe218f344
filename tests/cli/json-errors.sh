#!/bin/sh
# With --json every failing command still prints one JSON document naming the
# error, and the exit code never depends on --json; write errors on standard
# output are I/O errors (7) for tables as for JSON.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)

err_doc() {	# RC ARGS...: --json run failing with RC prints {"error": {...}}
	want=$1; shift
	run "$want" --json "$@"
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
e = d["error"]
assert d["schema_version"] == 2, d
assert e["exit_code"] == int(sys.argv[1]), e
assert e["messages"] and all(isinstance(m, str) for m in e["messages"]), e
' "$want" || fail "--json $*: no error document: $OUT"
	schema_valid "--json $*"
}
err_doc 2 --sysfs-root "$R" list fid:xyz
err_doc 3 --sysfs-root "$R" show 0x999
err_doc 2 --sysfs-root "$R" show
err_doc 2 --sysfs-root "$R" list --bogus
err_doc 4 --sysfs-root "$R" clp list --from-raw "$WORK/none"
err_doc 2 --sysfs-root "$WORK/none-such" list
err_doc 6 --sysfs-root "$R" clp list
err_doc 2 --sysfs-root "$R" frobnicate

if [ -w /dev/full ]; then
	for cmd in list bars vf "show 0001:00:00.0" "--json list" "--json show 0001:00:00.0"; do
		CHECKS=$((CHECKS + 1))
		# shellcheck disable=SC2086
		"$ZPCIDIAG" --sysfs-root "$R" $cmd >/dev/full 2>"$WORK/err"
		rc=$?
		[ "$rc" = 7 ] || fail "$cmd >/dev/full exited $rc, expected 7"
		grep -q 'standard output' "$WORK/err" || fail "$cmd >/dev/full: no message"
	done
fi
done_testing
