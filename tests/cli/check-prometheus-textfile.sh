#!/bin/sh
# check --format=prometheus read the way node_exporter's textfile collector
# reads it (tests/cli/prom-textfile.py: expfmt's syntax, no timestamps,
# missing labels filled with "", a second sample with the same name and label
# values refused). The situations: a rule firing twice on one function (one
# series with the value 2, not two identical series), standby functions
# without an address, a hostile driver name, and per-function series that
# join with node_exporter's pcidevice collector on segment/bus/device/function.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"
PARSER="$(dirname "$0")/prom-textfile.py"

# textfile FILE: the collector accepts FILE; its samples as JSON lines in $SAMPLES
textfile() {
	CHECKS=$((CHECKS + 1))
	if python3 "$PARSER" "$1" >"$WORK/samples" 2>"$WORK/perr"; then
		SAMPLES=$(cat "$WORK/samples")
	else
		fail "the textfile collector refuses $1: $(cat "$WORK/perr")"
		SAMPLES=
	fi
}

# refused FILE REASON: the parser refuses FILE, saying REASON
refused() {
	CHECKS=$((CHECKS + 1))
	if python3 "$PARSER" "$1" >/dev/null 2>"$WORK/perr"; then
		fail "the parser accepted $1, which the collector refuses ($2)"
	else
		grep -q -- "$2" "$WORK/perr" || fail "parser refused $1 for another reason: $(cat "$WORK/perr")"
	fi
}

# samples PYEXPR: evaluate over the list of samples s (dicts name/labels/value)
samples() {
	printf '%s\n' "$SAMPLES" | python3 -c '
import json, sys
s = [json.loads(l) for l in sys.stdin if l.strip()]
v = eval(sys.argv[1])
print(json.dumps(v, sort_keys=True))' "$1"
}

# seq_is PYEXPR EXPECTED
seq_is() {
	CHECKS=$((CHECKS + 1))
	got=$(samples "$1")
	[ "$got" = "$2" ] || fail "$1: got $got, expected $2"
}

# The parser itself must refuse what the collector refuses, or it proves nothing.
printf '# TYPE x gauge\nx{rule="a",device="0020:00:00.0"} 3\nx{rule="a",device="0020:00:00.0"} 3\n' >"$WORK/dup.prom"
refused "$WORK/dup.prom" 'collected before with the same name and label values'
printf '# TYPE x gauge\nx{a="1"} 1\nx{a="1",b=""} 1\n' >"$WORK/dup-empty.prom"
refused "$WORK/dup-empty.prom" 'collected before with the same name and label values'
printf '# TYPE x gauge\nx 1 1700000000000\n' >"$WORK/ts.prom"
refused "$WORK/ts.prom" 'client-side timestamp'
printf '# TYPE x gauge\n# TYPE x gauge\nx 1\n' >"$WORK/type2.prom"
refused "$WORK/type2.prom" 'second TYPE line'
printf 'x{a="1",a="2"} 1\n' >"$WORK/lbl2.prom"
refused "$WORK/lbl2.prom" 'label a given twice'
printf 'x{a="\\q"} 1\n' >"$WORK/esc.prom"
refused "$WORK/esc.prom" 'bad escape'
printf 'x 1\ny 1\nx 2\n' >"$WORK/split.prom"
refused "$WORK/split.prom" 'split in two'

R=$(copy_root lpar-6-18-network-express prom)
P=$WORK/zpcidiag.prom

# Healthy: one info series per function, labelled as node_exporter labels PCI devices
run 0 --sysfs-root "$R/sys" check --format=prometheus -o "$P"
textfile "$P"
seq_is 'len([x for x in s if x["name"] == "zpcidiag_function_info"])' 7
seq_is 'sorted(set(tuple(sorted(x["labels"])) for x in s if x["name"] == "zpcidiag_function_info"))' \
	'[["bus", "device", "driver", "fid", "function", "pchid", "pft", "segment", "type", "uid"]]'
seq_is '[x["labels"] for x in s if x["name"] == "zpcidiag_function_info" and x["labels"]["fid"] == "0x00000a00"]' \
	'[{"bus": "00", "device": "00", "driver": "mlx5_core", "fid": "0x00000a00", "function": "0", "pchid": "0x0180", "pft": "0x0c", "segment": "0050", "type": "neth", "uid": "0x50"}]'
# standby functions have no address: empty address labels, told apart by fid
seq_is '[(x["labels"]["segment"], x["labels"]["fid"]) for x in s if x["name"] == "zpcidiag_function_info" and not x["labels"]["segment"]]' \
	'[["", "0x00000662"], ["", "0x00000a01"]]'
seq_is '[x["value"] for x in s if x["name"] == "zpcidiag_check_rule_findings" and x["labels"]["fid"] == "0x00000a01"]' '[1.0]'
# "device" is the device number, never an address as before
seq_is '[x["labels"]["device"] for x in s if ":" in x["labels"].get("device", "")]' '[]'

# node_exporter's pcidevice collector on the same sysfs: every addressed
# function joins with it on segment, bus, device, function
CHECKS=$((CHECKS + 1))
printf '%s\n' "$SAMPLES" | python3 -c '
import json, os, sys
root = sys.argv[1]
pcidev = set()
for name in os.listdir(root + "/sys/bus/pci/devices"):
    seg, bus, rest = name.split(":")
    dev, fn = rest.split(".")
    # procfs PciDeviceLocation.Strings(): %04x, %02x, %02x, %x
    pcidev.add(("%04x" % int(seg, 16), "%02x" % int(bus, 16), "%02x" % int(dev, 16), "%x" % int(fn, 16)))
keys = ("segment", "bus", "device", "function")
ours = set()
for l in sys.stdin:
    x = json.loads(l)
    if x["name"] == "zpcidiag_function_info" and x["labels"]["segment"]:
        ours.add(tuple(x["labels"][k] for k in keys))
assert ours == pcidev, "zpcidiag %s, node_exporter %s" % (sorted(ours), sorted(pcidev))
' "$R" || fail "zpcidiag_function_info does not join with node_pcidevice_info"

# A rule firing twice on one function: two malformed attributes of 0020:00:00.0
D=$(devdir "$R" 0020:00:00.0)
printf 'bogus\n' >"$D/pchid"
printf 'bogus\n' >"$D/uid"
run 2 --sysfs-root "$R/sys" --json check
jeq '[f["rule"] for f in d["findings"] if f["device"] == "0020:00:00.0"]' '["attr-malformed", "attr-malformed"]'
run 2 --sysfs-root "$R/sys" check --format=prometheus -o "$P"
textfile "$P"
seq_is '[(x["labels"]["rule"], x["value"]) for x in s if x["name"] == "zpcidiag_check_rule_findings" and x["labels"]["segment"] == "0020"]' \
	'[["attr-malformed", 2.0]]'
seq_is '[x["value"] for x in s if x["name"] == "zpcidiag_check_findings" and x["labels"]["severity"] == "critical"]' '[2.0]'
# what could not be read stays empty rather than guessed
seq_is '[(x["labels"]["uid"], x["labels"]["pchid"]) for x in s if x["name"] == "zpcidiag_function_info" and x["labels"]["segment"] == "0020"]' \
	'[["", ""]]'

# A hostile driver name is escaped, not cut; a system-wide finding (a kernel
# without the port attribute) has its own family without a function key
R2=$(copy_root lpar-6-18-network-express prom-sys)
printf '0\n' >"$R2/sys/bus/pci/slots/00000a00/power"
bind_to "$R2" 0005:00:00.0 'we"ird\drv'
for a in "$R2"/sys/bus/pci/devices/*/port; do rm -f "$(cd "$(dirname "$a")" && pwd -P)/port"; done
run 1 --sysfs-root "$R2/sys" check --format=prometheus -o "$P"
textfile "$P"
seq_is '[x["labels"]["driver"] for x in s if x["name"] == "zpcidiag_function_info" and x["labels"]["segment"] == "0005"]' \
	'["we\"ird\\drv"]'
seq_is '[x["labels"] for x in s if x["name"] == "zpcidiag_check_rule_findings" and x["labels"]["rule"] == "slot-power-off"]' \
	'[{"bus": "00", "device": "00", "fid": "0x00000a00", "function": "0", "rule": "slot-power-off", "segment": "0050", "severity": "warning"}]'
seq_is '[(x["labels"], x["value"]) for x in s if x["name"] == "zpcidiag_check_system_rule_findings"]' \
	'[[{"rule": "kernel-lacks-attrs", "severity": "info"}, 1.0]]'

# Unknown: nothing to read is still a file the collector takes
mkdir -p "$WORK/empty-root"
run 3 --sysfs-root "$WORK/empty-root" check --format=prometheus -o "$P"
textfile "$P"
seq_is '[x["value"] for x in s if x["name"] == "zpcidiag_check_status"]' '[3.0]'
seq_is 'len([x for x in s if x["name"] == "zpcidiag_function_info"])' 0
done_testing
