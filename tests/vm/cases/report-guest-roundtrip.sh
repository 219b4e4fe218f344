# flavour: normal stock
# A report taken in the guest (with a function on the project's vfio variant
# driver and the diagnostics module loaded where this kernel has them) and
# read back with --report gives the same output as the live commands, for
# every read command the report ran live. The comparison runs inside the guest;
# the report is gzip-compressed (-o .tar.gz) so the guest runs that path too
# (the other report cases take the xz default);
# report-guest-for-host-fixture takes the report the host reads.
. /testbed/lib.sh
R=$TB_CASE_TMP/guest.tar.gz
tb_report_setup

t0=$(date +%s)
"$ZPCIDIAG" report -o "$R" > "$TB_CASE_TMP/out" 2> "$TB_CASE_TMP/err" ||
	tb_fail "report exited $?: $(cat "$TB_CASE_TMP/err")"
echo "report took $(( $(date +%s) - t0 )) s"
[ "$(cat "$TB_CASE_TMP/out")" = "$R" ] || tb_fail "report printed '$(cat "$TB_CASE_TMP/out")'"
[ "$(stat -c %a "$R")" = 600 ] || tb_fail "report mode $(stat -c %a "$R")"
ls -A "$TB_CASE_TMP" | grep -q '^\.zpcidiag-report' && tb_fail "temporary file left"

# What the report must hold on this kernel
"$ZPCIDIAG" --report "$R" list > /dev/null || tb_fail "--report list exited $?"
tar -xzf "$R" -C "$TB_CASE_TMP" || tb_fail "busybox tar cannot unpack the report"
top=$TB_CASE_TMP/guest
[ -f "$top/clp/list-000.bin" ] || tb_fail "no CLP list block in the report: $(ls "$top")"
[ -f "$top/system/uname" ] && grep -q "$(uname -r)" "$top/system/uname" || tb_fail "no kernel release"
[ -s "$top/system/dmesg" ] || tb_fail "no PCI kernel log lines"
[ -s "$top/system/modules" ] || tb_fail "no module list"
if [ $kdiag = 1 ]; then
	[ -s "$top/kdiag/answers.bin" ] || tb_fail "diagnostics module loaded, no answers saved"
fi
if [ $vfio = 1 ]; then
	[ -s "$top/vfio/$rng_addr/device-info.bin" ] || tb_fail "no vfio reply of $rng_addr"
	[ -s "$top/vfio/$rng_addr/zpci-io-feature.bin" ] || tb_fail "no VFIO_DEVICE_FEATURE_ZPCI_IO reply"
fi
jq -r '.members[] | select(.type == "file") | "\(.sha256)  \(.name)"' "$top/manifest.json" > "$TB_CASE_TMP/sums"
(cd "$top" && sha256sum -c "$TB_CASE_TMP/sums" > "$TB_CASE_TMP/sumcheck" 2>&1) ||
	tb_fail "manifest checksums: $(grep -v ': OK$' "$TB_CASE_TMP/sumcheck" | head -3)"

# The report carries the guest's live output of every read command
# (commands/*, run while the report was taken); --report must print the same.
# The CLP source names where its blocks came from (/dev/clp or the saved
# directory): that field alone may differ.
norm() { sed -e 's|"reason": "saved blocks in [^"]*"|"reason": "CLP"|' -e 's|"reason": "/dev/clp"|"reason": "CLP"|' \
	     -e 's|saved blocks in .*$|CLP|' -e 's|ok  */dev/clp$|ok CLP|' \
	     -e 's|"uptime_s": [0-9.]*|"uptime_s": T|' "$1"; }	# when it ran, not a fact
jq -r '.commands[] | "\(.member)\t\(.exit_code)\t\(.arguments)"' "$top/manifest.json" > "$TB_CASE_TMP/cmds"
n=0
tab=$(printf '\t')
while IFS="$tab" read -r member rc args; do
	"$ZPCIDIAG" --report "$R" $args > "$TB_CASE_TMP/saved" 2>/dev/null
	got=$?
	[ "$got" = "$rc" ] || tb_fail "zpcidiag $args: exit $rc live, $got from the report"
	norm "$top/$member" > "$TB_CASE_TMP/live.n"
	norm "$TB_CASE_TMP/saved" > "$TB_CASE_TMP/saved.n"
	cmp -s "$TB_CASE_TMP/live.n" "$TB_CASE_TMP/saved.n" ||
		tb_fail "zpcidiag $args: live and --report differ: $(diff "$TB_CASE_TMP/live.n" "$TB_CASE_TMP/saved.n" | head -8)"
	n=$((n + 1))
done < "$TB_CASE_TMP/cmds"
[ $n -ge 6 ] || tb_fail "only $n commands in the report's manifest"
for c in list.json bars.json vf.json show.json clp-list.json clp-show.json; do
	[ -s "$top/commands/$c" ] || tb_fail "the report lacks commands/$c"
done
[ $vfio = 0 ] || [ -s "$top/commands/caps.json" ] || tb_fail "the report lacks commands/caps.json"
echo "report: $(stat -c %s "$R") bytes; $n commands agree live and from the report (vfio=$vfio kdiag=$kdiag; compared in the guest)"
