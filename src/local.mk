# zpcidiag: the library (sources, the model, decoders, output, actions) and
# the front end with its commands. Commands register themselves in a linker
# section (cmd.h), so they are linked as objects, never pulled from an archive.
noinst_LIBRARIES += src/libzpcidiag.a
sbin_PROGRAMS += src/zpcidiag

zpci_cflags = $(AM_CFLAGS) $(LIBPCI_CFLAGS) $(POPT_CFLAGS) $(JSONC_CFLAGS) $(LIBNL_CFLAGS) \
	$(LIBARCHIVE_CFLAGS)
zpci_libs = $(LIBPCI_LIBS) $(POPT_LIBS) $(JSONC_LIBS) $(LIBNL_LIBS) $(LIBARCHIVE_LIBS)

# Model and sources: where data comes from.
src_libzpcidiag_a_SOURCES = \
	src/zpcidiag.h src/msg.c src/msg.h src/exitcodes.h src/exitcodes.c src/model.h src/model.c src/model_parts.c src/load.c src/load.h src/severity.c src/sources.h \
	src/source_sysfs.c src/source_host.c src/sysfs_parse.c src/sysfs_parse.h \
	src/source_pciconf.c src/sysaccess.c src/sysaccess.h \
	src/source_clp.c src/clp_blocks.h src/clp_decode.c src/clp_decode.h \
	src/source_vfio.c src/vfio_dev.c src/vfio_dev.h src/vfio_uapi_compat.h src/vfio_caps.c src/vfio_caps.h \
	src/source_kdiag.c src/maxstbl.c src/maxstbl.h src/names.c src/select.c src/select.h \
	src/util_string.c src/util_string.h
# Reports: the sources' record hook, and a report read back as one more root.
src_libzpcidiag_a_SOURCES += \
	src/report_record.c src/report_record.h src/report_read.c src/report_saved.h \
	src/report_kdiag.c src/report_write.c src/report_write.h src/sha256.c src/sha256.h
# Output: tables, sizes, JSON.
src_libzpcidiag_a_SOURCES += \
	src/output.c src/output.h src/json_value.c src/json_value.h src/json_out.c src/json_out.h \
	src/kdiag_out.c src/kdiag_out.h \
	src/print.c src/print.h src/clp_print.c src/clp_print.h \
	src/print_maxstbl.c src/print_maxstbl.h src/print_util.c src/print_util.h \
	src/print_vfio.c src/print_vfio.h src/print_function.c src/print_function.h
# Health checks: the rule catalogue over the model, and its outputs.
src_libzpcidiag_a_SOURCES += \
	src/check.h src/check_rules.c src/check_out.c src/check_out.h \
	src/check_prom.c
# zPCI I/O through vfio BAR regions from user space, and the only code that writes to the system.
src_libzpcidiag_a_SOURCES += \
	src/zpci_io_req.c src/zpci_io_pattern.c src/zpci_io_verify.c src/zpci_io_latency.c \
	src/zpci_io_reject.c src/zpci_io.h src/zpci_io_dev.c src/zpci_io_dev.h \
	src/action_sysfs.c src/action_sysfs.h src/action_zpci.c src/action_zpci.h
# Identity extras (issue 22): standby UIDs, fidparm bits, systemd interface names.
src_libzpcidiag_a_SOURCES += \
	src/ifnames.c src/ifnames.h src/print_ident.c src/print_ident.h src/print_pnet.c src/print_pnet.h \
	src/sysinfo.c src/sysinfo.h src/print_env.c src/print_env.h
# Counters (issue 22): the FMB statistics parser, source, printers and the on/off action.
src_libzpcidiag_a_SOURCES += \
	src/fmb_stats.c src/fmb_stats.h src/source_stats.c src/source_stats.h \
	src/print_stats.c src/print_stats.h src/action_fmb.c src/action_fmb.h
# Recovery state (issue 22): the kernel log's zPCI recovery lines, parser, source, printer.
src_libzpcidiag_a_SOURCES += \
	src/kmsg_recovery.c src/kmsg_recovery.h src/source_kmsg.c src/source_pnet.c \
	src/print_recovery.c src/print_recovery.h
src_libzpcidiag_a_CFLAGS = $(zpci_cflags)

src_zpcidiag_SOURCES = src/main.c src/cmd.h src/cmd_common.c \
	src/cmd_list.c src/cmd_show.c src/cmd_bars.c src/cmd_vf.c \
	src/cmd_clp.c src/cmd_caps.c src/cmd_bind.c src/cmd_check.c \
	src/cmd_iotest.c src/iotest.h src/iotest_access.c src/iotest_loop.c src/iotest_verify.c \
	src/iotest_reject.c src/iotest_util.c \
	src/cmd_report.c src/report_collect.c src/report_collect.h src/cmd_admin.c
src_zpcidiag_SOURCES += src/cmd_stats.c
src_zpcidiag_CFLAGS = $(zpci_cflags)
src_zpcidiag_LDADD = src/libzpcidiag.a $(zpci_libs)
# KVM host view of passthrough (issue 22b): holders, guest ids, libvirt hostdev.
src_libzpcidiag_a_SOURCES += \
	src/source_holders.c src/source_holders.h src/passthrough_view.h src/print_passthrough.c src/print_passthrough.h \
	src/check_passthrough.c src/check_passthrough.h
src_zpcidiag_SOURCES += src/cmd_passthrough.c
