#!/bin/sh
# Linux allows any bytes but '/' and NUL in a netdev, block device or
# driver name. A report keeps such names byte for byte (pax hdrcharset
# BINARY), its manifest stays UTF-8 JSON (the name escaped, its bytes in
# name_hex), in any locale, and --report shows what the machine showed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root mixed-system hostile)
NET=$(printf 'ens\377x')
NVME=$(printf 'nvme\376\200')
DRV=$(printf 'drv\3770')
d=$(devdir "$R" 0010:00:00.0)
mv "$d/net/ens256" "$d/net/$NET"
d=$(devdir "$R" 0020:00:00.0)
mv "$d/nvme/nvme0" "$d/nvme/$NVME"
bind_to "$R" 0001:00:00.0 "$DRV"

for loc in C C.UTF-8; do
	export LC_ALL=$loc
	run 0 --sysfs-root "$R/sys" show 0010:00:00.0 0020:00:00.0 0001:00:00.0
	LIVE=$OUT
	contains "$LIVE" 'ens\\xffx'
	run 0 --sysfs-root "$R/sys" report -q -o "$WORK/r-$loc.tar.xz"
	lacks "$ERR" "translate"
	run 0 --report "$WORK/r-$loc.tar.xz" show 0010:00:00.0 0020:00:00.0 0001:00:00.0
	CHECKS=$((CHECKS + 1))
	[ "$OUT" = "$LIVE" ] || fail "$loc: --report show differs from live: $OUT /// $LIVE"
	CHECKS=$((CHECKS + 1))
	python3 - "$WORK/r-$loc.tar.xz" <<'PY' || fail "$loc: archive names or manifest"
import json, sys, tarfile
t = tarfile.open(sys.argv[1], encoding="utf-8", errors="surrogateescape")
names = [m.name.encode("utf-8", "surrogateescape") for m in t.getmembers()]
for raw in (b"/net/ens\xffx", b"/nvme/nvme\xfe\x80"):
    assert any(n.endswith(raw) for n in names), "no member ending %r" % raw
m = [x for x in t.getmembers() if x.name.endswith("/manifest.json")][0]
man = json.loads(t.extractfile(m).read().decode("utf-8"))   # strict UTF-8
hexes = [bytes.fromhex(x["name_hex"]) for x in man["members"] if "name_hex" in x]
assert any(h.endswith(b"/net/ens\xffx") for h in hexes), hexes
PY
done

# an ordinary report carries no hdrcharset keyword (GNU tar warns about it
# on every member that has one)
unset LC_ALL
run 0 --sysfs-root "$(root mixed-system)/sys" report -q -o "$WORK/plain.tar.xz"
if command -v tar >/dev/null 2>&1; then
	CHECKS=$((CHECKS + 1))
	tar tJf "$WORK/plain.tar.xz" >/dev/null 2>"$WORK/tar.err" || fail "tar cannot list the report"
	lacks "$(cat "$WORK/tar.err")" "hdrcharset"
fi

done_testing
