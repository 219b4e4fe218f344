#!/bin/sh
# src/ is layered (docs/architecture.md): base, model, sources, loader,
# printers, front end. No file includes a header of a layer above its own, no
# object of libzpcidiag.a calls a function of a higher layer, and `nm -u` of
# the library names nothing that only the program defines (tests/cli/layers.py).
. "$(dirname "$0")/lib.sh"
command -v nm >/dev/null 2>&1 || { echo "SKIP: nm needed"; exit 77; }
TOP_SRC=$(cd "$(dirname "$0")/../.." && pwd)
TOP_BUILD=$(cd "$(dirname "$ZPCIDIAG")/.." && pwd)
CHECKS=$((CHECKS + 1))
python3 "$(dirname "$0")/layers.py" "$TOP_SRC" "$TOP_BUILD" >"$WORK/log" 2>&1 ||
	fail "layering: $(cat "$WORK/log")"
tail -1 "$WORK/log"
done_testing
