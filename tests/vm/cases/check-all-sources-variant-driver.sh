# Every source at once: the diagnostics module loaded, rng0 bound to the zPCI
# I/O variant driver and check asked to read vfio (--vfio). All maxstbl
# sources agree in the emulator, so no maxstbl rule may fire, no source rule
# either, and passthrough readiness holds (own IOMMU group, zPCI
# capabilities). A false alarm here would be one on a healthy machine.
# needs: vfio kmod
# flavour: normal
. /testbed/lib.sh
tb_bind_variant_with_diag rng0
"$ZPCIDIAG" check --vfio --json > "$TB_CASE_TMP/check.json" 2> "$TB_CASE_TMP/err"
rc=$?
[ $rc -eq 0 ] || tb_fail "check --vfio exited $rc: $(cat "$TB_CASE_TMP/check.json" "$TB_CASE_TMP/err")"
bad=$(jq -r '[.findings[] | select(.rule | test("maxstbl|io-region|^source-")) | "\(.rule) \(.device)"] | join("; ")' \
	"$TB_CASE_TMP/check.json")
[ -z "$bad" ] || tb_fail "rules fired with every source agreeing: $bad"
"$ZPCIDIAG" check --json --passthrough "$addr" > "$TB_CASE_TMP/pt.json"
rc=$?
bad=$(jq -r '[.findings[] | select((.rule | startswith("passthrough-")) and .rule != "passthrough-not-held") | "\(.rule): \(.finding)"] | join("; ")' \
	"$TB_CASE_TMP/pt.json")
[ $rc -eq 0 ] && [ -z "$bad" ] || tb_fail "check --passthrough $addr on zpci_vfio_pci exited $rc: $bad"
echo "all sources: $(jq -r '"\(.status); rules fired: \([.findings[].rule] | unique | join(" "))"' "$TB_CASE_TMP/check.json")"
