# SPDX-License-Identifier: GPL-2.0
# Kernel features detected in the target kernel's headers, not by version
# (distributions backport vfio and genetlink changes; see compat.h).
# Included by Kbuild with $(srctree) set; host tests include it with a fake
# srctree and print the result:
#   make -s -f kmod/features.mk srctree=DIR zpcidiag-features
#
# zpcidiag_have NAME, FILE, EXTENDED-REGEX: -DZPCIDIAG_HAVE_NAME when the
# kernel header FILE (relative to srctree) has a line matching the regex.
# an opening parenthesis alone would unbalance $(call ...)'s arguments
zpcidiag_lp := (
zpcidiag_have = $(shell grep -qsE '$(3)' $(srctree)/$(2) && echo -DZPCIDIAG_HAVE_$(1))
# both: NAME when two headers each have their part (an op and its helper)
zpcidiag_have2 = $(if $(and $(call zpcidiag_have,$(1),$(2),$(3)),$(call zpcidiag_have,$(1),$(4),$(5))),-DZPCIDIAG_HAVE_$(1))

ZPCIDIAG_FEATURES := \
	$(call zpcidiag_have,NON_MAPPABLE_BARS,include/linux/pci.h,non_mappable_bars) \
	$(call zpcidiag_have,ZDEV_RID,arch/s390/include/asm/pci.h,^[[:space:]]*u16[[:space:]]+rid;) \
	$(call zpcidiag_have,IOMMUFD_PHYSICAL,include/linux/vfio.h,\bvfio_iommufd_physical_attach_ioas\$(zpcidiag_lp)) \
	$(call zpcidiag_have,DETACH_IOAS,include/linux/vfio.h,\bvfio_iommufd_physical_detach_ioas\$(zpcidiag_lp)) \
	$(call zpcidiag_have2,GET_REGION_INFO_CAPS,include/linux/vfio.h,\(\*get_region_info_caps\),include/linux/vfio_pci_core.h,\bvfio_pci_ioctl_get_region_info\$(zpcidiag_lp)) \
	$(call zpcidiag_have2,MATCH_TOKEN_UUID,include/linux/vfio.h,\(\*match_token_uuid\),include/linux/vfio_pci_core.h,\bvfio_pci_core_match_token_uuid\$(zpcidiag_lp)) \
	$(call zpcidiag_have,GENL_INFO_DUMP,include/net/genetlink.h,\bgenl_info_dump\$(zpcidiag_lp))

.PHONY: zpcidiag-features
zpcidiag-features:
	@echo $(strip $(ZPCIDIAG_FEATURES))
