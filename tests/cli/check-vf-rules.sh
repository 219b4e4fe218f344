#!/bin/sh
# VF rules: a detached VF's memory bit reads 0 (info: expected), and a VF bound
# to vfio on a kernel before 5.10 (critical: vfio refuses MMIO). Look-alikes:
# the same VF on 5.14, a linked VF, a VF with its usual driver.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

R=$(copy_root lpar-4-19-no-new-attrs vf)
run 0 --sysfs-root "$R/sys" --json check
fires vf-memory-bit-hardwired 0003:00:00.0
silent vf-vfio-no-command-memory
jeq '[f["finding"] for f in d["findings"] if f["rule"] == "vf-memory-bit-hardwired"]' \
	'["detached VF 1: PCI_COMMAND memory bit reads 0 (hardwired; lspci shows Mem- and [virtual] regions)"]'

bind_to "$R" 0003:00:00.0 vfio-pci
run 2 --sysfs-root "$R/sys" --json check
fires vf-vfio-no-command-memory 0003:00:00.0
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "vf-vfio-no-command-memory"][0]')" \
	'on Linux 4.19.0-27-s390x: before 5.10'

# the same VF and driver on a kernel with no_command_memory handling
kernel "$R" 5.10.0-30-s390x
run 0 --sysfs-root "$R/sys" --json check
silent vf-vfio-no-command-memory
# and on a root that does not say which kernel: nothing is inferred
rm "$R/proc/sys/kernel/osrelease"
run 0 --sysfs-root "$R/sys" --json check
silent vf-vfio-no-command-memory
jeq 'd["kernel_release"]' null

# a VF linked to its PF in the same partition is not "detached"
R=$(root lpar-6-1-roce-pf-linked-vfs)
run 0 --sysfs-root "$R/sys" --json check 001c:00:00.2 001c:00:00.3
silent vf-memory-bit-hardwired
done_testing
