# flavour: normal
# (not kasan: CLI-heavy; the region paths run there in kmod-region-*)
# needs: vfio kmod
# Every iotest mode's --json document, from a real run: read, read --count
# (loop), write, write --count (loop), verify and the reject matrix, each
# with the member of its mode and an exit_code that matches the exit status.
# Each document is printed on one line after "IOTEST-JSON NAME " so that
# tests/fixtures/iotest-json/ can be refreshed from the console log (see its
# README); the host test iotest-json-follows-schema.sh validates those
# against docs/zpcidiag.schema.json. Target: virtio-net's device config
# (BAR4 0x2000), whose MAC bytes are writable while no features are
# negotiated (as in iotest-verify-emulator-byte-reversal.sh).
. /testbed/lib.sh
tb_bind_variant_kind virtio-net-pci

one() {	# NAME MEMBER ARGS...: run, check, print
	_name=$1 _member=$2
	shift 2
	"$ZPCIDIAG" --json iotest "$addr" "$@" > "$TB_CASE_TMP/$_name.json"
	_rc=$?
	case $_rc in 0|1|7) ;; *) tb_fail "$_name: exited $_rc" ;; esac
	jq -e --arg m "$_member" --argjson rc "$_rc" \
		'.command == "iotest" and .exit_code == $rc and has($m)' \
		"$TB_CASE_TMP/$_name.json" >/dev/null ||
		tb_fail "$_name: no $_member or exit_code is not $_rc: $(cat "$TB_CASE_TMP/$_name.json")"
	echo "IOTEST-JSON $_name $(jq -c . "$TB_CASE_TMP/$_name.json")"
}
one read reads
one read-lengths reads --bar 4 --offset 0x2000 --length 8
one read-loop loop --bar 4 --offset 0x12 --length 2 --count 50
one write write --bar 4 --offset 0x2000 --length 16 --write --pattern 0x0a0b0c0d0e0f1011
one write-loop loop --bar 4 --offset 0x2000 --length 16 --write --count 20
one verify verify --bar 4 --offset 0x2000 --length 16 --verify --pattern 0x1122334455667788
one reject-matrix reject_matrix --reject-matrix
