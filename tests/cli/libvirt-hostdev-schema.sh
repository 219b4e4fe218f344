#!/bin/sh
# passthrough --libvirt: the <hostdev> snippet, placed in a minimal s390x
# domain, validates against libvirt's own RELAX NG schema (Debian ships it in
# libvirt0: /usr/share/libvirt/schemas/domain.rng; xmllint from libxml2-utils).
# The schema refuses a UID above 0xffff: the check can fail.
. "$(dirname "$0")/lib.sh"
RNG=${LIBVIRT_DOMAIN_RNG:-/usr/share/libvirt/schemas/domain.rng}
[ -r "$RNG" ] || { echo "SKIP: no $RNG (Debian package libvirt0)"; exit 77; }
command -v xmllint >/dev/null 2>&1 || { echo "SKIP: no xmllint (libxml2-utils)"; exit 77; }

R=$WORK/root
python3 "$MKFIXTURE" --root mixed-system "$R" || fail "fixture"

domain() {	# FILE: the snippet in $OUT inside a domain
	{
		printf "<domain type='kvm'><name>g</name><memory>131072</memory>\n"
		printf "<os><type arch='s390x' machine='s390-ccw-virtio'>hvm</type></os><devices>\n"
		printf '%s\n' "$OUT"
		printf '</devices></domain>\n'
	} >"$1"
}
validates() {	# FILE
	CHECKS=$((CHECKS + 1))
	xmllint --noout --relaxng "$RNG" "$1" 2>"$WORK/xmllint.err" ||
		fail "$1 does not validate: $(cat "$WORK/xmllint.err")"
}

# the vfio function with the host's UID 0x11 and FID 0x101 (nobody holds it)
run 0 --sysfs-root "$R/sys" passthrough --libvirt 0011:00:00.0
domain "$WORK/host-ids.xml"
validates "$WORK/host-ids.xml"
contains "$OUT" "<zpci uid='0x0011' fid='0x00000101'/>"
# the ISM (UID 0x1) and NVMe functions give valid snippets too
run 0 --sysfs-root "$R/sys" passthrough --libvirt 0001:00:00.0 0020:00:00.0
domain "$WORK/two.xml"
validates "$WORK/two.xml"

# the schema is a real oracle: a 17-bit UID is refused
sed "s/uid='0x0011'/uid='0x10011'/" "$WORK/host-ids.xml" >"$WORK/bad.xml"
CHECKS=$((CHECKS + 1))
xmllint --noout --relaxng "$RNG" "$WORK/bad.xml" 2>/dev/null && fail "libvirt's schema took uid 0x10011"
done_testing
