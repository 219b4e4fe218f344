#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A fake sysfs tree of N zPCI functions for the enumeration benchmark:
mktree.py [--one-id] N DESTDIR.

--one-id: every function has FID 0x1000 and UID 1 (the duplicate check's
worst case, bench/duplicates.py).

A steady mix of what an LPAR holds (ISM, RoCE Express2 VFs, NVMe, Network
Express, a virtio function as in the emulator), one function per PCI domain
as with UID checking on, built with tests/fixtures/mkfixture.py's own
helpers so the files look exactly like the ones the tests use.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests",
                                "fixtures"))
import mkfixture  # noqa: E402


def one(t, i, one_id=False):
    uid = 1 if one_id else i + 1
    addr = "%04x:00:00.0" % (i + 1)
    fid = 0x1000 if one_id else 0x1000 + i
    kind = i % 5
    if kind == 0:
        return mkfixture.ism(t, addr=addr, fid=fid, uid=uid, index=uid, group=i)
    if kind == 1:
        return mkfixture.roce_vf(t, addr, fid=fid, uid=uid, vfn=1 + i % 64, port=1 + i % 2,
                                 driver="mlx5_core", netdevs=("ens%d" % i,), group=i,
                                 index=uid)
    if kind == 2:
        return t.function(addr, fid=fid, fh=0x80000000 | fid, uid=uid, pchid=0x0140, pfgid=0x0b,
                          vfn=0, pft=0x0b, port=0, vendor=0x144d, device=0xa822, cls=0x010802,
                          bars={0: t.non_mio_bar(16 << 10)}, index=uid, driver="nvme", group=i,
                          nvme=("nvme%d" % i,), command=0x0006)
    if kind == 3:
        return t.function(addr, fid=fid, fh=0x80000000 | fid, uid=uid, pchid=0x0160, pfgid=0x0d,
                          vfn=0, pft=0x0c, port=1, vendor=0x1014, device=0x0602, cls=0x020000,
                          bars={0: dict(start=(i + 1) << 32, size=1 << 22, is64=True,
                                        prefetch=True)},
                          mio=1, index=uid, driver="neth", group=i, netdevs=("encb%d" % i,),
                          command=0x0006, resource_files=True,
                          util=mkfixture.pnet_util(["", "NETB"]))
    return t.function(addr, fid=fid, fh=0x80000000 | fid, uid=uid, pchid=0x0000, pfgid=0xff,
                      vfn=0, pft=0x00, port=0, vendor=0x1af4, device=0x1041, cls=0x020000,
                      bars={1: dict(start=t.non_mio_bar(4 << 10)["start"], size=4 << 10,
                                    is64=False, prefetch=False),
                            4: t.non_mio_bar(16 << 10, prefetch=True)},
                      index=uid, driver="virtio-pci", group=i, netdevs=("eth%d" % i,),
                      command=0x0006)


def main():
    one_id = sys.argv[1:2] == ["--one-id"]
    if one_id:
        del sys.argv[1]
    if len(sys.argv) != 3 or not sys.argv[1].isdigit() or not 1 <= int(sys.argv[1]) <= 65535:
        sys.stderr.write("usage: mktree.py [--one-id] N DESTDIR (1 <= N <= 65535)\n")
        return 2
    if os.path.exists(sys.argv[2]):
        sys.stderr.write("mktree.py: %s exists\n" % sys.argv[2])
        return 2
    t = mkfixture.Tree(sys.argv[2])
    t.uid_checking(1)
    for i in range(int(sys.argv[1])):
        t.iomap_entry = 0   # non-MIO iomap cookies count per function's own BARs here
        one(t, i, one_id)
    return 0


if __name__ == "__main__":
    sys.exit(main())
