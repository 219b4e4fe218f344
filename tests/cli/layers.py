#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Lower layers never reach upward: layers.py SRCDIR BUILDDIR.

The layers of src/ (docs/architecture.md draws them), lowest first. A file
belongs to the layer of its own header (X.c beside X.h), or to the layer its
name says (source_*.c: sources, cmd_*.c: front end, ...). Three checks:

1. includes: no file in src/ includes a header of a layer above its own;
2. calls: no object of libzpcidiag.a uses a symbol defined by an object of
   a higher layer (nm of each object: undefined against defined);
3. the library is complete without the program: `nm -u` of libzpcidiag.a
   names no symbol that only the program's objects define.

A header or file this table does not know fails the test: place it.
"""
import fnmatch
import glob
import os
import re
import subprocess
import sys

LAYERS = [
    ("base: context, messages, exit codes, system access, pure parsers",
     ["zpcidiag.h", "msg.h", "exitcodes.h", "sysaccess.h", "report_record.h", "sysfs_parse.h",
      "util_string.h", "sha256.h", "clp_blocks.h", "uapi/*.h", "zpci_io_validate.h",
      "vfio_uapi_compat.h", "fmb_stats.h"]),
    ("model: struct zpci_fn, names, derived views, decoders into it, selectors, formatting",
     ["model.h", "maxstbl.h", "clp_decode.h", "vfio_caps.h", "output.h", "select.h", "check.h",
      "kmsg_recovery.h", "ifnames.h", "check_passthrough.h", "passthrough_view.h"]),
    ("sources, reports, actions: what reads or writes the system",
     ["sources.h", "report_saved.h", "report_write.h", "vfio_dev.h", "zpci_io.h",
      "zpci_io_dev.h", "action_sysfs.h", "action_zpci.h", "action_fmb.h", "sysinfo.h",
      "source_*.h"]),
    ("loader: the sources in order, whole-system facts",
     ["load.h"]),
    ("printers: one per part of the model, text and JSON",
     ["print.h", "json_*.h", "print_*.h", "clp_print.h", "kdiag_out.h",
      "check_out.h"]),
    ("front end: commands and their helpers",
     ["cmd.h", "iotest.h", "report_collect.h"]),
]

# files without a header of their own: the header whose layer they share
OWNER = [
    ("source_*.c", "sources.h"), ("report_read.c", "report_saved.h"),
    ("report_kdiag.c", "report_saved.h"), ("check_rules.c", "check.h"),
    ("names.c", "model.h"), ("severity.c", "model.h"), ("model_parts.c", "model.h"),
    ("zpci_io_*.c", "zpci_io.h"), ("print_*.c", "print.h"), ("json_*.c", "json_out.h"),
    ("main.c", "cmd.h"), ("cmd_*.c", "cmd.h"), ("iotest_*.c", "iotest.h"),
    ("check_prom.c", "check_out.h"),
]


def layer_of_header(h):
    for i, (_, pats) in enumerate(LAYERS):
        if any(fnmatch.fnmatchcase(h, p) for p in pats):
            return i
    return None


def layer_of_file(name):
    base, ext = os.path.splitext(name)
    if ext == ".h":
        return layer_of_header(name)
    own = layer_of_header(base + ".h")
    if own is not None:
        return own
    for pat, h in OWNER:
        if fnmatch.fnmatchcase(name, pat):
            return layer_of_header(h)
    return None


def main():
    src, build = sys.argv[1], sys.argv[2]
    fails = []
    srcdir = os.path.join(src, "src")
    for path in sorted(glob.glob(srcdir + "/*.[ch]")):
        name = os.path.basename(path)
        mine = layer_of_file(name)
        if mine is None:
            fails.append("%s: no layer (tests/cli/layers.py: LAYERS or OWNER)" % name)
            continue
        for inc in re.findall(r'^#include "([^"]+)"', open(path).read(), re.M):
            if inc == "config.h":
                continue
            theirs = layer_of_header(inc)
            if theirs is None:
                fails.append("%s includes %s: a header with no layer" % (name, inc))
            elif theirs > mine:
                fails.append("%s (%s) includes %s (%s): upward" % (
                    name, LAYERS[mine][0].split(":")[0], inc, LAYERS[theirs][0].split(":")[0]))

    lib_objs = sorted(glob.glob(os.path.join(build, "src", "libzpcidiag_a-*.o")))
    prog_objs = sorted(glob.glob(os.path.join(build, "src", "zpcidiag-*.o")))
    if not lib_objs or not prog_objs:
        fails.append("no objects under %s/src (build first)" % build)
    defined, undefined = {}, {}
    for o in lib_objs + prog_objs:
        out = subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout
        for line in out.splitlines():
            f = line.split()
            if len(f) == 2 and f[0] == "U":
                undefined.setdefault(o, set()).add(f[1])
            elif len(f) == 3 and f[1] in "TDBRCGSV":
                defined[f[2]] = o
    stem = lambda o: re.sub(r"^(libzpcidiag_a|zpcidiag)-", "", os.path.basename(o))[:-2] + ".c"
    for o in lib_objs:
        mine = layer_of_file(stem(o))
        for sym in sorted(undefined.get(o, ())):
            d = defined.get(sym)
            if d is None:
                continue    # the C library, json-c, libpci, ...
            if d in prog_objs:
                fails.append("libzpcidiag.a: %s uses %s, which only the program defines (%s)"
                             % (stem(o), sym, stem(d)))
                continue
            theirs = layer_of_file(stem(d))
            if mine is not None and theirs is not None and theirs > mine:
                fails.append("%s calls %s of %s: upward" % (stem(o), sym, stem(d)))
    for f in fails:
        print("FAIL: " + f)
    print("%d files, %d library objects, %d program objects, %d failures" % (
        len(glob.glob(srcdir + "/*.[ch]")), len(lib_objs), len(prog_objs), len(fails)))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
