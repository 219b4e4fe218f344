# tests/clp.mk: CLP decoder, vfio capability chain and clp/caps commands.
check_PROGRAMS += tests/unit/test-clp-decode
tests_unit_test_clp_decode_SOURCES = tests/unit/test-clp-decode.c tests/unit/clp-synth.h \
	src/clp_decode.c src/clp_decode.h src/clp_blocks.h
TESTS += tests/unit/test-clp-decode
