# tests/vm.mk: the in-guest suite on the emulated IBM Z (qemu-system-s390x).
# Not part of `make check`, which stays host-only and quick: `make check-vm`
# boots the normal kernel (all cases), the debug kernel (lockdep and
# friends: the cases marked for it) and Debian's stock kernel (no VFIO), and ends with
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

# The debug flavour is lockdep, sleeping-in-atomic, hung-task and list
# checks. KASAN and kmemleak are the kasan flavour, run by `make
# check-vm-kasan`: it boots on one vCPU only, takes twice as long as the
# rest together and met QEMU's stale-code defect after module reloads in two
# of four runs (docs/testbed.md), so it is not part of every run.
TESTBED_FLAVOURS = normal debug stock

check-vm:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS:%=--flavour %) $(TESTBED_ARGS)

check-vm-kasan:
	$(srcdir)/testbed/run-vm.sh --flavour kasan $(TESTBED_ARGS)

demo:
	$(srcdir)/testbed/demo.sh

.PHONY: check-vm check-vm-kasan demo
