#!/bin/sh
# JSON: 64-bit addresses, masks and handles are "0x..." strings (numbers above
# 2^53 lose precision in jq); show reads only the functions it names, so a
# script showing each function in turn does not read the whole tree each time.
. "$(dirname "$0")/lib.sh"
R=$(fixture mixed-system)
run 0 --sysfs-root "$R" --json show 0001:00:00.0
jeq 'd["schema_version"]' 2
jeq 'd["functions"][0]["fh"]' '0x84210210'
jeq 'd["functions"][0]["bars"][0]["start"]' '0x8000000000000000'
jeq 'd["functions"][0]["bars"][0]["flags"]' '0x0000000000140204'
jeq 'd["functions"][0]["bars"][0]["size"]' 281474976710656

# show of one function opens the same number of files however many exist
count_opens() {	# ROOT: files zpcidiag reads for 'show 0001:00:00.0' (from -vv)
	"$ZPCIDIAG" --sysfs-root "$1" -vv show 0001:00:00.0 2>&1 >/dev/null |
		sed -n 's/.*sysfs: read \([0-9]*\) files.*/\1/p'
}
small=$(count_opens "$R")
B=$WORK/big
cp -a "$R" "$B"
for i in $(seq 1 40); do
	dom=$(printf '%04x' $((0x100 + i)))
	a=$dom:00:00.0
	mkdir "$B/devices/pci$dom:00"
	cp -a "$B/devices/pci0020:00/0020:00:00.0" "$B/devices/pci$dom:00/$a"
	printf '0x%08x\n' $((0x1000 + i)) >"$B/devices/pci$dom:00/$a/function_id"
	printf '0x%x\n' $((0x100 + i)) >"$B/devices/pci$dom:00/$a/uid"
	ln -s "../../../devices/pci$dom:00/$a" "$B/bus/pci/devices/$a"
done
run 0 --sysfs-root "$B" --json list
jeq 'len(d["functions"])' 48
big=$(count_opens "$B")
CHECKS=$((CHECKS + 1))
[ -n "$small" ] && [ "$small" -gt 10 ] || fail "-vv does not report the files read ('$small')"
[ "$small" = "$big" ] || fail "show read $small files with 8 functions, $big with 48"
done_testing
