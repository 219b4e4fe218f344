# The environment from the guest's own /proc/sysinfo: QEMU's s390x machine
# answers STSI 3.2.2 with one virtualisation level whose control program is
# "KVM/Linux" (also under TCG), so show calls this a KVM guest and says what
# that changes; the machine type is the emulated CPU model's.
# flavour: normal stock
. /testbed/lib.sh
[ -r /proc/sysinfo ] || tb_fail "no /proc/sysinfo in an s390x guest"
d=$(tb_devdir_of_fid "$(tb_fid rng0)") || tb_fail "rng0 not in sysfs"
addr=$(basename "$d")
grep -E '^(Type|VM00 Control Program|LPAR Name):' /proc/sysinfo
want_type=$(sed -n 's/^Type: *\([^ ]*\).*/\1/p' /proc/sysinfo)
"$ZPCIDIAG" --json show "$addr" > "$TB_CASE_TMP/show.json" || tb_fail "show exited $?"
jq -r '.environment | [.machine_type, .runs_in, .hypervisor, .vm_levels] | @tsv' "$TB_CASE_TMP/show.json" > "$TB_CASE_TMP/env"
cat "$TB_CASE_TMP/env"
read -r type runs hv levels < "$TB_CASE_TMP/env" || true
[ "$type" = "$want_type" ] || tb_fail "machine type '$type', /proc/sysinfo says '$want_type'"
if grep -q '^VM00 Control Program: *KVM/Linux' /proc/sysinfo; then
	[ "$(jq -r .environment.runs_in "$TB_CASE_TMP/show.json")" = "KVM guest" ] ||
		tb_fail "runs_in is not 'KVM guest': $(jq -c .environment "$TB_CASE_TMP/show.json")"
	"$ZPCIDIAG" show "$addr" | grep -E '^  runs in +KVM guest +.*recover on the KVM host' ||
		tb_fail "show does not say what a KVM guest changes"
else
	tb_fail "QEMU's guest has no 'VM00 Control Program: KVM/Linux' line: $(cat /proc/sysinfo)"
fi
