#!/bin/sh
# -o FILE (check and report) replaces only a regular file, atomically, or
# creates a new name: a symbolic link, FIFO, socket or directory at the
# path is refused with a message and left exactly as it was (a device node
# the same way; /dev/full stands for one where a test cannot make one).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(root mixed-system)
S="$R/sys"
printf 'precious\n' >"$WORK/target"
ln -s "$WORK/target" "$WORK/link"
mkfifo "$WORK/fifo"
mkdir "$WORK/dir"
python3 -c 'import socket, sys; s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])' "$WORK/sock"

# same SPEC PATH: PATH is still what stat says it was
same() {
	CHECKS=$((CHECKS + 1))
	[ "$(stat -c %F "$2")" = "$1" ] || fail "$2 is now $(stat -c %F "$2"), was $1"
}

for k in "symbolic link" fifo directory socket; do
	case $k in
	"symbolic link") p=$WORK/link ;;
	fifo) p=$WORK/fifo ;;
	directory) p=$WORK/dir ;;
	socket) p=$WORK/sock ;;
	esac
	run 3 --sysfs-root "$S" check --format=prometheus -o "$p"
	contains "$ERR" "is a (symbolic link|FIFO|directory|socket)" "check -o $k: message"
	contains "$OUT" "^zpcidiag_check_status 3$" "check -o $k: UNKNOWN on stdout"
	same "$k" "$p"
	run 2 --sysfs-root "$S" report -q -o "$p"
	contains "$ERR" "is a (symbolic link|FIFO|directory|socket)" "report -o $k: message"
	same "$k" "$p"
done
CHECKS=$((CHECKS + 1))
[ "$(cat "$WORK/target")" = precious ] || fail "the link's target was written"
CHECKS=$((CHECKS + 1))
ls -a "$WORK" | grep -q 'tmp\.\|zpcidiag-report' && fail "a temporary file was left: $(ls -a "$WORK")"

# a device node: refused, not written through
if [ -c /dev/full ]; then
	run 3 --sysfs-root "$S" check --format=plugin -o /dev/full
	contains "$ERR" "is a character device"
	contains "$OUT" "^ZPCIDIAG UNKNOWN - "
	same "character special file" /dev/full
fi

# a regular file is replaced atomically, readable for a textfile collector;
# a new name is created
printf 'old\n' >"$WORK/metrics.prom"
run 0 --sysfs-root "$(root lpar-6-1-roce-pf-linked-vfs)/sys" check --format=prometheus \
	-o "$WORK/metrics.prom" ||
	run 1 --sysfs-root "$(root lpar-6-1-roce-pf-linked-vfs)/sys" check --format=prometheus \
		-o "$WORK/metrics.prom"
contains "$(cat "$WORK/metrics.prom")" "^zpcidiag_check_status [0-2]$"
same "regular file" "$WORK/metrics.prom"
CHECKS=$((CHECKS + 1))
[ "$(stat -c %a "$WORK/metrics.prom")" = 644 ] || fail "mode $(stat -c %a "$WORK/metrics.prom")"
run 0 --sysfs-root "$S" report -q -o "$WORK/new.tar.xz"
same "regular file" "$WORK/new.tar.xz"
printf 'old\n' >"$WORK/old.tar.xz"
run 0 --sysfs-root "$S" report -q -o "$WORK/old.tar.xz"
CHECKS=$((CHECKS + 1))
[ "$(head -c 3 "$WORK/old.tar.xz")" != old ] || fail "report -o over a regular file kept the old one"

done_testing
