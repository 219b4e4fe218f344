#!/bin/sh
# make fuzz: build each libFuzzer target and run it for SECONDS.
#   run.sh SRCDIR SECONDS "TARGETS TO RUN" NAME "SOURCES" [NAME "SOURCES"...]
# SOURCES are the replay program's (fuzz/local.mk); replay-main.c and headers
# are dropped. Environment from make: FUZZ_CC, FUZZ_OK, FUZZ_CFLAGS,
# FUZZ_CPPFLAGS, FUZZ_LIBS. Works in the build directory: fuzz/bin/NAME,
# fuzz/work/NAME (the growing corpus), fuzz/log/NAME.log, crashes as
# fuzz/log/NAME-crash-*. Prints one line per target and
# "fuzz: N passed, N failed"; exits 1 if any target failed.
set -u
srcdir=$1 secs=$2 run=$3
shift 3
if [ "${FUZZ_OK:-no}" != yes ]; then
	echo "fuzz: no clang with libFuzzer (configure checked FUZZ_CC='${FUZZ_CC:-}'; install clang and libclang-rt-dev, then re-run configure)" >&2
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi
case $secs in ''|*[!0-9]*) echo "fuzz: FUZZ_SECONDS=$secs: not a number of seconds" >&2; exit 2 ;; esac
mkdir -p fuzz/bin fuzz/work fuzz/log
passed=0 failed=0
while [ $# -ge 2 ]; do
	name=$1 sources=$2
	shift 2
	case " $run " in *" $name "*) ;; *) continue ;; esac
	files=
	for s in $sources; do
		case $s in *.h|fuzz/replay-main.c) ;; *) files="$files $srcdir/$s" ;; esac
	done
	log=fuzz/log/$name.log
	# shellcheck disable=SC2086
	if ! $FUZZ_CC $FUZZ_CFLAGS $FUZZ_CPPFLAGS -o fuzz/bin/$name $files $FUZZ_LIBS >"$log" 2>&1; then
		echo "fuzz: $name: build failed, see $log"
		sed 's/^/fuzz:   /' "$log" | head -20
		failed=$((failed + 1))
		continue
	fi
	mkdir -p "fuzz/work/$name"
	dirs="fuzz/work/$name $srcdir/fuzz/corpus/$name"
	[ -d "$srcdir/fuzz/regress/$name" ] && dirs="$dirs $srcdir/fuzz/regress/$name"
	start=$(date +%s)
	# shellcheck disable=SC2086
	nice -n 19 ./fuzz/bin/$name -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
		-print_final_stats=1 -artifact_prefix="fuzz/log/$name-" $dirs >>"$log" 2>&1
	rc=$?
	took=$(($(date +%s) - start))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	if [ $rc -eq 0 ]; then
		echo "fuzz: $name: passed ($took s, ${execs:-?} runs, coverage ${cov:-?})"
		passed=$((passed + 1))
	else
		echo "fuzz: $name: FAILED after $took s (exit $rc); input: $(ls fuzz/log/$name-* 2>/dev/null | head -1)"
		grep -E 'ERROR|SUMMARY|fuzz: .*:[0-9]+:' "$log" | head -5 | sed 's/^/fuzz:   /'
		echo "fuzz:   add the input to $srcdir/fuzz/regress/$name/ after fixing (see fuzz/README.md)"
		failed=$((failed + 1))
	fi
done
echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
