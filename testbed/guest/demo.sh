# The README demo, inside the guest: show the machine, then what zpcidiag
# makes of it.  Commands the binary does not have (yet) are left out, so the
# demo follows the tool as it grows.
. /testbed/lib.sh
show() { echo; echo "zpci-guest# zpcidiag $*"; "$ZPCIDIAG" "$@" 2>&1; rc=$?; [ $rc = 0 ] || echo "(exit status $rc)"; }
echo "=== emulated IBM Z: $(uname -m), Linux $(uname -r), $(grep -c ^processor /proc/cpuinfo) CPUs"
echo "=== zPCI functions as the guest's sysfs shows them:"
for d in /sys/bus/pci/devices/*; do
	printf '  %s fid=%s uid=%s vendor:device=%s:%s\n' "$(basename "$d")" \
		"$(cat "$d/function_id")" "$(cat "$d/uid")" "$(cat "$d/vendor")" "$(cat "$d/device")"
done
# One command per line as --help lists them, a subcommand with its section
# ("clp list"): the name is --help's first column, 13 characters wide.
cmds=$("$ZPCIDIAG" --help 2>&1 | sed -n '/^Commands:/,/^$/p' | sed -n 's/^  \([a-z].\{12\}\).*/\1/p' |
	sed 's/ *$//')
has() { echo "$cmds" | grep -qx "$1"; }
# virtio-net: the function with the most to show (a netdev, two BARs).
net=$(tb_addr_of_fid "$(tb_fid net0)")
[ -e "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" ] && insmod "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" 2>/dev/null
show list
show show "$net"
show bars "$net"
show vf "$net"
has "clp show" && show clp show "$net"
if has caps || has iotest; then
	# vfio facts need a vfio driver: the project's variant driver when built.
	modprobe vfio-pci; tb_load_type1
	[ -e "$ZPCI_KMOD_DIR/zpci_vfio_pci.ko" ] && insmod "$ZPCI_KMOD_DIR/zpci_vfio_pci.ko" 2>/dev/null
	if has bind; then show bind "$net" --force; else tb_bind_vfio "/sys/bus/pci/devices/$net" >/dev/null; fi
	has caps && show caps "$net"
	has iotest && show iotest "$net"
	if has unbind; then show unbind "$net"; else tb_unbind_vfio "/sys/bus/pci/devices/$net"; fi
fi
has check && show check
echo
echo "=== commands in this zpcidiag: $(echo "$cmds" | tr '\n' , | sed 's/,$//; s/,/, /g')"
