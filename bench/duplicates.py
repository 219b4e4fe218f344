#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The duplicate check's worst case: N functions sharing one FID and one UID.

  duplicates.py --zpcidiag PATH --rusage PATH [--functions 10000] [--workdir DIR]

Builds (bench/mktree.py --one-id, kept in WORKDIR) a tree whose functions all
have FID 0x1000 and UID 1 with UID checking on, and beside it one of the same
size with distinct IDs, then prints wall time and peak RSS of
`zpcidiag list --json` on both: one finding per group means both grow with the
number of functions alone (a check per pair would be 10^8 comparisons and, with
a finding per member naming the others, quadratic memory).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def tree(workdir, n, one_id):
    d = os.path.join(workdir, "tree-%d%s" % (n, "-one-id" if one_id else ""))
    stamp = os.path.join(d, ".complete")
    mktree = os.path.join(HERE, "mktree.py")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(mktree):
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run([sys.executable, mktree] + (["--one-id"] if one_id else []) + [str(n), d],
                       check=True)
        open(stamp, "w").close()
    return d


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--zpcidiag", required=True)
    ap.add_argument("--rusage", required=True)
    ap.add_argument("--functions", type=int, default=10000)
    ap.add_argument("--workdir", default="bench/trees")
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    print("| functions | IDs | command | wall s | CPU s | peak RSS | findings |")
    print("|---|---|---|---|---|---|---|")
    for one_id in (False, True):
        root = tree(args.workdir, args.functions, one_id)
        argv = [args.zpcidiag, "--sysfs-root", root, "--json", "list"]
        out = subprocess.run([args.rusage] + argv, capture_output=True, text=True,
                             check=True).stdout
        wall, rss, rc, cpu = out.split()
        doc = json.loads(subprocess.run(argv, capture_output=True, text=True).stdout)
        codes = [p["code"] for f in doc["functions"] for p in f["problems"]]
        found = ", ".join("%d %s" % (codes.count(c), c) for c in ("fid-duplicate", "uid-duplicate"))
        if int(rc) not in (0, 1, 4):
            raise SystemExit("duplicates.py: zpcidiag exited %s" % rc)
        print("| %d | %s | `zpcidiag list --json` | %.3f | %.3f | %.1f MB | %s |" % (
            args.functions, "one FID, one UID" if one_id else "distinct", float(wall),
            float(cpu), int(rss) / 1024.0, found))
    return 0


if __name__ == "__main__":
    sys.exit(main())
