#!/usr/bin/env python3
"""Write an initramfs (cpio "newc", as the kernel unpacks it) from a list in
the kernel's gen_init_cpio format, owned by root and with device nodes,
without root and without a kernel source tree: a guest on Debian's stock
kernel needs no linux-source at all.

List lines (other kinds are refused):
  dir NAME MODE UID GID
  file NAME SOURCE MODE UID GID
  slink NAME TARGET MODE UID GID
  nod NAME MODE UID GID c|b MAJOR MINOR

  cpio.py LIST > archive.cpio
"""
import stat
import sys

KINDS = {"dir": stat.S_IFDIR, "file": stat.S_IFREG, "slink": stat.S_IFLNK, "nod": 0}


def header(ino, mode, uid, gid, nlink, size, rdev, name):
    fields = (ino, mode, uid, gid, nlink, 0, size, 0, 0, rdev[0], rdev[1], len(name) + 1, 0)
    return b"070701" + b"".join(b"%08X" % f for f in fields) + name + b"\0"


def pad(n):
    return b"\0" * (-n % 4)


def entry(ino, mode, uid, gid, name, data=b"", rdev=(0, 0)):
    nlink = 2 if stat.S_ISDIR(mode) else 1
    h = header(ino, mode, uid, gid, nlink, len(data), rdev, name.lstrip("/").encode() or b".")
    return h + pad(len(h)) + data + pad(len(data))


def archive(lines):
    out, ino = [], 720
    for n, line in enumerate(lines, 1):
        f = line.split()
        if not f or f[0].startswith("#"):
            continue
        if f[0] not in KINDS:
            raise ValueError("line %d: unknown kind %r" % (n, f[0]))
        ino += 1
        name = f[1]
        if f[0] == "dir":
            out.append(entry(ino, stat.S_IFDIR | int(f[2], 8), int(f[3]), int(f[4]), name))
        elif f[0] == "file":
            with open(f[2], "rb") as src:
                data = src.read()
            out.append(entry(ino, stat.S_IFREG | int(f[3], 8), int(f[4]), int(f[5]), name, data))
        elif f[0] == "slink":
            out.append(entry(ino, stat.S_IFLNK | int(f[3], 8), int(f[4]), int(f[5]), name,
                             f[2].encode()))
        else:
            kind = {"c": stat.S_IFCHR, "b": stat.S_IFBLK}[f[5]]
            out.append(entry(ino, kind | int(f[2], 8), int(f[3]), int(f[4]), name,
                             rdev=(int(f[6]), int(f[7]))))
    out.append(entry(0, 0, 0, 0, "TRAILER!!!"))
    return b"".join(out)


if __name__ == "__main__":
    with open(sys.argv[1]) as lst:
        sys.stdout.buffer.write(archive(lst.read().splitlines()))
