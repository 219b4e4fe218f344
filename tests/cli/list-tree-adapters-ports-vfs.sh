#!/bin/sh
# list --tree on an LPAR with a RoCE PF and its linked VFs, a detached VF on
# another port of the same adapter, ISM, NVMe and a standby function: adapters
# in PCHID order, ports below them, VFs below their PF, names below functions.
. "$(dirname "$0")/lib.sh"
R=$(fixture lpar-6-1-roce-pf-linked-vfs)

run 0 --sysfs-root "$R" list --tree
T=$OUT
# adapter -> port -> function, in PCHID order; the unknown adapter last
contains "$(printf '%s\n' "$T" | grep '^adapter' | tr '\n' ' ')" \
	'^adapter PCHID 0x0140 adapter PCHID 0x0170 adapter PCHID 0x01c4 adapter PCHID 0x07c0 adapter unknown'
contains "$T" '^  port 1$'
# the PF, then its two VFs one level deeper, the last one closing the branch
contains "$(printf '%s\n' "$T" | grep -A5 '001c:00:00.0' | tr '\n' '~')" \
	'^    \\- 001c:00:00.0 fid 0x00000600 RoCE Express2/3~      \|  driver mlx5_core; enP28p0s0f0 pnet:NETA\(util_string\)~      \+- 001c:00:00.2 fid 0x00000601 RoCE Express2/3 \[VF\]~      \|    driver mlx5_core; enP28p0s0f2 pnet:NETA\(util_string\)~      \\- 001c:00:00.3 fid 0x00000602 RoCE Express2/3 \[VF\]~'
contains "$T" '0041:00:00.0 fid 0x00000641 RoCE Express2/3 \[detached VF\]'
contains "$T" 'driver nvme; /dev/nvme0$'
# PNET IDs with their source: here the utility string only (no smc/pnet-table)
contains "$T" 'driver ism; pnet:NETA\(util_string\)$'
# standby: without CLP its adapter is unknown
contains "$(printf '%s\n' "$T" | sed -n '/^adapter unknown/,$p' | tr '\n' '~')" \
	'port unknown~    \\- \(no PCI device\) fid 0x00000710 - \[standby\]'
# selected functions only, and no tree in JSON
run 0 --sysfs-root "$R" list --tree 0005:00:00.0
[ "$(printf '%s\n' "$OUT" | grep -c '^adapter')" = 1 ] || fail "one function, one adapter: $OUT"
run 2 --sysfs-root "$R" --json list --tree
done_testing
