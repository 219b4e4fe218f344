# The SMC PNET table read live over generic netlink (family SMC_PNETID,
# net/smc/smc_pnet.c): without the smc module show says once that the table
# is not readable and still exits 0; with it (Debian's kernels: CONFIG_SMC=m)
# the SMC_PNETID_GET dump answers: an empty table, read as "ok, 0 entries"
# (when the guest image carries smc.ko; it does not yet, see below).
# No guest tool adds entries (smc_pnet(8) is not in the guest): entries are
# host-tested with tests/cli/pnet-ids-with-source.sh.
# flavour: stock
. /testbed/lib.sh
d=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
grep -q '^smc ' /proc/modules && { rmmod smc || tb_fail "cannot unload smc"; }
"$ZPCIDIAG" show "$addr" > "$TB_CASE_TMP/show" || tb_fail "show exited $? without smc"
grep '^SMC PNET table' "$TB_CASE_TMP/show"
[ "$(grep -c '^SMC PNET table: unavailable: no netlink family SMC_PNETID (smc module not loaded)$' "$TB_CASE_TMP/show")" = 1 ] ||
	tb_fail "show does not say once that the table is not readable"
# the guest image copies a subset of the kernel's modules; smc.ko is not in it
# yet (then the absent-family half above is what this case proves)
modprobe smc || tb_skip "no smc.ko in the guest image: the loaded-family dump is not checked"
"$ZPCIDIAG" --json show "$addr" > "$TB_CASE_TMP/show.json" || tb_fail "show exited $? with smc"
got=$(jq -r '.smc_pnet | "\(.state) \(.entries)"' "$TB_CASE_TMP/show.json")
echo "smc_pnet: $got"
[ "$got" = "ok 0" ] || tb_fail "the live dump did not answer: $(jq -c .smc_pnet "$TB_CASE_TMP/show.json")"
"$ZPCIDIAG" show "$addr" | grep '^SMC PNET table' && tb_fail "show says the readable table is not"
rmmod smc 2>/dev/null || true
echo "$addr: SMC_PNETID absent -> said once; smc loaded -> dump ok, 0 entries"
