#!/bin/sh
# The interface names systemd-udevd forms for zPCI functions: the slot name
# takes the FID (function_id parsed, printed in decimal, no domain: FID 0x100
# -> ens256), the onboard name the index attribute, the path name the PCI
# address with p<bus> and f<function> for multi-function devices; and the
# RDMA (IB) device a RoCE function carries.
. "$(dirname "$0")/lib.sh"

R=$(fixture detached-roce-vf)
run 0 --sysfs-root "$R" --json show 0010:00:00.0
schema_valid show
jeq 'd["functions"][0]["ifnames"]' '{"onboard": "eno16", "slot": "ens256", "path": "enP16p0s0"}'
jeq 'd["functions"][0]["netdevs"]' '["ens256"]'
run 0 --sysfs-root "$R" show ens256
contains "$OUT" '^  ifname slot +ens256 +systemd: ens<FID in decimal>; an interface has this name'
contains "$OUT" '^  ifname onboard +eno16 '
contains "$OUT" '^  ifname path +enP16p0s0 '
# the RDMA device beside the interface (smc_rnics' IB device column)
contains "$OUT" '^  ibdev +mlx5_0 '
run 0 --sysfs-root "$R" --json list
schema_valid list
jeq '[f["ibdevs"] for f in d["functions"]]' '[["mlx5_0"], []]'
run 0 --sysfs-root "$R" list --tree
contains "$OUT" 'driver mlx5_core; ens256 ib:mlx5_0 pnet:NETA\(util_string\) pnet:NETB\(util_string\)$'

# NETD: three functions on one bus; function numbers in slot and path names, fidparm bit
N=$(fixture lpar-6-13-netd-multifunction)
run 0 --sysfs-root "$N" --json show 0030:00:00.2
jeq 'd["functions"][0]["ifnames"]["path"]' enP48p0s0f2
jeq 'd["functions"][0]["ifnames"]["slot"]' ens3074f2
jeq 'd["functions"][0]["fidparm_flags"]' '["promiscuous"]'
run 0 --sysfs-root "$N" show 0030:00:00.0
contains "$OUT" '^  fidparm bits +promiscuous mode allowed \(Network Express VF\)'

# domain 0 has no P<domain>; no index (UID checking off) means no onboard name
U=$(fixture lpar-5-14-uid-checking-off)
run 0 --sysfs-root "$U" --json show 0000:00:00.0
jeq 'd["functions"][0]["ifnames"]' '{"onboard": null, "slot": "ens2304", "path": "enp0s0"}'

# uid-not-unique-names: only names built from the domain follow discovery order
run 0 --sysfs-root "$U" --json check
jeq 'sorted(f["device"] for f in d["findings"] if f["rule"] == "uid-not-unique-names")' '["0000:00:00.0", "0001:00:00.0"]'
contains "$OUT" 'stable: the slot name ens2304'
S=$WORK/slotnames
cp -r "$U" "$S"
for a in 0000 0001; do
	old=$(ls "$S/bus/pci/devices/$a:00:00.0/net")
	fid=$(($(cat "$S/bus/pci/devices/$a:00:00.0/function_id")))
	mv "$S/bus/pci/devices/$a:00:00.0/net/$old" "$S/bus/pci/devices/$a:00:00.0/net/ens$fid"
done
run 0 --sysfs-root "$S" --json check
jeq '[f for f in d["findings"] if f["rule"] == "uid-not-unique-names"]' '[]'
done_testing
