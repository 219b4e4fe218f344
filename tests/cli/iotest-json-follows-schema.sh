#!/bin/sh
# zpcidiag --json iotest documents from a real run on the emulated IBM Z
# (tests/fixtures/iotest-json/, printed by the in-guest case
# iotest-json-every-mode.sh) follow docs/zpcidiag.schema.json: every mode
# (read, read and write loops, write, verify, reject matrix) is there, and
# the schema refuses a document whose mode member is missing or whose
# exit_code is one iotest never prints.
. "$(dirname "$0")/lib.sh"
DIR=$(dirname "$SCHEMA")/../tests/fixtures/iotest-json

for name in read read-lengths read-loop write write-loop verify reject-matrix; do
	f=$DIR/$name.json
	CHECKS=$((CHECKS + 1))
	[ -s "$f" ] || { fail "$f: missing"; continue; }
	OUT=$(cat "$f")
	schema_valid "iotest $name (from the test bed)"
done

# the schema can fail: each corrupted document must be refused
refused() {	# WHAT: $OUT must not validate
	CHECKS=$((CHECKS + 1))
	FAILURES_BEFORE=$FAILURES
	schema_valid "$1" 2>/dev/null
	[ "$FAILURES" -gt "$FAILURES_BEFORE" ] && FAILURES=$FAILURES_BEFORE ||
		fail "the schema accepted $1"
}
OUT=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); del d["verify"]; print(json.dumps(d))' "$DIR/verify.json")
refused "a verify document without its verify member"
OUT=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["exit_code"]=3; print(json.dumps(d))' "$DIR/read.json")
refused "an iotest document with exit_code 3"
OUT=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["loop"]["latency_ns"]["p50"]=-1; print(json.dumps(d))' "$DIR/read-loop.json")
refused "a loop with a negative latency"
OUT=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); d["reads"][0]["value"]=17; print(json.dumps(d))' "$DIR/read.json")
refused "a read value as a number"

done_testing
