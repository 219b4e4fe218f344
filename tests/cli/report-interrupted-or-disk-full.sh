#!/bin/sh
# A report stopped by SIGINT or SIGTERM midway, or failing to write (file
# size limit, a full file system) leaves no file at all: neither the report
# nor its temporary; the exit code says why (128+signal, or 7).
. "$(dirname "$0")/lib.sh"
OUTDIR=$WORK/reports
mkdir -p "$OUTDIR"

# Three ISM functions and an incompressible attribute: the archive is larger
# than the limits below.
# ism_tree DIR N: N ISM functions and the incompressible attribute
ism_tree() {
python3 - "$MKFIXTURE" "$1" "$2" <<'PY'
import importlib.util, os, sys
spec = importlib.util.spec_from_file_location("mkfixture", sys.argv[1])
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
t = m.Tree(sys.argv[2])
t.uid_checking(1)
for i in range(1, int(sys.argv[3]) + 1):
    m.ism(t, addr="%04x:00:00.0" % i, fid=0x1000 + i, uid=i, index=i, group=i)
t.write("bus/pci/devices/0001:00:00.0/random_blob", os.urandom(60000))
PY
}
R=$WORK/tree
ism_tree "$R" 3

nothing_left() { # what
	CHECKS=$((CHECKS + 1))
	[ -z "$(ls -A "$OUTDIR")" ] || fail "$1: left $(ls -A "$OUTDIR")"
	rm -rf "${OUTDIR:?}"/* "${OUTDIR:?}"/.[!.]* 2>/dev/null
}

# A report that takes seconds: 300 functions. (A FIFO attribute no longer
# stalls it: the sources refuse FIFOs without blocking.)
S=$WORK/slow
ism_tree "$S" 300
for sig in INT:2 TERM:15; do
	num=${sig#*:}
	sig=${sig%:*}
	"$ZPCIDIAG" --sysfs-root "$S" report -o "$OUTDIR/r.tar.xz" >"$WORK/out" 2>"$WORK/err" &
	pid=$!
	n=0
	while [ -z "$(ls -A "$OUTDIR")" ] && [ $n -lt 100 ]; do sleep 0.05; n=$((n + 1)); done
	CHECKS=$((CHECKS + 1))
	[ -n "$(ls -A "$OUTDIR")" ] || fail "SIG$sig: no temporary file while the report runs"
	sleep 0.3
	kill -$sig $pid
	wait $pid
	rc=$?
	CHECKS=$((CHECKS + 1))
	[ $rc = $((128 + num)) ] || fail "SIG$sig: exit $rc, expected $((128 + num))"
	contains "$(cat "$WORK/err")" "interrupted by .*no report written" "SIG$sig stderr"
	nothing_left "SIG$sig"
done

# A file size limit: the write fails (EFBIG) instead of killing the process
(ulimit -f 16 && exec "$ZPCIDIAG" --sysfs-root "$R" report -q -o "$OUTDIR/r.tar.xz") \
	>"$WORK/out" 2>"$WORK/err"
rc=$?
CHECKS=$((CHECKS + 1))
[ $rc = 7 ] || fail "file size limit: exit $rc, expected 7"
contains "$(cat "$WORK/err")" "File too large.*no report written" "file size limit stderr"
nothing_left "file size limit"

# A full file system, when this test may mount a small tmpfs (root)
if mkdir -p "$WORK/full" && mount -t tmpfs -o size=16k tmpfs "$WORK/full" 2>/dev/null; then
	OUTDIR=$WORK/full
	"$ZPCIDIAG" --sysfs-root "$R" report -q -o "$OUTDIR/r.tar.xz" >"$WORK/out" 2>"$WORK/err"
	rc=$?
	CHECKS=$((CHECKS + 1))
	[ $rc = 7 ] || fail "full tmpfs: exit $rc, expected 7"
	contains "$(cat "$WORK/err")" "No space left on device.*no report written" "full tmpfs stderr"
	nothing_left "full tmpfs"
	umount "$WORK/full"
else
	echo "note: cannot mount a tmpfs here; the full-disk case ran as a file size limit only"
fi

# Without the pressure the same tree gives a complete report, larger than the limits
run 0 --sysfs-root "$R" report -q -o "$WORK/ok.tar.xz"
CHECKS=$((CHECKS + 1))
[ "$(stat -c %s "$WORK/ok.tar.xz")" -gt 20000 ] || fail "the complete report is smaller than the limits"
done_testing
