#!/bin/sh
# Reports taken inside the emulated IBM Z (s390x, big endian; one per test-bed
# kernel, tests/fixtures/report-s390x-*.tar.xz, made by the in-guest case
# report-guest-roundtrip) read on this host: every command output the report
# carries from the guest (commands/*) is what --report prints here. That
# covers the byte-order turn of the saved vfio replies and netlink answers.
# Only the CLP source's reason may differ: it names where the blocks came from.
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
		# shellcheck disable=SC2086
		"$ZPCIDIAG" --report "$A" $args >"$WORK/saved" 2>/dev/null
		got=$?
		CHECKS=$((CHECKS + 1))
		[ "$got" = "$rc" ] || fail "$name: zpcidiag $args exits $got from the report, $rc in the guest"
		for f in "$M/$member" "$WORK/saved"; do
			sed -e 's|"reason": "saved blocks in [^"]*"|"reason": "CLP"|' \
			    -e 's|"reason": "/dev/clp"|"reason": "CLP"|' \
			    -e 's|saved blocks in .*$|CLP|' -e 's|ok  */dev/clp$|ok CLP|' "$f" >"$f.n"
		done
		CHECKS=$((CHECKS + 1))
		cmp -s "$M/$member.n" "$WORK/saved.n" ||
			fail "$name: $args differs from the guest: $(diff "$M/$member.n" "$WORK/saved.n" | head -6)"
	done <"$WORK/cmds"
	# the guest's vfio and netlink data were decoded, not just copied
	if [ -e "$M/kdiag/answers.bin" ]; then
		"$ZPCIDIAG" --report "$A" --json show $(cd "$M/sys/bus/pci/devices" && ls) >"$WORK/show.json"
		OUT=$(cat "$WORK/show.json")
		jeq 'all(f["sources"]["kdiag"]["state"] == "ok" for f in d["functions"] if f["address"])' 'true'
	fi
done
done_testing
