#!/bin/bash
# Runs inside the install flavour's Debian s390x guest (a systemd service
# started after multi-user.target; testbed/install_vm.py put it and the
# .deb files in /root/zpci-install). Does what a sysadmin does and prints
# each step's evidence to the console: "ZT: STEP" opens a step, "ZT-FAIL:"
# names a failed expectation, "ZT-RESULT: PASS|FAIL" ends the run.
set -u
cd /root/zpci-install || exit 1
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
KVER=$(uname -r)
result=0
T0=$SECONDS
step() { printf 'ZT: %s (at %ds)\n' "$*" $((SECONDS - T0)); }
fail() { printf 'ZT-FAIL: %s\n' "$*"; result=1; }
# Every file on the root file system except what changes by itself (logs,
# caches, temporary and runtime files) and this test's own directory.
files() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run \
		-o -path /tmp -o -path /var/tmp -o -path /var/log -o -path /var/cache \
		-o -path /root/zpci-install \) -prune -o -print | LC_ALL=C sort
}
finish() {
	step "done: $([ $result = 0 ] && echo PASS || echo FAIL)"
	echo "ZT-RESULT: $([ $result = 0 ] && echo PASS || echo FAIL)"
	systemctl poweroff --no-block
	exit 0
}

step "system: $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $KVER, $(dpkg --print-architecture)"
files > before.list

step "apt install ./zpcidiag_*_s390x.deb ./zpcidiag-dkms_*_all.deb"
apt install -y ./zpcidiag_*_s390x.deb ./zpcidiag-dkms_*_all.deb 2>&1 | tee apt-install.log
[ "${PIPESTATUS[0]}" = 0 ] || { fail "apt install"; finish; }

step "dkms status"
dkms status 2>&1
dkms status -m zpcidiag -k "$KVER" | grep ': installed' >/dev/null || fail "dkms did not install zpcidiag for $KVER"
for m in zpcidiag_diag zpci_vfio_pci; do
	step "modinfo $m"
	modinfo "$m" || fail "modinfo $m"
done
step "modprobe"
modprobe zpcidiag_diag || fail "modprobe zpcidiag_diag"
modprobe zpci_vfio_pci || fail "modprobe zpci_vfio_pci"
grep -E '^(zpcidiag_diag|zpci_vfio_pci|vfio_pci_core) ' /proc/modules
for m in zpcidiag_diag zpci_vfio_pci; do
	grep -q "^$m " /proc/modules || fail "$m not loaded"
done
step "zpcidiag list"
zpcidiag list || fail "zpcidiag list"

step "timer: wait for zpcidiag-check.service and /var/lib/prometheus/node-exporter/zpcidiag.prom"
prom=/var/lib/prometheus/node-exporter/zpcidiag.prom
for _ in $(seq 240); do [ -s $prom ] && break; sleep 1; done
systemctl list-timers --all zpcidiag-check.timer --no-pager
journalctl -u zpcidiag-check.service --no-pager -o short-monotonic | tail -n 5
[ -s $prom ] || fail "the timer wrote no $prom"
ls -l $prom

step "curl localhost:9100/metrics"
for _ in $(seq 120); do curl -sf -o metrics.txt http://localhost:9100/metrics && break; sleep 1; done
grep '^zpcidiag_' metrics.txt || fail "no zpcidiag series at localhost:9100/metrics"
# node_exporter prints a series' labels sorted by name (bus first)
grep '^zpcidiag_function_info{' metrics.txt | grep 'segment="' | grep 'bus="' | grep 'device="' |
	grep 'function="' | grep -q 'fid="0x' || fail "no zpcidiag_function_info with node_exporter's labels"
grep -c '^node_' metrics.txt | sed 's/^/node_ series: /'

step "check_zpci"
/usr/lib/nagios/plugins/check_zpci; prc=$?
echo "check_zpci exit $prc"
zpcidiag check >/dev/null 2>&1; crc=$?
echo "zpcidiag check exit $crc"
# check's exit codes are the plugin's (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN)
[ "$prc" = "$crc" ] || fail "check_zpci exit $prc, zpcidiag check exit $crc"
[ "$(/usr/lib/nagios/plugins/check_zpci | wc -l)" = 1 ] || fail "check_zpci printed more than one line"

step "sos report --batch --only-plugins sos_extras"
rm -rf /var/tmp/zt-sos && mkdir -p /var/tmp/zt-sos
sos report --batch --only-plugins sos_extras --tmp-dir /var/tmp/zt-sos 2>&1 | tail -n 12
arch=
for a in /var/tmp/zt-sos/sosreport-*.tar.*; do
	case $a in *.sha256 | *.md5) ;; *) [ -e "$a" ] && { arch=$a; break; } ;; esac
done
# (python's tarfile: the system has no xz program, sos needs none)
members() { python3 -c 'import sys, tarfile; print("\n".join(tarfile.open(sys.argv[1]).getnames()))' "$1"; }
member() { python3 -c 'import sys, tarfile; sys.stdout.write(tarfile.open(sys.argv[1]).extractfile(sys.argv[2]).read().decode())' "$1" "$2"; }
if [ -n "$arch" ]; then
	echo "archive: $arch"
	members "$arch" | grep -i zpcidiag
	f=$(members "$arch" | grep 'sos_extras/zpcidiag/zpcidiag_list$' | head -n1)
	if [ -n "$f" ]; then echo "--- $f:"; member "$arch" "$f"; else fail "no zpcidiag list output in $arch"; fi
else
	fail "sos report wrote no archive"
fi

step "apt purge -y zpcidiag zpcidiag-dkms"
apt purge -y zpcidiag zpcidiag-dkms 2>&1 | tee apt-purge.log
[ "${PIPESTATUS[0]}" = 0 ] || fail "apt purge"
files > after.list
step "diff before.list after.list ($(wc -l < before.list) files before)"
diff before.list after.list > files.diff; drc=$?
cat files.diff
echo "diff exit $drc"
# What other tools make at their first use, not zpcidiag's packages: apt's
# directory for local .deb files, and the module signing key pair DKMS
# creates at its first build and keeps for every later DKMS module (the
# first guest run showed exactly these three).
not_ours='^> (/var/lib/apt/lists/auxfiles|/var/lib/dkms/mok\.(key|pub))$'
grep -E "$not_ours" files.diff | sed 's/^> /made by apt or dkms at first use: /'
left=$(grep '^[<>] ' files.diff | grep -Ev "$not_ours")
echo "left behind or removed by zpcidiag's install + purge: ${left:-nothing}"
[ -z "$left" ] || fail "files left behind or removed by install + purge"
finish
