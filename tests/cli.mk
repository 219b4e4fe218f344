# Host tests of the zpcidiag command line against fake sysfs trees
# (tests/fixtures/mkfixture.py builds them at test time) and unit tests of
# the pure parsers and formatters.
cli_tests = \
	tests/cli/pnet-ids-with-source.sh \
	tests/cli/rdma-device-selector.sh \
	tests/cli/kvm-host-passthrough-view.sh \
	tests/cli/check-passthrough-kvm-host.sh \
	tests/cli/passthrough-holder-cdev-and-unreadable.sh \
	tests/cli/libvirt-hostdev-schema.sh \
	tests/cli/standby-uid-from-slot.sh \
	tests/cli/systemd-interface-names.sh \
	tests/cli/fmb-counters.sh \
	tests/cli/stats-prometheus-node-exporter-labels.sh \
	tests/cli/environment-sysinfo.sh \
	tests/cli/environment-actions-and-rules.sh \
	tests/cli/recovery-from-kernel-log.sh \
	tests/cli/ism-256t-bar.sh \
	tests/cli/detached-roce-vf.sh \
	tests/cli/linked-vf.sh \
	tests/cli/nvme.sh \
	tests/cli/standby-slot.sh \
	tests/cli/uid-checking-off.sh \
	tests/cli/malformed-attrs.sh \
	tests/cli/mixed-system.sh \
	tests/cli/util-string-filler.sh \
	tests/cli/selectors.sh \
	tests/cli/type-filter.sh \
	tests/cli/json-schema.sh \
	tests/cli/exit-codes.sh \
	tests/cli/hostile-strings.sh \
	tests/cli/attr-widths.sh \
	tests/cli/fifo-and-links.sh \
	tests/cli/json-errors.sh \
	tests/cli/cli-options.sh \
	tests/cli/duplicate-ids.sh \
	tests/cli/honest-messages.sh \
	tests/cli/exit-4-rule.sh \
	tests/cli/actions-fake-root.sh \
	tests/cli/json-hex-and-scale.sh \
	tests/cli/bad-input-matrix.sh \
	tests/cli/bars-lspci-oracle.sh \
	tests/cli/vf-probe-command.sh \
	tests/cli/completion.sh \
	tests/cli/man-coverage.sh \
	tests/cli/valgrind.sh \
	tests/cli/check-healthy-shapes.sh \
	tests/cli/check-function-state.sh \
	tests/cli/check-vf-rules.sh \
	tests/cli/check-ism-vfio.sh \
	tests/cli/check-uid-and-data-rules.sh \
	tests/cli/check-passthrough.sh \
	tests/cli/check-outputs.sh \
	tests/cli/check-prometheus-textfile.sh \
	tests/cli/unknown-fid-no-phantom-standby.sh \
	tests/cli/slot-powered-no-device-one-state.sh \
	tests/cli/malformed-ids-never-shown-absent.sh \
	tests/cli/links-out-of-root-never-followed.sh \
	tests/cli/permission-denied-at-every-depth.sh \
	tests/cli/output-file-other-targets.sh \
	tests/cli/ignore-fid-duplicate.sh \
	tests/cli/nul-and-control-bytes-beside-attributes.sh \
	tests/cli/resource-short-or-overlapping-and-physfn-to-root.sh \
	tests/cli/permission-denied-said-as-such.sh \
	tests/cli/check-one-contract-every-failure.sh \
	tests/cli/output-file-never-replaces-special-files.sh \
	tests/cli/check-man-lists-every-rule.sh \
	tests/cli/check-saved-clp-blocks.sh \
	tests/cli/list-tree-adapters-ports-vfs.sh \
	tests/cli/report-roundtrip-fixtures.sh \
	tests/cli/report-interrupted-or-disk-full.sh \
	tests/cli/report-unsafe-archives-refused.sh \
	tests/cli/report-reproduces-what-could-not-be-read.sh \
	tests/cli/report-non-utf8-names-byte-exact.sh \
	tests/cli/report-tampered-or-malformed-refused.sh \
	tests/cli/actions-sclp-layout-recorded.sh \
	tests/cli/report-from-s390x-guest.sh \
	tests/cli/report-named-devices.sh \
	tests/cli/json-list-streamed-as-document.sh \
	tests/cli/every-command-every-fixture-golden.sh \
	tests/cli/layers-no-upward-include-or-call.sh \
	tests/cli/iotest-json-follows-schema.sh

TESTS += $(cli_tests)
EXTRA_DIST += $(cli_tests) docs/zpcidiag.schema.json tests/cli/lib.sh tests/cli/check-lib.sh tests/cli/bad-input-matrix.py tests/cli/prom-textfile.py \
	tests/cli/golden.py tests/golden tests/cli/layers.py \
	tests/fixtures/iotest-json \
	tests/fixtures/mkfixture.py tests/fixtures/README.md \
	tests/fixtures/regen-s390x-reports.sh \
	tests/fixtures/s390x-reports/normal-6.1-qemu7.2/report.tar.xz \
	tests/fixtures/s390x-reports/normal-6.1-qemu7.2/live.tar.gz \
	tests/fixtures/s390x-reports/normal-6.1-qemu7.2/ORIGIN \
	tests/fixtures/s390x-reports/normal-6.12-qemu10/report.tar.xz \
	tests/fixtures/s390x-reports/normal-6.12-qemu10/live.tar.gz \
	tests/fixtures/s390x-reports/normal-6.12-qemu10/ORIGIN

AM_TESTS_ENVIRONMENT = \
	ZPCIDIAG='$(abs_top_builddir)/src/zpcidiag'; export ZPCIDIAG; \
	MKFIXTURE='$(abs_top_srcdir)/tests/fixtures/mkfixture.py'; export MKFIXTURE; \
	COMPLETION='$(abs_top_srcdir)/completions/zpcidiag'; export COMPLETION; \
	MANPAGE='$(abs_top_srcdir)/man/zpcidiag.8'; export MANPAGE; \
	SCHEMA='$(abs_top_srcdir)/docs/zpcidiag.schema.json'; export SCHEMA; \
	LSPCI='$(LSPCI)'; export LSPCI; \
	VALGRIND='$(VALGRIND)'; export VALGRIND; \
	SAN_CFLAGS='$(SAN_CFLAGS)'; export SAN_CFLAGS; \
	CLP_MKFIXTURE='$(abs_top_builddir)/tests/clp-mkfixture'; export CLP_MKFIXTURE; \
	JSON_ORACLE='$(abs_top_builddir)/tests/json-document-oracle'; export JSON_ORACLE; \
	MKTREE='$(abs_top_srcdir)/bench/mktree.py'; export MKTREE;

# Unit tests link only the pure files they test.
unit_tests = tests/unit/test-sysfs-parse tests/unit/test-select \
	tests/unit/test-output tests/unit/test-names tests/unit/test-util-string
check_PROGRAMS += $(unit_tests)
TESTS += $(unit_tests)
# Unit tests link src/libzpcidiag.a (LDADD, tests/local.mk).
tests_unit_test_sysfs_parse_SOURCES = tests/unit/test-sysfs-parse.c
tests_unit_test_select_SOURCES = tests/unit/test-select.c
tests_unit_test_output_SOURCES = tests/unit/test-output.c
tests_unit_test_names_SOURCES = tests/unit/test-names.c
tests_unit_test_util_string_SOURCES = tests/unit/test-util-string.c
# issue 22: the FMB statistics parser
check_PROGRAMS += tests/unit/test-fmb-stats
TESTS += tests/unit/test-fmb-stats
tests_unit_test_fmb_stats_SOURCES = tests/unit/test-fmb-stats.c
# issue 22: the kernel log's zPCI recovery messages
check_PROGRAMS += tests/unit/test-kmsg-recovery
TESTS += tests/unit/test-kmsg-recovery
tests_unit_test_kmsg_recovery_SOURCES = tests/unit/test-kmsg-recovery.c
# issue 19: the one errno -> exit status mapping
check_PROGRAMS += tests/unit/test-exitcodes
TESTS += tests/unit/test-exitcodes
tests_unit_test_exitcodes_SOURCES = tests/unit/test-exitcodes.c
# the live /dev/kmsg reader on a fake /dev/kmsg (a non-blocking seqpacket socket)
check_PROGRAMS += tests/unit/test-kmsg-live
TESTS += tests/unit/test-kmsg-live
tests_unit_test_kmsg_live_SOURCES = tests/unit/test-kmsg-live.c

# zpcidiag check: rules that need live-only facts, on models built in C.
check_PROGRAMS += tests/unit/test-check-rules
TESTS += tests/unit/test-check-rules
tests_unit_test_check_rules_SOURCES = tests/unit/test-check-rules.c

# list --json streams; this prints the same list as one document, the oracle.
check_PROGRAMS += tests/json-document-oracle
tests_json_document_oracle_SOURCES = tests/json-document-oracle.c
