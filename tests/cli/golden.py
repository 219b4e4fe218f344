#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every read command, text and JSON, on every fixture: before and after.

golden.py capture ZPCIDIAG MKFIXTURE WORK GOLDENDIR  writes GOLDENDIR/SET.txt
golden.py compare ZPCIDIAG MKFIXTURE WORK GOLDENDIR  runs the same cases and
    compares them with GOLDENDIR, allowing only the differences listed in
    GOLDENDIR/allowed-differences.txt (each with its reason). A listed
    difference that no longer occurs is a failure too, so the list stays true.

A set is one fixture (tests/fixtures/mkfixture.py --list, built with --root),
one saved s390x report (tests/fixtures/s390x-reports/*/report.tar.xz) or one
directory of saved CLP blocks (tests/fixtures/clp-*). Names come from an empty
pci.ids so that the host's pci.ids does not enter the comparison; the work
directory is written as @ROOT@.
"""
import fnmatch
import glob
import json
import os
import re
import subprocess
import sys

READ_ALL = ["list", "list -v", "list --tree", "bars", "vf", "clp list", "check",
            "check --format plugin"]
PER_DEVICE = ["show", "show -v", "clp show", "caps"]


def fixture_sets(mkfixture, work):
    fixdir = os.path.dirname(os.path.realpath(mkfixture))
    names = subprocess.run([sys.executable, mkfixture, "--list"], check=True,
                           capture_output=True, text=True).stdout.split()
    for name in names:
        root = os.path.join(work, "fx", name)
        if not os.path.isdir(root):
            subprocess.run([sys.executable, mkfixture, "--root", name, root], check=True)
        sysfs = os.path.join(root, "sys")
        devs = sorted(os.listdir(os.path.join(sysfs, "bus/pci/devices")))
        yield name, ["--sysfs-root", sysfs], devs, []
    for rep in sorted(glob.glob(os.path.join(fixdir, "s390x-reports/*/report.tar.xz"))):
        name = "report-" + os.path.basename(os.path.dirname(rep))
        live = os.path.join(os.path.dirname(rep), "live.tar.gz")
        out = subprocess.run(["tar", "-xOzf", live, "live/commands.tsv"], check=True,
                             capture_output=True, text=True).stdout
        devs = []
        for line in out.splitlines():
            args = line.split("\t")[2].split()
            if args[-1:] and re.match(r"^[0-9a-f]{4}:", args[-1]) and "show" in args:
                devs = [a for a in args if re.match(r"^[0-9a-f]{4}:", a)]
        yield name, ["--report", rep], devs, []
    empty = os.path.join(work, "empty")
    os.makedirs(os.path.join(empty, "bus/pci/devices"), exist_ok=True)
    os.makedirs(os.path.join(empty, "bus/pci/slots"), exist_ok=True)
    for blocks in sorted(glob.glob(os.path.join(fixdir, "clp-*"))):
        if not os.path.isdir(blocks):
            continue
        fids = sorted(os.path.basename(f)[9:17] for f in glob.glob(blocks + "/query-fn-*.bin"))
        yield ("blocks-" + os.path.basename(blocks), ["--sysfs-root", empty],
               ["fid:0x" + f for f in fids], ["--from-raw", blocks])


def cases(devs, raw):
    for cmd in READ_ALL:
        if cmd.startswith("clp") or cmd.startswith("check"):
            yield cmd.split() + raw
        elif not raw:
            yield cmd.split()
    if devs:
        for cmd in PER_DEVICE:
            if cmd.startswith("clp"):
                yield cmd.split() + raw + devs
            elif not raw:
                yield cmd.split() + devs


def run_set(zpcidiag, work, fixdir, base, devs, raw):
    ids = os.path.join(work, "no.ids")
    open(ids, "w").close()
    env = dict(os.environ, LC_ALL="C")
    out = {}
    for args in cases(devs, raw):
        for form in ([], ["--json"]):
            argv = ["--pci-ids", ids] + base + form + args
            p = subprocess.run([zpcidiag] + argv, capture_output=True, env=env)
            key = " ".join(form + args).replace(work, "@ROOT@")
            key = re.sub(r"--from-raw \S+", "--from-raw BLOCKS", key)
            norm = lambda b: (b.decode("utf-8", "backslashreplace").replace(work, "@ROOT@")
                              .replace(fixdir, "@FIXTURES@"))
            out[key] = (p.returncode, norm(p.stdout), norm(p.stderr))
    return out


def write_set(path, results):
    with open(path, "w") as f:
        for key, (rc, so, se) in results.items():
            f.write("=== zpcidiag %s\n--- exit %d\n--- stdout\n%s--- stderr\n%s" % (key, rc, so, se))


def read_set(path):
    res = {}
    key = None
    part = None
    with open(path) as f:
        for line in f:
            if line.startswith("=== zpcidiag "):
                key = line[13:].rstrip("\n")
                res[key] = [None, "", ""]
            elif line.startswith("--- exit "):
                res[key][0] = int(line[9:])
            elif line == "--- stdout\n":
                part = 1
            elif line == "--- stderr\n":
                part = 2
            else:
                res[key][part] += line
    return {k: tuple(v) for k, v in res.items()}


class Allowed:
    """allowed-differences.txt: KIND SET-GLOB CASE-GLOB PATTERN -- REASON

    KIND json: JSON members whose path (e.g. functions[].utility_string.available)
        matches the glob PATTERN may differ or exist on one side only; with
        PATTERN "PATH-GLOB : BEFORE => AFTER" only that change of a string value;
    KIND text / stderr: lines matching the regular expression PATTERN are left
        out on both sides; with PATTERN "REGEX => REPLACEMENT" the substitution
        is made in the lines before, which must then equal the lines after;
    KIND exit: the exit code may differ (PATTERN is '-').
    SET-GLOB "!GLOB" names every set that GLOB does not match.

    A --json case to which no json rule applies is compared byte for byte, as
    text is (member order and number spelling included); otherwise parsed."""

    def __init__(self, path):
        self.rules = []
        for n, line in enumerate(open(path), 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if " -- " not in line:
                raise SystemExit("%s:%d: a rule needs ' -- REASON'" % (path, n))
            rule, reason = line.split(" -- ", 1)
            kind, sset, case, pat = rule.split(None, 3)
            self.rules.append(dict(kind=kind, set=sset, case=case, pat=pat, line=n, used=False))

    def applying(self, kind, sname, case):
        return [r for r in self.rules if r["kind"] == kind and set_matches(sname, r["set"])
                and fnmatch.fnmatchcase(case, r["case"])]


def set_matches(sname, sglob):
    if sglob.startswith("!"):
        return not fnmatch.fnmatchcase(sname, sglob[1:])
    return fnmatch.fnmatchcase(sname, sglob)


def json_diffs(a, b, path, allowed):
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for k in sorted(set(a) | set(b)):
            p = path + "." + k if path else k
            if k not in a or k not in b:
                if not allow_path(p, allowed):
                    out.append("%s: only %s" % (p, "after" if k in b else "before"))
            else:
                out += json_diffs(a[k], b[k], p, allowed)
        return out
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        out = []
        for x, y in zip(a, b):
            out += json_diffs(x, y, path + "[]", allowed)
        return out
    if a == b and type(a) == type(b):
        return []
    if allow_path(path, allowed, a, b):
        return []
    return ["%s: %s before, %s after" % (path, json.dumps(a)[:200], json.dumps(b)[:200])]


def allow_path(path, allowed, a=None, b=None):
    for r in allowed:
        glob_, _, change = r["pat"].partition(" : ")
        if not fnmatch.fnmatchcase(path, glob_):
            continue
        if change:
            old, _, new = change.partition(" => ")
            if not (a == old and b == new):
                continue
        r["used"] = True
        return True
    return False


def filter_lines(text, allowed, before=False):
    keep = []
    for line in text.splitlines():
        for r in allowed:
            if " => " in r["pat"] and before:
                old, new = r["pat"].split(" => ", 1)
                changed = re.sub(old, new, line)
                if changed != line:
                    r["used"] = True
                    line = changed
        hit = [r for r in allowed if " => " not in r["pat"] and re.search(r["pat"], line)]
        for r in hit:
            r["used"] = True
        if not hit:
            keep.append(line)
    return keep


def compare(sname, before, after, allow):
    fails = []
    for key in sorted(set(before) | set(after)):
        if key not in before or key not in after:
            fails.append("%s: case '%s' only %s" % (sname, key, "after" if key in after else "before"))
            continue
        (rc1, o1, e1), (rc2, o2, e2) = before[key], after[key]
        if rc1 != rc2:
            rs = allow.applying("exit", sname, key)
            for r in rs:
                r["used"] = True
            if not rs:
                fails.append("%s: zpcidiag %s exits %d, %d before" % (sname, key, rc2, rc1))
        d1 = as_json(o1) if key.startswith("--json") else None
        if d1 is not None:
            d2 = as_json(o2)
            if d2 is None:
                fails.append("%s: zpcidiag %s: not JSON after" % (sname, key))
                continue
            rs = allow.applying("json", sname, key)
            for d in json_diffs(d1, d2, "", rs)[:6]:
                fails.append("%s: zpcidiag %s: %s" % (sname, key, d))
            if not rs and o1 != o2:
                fails.append("%s: zpcidiag %s: stdout differs byte for byte:\n%s"
                             % (sname, key, udiff(o1, o2)))
        else:
            rs = allow.applying("text", sname, key)
            if filter_lines(o1, rs, True) != filter_lines(o2, rs):
                fails.append("%s: zpcidiag %s: stdout differs:\n%s" % (sname, key, udiff(o1, o2)))
        rs = allow.applying("stderr", sname, key)
        if filter_lines(e1, rs, True) != filter_lines(e2, rs):
            fails.append("%s: zpcidiag %s: stderr differs:\n%s" % (sname, key, udiff(e1, e2)))
    return fails


def as_json(text):
    try:
        return json.loads(text)
    except ValueError:
        return None


def udiff(a, b):
    import difflib
    return "".join(list(difflib.unified_diff(a.splitlines(True), b.splitlines(True),
                                             "before", "after"))[:40])


def main():
    if len(sys.argv) != 6 or sys.argv[1] not in ("capture", "compare"):
        sys.stderr.write(__doc__)
        return 2
    mode, zpcidiag, mkfixture, work, golden = sys.argv[1:]
    work = os.path.realpath(work)
    allow = Allowed(os.path.join(golden, "allowed-differences.txt")) if mode == "compare" else None
    fails = []
    nsets = ncases = 0
    for sname, base, devs, raw in fixture_sets(mkfixture, work):
        fixdir = os.path.dirname(os.path.realpath(mkfixture))
        res = run_set(zpcidiag, work, fixdir, base, devs, raw)
        nsets += 1
        ncases += len(res)
        path = os.path.join(golden, sname + ".txt")
        if mode == "capture":
            write_set(path, res)
            continue
        if not os.path.exists(path):
            fails.append("%s: no golden file %s" % (sname, path))
            continue
        fails += compare(sname, read_set(path), res, allow)
    if mode == "compare":
        for r in allow.rules:
            if not r["used"]:
                fails.append("allowed-differences.txt:%d: listed difference no longer occurs" % r["line"])
    for f in fails:
        print("FAIL: " + f)
    print("%d sets, %d cases, %d failures" % (nsets, ncases, len(fails)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
