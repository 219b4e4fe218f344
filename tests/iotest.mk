# tests/iotest.mk: host tests of iotest/bind (issue 4, CLI half).
# In-guest cases (tests/vm/cases/iotest-*.sh, bind-*.sh) run under the test bed.
check_PROGRAMS += tests/unit/test-zpci-io tests/unit/test-action-bind
TESTS += tests/unit/test-zpci-io tests/unit/test-action-bind

tests_unit_test_zpci_io_SOURCES = tests/unit/test-zpci-io.c src/zpci_io_req.c src/zpci_io_pattern.c src/zpci_io_verify.c \
	src/zpci_io_latency.c src/zpci_io_reject.c src/zpci_io.h \
	kmod/include/zpci_io_validate.h kmod/include/uapi/vfio_zpci_io.h
tests_unit_test_zpci_io_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

tests_unit_test_action_bind_SOURCES = tests/unit/test-action-bind.c src/action_sysfs.c \
	src/action_sysfs.h
tests_unit_test_action_bind_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

# Command-level refusals on generated fake trees (needs tests/fixtures/mkfixture.py).
TESTS += tests/iotest/cli-bind-iotest-refusals.sh
EXTRA_DIST += tests/iotest/cli-bind-iotest-refusals.sh
