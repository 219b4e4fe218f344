# tests/iotest.mk: host tests of iotest/bind.
# In-guest cases (tests/vm/cases/iotest-*.sh, bind-*.sh) run under the test bed.
check_PROGRAMS += tests/unit/test-zpci-io tests/unit/test-action-bind
TESTS += tests/unit/test-zpci-io tests/unit/test-action-bind

tests_unit_test_zpci_io_SOURCES = tests/unit/test-zpci-io.c
tests_unit_test_zpci_io_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

tests_unit_test_action_bind_SOURCES = tests/unit/test-action-bind.c
tests_unit_test_action_bind_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit

# Command-level refusals on generated fake trees (needs tests/fixtures/mkfixture.py).
TESTS += tests/iotest/cli-bind-iotest-refusals.sh
EXTRA_DIST += tests/iotest/cli-bind-iotest-refusals.sh
