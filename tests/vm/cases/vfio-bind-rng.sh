# Binding a function to vfio-pci the administrator's way works on the test
# kernel: driver_override + drivers_probe, /dev/vfio/<group> appears (on the
# iommufd-only 7.x kernel the device cdev /dev/vfio/devices/vfioN, and no
# group node nor container), and zpcidiag sees the new driver; unbinding
# gives the function back.
# When zpcidiag has a `caps` command, the VFIO zPCI capabilities it reports
# must carry the function handle sysfs shows and the emulator's maxstbl (128).
# needs: vfio
# flavour: normal debug
. /testbed/lib.sh
fid=$(tb_fid rng0)
d=$(tb_devdir_of_fid "$fid") || tb_fail "rng0 (fid $fid) not in sysfs"
addr=$(basename "$d")
node=$(tb_bind_vfio "$d") || tb_fail "binding $addr to vfio-pci: $node"
[ -c "$node" ] || tb_fail "$node is not a character device"
if tb_vfio_has_group; then
	[ -c /dev/vfio/vfio ] || tb_fail "/dev/vfio/vfio missing"
else
	case $node in /dev/vfio/devices/vfio*) ;; *) tb_fail "CONFIG_VFIO_GROUP=n, yet bound as $node";; esac
	[ ! -e /dev/vfio/vfio ] || tb_fail "CONFIG_VFIO_GROUP=n, yet /dev/vfio/vfio exists"
	[ -c /dev/iommu ] || tb_fail "/dev/iommu missing (the cdev needs it)"
fi
out=$TB_CASE_TMP/list.json
"$ZPCIDIAG" list --json > "$out" || tb_fail "zpcidiag list --json exited $? with $addr on vfio-pci"
drv=$(jq -r --arg a "$addr" '.functions[] | select(.address == $a) | .driver' "$out")
[ "$drv" = vfio-pci ] || tb_fail "zpcidiag says driver '$drv' for $addr, sysfs says vfio-pci"
if "$ZPCIDIAG" --help 2>&1 | grep -qw caps; then
	"$ZPCIDIAG" caps "$addr" --json > "$TB_CASE_TMP/caps.json" ||
		tb_fail "zpcidiag caps $addr --json exited $?"
	fh=$(cat "$d/function_handle")
	# Whatever the key names, the handle (a "0x%08x" string in JSON schema 2,
	# as sysfs prints it) and maxstbl (a number) must be in there.
	jq -e --arg fh "$fh" '[.. | strings] | index($fh) != null' "$TB_CASE_TMP/caps.json" >/dev/null ||
		tb_fail "caps output lacks the function handle $fh"
	jq -e '[.. | numbers] | index(128) != null' "$TB_CASE_TMP/caps.json" >/dev/null ||
		tb_fail "caps output lacks maxstbl 128"
else
	echo "zpcidiag has no caps command yet: capability check not run"
fi
tb_unbind_vfio "$d"
tb_wait_for "[ -e $d/driver ]" 5 || tb_fail "$addr has no driver after unbinding from vfio-pci"
drv=$(basename "$(readlink "$d/driver")")
[ "$drv" != vfio-pci ] || tb_fail "$addr still on vfio-pci"
echo "$addr bound to vfio-pci as $node and back to $drv"
