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

# Every module a case loads is announced in the kernel log with its text
# address: when a vCPU hangs, the host names the function it hangs in from
# the PSW it reads through QEMU's monitor (testbed/vm.py, MODULE_LOAD_RE).
insmod() { # file.ko [params]
	busybox insmod "$@" || return
	_tb_mod=$(basename "$1" .ko | tr - _)
	echo "zpcidiag-testbed: loaded $_tb_mod .text $(cat "/sys/module/$_tb_mod/sections/.text" 2>/dev/null)" >/dev/kmsg
	return 0
}

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
# sysfs device directory of the first present function of a QEMU device kind
tb_devdir_of_kind() {
	_tb_n=$(tb_topology | awk -v k="$1" '$5 == "present" && $4 == k { print $1; exit }')
	[ -n "$_tb_n" ] || { echo "no $1 function in the topology"; return 1; }
	tb_devdir_of_fid "$(tb_fid "$_tb_n")"
}

# The sysfs device directory of a function, found by its function_id so cases
# never assume how the kernel numbers domains.  Empty when absent.
tb_devdir_of_fid() {
	for _tb_d in "$SYSFS_PCI"/devices/*; do
		[ -r "$_tb_d/function_id" ] || continue
		if [ "$(printf '%d' "$(cat "$_tb_d/function_id")")" = "$(printf '%d' "$1")" ]; then
			echo "$_tb_d"
			return 0
		fi
	done
	return 1
}
tb_addr_of_fid() { _tb_d=$(tb_devdir_of_fid "$1") && basename "$_tb_d"; }
tb_slot_of_fid() { printf '%s/slots/%08x\n' "$SYSFS_PCI" "$(printf '%d' "$1")"; }

# Wait up to $2 seconds (default 10) for a shell condition $1 to hold.
# Helpers keep their variables in _tb_*: cases share the shell's namespace.
tb_wait_for() {
	_tb_i=0; _tb_max=$(( ${2:-10} * 10 ))
	while ! eval "$1"; do
		_tb_i=$((_tb_i + 1)); [ $_tb_i -ge $_tb_max ] && return 1
		sleep 0.1
	done
}

# Ask the host to do something to the machine (hot-plug through QMP) and wait
# for its answer.  Requests: "plug <name>", "unplug <name>".  The exchange runs
# over the console because the case's own output is captured by the runner.
TB_REQ_SEQ=0
tb_request() {
	TB_REQ_SEQ=$((TB_REQ_SEQ + 1))
	_tb_seq="$TB_CASE.$TB_REQ_SEQ"
	echo "@@TB REQUEST $_tb_seq $*" > /dev/console
	while read -r tag kind rseq status rest < /dev/console; do
		[ "$tag $kind $rseq" = "@@TB REPLY $_tb_seq" ] || continue
		[ "$status" = ok ] && return 0
		echo "host refused request '$*': $rest"
		return 1
	done
	echo "console closed while waiting for the host"
	return 1
}

# Bind a function to a driver the way an administrator would: unbind,
# driver_override, drivers_probe.  The previous driver is remembered in the
# case's tmp dir so tb_restore_driver can give the function back.
tb_bind_driver() { # sysfs-devdir driver
	_tb_dev=$(basename "$1")
	_tb_prev=$(basename "$(readlink "$1/driver" 2>/dev/null)" 2>/dev/null)
	echo "$_tb_prev" > "$TB_CASE_TMP/prev-driver.$_tb_dev"
	if [ -n "$_tb_prev" ]; then
		echo "$_tb_dev" > "$1/driver/unbind" || return 1
	fi
	echo "$2" > "$1/driver_override" || return 1
	echo "$_tb_dev" > "$SYSFS_PCI/drivers_probe" 2>/dev/null
	[ "$(basename "$(readlink "$1/driver")")" = "$2" ] || {
		echo "$_tb_dev did not bind to $2"; return 1; }
}
# Unbind whatever driver the function has, clear driver_override and let the
# driver it had before tb_bind_driver (if any) probe it again.
tb_restore_driver() { # sysfs-devdir
	_tb_dev=$(basename "$1")
	# nothing to undo when tb_bind_driver never ran for it
	[ -e "$TB_CASE_TMP/prev-driver.$_tb_dev" ] || return 0
	[ -e "$1/driver" ] && echo "$_tb_dev" > "$1/driver/unbind"
	echo > "$1/driver_override"
	_tb_prev=$(cat "$TB_CASE_TMP/prev-driver.$_tb_dev")
	rm -f "$TB_CASE_TMP/prev-driver.$_tb_dev"
	[ -n "$_tb_prev" ] && echo "$_tb_dev" > "$SYSFS_PCI/drivers_probe" 2>/dev/null
	return 0
}

# Whether the running kernel is MAJOR.MINOR or newer (uname -r).
tb_kernel_ge() { # major.minor
	_tb_v=$(uname -r)
	_tb_M=${_tb_v%%.*} _tb_r=${_tb_v#*.}
	_tb_m=${_tb_r%%[!0-9]*}
	[ "$_tb_M" -gt "${1%%.*}" ] || { [ "$_tb_M" -eq "${1%%.*}" ] && [ "$_tb_m" -ge "${1#*.}" ]; }
}
# Whether the kernel has vfio's group path (/dev/vfio/<group>, the type1
# container): CONFIG_VFIO_GROUP. The 7.x test-bed kernel is built iommufd
# only, as iommufd-only hosts are: devices open through
# /dev/vfio/devices/vfioN and /dev/iommu alone.
tb_vfio_has_group() {
	! zcat /proc/config.gz 2>/dev/null | grep -qx '# CONFIG_VFIO_GROUP is not set'
}
# The type1 backend for the group path; nothing on an iommufd-only kernel.
tb_load_type1() {
	tb_vfio_has_group || return 0
	modprobe vfio_iommu_type1
}
# vfio-pci-core, the type1 backend (it does not load by itself; without it no
# container works) and the project's variant driver zpci_vfio_pci.
tb_load_variant() {
	modprobe vfio-pci-core && tb_load_type1 || { echo "vfio modules"; return 1; }
	[ -d "$SYSFS_PCI/drivers/zpci_vfio_pci" ] && return 0
	insmod "$ZPCI_KMOD_DIR/zpci_vfio_pci.ko" || { echo "insmod zpci_vfio_pci"; return 1; }
}

# Bind a function to vfio-pci (or to $2, a vfio-pci variant driver already
# loaded); prints the /dev/vfio/<group> path, or on an iommufd-only kernel
# the device's /dev/vfio/devices/vfioN.
tb_bind_vfio() { # sysfs-devdir [driver]
	modprobe vfio-pci || return 1
	tb_load_type1 || return 1
	tb_bind_driver "$1" "${2:-vfio-pci}" || return 1
	tb_vfio_node "$1"
}
# The vfio node of a function bound to a vfio driver, once it exists.
tb_vfio_node() { # sysfs-devdir
	if ! tb_vfio_has_group; then
		tb_wait_for "ls $1/vfio-dev/vfio* >/dev/null 2>&1" 5 || { echo "$1/vfio-dev missing"; return 1; }
		_tb_cdev=$(basename "$(ls -d "$1"/vfio-dev/vfio* | head -n 1)")
		tb_wait_for "[ -c /dev/vfio/devices/$_tb_cdev ]" 5 ||
			{ echo "/dev/vfio/devices/$_tb_cdev missing"; return 1; }
		echo "/dev/vfio/devices/$_tb_cdev"
		return 0
	fi
	_tb_group=$(basename "$(readlink "$1/iommu_group")")
	tb_wait_for "[ -e /dev/vfio/$_tb_group ]" 5 || { echo "/dev/vfio/$_tb_group missing"; return 1; }
	echo "/dev/vfio/$_tb_group"
}
tb_unbind_vfio() { tb_restore_driver "$1"; }

# JSON: the guest has jq (from Debian's s390x archive) at /usr/bin/jq.

# Functions chosen by what they are, not by name: a case that needs an NVMe
# controller or a non-virtio NIC runs wherever the emulator offers one (QEMU
# 10 does, 7.2 does not) and skips cleanly elsewhere:
#   d=$(tb_first_nvme) || tb_skip "no NVMe function under $ZPCI_TESTBED_EMULATOR"
# Each prints the sysfs device directory of the first match in address order
# and returns 1 when there is none.
tb_first_fn() { # shell condition on $_tb_d (a sysfs device directory)
	for _tb_d in "$SYSFS_PCI"/devices/*; do
		[ -r "$_tb_d/function_id" ] || continue
		if eval "$1"; then echo "$_tb_d"; return 0; fi
	done
	return 1
}
# class as in sysfs (0x010802); a prefix such as 0x0200 matches a subclass.
tb_first_of_class() { tb_first_fn "case \$(cat \$_tb_d/class) in $1*) true;; *) false;; esac"; }
tb_first_nvme() { tb_first_of_class 0x010802; }
# An Ethernet controller that is not virtio (vendor 0x1af4): e1000e, igb.
tb_first_other_nic() { tb_first_fn '[ "$(cat $_tb_d/vendor)" != 0x1af4 ] &&
	case $(cat $_tb_d/class) in 0x0200*) true;; *) false;; esac'; }
# A function with a 64-bit memory BAR (IORESOURCE_MEM_64 in the resource flags).
tb_has_64bit_bar() { # devdir
	head -6 "$1/resource" | while read -r _tb_s _tb_e _tb_fl; do
		[ $(( _tb_fl & 0x00100200 )) = $(( 0x00100200 )) ] && { echo y; break; }
	done | grep -q y
}
tb_first_64bit_bar() { tb_first_fn 'tb_has_64bit_bar $_tb_d'; }
# The number of BARs the kernel sized (non-empty resources 0-5).
tb_bar_count() { # devdir
	head -6 "$1/resource" | awk '$1 != "0x0000000000000000" || $2 != "0x0000000000000000" { n++ } END { print n + 0 }'
}
# A function with at least N sized BARs.
tb_first_with_bars() { tb_first_fn "[ \$(tb_bar_count \$_tb_d) -ge $1 ]"; }

# The function in sysfs directory $1 bound to the project's variant driver
# zpci_vfio_pci; sets dev and addr, and an EXIT trap that gives the function
# back and unloads the driver, then runs $2 (unloads of modules the caller
# loaded). Call it directly, not in $(...): it fails the case itself.
tb_bind_variant_dev() { # sysfs-devdir [unload-commands]
	_tb_out=$(tb_load_variant) || tb_fail "$_tb_out"
	dev=$1
	addr=$(basename "$dev")
	# shellcheck disable=SC2064 # $2 is fixed now; $dev is read when the trap runs
	trap "tb_restore_driver \"\$dev\"; rmmod zpci_vfio_pci${2:+; $2}" EXIT
	_tb_out=$(tb_bind_driver "$dev" zpci_vfio_pci) || tb_fail "$_tb_out"
}
# The same for the first present function whose device kind is $1.
tb_bind_variant_kind() { # device-kind
	_tb_name=$(tb_present_names | while read -r _tb_n; do
		[ "$(tb_kind "$_tb_n")" = "$1" ] && echo "$_tb_n" && break; done)
	[ -n "$_tb_name" ] || tb_fail "no $1 function in the topology"
	_tb_d=$(tb_devdir_of_fid "$(tb_fid "$_tb_name")") || tb_fail "no device for $_tb_name"
	tb_bind_variant_dev "$_tb_d"
}
# Every source at once: the diagnostics module loaded as well, and the
# topology function $1 bound to zpci_vfio_pci; the EXIT trap unloads both.
tb_bind_variant_with_diag() { # topology-name
	_tb_out=$(tb_load_variant) || tb_fail "$_tb_out"
	insmod "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" ||
		{ rmmod zpci_vfio_pci; tb_fail "insmod zpcidiag_diag"; }
	_tb_d=$(tb_devdir_of_fid "$(tb_fid "$1")") ||
		{ rmmod zpci_vfio_pci; rmmod zpcidiag_diag; tb_fail "no device for $1"; }
	tb_bind_variant_dev "$_tb_d" 'rmmod zpcidiag_diag'
}

# Config space as the kernel shows it in sysfs (little-endian, as on the bus).
tb_cfg_u8() { od -An -tu1 -j "$2" -N1 "$1/config" | tr -d ' \n'; }
tb_cfg_u16() { echo $(( $(tb_cfg_u8 "$1" "$2") | $(tb_cfg_u8 "$1" $(($2 + 1))) << 8 )); }
tb_cfg_u32() { echo $(( $(tb_cfg_u16 "$1" "$2") | $(tb_cfg_u16 "$1" $(($2 + 2))) << 16 )); }
# The MSI-X capability the function declares, as "TABLE-BAR TABLE-OFFSET
# TABLE-BYTES PBA-BAR PBA-OFFSET" (decimal); returns 1 when it has none.
tb_msix() { # devdir
	_tb_p=$(tb_cfg_u8 "$1" 52) _tb_n=0
	while [ "${_tb_p:-0}" -ne 0 ] && [ $_tb_n -lt 48 ]; do
		if [ "$(tb_cfg_u8 "$1" "$_tb_p")" = 17 ]; then
			_tb_c=$(tb_cfg_u16 "$1" $((_tb_p + 2)))
			_tb_t=$(tb_cfg_u32 "$1" $((_tb_p + 4)))
			_tb_b=$(tb_cfg_u32 "$1" $((_tb_p + 8)))
			echo "$((_tb_t & 7)) $((_tb_t & ~7)) $(( ((_tb_c & 0x7ff) + 1) * 16 ))" \
				"$((_tb_b & 7)) $((_tb_b & ~7))"
			return 0
		fi
		_tb_p=$(tb_cfg_u8 "$1" $((_tb_p + 1))) _tb_n=$((_tb_n + 1))
	done
	return 1
}
# "INDEX SIZE" (decimal) of the first memory BAR (IORESOURCE_MEM) of a function.
tb_first_mem_bar() { # devdir
	_tb_i=0
	while [ $_tb_i -lt 6 ] && read -r _tb_s _tb_e _tb_fl; do
		if [ $((_tb_fl & 0x200)) != 0 ]; then
			echo "$_tb_i $((_tb_e - _tb_s + 1))"
			return 0
		fi
		_tb_i=$((_tb_i + 1))
	done < "$1/resource"
	return 1
}

# Accesses of exactly one shape to the BAR regions of $addr (bound by
# tb_bind_variant_* or to another vfio driver); counts in tb_shapes and
# tb_shapes_bad.
TB_ZIC=/usr/libexec/zpcidiag-tests/zpci-io-check
tb_shapes=0 tb_shapes_bad=0
# One access through zpci-io-check's shape command, judged against WANT:
#   accepted       the driver issued it and returned the count asked for
#   accepted N     the same, with count N (cut at the BAR's end)
#   guarded        the MSI-X table: a read of 0xff bytes or a dropped write,
#                  no instruction issued
#   exception      ENXIO from a program exception (QEMU's PCISTB intercept),
#                  exactly one failure counted by the status feature
#   refused-eio    EIO before any instruction (no failure counted)
#   EINVAL, EFAULT, ... the errno
tb_shape() { # read|stb BAR OFF LEN BUF-MISALIGN WANT
	_tb_got=$("$TB_ZIC" "$addr" shape "$1" "$2" "$3" "$4" "$5" | tail -n 1)
	case "$_tb_got" in
	*" dropped"*|*" ff") _tb_g=guarded;;
	accepted*insns=0*) _tb_g="no-instruction($_tb_got)";;
	accepted*) _tb_g=accepted
		_tb_n=$(echo "$_tb_got" | awk '{ print $2 }')
		[ "$_tb_n" = "$4" ] || _tb_g="accepted $_tb_n";;
	"errno=ENXIO cc=exception/255 status=0x00 failures=1") _tb_g=exception;;
	"errno=EIO failures=0") _tb_g=refused-eio;;
	errno=EIO*) _tb_g="eio-other($_tb_got)";;
	errno=*) _tb_g=${_tb_got#errno=};;
	*) _tb_g="unexpected($_tb_got)";;
	esac
	tb_shapes=$((tb_shapes + 1))
	if [ "$_tb_g" = "$6" ]; then
		echo "ok   $1 bar$2 off=$3 len=$4 buf+$5: $_tb_got"
	else
		echo "BAD  $1 bar$2 off=$3 len=$4 buf+$5: want $6, got $_tb_got"
		tb_shapes_bad=$((tb_shapes_bad + 1))
	fi
}
# The access shapes for virtio-blk's BAR4 device configuration (0x2000)
# and its MSI-X table in BAR1, each with zpci_vfio_pci's answer (WANT as
# in tb_shape): kmod-region-shapes judges them, and
# kmod-region-shapes-match-ism-vfio-pci compares them with ism-vfio-pci.
tb_blk_shape_matrix() { # command maxstbl: runs "command OP BAR OFF LEN MIS WANT"
	shape() { "$_tb_shape_cmd" "$@"; }
	_tb_shape_cmd=$1 max=$2
	# PCILG by alignment: any length at any offset, any buffer alignment
	for l in 1 2 4 8 16 3 13; do shape read 4 0x2000 $l 0 accepted; done
	shape read 4 0x2001 1 0 accepted
	shape read 4 0x2002 2 3 accepted
	shape read 4 0x2002 4 0 accepted
	shape read 4 0x2003 13 5 accepted
	shape read 4 0x2ffc 16 0 accepted
	shape read 4 0x3ffc 8 0 "accepted 4"
	shape read 4 0x4000 1 0 EINVAL
	shape read 2 0x0 8 0 EINVAL
	# MSI-X in BAR1: the table reads 0xff without a PCILG, the PBA (at 0x800) is read
	shape read 1 0x0 4 0 guarded
	shape read 1 0x800 8 0 accepted
	# PCISTB shapes the emulator takes: more than 8 bytes, 8n, 8-aligned; any buffer
	shape stb 4 0x2000 16 0 accepted
	shape stb 4 0x2000 16 3 accepted
	shape stb 4 0x2000 24 4095 accepted
	shape stb 4 0x2000 "$max" 0 accepted
	shape stb 4 0x3ff0 32 0 "accepted 16"
	# architecturally valid, refused by QEMU's intercept: ENXIO with the status
	for l in 1 2 7 8 12 17; do shape stb 4 0x2000 $l 0 exception; done
	shape stb 4 0x2004 16 0 exception
	shape stb 4 0x2001 16 0 exception
	shape stb 4 0x3fff 1 0 exception
	# refused before any instruction, with ism-vfio-pci's errno
	shape stb 4 0x2000 $((max + 1)) 0 EINVAL
	shape stb 4 0x2ff8 16 0 EINVAL
	shape stb 4 0x3ffe 2 0 exception
	shape stb 4 0x4000 1 0 EINVAL
	# the MSI-X table is the kernel's: the store is dropped whole
	shape stb 1 0x10 16 0 guarded
}
# maxstbl as zpci_vfio_pci's status feature reports it
tb_maxstbl() { "$TB_ZIC" "$addr" info | sed -n 's/^status feature: maxstbl=\([0-9]*\).*/\1/p'; }

# What a report case wants to find on this kernel: rng0 on the variant driver
# (vfio replies, the zPCI I/O status feature) and the diagnostics module
# loaded (netlink answers), each where this kernel has the project's modules.
# Sets rng (sysfs directory), rng_addr, vfio and kdiag (1 or 0) and an EXIT
# trap that undoes both. Call it directly: it fails the case itself.
tb_report_setup() {
	rng=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
	rng_addr=$(basename "$rng")
	kdiag=0
	vfio=0
	trap 'tb_unbind_vfio "$rng"; [ "$kdiag" = 1 ] && rmmod zpcidiag_diag' EXIT
	if [ -e "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" ]; then
		insmod "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" || tb_fail "insmod zpcidiag_diag"
		kdiag=1
	fi
	if [ -e "$ZPCI_KMOD_DIR/zpci_vfio_pci.ko" ] && tb_load_variant >/dev/null; then
		tb_bind_vfio "$rng" zpci_vfio_pci >/dev/null || tb_fail "binding $rng_addr to zpci_vfio_pci"
		vfio=1
	fi
}

# Cases in which a vfio user holds a function while its slot is powered off,
# so the removal keeps the PCI rescan lock for as long as the holder likes.
# tb_pick_holdable: fid/name/addr/dev/slot of the first present function
# with a hot-plug slot and an IOMMU group, and other/oaddr of another
# present function (the control).
tb_pick_holdable() {
	fid= other=
	for _tb_n in $(tb_present_names); do
		_tb_f=$(tb_fid "$_tb_n")
		_tb_d=$(tb_devdir_of_fid "$_tb_f") || continue
		if [ -z "$fid" ] && [ -e "$(tb_slot_of_fid "$_tb_f")/power" ] &&
		   [ -e "$_tb_d/iommu_group" ]; then
			fid=$_tb_f name=$_tb_n
		elif [ -z "$other" ]; then
			other=$_tb_f
		fi
	done
	[ -n "$fid" ] || tb_fail "no present function with a hot-plug slot and an IOMMU group"
	[ -n "$other" ] || tb_fail "a second present function is needed for the control query"
	dev=$(tb_devdir_of_fid "$fid")
	addr=$(basename "$dev")
	slot=$(tb_slot_of_fid "$fid")
	oaddr=$(tb_addr_of_fid "$other")
}
# tb_hold_and_power_off: bind $dev to vfio, hold it open (no request
# channel), power its slot off in the background and wait until vfio says
# the removal waits for the holder. Sets holder and power (pids); the
# write's outcome lands in $TB_CASE_TMP/power when it returns.
tb_hold_and_power_off() {
	_tb_out=$(tb_bind_vfio "$dev") || tb_fail "bind $addr to vfio: $_tb_out"
	/usr/libexec/zpcidiag-tests/vfio-hold "$addr" 600 > "$TB_CASE_TMP/hold" 2>&1 &
	holder=$!
	tb_wait_for "grep -q holding $TB_CASE_TMP/hold" 10 ||
		tb_fail "holder did not open $addr: $(cat "$TB_CASE_TMP/hold")"
	_tb_mark=$(dmesg | wc -l)
	(echo 0 > "$slot/power"; echo "power write returned $?" > "$TB_CASE_TMP/power") &
	power=$!
	tb_wait_for "dmesg | tail -n +$_tb_mark | grep -q 'blocked until released by user'" 30 ||
		tb_fail "removal of $addr did not start waiting for the vfio holder"
	[ ! -e "$TB_CASE_TMP/power" ] ||
		tb_fail "slot power off returned while the holder still had $addr open"
}
# tb_let_go: the holder closes; the slot power write must then return (the
# removal completes) within 30 s, and the holdable check is still in force
# until then.
tb_let_go() {
	[ -e "$TB_CASE_TMP/power" ] &&
		tb_fail "slot power off returned while the holder still had $addr open"
	kill "$holder"
	wait "$holder"
	holder=
	tb_wait_for "[ -e $TB_CASE_TMP/power ]" 30 ||
		tb_fail "slot power off still blocked after the holder let go"
	wait "$power"
	power=
}
# tb_release_holdable: what a case's EXIT trap undoes of the above: the
# holder let go, the slot powered on again, the function back on its driver.
tb_release_holdable() {
	[ -n "$holder" ] && kill "$holder" 2>/dev/null
	[ -n "$power" ] && wait "$power"
	[ "$(cat "$slot/power" 2>/dev/null)" = 0 ] && echo 1 > "$slot/power"
	tb_wait_for "tb_devdir_of_fid $fid >/dev/null" 30
	tb_restore_driver "$dev"
}
# tb_bounded LIMIT WHAT CMD...: run CMD, failing the case unless it ends
# within LIMIT seconds (then where it waits is printed); sets rc, output in
# $TB_CASE_TMP/q.out.
tb_bounded() {
	_tb_limit=$1 _tb_what=$2
	shift 2
	"$@" > "$TB_CASE_TMP/q.out" 2>&1 &
	_tb_pid=$!
	_tb_i=0
	while kill -0 "$_tb_pid" 2>/dev/null; do
		_tb_i=$((_tb_i + 1))
		if [ $_tb_i -gt $((_tb_limit * 10)) ]; then
			ls -l /proc/$_tb_pid/fd 2>/dev/null | sed -n 's/.*-> //p' |
				grep -v '^/dev/\|^pipe\|^socket'
			echo "wchan: $(cat /proc/$_tb_pid/wchan 2>/dev/null)"
			cat /proc/$_tb_pid/stack 2>/dev/null
			tb_fail "$_tb_what still running after $_tb_limit s: $(head -c 200 "$TB_CASE_TMP/q.out")"
		fi
		sleep 0.1
	done
	wait "$_tb_pid"
	rc=$?
}
