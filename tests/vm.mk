# tests/vm.mk: the in-guest suite on the emulated IBM Z (qemu-system-s390x).
# Not part of `make check`, which stays host-only and quick: `make check-vm`
# boots the normal kernel (all cases), the debug kernel (KASAN, lockdep: the
# cases marked for it) and Debian's stock kernel (no VFIO), and ends with
# "N passed, N failed".  Needs testbed/setup-host.sh to have run once as root.
EXTRA_DIST += testbed tests/vm

# The one host-side piece: the kernel-report matcher that judges guest runs.
TESTS += tests/vm/report-headers.test

TESTBED_FLAVOURS = normal debug stock

check-vm:
	$(srcdir)/testbed/run-vm.sh $(TESTBED_FLAVOURS:%=--flavour %) $(TESTBED_ARGS)

demo:
	$(srcdir)/testbed/demo.sh

.PHONY: check-vm demo
