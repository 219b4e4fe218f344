# Helpers for in-guest cases (busybox sh).  A case does `. /testbed/lib.sh`.
# Environment set by the runner: ZPCIDIAG, ZPCI_KMOD_DIR, ZPCI_TESTBED_TOPOLOGY,
# ZPCI_TESTBED_FLAVOUR, TB_CASE, TB_CASE_TMP.

: "${ZPCIDIAG:=/usr/bin/zpcidiag}"
: "${ZPCI_KMOD_DIR:=/lib/zpcidiag}"
: "${ZPCI_TESTBED_TOPOLOGY:=/etc/testbed/topology}"
SYSFS_PCI=/sys/bus/pci

tb_fail() { echo "FAIL: $*"; exit 1; }
tb_skip() { echo "SKIP: $*"; exit 77; }
tb_info() { echo "$*"; }

# Topology: one line per function the host defined, "#" comments allowed:
#   <name> <fid> <uid> <device-kind> <state>
# fid as 0x%08x, uid as 0x%04x, state "present" (plugged at boot) or "spare"
# (defined, hot-pluggable through tb_request plug <name>).
tb_topology() { grep -v '^#' "$ZPCI_TESTBED_TOPOLOGY"; }
tb_present_names() { tb_topology | awk '$5 == "present" { print $1 }'; }
tb_field() { # name column
	tb_topology | awk -v n="$1" -v c="$2" '$1 == n { print $c }'
}
tb_fid() { tb_field "$1" 2; }
tb_uid() { tb_field "$1" 3; }
tb_kind() { tb_field "$1" 4; }

# The sysfs device directory of a function, found by its function_id so cases
# never assume how the kernel numbers domains.  Empty when absent.
tb_devdir_of_fid() {
	for d in "$SYSFS_PCI"/devices/*; do
		[ -r "$d/function_id" ] || continue
		if [ "$(printf '%d' "$(cat "$d/function_id")")" = "$(printf '%d' "$1")" ]; then
			echo "$d"
			return 0
		fi
	done
	return 1
}
tb_addr_of_fid() { d=$(tb_devdir_of_fid "$1") && basename "$d"; }
tb_slot_of_fid() { printf '%s/slots/%08x\n' "$SYSFS_PCI" "$(printf '%d' "$1")"; }

# Wait up to $2 seconds (default 10) for a shell condition $1 to hold.
tb_wait_for() {
	i=0; max=$(( ${2:-10} * 10 ))
	while ! eval "$1"; do
		i=$((i + 1)); [ $i -ge $max ] && return 1
		sleep 0.1
	done
}

# Ask the host to do something to the machine (hot-plug through QMP) and wait
# for its answer.  Requests: "plug <name>", "unplug <name>".  The exchange runs
# over the console because the case's own output is captured by the runner.
TB_REQ_SEQ=0
tb_request() {
	TB_REQ_SEQ=$((TB_REQ_SEQ + 1))
	seq="$TB_CASE.$TB_REQ_SEQ"
	echo "@@TB REQUEST $seq $*" > /dev/console
	while read -r tag kind rseq status rest < /dev/console; do
		[ "$tag $kind $rseq" = "@@TB REPLY $seq" ] || continue
		[ "$status" = ok ] && return 0
		echo "host refused request '$*': $rest"
		return 1
	done
	echo "console closed while waiting for the host"
	return 1
}

# Bind a function to vfio-pci the way an administrator would; prints the
# /dev/vfio/<group> path.
tb_bind_vfio() { # sysfs-devdir
	modprobe vfio-pci || return 1
	# The type1 backend does not load by itself; without it no container works.
	modprobe vfio_iommu_type1 || return 1
	dev=$(basename "$1")
	if [ -e "$1/driver" ]; then
		echo "$dev" > "$1/driver/unbind" || return 1
	fi
	echo vfio-pci > "$1/driver_override" || return 1
	echo "$dev" > "$SYSFS_PCI/drivers_probe" 2>/dev/null
	[ "$(basename "$(readlink "$1/driver")")" = vfio-pci ] || {
		echo "$dev did not bind to vfio-pci"; return 1; }
	group=$(basename "$(readlink "$1/iommu_group")")
	tb_wait_for "[ -e /dev/vfio/$group ]" 5 || { echo "/dev/vfio/$group missing"; return 1; }
	echo "/dev/vfio/$group"
}
tb_unbind_vfio() { # sysfs-devdir
	dev=$(basename "$1")
	[ -e "$1/driver" ] && echo "$dev" > "$1/driver/unbind"
	echo > "$1/driver_override"
	echo "$dev" > "$SYSFS_PCI/drivers_probe" 2>/dev/null
	return 0
}

# JSON: the guest has jq (from Debian's s390x archive) at /usr/bin/jq.
