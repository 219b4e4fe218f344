# flavour: normal
# `report DEVICE` on a real kernel: CLP lists every function, the diagnostics
# module's dump answers for every function, and vfio replies exist for the
# bound one; a report naming one function (rng0, on the vfio variant driver)
# keeps only its Query PCI Function block, its vfio reply and its module
# answer, beside the system-wide parts (CLP list, kernel facts). Read back
# with the same DEVICE word, every command prints what it prints live.
. /testbed/lib.sh
R=$TB_CASE_TMP/one.tar.xz
tb_report_setup
addr=$rng_addr
fid=$(printf '%08x' "$(tb_fid rng0)")
"$ZPCIDIAG" report -q -o "$R" "$addr" 2> "$TB_CASE_TMP/err" || tb_fail "report $addr exited $?: $(cat "$TB_CASE_TMP/err")"
tar -xJf "$R" -C "$TB_CASE_TMP" || tb_fail "cannot unpack the report"
top=$TB_CASE_TMP/one
# members naming another function: an address component or a FID
others=$(cd "$top" && find . ! -type d | grep -E '/[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7](/|$)' | grep -v "/$addr\(/\|$\)")
[ -z "$others" ] || tb_fail "report $addr holds other functions: $(echo "$others" | head -5)"
fids=$(cd "$top" && ls clp sys/bus/pci/slots 2>/dev/null | sed -n 's/^\(query-fn-\)\{0,1\}\([0-9a-f]\{8\}\)\(\.bin\)\{0,1\}$/\2/p' | sort -u)
[ "$fids" = "$fid" ] || tb_fail "report $addr holds query blocks or slots of FIDs: $(echo $fids)"
[ -f "$top/clp/list-000.bin" ] || tb_fail "the CLP list (system-wide) is missing"
[ -s "$top/system/modules" ] || tb_fail "the kernel facts (system-wide) are missing"
jq -r '[.devices[0], (.functions | length), .functions[0].address] | @tsv' "$top/manifest.json" > "$TB_CASE_TMP/m"
[ "$(cat "$TB_CASE_TMP/m")" = "$addr	1	$addr" ] || tb_fail "manifest devices/functions: $(cat "$TB_CASE_TMP/m")"
if [ $kdiag = 1 ]; then
	# the dump's answers for other functions are gone: one message, rng0's
	"$ZPCIDIAG" --report "$R" --json show "$addr" | jq -r '.functions[0].sources.kdiag.state' > "$TB_CASE_TMP/k"
	[ "$(cat "$TB_CASE_TMP/k")" = ok ] || tb_fail "rng0's module answer not in the report: $(cat "$TB_CASE_TMP/k")"
fi
[ $vfio = 0 ] || [ -s "$top/vfio/$addr/device-info.bin" ] || tb_fail "no vfio reply of $addr"
# live and from the report, with the same DEVICE word (JSON: the host test
# compares the text forms of whole-machine reports)
n=0
same() { # label live-args report-args
	"$ZPCIDIAG" $2 > "$TB_CASE_TMP/live" 2>/dev/null
	a=$?
	"$ZPCIDIAG" --report "$R" $3 > "$TB_CASE_TMP/saved" 2>/dev/null
	b=$?
	[ $a = $b ] || tb_fail "$1: exit $a live, $b from the report"
	# uptime_s is when the command ran, not a fact of the function: the
	# report's is the report's moment
	sed -e 's|"uptime_s": [0-9.]*|"uptime_s": T|' "$TB_CASE_TMP/live" > "$TB_CASE_TMP/live.n"
	sed -e 's|saved blocks in [^"]*clp/|/dev/clp|' -e 's|"uptime_s": [0-9.]*|"uptime_s": T|' \
		"$TB_CASE_TMP/saved" > "$TB_CASE_TMP/saved.n"
	cmp -s "$TB_CASE_TMP/live.n" "$TB_CASE_TMP/saved.n" ||
		tb_fail "$1: live and --report differ: $(diff "$TB_CASE_TMP/live.n" "$TB_CASE_TMP/saved.n" | head -6)"
	n=$((n + 1))
}
for c in show "clp show" check caps; do
	[ "$c" = caps ] && [ $vfio = 0 ] && continue
	same "$c $addr" "--json $c $addr" "--json $c $addr"
done
# without the DEVICE word the report reads as taken: rng0 alone, although the
# CLP list it keeps names every function (vf alone differs by design: without
# DEVICE it shows the VFs, and rng0 is none)
for c in list "clp list" check; do
	same "$c (no DEVICE from the report)" "--json $c $addr" "--json $c"
done
echo "report $addr: $(stat -c %s "$R") bytes, $n outputs agree live and from the report (vfio=$vfio kdiag=$kdiag)"
