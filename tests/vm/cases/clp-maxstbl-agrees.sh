# maxstbl from every source the guest has agrees (128 in the emulator): the
# CLP group, vfio's maxstbl (intercept limit) and imaxstbl (hardware), and
# the kernel's own value when the diagnostics module is there; the effective
# value is 128 and no disagreement is flagged. `show` carries the same
# comparison.
# needs: vfio
# flavour: normal debug
. /testbed/lib.sh
fid=$(( $(tb_fid rng0) ))
d=$(tb_devdir_of_fid "$fid") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
kernel=unavailable
for m in "$ZPCI_KMOD_DIR"/zpcidiag_diag.ko; do
	[ -f "$m" ] && insmod "$m" 2>/dev/null && kernel=loaded
done
node=$(tb_bind_vfio "$d") || tb_fail "binding $addr: $node"
"$ZPCIDIAG" clp show --json "$addr" > "$TB_CASE_TMP/clp.json" 2> "$TB_CASE_TMP/err"
rc=$?
"$ZPCIDIAG" clp show "$addr" > "$TB_CASE_TMP/clp.txt" 2>&1
"$ZPCIDIAG" show --json "$addr" > "$TB_CASE_TMP/show.json" 2>> "$TB_CASE_TMP/err"
rc2=$?
tb_unbind_vfio "$d"
[ "$kernel" = loaded ] && rmmod zpcidiag_diag 2>/dev/null
[ $rc = 0 ] || tb_fail "clp show exited $rc: $(cat "$TB_CASE_TMP/err")"
[ $rc2 = 0 ] || tb_fail "show exited $rc2: $(cat "$TB_CASE_TMP/err")"
sed -n '/^maxstbl by source:/,$p' "$TB_CASE_TMP/clp.txt"
m='.functions[0].maxstbl'
for src in clp_group vfio_maxstbl vfio_imaxstbl; do
	v=$(jq -r "$m.sources.$src" "$TB_CASE_TMP/clp.json")
	[ "$v" = 128 ] || tb_fail "maxstbl from $src is $v, the emulator's is 128"
done
if [ "$kernel" = loaded ]; then
	v=$(jq -r "$m.sources.kernel" "$TB_CASE_TMP/clp.json")
	[ "$v" = 128 ] || tb_fail "maxstbl from the kernel module is $v, expected 128"
else
	jq -e "$m.sources.kernel == null and ($m.unavailable.kernel | length > 0)" "$TB_CASE_TMP/clp.json" >/dev/null ||
		tb_fail "kernel column neither 128 nor explained as unavailable"
fi
jq -e "$m.effective == 128 and $m.hardware == 128" "$TB_CASE_TMP/clp.json" >/dev/null ||
	tb_fail "effective/hardware maxstbl not 128: $(jq -c "$m" "$TB_CASE_TMP/clp.json")"
bad=$(jq -r "[$m.findings[] | select(.severity != \"info\")] | length" "$TB_CASE_TMP/clp.json")
[ "$bad" = 0 ] || tb_fail "disagreement flagged where all agree: $(jq -c "$m.findings" "$TB_CASE_TMP/clp.json")"
jq -e ".functions[0].maxstbl.effective == 128" "$TB_CASE_TMP/show.json" >/dev/null ||
	tb_fail "show --json lacks maxstbl.effective 128"
echo "maxstbl 128 from clp, vfio maxstbl/imaxstbl, kernel: $kernel"
