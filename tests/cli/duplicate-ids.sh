#!/bin/sh
# Configured functions sharing one FID, or one UID while UIDs are unique: one
# warning per group, on its first function, naming the others (the same
# severity in list, show and check); selectors name every function they matched.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
D11=$R/devices/pci0011:00/0011:00:00.0
PROBS='[p["code"] for f in d["functions"] for p in f["problems"]]'

printf '0x00000100\n' >"$D11/function_id"
run 0 --sysfs-root "$R" --json list
jeq "$PROBS.count('fid-duplicate')" 1
jeq '[(f["address"], p["text"]) for f in d["functions"] for p in f["problems"] if p["code"] == "fid-duplicate"]' \
	'[["0010:00:00.0", "FID 0x00000100 held by 2 functions, also 0011:00:00.0: firmware gives each function its own FID"]]'
# a group of three is still one finding
D12=0001:00:00.0
cp "$R/bus/pci/devices/$D12/function_id" "$WORK/fid12"
printf '0x00000100\n' >"$R/bus/pci/devices/$D12/function_id"
run 0 --sysfs-root "$R" --json list
jeq "$PROBS.count('fid-duplicate')" 1
contains "$(jq '[p["text"] for f in d["functions"] for p in f["problems"] if p["code"] == "fid-duplicate"][0]')" \
	"^FID 0x00000100 held by 3 functions, also 0010:00:00.0 0011:00:00.0:"
jeq '[f["address"] for f in d["functions"] for p in f["problems"] if p["code"] == "fid-duplicate"]' '["0001:00:00.0"]'
cp "$WORK/fid12" "$R/bus/pci/devices/$D12/function_id"
run 0 --sysfs-root "$R" --json show 0x100
jeq '[f["address"] for f in d["functions"]]' '["0010:00:00.0", "0011:00:00.0"]'
contains "$ERR" 'fid:0x100|0x100: matches 2 functions: 0010:00:00.0 0011:00:00.0'
# a command that acts on one function refuses an ambiguous selector
run 2 --sysfs-root "$R" vf --probe-command 0x100
contains "$ERR" 'matches 2 functions'
printf '0x00000101\n' >"$D11/function_id"

printf '0x10\n' >"$D11/uid"
run 0 --sysfs-root "$R" --json list
jeq "$PROBS.count('uid-duplicate')" 1
jeq '[p["severity"] for f in d["functions"] for p in f["problems"] if p["code"] == "uid-duplicate"]' '["warning"]'
run 0 --sysfs-root "$R" list
lacks "$ERR" 'malformed'
# with UID checking off, UIDs need not be unique
printf '0\n' >"$R/firmware/clp/uid_checking"
for f in "$R"/devices/*/*/uid_is_unique; do printf '0\n' >"$f"; done
run 0 --sysfs-root "$R" --json list
jeq "$PROBS.count('uid-duplicate')" 0
done_testing
