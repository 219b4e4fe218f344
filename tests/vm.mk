# tests/vm.mk: the in-guest suite on the emulated IBM Z (qemu-system-s390x).
# Not part of `make check`, which stays host-only and quick: `make check-vm`
# boots the normal kernel (all cases), the debug kernel (KASAN, lockdep: the
# cases marked for it) and Debian's stock kernel (no VFIO), and ends with
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

# The debug flavour (KASAN, lockdep, kmemleak) builds but does not finish
# booting under TCG on this 2-core host (RCU stalls right after lockdep's
# banner), so it is run by hand (`make check-vm TESTBED_FLAVOURS=debug`) until
# that is solved; see docs/testbed.md.
TESTBED_FLAVOURS = normal stock

check-vm:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS:%=--flavour %) $(TESTBED_ARGS)

demo:
	$(srcdir)/testbed/demo.sh

.PHONY: check-vm demo
