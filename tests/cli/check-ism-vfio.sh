#!/bin/sh
# ISM and vfio: plain vfio-pci cannot drive ISM (warning), ISM bound to vfio
# where IOVA 0 is not reserved (warning: it goes into an error state), a
# BAR that vfio-pci cannot mmap (info). Look-alikes: ISM with its own driver,
# ISM bound to vfio on a kernel that reserves the space below the DMA window.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root lpar-6-1-roce-pf-linked-vfs ism)
run 0 --sysfs-root "$R/sys" --json check
silent ism-plain-vfio
silent ism-vfio-iova0
silent vfio-bar-not-mappable

bind_to "$R" 0005:00:00.0 vfio-pci
run 1 --sysfs-root "$R/sys" --json check
fires ism-plain-vfio 0005:00:00.0
fires ism-vfio-iova0 0005:00:00.0
silent vfio-bar-not-mappable	# ISM has its own, stronger rule

# the project's variant driver: block stores work, IOVA 0 is still mappable
bind_to "$R" 0005:00:00.0 zpci_vfio_pci
run 1 --sysfs-root "$R/sys" --json check
silent ism-plain-vfio
fires ism-vfio-iova0 0005:00:00.0
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "ism-vfio-iova0"][0]')" \
	'on Linux 6.1.0-28-s390x'

# 6.18 and an IOMMU that reserves 0..start_dma: silent
kernel "$R" 6.18.1-1-s390x
printf '0x0000000000000000 0x00000000ffffffff reserved\n' \
	>"$R/sys/kernel/iommu_groups/21/reserved_regions"
run 0 --sysfs-root "$R/sys" --json check
silent ism-vfio-iova0
# ... but only if the region starts at IOVA 0
printf '0x0000000000001000 0x00000000ffffffff reserved\n' \
	>"$R/sys/kernel/iommu_groups/21/reserved_regions"
run 1 --sysfs-root "$R/sys" --json check
fires ism-vfio-iova0 0005:00:00.0
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "ism-vfio-iova0"][0]')" \
	'IOMMU group 21 reports no reserved region at IOVA 0'

# NVMe without MIO bound to plain vfio-pci: its BAR has no CPU address to mmap
R=$(copy_root lpar-4-19-no-new-attrs nvme)
bind_to "$R" 0000:00:00.0 vfio-pci
run 0 --sysfs-root "$R/sys" --json check
silent vfio-bar-not-mappable	# 4.19 has no mio_enabled: not known, not guessed
R=$(copy_root lpar-6-18-network-express nvme618)
run 0 --sysfs-root "$R/sys" --json check
silent vfio-bar-not-mappable
bind_to "$R" 0020:00:00.0 vfio-pci
run 0 --sysfs-root "$R/sys" --json check
fires vfio-bar-not-mappable 0020:00:00.0
done_testing
