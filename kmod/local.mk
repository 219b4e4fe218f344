# kmod: the out-of-tree kernel modules are built by Kbuild, not automake.
# Ship every source so `make distcheck` tarballs can build them (DKMS, cross).
kmod_sources = \
	kmod/Kbuild kmod/Makefile kmod/dkms.conf.in kmod/compat.h kmod/features.mk \
	kmod/zpcidiag_diag.c kmod/zpci_vfio_pci.c kmod/zpci_vfio_ops.h \
	kmod/include/zpci_io_validate.h \
	kmod/include/uapi/vfio_zpci_io.h kmod/include/uapi/zpcidiag_netlink.h \
	kmod/include/uapi/zpcidiag.yaml
EXTRA_DIST += $(kmod_sources)

# Convenience: `make modules KDIR=... [ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-]`
# builds the modules in a copy under the build tree (Kbuild writes next to
# its sources, and the source tree may be read-only under distcheck).
.PHONY: modules modules-clean
modules:
	@test -n "$(KDIR)" || { echo "make modules: set KDIR to a configured kernel build tree" >&2; exit 1; }
	$(MKDIR_P) kmod-build/include/uapi
	for f in $(kmod_sources); do cp -p $(srcdir)/$$f kmod-build/$${f#kmod/} || exit 1; done
	$(MAKE) -C kmod-build KDIR="$(KDIR)"

modules-clean:
	rm -rf kmod-build

clean-local: modules-clean
