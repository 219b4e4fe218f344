#!/bin/sh
# Reports taken inside the emulated IBM Z (s390x, big endian), one per
# test-bed kernel (tests/fixtures/s390x-reports/KIND-KERNEL-EMULATOR/, made
# by tests/fixtures/regen-s390x-reports.sh), read on this host: every read
# command, text and JSON, prints from the report what the guest printed live
# in the same boot (live.tar.gz, taken apart from the report's own runs).
# The report holds CLP blocks (big endian by architecture), vfio replies and
# the diagnostics module's netlink answers in the guest's byte order, and
# config space (little endian by PCI): a decode with this host's byte order
# shows as a difference. Only where the data came from may differ: the CLP
# source's reason ("/dev/clp" live, the report's clp/ here), maxstbl's
# "not asked for", said "not tried" since the source-state words are one
# table, and the function's util_string, which has "available" since it has
# one form (issue 19). JSON must be equal in every member the guest printed
# (a newer zpcidiag may add members); text must hold every line the guest printed (a newer zpcidiag may
# order or add lines). The guest has no pci.ids, so names are looked up in an
# empty one here too.
. "$(dirname "$0")/lib.sh"
FIX=$(dirname "$MKFIXTURE")/s390x-reports
set -- "$FIX"/*/report.tar.xz
[ -e "$1" ] || { echo "SKIP: no s390x report fixtures in $FIX"; exit 77; }
: >"$WORK/no.ids"
kernels=
for A in "$@"; do
	D=$(dirname "$A")
	name=$(basename "$D")
	L=$WORK/$name
	mkdir -p "$L"
	tar -xzf "$D/live.tar.gz" -C "$L"
	tar -xJf "$A" -C "$L"
	M=$(find "$L" -mindepth 2 -maxdepth 2 -name manifest.json)
	CHECKS=$((CHECKS + 1))
	grep -qx big "$(dirname "$M")/byte-order" || fail "$name: not a big-endian report"
	kernels="$kernels $(cut -d' ' -f3 "$(dirname "$M")/system/uname")"
	n=0
	while IFS="	" read -r member rc args; do
		# shellcheck disable=SC2086
		"$ZPCIDIAG" --pci-ids "$WORK/no.ids" --report "$A" $args >"$WORK/here" 2>"$WORK/here.err"
		got=$?
		n=$((n + 1))
		CHECKS=$((CHECKS + 1))
		[ "$got" = "$rc" ] || fail "$name: zpcidiag $args exits $got from the report, $rc in the guest: $(head -3 "$WORK/here.err")"
		CHECKS=$((CHECKS + 1))
		case $member in
		*.json)
			python3 - "$L/live/$member" "$WORK/here" <<'PY' || fail "$name: zpcidiag $args differs from the guest's"
import json, sys
guest, here = (json.load(open(f)) for f in sys.argv[1:3])
diffs = []
def walk(g, h, path):
    if isinstance(g, dict) and isinstance(h, dict):
        for k in sorted(set(g) | set(h)):
            p = path + "." + k
            if p.endswith(".sources.clp.reason"):
                continue	# where the CLP blocks came from
            if k not in h:
                diffs.append("%s: only in the guest" % p)
            elif k not in g:
                continue	# a member newer than the fixture's zpcidiag, as lines for text
            else:
                walk(g[k], h[k], p)
    elif isinstance(g, list) and isinstance(h, list) and len(g) == len(h):
        for i, (a, b) in enumerate(zip(g, h)):
            walk(a, b, "%s[%d]" % (path, i))
    elif path.startswith(".functions[") and ".maxstbl.unavailable." in path and \
            (g, h) == ("not asked for", "not tried"):
        pass	# one table of source-state words since the fixture was taken (issue 19)
    elif g != h or type(g) != type(h):
        diffs.append("%s: %r here, %r in the guest" % (path, h, g))
walk(guest, here, "")
if diffs:
    print("\n".join(diffs[:8]))
sys.exit(1 if diffs else 0)
PY
			;;
		*)
			norm='s#^\(  clp  *ok  *\)\(/dev/clp\|saved blocks in .*:clp/\)$#\1CLP#'
			sed "$norm" "$L/live/$member" >"$WORK/guest.n"
			sed "$norm" "$WORK/here" >"$WORK/here.n"
			# every line the guest printed, with its values, is printed here;
			# the order of a table's rows and lines a newer zpcidiag adds are
			# not compared (the fixture ages while the text layout changes)
			sort "$WORK/guest.n" >"$WORK/guest.s"
			sort "$WORK/here.n" >"$WORK/here.s"
			[ -z "$(comm -23 "$WORK/guest.s" "$WORK/here.s")" ] ||
				fail "$name: zpcidiag $args lacks lines the guest printed: $(comm -23 "$WORK/guest.s" "$WORK/here.s" | head -6)"
			;;
		esac
	done <"$L/live/commands.tsv"
	# every read command, text and JSON, was compared
	for c in list show bars vf clp-list clp-show caps check; do
		for form in json txt; do
			CHECKS=$((CHECKS + 1))
			grep -q "^$c\.$form	" "$L/live/commands.tsv" || fail "$name: the guest took no live $c.$form"
		done
	done
	# the binary answers were there to be decoded (not a report without them)
	OUT=$(cat "$L/live/show.json")
	jeq 'sorted(set(f["sources"][s]["state"] for f in d["functions"] for s in ("clp", "kdiag")))' '["ok"]'
	OUT=$(cat "$L/live/caps.json")
	jeq 'all(f["vfio"]["zpci_base"] and f["vfio"]["zpci_group"] for f in d["functions"])' 'true'
done
# the test bed boots two kernel generations: both are here
CHECKS=$((CHECKS + 1))
case "$kernels" in *" 6.1."*" 6.12."* | *" 6.12."*" 6.1."*) ;; *) fail "reports of 6.1 and 6.12 expected, have:$kernels" ;; esac
done_testing
