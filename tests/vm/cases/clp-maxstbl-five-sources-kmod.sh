# With the project's modules loaded and the function bound to zpci_vfio_pci,
# all five maxstbl sources are there and agree (128 in the emulator): CLP
# group, the kernel (diagnostics module), vfio maxstbl and imaxstbl, and
# zpci_vfio_pci's VFIO_DEVICE_FEATURE_ZPCI_IO; caps names the driver's
# PCISTB path and its 48-bit region offsets. Nothing is flagged.
# needs: vfio kmod
# flavour: normal debug kasan
. /testbed/lib.sh
tb_bind_variant_with_diag rng0
"$ZPCIDIAG" clp show --json "$addr" > "$TB_CASE_TMP/clp.json" 2> "$TB_CASE_TMP/err" ||
	tb_fail "clp show exited $?: $(cat "$TB_CASE_TMP/err")"
"$ZPCIDIAG" clp show "$addr" | sed -n '/^maxstbl by source:/,$p'
m='.functions[0].maxstbl'
got=$(jq -r "$m.sources | [.clp_group, .kernel, .vfio_imaxstbl, .vfio_maxstbl, .io_region_max] | @tsv" "$TB_CASE_TMP/clp.json")
[ "$(echo $got)" = "128 128 128 128 128" ] ||
	tb_fail "maxstbl (clp kernel imaxstbl maxstbl region) is '$got', expected 128 from all"
jq -e "$m.effective == 128 and ($m.findings | length == 0)" "$TB_CASE_TMP/clp.json" >/dev/null ||
	tb_fail "effective/findings: $(jq -c "$m" "$TB_CASE_TMP/clp.json")"
"$ZPCIDIAG" caps "$addr" > "$TB_CASE_TMP/caps.txt" || tb_fail "caps exited $?"
grep -q "^I/O path (zpci_vfio_pci): one PCISTB per pwrite.*index << 48" "$TB_CASE_TMP/caps.txt" ||
	tb_fail "caps does not name the PCISTB path: $(cat "$TB_CASE_TMP/caps.txt")"
grep -q "VFIO_DEVICE_FEATURE_ZPCI_IO: maxstbl 128" "$TB_CASE_TMP/caps.txt" || tb_fail "caps lacks the status feature's maxstbl 128"
echo "maxstbl 128 from all five sources"
