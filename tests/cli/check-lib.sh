# Helpers for the check tests (sourced after lib.sh).

# root NAME: a fake root for shape NAME (DIR/sys, DIR/proc with the shape's
# kernel release), built once per test; prints DIR
root() {
	[ -d "$WORK/root-$1" ] || python3 "$MKFIXTURE" --root "$1" "$WORK/root-$1" ||
		{ echo "cannot build fixture $1" >&2; exit 99; }
	printf '%s\n' "$WORK/root-$1"
}

# copy_root NAME COPY: a private copy to change without touching the shared one
copy_root() {
	rm -rf "$WORK/$2"
	cp -a "$(root "$1")" "$WORK/$2"
	printf '%s\n' "$WORK/$2"
}

# devdir ROOT ADDR: the device directory behind bus/pci/devices/ADDR
devdir() {
	printf '%s\n' "$(cd "$1/sys/bus/pci/devices/$2" && pwd -P)"
}

# bind_to ROOT ADDR DRIVER: the kernel's view of a function bound to DRIVER
bind_to() {
	mkdir -p "$1/sys/bus/pci/drivers/$3"
	rm -f "$(devdir "$1" "$2")/driver"
	ln -s "../../../bus/pci/drivers/$3" "$(devdir "$1" "$2")/driver"
}

# kernel ROOT RELEASE: the release the fake root's proc/ reports
kernel() {
	mkdir -p "$1/proc/sys/kernel"
	printf '%s\n' "$2" >"$1/proc/sys/kernel/osrelease"
}

# findings RULE [DEVICE]: how many findings of RULE (on DEVICE) the last `check --json` ($OUT) has
findings() {
	printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
rule, dev = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
print(sum(f["rule"] == rule and (dev is None or f["device"] == dev) for f in d["findings"]))' "$@"
}

# fires RULE [DEVICE]: the rule raised a finding (on DEVICE)
fires() {
	CHECKS=$((CHECKS + 1))
	[ "$(findings "$@")" -gt 0 ] 2>/dev/null ||
		fail "rule $* did not fire: $(printf '%s' "$OUT" | head -c 1500)"
}

# silent RULE [DEVICE]: the rule raised nothing (on DEVICE)
silent() {
	CHECKS=$((CHECKS + 1))
	[ "$(findings "$@")" = 0 ] ||
		fail "rule $* fired on a healthy look-alike: $(printf '%s' "$OUT" | head -c 1500)"
}

# as_nobody RC ARGS...: run as uid/gid 65534 (root and setpriv needed), stdout in
# $OUT, stderr in $ERR
as_nobody() {
	local want=$1 got
	shift
	CHECKS=$((CHECKS + 1))
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ZPCIDIAG" "$@" >"$WORK/out" 2>"$WORK/err"
	got=$?
	OUT=$(cat "$WORK/out")
	ERR=$(cat "$WORK/err")
	[ "$got" = "$want" ] || fail "as nobody: zpcidiag $* exited $got, expected $want; stderr: $ERR"
}
