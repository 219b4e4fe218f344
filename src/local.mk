# zpcidiag: front end, sources (where data comes from), the model, commands.
bin_PROGRAMS += src/zpcidiag
src_zpcidiag_SOURCES = \
	src/main.c src/cmd.h src/zpcidiag.h src/exitcodes.h src/model.h \
	src/cmd_list.c
src_zpcidiag_CFLAGS = $(AM_CFLAGS) $(LIBPCI_CFLAGS) $(POPT_CFLAGS) $(JSONC_CFLAGS) $(LIBNL_CFLAGS)
src_zpcidiag_LDADD = $(LIBPCI_LIBS) $(POPT_LIBS) $(JSONC_LIBS) $(LIBNL_LIBS)
