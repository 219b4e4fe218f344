# Benchmarks (bench/README.md): `make bench` prints the enumeration table
# (zpcidiag against lspci on generated trees) and the region table (the
# emulated IBM Z; BENCH_REGION=no skips it). Not part of `make check`.
EXTRA_PROGRAMS = bench/run-rusage
bench_run_rusage_SOURCES = bench/run-rusage.c
CLEANFILES += bench/run-rusage$(EXEEXT)
EXTRA_DIST += bench/README.md bench/enum.py bench/mktree.py bench/duplicates.py bench/region.sh \
	bench/kmod/Kbuild bench/kmod/Makefile bench/kmod/zpci_bench_loop.c

BENCH_SIZES = 64,1024,4096
BENCH_RUNS = 5
BENCH_REGION = yes
BENCH_REGION_COUNT = 20000
bench: src/zpcidiag$(EXEEXT) bench/run-rusage$(EXEEXT)
	python3 $(srcdir)/bench/enum.py --zpcidiag src/zpcidiag$(EXEEXT) \
		--rusage bench/run-rusage$(EXEEXT) --lspci '$(LSPCI)' \
		--sizes $(BENCH_SIZES) --runs $(BENCH_RUNS) --workdir bench/trees
	python3 $(srcdir)/bench/duplicates.py --zpcidiag src/zpcidiag$(EXEEXT) \
		--rusage bench/run-rusage$(EXEEXT) --workdir bench/trees
	@if [ "$(BENCH_REGION)" = yes ]; then echo; \
		$(srcdir)/bench/region.sh $(BENCH_REGION_COUNT); fi
clean-local: clean-bench
clean-bench:
	-rm -rf bench/trees
.PHONY: bench clean-bench
