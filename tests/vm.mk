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

# The host-side pieces: the kernel-report matcher that judges guest runs, and
# the pin fallback that keeps a cold setup working when the mirror drops a
# pinned Debian 13 version (against a local mirror directory).
TESTS += tests/vm/report-headers.test tests/vm/pin-vanished-from-mirror.test

# check-vm (and so .ci/run) boots every kernel under Debian 13's QEMU 10.0,
# with its NVMe and e1000e functions beside the virtio ones: Linux 6.1 (the
# small test kernel and Debian 12's stock kernel, which has no VFIO), Linux
# 7.2 (the small kernel from Debian sid's source, iommufd only, with
# upstream's ism-vfio-pci), Debian 13's stock 6.12 kernel, and the 6.12 kernel
# with lockdep, KASAN and kmemleak together ("kasan":
# testbed/kconfig/debug.config + kasan.config) on one vCPU beside the others.
# No run is repeated: QEMU 10 carries the fix for the stale translated code
# that QEMU 7.2 runs after module reloads (docs/testbed.md), so every
# failure counts. A cold run builds three kernels (normal-6.1, normal-7.2,
# kasan-6.12): the small 6.12 kernel (check-vm-6.12; 6.12 stays covered by
# the stock and kasan kernels) and the lockdep-only one (check-vm-debug, no
# check the kasan one lacks) would each cost a fourth. One flavour per
# entry; append new ones.
TESTBED_FLAVOURS = normal-6.1@qemu10 stock-6.1@qemu10 normal-7.2@qemu10 \
	stock-6.12@qemu10 kasan-6.12@qemu10

check-vm:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS:%=--flavour %) $(TESTBED_ARGS)

check-vm-6.12:
	$(srcdir)/testbed/run-vm.sh --flavour normal-6.12@qemu10 $(TESTBED_ARGS)

check-vm-debug:
	$(srcdir)/testbed/run-vm.sh --flavour debug-6.12@qemu10 $(TESTBED_ARGS)

check-vm-kasan:
	$(srcdir)/testbed/run-vm.sh --flavour kasan-6.12@qemu10 $(TESTBED_ARGS)

# Optional, not in CI: the 6.1 kernels under Debian 12's QEMU 7.2, which now
# and then runs stale translated code after a module reload; vm.py repeats a
# flavour that dies or hangs that way up to three times (docs/testbed.md).
TESTBED_FLAVOURS_QEMU72 = normal-6.1@qemu7.2 stock-6.1@qemu7.2
check-vm-qemu72:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS_QEMU72:%=--flavour %) $(TESTBED_ARGS)

demo:
	$(srcdir)/testbed/demo.sh

.PHONY: check-vm check-vm-6.12 check-vm-debug check-vm-kasan check-vm-qemu72 demo

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
