# zpcidiag's own sources: with the diagnostics module loaded check is silent
# about it; unloaded, source-kdiag-unavailable says what is lost (info, exit 0).
# needs: kmod
# flavour: normal stock
. /testbed/lib.sh
ko=$ZPCI_KMOD_DIR/zpcidiag_diag.ko
[ -e "$ko" ] || tb_fail "no $ko for this kernel"
lsmod | grep -q '^zpcidiag_diag ' || insmod "$ko" || tb_fail "insmod $ko"
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/loaded.json" || tb_fail "check exited $? with the module loaded"
jq -e '[.findings[] | select(.rule == "source-kdiag-unavailable")] | length == 0' \
	"$TB_CASE_TMP/loaded.json" >/dev/null || tb_fail "source-kdiag-unavailable with the module loaded"
rmmod zpcidiag_diag || tb_fail "rmmod zpcidiag_diag"
"$ZPCIDIAG" check --json > "$TB_CASE_TMP/unloaded.json"
rc=$?
[ $rc -eq 0 ] || tb_fail "check exited $rc without the module (info only expected)"
why=$(jq -r '[.findings[] | select(.rule == "source-kdiag-unavailable") | .finding] | first // ""' \
	"$TB_CASE_TMP/unloaded.json")
[ -n "$why" ] || tb_fail "source-kdiag-unavailable did not fire with the module unloaded"
echo "module unloaded: $why"
