# tests/kmod.mk: host tests of the kernel component's shared code.
# In-guest cases (tests/vm/cases/kmod-*.sh) run under the test bed, not here.
check_PROGRAMS += tests/unit/test-zpci-io-validate
TESTS += tests/unit/test-zpci-io-validate
tests_unit_test_zpci_io_validate_SOURCES = tests/unit/test-zpci-io-validate.c \
	kmod/include/zpci_io_validate.h kmod/include/uapi/vfio_zpci_io.h
tests_unit_test_zpci_io_validate_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

# Decoding of the diagnostics module's netlink replies (src/source_kdiag.c).
check_PROGRAMS += tests/unit/test-kdiag-parse
TESTS += tests/unit/test-kdiag-parse
tests_unit_test_kdiag_parse_SOURCES = tests/unit/test-kdiag-parse.c
tests_unit_test_kdiag_parse_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

# In-guest cases and the helper they need in the guest (cross-built by the
# test bed into /usr/libexec/zpcidiag-tests/: kdiag-query links
# tests/vm/progs/kdiag-query.c + src/source_kdiag.c against static libnl-genl-3).
EXTRA_DIST += tests/vm/progs/kdiag-query.c \
	tests/vm/cases/kmod-diag-load-unload.sh \
	tests/vm/cases/kmod-netlink-matches-sysfs.sh \
	tests/vm/cases/kmod-vfio-load-unload.sh \
	tests/vm/progs/vfio-hold.c tests/vm/progs/vfio_open.c tests/vm/progs/vfio_open.h

# Kernel feature detection (kmod/features.mk: compile probes, failing
# closed; also against the test bed's real 6.1, 6.12 and 7.x trees when
# present) and the vfio ops table it
# selects (kmod/zpci_vfio_ops.h), against fake header trees: the VF-token
# op and the other backportable ops, by header content, not version.
TESTS += tests/kmod/features.sh
EXTRA_DIST += tests/kmod/features.sh tests/kmod/vfio-ops-table.c

# The YNL spec of the netlink family against its uapi header and the
# module's request policy (and against the kernel's schema where a tree is).
TESTS += tests/kmod/ynl-spec.sh
EXTRA_DIST += tests/kmod/ynl-spec.sh
AM_TESTS_ENVIRONMENT += CC='$(CC)'; export CC;
