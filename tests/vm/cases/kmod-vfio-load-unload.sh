# flavour: normal debug kasan
# needs: vfio kmod
# The variant driver loads and unloads repeatedly, and binds and releases a
# function through driver_override only.
. /testbed/lib.sh
modprobe vfio-pci-core 2>/dev/null || modprobe vfio-pci || tb_fail "no vfio-pci-core"
tb_load_type1
ko=$ZPCI_KMOD_DIR/zpci_vfio_pci.ko
[ -e "$ko" ] || tb_fail "no $ko"
name=$(tb_present_names | head -n1)
dev=$(tb_devdir_of_fid "$(tb_fid "$name")") || tb_fail "no device"
addr=$(basename "$dev")
i=0
while [ $i -lt 10 ]; do
	insmod "$ko" || tb_fail "insmod round $i"
	[ -L "$dev/driver" ] && [ "$(basename "$(readlink "$dev/driver")")" = zpci_vfio_pci ] &&
		tb_fail "bound without driver_override"
	old=$(basename "$(readlink "$dev/driver" 2>/dev/null)" 2>/dev/null)
	[ -n "$old" ] && echo "$addr" > "$dev/driver/unbind"
	echo zpci_vfio_pci > "$dev/driver_override"
	echo "$addr" > /sys/bus/pci/drivers_probe
	[ "$(basename "$(readlink "$dev/driver")")" = zpci_vfio_pci ] || tb_fail "did not bind (round $i)"
	echo "$addr" > "$dev/driver/unbind"
	echo > "$dev/driver_override"
	rmmod zpci_vfio_pci || tb_fail "rmmod round $i"
	[ -n "$old" ] && echo "$addr" > /sys/bus/pci/drivers_probe
	i=$((i + 1))
done
