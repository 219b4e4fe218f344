# The SMC PNET table read live over generic netlink (family SMC_PNETID,
# net/smc/smc_pnet.c): without the smc module show says once that the table
# is not readable and still exits 0; with it (Debian's kernels: CONFIG_SMC=m,
# carried by the stock guest image with ib_core and pnet) the SMC_PNETID_GET
# dump answers. Entries are made with the guest helper smc-pnet-set
# (tests/vm/progs, SMC_PNETID_ADD/DEL/FLUSH): empty -> "ok 0"; an entry for
# the netdev of a zPCI function (the e1000e NIC: its netdev sits on the PCI
# function itself, where zpcidiag looks) -> that function's pnet_ids carry it
# with source smc_pnet in show --json, show and list --tree, the table counts
# 1; an entry for an interface that does not exist is accepted by the kernel,
# counted and attributed to no function; flush -> "ok 0" again.
# flavour: stock
. /testbed/lib.sh
PS=/usr/libexec/zpcidiag-tests/smc-pnet-set
d=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
grep -q '^smc ' /proc/modules && { rmmod smc || tb_fail "cannot unload smc"; }
"$ZPCIDIAG" show "$addr" > "$TB_CASE_TMP/show" || tb_fail "show exited $? without smc"
grep '^SMC PNET table' "$TB_CASE_TMP/show"
[ "$(grep -c '^SMC PNET table: unavailable: no netlink family SMC_PNETID (smc module not loaded)$' "$TB_CASE_TMP/show")" = 1 ] ||
	tb_fail "show does not say once that the table is not readable"

modprobe smc || tb_fail "modprobe smc failed: the stock guest image must carry smc.ko and its dependencies"
trap '"$PS" flush 2>/dev/null; rmmod smc 2>/dev/null' EXIT
"$PS" flush || tb_fail "smc-pnet-set flush exited $?"

# "ID SOURCE DEVICE PORT DIFFERS" per PNET ID of each function, and the table's state
pnet_rows() { # file.json
	jq -r '"table \(.smc_pnet.state) \(.smc_pnet.entries)",
		(.functions[] | .address as $a | .pnet_ids[] |
		 "\($a) \(.id) \(.source) \(.device) \(.port) \(.differs_from)")' "$1"
}

"$ZPCIDIAG" --json show "$addr" > "$TB_CASE_TMP/empty.json" || tb_fail "show exited $? with smc"
pnet_rows "$TB_CASE_TMP/empty.json" > "$TB_CASE_TMP/empty.rows" || tb_fail "jq cannot read show's JSON"
cat "$TB_CASE_TMP/empty.rows"
[ "$(cat "$TB_CASE_TMP/empty.rows")" = "table ok 0" ] ||
	tb_fail "the live dump of the empty table is not \"ok 0\" with no entries: $(jq -c .smc_pnet "$TB_CASE_TMP/empty.json")"
"$ZPCIDIAG" show "$addr" | grep '^SMC PNET table' && tb_fail "show says the readable table is not"

# QEMU 7.2 has no e1000e; virtio-net's netdev sits under virtio0, not on the function
nic=$(tb_first_other_nic) ||
	tb_skip "no zPCI NIC with its own netdev under $ZPCI_TESTBED_EMULATOR (the empty table was read; no entry checked)"
nic_addr=$(basename "$nic")
ifname=$(ls "$nic/net" 2>/dev/null | head -1)
[ -n "$ifname" ] || tb_fail "$nic_addr has no netdev (driver: $(basename "$(readlink "$nic/driver")"))"
echo "zPCI NIC $nic_addr, netdev $ifname"

"$PS" add zpcinet1 eth "$ifname" || tb_fail "smc-pnet-set add for $ifname exited $?"
# the same interface twice: the kernel refuses it (EEXIST), the helper says so
"$PS" add ZPCINET2 eth "$ifname" 2> "$TB_CASE_TMP/dup.err"
rc=$?
cat "$TB_CASE_TMP/dup.err"
[ "$rc" = 3 ] || tb_fail "a second entry for $ifname: smc-pnet-set exited $rc, not 3 (refused)"
"$ZPCIDIAG" --json show "$nic_addr" "$addr" > "$TB_CASE_TMP/one.json" || tb_fail "show exited $? with one entry"
pnet_rows "$TB_CASE_TMP/one.json" > "$TB_CASE_TMP/one.rows" || tb_fail "jq cannot read show's JSON"
cat "$TB_CASE_TMP/one.rows"
# the kernel upper-cases the ID; an interface entry has no port and the util
# string (QEMU has none) nothing to differ from
printf 'table ok 1\n%s ZPCINET1 smc_pnet %s null null\n' "$nic_addr" "$ifname" > "$TB_CASE_TMP/one.want"
cmp -s "$TB_CASE_TMP/one.rows" "$TB_CASE_TMP/one.want" ||
	tb_fail "show --json does not attribute the entry to $nic_addr alone: $(tr '\n' '|' < "$TB_CASE_TMP/one.rows")"
"$ZPCIDIAG" show "$nic_addr" > "$TB_CASE_TMP/one.txt" || tb_fail "show exited $?"
grep pnet "$TB_CASE_TMP/one.txt"
grep -Eq "^  pnet +ZPCINET1 +smc_pnet table: $ifname\$" "$TB_CASE_TMP/one.txt" ||
	tb_fail "show has no pnet line for the entry"
grep -q '^SMC PNET table' "$TB_CASE_TMP/one.txt" && tb_fail "show says the readable table is not"
"$ZPCIDIAG" list --tree > "$TB_CASE_TMP/tree" || tb_fail "list --tree exited $?"
# the function's line, then its driver line with the names and PNET IDs
line=$(awk -v a=" $nic_addr " 'found { print; exit } index($0, a) { found = 1 }' "$TB_CASE_TMP/tree")
echo "tree: $line"
echo "$line" | grep -Eq "driver [^;]*; $ifname pnet:ZPCINET1\(smc_pnet\)\$" ||
	tb_fail "list --tree does not show the entry on $nic_addr"
[ "$(grep -c 'pnet:' "$TB_CASE_TMP/tree")" = 1 ] || tb_fail "list --tree shows the entry on more than one function"

# an interface that does not exist: accepted, counted, nobody's
"$PS" add GHOST9 eth nosuch9 || tb_fail "the kernel refused an entry for an absent interface ($?)"
"$ZPCIDIAG" --json show "$nic_addr" > "$TB_CASE_TMP/two.json" || tb_fail "show exited $? with two entries"
got=$(pnet_rows "$TB_CASE_TMP/two.json" | tr '\n' '|')
echo "two entries: $got"
[ "$got" = "table ok 2|$nic_addr ZPCINET1 smc_pnet $ifname null null|" ] ||
	tb_fail "the absent interface's entry is not counted alone: $got"

"$PS" del GHOST9 || tb_fail "smc-pnet-set del exited $?"
"$ZPCIDIAG" --json show "$nic_addr" > "$TB_CASE_TMP/del.json" || tb_fail "show exited $? after del"
got=$(pnet_rows "$TB_CASE_TMP/del.json" | tr '\n' '|')
[ "$got" = "table ok 1|$nic_addr ZPCINET1 smc_pnet $ifname null null|" ] || tb_fail "after del GHOST9: $got"
"$PS" flush || tb_fail "smc-pnet-set flush exited $?"
"$ZPCIDIAG" --json show "$nic_addr" > "$TB_CASE_TMP/flushed.json" || tb_fail "show exited $? after flush"
got=$(pnet_rows "$TB_CASE_TMP/flushed.json" | tr '\n' '|')
[ "$got" = "table ok 0|" ] || tb_fail "after flush: $got"
echo "$addr: SMC_PNETID absent -> said once; smc loaded -> 0 entries, $ifname of $nic_addr -> ZPCINET1 on that function (1 entry), + absent nosuch9 -> 2 entries, del -> 1, flush -> 0"
