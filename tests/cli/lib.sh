# Shared helpers for the CLI tests (sourced). The automake test environment
# (tests/cli.mk) sets ZPCIDIAG, MKFIXTURE, LSPCI, VALGRIND, COMPLETION, MANPAGE.
set -u
: "${ZPCIDIAG:?}" "${MKFIXTURE:?}"

TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/zpcidiag-$TEST_NAME.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
FAILURES=0
CHECKS=0

command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 needed for fixtures"; exit 77; }

fail() {
	FAILURES=$((FAILURES + 1))
	echo "FAIL: $*" >&2
}

# fixture NAME: build the tree once per test, print its path
fixture() {
	[ -d "$WORK/$1" ] || python3 "$MKFIXTURE" "$1" "$WORK/$1" || { echo "cannot build fixture $1" >&2; exit 99; }
	printf '%s\n' "$WORK/$1"
}

# run EXPECTED_RC ARGS...: runs zpcidiag, keeps stdout in $OUT, stderr in $ERR
run() {
	local want=$1 got
	shift
	CHECKS=$((CHECKS + 1))
	"$ZPCIDIAG" "$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
	if [ "$got" != "$want" ]; then
		fail "zpcidiag $* exited $got, expected $want; stderr: $ERR"
		return 1
	fi
	return 0
}

# contains TEXT PATTERN [what]: grep -E PATTERN in TEXT
contains() {
	CHECKS=$((CHECKS + 1))
	printf '%s\n' "$1" | grep -Eq -- "$2" || fail "${3:-output} lacks /$2/: $(printf '%s' "$1" | head -c 2000)"
}

lacks() {
	CHECKS=$((CHECKS + 1))
	printf '%s\n' "$1" | grep -Eq -- "$2" && fail "${3:-output} has unexpected /$2/"
	return 0
}

# jq EXPR: evaluate a Python expression over the JSON in $OUT (bound to d)
jq() {
	printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
v = eval(sys.argv[1])
print(json.dumps(v) if not isinstance(v, str) else v)' "$1"
}

# jeq EXPR EXPECTED: jq EXPR must print EXPECTED
jeq() {
	local got
	CHECKS=$((CHECKS + 1))
	got=$(jq "$1" 2>&1)
	[ "$got" = "$2" ] || fail "JSON $1 = $got, expected $2"
}

# schema_valid WHAT: $OUT validates against docs/zpcidiag.schema.json (the one
# home of the JSON schema; python3-jsonschema, Debian 12)
schema_valid() {
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c '
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.loads(sys.stdin.buffer.read().decode("utf-8"))
try:
    jsonschema.Draft202012Validator(schema).validate(doc)
except jsonschema.ValidationError as e:
    raise SystemExit("%s at %s" % (e.message, "/".join(str(p) for p in e.absolute_path)))
' "$SCHEMA" || fail "$1: output does not follow docs/zpcidiag.schema.json"
}

# row ADDRESS_OR_KEY: the table line starting with it
row() {
	printf '%s\n' "$OUT" | grep -E "^$1 " | head -1
}

done_testing() {
	echo "$TEST_NAME: $CHECKS checks, $FAILURES failed"
	[ "$FAILURES" -eq 0 ]
}
