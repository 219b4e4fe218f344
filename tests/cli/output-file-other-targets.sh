#!/bin/sh
# -o targets beyond output-file-never-replaces-special-files.sh: a dangling
# link, a link to a directory, /dev/stdout (a link into /proc), a name
# ending in "/", a regular file the user may not write (the atomic rename
# would bypass its protection; shell redirection refuses it too), and a
# new name that is not UTF-8 (written, byte-exact). Every refusal leaves
# the path as it was; check still prints its one UNKNOWN line.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(root mixed-system)
S="$R/sys"
ln -s "$WORK/no-such-file" "$WORK/dangling"
mkdir "$WORK/adir"
ln -s "$WORK/adir" "$WORK/dirlink"

for p in "$WORK/dangling" "$WORK/dirlink" /dev/stdout "$WORK/adir/"; do
	before=$(stat -c %F "$p" 2>/dev/null; ls -a "$WORK/adir" | tr '\n' ' ')
	run 3 --sysfs-root "$S" check --format=plugin -o "$p"
	contains "$OUT" "^ZPCIDIAG UNKNOWN - " "check -o $p"
	contains "$ERR" "$p" "check -o $p: message names it"
	run 2 --sysfs-root "$S" report -q -o "$p"
	after=$(stat -c %F "$p" 2>/dev/null; ls -a "$WORK/adir" | tr '\n' ' ')
	CHECKS=$((CHECKS + 1))
	[ "$before" = "$after" ] || fail "-o $p changed it: '$before' -> '$after'"
done
CHECKS=$((CHECKS + 1))
[ -e "$WORK/no-such-file" ] && fail "written through the dangling link"

# a new name with a byte that is not UTF-8
nu=$(printf '%s/r\377\376.tar.gz' "$WORK")
run 0 --sysfs-root "$S" report -q -o "$nu"
CHECKS=$((CHECKS + 1))
[ -s "$nu" ] || fail "report -o a non-UTF-8 name wrote nothing"
run 0 --report "$nu" list
contains "$OUT" "^0001:00:00.0 "

# a file the user may not write (needs an unprivileged user)
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	chmod 755 "$WORK"
	mkdir -m 777 "$WORK/shared"
	printf 'keep me\n' >"$WORK/shared/ro.prom"
	chmod 444 "$WORK/shared/ro.prom"
	chown 65534:65534 "$WORK/shared/ro.prom"
	CHECKS=$((CHECKS + 1))
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ZPCIDIAG" --sysfs-root "$S" \
		check --format=prometheus -o "$WORK/shared/ro.prom" >"$WORK/o" 2>"$WORK/e"
	[ $? = 3 ] || fail "check -o a read-only file: exit $?, expected 3: $(cat "$WORK/e")"
	contains "$(cat "$WORK/e")" "ro.prom: Permission denied" "check -o a read-only file"
	contains "$(cat "$WORK/o")" "^zpcidiag_check_status 3$"
	CHECKS=$((CHECKS + 1))
	[ "$(cat "$WORK/shared/ro.prom")" = "keep me" ] || fail "a read-only file was replaced"
	CHECKS=$((CHECKS + 1))
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ZPCIDIAG" --sysfs-root "$S" \
		report -q -o "$WORK/shared/ro.prom" 2>"$WORK/e"
	[ $? = 2 ] || fail "report -o a read-only file: exit $?, expected 2: $(cat "$WORK/e")"
	CHECKS=$((CHECKS + 1))
	[ "$(cat "$WORK/shared/ro.prom")" = "keep me" ] || fail "a read-only file was replaced by report"
fi

done_testing
