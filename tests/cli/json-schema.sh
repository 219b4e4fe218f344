#!/bin/sh
# --json on every command: valid JSON, schema_version 1, the documented keys
# with JSON types (numbers as numbers, addresses as strings, absent -> null).
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)

for cmd in list bars vf "show 0001:00:00.0" "show fid:0x300"; do
	# shellcheck disable=SC2086
	run 0 --sysfs-root "$R" --json $cmd || continue
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -m json.tool >/dev/null || fail "$cmd: not valid JSON"
	jeq 'd["schema_version"]' 1
	jeq 'd["command"]' "${cmd%% *}"
	jeq 'd["uid_checking"]' true
done
# options after the command work as well
run 0 --sysfs-root "$R" list --json
jeq 'd["schema_version"]' 1

run 0 --sysfs-root "$R" --json list
jeq 'len(d["functions"])' 8
CHECKS=$((CHECKS + 1))
printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
num = (int,)
def t(v, types, what):
    if v is not None and not isinstance(v, types) or isinstance(v, bool) and bool not in types:
        raise SystemExit("%s: %r has type %s" % (what, v, type(v).__name__))
required = {"address": (str,), "fid": num, "fh": num, "uid": num, "pchid": num, "pfgid": num,
            "vfn": num, "pft": num, "port": num, "vendor": num, "device": num, "driver": (str,),
            "state": (str,), "bars": (list,), "vf": (dict,), "problems": (list,), "type": (str,),
            "iommu_group": num, "mio_enabled": (bool,), "uid_is_unique": (bool,), "pfip": (list,),
            "slot": (dict,), "netdevs": (list,), "nvme": (list,), "sources": (dict,),
            "clp": (dict,), "vfio": (dict,), "kernel": (dict,), "util_string": (dict,)}
for f in d["functions"]:
    for k, ty in required.items():
        if k not in f:
            raise SystemExit("function %s lacks %s" % (f.get("address"), k))
        t(f[k], ty, k)
    for b in f["bars"]:
        for k, ty in {"index": num, "size": num, "is_64bit": (bool,), "prefetchable": (bool,),
                      "mappable": (bool,), "type": (str,), "start": (str,), "size_human": (str,),
                      "mappable_reason": (str,)}.items():
            if k not in b:
                raise SystemExit("bar lacks " + k)
            t(b[k], ty, "bar " + k)
    if f["state"] == "configured":
        for k in ("linked", "detached", "command_memory", "verdict", "is_vf"):
            if k not in f["vf"]:
                raise SystemExit("vf lacks " + k)
    for p in f["problems"]:
        assert set(p) == {"code", "severity", "text"}, p
        assert p["severity"] in ("info", "warning", "critical"), p
    for s in f["sources"].values():
        assert s["state"] in ("not_tried", "ok", "unavailable", "no_permission", "error"), s
' || fail "schema check failed"

jeq '[f["state"] for f in d["functions"]]' '["configured", "configured", "configured", "configured", "configured", "configured", "configured", "standby"]'
jeq 'd["functions"][0]["fid"]' 528
jeq 'd["functions"][0]["fh"]' 2216755728
jeq 'd["functions"][0]["vendor"]' 4116
jeq 'd["functions"][6]["type"]' unknown
jeq 'd["functions"][6]["pft"]' 30
jeq 'd["functions"][6]["driver"]' null
jeq 'd["functions"][4]["bars"][0]["mappable"]' true
jeq 'd["functions"][4]["bars"][0]["start"]' 0x0004000000000000
jeq 'd["functions"][7]["address"]' null
jeq 'd["functions"][7]["uid"]' null
jeq 'd["functions"][3]["mio_enabled"]' false
jeq 'd["functions"][4]["mio_enabled"]' true
jeq 'd["functions"][4]["util_string"]["pnet_ids"]' '[null, "NETB", null, null]'
done_testing
