# flavour: normal debug kasan
# needs: vfio kmod
# zpcidiag bind moves a function to zpci_vfio_pci through driver_override,
# is idempotent, can move on to vfio-pci, and unbind gives the function back
# to the driver it had at the start (virtio-pci), clearing the override.
. /testbed/lib.sh
export ZPCIDIAG_RUN_DIR=$TB_CASE_TMP/run
fid=$(tb_fid rng0)
d=$(tb_devdir_of_fid "$fid") || tb_fail "rng0 (fid $fid) not in sysfs"
addr=$(basename "$d")
drv() { basename "$(readlink "$d/driver" 2>/dev/null)" 2>/dev/null; }
old=$(drv)
[ -n "$old" ] || tb_fail "$addr has no driver to start with"
modprobe vfio-pci || tb_fail "modprobe vfio-pci"

# The variant driver is not installed under /lib/modules: modprobe cannot
# find it, and bind must say so without touching the function.
if [ ! -d /sys/bus/pci/drivers/zpci_vfio_pci ]; then
	"$ZPCIDIAG" bind "$addr" > "$TB_CASE_TMP/out" 2>&1
	rc=$?
	cat "$TB_CASE_TMP/out"
	if [ $rc -ne 0 ]; then
		[ $rc -eq 6 ] || tb_fail "bind with the module missing exited $rc, expected 6"
		grep -q "zpci_vfio_pci" "$TB_CASE_TMP/out" || tb_fail "message does not name the module"
		[ "$(drv)" = "$old" ] || tb_fail "function moved to '$(drv)' although bind failed"
		[ "$(cat "$d/driver_override")" = "(null)" ] || tb_fail "override left: $(cat "$d/driver_override")"
		insmod "$ZPCI_KMOD_DIR/zpci_vfio_pci.ko" || tb_fail "insmod zpci_vfio_pci"
	else
		"$ZPCIDIAG" unbind "$addr" || tb_fail "unbind after modprobe-found bind"
	fi
fi

"$ZPCIDIAG" --json bind "$addr" > "$TB_CASE_TMP/b1.json" || tb_fail "bind exited $?"
cat "$TB_CASE_TMP/b1.json"
jq -e --arg old "$old" '.driver == "zpci_vfio_pci" and .previous_driver == $old and .changed' \
	"$TB_CASE_TMP/b1.json" >/dev/null || tb_fail "bind JSON wrong"
[ "$(drv)" = zpci_vfio_pci ] || tb_fail "sysfs says driver '$(drv)' after bind"
node=$(tb_vfio_node "$d") || tb_fail "$node"

"$ZPCIDIAG" --json bind "$addr" > "$TB_CASE_TMP/b2.json" || tb_fail "second bind exited $?"
jq -e '.changed == false and .driver == "zpci_vfio_pci"' "$TB_CASE_TMP/b2.json" >/dev/null ||
	tb_fail "second bind was not a no-op"

"$ZPCIDIAG" bind "$addr" --driver vfio-pci || tb_fail "bind --driver vfio-pci exited $?"
[ "$(drv)" = vfio-pci ] || tb_fail "not on vfio-pci but '$(drv)'"

"$ZPCIDIAG" --json unbind "$addr" > "$TB_CASE_TMP/u1.json" || tb_fail "unbind exited $?"
cat "$TB_CASE_TMP/u1.json"
jq -e --arg old "$old" '.driver == $old and .state_restored and .changed' "$TB_CASE_TMP/u1.json" \
	>/dev/null || tb_fail "unbind JSON wrong"
[ "$(drv)" = "$old" ] || tb_fail "after unbind the driver is '$(drv)', was '$old'"
[ "$(cat "$d/driver_override")" = "(null)" ] || tb_fail "override left: $(cat "$d/driver_override")"
[ ! -e "$ZPCIDIAG_RUN_DIR/$addr.bind" ] || tb_fail "state file left behind"

"$ZPCIDIAG" --json unbind "$addr" > "$TB_CASE_TMP/u2.json" || tb_fail "second unbind exited $?"
jq -e '.changed == false' "$TB_CASE_TMP/u2.json" >/dev/null || tb_fail "second unbind was not a no-op"
rmmod zpci_vfio_pci 2>/dev/null
echo "$addr: $old -> zpci_vfio_pci -> vfio-pci -> $old"
