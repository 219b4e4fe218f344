# What `make install` adds besides the program, the man pages and the bash
# completion: the zsh completion, check.conf, the JSON schema, the systemd
# timer feeding node_exporter's textfile collector, the check_zpci
# monitoring plugin, the sos report extras file and the kernel module
# sources with their dkms.conf. Directories come from configure
# (--with-systemdsystemunitdir, --with-textfile-dir, --with-plugin-dir,
# --with-sos-extras-dir, --with-dkms-source-dir, --with-zsh-completion-dir).
dist_zshcompletion_DATA = completions/_zpcidiag
zpcidiagconfdir = $(sysconfdir)/zpcidiag
dist_zpcidiagconf_DATA = integration/check.conf
dist_pkgdata_DATA = docs/zpcidiag.schema.json
systemdsystemunit_DATA = integration/zpcidiag-check.service
dist_systemdsystemunit_DATA = integration/zpcidiag-check.timer
plugin_SCRIPTS = integration/check_zpci
dist_man_MANS += man/check_zpci.8
EXTRA_DIST += integration/zpcidiag-check.service.in integration/check_zpci.in \
	integration/sos-extras.in integration/mkcheckconf.py rpm/zpcidiag.spec.in
# `rpmbuild -ta zpcidiag-VERSION.tar.gz` finds the spec in the tarball
dist-hook: rpm/zpcidiag.spec
	cp -p rpm/zpcidiag.spec $(distdir)/zpcidiag.spec

# Made at build time, not by configure: @sbindir@ and the like expand to
# their final values only here.
integration_edit = sed \
	-e 's|@sbindir[@]|$(sbindir)|g' -e 's|@sysconfdir[@]|$(sysconfdir)|g' \
	-e 's|@textfiledir[@]|$(textfiledir)|g' \
	-e 's|@PACKAGE_NAME[@]|$(PACKAGE_NAME)|g' -e 's|@PACKAGE_VERSION[@]|$(PACKAGE_VERSION)|g'
integration_made = integration/zpcidiag-check.service integration/check_zpci \
	integration/sos-extras kmod/dkms.conf rpm/zpcidiag.spec
$(integration_made): Makefile
	$(AM_V_GEN)$(MKDIR_P) $(@D) && rm -f $@ $@.tmp && \
	$(integration_edit) $(srcdir)/$@.in >$@.tmp && \
	if test $@ = integration/check_zpci; then chmod +x $@.tmp; fi && mv $@.tmp $@
integration/zpcidiag-check.service: $(srcdir)/integration/zpcidiag-check.service.in
integration/check_zpci: $(srcdir)/integration/check_zpci.in
integration/sos-extras: $(srcdir)/integration/sos-extras.in
kmod/dkms.conf: $(srcdir)/kmod/dkms.conf.in
rpm/zpcidiag.spec: $(srcdir)/rpm/zpcidiag.spec.in
all-local: integration/sos-extras kmod/dkms.conf rpm/zpcidiag.spec
CLEANFILES += $(integration_made)

# The module sources for DKMS: whatever kmod/ holds at install time (not a
# list of today's files), less this build's fragments and build products,
# plus the generated dkms.conf, in DKMSSOURCEDIR/zpcidiag-VERSION.
dkmsmoduledir = $(dkmssourcedir)/$(PACKAGE_NAME)-$(PACKAGE_VERSION)
kmod_dkms_files = cd $(srcdir)/kmod && find . -type f \
	! -name local.mk ! -name dkms.conf.in ! -name dkms.conf \
	! -name '*.o' ! -name '*.ko' ! -name '*.mod' ! -name '*.mod.c' ! -name '.*' \
	! -name modules.order ! -name Module.symvers ! -path './.tmp*' | LC_ALL=C sort

install-data-local: integration/sos-extras kmod/dkms.conf
	$(MKDIR_P) '$(DESTDIR)$(sosextrasdir)'
	$(INSTALL_DATA) integration/sos-extras '$(DESTDIR)$(sosextrasdir)/$(PACKAGE_NAME)'
	$(MKDIR_P) '$(DESTDIR)$(dkmsmoduledir)'
	$(INSTALL_DATA) kmod/dkms.conf '$(DESTDIR)$(dkmsmoduledir)/dkms.conf'
	@set -e; for f in `$(kmod_dkms_files)`; do \
		f=$${f#./}; \
		$(MKDIR_P) "$(DESTDIR)$(dkmsmoduledir)/`dirname $$f`"; \
		echo " $(INSTALL_DATA) kmod/$$f '$(DESTDIR)$(dkmsmoduledir)/$$f'"; \
		$(INSTALL_DATA) "$(srcdir)/kmod/$$f" "$(DESTDIR)$(dkmsmoduledir)/$$f"; \
	done

uninstall-local:
	rm -f '$(DESTDIR)$(sosextrasdir)/$(PACKAGE_NAME)'
	rm -rf '$(DESTDIR)$(dkmsmoduledir)'
	-rmdir '$(DESTDIR)$(zpcidiagconfdir)' '$(DESTDIR)$(pkgdatadir)' 2>/dev/null

# For tests/install/make-install-destdir.sh: where this configuration installs.
print-install-dirs:
	@echo 'PACKAGE_VERSION=$(PACKAGE_VERSION)'; echo 'sbindir=$(sbindir)'; \
	echo 'mandir=$(mandir)'; echo 'sysconfdir=$(sysconfdir)'; echo 'pkgdatadir=$(pkgdatadir)'; \
	echo 'bashcompletiondir=$(bashcompletiondir)'; echo 'zshcompletiondir=$(zshcompletiondir)'; \
	echo 'systemdsystemunitdir=$(systemdsystemunitdir)'; echo 'textfiledir=$(textfiledir)'; \
	echo 'plugindir=$(plugindir)'; echo 'sosextrasdir=$(sosextrasdir)'; \
	echo 'dkmsmoduledir=$(dkmsmoduledir)'
.PHONY: print-install-dirs

# Packages from a release tarball of this tree (debian/ and rpm/ beside it):
#   make deb [DEB_BUILD_FLAGS='-a s390x -d']   .deb files in deb-build/
#   make rpm                                   .rpm files in rpm-build/RPMS
# The Debian version must be configure.ac's (debian/changelog says it).
DEB_BUILD_FLAGS ?=
.PHONY: deb rpm
deb: dist-gzip
	@v=`sed -n '1s/^[^(]*(\([^)-]*\)-[^)]*).*/\1/p' $(srcdir)/debian/changelog`; \
	test "$$v" = "$(PACKAGE_VERSION)" || { \
		echo "debian/changelog says $$v, configure.ac $(PACKAGE_VERSION): add a changelog entry (dch -v $(PACKAGE_VERSION)-1)" >&2; exit 1; }
	rm -rf deb-build && $(MKDIR_P) deb-build
	cp $(distdir).tar.gz deb-build/$(PACKAGE)_$(PACKAGE_VERSION).orig.tar.gz
	tar -C deb-build -xzf $(distdir).tar.gz
	cp -R $(srcdir)/debian deb-build/$(distdir)/
	cd deb-build/$(distdir) && dpkg-buildpackage -us -uc $(DEB_BUILD_FLAGS)
	ls -l deb-build/*.deb
rpm: dist-gzip
	rm -rf rpm-build && $(MKDIR_P) rpm-build
	rpmbuild --define "_topdir $(abs_builddir)/rpm-build" $(RPM_BUILD_FLAGS) -ta $(distdir).tar.gz
# The s390x .deb files, cross-built the way Debian does (an amd64 tree with
# s390x as a foreign architecture; root): deb-build-s390x/
deb-s390x: dist-gzip
	$(srcdir)/testbed/build-install-debs.sh $(distdir).tar.gz deb-build-s390x
# The install flavour (root; not in CI, docs/testbed.md says why): those
# packages installed, used and purged in a Debian s390x system under QEMU 10.
check-vm-install: dist-gzip
	$(srcdir)/testbed/run-install-vm.sh $(distdir).tar.gz
.PHONY: deb-s390x check-vm-install
clean-local: packages-clean
packages-clean:
	rm -rf deb-build deb-build-s390x rpm-build
