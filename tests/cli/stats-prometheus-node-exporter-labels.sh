#!/bin/sh
# stats --prometheus read the way node_exporter's textfile collector reads
# it (prom-textfile.py), beside check's textfile in the same directory: the
# counters carry exactly the key of check's per-function series (segment,
# bus, device, function as the pcidevice collector prints them, and fid), so
# both join with node_pcidevice_* and with each other; "device" is never a
# PCI address; no two samples of a family share a label set.
. "$(dirname "$0")/lib.sh"
PARSER="$(dirname "$0")/prom-textfile.py"
R=$(fixture fmb-counters)

# prom FILE: the collector accepts FILE; its samples as JSON lines in FILE.json
prom() {
	CHECKS=$((CHECKS + 1))
	python3 "$PARSER" "$1" >"$1.json" 2>"$WORK/perr" ||
		fail "the textfile collector refuses $1: $(cat "$WORK/perr")"
}
# is EXPECTED PYEXPR: over s (stats samples) and c (check samples)
is() {
	CHECKS=$((CHECKS + 1))
	got=$(python3 -c '
import json, sys
load = lambda f: [json.loads(l) for l in open(f) if l.strip()]
s, c = load(sys.argv[1]), load(sys.argv[2])
print(json.dumps(eval(sys.argv[3]), sort_keys=True))' "$WORK/stats.prom.json" "$WORK/check.prom.json" "$2")
	[ "$got" = "$1" ] || fail "$2: got $got, expected $1"
}

run 0 --sysfs-root "$R" stats --prometheus
printf '%s\n' "$OUT" >"$WORK/stats.prom"
prom "$WORK/stats.prom"
# check exits 1 or 2 here (the fixture has findings); its textfile is written either way
"$ZPCIDIAG" --sysfs-root "$R" check --format=prometheus -o "$WORK/check.prom" >/dev/null 2>&1
[ -s "$WORK/check.prom" ] || fail "check wrote no textfile"
prom "$WORK/check.prom"

# every counter sample: exactly check's key, no other label
is '[["bus", "device", "fid", "function", "segment"]]' \
	'sorted(set(tuple(sorted(x["labels"])) for x in s))'
is '[]' '[x["labels"]["device"] for x in s if ":" in x["labels"]["device"]]'
is '[["0050", "00", "00", "0", "0x00000a00"]]' \
	'[[x["labels"][k] for k in ("segment", "bus", "device", "function", "fid")] for x in s if x["name"] == "zpcidiag_fmb_received_bytes_total"]'
# no family has two samples with one label set
is '[]' '[k for k in set((x["name"], json.dumps(x["labels"], sort_keys=True)) for x in s) if sum(1 for y in s if (y["name"], json.dumps(y["labels"], sort_keys=True)) == k) > 1]'
# the counters join with check's function info on its whole key
KEY='("segment", "bus", "device", "function", "fid")'
is '[]' "sorted(set(tuple(x['labels'][k] for k in $KEY) for x in s) - set(tuple(x['labels'][k] for k in $KEY) for x in c if x['name'] == 'zpcidiag_function_info'))"
# both files in one textfile directory: the collector takes them together
cat "$WORK/check.prom" "$WORK/stats.prom" >"$WORK/both.prom"
prom "$WORK/both.prom"
done_testing
