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
	# IOMMUFD and the vfio device cdev (the 6.12 test kernels); vfio is a
	# module, so its vfio-dev class is not there to look at before a bind
	iommufd) [ -c /dev/iommu ] && zcat /proc/config.gz 2>/dev/null | grep -qx CONFIG_VFIO_DEVICE_CDEV=y ;;
	# upstream's ISM variant driver (Linux 7.1 and later, the 7.x test kernel)
	ism-vfio) find /lib/modules/$(uname -r)/kernel/drivers/vfio -name 'ism-vfio-pci.ko*' | grep -q . ;;
	*) return 1 ;;
	esac
}

# Slots powered on now, one sysfs directory per line.
powered_slots() {
	for _s in /sys/bus/pci/slots/*; do
		[ "$(cat "$_s/power" 2>/dev/null)" = 1 ] && echo "$_s"
	done
}
# A case killed by its timeout never ran its own cleanup (its EXIT trap, a
# stop file for its background loops): without this, its loops would go on
# eating the CPU and its module, driver override or powered-off slot would
# fail the cases after it for reasons of its own. So kill whatever it left
# running (found by the TB_CASE its processes inherit), give bound
# functions back to their drivers, unload the project's modules and power
# on the slots it found powered.
case_pids() { # name: the processes that inherited TB_CASE=name
	for _e in /proc/[0-9]*/environ; do
		_p=${_e#/proc/}
		_p=${_p%/environ}
		tr '\0' '\n' < "$_e" 2>/dev/null | grep -qx "TB_CASE=$1" && echo "$_p"
	done
}
# pid, command, scheduler state and wait channel of each: a task the kill
# cannot end is in the kernel, and these say where (R: running, D: blocked)
show_pids() { # label pids...
	_l=$1; shift
	for _p in "$@"; do
		[ -e "/proc/$_p/stat" ] || continue
		echo "| $_l: pid $_p $(cat "/proc/$_p/comm" 2>/dev/null)" \
			"$(grep '^State:' "/proc/$_p/status" 2>/dev/null | tr -s '\t ' ' ')" \
			"wchan $(cat "/proc/$_p/wchan" 2>/dev/null)"
	done
}
reap_case() { # name powered-slots
	_stuck=0
	_pids=$(case_pids "$1")
	# shellcheck disable=SC2086 # one word per pid
	show_pids "left running" $_pids
	for _p in $_pids; do kill -9 "$_p" 2>/dev/null; done
	sleep 1
	# shellcheck disable=SC2086
	show_pids "survived SIGKILL" $_pids
	for _d in /sys/bus/pci/devices/*; do
		case $(cat "$_d/driver_override" 2>/dev/null) in
		*vfio*) if [ -e "$_d/driver" ]; then
				# an unbind waits for the device's user; one that
				# survived the kill would hold the runner here for good
				(echo "${_d##*/}" > "$_d/driver/unbind") &
				if ! tb_wait_for "[ ! -e $_d/driver ]" 10; then
					echo "| ${_d##*/}: unbind still waits for its user"
					_stuck=1
					continue
				fi
			fi
			echo > "$_d/driver_override"
			echo "${_d##*/}" > /sys/bus/pci/drivers_probe 2>/dev/null;;
		esac
	done
	for _m in zpcidiag_diag zpci_vfio_pci; do
		# rmmod of a driver unbinds its devices: it would wait as well
		[ "$_m" = zpci_vfio_pci ] && [ "$_stuck" = 1 ] && { echo "| $_m stays loaded"; continue; }
		grep -q "^$_m " /proc/modules && { rmmod "$_m" || echo "| $_m stays loaded"; }
	done
	for _s in $2; do
		[ "$(cat "$_s/power" 2>/dev/null)" = 0 ] && echo 1 > "$_s/power"
	done
	echo "| cleaned up after the timed-out case"
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
	slots=$(powered_slots)
	# Each case runs in its own shell with a fresh /tmp dir; stdin is the
	# console only through tb_request, never by accident. TB_CASE is in the
	# case's environment only, not the runner's (reap_case finds it there).
	tmp=/tmp/case-$name
	mkdir -p "$tmp"
	TB_CASE=$name TB_CASE_TMP=$tmp timeout "$timeout_s" sh "$path" </dev/null >"$tmp.out" 2>&1
	rc=$?
	sed 's/^/| /' "$tmp.out"
	secs=$(( $(date +%s) - start ))
	case $rc in
	0) res=PASS ;;
	77) res=SKIP ;;
	124|143) res=FAIL; echo "| timed out after ${timeout_s}s"; reap_case "$name" "$slots" ;;
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
