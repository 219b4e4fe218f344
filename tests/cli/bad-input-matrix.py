#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The bad-input matrix: every attribute of a function (and the slot and
firmware files) replaced by each kind of bad input, and the reading commands
run on each tree. Checks: no crash or hang, valid UTF-8 JSON on every --json
run, the exit code documented in zpcidiag(8) (EXIT STATUS), and a message
naming the file. One tree is built; each case changes one entry in place and
puts it back, and every command runs from this one process.

Usage: bad-input-matrix.py ZPCIDIAG MKFIXTURE WORKDIR"""
import json
import os
import shutil
import subprocess
import sys

ZPCIDIAG, MKFIXTURE, WORK = sys.argv[1:4]
ADDR = "0000:00:00.1"          # the linked VF of the linked-vf fixture

NUMERIC = ["function_id", "function_handle", "pchid", "pfgid", "vfn", "pft", "port", "uid",
           "uid_is_unique", "mio_enabled", "index", "fidparm", "pfip/segment0",
           "pfip/segment1", "pfip/segment2", "pfip/segment3", "vendor", "device",
           "subsystem_vendor", "subsystem_device", "class", "revision", "sriov_numvfs",
           "sriov_totalvfs"]
LINKS = ["driver", "iommu_group", "physfn"]
FILES = NUMERIC + ["util_string", "driver_override", "config", "resource"] + LINKS
KINDS = ["empty", "garbage", "huge", "negative", "non-utf8", "directory", "dangling-link",
         "fifo", "nul", "link-out-of-root"]

CONTENT = {
    "empty": b"",
    "garbage": b"zz\x01garbage\x1b[2J\n",
    "huge": b"9" * 70000,
    "negative": b"-1\n",
    "non-utf8": b"\xff\xfe\x80\n",
    "nul": b"vfio\x00-pci\n",
}
OUTSIDE = os.path.join(WORK, "outside-the-root")


def expected_rc(attr, kind):
    """The rule of zpcidiag(8): a file that exists but cannot be read or is not
    what the kernel writes gives 4. Text and binary attributes accept any
    content that fits (a utility string is binary; driver_override is text);
    links must be links that resolve inside the root (one leading out of it,
    even where a link belongs, is reported and never followed)."""
    if attr == "firmware/clp/uid_checking":
        return 0        # a system-wide fact: warned about, no function is wrong
    if kind in ("directory", "dangling-link", "fifo", "link-out-of-root"):
        return 4
    if attr in ("util_string", "driver_override"):
        return 4 if kind == "huge" else 0
    return 4


def corrupt(path, kind):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if kind == "directory":
        os.mkdir(path)
    elif kind == "dangling-link":
        os.symlink("no-such-target", path)
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "link-out-of-root":
        os.symlink(OUTSIDE, path)   # a file outside the tree: never read
    else:
        with open(path, "wb") as f:
            f.write(CONTENT[kind])


def remove(path):
    if os.path.islink(path) or os.path.isfile(path) or \
       (os.path.exists(path) and not os.path.isdir(path)):
        os.unlink(path)
    elif os.path.isdir(path):
        shutil.rmtree(path)


def run(root, args):
    try:
        p = subprocess.run([ZPCIDIAG, "--sysfs-root", root] + args, capture_output=True,
                           timeout=20)
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"
    return p.returncode, p.stdout, p.stderr


def main():
    root = os.path.join(WORK, "tree")
    stash = os.path.join(WORK, "stash")
    os.makedirs(stash)
    subprocess.run([sys.executable, MKFIXTURE, "linked-vf", root], check=True)
    with open(OUTSIDE, "wb") as f:
        f.write(b"0x1\n")
    fndir = os.path.realpath(os.path.join(root, "bus/pci/devices", ADDR))
    cases = [(a, os.path.join(fndir, a)) for a in FILES]
    cases.append(("slots/00000501/power", os.path.join(root, "bus/pci/slots/00000501/power")))
    cases.append(("firmware/clp/uid_checking", os.path.join(root, "firmware/clp/uid_checking")))
    commands = [["--json", "list"], ["show", ADDR], ["bars"], ["--json", "vf"]]
    failures = checks = 0
    for attr, path in cases:
        saved = None
        if os.path.lexists(path):
            saved = os.path.join(stash, "saved")
            os.rename(path, saved)
        for kind in KINDS:
            corrupt(path, kind)
            want = expected_rc(attr, kind)
            for args in commands:
                checks += 1
                rc, out, err = run(root, args)
                what = "%s as %s: zpcidiag %s" % (attr, kind, " ".join(args))
                problems = []
                if rc is None:
                    problems.append("did not finish in 20 s (blocked?)")
                elif rc < 0 or rc >= 128 or b"Sanitizer" in err or b"runtime error" in err:
                    problems.append("crashed (exit %s): %s" % (rc, err[-300:]))
                elif want is not None and rc != want:
                    problems.append("exit %d, expected %d: %s" % (rc, want, err[-300:]))
                if rc is not None and "--json" in args:
                    try:
                        json.loads(out.decode("utf-8"))
                    except (ValueError, UnicodeDecodeError) as e:
                        problems.append("invalid JSON: %s" % e)
                if rc is not None and rc != 0 or "warning" in err.decode("utf-8", "replace"):
                    name = os.path.basename(attr).encode()
                    if name not in out and name not in err:
                        problems.append("no message names %s" % attr)
                if kind == "nul" and attr == "driver_override" and args[0] == "show" and \
                   b"vfio\\x00-pci" not in out:
                    problems.append("the NUL byte was not shown escaped")
                if kind == "link-out-of-root" and os.path.basename(OUTSIDE).encode() in out:
                    problems.append("the link out of the root was followed (its target's name is shown)")
                if b"\x1b" in out or b"\x1b" in err:
                    problems.append("an escape character reached the terminal")
                if problems:
                    failures += 1
                    print("FAIL: %s: %s" % (what, "; ".join(problems)))
            remove(path)
        if saved:
            os.rename(saved, path)
    print("bad-input-matrix: %d cases, %d checks, %d failed" %
          (len(cases) * len(KINDS), checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
