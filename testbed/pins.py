#!/usr/bin/env python3
"""Fetch Debian 13 packages at their pinned versions (testbed/trixie.pins; sid's
linux-source-7.2 in testbed/sid.pins, --suite sid),
or, when the mirror no longer serves a pin, at the newest version of the same
upstream series it does serve.

Debian's mirror drops superseded point releases (and has listed versions it
answered 404 for): a pin that vanished must not stop a cold run on a fresh
machine. The replacement keeps the upstream series (the first two numbers of
the upstream version: QEMU 10.0, Linux 6.12, gcc 14.2), is taken from the
suite's Packages index (which apt verified against the signed InRelease), and
every file is checked against that index's SHA256 before it is used. Each
replacement is printed (`pin: P V1 is gone from the mirror; using V2`) and
appended to a notes file, the run's record of it.

Packages whose name carries their own upstream version (Debian's kernel ABI:
linux-image-6.12.107+deb13-s390x) move together: the image, its headers and
its kbuild tools are replaced by the same newer ABI, never by a mix.

  pins.py --pins FILE --packages INDEX... --mirror URL --dest DIR
          [--notes FILE] [--resolve-only] [--suite 'Debian sid'] PACKAGE[:ARCH]...

Prints `NAME VERSION FILE` per package (FILE empty with --resolve-only).
Exit 0 when every package was fetched and verified, 1 when one could not be.
"""
import argparse
import functools
import hashlib
import os
import re
import subprocess
import sys
import time

# what messages call the pins file and the suite (--pins, --suite)
PINS_NAME = "testbed/trixie.pins"
SUITE = "Debian 13"


def say(msg):
    sys.stderr.write("testbed: %s\n" % msg)
    sys.stderr.flush()


def read_pins(path):
    pins = {}
    with open(path) as f:
        for line in f:
            fields = line.split()
            if fields and not fields[0].startswith("#"):
                pins[fields[0]] = fields[1]
    return pins


def read_index(paths):
    """Stanzas of Packages files as dicts (apt-helper decompresses apt's
    own lists, .lz4 or .xz alike)."""
    out = []
    for path in paths:
        if path.endswith((".lz4", ".xz", ".gz", ".zst", ".bz2")):
            text = subprocess.run(["/usr/lib/apt/apt-helper", "cat-file", path], check=True,
                                  stdout=subprocess.PIPE, universal_newlines=True).stdout
        else:
            with open(path) as f:
                text = f.read()
        for block in text.split("\n\n"):
            st, key = {}, None
            for line in block.splitlines():
                if line[:1] in (" ", "\t") and key:
                    st[key] += "\n" + line
                elif ":" in line:
                    key, _, val = line.partition(":")
                    st[key] = val.strip()
            if "Package" in st and "Version" in st:
                out.append(st)
    return out


def upstream(version):
    """The upstream part of a Debian version: no epoch, no revision."""
    v = version.split(":", 1)[1] if ":" in version else version
    return v.rsplit("-", 1)[0] if "-" in v else v


def series(version):
    """The upstream series: its first two numbers (10.0, 6.12, 14.2)."""
    m = re.match(r"(\d+)\.(\d+)", upstream(version))
    return m.group(0) if m else upstream(version)


def dpkg_cmp(a, b):
    if a == b:
        return 0
    if subprocess.run(["dpkg", "--compare-versions", a, "lt", b]).returncode == 0:
        return -1
    return 1


newest_first = functools.cmp_to_key(lambda a, b: dpkg_cmp(b, a))


class Request:
    def __init__(self, text, pins, default_arch):
        self.name, _, arch = text.partition(":")
        self.arch = arch or default_arch
        if self.name not in pins:
            raise SystemExit("testbed: error: no pin for %s in %s" % (self.name, PINS_NAME))
        self.pin = pins[self.name]
        up = upstream(self.pin)
        # a name that carries its own version (a kernel ABI) is a template
        self.token = up if up in self.name else None

    def stanzas(self, index, name=None):
        return [s for s in index if s["Package"] == (name or self.name)
                and s.get("Architecture") in (self.arch, "all")]


def choices(reqs, index):
    """Candidate sets, best first: [(label, [(request, stanza)])]. The pins
    first when the index lists all of them, then newer ones of the series."""
    out = []
    tok = reqs[0].token
    if tok is None:
        r = reqs[0]
        by_ver = {s["Version"]: s for s in r.stanzas(index)}
        vers = [v for v in by_ver if series(v) == series(r.pin)]
        if r.pin in by_ver:
            vers.remove(r.pin)
            vers.insert(0, r.pin)
            vers[1:] = sorted(vers[1:], key=newest_first)
        else:
            vers.sort(key=newest_first)
        return [(v, [(r, by_ver[v])]) for v in vers]
    # Kernel ABI group: every package must exist at the same ABI.
    pat = re.escape(series(tok)) + r"\.\d+"
    toks = None
    for r in reqs:
        rx = re.compile("^" + re.escape(r.name).replace(re.escape(tok), "(" + pat + ")") + "$")
        found = set()
        for s in index:
            m = rx.match(s["Package"])
            if m and s.get("Architecture") in (r.arch, "all") and upstream(s["Version"]) == m.group(1):
                found.add(m.group(1))
        toks = found if toks is None else toks & found
    toks = sorted(toks or [], key=newest_first)
    if tok in toks:
        toks.remove(tok)
        toks.insert(0, tok)
    for t in toks:
        group = []
        for r in reqs:
            sts = [s for s in r.stanzas(index, r.name.replace(tok, t)) if upstream(s["Version"]) == t]
            sts.sort(key=lambda s: newest_first(s["Version"]))
            group.append((r, sts[0]))
        out.append((t, group))
    return out


def fetch(mirror, stanza, dest):
    """Download a package file and check it against the index's SHA256;
    (path, None) or (None, why)."""
    fn = stanza.get("Filename")
    want = stanza.get("SHA256")
    if not fn or not want:
        return None, "the index gives no Filename or SHA256"
    path = os.path.join(dest, os.path.basename(fn))
    part = path + ".part"
    url = mirror.rstrip("/") + "/" + fn
    r = subprocess.run(["/usr/lib/apt/apt-helper", "-o", "APT::Sandbox::User=root",
                        "download-file", url, part], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, universal_newlines=True)
    if r.returncode or not os.path.exists(part):
        if os.path.exists(part):
            os.unlink(part)
        last = (r.stdout.strip().splitlines() or ["no file"])[-1]
        return None, "listed but not served (%s)" % last
    h = hashlib.sha256()
    with open(part, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != want:
        os.unlink(part)
        return None, "SHA256 %s differs from the index's %s" % (h.hexdigest(), want)
    os.replace(part, path)
    return path, None


def note(notes, line):
    say("pin: " + line)
    if notes:
        with open(notes, "a") as f:
            f.write("%s %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), line))


def resolve(reqs, index, args):
    """Fetch one request group; a list of (request, name, version, path)."""
    cands = choices(reqs, index)
    tried = []
    for label, group in cands:
        got = []
        for r, st in group:
            if args.resolve_only:
                got.append((r, st["Package"], st["Version"], ""))
                continue
            path, why = fetch(args.mirror, st, args.dest)
            if why:
                tried.append("%s %s: %s" % (st["Package"], st["Version"], why))
                say("pin: not taking %s" % tried[-1])
                break
            got.append((r, st["Package"], st["Version"], path))
        else:
            for r, name, ver, _ in got:
                if (name, ver) != (r.name, r.pin):
                    gone = [t for t in tried if t.startswith("%s %s:" % (r.name, r.pin))]
                    why = "could not be fetched (%s)" % gone[0].split(": ", 1)[1] if gone else \
                        "is gone from the mirror"
                    note(args.notes, "%s %s (%s) %s; using %s %s, the newest of"
                         " the %s series it serves" % (r.name, r.pin, PINS_NAME, why, name, ver,
                                                       series(ver)))
            return got
        for _, _, _, p in got:
            if p:
                os.unlink(p)
    r = reqs[0]
    prefix = r.name.split(r.token)[0] if r.token else None
    offered = sorted({"%s %s" % (s["Package"], s["Version"]) if prefix else s["Version"] for s in index
                      if (s["Package"].startswith(prefix) if prefix else s["Package"] == r.name)})
    say("error: %s package %s %s (pinned in %s) is not on the mirror"
        " and no other version of its %s series could be fetched%s; the index offers: %s" % (
            SUITE, r.name, r.pin, PINS_NAME, series(r.pin), " (" + "; ".join(tried) + ")" if tried else "",
            ", ".join(offered) or "nothing"))
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pins", required=True)
    ap.add_argument("--packages", action="append", required=True, help="a Packages index")
    ap.add_argument("--mirror", help="the mirror's URL (http:// or file://)")
    ap.add_argument("--dest", default=".")
    ap.add_argument("--notes", help="append each replacement here")
    ap.add_argument("--arch", default="amd64", help="architecture of a PACKAGE without :ARCH")
    ap.add_argument("--resolve-only", action="store_true", help="choose versions, fetch nothing")
    ap.add_argument("--suite", default="Debian 13", help="the pins' suite, for messages")
    ap.add_argument("package", nargs="+")
    args = ap.parse_args()
    global PINS_NAME, SUITE
    PINS_NAME = "testbed/" + os.path.basename(args.pins)
    SUITE = args.suite
    if not args.resolve_only and not args.mirror:
        ap.error("--mirror is needed to fetch")
    pins = read_pins(args.pins)
    index = read_index(args.packages)
    reqs = [Request(p, pins, args.arch) for p in args.package]
    # requests carrying the same kernel ABI move together, the others alone
    groups = {}
    for r in reqs:
        groups.setdefault(r.token or "\0" + r.name, []).append(r)
    ok = True
    for group in groups.values():
        got = resolve(group, index, args)
        if got is None:
            ok = False
            continue
        for _, name, ver, path in got:
            print(name, ver, path)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
