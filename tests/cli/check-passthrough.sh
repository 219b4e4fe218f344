#!/bin/sh
# check --passthrough DEVICE: a function still on its host driver (critical),
# an IOMMU group that also holds a device not bound to vfio (critical), and
# the ready case: bound to vfio-pci, alone in its group. vfio's capabilities
# are live-only facts: tests/unit/test-check-rules.c covers those rules.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root lpar-6-18-network-express pt)
run 2 --sysfs-root "$R/sys" --json check --passthrough 0020:00:00.0
fires passthrough-not-vfio 0020:00:00.0
silent passthrough-iommu-group
jeq 'd["functions_checked"]' 1
# the passthrough rules run only for the function named with --passthrough
run 0 --sysfs-root "$R/sys" --json check
silent passthrough-not-vfio

bind_to "$R" 0020:00:00.0 vfio-pci
run 0 --sysfs-root "$R/sys" --json check --passthrough /dev/nvme0
silent passthrough-not-vfio
silent passthrough-iommu-group
silent passthrough-zpci-caps	# a fake tree has no vfio device to ask

# group 4 also holds a function on its host driver
ln -s "../../../../$(cd "$R/sys" && cd "bus/pci/devices/0050:00:00.0" && pwd -P | sed "s|^$(cd "$R/sys" && pwd -P)/||")" \
	"$R/sys/kernel/iommu_groups/4/devices/0050:00:00.0"
run 2 --sysfs-root "$R/sys" --json check --passthrough 0020:00:00.0
fires passthrough-iommu-group 0020:00:00.0
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "passthrough-iommu-group"][0]')" \
	'also holds 0050:00:00.0 \(mlx5_core\), not bound to vfio'
bind_to "$R" 0050:00:00.0 vfio-pci
run 0 --sysfs-root "$R/sys" --json check --passthrough 0020:00:00.0
silent passthrough-iommu-group

# no IOMMU group at all
rm "$(devdir "$R" 0020:00:00.0)/iommu_group"
run 2 --sysfs-root "$R/sys" --json check --passthrough 0020:00:00.0
fires passthrough-iommu-group 0020:00:00.0

# what cannot be passed through, and mixing --passthrough with DEVICEs
run 3 --sysfs-root "$R/sys" check --passthrough fid:0xa01
contains "$ERR" 'not a configured PCI function'
run 3 --sysfs-root "$R/sys" check --passthrough 0020:00:00.0 0050:00:00.0
run 3 --sysfs-root "$R/sys" check --passthrough 0099:00:00.0
done_testing
