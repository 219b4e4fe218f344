# Fuzzing of the decoders that take outside bytes (fuzz/README.md).
# `make check` replays each target's committed seeds and regression inputs
# through its entry point with the normal compiler; `make fuzz` builds the
# same entry points with clang's libFuzzer and runs each for FUZZ_SECONDS.
fuzz_targets = sysfs-attr resource clp vfio-caps kdiag selector report
fuzz_replays = fuzz/replay-sysfs-attr fuzz/replay-resource fuzz/replay-clp \
	fuzz/replay-vfio-caps fuzz/replay-kdiag fuzz/replay-selector fuzz/replay-report
check_PROGRAMS += $(fuzz_replays)
TESTS += $(fuzz_replays)
fuzz_common = fuzz/replay-main.c fuzz/fuzz.h
# The replays link exactly their source lists, not the library behind
# LDADD, so that a function moving to a file missing from a list fails
# `make check` here and not only the libFuzzer link of `make fuzz`.
fuzz_cppflags = $(AM_CPPFLAGS) -DFUZZ_DIR='"$(abs_top_srcdir)/fuzz"'

fuzz_replay_sysfs_attr_SOURCES = $(fuzz_common) fuzz/fuzz-sysfs-attr.c src/sysfs_parse.c
fuzz_replay_sysfs_attr_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"sysfs-attr"'
fuzz_replay_sysfs_attr_LDADD =
fuzz_replay_resource_SOURCES = $(fuzz_common) fuzz/fuzz-resource.c src/sysfs_parse.c
fuzz_replay_resource_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"resource"'
fuzz_replay_resource_LDADD =
fuzz_replay_clp_SOURCES = $(fuzz_common) fuzz/fuzz-clp.c src/clp_decode.c src/util_string.c
fuzz_replay_clp_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"clp"'
fuzz_replay_clp_LDADD =
fuzz_replay_vfio_caps_SOURCES = $(fuzz_common) fuzz/fuzz-vfio-caps.c src/vfio_caps.c
fuzz_replay_vfio_caps_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"vfio-caps"'
fuzz_replay_vfio_caps_LDADD =
fuzz_replay_kdiag_SOURCES = $(fuzz_common) fuzz/fuzz-kdiag.c src/source_kdiag.c src/model_parts.c
fuzz_replay_kdiag_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"kdiag"'
fuzz_replay_kdiag_CFLAGS = $(AM_CFLAGS) $(LIBNL_CFLAGS)
fuzz_replay_kdiag_LDADD = $(LIBNL_LIBS)
# messages (src/msg.c) compiled in: the fuzz build (run.sh) links only these
fuzz_replay_selector_SOURCES = $(fuzz_common) fuzz/fuzz-selector.c \
	src/select.c src/sysfs_parse.c src/names.c src/output.c src/msg.c \
	src/sysaccess.c src/report_record.c
fuzz_replay_selector_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"selector"'
fuzz_replay_selector_LDADD = src/libzpcidiag.a $(zpci_libs)
# A whole report: every source reads it, so the whole library (its messages
# quiet: zpci_msg_quiet).
fuzz_replay_report_SOURCES = $(fuzz_common) fuzz/fuzz-report.c
fuzz_replay_report_CPPFLAGS = $(fuzz_cppflags) -DFUZZ_TARGET='"report"'
fuzz_replay_report_CFLAGS = $(zpci_cflags)
fuzz_replay_report_LDADD = src/libzpcidiag.a $(zpci_libs)

EXTRA_DIST += fuzz/README.md fuzz/run.sh fuzz/mkseeds.py fuzz/mkreport-seeds.py fuzz/corpus fuzz/regress

# `make fuzz [FUZZ_SECONDS=N] [FUZZ_TARGETS="clp kdiag"]`: the libFuzzer
# builds reuse the replay programs' source lists (replay-main.c dropped).
FUZZ_SECONDS = 60
FUZZ_TARGETS = $(fuzz_targets)
fuzz: $(top_builddir)/config.h
	@FUZZ_CC='$(FUZZ_CC)' FUZZ_OK='$(FUZZ_OK)' \
	FUZZ_CFLAGS='$(FUZZ_CFLAGS) $(WARN_CFLAGS)' \
	FUZZ_CPPFLAGS='-I$(top_builddir) $(AM_CPPFLAGS) $(LIBNL_CFLAGS) $(JSONC_CFLAGS) $(LIBPCI_CFLAGS) $(LIBARCHIVE_CFLAGS)' \
	FUZZ_LIBS='$(LIBNL_LIBS) $(LIBPCI_LIBS) $(JSONC_LIBS) $(LIBARCHIVE_LIBS)' \
	$(SHELL) $(srcdir)/fuzz/run.sh $(srcdir) '$(FUZZ_SECONDS)' '$(FUZZ_TARGETS)' \
		sysfs-attr '$(fuzz_replay_sysfs_attr_SOURCES)' \
		resource '$(fuzz_replay_resource_SOURCES)' \
		clp '$(fuzz_replay_clp_SOURCES)' \
		vfio-caps '$(fuzz_replay_vfio_caps_SOURCES)' \
		kdiag '$(fuzz_replay_kdiag_SOURCES)' \
		selector '$(fuzz_replay_selector_SOURCES)' \
		report 'fuzz/fuzz-report.c $(src_libzpcidiag_a_SOURCES)'
.PHONY: fuzz
CLEANFILES += fuzz/replay-*.log
clean-local: clean-fuzz
clean-fuzz:
	-rm -rf fuzz/bin fuzz/work fuzz/log
.PHONY: clean-fuzz
