# zpcidiag: front end, sources (where data comes from), the model, commands.
# One list per area so parallel work on areas does not collide.
bin_PROGRAMS += src/zpcidiag

zpci_core_sources = \
	src/main.c src/cmd.h src/zpcidiag.h src/exitcodes.h src/model.h src/sources.h \
	src/model.c src/names.c src/source_sysfs.c src/source_pciconf.c src/pciconf.h \
	src/sysfs_parse.c src/sysfs_parse.h src/select.c src/select.h \
	src/output.c src/output.h src/json_out.c src/json_out.h \
	src/cmd_common.c src/cmd_list.c src/cmd_show.c src/cmd_bars.c src/cmd_vf.c
zpci_clp_sources = src/clp_blocks.h src/clp_decode.c src/clp_decode.h \
	src/vfio_caps.c src/vfio_caps.h src/maxstbl.c src/maxstbl.h \
	src/json_clp.c src/json_clp.h src/cmd_clp.c src/cmd_caps.c \
	src/source_clp.c src/source_vfio.c src/vfio_dev.c
zpci_kdiag_sources = src/source_kdiag.c src/kdiag_out.c src/kdiag_out.h
zpci_iotest_sources = src/vfio_dev.h src/zpci_io_req.c src/zpci_io_pattern.c src/zpci_io_verify.c \
	src/zpci_io_latency.c src/zpci_io_reject.c src/zpci_io.h src/zpci_io_dev.c src/zpci_io_dev.h \
	src/action_sysfs.c src/action_sysfs.h src/cmd_iotest.c src/iotest.h src/iotest_access.c \
	src/iotest_loop.c src/iotest_verify.c src/iotest_reject.c src/cmd_bind.c

src_zpcidiag_SOURCES = $(zpci_core_sources) $(zpci_clp_sources) \
	$(zpci_kdiag_sources) $(zpci_iotest_sources)
src_zpcidiag_CFLAGS = $(AM_CFLAGS) $(LIBPCI_CFLAGS) $(POPT_CFLAGS) $(JSONC_CFLAGS) $(LIBNL_CFLAGS)
src_zpcidiag_LDADD = $(LIBPCI_LIBS) $(POPT_LIBS) $(JSONC_LIBS) $(LIBNL_LIBS)
