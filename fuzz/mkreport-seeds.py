#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the report target's seeds (committed; re-run after a format change):
  mkreport-seeds.py CORPUSDIR ZPCIDIAG

Real reports first: `ZPCIDIAG --sysfs-root TREE report` of a fixture tree,
as written (gzip) and unpacked to plain tar (mutations reach the members
without breaking a compressed stream). Then the same report with what a
customer's file may hold instead: vfio replies and module answers of a
vfio-bound function, malformed saved lines, and the hostile shapes the
reader must refuse (names and links leaving the report, hard links,
devices, duplicates, a truncated stream). Crafted archives use pax headers,
whose path and linkpath records lie outside the header checksum, so a
mutation of a name still reaches the reader.
"""
import gzip
import io
import os
import struct
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tests", "fixtures"))
import mkfixture  # noqa: E402

FIXTURE = "ism-256t-bar"      # the smallest tree with every sysfs shape the sources read


def real_report(zpcidiag, tmp):
    root = os.path.join(tmp, "root")
    subprocess.run([sys.executable, mkfixture.__file__, "--root", FIXTURE, root], check=True,
                   stdout=subprocess.DEVNULL)
    out = os.path.join(tmp, FIXTURE + ".tar.gz")
    subprocess.run([zpcidiag, "--sysfs-root", os.path.join(root, "sys"), "report", "-q", "-o", out],
                   check=True)
    with open(out, "rb") as f:
        return f.read()


def members(report_gz):
    """[(TarInfo, bytes or None)] of a report, in order."""
    with tarfile.open(fileobj=io.BytesIO(report_gz), mode="r:gz") as t:
        return [(m, t.extractfile(m).read() if m.isfile() else None) for m in t.getmembers()]


def pax(entries):
    """A pax tar of [(TarInfo, data)]; every member gets path (and linkpath) records."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for info, data in entries:
            info.pax_headers = {"path": info.name}
            if info.issym() or info.islnk():
                info.pax_headers["linkpath"] = info.linkname
            t.addfile(info, io.BytesIO(data) if data is not None else None)
    return buf.getvalue()


def entry(name, data=b"", kind=tarfile.REGTYPE, link=""):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    info.mode = 0o755 if kind == tarfile.DIRTYPE else 0o644
    if kind == tarfile.REGTYPE:
        info.size = len(data)
        return info, data
    return info, None


def replaced(base, top, changes):
    """base with members changed: {relative name: bytes, or (kind, link)}; None drops one."""
    out = []
    for info, data in base:
        rel = info.name[len(top) + 1:]
        if rel in changes:
            new = changes.pop(rel)
            if new is None:
                continue
            info, data = entry(info.name, new) if isinstance(new, bytes) else \
                entry(info.name, kind=new[0], link=new[1])
        out.append((info, data))
    for rel, new in changes.items():
        if new is not None:
            out.append(entry(top + "/" + rel, new) if isinstance(new, bytes) else
                       entry(top + "/" + rel, kind=new[0], link=new[1]))
    return out


def nlmsg(payload, big=False):
    """One netlink message around a genl header + attributes, padded to 4."""
    e = ">" if big else "<"
    n = 16 + len(payload)
    return struct.pack(e + "IHHII", n, 0x1c, 2, 1, 0) + payload + b"\0" * (-n % 4)


def main():
    corpus, zpcidiag = sys.argv[1], sys.argv[2]
    d = os.path.join(corpus, "report")
    os.makedirs(d, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        gz = real_report(zpcidiag, tmp)
    top = members(gz)[0][0].name.split("/")[0]
    # the command outputs a report carries are for people, never read back;
    # hostile seeds keep the first three members and add theirs
    base = [(m, data) for m, data in members(gz) if not m.name.startswith(top + "/commands")]
    fn = "0001:00:00.0"
    fndir = "sys/devices/pci0001:00/" + fn
    corpusdir = os.path.join(HERE, "corpus")
    with open(os.path.join(corpusdir, "vfio-caps", "qemu72-virtio-net"), "rb") as f:
        vfio_info = f.read()
    with open(os.path.join(corpusdir, "kdiag", "linked-vf"), "rb") as f:
        kdiag_payload = f.read()
    vfio = {
        fndir + "/driver": (tarfile.SYMTYPE, "../../../../sys/bus/pci/drivers/vfio-pci"),
        "sys/bus/pci/drivers/vfio-pci": (tarfile.DIRTYPE, ""),
        "vfio/%s/status" % fn: None,
        "vfio/%s/device-info.bin" % fn: vfio_info,
        "vfio/%s/regions" % fn: b"0 e 4000 0 0 0 0\n4 e 4000 40000000000 0 0 0\n9 3 20 90000000000 1 80001014 2\n",
        "vfio/%s/irqs" % fn: b"0 7 1\n2 9 128\n",
        "vfio/%s/io-region-header.bin" % fn: struct.pack("<QHBBI", 1, 128, 0, 0, 0),
        "kdiag/status": None,
        "kdiag/answers.bin": nlmsg(kdiag_payload) + nlmsg(kdiag_payload[:7]),
    }
    seeds = {
        # as written, and the same members uncompressed
        "real-ism-report.tar.gz": gz,
        "real-ism-report.tar": pax(base),
        "vfio-bound-with-module-answers.tar": pax(replaced(base, top, dict(vfio))),
        "big-endian-writer.tar": pax(replaced(base, top, dict(vfio, **{
            "byte-order": b"big\n",
            "kdiag/answers.bin": nlmsg(kdiag_payload, big=True)}))),
        "malformed-saved-lines.tar": pax(replaced(base, top, dict(vfio, **{
            "vfio/%s/regions" % fn: b"0 e\n-1 zz 1 1 1 1 1\n" + b"1 1 1 1 1 1 1\n" * 12,
            "vfio/%s/irqs" % fn: b"x\n0 0\n4294967295 ffffffff 4294967295\n",
            "vfio/%s/io-region-header.bin" % fn: b"\1\2\3",
            "kdiag/answers.bin": struct.pack("<IHHII", 17, 0x1c, 2, 1, 0) + b"\0",
            "sysfs-root": b"\n",
            "byte-order": b"",
            "version": b"\xff\xfe"}))),
        "status-lines-malformed.tar": pax(replaced(base, top, {
            "vfio/%s/status" % fn: b"ok",
            "kdiag/status": b"no-such-state\twhy\n"})),
        "no-manifest.tar": pax(replaced(base, top, {"manifest.json": None})),
        # hostile shapes, each refused
        "member-name-dotdot.tar": pax(base[:3] + [entry(top + "/../escaped", b"x")]),
        "member-name-absolute.tar": pax(base[:3] + [entry("/tmp/zpcidiag-escaped", b"x")]),
        "two-top-directories.tar": pax(base[:3] + [entry("other/file", b"x")]),
        "link-absolute.tar": pax(base[:3] + [entry(top + "/etc", kind=tarfile.SYMTYPE, link="/etc")]),
        "link-climbs-out.tar": pax(base[:3] + [entry(top + "/sys/up", kind=tarfile.SYMTYPE, link="../../bait")]),
        "hard-link.tar": pax(base[:3] + [entry(top + "/hard", kind=tarfile.LNKTYPE, link=top + "/version")]),
        "device-member.tar": pax(base[:3] + [entry(top + "/dev", kind=tarfile.CHRTYPE)]),
        "fifo-member.tar": pax(base[:3] + [entry(top + "/fifo", kind=tarfile.FIFOTYPE)]),
        "duplicate-member.tar": pax(base + [entry(top + "/version", b"again\n")]),
        "member-through-link.tar": pax(base[:3] + [
            entry(top + "/l", kind=tarfile.SYMTYPE, link="sys"), entry(top + "/l/x", b"x")]),
        "truncated-gzip.tar.gz": gz[:len(gz) // 2],
    }
    big = tarfile.TarInfo(top + "/huge")
    big.size = 1 << 33
    seeds["huge-member-claimed.tar"] = pax(base[:3])[:-1024] + big.tobuf(tarfile.PAX_FORMAT) + b"\0" * 4096
    for name, data in seeds.items():
        # two full reports stay plain tar for the mutator; the other full ones are gzipped
        if len(data) > 65536 and name not in ("real-ism-report.tar", "vfio-bound-with-module-answers.tar"):
            name, data = name + ".gz", gzip.compress(data, mtime=0)
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
