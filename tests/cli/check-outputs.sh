#!/bin/sh
# check's outputs and exit codes for people, scripts and monitoring: the
# monitoring-plugin line (parsed here by the guidelines' grammar), the
# Prometheus textfile (parsed here, and by promtool when installed), -o
# written atomically, JSON keys, exit 0/1/2/3 in every format (usage errors
# and "could not look" are UNKNOWN), --ignore, check.conf, --list-rules.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

# plugin_line STATUS: $OUT is one line "ZPCIDIAG STATUS - text | perfdata"
plugin_line() {
	CHECKS=$((CHECKS + 1))
	printf '%s\n' "$OUT" | python3 -c '
import re, sys
lines = sys.stdin.read().split("\n")
if lines[-1] == "": lines.pop()
assert len(lines) == 1, "not one line: %r" % lines
head, sep, perf = lines[0].partition(" | ")
assert sep and "|" not in head and "|" not in perf, "one | separates text and perfdata"
m = re.fullmatch(r"ZPCIDIAG (OK|WARNING|CRITICAL|UNKNOWN) - (.+)", head)
assert m, "status text: %r" % head
assert m.group(1) == sys.argv[1], "status %s, expected %s" % (m.group(1), sys.argv[1])
labels = {}
for item in perf.split(" "):
    pm = re.fullmatch(r"([^=\x27 ]+|\x27[^\x27]+\x27)=(-?[0-9.]+)([a-zA-Z%]*)((;-?[0-9.]*){0,4})", item)
    assert pm, "perfdata item %r" % item
    labels[pm.group(1)] = float(pm.group(2))
for k in ("critical", "warning", "info", "functions"):
    assert k in labels, "perfdata lacks %s" % k
print(" ".join("%s=%d" % kv for kv in sorted(labels.items())))' "$1" >"$WORK/perf" ||
		fail "plugin line: $OUT"
	PERF=$(cat "$WORK/perf")
}

# prom_file FILE: text exposition format, every sample after its HELP and TYPE
prom_file() {
	CHECKS=$((CHECKS + 1))
	python3 - "$1" <<'PY' || fail "prometheus file $1: $(head -c 1500 "$1")"
import re, sys
help_, type_ = set(), {}
name_re = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
label = r'[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*"'
sample = re.compile(r"(%s)(\{%s(,%s)*\})? (-?[0-9.eE+]+|NaN|[+-]Inf)$" % (name_re, label, label))
for n, line in enumerate(open(sys.argv[1]).read().split("\n")[:-1], 1):
    if line.startswith("# HELP "):
        help_.add(line.split()[2])
    elif line.startswith("# TYPE "):
        _, _, name, kind = line.split()
        assert kind in ("gauge", "counter", "untyped"), line
        assert name not in type_, "TYPE twice for " + name
        type_[name] = kind
    else:
        m = sample.match(line)
        assert m, "line %d: %r" % (n, line)
        assert m.group(1) in help_ and m.group(1) in type_, "no HELP/TYPE before line %d" % n
PY
}

R=$(copy_root lpar-6-18-network-express outputs)
# OK
run 0 --sysfs-root "$R/sys" check --format=plugin && plugin_line OK
contains "$PERF" 'critical=0 .*functions=7 .*info=4 .*warning=0'
# WARNING: a slot powered off under a configured function
printf '0\n' >"$R/sys/bus/pci/slots/00000a00/power"
run 1 --sysfs-root "$R/sys" check --format=plugin && plugin_line WARNING
contains "$OUT" 'worst: slot-power-off on 0050:00:00.0'
# CRITICAL as well: a disabled function; the worst one is named first
printf '0x00000700\n' >"$(devdir "$R" 0020:00:00.0)/function_handle"
run 2 --sysfs-root "$R/sys" check --format=plugin && plugin_line CRITICAL
contains "$PERF" 'critical=1 .*warning=1'
contains "$OUT" 'worst: fn-not-enabled on 0020:00:00.0'
run 2 --sysfs-root "$R/sys" --json check
jeq '[f["severity"] for f in d["findings"]][:3]' '["critical", "warning", "info"]'
jeq 'sorted(d.keys())' '["command", "counts", "exit_code", "findings", "functions_checked", "kernel_release", "schema_version", "status", "uid_checking", "uid_checking_source", "unknown_reason"]'
jeq 'sorted(d["findings"][0].keys())' '["device", "explanation", "fid", "finding", "fix", "rule", "severity"]'
jeq 'd["findings"][0]["fid"]' 0x00000700
jeq 'd["counts"]' '{"info": 4, "warning": 1, "critical": 1, "ignored": 0}'
jeq 'd["exit_code"]' 2

# Prometheus, written atomically with -o; the old file stays until the new one is complete
P=$WORK/prom/zpcidiag.prom
mkdir -p "$WORK/prom" && printf 'old\n' >"$P"
run 2 --sysfs-root "$R/sys" check --format=prometheus -o "$P"
[ -z "$OUT" ] || fail "-o FILE still printed to stdout"
prom_file "$P"
contains "$(cat "$P")" '^zpcidiag_check_status 2$'
contains "$(cat "$P")" '^zpcidiag_check_findings\{severity="critical"\} 1$'
contains "$(cat "$P")" '^zpcidiag_check_rule_findings\{segment="0020",bus="00",device="00",function="0",fid="0x00000700",rule="fn-not-enabled",severity="critical"\} 1$'
[ "$(ls "$WORK/prom")" = zpcidiag.prom ] || fail "temporary files left: $(ls "$WORK/prom")"
[ "$(stat -c %a "$P")" = 644 ] || fail "$P mode $(stat -c %a "$P"), a collector running as another user needs 644"
if command -v promtool >/dev/null 2>&1; then
	CHECKS=$((CHECKS + 1))
	promtool check metrics <"$P" >"$WORK/promtool" 2>&1 || fail "promtool: $(cat "$WORK/promtool")"
else
	echo "promtool not installed: checked by the parser above only"
fi
run 3 --sysfs-root "$R/sys" check --format=prometheus -o "$WORK/no/such/dir/x.prom"
contains "$ERR" 'x.prom: cannot create a temporary file'

# UNKNOWN whatever the format: bad options, bad DEVICE, nothing to read
for fmt in table json plugin prometheus; do
	run 3 --sysfs-root "$R/sys" check --format=$fmt --no-such-option
	run 3 --sysfs-root "$R/sys" check --format=$fmt 0099:00:00.0
	run 3 --sysfs-root "$WORK/nowhere" check --format=$fmt
done
# a root without bus/pci: check runs, cannot look, and says so in its format
mkdir -p "$WORK/empty-root"
run 3 --sysfs-root "$WORK/empty-root" check --format=plugin && plugin_line UNKNOWN
run 3 --sysfs-root "$WORK/empty-root" check --format=prometheus
contains "$OUT" '^zpcidiag_check_status 3$'
run 3 --sysfs-root "$WORK/empty-root" --json check
jeq 'd["status"]' unknown
run 3 --sysfs-root "$R/sys" check --format=xml
contains "$ERR" "'xml' is not table, json, plugin or prometheus"
run 3 --sysfs-root "$R/sys" check --type=nosuchtype

# --ignore silences rules everywhere, and counts what it silenced
run 1 --sysfs-root "$R/sys" --json check --ignore fn-not-enabled,fn-standby
silent fn-not-enabled
silent fn-standby
jeq 'd["counts"]["ignored"]' 3
run 0 --sysfs-root "$R/sys" --json check --ignore fn-not-enabled --ignore slot-power-off
run 3 --sysfs-root "$R/sys" check --ignore fn-not-enabled,no-such-rule
contains "$ERR" "no rule 'no-such-rule'"

# check.conf beside the sysfs root (DIR/etc/zpcidiag/check.conf), per device
mkdir -p "$R/etc/zpcidiag"
printf '# silence the known NVMe\nignore fn-not-enabled 0020:00:00.0\nignore fn-standby fid:0xa01\n' \
	>"$R/etc/zpcidiag/check.conf"
run 1 --sysfs-root "$R/sys" --json check
silent fn-not-enabled
silent fn-standby fid:0x00000a01
fires fn-standby fid:0x00000662
printf 'ignore fn-not-enabled 0050:00:00.0\n' >"$R/etc/zpcidiag/check.conf"
run 2 --sysfs-root "$R/sys" --json check
fires fn-not-enabled 0020:00:00.0
# --config FILE instead; a missing or wrong one is UNKNOWN, naming file and line
printf 'ignore fn-not-enabled\n' >"$WORK/my.conf"
run 1 --sysfs-root "$R/sys" --json check --config "$WORK/my.conf"
silent fn-not-enabled
run 3 --sysfs-root "$R/sys" check --config "$WORK/missing.conf"
contains "$ERR" 'missing.conf: No such file'
printf '\nsilence fn-standby\n' >"$WORK/bad.conf"
run 3 --sysfs-root "$R/sys" check --config "$WORK/bad.conf"
contains "$ERR" "bad.conf:2: expected 'ignore RULE"
printf 'ignore fn-standby bogus:device\n' >"$WORK/bad.conf"
run 3 --sysfs-root "$R/sys" check --config "$WORK/bad.conf"
contains "$ERR" 'bad.conf:1: bogus:device'

# --list-rules: every rule once, as a table and as JSON
run 0 check --list-rules
contains "$(row fn-not-enabled)" '^fn-not-enabled +critical +function +'
contains "$(row kernel-lacks-attrs)" ' info +system '
run 0 --json check --list-rules
jeq 'len(d["rules"]) == len(set(r["id"] for r in d["rules"]))' true
jeq 'sorted(set(r["severity"] for r in d["rules"]))' '["critical", "info", "warning"]'
jeq 'sorted(d["rules"][0].keys())' '["explanation", "fix", "id", "scope", "severity", "title"]'

# the table: worst first, why and fix for what is above info
run 2 --sysfs-root "$R/sys" check
contains "$(printf '%s\n' "$OUT" | sed -n 1p)" '^SEVERITY +RULE +DEVICE +FINDING$'
contains "$(printf '%s\n' "$OUT" | sed -n 2p)" '^critical +fn-not-enabled'
contains "$OUT" '^slot-power-off: The hotplug slot says off'
lacks "$OUT" '^fn-standby: '
contains "$OUT" '^zpcidiag check: CRITICAL: 1 critical, 1 warning, 4 info \(7 functions checked, 0 findings ignored\)$'
run 2 --sysfs-root "$R/sys" -v check
contains "$OUT" '^fn-standby: The function is assigned'
done_testing
