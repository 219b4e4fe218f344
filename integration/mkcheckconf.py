#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write integration/check.conf's rule list from the rule table itself.

Usage: mkcheckconf.py ZPCIDIAG CHECK.CONF
Keeps the file's header (everything before the first rule entry) and
replaces the entries with one per rule of `zpcidiag --json check
--list-rules`, so a new rule is never missing from the installed file.
"""
import json
import subprocess
import sys
import textwrap


def main():
    zpcidiag, path = sys.argv[1:3]
    rules = json.loads(subprocess.run([zpcidiag, "--json", "check", "--list-rules"],
                                      check=True, capture_output=True, text=True).stdout)["rules"]
    lines = open(path, encoding="utf-8").read().split("\n")
    marker = "# Every rule, with its severity and scope, silenced by uncommenting its line."
    head = lines[:lines.index(marker) + 1]
    out = head + [""]
    for r in rules:
        out.append("# %s, %s: %s." % (r["severity"], r["scope"], r["title"]))
        out += textwrap.wrap(r["explanation"], 76, initial_indent="#   ",
                             subsequent_indent="#   ", break_on_hyphens=False)
        if r.get("fix"):
            out += textwrap.wrap("fix: " + r["fix"], 76, initial_indent="#   ",
                                 subsequent_indent="#   ", break_on_hyphens=False)
        out.append("#ignore %s" % r["id"])
        out.append("")
    open(path, "w", encoding="utf-8").write("\n".join(out).rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
