# flavour: normal
# The report a host reads (tests/fixtures/s390x-reports, renewed by
# tests/fixtures/regen-s390x-reports.sh; read by
# tests/cli/report-from-s390x-guest.sh): taken with rng0 on the variant driver
# and the diagnostics module loaded, then, apart from the report's own runs,
# the live output of every read command, text and JSON, with the arguments the
# report used (so the same functions are named). Both are printed base64
# between @@REPORT and @@LIVE markers: the test bed has no file channel to the
# host but the console.
. /testbed/lib.sh
R=$TB_CASE_TMP/guest.tar.xz
L=$TB_CASE_TMP/live
tb_report_setup
"$ZPCIDIAG" report -q -o "$R" 2> "$TB_CASE_TMP/err" || tb_fail "report exited $?: $(cat "$TB_CASE_TMP/err")"
tar -xJOf "$R" guest/manifest.json > "$TB_CASE_TMP/manifest.json" || tb_fail "no manifest in the report"
jq -r '.commands[] | select(.member | endswith(".json")) | "\(.member)\t\(.arguments)"' \
	"$TB_CASE_TMP/manifest.json" > "$TB_CASE_TMP/cmds"
mkdir -p "$L"
tab=$(printf '\t')
while IFS="$tab" read -r member args; do
	base=$(basename "$member" .json)
	for form in json txt; do
		if [ $form = json ]; then a=$args; else a=$(echo "$args" | sed 's/^--json //'); fi
		"$ZPCIDIAG" $a > "$L/$base.$form" 2> "$L/$base.$form.stderr"
		printf '%s\t%s\t%s\n' "$base.$form" $? "$a" >> "$L/commands.tsv"
		[ -s "$L/$base.$form.stderr" ] || rm "$L/$base.$form.stderr"
	done
done < "$TB_CASE_TMP/cmds"
# every read command the host compares, caps only with a vfio-bound function
want=14
[ $vfio = 1 ] && want=16
[ "$(wc -l < "$L/commands.tsv")" -eq $want ] || tb_fail "$(wc -l < "$L/commands.tsv") live outputs taken, $want expected"
echo "@@REPORT BEGIN $ZPCI_TESTBED_FLAVOUR $(uname -r)"
base64 "$R"
echo "@@REPORT END"
echo "@@LIVE BEGIN $ZPCI_TESTBED_FLAVOUR $(uname -r)"
tar -cf - -C "$TB_CASE_TMP" live | gzip -9 | base64
echo "@@LIVE END"
echo "report: $(stat -c %s "$R") bytes, $want live outputs (vfio=$vfio kdiag=$kdiag)"
