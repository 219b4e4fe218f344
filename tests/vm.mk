# tests/vm.mk: the in-guest suite on the emulated IBM Z (qemu-system-s390x).
# Not part of `make check`, which stays host-only and quick: `make check-vm`
# boots the normal kernel (all cases) and Debian's stock kernel (no VFIO;
# the cases marked for it), and ends with
# "N passed, N failed".  Needs testbed/setup-host.sh to have run once as root.
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

# check-vm (and so .ci/run) boots the normal and the stock kernel. The
# debug kernel (lockdep and friends) and the kasan kernel (KASAN, kmemleak,
# one vCPU) run the module's cases through check-vm-debug and
# check-vm-kasan: under QEMU 7.2 both meet, after kernel modules are
# reloaded, an emulator defect that executes stale code (in two of three
# debug runs and two of five kasan runs of this suite; docs/testbed.md), so
# they cannot gate every submission. The normal kernel never met it.
TESTBED_FLAVOURS = normal stock

check-vm:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS:%=--flavour %) $(TESTBED_ARGS)

check-vm-debug:
	$(srcdir)/testbed/run-vm.sh --flavour debug $(TESTBED_ARGS)

check-vm-kasan:
	$(srcdir)/testbed/run-vm.sh --flavour kasan $(TESTBED_ARGS)

demo:
	$(srcdir)/testbed/demo.sh

.PHONY: check-vm check-vm-debug check-vm-kasan demo
