#!/bin/sh
# NUL bytes and control characters in files other than a function's
# attributes: /proc/sysinfo beside the root, an IOMMU group's type and
# reserved_regions. Shown escaped like every value (\x00, \x1b), never
# cut at the NUL and never reaching the terminal raw; a list the NUL would
# cut short is said to be malformed, not taken as complete.
. "$(dirname "$0")/lib.sh"

R=$WORK/root
python3 "$MKFIXTURE" --root mixed-system "$R" || fail "fixture"
VF=0011:00:00.0		# vfio-pci, IOMMU group 2
mkdir -p "$R/proc"
printf 'Manufacturer:         IBM\nType:                 3931\nLPAR Number:          1\nLPAR Name:            A\000B\nLPAR Extended Name:   AB\033[2JC\000D\n' \
	>"$R/proc/sysinfo"
printf 'DMA\033[2J\000FQ\n' >"$R/sys/kernel/iommu_groups/2/type"
printf '0x0000000000000000 0x00000000ffffffff reserved\n\0000x0000000100000000 0x00000001ffffffff msi\n' \
	>"$R/sys/kernel/iommu_groups/2/reserved_regions"

noraw() {	# WHAT: no ESC byte or NUL byte in the last output
	CHECKS=$((CHECKS + 1))
	[ "$(cat "$WORK/out" "$WORK/err" | tr -cd '\033\000' | wc -c)" = 0 ] ||
		fail "$1: a raw ESC or NUL byte reached the output"
}

run 0 --sysfs-root "$R/sys" show $VF
noraw show
contains "$OUT" '^  lpar name +A\\x00B'
contains "$OUT" '^  iommu domain +DMA\\x1b\[2J\\x00FQ'
run 0 --sysfs-root "$R/sys" --json show $VF
noraw "--json show"
jeq "d['environment']['lpar_name']" 'A\x00B'
jeq "d['environment']['lpar_extended_name']" 'AB\x1b[2JC\x00D'
jeq "d['functions'][0]['passthrough']['iommu_domain_type']" 'DMA\x1b[2J\x00FQ'
run 0 --sysfs-root "$R/sys" check $VF
noraw check
contains "$ERR" "iommu_groups/2/reserved_regions: malformed: holds a NUL byte"
done_testing
