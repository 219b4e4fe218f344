#!/bin/bash
# SPDX-License-Identifier: MIT
# zpcidiag clp list/show against saved CLP blocks (--from-raw): synthetic
# situations from tests/clp-mkfixture and the blocks captured in the emulated
# machine (tests/fixtures/clp-*).
. "$(dirname "$0")/lib.sh"
: "${CLP_MKFIXTURE:?}"
SRCDIR=${srcdir:-.}
T=$WORK
mkdir -p "$T/sys/bus/pci/devices" "$T/sys/bus/pci/slots"

# crun NAME EXPECTED_RC ARGS...: zpcidiag on an empty fake tree; NAME labels failures
crun() {
	local name=$1 want=$2
	shift 2
	run "$want" --sysfs-root "$T/sys" "$@" || echo "  (in $name)" >&2
}
# has NAME PATTERN / has_err NAME PATTERN: basic regular expressions (grep -G)
bre() {
	CHECKS=$((CHECKS + 1))
	printf '%s\n' "$2" | grep -q -- "$3" || fail "$1 lacks '$3': $(printf '%s' "$2" | head -c 1500)"
}
has() { bre "$1: stdout" "$OUT" "$2"; }
has_err() { bre "$1: stderr" "$ERR" "$2"; }

for s in ism-256t-bar roce-vf-vfn-set mio-addresses pnet-id list-continued-standby \
	 truncated-query error-response; do
	"$CLP_MKFIXTURE" "$s" "$T/$s" || fail "mkfixture $s"
done

crun ism-list 0 clp list --from-raw "$T/ism-256t-bar"
has ism-list '0x00001001 *0x80100100 *configured *1014:04ed'
crun ism-show 0 clp show --from-raw "$T/ism-256t-bar" 0x1001
has ism-show 'bar0 *256T *size 2^48'
has ism-show 'function type: ISM'
has ism-show 'effective *4096'

crun vf-show 0 clp show --from-raw "$T/roce-vf-vfn-set" 0x203
has vf-show 'vfn *3 *virtual function number: this is a VF'
has vf-show 'rid *0x0013 (devfn 02.3)'
has vf-show 'port *1 '
has vf-show 'fmb_length *104 bytes'

crun mio-show 0 clp show --from-raw "$T/mio-addresses" 0x300
has mio-show 'mio_addr_avail *1'
has mio-show 'mio bar0 *wb 0x0004000000000000 wt 0x0004800000000000'

crun pnet-show 0 clp show --from-raw "$T/pnet-id" 0x401
# the utility string as show prints it (one presenter, print_util.c)
has pnet-show 'util_str\[0\] *NET1 *PNET ID'
has pnet-show 'util_str\[1\] *NET2 *PNET ID'
has pnet-show 'util_str *NET1 .*as text (EBCDIC decoded)'

crun standby-list 0 clp list --from-raw "$T/list-continued-standby"
has standby-list '0x00000011 *0x00020002 *standby'
has standby-list '2 function(s); UID checking on; 2 list block(s)'

crun truncated 4 clp show --from-raw "$T/truncated-query" 0x10
has_err truncated 'fid 0x00000010: query-fn-00000010.bin: block is truncated: the response needs 416 bytes, only 200 present'
crun error-rsp 4 clp list --from-raw "$T/error-response"
has_err error-rsp 'response code 0x0101 (invalid function handle)'

# the saved list says it continues, but the next block is missing
rm "$T/list-continued-standby/list-001.bin"
crun list-incomplete 4 clp list --from-raw "$T/list-continued-standby"
has_err list-incomplete 'list-001.bin.*saved list is incomplete'
crun no-dir 4 clp list --from-raw "$T/does-not-exist"
crun raw-and-from-raw 2 clp list --raw "$T/x" --from-raw "$T/ism-256t-bar"
crun no-subcommand 2 clp
has_err no-subcommand 'name a subcommand.*list, show'
crun unknown-subcommand 2 clp frobnicate
has_err unknown-subcommand "unknown subcommand 'frobnicate'"
crun show-needs-device 2 clp show --from-raw "$T/ism-256t-bar"
has_err show-needs-device 'zpcidiag clp show DEVICE\.\.\.'
# each subcommand has its own help from the command table; the section lists them
crun section-help 0 clp --help
has section-help '^  clp list  *\[DEVICE\.\.\.\]'
has section-help '^  clp show  *DEVICE\.\.\. '
crun list-help 0 clp list --help
has list-help 'zpcidiag clp list \[OPTIONS\] \[DEVICE\.\.\.\]'
has list-help '--from-raw'
crun show-help 0 clp show --help
has show-help 'zpcidiag clp show \[OPTIONS\] DEVICE\.\.\.$'
crun unknown-fid 3 clp show --from-raw "$T/ism-256t-bar" 0x99

# a fake sysfs tree is never a live machine: no /dev/clp use
crun fake-tree-live 6 clp list


# an entry size the kernel does not decode (it steps by its own 16-byte
# struct clp_fh_list_entry) is malformed: 4, with and without --json
cp -r "$T/ism-256t-bar" "$T/esize"
printf '\377' | dd of="$T/esize/list-000.bin" bs=1 seek=63 conv=notrunc 2>/dev/null
crun esize-text 4 clp list --from-raw "$T/esize"
has_err esize-text 'entry size 255'
crun esize-json 4 --json clp list --from-raw "$T/esize"
# the exit code never depends on --json; a failing --json run prints an error document
crun truncated-list-text 4 clp list --from-raw "$T/truncated-query"
crun truncated-list-json 4 --json clp list --from-raw "$T/truncated-query"
crun error-rsp-json 4 --json clp list --from-raw "$T/error-response"
crun no-dir-json 4 --json clp list --from-raw "$T/does-not-exist"
python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); assert d["error"]["exit_code"] == 4, d' \
	"$WORK/out" || fail "no-dir-json: no JSON error document"
# a block that is a directory is named as one, not read as 0 bytes
mkdir -p "$T/dirblock/list-000.bin"
crun dir-block 4 clp list --from-raw "$T/dirblock"
has_err dir-block 'list-000.bin: Is a directory'
# the text list carries the same warnings as JSON (sysfs and CLP disagree)
S2=$T/sys2/devices/pci0001:00/0001:00:00.0
mkdir -p "$S2" "$T/sys2/bus/pci/devices"
ln -s ../../../devices/pci0001:00/0001:00:00.0 "$T/sys2/bus/pci/devices/0001:00:00.0"
printf '0x00001001\n' >"$S2/function_id"
printf '0x99\n' >"$S2/uid"
run 0 --sysfs-root "$T/sys2" clp list --from-raw "$T/ism-256t-bar"
has sysfs-differ-text 'clp-sysfs-differ'
# without sysfs the header says what CLP says, not "(reserved)"
crun ism-show-header 0 clp show --from-raw "$T/ism-256t-bar" 0x1001
has ism-show-header 'fid 0x00001001  (configured'
printf '%s' "$OUT" | grep -q '(reserved)' && fail "ism-show-header: configured function headed (reserved)"
# 64-bit addresses and masks are hex strings in JSON
crun ism-json-hex 0 --json clp show --from-raw "$T/ism-256t-bar" 0x1001
schema_valid "clp show"
crun ism-list-json 0 --json clp list --from-raw "$T/ism-256t-bar"
schema_valid "clp list"
crun ism-show-json 0 --json clp show --from-raw "$T/ism-256t-bar" 0x1001
printf '%s' "$OUT" >"$T/ism.json"
python3 - "$T/ism.json" <<'PY' || fail "ism-json-hex: addresses not hex strings"
import json, sys
d = json.load(open(sys.argv[1]))
q = d["functions"][0]["clp"]["query_function"]
g = d["functions"][0]["clp"]["query_group"]
for v in (q["sdma"], q["edma"], g["dasm"], g["msia"], d["functions"][0]["clp"]["list"]["fh"]):
    assert isinstance(v, str) and v.startswith("0x"), (v, q, g)
PY

# JSON: complete document, values decoded from the blocks
crun ism-json 0 --json clp show --from-raw "$T/ism-256t-bar" 0x1001
python3 - "$WORK/out" <<'PY' || fail "ism-json: content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema_version"] == 2 and d["command"] == "clp show"
f = d["functions"][0]
q = f["clp"]["query_function"]
assert q["bars"][0]["size"] == 2**48 and q["bars"][0]["size_log2"] == 48, q["bars"][0]
assert q["pft"] == 5 and q["pchid"] == 0x7c0
assert f["clp"]["query_group"]["maxstbl"] == 4096
m = f["maxstbl"]
assert m["sources"]["clp_group"] == 4096 and m["effective"] == 4096, m
assert m["sources"]["kernel"] is None and "kernel" in m["unavailable"]
PY

# blocks captured in the emulated machine (clp --raw in the guest)
for d in "$SRCDIR"/tests/fixtures/clp-*/; do
	[ -f "$d/list-000.bin" ] || continue
	[ -f "$d/expect-list.txt" ] || continue
	crun "capture $(basename "$d")" 0 clp list --from-raw "$d"
	while IFS= read -r pat; do
		has "capture $(basename "$d")" "$pat"
	done <"$d/expect-list.txt"
done

# the captured blocks carry both QEMU 7.2 quirks: noted, not fatal
d="$SRCDIR/tests/fixtures/clp-qemu72-six-virtio"
crun qemu-rng-show 0 clp show --from-raw "$d" 0x12
crun qemu-rng-json 0 --json clp show --from-raw "$d" 0x12
schema_valid "captured blocks: clp show"
crun qemu-rng-show 0 clp show --from-raw "$d" 0x12
has qemu-rng-show 'bar4 *16K *size 2^14 = 16K; BAR word 0x0c000000 (big-endian 0x0000000c)'
has qemu-rng-show 'note: clp: response length 4064 is the whole area offered'
has qemu-rng-show 'note: clp: 1 BAR word(s) carry their type bits only when read big-endian'
has qemu-rng-show 'maxstbl *128'
has qemu-rng-show 'edma *0x01ffffffffffffff'

done_testing
