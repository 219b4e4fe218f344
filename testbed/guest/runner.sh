# In-guest case runner (busybox sh).  Talks to the host only through lines
# starting with "@@TB " on the console; everything else is for humans.
# Config comes from /etc/testbed/config (written by run-vm.sh per run):
#   TESTBED_CASES    shell glob of case names (default *)
#   TESTBED_FLAVOUR  normal | debug | kasan | stock (the kernel's kind)
#   TESTBED_KERNEL   6.1 | 6.12;  TESTBED_EMULATOR qemu7.2 | qemu10
#   TESTBED_CASE_TIMEOUT seconds per case
. /etc/testbed/config 2>/dev/null
. /testbed/lib.sh
cases_glob=${TESTBED_CASES:-*}
timeout_s=${TESTBED_CASE_TIMEOUT:-120}

# Header lines "# needs: a b" and "# flavour: x y" decide whether a case runs here.
case_header() { sed -n "s/^# $2: *//p" "$1" | head -1; }
have_need() {
	case $1 in
	vfio) [ -d /lib/modules/$(uname -r)/kernel/drivers/vfio ] ;;
	kmod) ls "$ZPCI_KMOD_DIR"/*.ko >/dev/null 2>&1 ;;
	hotplug) [ "${TESTBED_HOTPLUG:-0}" = 1 ] ;;
	bench) [ "${TESTBED_BENCH:-0}" = 1 ] ;;	# bench/region.sh asks for these; CI does not
	stress) [ "${TESTBED_STRESS:-0}" = 1 ] ;;	# long races (make check-vm-region-race); CI does not
	*) return 1 ;;
	esac
}

echo "@@TB BEGIN flavour=$ZPCI_TESTBED_FLAVOUR kernel=$(uname -r) emulator=$ZPCI_TESTBED_EMULATOR"
for path in /testbed/cases/$cases_glob.sh; do
	[ -e "$path" ] || continue
	name=$(basename "$path" .sh)
	# Without a flavour header a case runs on the normal kernel only.
	flav=$(case_header "$path" flavour)
	if ! echo " ${flav:-normal} " | grep -q " $ZPCI_TESTBED_FLAVOUR "; then
		continue
	fi
	skipreason=
	for n in $(case_header "$path" needs); do
		have_need "$n" || { skipreason="needs $n"; break; }
	done
	echo "@@TB CASE $name"
	if [ -n "$skipreason" ]; then
		echo "@@TB RESULT $name SKIP $skipreason"
		continue
	fi
	start=$(date +%s)
	# Each case runs in its own shell with a fresh /tmp dir; stdin is the
	# console only through tb_request, never by accident.
	export TB_CASE=$name
	export TB_CASE_TMP=/tmp/case-$name
	mkdir -p "$TB_CASE_TMP"
	timeout "$timeout_s" sh "$path" </dev/null >"$TB_CASE_TMP.out" 2>&1
	rc=$?
	sed 's/^/| /' "$TB_CASE_TMP.out"
	secs=$(( $(date +%s) - start ))
	case $rc in
	0) res=PASS ;;
	77) res=SKIP ;;
	124|143) res=FAIL; echo "| timed out after ${timeout_s}s" ;;
	*) res=FAIL ;;
	esac
	echo "@@TB RESULT $name $res rc=$rc ${secs}s"
done

# A kmemleak scan only finds what became unreachable; scan twice, as the
# kernel documentation advises, so fresh allocations are not reported.
if [ -w /sys/kernel/debug/kmemleak ]; then
	echo scan > /sys/kernel/debug/kmemleak; sleep 5
	echo scan > /sys/kernel/debug/kmemleak
	cat /sys/kernel/debug/kmemleak > /tmp/kmemleak
fi
echo "@@TB DMESG BEGIN"
dmesg
[ -s /tmp/kmemleak ] && cat /tmp/kmemleak
echo "@@TB DMESG END"
echo "@@TB END"
