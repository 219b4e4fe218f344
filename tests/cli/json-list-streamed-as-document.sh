#!/bin/sh
# list --json is streamed one function at a time; on every kind of tree (none,
# mixed, hostile strings, malformed attributes, a generated bench tree with
# hundreds of functions) its bytes are those of the whole document built at
# once and printed by json-c (tests/json-document-oracle).
. "$(dirname "$0")/lib.sh"
: "${JSON_ORACLE:?}" "${MKTREE:?}"

same_as_document() {	# ROOT WHAT
	CHECKS=$((CHECKS + 1))
	"$ZPCIDIAG" --sysfs-root "$1" --json list >"$WORK/streamed" 2>/dev/null
	"$JSON_ORACLE" "$1" >"$WORK/document" 2>/dev/null
	[ -s "$WORK/document" ] || { fail "$2: the oracle printed nothing"; return; }
	cmp -s "$WORK/streamed" "$WORK/document" ||
		fail "$2: streamed list --json differs from the whole document: $(diff "$WORK/document" "$WORK/streamed" | head -20)"
}

mkdir -p "$WORK/empty/bus/pci/devices"
same_as_document "$WORK/empty" "no functions"
for f in mixed-system malformed-attrs standby-slot linked-vf; do
	same_as_document "$(fixture $f)" "$f"
done

R=$(fixture mixed-system)
D=$R/devices/pci0010:00/0010:00:00.0
printf 'vfio-pci\033[2J\a\377"\\/\n' >"$D/driver_override"
same_as_document "$R" "driver_override with escapes, quotes and slashes"

python3 "$MKTREE" 300 "$WORK/bench-300" >/dev/null || { echo "cannot build bench tree" >&2; exit 99; }
same_as_document "$WORK/bench-300" "bench tree of 300 functions"

echo "$CHECKS checks, $FAILURES failed"
[ "$FAILURES" -eq 0 ]
