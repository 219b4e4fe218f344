#!/bin/sh
# UID rules and the model's consistency problems as check findings:
# interface names while UIDs are not unique (info), a devfn-0 function whose
# domain is not its UID and duplicate UIDs under UID checking, attributes the
# kernel never had (one system-wide info) versus one function missing one,
# malformed, unreadable and other inconsistent data.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

# UID checking off: names with enP<domain> follow discovery order
R=$(root lpar-5-14-uid-checking-off)
run 0 --sysfs-root "$R/sys" --json check
fires uid-not-unique-names 0000:00:00.0
fires uid-not-unique-names 0001:00:00.0
silent uid-not-unique-names 0002:00:00.0	# ISM has no interface
silent uid-duplicate				# UID 0x7 twice is allowed without UID checking
silent uid-domain-mismatch
jeq 'd["uid_checking_source"]' 'uid_is_unique attributes'
R=$(root lpar-6-1-roce-pf-linked-vfs)
run 0 --sysfs-root "$R/sys" --json check
silent uid-not-unique-names
silent uid-domain-mismatch		# VFs share the PF's domain 001c with UIDs 0x1d, 0x1e

# a devfn-0 function whose domain is not its UID, with UID checking on
R=$(copy_root lpar-6-1-roce-pf-linked-vfs uiddom)
printf '0x1b\n' >"$(devdir "$R" 001c:00:00.0)/uid"
run 1 --sysfs-root "$R/sys" --json check
fires uid-domain-mismatch 001c:00:00.0
silent uid-domain-mismatch 001c:00:00.2
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "uid-domain-mismatch"][0]')" \
	'UID checking is on \(uid_is_unique attributes\)'
# UID checking known only from index files (no uid_is_unique): still known
for d in "$R"/sys/devices/*/*/uid_is_unique; do rm "$d"; done
run 1 --sysfs-root "$R/sys" --json check
fires uid-domain-mismatch 001c:00:00.0
jeq 'd["uid_checking_source"]' 'index attributes'
# ... and unknown without index files: nothing is inferred
for d in "$R"/sys/devices/*/*/index; do rm "$d"; done
run 0 --sysfs-root "$R/sys" --json check
silent uid-domain-mismatch
jeq 'd["uid_checking"]' null

# two functions with one UID while UIDs are unique
R=$(copy_root lpar-6-18-network-express uiddup)
printf '0x60\n' >"$(devdir "$R" 0061:00:00.0)/uid"
run 1 --sysfs-root "$R/sys" --json check
fires uid-duplicate 0060:00:00.0	# one finding per group, on its first function
silent uid-duplicate 0061:00:00.0
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "uid-duplicate"][0]')" \
	'UID 0x60 used by 2 functions, also 0061:00:00.0'
jeq '[f["severity"] for f in d["findings"] if f["rule"] == "uid-duplicate"]' '["warning"]'
# show and list say it with the same severity
run 0 --sysfs-root "$R/sys" --json list
jeq '[p["severity"] for f in d["functions"] for p in f["problems"] if p["code"] == "uid-duplicate"]' '["warning"]'

# the kernel predates port, mio_enabled, uid_is_unique: said once, not per function
R=$(root lpar-4-19-no-new-attrs)
run 0 --sysfs-root "$R/sys" --json check
fires kernel-lacks-attrs
jeq '[f["device"] for f in d["findings"] if f["rule"] == "kernel-lacks-attrs"]' '[null]'
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "kernel-lacks-attrs"][0]')" \
	'no port, mio_enabled, uid_is_unique, fidparm attributes'
silent attr-missing
R=$(root lpar-6-18-network-express)
run 0 --sysfs-root "$R/sys" --json check
silent kernel-lacks-attrs
# one function without port while the others have it: that function is incomplete
R=$(copy_root lpar-6-18-network-express noport)
rm "$(devdir "$R" 0060:00:00.0)/port"
run 1 --sysfs-root "$R/sys" --json check
fires attr-missing 0060:00:00.0
silent kernel-lacks-attrs

# malformed (critical), unreadable (critical, as show and list exit 4 for
# it), other problems by severity
R=$(copy_root lpar-6-18-network-express data)
printf 'zz\n' >"$(devdir "$R" 0060:00:00.0)/pft"
run 2 --sysfs-root "$R/sys" --json check
fires attr-malformed 0060:00:00.0
R=$(copy_root lpar-6-18-network-express unread)
rm "$(devdir "$R" 0061:00:00.0)/pchid" && mkdir "$(devdir "$R" 0061:00:00.0)/pchid"
run 2 --sysfs-root "$R/sys" --json check
fires attr-unreadable 0061:00:00.0
silent data-problem
R=$(copy_root lpar-6-18-network-express other)
ln -s ../../pci0020:00/0020:00:00.0 "$(devdir "$R" 0050:00:00.0)/physfn"	# a PF claiming a PF
run 1 --sysfs-root "$R/sys" --json check
fires data-problem 0050:00:00.0
contains "$(jq '[f["finding"] for f in d["findings"] if f["rule"] == "data-problem"][0]')" '^physfn-on-pf: '
silent data-error
head -c 16 "$(devdir "$R" 0020:00:00.0)/config" >"$WORK/cfg" && cp "$WORK/cfg" "$(devdir "$R" 0020:00:00.0)/config"
run 2 --sysfs-root "$R/sys" --json check
fires data-error 0020:00:00.0
done_testing
