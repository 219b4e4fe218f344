#!/bin/sh
# `report DEVICE...` for a customer who may share one function's data, not the
# machine's: the archive and its manifest hold the named functions (here a
# linked VF, named by address, and a standby function, named by FID) and the
# system-wide parts, nothing read about the PF, the other VFs, ISM or NVMe.
# The VF's physfn link still resolves (its PF directory stays, empty), so the
# report reads back as the live tree does. A report of the whole tree holds
# the others: the same checks would see them.
. "$(dirname "$0")/lib.sh"
TMPDIR=$WORK/tmp
export TMPDIR
mkdir -p "$TMPDIR"
R=$(fixture lpar-6-1-roce-pf-linked-vfs)
VF=001c:00:00.2
run 0 --sysfs-root "$R" report --quiet -o "$WORK/named.tar.xz" "$VF" fid:0x710
run 0 --sysfs-root "$R" report --quiet -o "$WORK/all.tar.xz"

# scope ARCHIVE ADDRESS... -- FID...: what of the archive lies outside that scope
scope() {
	python3 - "$@" <<'PY'
import json, re, sys, tarfile
args = sys.argv[2:]
addrs = set(args[:args.index("--")])
fids = {int(f, 16) for f in args[args.index("--") + 1:]}
t = tarfile.open(sys.argv[1])
top = t.getmembers()[0].name.split("/")[0]
members = {m.name[len(top) + 1:]: m for m in t.getmembers() if m.name != top}
m = json.load(t.extractfile(top + "/manifest.json"))
bad = []
pci = re.compile(r"^[0-9a-f]{4,}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]$")
for name, mem in members.items():
    foreign = [c for c in name.split("/") if pci.match(c) and c not in addrs]
    # a directory a kept link points at may stay, as long as nothing lies in it
    if foreign and not (mem.isdir() and not any(n.startswith(name + "/") for n in members)):
        bad.append("member " + name)
    s = re.match(r"sys/bus/pci/slots/([0-9a-f]{8})(/|$)", name) or re.match(r"clp/query-fn-([0-9a-f]{8})\.bin$", name)
    if s and int(s.group(1), 16) not in fids:
        bad.append("member " + name)
for e in m["members"]:
    if e["name"] not in members:
        bad.append("manifest lists %s, the archive lacks it" % e["name"])
for c in m["commands"]:
    if not c["member"].endswith(".json"):
        continue
    out = json.load(t.extractfile(top + "/" + c["member"]))
    for f in out.get("functions", []):
        if f.get("address") and f["address"] not in addrs or f.get("fid") is not None and f["fid"] not in fids:
            bad.append("%s shows %s (FID 0x%x)" % (c["member"], f.get("address"), f.get("fid") or 0))
print("\n".join(bad))
PY
}

CHECKS=$((CHECKS + 1))
OUT=$(scope "$WORK/named.tar.xz" "$VF" -- 0x601 0x710)
[ -z "$OUT" ] || fail "report $VF fid:0x710 holds other functions' data: $(echo "$OUT" | head -8)"
CHECKS=$((CHECKS + 1))
OUT=$(scope "$WORK/all.tar.xz" "$VF" -- 0x601 0x710)
echo "$OUT" | grep -q '001c:00:00.0/' || fail "the whole-tree report lacks the PF: the scope check sees nothing"

# the manifest says which functions the report covers, and why
OUT=$(tar -xJOf "$WORK/named.tar.xz" --wildcards '*/manifest.json')
jeq 'd["devices"]' '["001c:00:00.2", "fid:0x710"]'
jeq '[(f["address"], f["fid"]) for f in d["functions"]]' '[["001c:00:00.2", 1537], [null, 1808]]'
jeq 'all({"001c:00:00.2", "fid:0x710"} <= set(c["arguments"].split()) for c in d["commands"])' 'true'
OUT=$(tar -xJOf "$WORK/all.tar.xz" --wildcards '*/manifest.json')
jeq '"functions" in d' 'false'

# read back: the named functions only, as the live tree shows them
run 0 --report "$WORK/named.tar.xz" --json list
jeq '[(f["address"], f["fid"]) for f in d["functions"]]' '[["001c:00:00.2", 1537], [null, 1808]]'
for cmd in show vf bars; do
	"$ZPCIDIAG" --sysfs-root "$R" --json $cmd "$VF" >"$WORK/live" 2>/dev/null
	"$ZPCIDIAG" --report "$WORK/named.tar.xz" --json $cmd "$VF" >"$WORK/saved" 2>/dev/null
	CHECKS=$((CHECKS + 1))
	cmp -s "$WORK/live" "$WORK/saved" || fail "$cmd $VF from the named report differs: $(diff "$WORK/live" "$WORK/saved" | head -6)"
done
run 0 --report "$WORK/named.tar.xz" --json vf "$VF"
jeq 'd["functions"][0]["vf"]["physfn"]' '001c:00:00.0'
# without DEVICE words a report for named functions reads as if they were
# given: the same output as live with them (the firmware's list of every
# function, which it keeps, shows no more)
# function, which it keeps, shows no more). check is compared with itself on
# the report: on a fake tree the live check does not ask for kernel facts.
for cmd in list bars vf check; do
	if [ $cmd = check ]; then
		"$ZPCIDIAG" --report "$WORK/named.tar.xz" --json $cmd "$VF" fid:0x710 >"$WORK/live" 2>/dev/null
	else
		"$ZPCIDIAG" --sysfs-root "$R" --json $cmd "$VF" fid:0x710 >"$WORK/live" 2>/dev/null
	fi
	"$ZPCIDIAG" --report "$WORK/named.tar.xz" --json $cmd >"$WORK/saved" 2>/dev/null
	CHECKS=$((CHECKS + 1))
	cmp -s "$WORK/live" "$WORK/saved" || fail "$cmd without DEVICE on the named report differs from $cmd $VF fid:0x710: $(diff "$WORK/live" "$WORK/saved" | head -6)"
done
# a function outside the report is not there, whatever the live tree has
run 3 --report "$WORK/named.tar.xz" show 001c:00:00.0
done_testing
