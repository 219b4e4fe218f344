#!/bin/sh
# ISM (1014:04ed, PFT 0x05) with its 2^48-byte BAR 0: lspci's "256T", never mappable.
. "$(dirname "$0")/lib.sh"
R=$(fixture ism-256t-bar)

run 0 --sysfs-root "$R" list
contains "$(row 0001:00:00.0)" '0x00000210 +0x1 +0x07c0 +0x02 +0 +ISM +0 +1014:04ed +ism +configured'

run 0 --sysfs-root "$R" bars
L=$(row 0001:00:00.0)
contains "$L" ' 0 +mem +64-bit +no +256T +281474976710656 +no +ISM' "bars row"

run 0 --sysfs-root "$R" --json bars
jeq 'd["functions"][0]["bars"][0]["size"] == 2**48' true
jeq 'd["functions"][0]["bars"][0]["size_human"]' 256T
jeq 'd["functions"][0]["bars"][0]["mappable"]' false
jeq 'd["functions"][0]["bars"][0]["is_64bit"]' true
jeq 'd["functions"][0]["bars"][0]["prefetchable"]' false
jeq 'd["functions"][0]["bars"][0]["mappable_inferred"]' false
jeq 'len(d["functions"][0]["bars"])' 1
jeq 'd["functions"][0]["type"]' ism

run 0 --sysfs-root "$R" show 0001:00:00.0
contains "$OUT" 'pft +0x05 +PCI function type: ISM'
contains "$OUT" 'util_string\[0\] +NETA +PNET ID'
contains "$OUT" 'bar0 +mem 64-bit size=256T'
contains "$OUT" 'uid +0x1 .*UID checking: on'
contains "$OUT" 'iommu_group +0'
contains "$OUT" 'slot_power +1 +slot 00000210'
done_testing
