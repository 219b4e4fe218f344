#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the seed corpora under fuzz/corpus/ (committed; re-run after a
format change): mkseeds.py CORPUSDIR CLP_MKFIXTURE

Seeds are the real thing where we have it (the fixture trees of
tests/fixtures/mkfixture.py, the CLP blocks captured in the emulator,
tests/clp-mkfixture's synthetic blocks) and, for vfio and netlink, replies
built the way the kernel builds them for QEMU's functions (see
/work/shared/testbed-notes.md: what the guest shows).
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(TOP, "tests", "fixtures"))
import mkfixture  # noqa: E402


def put(corpus, target, name, data):
    d = os.path.join(corpus, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def sysfs_seeds(corpus, tmp):
    """Every small text attribute and every resource file of the fixture trees."""
    seen = set()
    for fixture in sorted(mkfixture.FIXTURES):
        root = os.path.join(tmp, fixture)
        mkfixture.FIXTURES[fixture](mkfixture.Tree(root))
        for dirpath, _, files in os.walk(root):
            for fname in sorted(files):
                p = os.path.join(dirpath, fname)
                if os.path.islink(p):
                    continue
                data = open(p, "rb").read()
                if fname == "resource":
                    target = "resource"
                elif fname in ("config", "util_string") or len(data) > 64:
                    continue
                else:
                    target = "sysfs-attr"
                if (target, data) in seen:
                    continue
                seen.add((target, data))
                put(corpus, target, "%s-%s-%d" % (fixture, fname, len(seen)), data)
    for i, s in enumerate(["0001:00:00.0", "00:1f.7", "ffffffff:ff:1f.7", "0x", "18446744073709551615\n",
                           "0xffffffffffffffff\n"]):
        put(corpus, "sysfs-attr", "text-%d" % i, s)


def clp_seeds(corpus, tool, tmp):
    for cap in ("clp-qemu72-kbd-standby", "clp-qemu72-six-virtio"):
        d = os.path.join(TOP, "tests", "fixtures", cap)
        for f in sorted(os.listdir(d)):
            if f.endswith(".bin"):
                shutil.copy(os.path.join(d, f), os.path.join(corpus, "clp", cap + "-" + f))
    for situation in ("ism-256t-bar", "roce-vf-vfn-set", "mio-addresses", "pnet-id",
                      "list-continued-standby", "truncated-query", "error-response"):
        d = os.path.join(tmp, "clp-" + situation)
        os.makedirs(d)
        subprocess.run([tool, situation, d], check=True)
        for f in sorted(os.listdir(d)):
            shutil.copy(os.path.join(d, f), os.path.join(corpus, "clp", situation + "-" + f))


VFIO_DEVICE_FLAGS_PCI = 1 << 1
VFIO_DEVICE_FLAGS_CAPS = 1 << 7


def vfio_info(caps, header=24):
    """struct vfio_device_info (20 bytes on 6.1, 24 with the later pad) + chain."""
    body = b""
    off = header
    for i, (cid, ver, payload) in enumerate(caps):
        nxt = off + 8 + len(payload)
        if nxt % 8:
            payload += b"\0" * (8 - nxt % 8)
            nxt = off + 8 + len(payload)
        body += struct.pack("=HHI", cid, ver, nxt if i + 1 < len(caps) else 0) + payload
        off = nxt
    argsz = header + len(body)
    hdr = struct.pack("=IIIII", argsz, VFIO_DEVICE_FLAGS_PCI | (VFIO_DEVICE_FLAGS_CAPS if caps else 0),
                      9, 5, header if caps else 0)
    return hdr + b"\0" * (header - 20) + body


def vfio_seeds(corpus):
    # QEMU 7.2 virtio-net at fid 0x10 (testbed-notes.md): base v2, group v2, pfip v1
    base = struct.pack("=QQHHHBBI", 0x100000000, 0x13fffffff, 0, 0, 0, 0, 0xff, 0x80020000)
    group = struct.pack("=QQQHHHBBH", 0, 0xfe00000000000000, 1, 4000, 128, 128, 0, 0, 128)
    pfip = struct.pack("=I", 4) + bytes(4)
    util = struct.pack("=I", 64) + mkfixture.pnet_util(["NETA", "NETB"])
    put(corpus, "vfio-caps", "qemu72-virtio-net", vfio_info([(1, 2, base), (2, 2, group), (4, 1, pfip)]))
    put(corpus, "vfio-caps", "linux61-20byte-header",
        vfio_info([(1, 2, base), (2, 2, group), (4, 1, pfip)], header=20))
    put(corpus, "vfio-caps", "v1-caps-with-util",
        vfio_info([(1, 1, base[:-4]), (2, 1, group[:-2]), (3, 1, util), (4, 1, pfip)]))
    put(corpus, "vfio-caps", "no-caps", vfio_info([]))


def nla(t, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, t) + payload + b"\0" * ((4 - n % 4) % 4)


def kdiag_seeds(corpus):
    A = dict(PCI_ADDR=2, FID=3, FH=4, UID=5, PCHID=6, PFGID=7, VFN=8, PFT=9, PORT=10,
             MAXSTBL=11, DTSM=12, VERSION=13, START_DMA=14, END_DMA=15, MSI_ADDR=16,
             FMB_LENGTH=17, MIO_CAPABLE=18, IS_PHYSFN=19, RID_AVAILABLE=20, DEVFN=21, RID=22,
             IS_VIRTFN=23, PF_ADDR=24, NO_COMMAND_MEMORY=25, NON_MAPPABLE_BARS=26, STATE=27,
             BARS=28, MAX_MSI=29)
    genl = struct.pack("=BBH", 1, 1, 0)   # ZPCIDIAG_CMD_GET_FUNCTION, version 1

    def bar(idx, size, flags, log2, val):
        return nla(1, nla(2, struct.pack("=B", idx)) + nla(3, struct.pack("=Q", size)) +
                   nla(4, struct.pack("=Q", flags)) + nla(5, struct.pack("=B", log2)) +
                   nla(6, struct.pack("=I", val)))

    virtio = (nla(A["PCI_ADDR"], b"0001:00:00.0\0") + nla(A["FID"], struct.pack("=I", 0x10)) +
              nla(A["FH"], struct.pack("=I", 0x80020000)) + nla(A["UID"], struct.pack("=I", 1)) +
              nla(A["PCHID"], struct.pack("=H", 0)) + nla(A["PFGID"], b"\xff") +
              nla(A["VFN"], struct.pack("=H", 0)) + nla(A["PFT"], b"\0") + nla(A["PORT"], b"\0") +
              nla(A["MAXSTBL"], struct.pack("=H", 128)) + nla(A["DTSM"], b"\x40") +
              nla(A["VERSION"], b"\0") + nla(A["START_DMA"], struct.pack("=Q", 0x100000000)) +
              nla(A["END_DMA"], struct.pack("=Q", 0x13fffffff)) +
              nla(A["MSI_ADDR"], struct.pack("=Q", 0xfe00000000000000)) +
              nla(A["FMB_LENGTH"], struct.pack("=H", 0)) + nla(A["MIO_CAPABLE"], b"\0") +
              nla(A["IS_PHYSFN"], b"\0") + nla(A["RID_AVAILABLE"], b"\0") +
              nla(A["IS_VIRTFN"], b"\0") + nla(A["NO_COMMAND_MEMORY"], b"\0") +
              nla(A["STATE"], b"\x03") + nla(A["MAX_MSI"], struct.pack("=I", 128)) +
              nla(A["BARS"], bar(1, 4096, 0x40200, 12, 0) + bar(4, 16384, 0x14220c, 14, 0xc)))
    put(corpus, "kdiag", "qemu72-virtio-net", genl + virtio)
    linked_vf = (nla(A["PCI_ADDR"], b"0000:00:00.1\0") + nla(A["FID"], struct.pack("=I", 0x101)) +
                 nla(A["VFN"], struct.pack("=H", 1)) + nla(A["IS_VIRTFN"], b"\1") +
                 nla(A["PF_ADDR"], b"0000:00:00.0\0") + nla(A["NO_COMMAND_MEMORY"], b"\1") +
                 nla(A["NON_MAPPABLE_BARS"], b"\0") + nla(A["RID_AVAILABLE"], b"\1") +
                 nla(A["DEVFN"], b"\1") + nla(A["RID"], struct.pack("=I", 1)) +
                 nla(A["BARS"], bar(0, 1 << 20, 0x14220c, 20, 0xc)))
    put(corpus, "kdiag", "linked-vf", genl + linked_vf)
    put(corpus, "kdiag", "fid-only", genl + nla(A["FID"], struct.pack("=I", 0x300)) +
        nla(A["STATE"], b"\x01"))


def selector_seeds(corpus):
    for i, s in enumerate(["0001:00:00.0", "00:00.1", "0x10", "fid:10", "fid:0xffffffff",
                           "uid:0x1", "/dev/nvme0", "/dev/nvme12n3p4", "nvme1c2n3", "nvmeth0",
                           "ens16", "enP1p0s0", "fid:0x100000000", "0123456789abcdef", ".."]):
        put(corpus, "selector", "arg-%02d" % i, s)


def main():
    if len(sys.argv) != 3:
        sys.stderr.write("usage: mkseeds.py CORPUSDIR CLP_MKFIXTURE\n")
        return 2
    corpus = sys.argv[1]
    if os.path.exists(corpus):
        shutil.rmtree(corpus)
    os.makedirs(os.path.join(corpus, "clp"))
    with tempfile.TemporaryDirectory() as tmp:
        sysfs_seeds(corpus, tmp)
        clp_seeds(corpus, sys.argv[2], tmp)
    vfio_seeds(corpus)
    kdiag_seeds(corpus)
    selector_seeds(corpus)
    return 0


if __name__ == "__main__":
    sys.exit(main())
