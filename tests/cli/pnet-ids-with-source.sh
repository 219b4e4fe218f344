#!/bin/sh
# PNET IDs with where each came from: the utility string (hardware-defined,
# one per port) and the SMC PNET table (smc_pnet; here the fake root's
# ../smc/pnet-table in the words the SMC_PNETID netlink dump carries). An
# entry whose ID differs from the util string's for the same function is
# shown with that ID; a table that cannot be read is said once, never an error.
. "$(dirname "$0")/lib.sh"
T=$WORK/root
python3 "$MKFIXTURE" --root detached-roce-vf "$T" || fail "cannot build the fixture"
R=$T/sys

# no table: util string only, "not readable" once for two functions, exit 0
run 0 --sysfs-root "$R" show 0010:00:00.0 0011:00:00.0
contains "$OUT" '^  pnet +NETA +util_string, port 0'
contains "$OUT" '^  pnet +NETB +util_string, port 1'
lacks "$OUT" 'smc_pnet table:'
[ "$(printf '%s\n' "$OUT" | grep -c '^SMC PNET table: unavailable: .*smc/pnet-table: No such file')" = 1 ] ||
	fail "the unreadable table is not said exactly once: $OUT"
lacks "$ERR" 'pnet'
run 0 --sysfs-root "$R" --json show 0010:00:00.0
jeq 'd["smc_pnet"]["state"]' unavailable
jeq '[(p["id"], p["source"], p["port"]) for p in d["functions"][0]["pnet_ids"]]' \
	'[["NETA", "util_string", 0], ["NETB", "util_string", 1]]'
schema_valid

# a table: mlx5_0 port 1 agrees with port 0's NETA, port 2 says NETC where
# the util string says NETB, ens256 says NETX; mlx5_9 is no function's
mkdir -p "$T/smc"
cat >"$T/smc/pnet-table" <<'TAB'
# PNETID ETHNAME IBNAME IBPORT
NETA n/a mlx5_0 1
NETC n/a mlx5_0 2
NETX ens256 n/a 255
NETQ n/a mlx5_9 1
TAB
run 0 --sysfs-root "$R" show ens256
contains "$OUT" '^  pnet +NETA +smc_pnet table: mlx5_0 port 1$'
contains "$OUT" "^  pnet +NETC +smc_pnet table: mlx5_0 port 2; overrides nothing: the kernel uses the util string's NETB$"
contains "$OUT" "^  pnet +NETX +smc_pnet table: ens256; overrides nothing: the kernel uses the util string's NETA$"
lacks "$OUT" 'NETQ'
lacks "$OUT" '^SMC PNET table'
run 0 --sysfs-root "$R" --json show ens256
jeq 'd["smc_pnet"]' '{"state": "ok", "reason": "4 entries", "entries": 4}'
jeq '[(p["id"], p["source"], p["port"], p["device"], p["differs_from"]) for p in d["functions"][0]["pnet_ids"] if p["source"] == "smc_pnet"]' \
	'[["NETA", "smc_pnet", 1, "mlx5_0", null], ["NETC", "smc_pnet", 2, "mlx5_0", "NETB"], ["NETX", "smc_pnet", null, "ens256", "NETA"]]'
schema_valid
run 0 --sysfs-root "$R" --json list 0011:00:00.0
jeq '[p["source"] for p in d["functions"][0]["pnet_ids"]]' '["util_string", "util_string"]'
run 0 --sysfs-root "$R" list --tree
contains "$OUT" 'ens256 ib:mlx5_0 pnet:NETA\(util_string\) pnet:NETB\(util_string\) pnet:NETA\(smc_pnet\) pnet:NETC\(smc_pnet, differs\) pnet:NETX\(smc_pnet, differs\)$'

# a report keeps the table (member smc/pnet-table) and reads it back
run 0 --sysfs-root "$R" report --quiet -o "$WORK/with.tar.xz"
run 0 --sysfs-root "$R" show ens256
WANT=$OUT
run 0 --report "$WORK/with.tar.xz" show ens256
CHECKS=$((CHECKS + 1))
[ "$OUT" = "$WANT" ] || fail "report shows other PNET lines: $(printf '%s\n' "$OUT" | grep pnet)"
# a malformed line: an error of the source, named by line, the command still answers
printf 'NETA n/a mlx5_0\n' >"$T/smc/pnet-table"
run 0 --sysfs-root "$R" show ens256
contains "$OUT" '^SMC PNET table: error: line 1 is not "PNETID ETHNAME IBNAME IBPORT"$'
# a report of a machine without the table says why, as the machine said it
rm "$T/smc/pnet-table"
run 0 --sysfs-root "$R" report --quiet -o "$WORK/without.tar.xz"
run 0 --report "$WORK/without.tar.xz" show ens256
contains "$OUT" '^SMC PNET table: unavailable: .*smc/pnet-table: No such file'
done_testing
