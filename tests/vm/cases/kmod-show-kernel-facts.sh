# flavour: normal stock
# needs: kmod
# `zpcidiag show` carries the kernel's facts while zpcidiag_diag is loaded:
# the JSON "kernel" member equals sysfs and the module's own answer, the VF
# verdict's no_command_memory becomes known; without the module the kdiag
# source says why and "kernel" is null.
. /testbed/lib.sh
KQ=/usr/libexec/zpcidiag-tests/kdiag-query
name=$(tb_present_names | head -n1)
dev=$(tb_devdir_of_fid "$(tb_fid "$name")") || tb_fail "no device for $name"
addr=$(basename "$dev")
j=$TB_CASE_TMP/show.json

"$ZPCIDIAG" --json show "$addr" > "$j" || tb_fail "show failed without the module"
[ "$(jq -r '.functions[0].kernel' "$j")" = null ] || tb_fail "kernel facts without the module"
[ "$(jq -r '.functions[0].sources.kdiag.reason' "$j")" = "zpcidiag_diag module not loaded" ] ||
	tb_fail "kdiag source: $(jq -c '.functions[0].sources.kdiag' "$j")"
[ "$(jq -r '.functions[0].vf.no_command_memory_known' "$j")" = false ] || tb_fail "known without the module"

insmod "$ZPCI_KMOD_DIR/zpcidiag_diag.ko" || tb_fail "insmod zpcidiag_diag"
trap 'rmmod zpcidiag_diag' EXIT
"$ZPCIDIAG" --json show "$addr" > "$j" || tb_fail "show failed with the module"
[ "$(jq -r '.functions[0].sources.kdiag.state' "$j")" = ok ] || tb_fail "kdiag source not ok"
[ "$(jq -r '.functions[0].kernel.fid' "$j")" = "$(printf '%d' "$(cat "$dev/function_id")")" ] || tb_fail "fid"
[ "$(jq -r '.functions[0].kernel.fh' "$j")" = "$(cat "$dev/function_handle")" ] || tb_fail "fh"
[ "$(jq -r '.functions[0].kernel.pchid' "$j")" = "$(printf '%d' "$(cat "$dev/pchid")")" ] || tb_fail "pchid"
[ "$(jq -r '.functions[0].vf.no_command_memory_known' "$j")" = true ] || tb_fail "no_command_memory not known"
[ "$(jq -r '.functions[0].kernel.no_command_memory' "$j")" = false ] || tb_fail "no_command_memory on a virtio PF"
ms=$("$KQ" addr "$addr" | tr ' ' '\n' | sed -n 's/^maxstbl=//p')
[ "$(jq -r '.functions[0].kernel.maxstbl' "$j")" = "$ms" ] || tb_fail "maxstbl differs from the module's answer ($ms)"
"$ZPCIDIAG" show "$addr" | grep -q '^Kernel (zpcidiag_diag):' || tb_fail "text show lacks the Kernel section"
"$ZPCIDIAG" show "$addr" | sed -n '/^Kernel/,/^Sources/p'
