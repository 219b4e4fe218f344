# flavour: normal debug kasan
# needs: kmod hotplug
# The diagnostics module reads struct zpci_dev through pdev->sysdata while it
# walks the PCI bus by pci_get_device() references. zPCI removes the pci_dev
# on slot power off and, on hot-unplug, also frees the zpci_dev. Here dumps
# and single-function queries (by FID, for the function that comes and goes)
# run in a loop while the host plugs and unplugs hp0 and the guest powers
# kbd0's slot off and on. Every query must answer, or say ENODEV for a
# function that is gone; a use-after-free would show as a KASAN report on the
# debug kernel, which the host turns into a failed run. Every dump not marked
# NLM_F_DUMP_INTR must name no function twice and every function that stays
# (all present ones but kbd0) once (review T3); a marked one is counted.
# The rounds run twice: with the product module, whose dumps of the guest's
# few functions fit one netlink part, and with the test build
# zpcidiag_diag_test.ko one_per_part=1, whose every dump part carries one
# function and the reader pauses after each, so each function is found
# again by position and a removal between parts shifts the list: there the
# generation check (NLM_F_DUMP_INTR) is what keeps duplicates and gaps from
# reaching the reader unmarked (review N4), and some of these dumps, which
# span removals, must be marked. (The guest cannot make an unmarked dump
# show a gap: a function powered on again and hp0 join the end of the bus
# list, so after the first round no removal shifts a function the dump has
# still to reach.)
. /testbed/lib.sh
KQ=/usr/libexec/zpcidiag-tests/kdiag-query
hpfid=$(tb_fid hp0)
kbfid=$(tb_fid kbd0)
slot=$(tb_slot_of_fid "$kbfid")
stop=$TB_CASE_TMP/stop
# a round takes about a second on the normal kernel, 15 s on the kasan one
rounds=10
[ "$ZPCI_TESTBED_FLAVOUR" = kasan ] && rounds=4

plugged=0 mod=
cleanup() {
	touch "$stop"
	wait
	[ "$plugged" = 1 ] && tb_request unplug hp0 >/dev/null
	[ "$(cat "$slot/power" 2>/dev/null)" = 0 ] && echo 1 > "$slot/power"
	[ -n "$mod" ] && rmmod "$mod"
}
trap cleanup EXIT

# querier dump|fid: loop until $stop exists; print a count, fail on any
# answer other than success (or ENODEV for the FID query).
stable=$(for nm in $(tb_present_names); do
	[ "$nm" = kbd0 ] || tb_addr_of_fid "$(tb_fid "$nm")"; done)
querier() {
	n=0 bad=0 gone=0 intr=0
	while [ ! -e "$stop" ]; do
		if [ "$1" = dump ]; then
			"$KQ" $dumpargs > "$TB_CASE_TMP/q-$1.out" 2>&1; rc=$?
			if [ $rc = 4 ]; then
				rc=0 intr=$((intr + 1))
			elif [ $rc = 0 ]; then
				d=$(awk '{ print $1 }' "$TB_CASE_TMP/q-$1.out" | sort | uniq -d)
				[ -z "$d" ] || { rc=5; echo "dump $n names $d twice"; }
				for a in $stable; do
					grep -q "^$a " "$TB_CASE_TMP/q-$1.out" ||
						{ rc=5; echo "dump $n misses $a, which never left"; }
				done
			fi
		else
			"$KQ" fid "$hpfid" > "$TB_CASE_TMP/q-$1.out" 2>&1; rc=$?
			if [ $rc = 3 ] && grep -q "^errno=19 " "$TB_CASE_TMP/q-$1.out"; then
				rc=0 gone=$((gone + 1))
			fi
		fi
		if [ $rc != 0 ] || grep -q malformed "$TB_CASE_TMP/q-$1.out"; then
			bad=$((bad + 1))
			echo "$1 query $n: exit $rc: $(head -c 300 "$TB_CASE_TMP/q-$1.out")"
		fi
		n=$((n + 1))
		echo >> "$TB_CASE_TMP/$1.ticks"	# one line a query, for the rounds' pace
	done
	echo "$1: $n queries, $bad failed, $gone while hp0 was gone, $intr marked interrupted"
	[ $bad = 0 ]
}
# rounds_with MODULE [PARAM...]: the hot-plug rounds under both queriers;
# the dump querier runs kdiag-query $dumpargs
rounds_with() {
	mod=$(basename "$1" .ko)
	insmod "$@" || tb_fail "insmod $*"
	rm -f "$stop" "$TB_CASE_TMP/dump.ticks" "$TB_CASE_TMP/fid.ticks"
	querier dump > "$TB_CASE_TMP/dump.log" 2>&1 &
	qdump=$!
	querier fid > "$TB_CASE_TMP/fid.log" 2>&1 &
	qfid=$!

	round=0
	while [ $round -lt $rounds ]; do
		tb_request plug hp0 || tb_fail "host could not plug hp0 (round $round)"
		plugged=1
		tb_wait_for "tb_devdir_of_fid $hpfid >/dev/null" 30 || tb_fail "hp0 did not appear (round $round)"
		echo 0 > "$slot/power" || tb_fail "cannot power off $slot"
		tb_wait_for "! tb_devdir_of_fid $kbfid >/dev/null" 30 || tb_fail "kbd0 still there after power off"
		echo 1 > "$slot/power" || tb_fail "cannot power on $slot"
		tb_wait_for "tb_devdir_of_fid $kbfid >/dev/null" 30 || tb_fail "kbd0 did not come back"
		tb_request unplug hp0 || tb_fail "host could not unplug hp0 (round $round)"
		plugged=0
		tb_wait_for "! tb_devdir_of_fid $hpfid >/dev/null" 30 || tb_fail "hp0 still there after unplug"
		round=$((round + 1))
		# a round ends when each querier has finished a query per round so
		# far: a slow dump (dump-slow) is not outpaced by an idle machine
		for l in dump fid; do
			tb_wait_for "[ \$(cat $TB_CASE_TMP/$l.ticks 2>/dev/null | wc -l) -ge $round ]" 30 ||
				tb_fail "the $l querier finished fewer than $round queries in $round rounds"
		done
	done
	touch "$stop"
	ok=1
	wait $qdump || ok=0
	wait $qfid || ok=0
	cat "$TB_CASE_TMP/dump.log" "$TB_CASE_TMP/fid.log"
	[ $ok = 1 ] || tb_fail "a query failed while functions came and went"
	# the queriers must really have overlapped the removals: the FID query saw
	# hp0 both present and gone
	for l in dump fid; do
		n=$(sed -n 's/^[a-z]*: \([0-9]*\) queries.*/\1/p' "$TB_CASE_TMP/$l.log")
		[ "${n:-0}" -ge $rounds ] || tb_fail "only ${n:-0} $l queries ran during $rounds rounds"
	done
	g=$(sed -n 's/.*failed, \([0-9]*\) while hp0 was gone.*/\1/p' "$TB_CASE_TMP/fid.log")
	n=$(sed -n 's/^fid: \([0-9]*\) queries.*/\1/p' "$TB_CASE_TMP/fid.log")
	[ "${g:-0}" -gt 0 ] && [ "${g:-0}" -lt "${n:-0}" ] ||
		tb_fail "the FID queries never saw hp0 both present and gone ($n queries, $g gone)"
	# a dump in many slow parts spans removals (a second each, against a
	# removal every few seconds): some must have been marked
	i=$(sed -n 's/^dump: \([0-9]*\) queries.* \([0-9]*\) marked interrupted$/\1 \2/p' "$TB_CASE_TMP/dump.log")
	if [ -n "$dumpargs" ] && [ "${i#* }" = 0 ]; then
		tb_fail "${i% *} dumps in parts across $rounds rounds of removals, none marked NLM_F_DUMP_INTR"
	fi
	# puts may still be queued for a moment: the module holds itself meanwhile
	tb_wait_for "rmmod $mod 2>/dev/null" 10 || tb_fail "rmmod $mod: $(rmmod "$mod" 2>&1)"
	mod=
	echo "$rounds rounds of hot-plug, unplug and slot power off/on under netlink queries ($(basename "$1")${2:+ $2})"
}
dumpargs=
rounds_with "$ZPCI_KMOD_DIR/zpcidiag_diag.ko"
# the reader pauses 100 ms after each message: a dump spans about a second,
# so removals land between its parts
dumpargs="dump-slow 100"
rounds_with "$ZPCI_KMOD_DIR/zpcidiag_diag_test.ko" one_per_part=1
