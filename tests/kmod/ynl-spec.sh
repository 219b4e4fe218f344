#!/bin/sh
# The YNL spec of the zpcidiag netlink family (kmod/include/uapi/zpcidiag.yaml)
# against the uapi header it describes (kmod/include/uapi/zpcidiag_netlink.h):
# every enumerator the spec implies exists in the header with the spec's
# value (checked by the compiler), the header has no enumerator the spec
# lacks, the module's request policy accepts exactly the spec's request
# attributes with matching types, and, where a kernel tree with
# Documentation/netlink is at hand and python3 has jsonschema, the spec is
# valid genetlink-legacy.
set -u
srcdir=${srcdir:-.}
CC=${CC:-cc}
top=$(cd "$srcdir" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zpcidiag-ynl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3 has no yaml module"; exit 77; }

python3 - "$top" "$tmp" <<'EOP' || exit 1
import re, sys, yaml
top, tmp = sys.argv[1], sys.argv[2]
spec = yaml.safe_load(open(f"{top}/kmod/include/uapi/zpcidiag.yaml"))
hdr = open(f"{top}/kmod/include/uapi/zpcidiag_netlink.h").read()
c = lambda s: s.upper().replace("-", "_")
asserts, names = [], {}
def enum(prefix, entries, enum_name, start=0):
    v = start - 1
    for e in entries:
        n = e["name"] if isinstance(e, dict) else e
        v = e.get("value", v + 1) if isinstance(e, dict) else v + 1
        asserts.append(f'_Static_assert({c(prefix + n)} == {v}, "{prefix}{n}");')
        if enum_name:
            names.setdefault(enum_name, set()).add(c(prefix + n))
    return v
for d in spec.get("definitions", []):
    enum(d["name-prefix"], d["entries"], d.get("enum-name"))
for s in spec["attribute-sets"]:
    last = enum(s["name-prefix"], s["attributes"], s.get("enum-name"), 1)
    if "attr-max-name" in s:
        asserts.append(f'_Static_assert({c(s["attr-max-name"])} == {last}, "{s["name"]} max");')
        names[s["enum-name"]].add(c(s["attr-cnt-name"]))
ops = spec["operations"]
last = enum(ops["name-prefix"], ops["list"], ops["enum-name"], 1)
asserts.append(f'_Static_assert({c(spec["cmd-max-name"])} == {last}, "cmd max");')
names[ops["enum-name"]].add(c(spec["cmd-cnt-name"]))
asserts.append(f'_Static_assert({c(spec["c-version-name"])} == {spec["version"]}, "version");')
prog = ['#include <string.h>', '#include "uapi/zpcidiag_netlink.h"'] + asserts + [
    f'int main(void) {{ return strcmp({c(spec["c-family-name"])}, "{spec["name"]}") != 0; }}']
open(f"{tmp}/check.c", "w").write("\n".join(prog) + "\n")
bad = 0
# no enumerator in the header that the spec does not describe
for enum_name, want in names.items():
    m = re.search(r"enum %s \{(.*?)\};" % c(enum_name).lower(), hdr, re.S)
    if not m:
        print(f"FAIL: enum {c(enum_name).lower()} not in the header"); bad += 1; continue
    got = set(re.findall(r"^\s*([A-Z_][A-Z0-9_]*)", m.group(1), re.M))
    for n in sorted(got - want):
        print(f"FAIL: {n} is in the header, not in the spec"); bad += 1
    for n in sorted(want - got):
        print(f"FAIL: {n} is in the spec, not in enum {c(enum_name).lower()}"); bad += 1
# the module's request policy: exactly the request attributes, of the spec's type
src = open(f"{top}/kmod/zpcidiag_diag.c").read()
pol = dict(re.findall(r"\[ZPCIDIAG_A_([A-Z_]+)\]\s*=\s*\{\s*\.type\s*=\s*(NLA_[A-Z0-9_]+)", src))
fn = {a["name"]: a for a in spec["attribute-sets"][0]["attributes"]}
req = set()
for op in ops["list"]:
    for kind in ("do", "dump"):
        req |= set(op.get(kind, {}).get("request", {}).get("attributes", []))
ok_types = {"string": ("NLA_NUL_STRING", "NLA_STRING"), "u32": ("NLA_U32",), "u8": ("NLA_U8",),
            "u16": ("NLA_U16",), "u64": ("NLA_U64",)}
if set(pol) != {c(a) for a in req}:
    print(f"FAIL: module policy {sorted(pol)} != spec requests {sorted(c(a) for a in req)}"); bad += 1
for a in req:
    if pol.get(c(a)) not in ok_types[fn[a]["type"]]:
        print(f"FAIL: policy type of {a}: {pol.get(c(a))}, spec says {fn[a]['type']}"); bad += 1
print(f"{len(asserts)} names and values to check against the header")
sys.exit(1 if bad else 0)
EOP
$CC -std=gnu11 -Wall -Werror -I"$top/kmod/include" -o "$tmp/check" "$tmp/check.c" ||
	{ echo "FAIL: the uapi header disagrees with the spec (see the _Static_assert above)"; exit 1; }
"$tmp/check" || { echo "FAIL: family name differs"; exit 1; }

# Schema validation against the kernel's own description of the format
schema=
for d in "${ZPCIDIAG_TESTBED_CACHE:-/var/cache/zpcidiag-testbed}"/mainline/*/usr/src/linux-source-*/Documentation/netlink; do
	[ -f "$d/genetlink-legacy.yaml" ] && schema=$d/genetlink-legacy.yaml
done
if [ -n "$schema" ] && python3 -c 'import jsonschema' 2>/dev/null; then
	python3 - "$schema" "$top/kmod/include/uapi/zpcidiag.yaml" <<'EOP' || exit 1
import sys, yaml, jsonschema
schema = yaml.safe_load(open(sys.argv[1]))
spec = yaml.safe_load(open(sys.argv[2]))
try:
    jsonschema.validate(spec, schema)
except jsonschema.ValidationError as e:
    print(f"FAIL: the spec is not valid genetlink-legacy ({sys.argv[1]}): {e.message} at {list(e.path)}")
    sys.exit(1)
print(f"spec valid against {sys.argv[1]}")
EOP
else
	echo "schema check skipped: no kernel tree with Documentation/netlink or no jsonschema"
fi
echo "YNL spec and uapi header agree"
