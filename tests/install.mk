# make install / make uninstall into a DESTDIR, and the installed pieces at work.
install_tests = tests/install/make-install-destdir.sh tests/install/package-versions.sh
TESTS += $(install_tests)
EXTRA_DIST += $(install_tests)
AM_TESTS_ENVIRONMENT += \
	TOP_BUILDDIR='$(abs_top_builddir)'; export TOP_BUILDDIR; \
	TOP_SRCDIR='$(abs_top_srcdir)'; export TOP_SRCDIR; \
	MAKE='$(MAKE)'; export MAKE;
