# SPDX-License-Identifier: GPL-2.0
# Kernel features detected by compiling a tiny probe against the target
# kernel's headers, not by version and not by grepping (distributions
# backport vfio and genetlink changes, and a header may spell a declaration
# any way it likes; see compat.h). Detection fails closed:
# - a sanity probe that needs nothing optional must compile, else the build
#   stops (broken flags would otherwise make every feature look absent);
# - an op that the kernel has without the vfio-pci-core helper that fills it
#   stops the build: leaving such an op NULL would skip a check silently
#   (match_token_uuid: the VF token on the cdev path) or hide every region
#   (get_region_info_caps).
#
# Included by Kbuild, where the compiler and the kernel's flags are set;
# host tests include it with a fake tree and a host compiler:
#   make -s -f kmod/features.mk ZPCIDIAG_PROBE_CC='cc -I FAKE/include ...' zpcidiag-features
# Kbuild prints the result with ZPCIDIAG_SHOW_FEATURES=1.

ZPCIDIAG_PROBE_CC ?= $(CC) $(NOSTDINC_FLAGS) $(LINUXINCLUDE) $(KBUILD_CPPFLAGS) \
	$(KBUILD_CFLAGS) -D__KERNEL__ -DMODULE -DKBUILD_MODNAME='"zpcidiag_probe"' \
	-DKBUILD_BASENAME='"zpcidiag_probe"'

# zpcidiag_compiles C-SOURCE: "y" when the source compiles (printf %b escapes)
zpcidiag_compiles = $(shell printf '%b\n' '$(1)' | \
	$(ZPCIDIAG_PROBE_CC) -fsyntax-only -x c - >/dev/null 2>&1 && echo y)
# zpcidiag_probe NAME, C-SOURCE: -DZPCIDIAG_HAVE_NAME when it compiles
zpcidiag_probe = $(if $(call zpcidiag_compiles,$(2)),-DZPCIDIAG_HAVE_$(1))
# a use of SYMBOL whose type the compiler must know
zpcidiag_sym = static __typeof__($(1)) *const zpcidiag_probe_$(1) __attribute__((used)) = $(1);
zpcidiag_member = int zpcidiag_probe(const $(1) *p);\nint zpcidiag_probe(const $(1) *p) { return !!p->$(2); }

zpcidiag_pci := \#include <linux/pci.h>\n
zpcidiag_zpci := \#include <linux/pci.h>\n\#include <asm/pci.h>\n
zpcidiag_vfio := \#include <linux/vfio.h>\n
zpcidiag_core := \#include <linux/vfio_pci_core.h>\n
zpcidiag_genl := \#include <net/genetlink.h>\n
zpcidiag_op = static const struct vfio_device_ops zpcidiag_probe_ops __attribute__((used)) = { .$(1) = NULL };

ifeq ($(findstring clean,$(MAKECMDGOALS)),)
ifneq ($(call zpcidiag_compiles,$(zpcidiag_pci)$(call zpcidiag_member,struct pci_dev,devfn)),y)
$(error zpcidiag: the feature probes cannot compile against this kernel's headers: \
	$(firstword $(ZPCIDIAG_PROBE_CC)) with the kernel's flags fails on <linux/pci.h>)
endif

ZPCIDIAG_OP_REGION_INFO := $(call zpcidiag_compiles,$(zpcidiag_vfio)$(call zpcidiag_op,get_region_info_caps))
ZPCIDIAG_OP_TOKEN := $(call zpcidiag_compiles,$(zpcidiag_vfio)$(call zpcidiag_op,match_token_uuid))
ZPCIDIAG_FEATURES := \
	$(call zpcidiag_probe,NON_MAPPABLE_BARS,$(zpcidiag_pci)$(call zpcidiag_member,struct pci_dev,non_mappable_bars)) \
	$(call zpcidiag_probe,ZDEV_RID,$(zpcidiag_zpci)$(call zpcidiag_member,struct zpci_dev,rid)) \
	$(call zpcidiag_probe,IOMMUFD_PHYSICAL,$(zpcidiag_vfio)$(call zpcidiag_sym,vfio_iommufd_physical_attach_ioas)) \
	$(call zpcidiag_probe,DETACH_IOAS,$(zpcidiag_vfio)$(call zpcidiag_sym,vfio_iommufd_physical_detach_ioas)) \
	$(if $(ZPCIDIAG_OP_REGION_INFO),$(call zpcidiag_probe,GET_REGION_INFO_CAPS,$(zpcidiag_core)$(call zpcidiag_sym,vfio_pci_ioctl_get_region_info))) \
	$(if $(ZPCIDIAG_OP_TOKEN),$(call zpcidiag_probe,MATCH_TOKEN_UUID,$(zpcidiag_core)$(call zpcidiag_sym,vfio_pci_core_match_token_uuid))) \
	$(call zpcidiag_probe,GENL_INFO_DUMP,$(zpcidiag_genl)$(call zpcidiag_sym,genl_info_dump))
ZPCIDIAG_FEATURES := $(strip $(ZPCIDIAG_FEATURES))

ifeq ($(ZPCIDIAG_OP_REGION_INFO),y)
ifeq ($(filter -DZPCIDIAG_HAVE_GET_REGION_INFO_CAPS,$(ZPCIDIAG_FEATURES)),)
$(error zpcidiag: struct vfio_device_ops has get_region_info_caps but vfio_pci_ioctl_get_region_info() \
	was not found: zpci_vfio_pci would serve no region; refusing to build)
endif
endif
ifeq ($(ZPCIDIAG_OP_TOKEN),y)
ifeq ($(filter -DZPCIDIAG_HAVE_MATCH_TOKEN_UUID,$(ZPCIDIAG_FEATURES)),)
$(error zpcidiag: struct vfio_device_ops has match_token_uuid but vfio_pci_core_match_token_uuid() \
	was not found: the cdev path would skip the VF token; refusing to build)
endif
endif
endif

ifneq ($(ZPCIDIAG_SHOW_FEATURES),)
$(info zpcidiag-features: $(ZPCIDIAG_FEATURES))
endif

.PHONY: zpcidiag-features
zpcidiag-features:
	@echo $(ZPCIDIAG_FEATURES)
