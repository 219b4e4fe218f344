#!/bin/sh
# Every read command (list, bars, vf, clp list/show, show, caps, check), text
# and JSON, on every fixture, saved report and set of saved CLP blocks prints
# what tests/golden/ holds: the output captured before the printers and the
# loader were restructured (issue 19). Only the differences listed, each with
# its reason, in tests/golden/allowed-differences.txt may appear; a listed
# difference that no longer occurs fails too. tests/cli/golden.py says how.
. "$(dirname "$0")/lib.sh"
GOLDEN=$(cd "$(dirname "$MKFIXTURE")/../golden" && pwd)
CHECKS=$((CHECKS + 1))
python3 "$(dirname "$0")/golden.py" compare "$ZPCIDIAG" "$MKFIXTURE" "$WORK" "$GOLDEN" >"$WORK/log" 2>&1 ||
	fail "outputs differ from tests/golden: $(head -c 6000 "$WORK/log")"
tail -1 "$WORK/log"
done_testing
