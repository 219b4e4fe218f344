#!/bin/sh
# --type filters by PFT name or number, also for explicitly named devices.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)

t() {	# TYPE EXPECTED-ADDRESSES-JSON
	run 0 --sysfs-root "$R" --json --type "$1" list && jeq '[f["address"] for f in d["functions"]]' "$2"
}
t ism '["0001:00:00.0"]'
t ISM '["0001:00:00.0"]'
t roce2 '["0010:00:00.0", "0011:00:00.0"]'
t 0x0a '["0010:00:00.0", "0011:00:00.0"]'
t 10 '["0010:00:00.0", "0011:00:00.0"]'
t nvme '["0020:00:00.0"]'
t neth '["0040:00:00.0"]'
t unclassified '["0050:00:00.0"]'
t 0x1e '["0060:00:00.0"]'
t roce '["0010:00:00.0", "0011:00:00.0"]'
t 2 '[]'
t netd '[]'
t cnw '[]'
run 0 --sysfs-root "$R" --json list --type ism 0x100 0001:00:00.0
jeq '[f["address"] for f in d["functions"]]' '["0001:00:00.0"]'
run 0 --sysfs-root "$R" vf --type nvme
contains "$OUT" 'no virtual functions'
done_testing
