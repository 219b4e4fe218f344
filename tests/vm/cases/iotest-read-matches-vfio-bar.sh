# flavour: normal debug
# (not kasan: twenty CLI runs take over 300 s there, and the kernel path they
# drive, PCILG through the region against vfio's BAR read, is what
# kmod-region-fuzz-against-model compares on the kasan kernel too)
# needs: vfio kmod
# iotest's reads through zpci_vfio_pci (PCILG by alignment on its 48-bit
# BAR regions) return the same bytes as through vfio-pci's own BAR region
# after a rebind, at the same offsets, for every length, on virtio-net's
# modern BAR: common config (whole fields only, testbed-notes) and the
# device config holding the MAC address that sysfs also knows. The output
# names the driver and the instruction path each time.
. /testbed/lib.sh
export ZPCIDIAG_RUN_DIR=$TB_CASE_TMP/run
fid=$(tb_fid net0)
d=$(tb_devdir_of_fid "$fid") || tb_fail "net0 not in sysfs"
addr=$(basename "$d")
out=$(tb_load_variant) || tb_fail "$out"
mac=$(cat "$d"/net/*/address 2>/dev/null | head -n1)
trap '"$ZPCIDIAG" unbind "$addr" >/dev/null; rmmod zpci_vfio_pci 2>/dev/null' EXIT
"$ZPCIDIAG" bind "$addr" --force || tb_fail "bind exited $?"

"$ZPCIDIAG" iotest "$addr" || tb_fail "default read-only iotest exited $?"
"$ZPCIDIAG" --json iotest "$addr" > "$TB_CASE_TMP/default.json" || tb_fail "iotest --json exited $?"
jq -e '.path == "pcistb" and .driver == "zpci_vfio_pci" and .offset_shift == 48 and
	.status_feature == true and .mode == "read" and .maxstbl == 128 and .bar == 4' \
	"$TB_CASE_TMP/default.json" >/dev/null ||
	tb_fail "default run: expected the PCISTB path, BAR4 (BAR1 is all MSI-X) and maxstbl 128: $(cat "$TB_CASE_TMP/default.json")"

specs="0x0:4 0x4:4 0x10:2 0x12:2 0x14:1 0x2000:8 0x2000:4 0x2004:2 0x2001:1"
for spec in $specs; do
	"$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset "${spec%:*}" --length "${spec#*:}" \
		> "$TB_CASE_TMP/ours.$spec" || tb_fail "zpci_vfio_pci read $spec exited $?"
done
"$ZPCIDIAG" iotest "$addr" | grep -q "driver zpci_vfio_pci.*one PCISTB per pwrite" ||
	tb_fail "text output does not name the driver and the PCISTB path"
"$ZPCIDIAG" unbind "$addr" >/dev/null || tb_fail "unbind exited $?"
"$ZPCIDIAG" bind "$addr" --driver vfio-pci --force || tb_fail "bind vfio-pci exited $?"
"$ZPCIDIAG" iotest "$addr" | grep -q "driver vfio-pci.*split into 8/4/2/1-byte" ||
	tb_fail "text output does not name vfio-pci's split path"
n=0
for spec in $specs; do
	b=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset "${spec%:*}" --length "${spec#*:}") ||
		tb_fail "vfio-pci read $spec exited $?"
	[ "$(echo "$b" | jq -r .path)" = vfio-pci-bar ] || tb_fail "vfio-pci not reported as vfio-pci-bar"
	[ "$(jq -r .path "$TB_CASE_TMP/ours.$spec")" = pcistb ] || tb_fail "zpci_vfio_pci not reported as pcistb"
	rb=$(jq -r '.reads[0].bytes' "$TB_CASE_TMP/ours.$spec")
	bb=$(echo "$b" | jq -r '.reads[0].bytes')
	echo "BAR4+${spec%:*} len ${spec#*:}: zpci_vfio_pci [$rb] vfio-pci [$bb]"
	[ -n "$rb" ] && [ "$rb" != null ] || tb_fail "no bytes through zpci_vfio_pci at $spec"
	[ "$rb" = "$bb" ] || tb_fail "BAR4 $spec: zpci_vfio_pci [$rb] != vfio-pci [$bb]"
	n=$((n + 1))
done
"$ZPCIDIAG" unbind "$addr" >/dev/null
"$ZPCIDIAG" bind "$addr" --force || tb_fail "bind zpci_vfio_pci again exited $?"
# independent oracles: one virtio-net queue pair = 3 queues with ctrl vq or 2
# without; the MAC bytes are what sysfs shows
nq=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x12 --length 2 | jq -r '.reads[0].value')
case $nq in 0x2|0x3) ;; *) tb_fail "num_queues reads $nq";; esac
if [ -n "$mac" ]; then
	m6=$("$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x2000 --length 8 | jq -r '.reads[0].bytes' |
		cut -d' ' -f1-6 | tr ' ' ':')
	[ "$m6" = "$mac" ] || tb_fail "MAC through PCILG $m6, sysfs said $mac"
fi

# a loop prints rates and percentiles that make sense
"$ZPCIDIAG" --json iotest "$addr" --bar 4 --offset 0x12 --length 2 --count 200 > "$TB_CASE_TMP/loop.json" ||
	tb_fail "loop exited $?"
jq -e '.loop.operations == 200 and .loop.errors == 0 and .loop.latency_ns.samples == 200 and
	.loop.latency_ns.p50 <= .loop.latency_ns.p99 and .loop.latency_ns.p99 <= .loop.latency_ns.max and
	.loop.ops_per_second > 0' "$TB_CASE_TMP/loop.json" >/dev/null || tb_fail "loop stats: $(cat "$TB_CASE_TMP/loop.json")"
"$ZPCIDIAG" iotest "$addr" --bar 4 --offset 0x12 --length 2 --duration 0.5 || tb_fail "--duration exited $?"
echo "$n offsets agree between zpci_vfio_pci and vfio-pci"
