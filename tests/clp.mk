# tests/clp.mk: CLP decoder, vfio capability chain and clp/caps commands.
check_PROGRAMS += tests/unit/test-clp-decode
tests_unit_test_clp_decode_SOURCES = tests/unit/test-clp-decode.c tests/unit/clp-synth.h
TESTS += tests/unit/test-clp-decode

check_PROGRAMS += tests/unit/test-vfio-caps
tests_unit_test_vfio_caps_SOURCES = tests/unit/test-vfio-caps.c
TESTS += tests/unit/test-vfio-caps

check_PROGRAMS += tests/unit/test-maxstbl
tests_unit_test_maxstbl_SOURCES = tests/unit/test-maxstbl.c
TESTS += tests/unit/test-maxstbl

# Saved-block directories for situations the emulator cannot produce.
check_PROGRAMS += tests/clp-mkfixture
tests_clp_mkfixture_SOURCES = tests/clp-mkfixture.c tests/unit/clp-synth.h
tests_clp_mkfixture_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests

TESTS += tests/cli/clp-cli.sh
EXTRA_DIST += tests/cli/clp-cli.sh
EXTRA_DIST += tests/fixtures/README-clp.md \
	tests/fixtures/clp-qemu72-kbd-standby/expect-list.txt \
	tests/fixtures/clp-qemu72-kbd-standby/list-000.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-fn-00000010.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-fn-00000011.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-fn-00000012.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-fn-00000013.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-fn-00000014.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-fn-0a0b0c0d.bin \
	tests/fixtures/clp-qemu72-kbd-standby/query-grp-ff.bin \
	tests/fixtures/clp-qemu72-six-virtio/expect-list.txt \
	tests/fixtures/clp-qemu72-six-virtio/list-000.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-fn-00000010.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-fn-00000011.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-fn-00000012.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-fn-00000013.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-fn-00000014.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-fn-0a0b0c0d.bin \
	tests/fixtures/clp-qemu72-six-virtio/query-grp-ff.bin
