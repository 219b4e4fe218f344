#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Enumeration benchmark: zpcidiag against lspci on generated trees.

  enum.py --zpcidiag PATH --rusage PATH [--lspci PATH] [--sizes 64,1024,4096] [--runs 5]
          [--workdir DIR] [--no-strace] [--also LABEL=PATH]

For each size, bench/mktree.py builds a tree of that many functions (kept in
WORKDIR for the next run). The commands run in turns (every command once,
then every command again, RUNS times) so load on a shared machine hits all
of them alike; the table shows medians, the ratio to `lspci -vv`, peak RSS
(wait4 rusage, through bench/run-rusage) and, from one run under strace, syscalls,
files opened and files opened more than once (directories and O_PATH
handles, which read nothing, not counted), per function.
"""
import argparse
import collections
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def tree(workdir, n):
    d = os.path.join(workdir, "tree-%d" % n)
    stamp = os.path.join(d, ".complete")
    mktree = os.path.join(HERE, "mktree.py")
    if not os.path.exists(stamp) or os.path.getmtime(stamp) < os.path.getmtime(mktree):
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run([sys.executable, mktree, str(n), d], check=True)
        open(stamp, "w").close()
    return d


def commands(args, root):
    z = [args.zpcidiag, "--sysfs-root", root]
    addrs = sorted(os.listdir(os.path.join(root, "bus", "pci", "devices")))
    cmds = collections.OrderedDict()
    cmds["zpcidiag list --json"] = z + ["--json", "list"]
    cmds["zpcidiag list"] = z + ["list"]
    cmds["zpcidiag show ALL"] = z + ["show"] + addrs
    if args.check:
        cmds["zpcidiag check"] = z + ["check"]
    for label, path in (a.split("=", 1) for a in args.also):
        cmds[label + " list --json"] = [path, "--sysfs-root", root, "--json", "list"]
    if args.lspci:
        lspci = [args.lspci, "-A", "linux-sysfs", "-O", "sysfs.path=%s/bus/pci" % root]
        cmds["lspci -vv"] = lspci + ["-vv"]
        cmds["lspci -D"] = lspci + ["-D"]
    return cmds


def run_once(rusage, argv):
    """Wall seconds, peak RSS (KiB) and CPU seconds of one run (bench/run-rusage)."""
    out = subprocess.run([rusage] + argv, capture_output=True, text=True, check=True).stdout
    wall, rss, rc, cpu = out.split()
    if int(rc) not in (0, 1, 4):   # 1/4: problems found / data malformed: output complete
        raise SystemExit("enum.py: %s exited %s" % (" ".join(argv[:4]), rc))
    return float(wall), int(rss), float(cpu)


def strace_counts(argv, n):
    """Syscalls, opens and paths opened more than once, from one traced run."""
    with tempfile.TemporaryDirectory() as tmp:
        summary, opens = os.path.join(tmp, "c"), os.path.join(tmp, "o")
        with open(os.devnull, "wb") as null:
            subprocess.run(["strace", "-f", "-c", "-o", summary] + argv, stdout=null,
                           stderr=null, check=False)
            # -y: the fd returned is shown with the file's resolved path, so one
            # file reached by two paths (bus/pci/devices/X -> devices/...) counts once
            subprocess.run(["strace", "-f", "-y", "-e", "trace=open,openat,openat2", "-o", opens] + argv,
                           stdout=null, stderr=null, check=False)
        total = 0
        for line in open(summary):
            if line.strip().endswith("total"):
                total = int(line.split()[3])
        paths = collections.Counter()
        for line in open(opens):
            m = re.search(r'open(?:at2?)?\(.*= \d+<([^>]*)>', line)
            if "O_DIRECTORY" in line or "O_PATH" in line:
                continue    # directories: listed, not read; O_PATH: a lookup, like stat
            if m:
                paths[m.group(1)] += 1
    twice = [p for p, c in paths.items() if c > 1]
    names = collections.Counter(os.path.basename(p) for p in twice)
    return dict(syscalls=total / n, opens=sum(paths.values()) / n, twice=len(twice) / n,
                twice_names=", ".join("%s" % k for k, _ in names.most_common(3)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zpcidiag", required=True)
    ap.add_argument("--rusage", required=True, help="bench/run-rusage, built by make bench")
    ap.add_argument("--lspci", default=shutil.which("lspci") or "/usr/bin/lspci")
    ap.add_argument("--sizes", default="64,1024,4096")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--workdir", default="bench-trees")
    ap.add_argument("--no-strace", action="store_true")
    ap.add_argument("--also", action="append", default=[], metavar="LABEL=PATH",
                    help="another zpcidiag binary (a candidate change), timed on list --json")
    args = ap.parse_args()
    if args.lspci and not os.access(args.lspci, os.X_OK):
        args.lspci = None
    helptext = subprocess.run([args.zpcidiag, "--help"], capture_output=True, text=True).stdout
    args.check = re.search(r"^  check\b", helptext, re.M) is not None
    use_strace = not args.no_strace and shutil.which("strace")
    os.makedirs(args.workdir, exist_ok=True)

    print("enumeration: medians of %d alternating runs; ratios against lspci -vv "
          "(wall: elapsed; cpu: user + system of the process)" % args.runs)
    print("%6s  %-22s %9s %7s %8s %7s %9s %10s %8s %7s  %s" % ("fns", "command", "wall s", "ratio",
          "cpu s", "ratio",
          "peak MB", "sysc/fn", "open/fn", "twice", "opened twice (example)"))
    verdicts = []
    for n in [int(s) for s in args.sizes.split(",")]:
        root = tree(args.workdir, n)
        cmds = commands(args, root)
        walls = {k: [] for k in cmds}
        cpus = {k: [] for k in cmds}
        rss = {k: 0 for k in cmds}
        for _ in range(args.runs):
            for k, argv in cmds.items():
                w, r, c = run_once(args.rusage, argv)
                walls[k].append(w)
                cpus[k].append(c)
                rss[k] = max(rss[k], r)
        med = {k: statistics.median(v) for k, v in walls.items()}
        cpu = {k: statistics.median(v) for k, v in cpus.items()}
        base = med.get("lspci -vv")
        for k, argv in cmds.items():
            sc = strace_counts(argv, n) if use_strace else None
            print("%6d  %-22s %9.3f %7s %8.3f %7s %9.1f %10s %8s %7s  %s" % (
                n, k, med[k], "%.2f" % (med[k] / base) if base else "-", cpu[k],
                "%.2f" % (cpu[k] / cpu["lspci -vv"]) if base else "-", rss[k] / 1024,
                "%.1f" % sc["syscalls"] if sc else "-", "%.1f" % sc["opens"] if sc else "-",
                "%.2f" % sc["twice"] if sc else "-", sc["twice_names"] if sc else ""))
            if k == "zpcidiag list --json":
                verdicts.append((n, med[k] / base if base else None, rss[k] / 1024,
                                 sc["twice"] if sc else None))
        sys.stdout.flush()
    print()
    for n, ratio, mb, twice in verdicts:
        print("target %5d fns: list --json wall %s x lspci -vv (target <= 0.50): %s; "
              "peak %.1f MB (target < 16): %s; files opened twice per fn: %s" % (
                  n, "%.2f" % ratio if ratio else "?",
                  "met" if ratio and ratio <= 0.5 else "MISSED",
                  mb, "met" if mb < 16 else "MISSED",
                  "-" if twice is None else "%.2f (%s)" % (twice, "met" if twice == 0 else "MISSED")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
