#!/bin/sh
# Healthy systems of every shape (kernel generations 4.19 to 6.18, UID checking
# on and off, a RoCE PF with linked VFs, NETD multi-function, ISM with class 0,
# Network Express, NVMe, standby slots): no command reports a problem, and
# check exits 0 in every format. A false alarm here is a bug.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

no_problems() {
	CHECKS=$((CHECKS + 1))
	printf '%s' "$OUT" | python3 -c '
import json, sys
d = json.load(sys.stdin)
p = [(f["address"], x["code"], x["text"]) for f in d["functions"] for x in f["problems"]]
if p:
    print(p[:5]); sys.exit(1)' || fail "$1 reports problems on a healthy $2"
}

shapes=$(python3 "$MKFIXTURE" --list-healthy)
[ -n "$shapes" ] || fail "no healthy shapes listed"
for s in $shapes; do
	R=$(root "$s")/sys
	run 0 --sysfs-root "$R" --json list && no_problems list "$s"
	devs=$(printf '%s' "$OUT" | python3 -c '
import json, sys
print(" ".join(f["address"] for f in json.load(sys.stdin)["functions"] if f["address"]))')
	# shellcheck disable=SC2086
	run 0 --sysfs-root "$R" --json show $devs && no_problems show "$s"
	run 0 --sysfs-root "$R" --json bars && no_problems bars "$s"
	run 0 --sysfs-root "$R" --json vf && no_problems vf "$s"
	run 0 --sysfs-root "$R" --json check
	jeq 'd["status"]' ok
	jeq '[f["rule"] for f in d["findings"] if f["severity"] != "info"]' '[]'
	for fmt in table plugin prometheus; do
		run 0 --sysfs-root "$R" check --format=$fmt
	done
	run 0 --sysfs-root "$R" list --tree
	run 0 --sysfs-root "$R" list
	lacks "$ERR" 'malformed'
done

# the false alarms these shapes were made for
R=$(root lpar-6-1-roce-pf-linked-vfs)/sys
run 0 --sysfs-root "$R" --json list
jeq 'd["uid_checking"]' true
jeq '[f["address"] for f in d["functions"] if (f["address"] or "").startswith("001c:")]' \
	'["001c:00:00.0", "001c:00:00.2", "001c:00:00.3"]'
jeq '[f["uid"] for f in d["functions"] if (f["address"] or "").startswith("001c:")]' '[28, 29, 30]'
R=$(root lpar-4-19-no-new-attrs)/sys
run 0 --sysfs-root "$R" --json list
jeq 'd["uid_checking"]' null
jeq '[f["port"] for f in d["functions"]]' '[null, null, null, null]'
R=$(root lpar-6-13-netd-multifunction)/sys
run 0 --sysfs-root "$R" --json check
jeq 'd["findings"]' '[]'
jeq 'd["kernel_release"]' 6.13.2-1-s390x
done_testing
