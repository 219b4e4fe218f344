#!/bin/sh
# A report is read only as its writer wrote it: the manifest is one JSON
# document naming every member once with its SHA-256, checked as the
# members are unpacked (a changed member is exit 4 naming it); duplicate
# members, members the manifest does not list, and a manifest DEVICE that
# is no selector are the report's fault (exit 4), not the user's. Limits
# hold before anything is unpacked: the member count while listing, the
# manifest's size and number of values before parsing. A stop signal
# removes the unpacked copy.
. "$(dirname "$0")/lib.sh"
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"

R=$(fixture mixed-system)
run 0 --sysfs-root "$R" report -q -o "$WORK/good.tar.xz"
run 0 --report "$WORK/good.tar.xz" list
GOOD_LIST=$OUT

# retar NAME PYTHON: a copy of good.tar.xz as NAME.tar.gz; PYTHON edits the
# list m of [TarInfo, bytes] and the manifest dict man (None: keep the text)
retar() {
	python3 - "$WORK/good.tar.xz" "$WORK/$1.tar.gz" "$2" <<'PY'
import io, json, sys, tarfile
src = tarfile.open(sys.argv[1])
m = [[ti, src.extractfile(ti).read() if ti.isfile() else None] for ti in src.getmembers()]
mi = [i for i, (ti, _) in enumerate(m) if ti.name.endswith("/manifest.json")][0]
man = json.loads(m[mi][1])
raw = None
def member(suffix):
    return [x for x in m if x[0].name.endswith(suffix)][0]
exec(sys.argv[3])
m[mi][1] = raw if raw is not None else json.dumps(man).encode()
out = tarfile.open(sys.argv[2], "w:gz")
for ti, data in m:
    if data is not None:
        ti.size = len(data)
        out.addfile(ti, io.BytesIO(data))
    else:
        out.addfile(ti)
out.close()
PY
}

nothing_left() {
	CHECKS=$((CHECKS + 1))
	[ -z "$(ls -A "$TMPDIR")" ] || fail "$1: left $(ls "$TMPDIR") in TMPDIR"
}

# a member changed after writing: its checksum no longer matches
retar tampered 'x = member("/function_id"); x[1] = b"0x00000bad\n"'
run 4 --report "$WORK/tampered.tar.gz" list
contains "$ERR" 'function_id.*(SHA-256|differs)' "tampered member named"
lacks "$OUT" '0xbad|00000bad'
nothing_left tampered

# the manifest is not JSON, or JSON with something after it
retar notjson 'raw = b"this is not json"'
run 4 --report "$WORK/notjson.tar.gz" list
contains "$ERR" 'manifest.json'
retar trailing 'raw = json.dumps(man).encode() + b" garbage"'
run 4 --report "$WORK/trailing.tar.gz" list
contains "$ERR" 'manifest.json: not one JSON document'
retar notobject 'raw = b"[1, 2, 3]"'
run 4 --report "$WORK/notobject.tar.gz" list

# one member twice (same name): exit 4, not "File exists" (7)
retar twice 'm.insert(0, list(member("/function_id")))'
run 4 --report "$WORK/twice.tar.gz" list
contains "$ERR" 'appears twice'
# listed twice in the manifest
retar listed-twice 'man["members"].append(dict(man["members"][0]))'
run 4 --report "$WORK/listed-twice.tar.gz" list
contains "$ERR" 'listed twice'
# a member the manifest does not list
retar unlisted 'import copy; x = copy.copy(member("/function_id")[0]); x.name = x.name + ".extra"; m.insert(0, [x, b"1\n"])'
run 4 --report "$WORK/unlisted.tar.gz" list
contains "$ERR" 'not in the manifest'

# a manifest DEVICE that is no selector: the report is blamed
retar baddev 'man["devices"] = ["0xzz"]'
run 4 --report "$WORK/baddev.tar.gz" list
contains "$ERR" 'manifest.json: devices: "0xzz"'
lacks "$ERR" 'argument'
retar nonstring 'man["devices"] = [7]'
run 4 --report "$WORK/nonstring.tar.gz" list

# a manifest of millions of values: refused before parsing, at once
retar bomb 'man["devices"] = ["0"] * 2000000'
CHECKS=$((CHECKS + 1))
start=$(date +%s)
run 4 --report "$WORK/bomb.tar.gz" list
[ $(($(date +%s) - start)) -le 20 ] || fail "the manifest bomb took $(($(date +%s) - start)) s"
contains "$ERR" 'manifest.json'
nothing_left bomb

# too many members: refused while listing, before unpacking
python3 - "$WORK/many.tar.gz" <<'PY'
import gzip, sys
# ustar headers from one template (tarfile takes a minute for 200,001)
def header(name):
    h = bytearray(512)
    h[0:len(name)] = name
    h[100:108] = b"0000644\0"
    h[108:116] = h[116:124] = b"0000000\0"
    h[124:136] = b"00000000000\0"
    h[136:148] = b"00000000000\0"
    h[148:156] = b" " * 8
    h[156:157] = b"0"
    h[257:265] = b"ustar\x0000"
    h[148:156] = b"%06o\0 " % sum(h)
    return bytes(h)
with gzip.open(sys.argv[1], "wb", compresslevel=1) as out:
    for i in range(200001):
        out.write(header(b"r/d%03d/f%d" % (i % 500, i)))
    out.write(bytes(1024))
PY
start=$(date +%s)
CHECKS=$((CHECKS + 1))
"$ZPCIDIAG" --report "$WORK/many.tar.gz" list >/dev/null 2>"$WORK/err" &
pid=$!
sleep 2
files=$(find "$TMPDIR" -type f | wc -l)
wait $pid
rc=$?
[ "$rc" = 4 ] || fail "200,001 members: exit $rc, expected 4"
[ "$files" -eq 0 ] || fail "200,001 members: $files files unpacked before the count was refused"
contains "$(cat "$WORK/err")" 'more than 200000 members'
nothing_left many

# a stop signal while reading removes the unpacked copy
# (a shell starts background jobs with SIGINT ignored, nohup ignores SIGHUP,
# and zpcidiag rightly keeps a signal ignored that it inherited ignored:
# python restores all three).
# The reader must still be busy when the signal comes: a report that is a
# FIFO nobody writes blocks it in open(), after the unpack directory was made
# and the handlers were set, on a loaded machine or an idle one alike.
mkfifo "$WORK/blocked.tar.gz"
for sig in TERM INT HUP; do
	python3 -c 'import os, signal, sys
for s in (signal.SIGINT, signal.SIGHUP, signal.SIGTERM):
    signal.signal(s, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$ZPCIDIAG" --report "$WORK/blocked.tar.gz" list >/dev/null 2>&1 &
	pid=$!
	# once the unpack directory exists (its handler is set right after)
	for _ in $(seq 600); do
		[ -n "$(ls -A "$TMPDIR")" ] && break
		sleep 0.05
	done
	sleep 0.2
	kill -$sig $pid
	# never wait forever on a reader the signal did not stop
	for _ in $(seq 100); do
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	kill -0 $pid 2>/dev/null && { kill -9 $pid; fail "SIG$sig: still running 10 s after the signal"; }
	wait $pid
	rc=$?
	CHECKS=$((CHECKS + 1))
	[ $rc -gt 128 ] || fail "SIG$sig: exit $rc, expected death by the signal"
	nothing_left "SIG$sig"
done

# the good report still reads as it did
run 0 --report "$WORK/good.tar.xz" list
CHECKS=$((CHECKS + 1))
[ "$OUT" = "$GOOD_LIST" ] || fail "good report reads differently"
nothing_left good

done_testing
