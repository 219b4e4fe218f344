# Tests. Host tests run under `make check` through automake's test driver;
# one fragment per area so parallel work does not collide.
# Every unit test links the library (its messages included: src/msg.c).
LDADD = src/libzpcidiag.a $(zpci_libs)
AM_CFLAGS += $(LIBPCI_CFLAGS) $(JSONC_CFLAGS) $(LIBNL_CFLAGS) $(POPT_CFLAGS)
include $(srcdir)/tests/cli.mk
include $(srcdir)/tests/clp.mk
include $(srcdir)/tests/kmod.mk
include $(srcdir)/tests/iotest.mk
include $(srcdir)/tests/vm.mk
include $(srcdir)/tests/install.mk
EXTRA_DIST += tests/unit/unit.h tests/unit/unit-model.h tests/run-all.sh
