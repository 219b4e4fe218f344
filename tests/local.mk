# Tests. Host tests run under `make check` through automake's test driver;
# one fragment per area so parallel work does not collide.
include $(srcdir)/tests/cli.mk
include $(srcdir)/tests/clp.mk
include $(srcdir)/tests/kmod.mk
include $(srcdir)/tests/iotest.mk
include $(srcdir)/tests/vm.mk
EXTRA_DIST += tests/unit/unit.h tests/run-all.sh
