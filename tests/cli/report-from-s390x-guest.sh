#!/bin/sh
# Reports taken inside the emulated IBM Z (s390x, big endian; one per test-bed
# kernel, tests/fixtures/report-s390x-*.tar.xz, made by the in-guest case
# report-guest-roundtrip) read on this host: every command output the report
# carries from the guest (commands/*) is what --report prints here. That
# covers the byte-order turn of the saved vfio replies and netlink answers.
# Only the CLP source's reason may differ (it names where the blocks came
# from), and fields a newer zpcidiag prints beyond the guest's are not compared.
. "$(dirname "$0")/lib.sh"
FIX=$(dirname "$MKFIXTURE")
set -- "$FIX"/report-s390x-*.tar.xz
[ -e "$1" ] || { echo "SKIP: no s390x report fixtures"; exit 77; }
for A in "$@"; do
	name=$(basename "$A" .tar.xz)
	mkdir -p "$WORK/$name"
	tar -xJf "$A" -C "$WORK/$name"
	top=$(ls "$WORK/$name")
	M=$WORK/$name/$top
	CHECKS=$((CHECKS + 1))
	grep -q big "$M/byte-order" || fail "$name: not a big-endian report"
	python3 - "$M/manifest.json" >"$WORK/cmds" <<'PY'
import json, sys
for c in json.load(open(sys.argv[1]))["commands"]:
    print("%s\t%d\t%s" % (c["member"], c["exit_code"], c["arguments"]))
PY
	while IFS="	" read -r member rc args; do
		case $member in *.json) ;; *) continue ;; esac	# tables: compared in the guest
		# shellcheck disable=SC2086
		"$ZPCIDIAG" --report "$A" $args >"$WORK/saved" 2>/dev/null
		got=$?
		CHECKS=$((CHECKS + 1))
		[ "$got" = "$rc" ] || fail "$name: zpcidiag $args exits $got from the report, $rc in the guest"
		CHECKS=$((CHECKS + 1))
		python3 - "$M/$member" "$WORK/saved" <<'PY' || fail "$name: $args differs from the guest"
import json, re, sys
guest, here = (json.load(open(f)) for f in sys.argv[1:3])
# The guest's zpcidiag may be older than this one: keys it did not have, and
# values it did not know (null), are not compared; everything it printed is.
# The CLP source's reason names where the blocks came from: it may differ.
def same(g, h, path):
    if g is None:
        return True
    if isinstance(g, dict):
        ok = True
        for k, v in g.items():
            if k not in h:
                print("%s.%s: missing here" % (path, k)); ok = False
            elif not (path.endswith(".clp") and k == "reason") and not same(v, h[k], path + "." + k):
                ok = False
        return ok
    if isinstance(g, list):
        if not isinstance(h, list) or len(g) != len(h):
            print("%s: %r here, %r in the guest" % (path, h, g)); return False
        return all([same(a, b, "%s[%d]" % (path, i)) for i, (a, b) in enumerate(zip(g, h))])
    if g != h:
        print("%s: %r here, %r in the guest" % (path, h, g)); return False
    return True
sys.exit(0 if same(guest, here, "") else 1)
PY
	done <"$WORK/cmds"
	# the guest's vfio and netlink data were decoded, not just copied
	if [ -e "$M/kdiag/answers.bin" ]; then
		"$ZPCIDIAG" --report "$A" --json show $(cd "$M/sys/bus/pci/devices" && ls) >"$WORK/show.json"
		OUT=$(cat "$WORK/show.json")
		jeq 'all(f["sources"]["kdiag"]["state"] == "ok" for f in d["functions"] if f["address"])' 'true'
	fi
done
done_testing
