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

# fires RULE [DEVICE]: the last `check --json` output ($OUT) has a finding of RULE (on DEVICE)
fires() {
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
rule, dev = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
sys.exit(0 if any(f["rule"] == rule and (dev is None or f["device"] == dev)
                  for f in d["findings"]) else 1)' "$@" ||
		fail "rule $* did not fire: $(printf '%s' "$OUT" | head -c 1500)"
}

# silent RULE [DEVICE]: no finding of RULE (on DEVICE) in $OUT
silent() {
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
rule, dev = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None
sys.exit(1 if any(f["rule"] == rule and (dev is None or f["device"] == dev)
                  for f in d["findings"]) else 0)' "$@" ||
		fail "rule $* fired on a healthy look-alike: $(printf '%s' "$OUT" | head -c 1500)"
}
