#!/bin/sh
# --report unpacks archives from strangers: absolute names, "..", links that
# leave the report, files written through a link, devices and hard links are
# refused with exit 4 before anything lands outside the private directory,
# which is gone afterwards.
. "$(dirname "$0")/lib.sh"
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"
OUTSIDE=$WORK/outside

mk() { # name python-statements (t: tarfile, add(name, data), top); the manifest
	# lists the members as the writer would (manifest.json last)
	python3 - "$WORK/$1.tar.gz" "$OUTSIDE" "$2" <<'PY'
import hashlib, io, json, sys, tarfile
t = tarfile.open(sys.argv[1], "w:gz")
outside = sys.argv[2]
top = "r"
members = []
def add(name, data=b"x", **kw):
    ti = tarfile.TarInfo(name)
    for k, v in kw.items():
        setattr(ti, k, v)
    if ti.type == tarfile.REGTYPE:
        ti.size = len(data)
        t.addfile(ti, io.BytesIO(data))
    else:
        t.addfile(ti)
    rel = name[len(top) + 1:] if name.startswith(top + "/") else name
    m = {"name": rel, "type": {tarfile.REGTYPE: "file", tarfile.SYMTYPE: "link",
                               tarfile.DIRTYPE: "directory"}.get(ti.type, "other")}
    if ti.type == tarfile.REGTYPE:
        m.update(size=len(data), sha256=hashlib.sha256(data).hexdigest())
    members.append(m)
exec(sys.argv[3])
man = json.dumps({"format": "zpcidiag-report", "members": members}).encode()
ti = tarfile.TarInfo(top + "/manifest.json")
ti.size = len(man)
t.addfile(ti, io.BytesIO(man))
t.close()
PY
}

refused() { # name what
	run 4 --report "$WORK/$1.tar.gz" list
	contains "$ERR" "$2" "$1 message"
	CHECKS=$((CHECKS + 1))
	[ ! -e "$OUTSIDE" ] || fail "$1: wrote $OUTSIDE"
	rm -rf "$OUTSIDE"
}

mk absolute 'add(outside)'
refused absolute 'unsafe member name'
mk dotdot 'add(top + "/../outside")'
refused dotdot 'unsafe member name'
mk link-out 'add(top + "/sys", type=tarfile.SYMTYPE, linkname="../../outside")'
refused link-out 'points outside the report'
mk link-beside 'add(top + "/sys/x", type=tarfile.SYMTYPE, linkname="../../other")'
refused link-beside 'points outside the report'
mk link-absolute 'add(top + "/sys", type=tarfile.SYMTYPE, linkname=outside)'
refused link-absolute 'points outside the report'
mk through-link 'add(top + "/d", type=tarfile.SYMTYPE, linkname="."); add(top + "/d/x")'
refused through-link 'leads through a link'
mk device 'add(top + "/null", type=tarfile.CHRTYPE, devmajor=1, devminor=3)'
refused device 'not a file, directory or symbolic link'
mk hardlink 'add(top + "/h", type=tarfile.LNKTYPE, linkname=top + "/manifest.json")'
refused hardlink 'not a file, directory or symbolic link'
mk two-tops 'add("other/x")'
refused two-tops "outside the report's directory"
python3 -c 'import tarfile; tarfile.open("'"$WORK"'/empty.tar.gz", "w:gz").close()'
refused empty 'not a zpcidiag report'
printf 'not an archive' >"$WORK/text.tar.gz"
refused text 'cannot read the report|not a readable report'
run 4 --report "$WORK/missing.tar.xz" list
contains "$ERR" 'missing.tar.xz'

# A link that stays inside is fine (sysfs links do)
mk inside 'add(top + "/sys/bus/pci/devices", type=tarfile.DIRTYPE); add(top + "/sys/x", type=tarfile.SYMTYPE, linkname="bus/pci/devices")'
run 0 --report "$WORK/inside.tar.gz" list
CHECKS=$((CHECKS + 1))
[ -z "$(ls -A "$TMPDIR")" ] || fail "--report left $(ls "$TMPDIR") in TMPDIR"
done_testing
