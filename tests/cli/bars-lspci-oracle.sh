#!/bin/sh
# BAR sizes cross-checked against lspci reading the same fake tree through
# libpci's sysfs method: an implementation zpcidiag does not share.
. "$(dirname "$0")/lib.sh"
[ -n "${LSPCI:-}" ] && [ -x "$LSPCI" ] || { echo "SKIP: lspci not found"; exit 77; }

for fx in ism-256t-bar detached-roce-vf linked-vf nvme standby-slot uid-checking-off mixed-system; do
	R=$(fixture "$fx")
	run 0 --sysfs-root "$R" --json bars || continue
	ours=$(jq '"\n".join("%s %d %s %s" % (f["address"], b["index"], b["size_human"],
		"64-bit" if b["is_64bit"] else "32-bit") for f in d["functions"] for b in f["bars"])' | sort)
	theirs=$("$LSPCI" -D -A linux-sysfs -O sysfs.path="$R/bus/pci" -vv 2>"$WORK/lspci.err" | awk '
		/^[0-9a-f]+:[0-9a-f]+:[0-9a-f]+\.[0-7] / { addr = $1 }
		/^\tRegion [0-9]:/ {
			idx = substr($2, 1, 1)
			size = ""; width = "32-bit"
			if (match($0, /\[size=[^]]*\]/)) size = substr($0, RSTART + 6, RLENGTH - 7)
			if ($0 ~ /64-bit/) width = "64-bit"
			print addr, idx, size, width
		}' | sort)
	CHECKS=$((CHECKS + 1))
	if [ -z "$theirs" ]; then
		fail "$fx: lspci printed no regions: $(cat "$WORK/lspci.err")"
	elif [ "$ours" != "$theirs" ]; then
		fail "$fx: zpcidiag and lspci disagree
zpcidiag:
$ours
lspci:
$theirs"
	fi
done
done_testing
