#!/bin/sh
# The zpcictl actions on a fake tree in the test-recording mode: the bytes
# written to report_error match the layout s390-tools' libzpci writes
# (version 1, action qualifier, length, timestamp, log id 0x4713, log text,
# 4074 bytes in native byte order), recover and the slot's power get what the
# kernel expects, an NVMe function's report carries smartctl's output,
# --dry-run writes nothing, a function in use is refused
# without --force, and without the recording mode a fake tree is refused.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
ISM=0001:00:00.0
for f in report_error recover; do : >"$R/bus/pci/devices/$ISM/$f"; done

run 2 --sysfs-root "$R" report-error $ISM
contains "$ERR" 'refusing to write into the fake root .*ZPCIDIAG_TEST_RECORD_WRITES=1'
CHECKS=$((CHECKS + 1))
[ ! -s "$R/bus/pci/devices/$ISM/report_error" ] || fail "refused action wrote report_error"

ZPCIDIAG_TEST_RECORD_WRITES=1
export ZPCIDIAG_TEST_RECORD_WRITES

# layout FILE ACTION T0 T1: the SCLP record, parsed independently of the C code
layout() {
	CHECKS=$((CHECKS + 1))
	python3 - "$@" <<'PY' || fail "report_error layout for action $2"
import struct, sys
data = open(sys.argv[1], "rb").read()
action, t0, t1 = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
assert len(data) == 4 + 16 + 4054, len(data)
version, aq, length, ts, log_id = struct.unpack("=BBHQQ", data[:20])
log = data[20:]
text = log.split(b"\0", 1)[0]
assert version == 1, version
assert aq == action, aq
assert log_id == 0x4713, hex(log_id)
assert t0 <= ts <= t1, (t0, ts, t1)
assert length == 16 + len(text) + 1, (length, len(text))
assert b"fid 0x00000210" in text and b"0001:00:00.0" in text, text
assert log[len(text):] == b"\0" * (len(log) - len(text)), "padding not zero"
PY
}

for a in report-error:2 reset-fw:0 deconfigure:1; do
	: >"$R/bus/pci/devices/$ISM/report_error"
	t0=$(date +%s)
	run 0 --sysfs-root "$R" "${a%:*}" $ISM
	t1=$(date +%s)
	contains "$OUT" "will ${a%:*}: "
	contains "$OUT" "function $ISM FID 0x00000210 PCHID 0x07c0 driver ism interfaces -\$"
	layout "$R/bus/pci/devices/$ISM/report_error" "${a#*:}" "$t0" "$t1"
done

# reset: an error report, then recover
: >"$R/bus/pci/devices/$ISM/report_error"
t0=$(date +%s)
run 0 --sysfs-root "$R" reset $ISM
t1=$(date +%s)
layout "$R/bus/pci/devices/$ISM/report_error" 2 "$t0" "$t1"
CHECKS=$((CHECKS + 1))
[ "$(cat "$R/bus/pci/devices/$ISM/recover")" = 1 ] || fail "recover holds '$(cat "$R/bus/pci/devices/$ISM/recover")'"

# zpcictl's spelling does the same
: >"$R/bus/pci/devices/$ISM/report_error"
t0=$(date +%s)
run 0 --reset-fw --sysfs-root "$R" $ISM
t1=$(date +%s)
layout "$R/bus/pci/devices/$ISM/report_error" 0 "$t0" "$t1"

# --dry-run says what, writes nothing
: >"$R/bus/pci/devices/$ISM/report_error"
: >"$R/bus/pci/devices/$ISM/recover"
run 0 --sysfs-root "$R" reset --dry-run $ISM
contains "$OUT" "would reset: report an error to firmware"
CHECKS=$((CHECKS + 1))
[ ! -s "$R/bus/pci/devices/$ISM/report_error" ] && [ ! -s "$R/bus/pci/devices/$ISM/recover" ] ||
	fail "--dry-run wrote"

# power-off and configure through the slot
run 0 --sysfs-root "$R" power-off $ISM
CHECKS=$((CHECKS + 1))
[ "$(cat "$R/bus/pci/slots/00000210/power")" = 0 ] || fail "power-off: slot power holds $(cat "$R/bus/pci/slots/00000210/power")"
run 0 --sysfs-root "$R" configure 0x300
contains "$OUT" "will configure: configure the standby function"
CHECKS=$((CHECKS + 1))
[ "$(cat "$R/bus/pci/slots/00000300/power")" = 1 ] || fail "configure: slot power holds $(cat "$R/bus/pci/slots/00000300/power")"
run 3 --sysfs-root "$R" reset 0x300
contains "$ERR" 'in standby'

# In use: an interface up refuses disruptive actions unless forced
NETH=0040:00:00.0
for f in report_error recover; do : >"$R/bus/pci/devices/$NETH/$f"; done
mkdir -p "$R/bus/pci/devices/$NETH/net/encb0"
echo up >"$R/bus/pci/devices/$NETH/net/encb0/operstate"
run 7 --sysfs-root "$R" reset-fw $NETH
contains "$ERR" "$NETH: in use \\(network interface up"
contains "$OUT" "interfaces encb0"
CHECKS=$((CHECKS + 1))
[ ! -s "$R/bus/pci/devices/$NETH/report_error" ] || fail "in-use function was written"
run 0 --sysfs-root "$R" reset-fw --force $NETH
CHECKS=$((CHECKS + 1))
[ -s "$R/bus/pci/devices/$NETH/report_error" ] || fail "--force did not write"
# an informational report does not disturb the function: no refusal
run 0 --sysfs-root "$R" report-error $NETH

# NVMe: the error report carries smartctl -x of its controller, as zpcictl's
# does (a stand-in smartctl first in PATH says what it was asked)
NVME=0020:00:00.0
: >"$R/bus/pci/devices/$NVME/report_error"
mkdir -p "$WORK/bin"
printf '#!/bin/sh\necho "smart data asked with: $*"\n' >"$WORK/bin/smartctl"
chmod +x "$WORK/bin/smartctl"
PATH=$WORK/bin:$PATH run 0 --sysfs-root "$R" report-error $NVME
CHECKS=$((CHECKS + 1))
tr -d '\000' <"$R/bus/pci/devices/$NVME/report_error" | grep -q "smart data asked with: -x /dev/nvme0" ||
	fail "report-error of an NVMe function lacks smartctl -x /dev/nvme0 output"
: >"$R/bus/pci/devices/$ISM/report_error"
PATH=$WORK/bin:$PATH run 0 --sysfs-root "$R" report-error $ISM
CHECKS=$((CHECKS + 1))
tr -d '\000' <"$R/bus/pci/devices/$ISM/report_error" | grep -q "smart data" &&
	fail "report-error of ISM (no NVMe controller) ran smartctl"

# Bad use
run 2 --sysfs-root "$R" reset
run 2 --sysfs-root "$R" reset $ISM $NETH
run 3 --sysfs-root "$R" reset 0x999

# a standby function has no PCHID to show: "-", not a made-up 0000
run 0 --sysfs-root "$R" configure --dry-run fid:0x300
contains "$OUT" "FID 0x00000300 PCHID - "
lacks "$OUT" "PCHID 0000"
done_testing
