#!/bin/sh
# A report taken on each fixture tree and read back with --report on "another
# machine" gives the same JSON and tables as the tree itself, for every read
# command; the archive is complete (manifest checksums), private (0600) and
# leaves nothing behind, neither beside it nor in TMPDIR after reading.
. "$(dirname "$0")/lib.sh"
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR" "$WORK/reports"

same() { # what file1 file2
	CHECKS=$((CHECKS + 1))
	cmp -s "$2" "$3" || fail "$1 differs: $(diff "$2" "$3" | head -5)"
}

for fx in $(python3 "$MKFIXTURE" --list); do
	R=$(fixture "$fx")
	A=$WORK/reports/$fx.tar.xz
	run 0 --sysfs-root "$R" report --quiet -o "$A" || continue
	CHECKS=$((CHECKS + 1))
	[ "$(stat -c %a "$A")" = 600 ] || fail "$fx: report mode $(stat -c %a "$A"), expected 600"
	CHECKS=$((CHECKS + 1))
	[ "$(ls -A "$WORK/reports" | grep -c '^\.zpcidiag-report')" = 0 ] || fail "$fx: temporary file left"
	# manifest: every member listed with the right SHA-256, nothing unlisted
	CHECKS=$((CHECKS + 1))
	python3 - "$A" <<'PY' || fail "$fx: manifest does not match the members"
import hashlib, json, sys, tarfile
t = tarfile.open(sys.argv[1])
top = t.getmembers()[0].name.split("/")[0]
m = json.load(t.extractfile(top + "/manifest.json"))
assert m["format"] == "zpcidiag-report", m["format"]
listed = {e["name"]: e for e in m["members"]}
for mem in t.getmembers():
    name = mem.name[len(top) + 1:]
    if not name or name == "manifest.json":
        continue
    e = listed.pop(name)
    if mem.isfile():
        assert e["sha256"] == hashlib.sha256(t.extractfile(mem).read()).hexdigest(), name
    elif mem.issym():
        assert e["type"] == "link" and e["target"] == mem.linkname, name
assert not listed, sorted(listed)
PY
	for cmd in list bars vf; do
		"$ZPCIDIAG" --sysfs-root "$R" --json $cmd >"$WORK/live" 2>/dev/null
		"$ZPCIDIAG" --report "$A" --json $cmd >"$WORK/saved" 2>/dev/null
		same "$fx: $cmd --json" "$WORK/live" "$WORK/saved"
		"$ZPCIDIAG" --sysfs-root "$R" $cmd >"$WORK/live" 2>/dev/null
		"$ZPCIDIAG" --report "$A" $cmd >"$WORK/saved" 2>/dev/null
		same "$fx: $cmd" "$WORK/live" "$WORK/saved"
	done
	for fid in $("$ZPCIDIAG" --sysfs-root "$R" --json list | python3 -c '
import json, sys
for f in json.load(sys.stdin)["functions"]:
    print(f["address"] or "fid:0x%x" % int(str(f["fid"]), 0))'); do
		for cmd in show caps; do
			"$ZPCIDIAG" --sysfs-root "$R" --json $cmd "$fid" >"$WORK/live" 2>/dev/null
			a=$?
			"$ZPCIDIAG" --report "$A" --json $cmd "$fid" >"$WORK/saved" 2>/dev/null
			b=$?
			same "$fx: $cmd $fid --json" "$WORK/live" "$WORK/saved"
			CHECKS=$((CHECKS + 1))
			[ "$a" = "$b" ] || fail "$fx: $cmd $fid exits $a on the tree, $b on the report"
		done
	done
	# the live output the report carries is what --report prints
	tar -xJf "$A" -C "$WORK" --wildcards '*/commands/list.json'
	"$ZPCIDIAG" --report "$A" --json list >"$WORK/saved"
	same "$fx: commands/list.json in the report" "$WORK/$fx/commands/list.json" "$WORK/saved"
done
CHECKS=$((CHECKS + 1))
[ -z "$(ls -A "$TMPDIR")" ] || fail "--report left $(ls "$TMPDIR") in TMPDIR"

# A report from a fake root says what it could not collect, and why
R=$(fixture mixed-system)
tar -xJOf "$WORK/reports/mixed-system.tar.xz" --wildcards '*/manifest.json' >"$WORK/m.json"
OUT=$(cat "$WORK/m.json")
jeq 'sorted(g["what"] for g in d["not_collected"] if g["what"] in ("clp", "system"))' '["clp", "system"]'
jeq 'd["byte_order"] in ("big", "little")' 'true'

# The completion offers the report's devices (it reads the report like a root)
"$ZPCIDIAG" --sysfs-root "$R" __complete devices >"$WORK/live"
"$ZPCIDIAG" --report "$WORK/reports/mixed-system.tar.xz" __complete devices >"$WORK/saved"
same "__complete devices" "$WORK/live" "$WORK/saved"

# --report and --sysfs-root name two systems
run 2 --report "$WORK/reports/mixed-system.tar.xz" --sysfs-root "$R" list
contains "$ERR" 'two different systems'
# report refuses to re-read a report
run 2 --report "$WORK/reports/mixed-system.tar.xz" report -o "$WORK/x.tar.xz"
done_testing
