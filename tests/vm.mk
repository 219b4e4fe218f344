# tests/vm.mk: the in-guest suite on the emulated IBM Z (qemu-system-s390x).
# Not part of `make check`, which stays host-only and quick: `make check-vm`
# boots the flavours below (each runs the cases marked for its kernel kind)
# and ends with "N passed, N failed".  Needs testbed/setup-host.sh to have run once as root.
# Not EXTRA_DIST: automake copies a listed directory from the build tree
# when one of that name exists there, and the build tree's tests/vm holds
# only this suite's logs. Copy the sources themselves.
dist-hook: dist-testbed-sources
dist-testbed-sources:
	(cd $(srcdir) && tar -cf - --exclude='*.log' --exclude='*.trs' \
		--exclude=__pycache__ testbed tests/vm) | (cd $(distdir) && tar -xf -)
	chmod -R u+w $(distdir)/testbed $(distdir)/tests/vm
.PHONY: dist-testbed-sources

# The one host-side piece: the kernel-report matcher that judges guest runs.
TESTS += tests/vm/report-headers.test

# check-vm (and so .ci/run) boots each kernel under its own distribution's
# emulator: Linux 6.1 (the small test kernel and Debian 12's stock kernel)
# under QEMU 7.2, Linux 6.12 (the small kernel and Debian 13's stock kernel)
# under QEMU 10.0 with its NVMe and e1000e functions, and the 6.12 kernel with
# lockdep, KASAN and kmemleak together ("kasan": testbed/kconfig/debug.config
# + kasan.config) under QEMU 10, on one vCPU beside the others. The
# lockdep-only kernel ("debug") adds no check the kasan one lacks and would
# cost a fourth kernel build in a cold CI run: check-vm-debug runs it. Under
# QEMU 7.2 the debug kernels run stale code after module reloads
# (docs/testbed.md); vm.py still retries a run that dies of it once.
TESTBED_FLAVOURS = normal-6.1@qemu7.2 stock-6.1@qemu7.2 normal-6.12@qemu10 \
	stock-6.12@qemu10 kasan-6.12@qemu10

check-vm:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS:%=--flavour %) $(TESTBED_ARGS)

check-vm-debug:
	$(srcdir)/testbed/run-vm.sh --flavour debug-6.12@qemu10 $(TESTBED_ARGS)

check-vm-kasan:
	$(srcdir)/testbed/run-vm.sh --flavour kasan-6.12@qemu10 $(TESTBED_ARGS)

demo:
	$(srcdir)/testbed/demo.sh

.PHONY: check-vm check-vm-debug check-vm-kasan demo

# The in-guest region fuzzer's million requests on a debug kernel: opt-in,
# too slow for CI (which runs 100000 in check-vm). The lockdep kernel by
# default (37 minutes on a loaded 2-core host); REGION_FUZZ_FLAVOUR=
# kasan-6.12@qemu10 for KASAN, several times slower: hence the long timeouts.
REGION_FUZZ_FLAVOUR = debug-6.12@qemu10
REGION_FUZZ_REQUESTS = 1000000
check-vm-region-fuzz:
	REGION_FUZZ_COUNT=$(REGION_FUZZ_REQUESTS) $(srcdir)/testbed/run-vm.sh \
		--flavour $(REGION_FUZZ_FLAVOUR) --cases kmod-region-fuzz-against-model \
		--case-timeout 36000 --timeout 40000 $(TESTBED_ARGS)
.PHONY: check-vm-region-fuzz

# Region requests racing 100 unbinds/binds and slot power cycles: opt-in, the
# case needs TESTBED_STRESS (a few minutes on the lockdep kernel).
REGION_RACE_FLAVOUR = debug-6.12@qemu10
check-vm-region-race:
	TESTBED_STRESS=1 $(srcdir)/testbed/run-vm.sh --flavour $(REGION_RACE_FLAVOUR) \
		--cases kmod-region-race-bind-power --case-timeout 3600 --timeout 4000 $(TESTBED_ARGS)
.PHONY: check-vm-region-race
