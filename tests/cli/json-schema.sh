#!/bin/sh
# --json on every command: valid JSON, schema_version 2, the documented keys
# with JSON types as docs/zpcidiag.schema.json says (IDs as numbers, 64-bit
# addresses and handles as hex strings, absent -> null).
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)

for cmd in list bars vf "show 0001:00:00.0" "show fid:0x300"; do
	# shellcheck disable=SC2086
	run 0 --sysfs-root "$R" --json $cmd || continue
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "$cmd: not valid JSON"
	jeq 'd["schema_version"]' 2
	jeq 'd["command"]' "${cmd%% *}"
	jeq 'd["uid_checking"]' true
done
# options after the command work as well
run 0 --sysfs-root "$R" list --json
jeq 'd["schema_version"]' 2

run 0 --sysfs-root "$R" --json list
jeq 'len(d["functions"])' 8
# every command's document follows docs/zpcidiag.schema.json: the readers of
# sysfs, on healthy and on broken trees, failing runs, check, caps
schema_valid "list"
for cmd in bars vf "show 0001:00:00.0 0010:00:00.0 fid:0x300" "check" "caps 0001:00:00.0" \
	   "-n list"; do
	# shellcheck disable=SC2086
	"$ZPCIDIAG" --sysfs-root "$R" --json $cmd >"$WORK/out" 2>/dev/null
	OUT=$(cat "$WORK/out")
	schema_valid "--json $cmd"
done
M=$(fixture malformed-attrs)
for cmd in list bars vf "show 0030:00:00.0 0031:00:00.0"; do
	# shellcheck disable=SC2086
	run 4 --sysfs-root "$M" --json $cmd
	schema_valid "malformed tree: --json $cmd"
done
for cmd in "show 0x999" "list fid:zz" "list --bogus" "clp list" "vf --probe-command 0010:00:00.0"; do
	# shellcheck disable=SC2086
	"$ZPCIDIAG" --sysfs-root "$R" --json $cmd >"$WORK/out" 2>/dev/null
	OUT=$(cat "$WORK/out")
	schema_valid "failing --json $cmd"
	jeq 'd["error"]["exit_code"] > 0' true
done
# the schema can fail: a number where a hex string belongs is caught
run 0 --sysfs-root "$R" --json show 0001:00:00.0
OUT=$(printf '%s' "$OUT" | sed 's/"fh": "0x[0-9a-f]*"/"fh": 12345/')
CHECKS=$((CHECKS + 1))
FAILURES_BEFORE=$FAILURES
schema_valid "a corrupted document" 2>/dev/null
[ "$FAILURES" -gt "$FAILURES_BEFORE" ] && FAILURES=$FAILURES_BEFORE || fail "the schema accepted fh as a number"

run 0 --sysfs-root "$R" --json list

jeq '[f["state"] for f in d["functions"]]' '["configured", "configured", "configured", "configured", "configured", "configured", "configured", "standby"]'
jeq 'd["functions"][0]["fid"]' 528
jeq 'd["functions"][0]["fh"]' 0x84210210
jeq 'd["functions"][0]["vendor"]' 4116
jeq 'd["functions"][6]["type"]' unknown
jeq 'd["functions"][6]["pft"]' 30
jeq 'd["functions"][6]["driver"]' null
jeq 'd["functions"][4]["bars"][0]["mappable"]' true
jeq 'd["functions"][4]["bars"][0]["start"]' 0x0004000000000000
jeq 'd["functions"][7]["address"]' null
jeq 'd["functions"][7]["uid"]' null
jeq 'd["functions"][3]["mio_enabled"]' false
jeq 'd["functions"][4]["mio_enabled"]' true
jeq 'd["functions"][4]["util_string"]["pnet_ids"]' '[null, "NETB", null, null]'
done_testing
