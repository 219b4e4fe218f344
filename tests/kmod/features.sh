#!/bin/sh
# Kernel feature detection of kmod/ (kmod/features.mk: a compile probe per
# feature) and the vfio ops table it selects (kmod/zpci_vfio_ops.h), against
# fake kernel header trees shaped like Linux 6.1, 6.12, a 6.19+ kernel with
# the VF-token op, a distribution 6.1 with that op backported, and trees
# where an op exists without its vfio-pci-core helper, which must stop the
# build (detection fails closed). Version numbers play no part: the
# backported tree must get the same ops as the new one. Then the same probes
# through Kbuild against the real prepared kernel trees the test bed has
# (6.1, 6.12, 7.x), when they and the s390x cross compiler are there.
set -u
srcdir=${srcdir:-.}
CC=${CC:-cc}
top=$(cd "$srcdir" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/zpcidiag-features.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0

# tree NAME FEATURE...: a fake kernel tree whose headers declare the features
tree() {
	d=$tmp/$1; shift
	mkdir -p "$d/include/linux" "$d/include/net" "$d/arch/s390/include/asm"
	has() { case " $* " in *" $f "*) return 0;; esac; return 1; }
	{
		echo '/* fake */'
		echo 'struct pci_dev { int devfn;'
		for f in "$@"; do [ "$f" = nmb ] && echo '	unsigned int non_mappable_bars:1;'; done
		echo '};'
	} > "$d/include/linux/pci.h"
	{
		echo 'typedef unsigned short u16;'
		echo 'struct zpci_dev {'
		for f in "$@"; do [ "$f" = rid ] && echo '	u16		rid;		/* RID */'; done
		echo '	int fid; };'
	} > "$d/arch/s390/include/asm/pci.h"
	{
		echo 'struct genl_info { void **attrs; };'
		for f in "$@"; do [ "$f" = genlinfo ] && printf 'static inline const struct genl_info *\ngenl_info_dump(void *cb) { return cb; }\n'; done
	} > "$d/include/net/genetlink.h"
	{
		echo '#include <stddef.h>'
		echo 'struct vfio_device { int x; };'
		echo 'struct vfio_device_ops {'
		echo '	const char *name;'
		echo '	int (*init)(struct vfio_device *vdev);'
		echo '	void (*release)(struct vfio_device *vdev);'
		echo '	int (*open_device)(struct vfio_device *vdev);'
		echo '	void (*close_device)(struct vfio_device *vdev);'
		echo '	long (*ioctl)(struct vfio_device *vdev, unsigned int cmd, unsigned long arg);'
		echo '	int (*device_feature)(struct vfio_device *vdev, unsigned int flags, void *arg, size_t argsz);'
		echo '	long (*read)(struct vfio_device *vdev, char *buf, size_t count, long long *ppos);'
		echo '	long (*write)(struct vfio_device *vdev, const char *buf, size_t count, long long *ppos);'
		echo '	int (*mmap)(struct vfio_device *vdev, void *vma);'
		echo '	void (*request)(struct vfio_device *vdev, unsigned int count);'
		echo '	int (*match)(struct vfio_device *vdev, char *buf);'
		for f in "$@"; do case $f in
		iommufd) echo '	int (*bind_iommufd)(struct vfio_device *vdev, void *ictx, unsigned int *out_device_id);'
			 echo '	void (*unbind_iommufd)(struct vfio_device *vdev);'
			 echo '	int (*attach_ioas)(struct vfio_device *vdev, unsigned int *pt_id);';;
		detach) echo '	void (*detach_ioas)(struct vfio_device *vdev);';;
		regcaps|regcaps-op) echo '	int (*get_region_info_caps)(struct vfio_device *vdev, void *info, void *caps);';;
		token|token-op) echo '	int (*match_token_uuid)(struct vfio_device *vdev, const void *uuid);';;
		esac; done
		echo '};'
		for f in "$@"; do case $f in
		iommufd) echo '#define FAKE_HAS_IOMMUFD'
			 echo 'int vfio_iommufd_physical_bind(struct vfio_device *vdev, void *ictx, unsigned int *out_device_id);'
			 echo 'void vfio_iommufd_physical_unbind(struct vfio_device *vdev);'
			 echo 'int vfio_iommufd_physical_attach_ioas(struct vfio_device *vdev, unsigned int *pt_id);';;
		detach) echo '#define FAKE_HAS_DETACH_IOAS'
			echo 'void vfio_iommufd_physical_detach_ioas(struct vfio_device *vdev);';;
		regcaps|regcaps-op) echo '#define FAKE_HAS_GET_REGION_INFO_CAPS';;
		token|token-op) echo '#define FAKE_HAS_MATCH_TOKEN_UUID';;
		esac; done
	} > "$d/include/linux/vfio.h"
	{
		echo '#include <linux/vfio.h>'
		echo '#define VFIO_PCI_OFFSET_MASK (((unsigned long long)1 << 40) - 1)'
		for fn in 'int vfio_pci_core_init_dev(struct vfio_device *vdev)' \
			  'void vfio_pci_core_release_dev(struct vfio_device *vdev)' \
			  'void vfio_pci_core_close_device(struct vfio_device *vdev)' \
			  'long vfio_pci_core_ioctl(struct vfio_device *vdev, unsigned int cmd, unsigned long arg)' \
			  'int vfio_pci_core_ioctl_feature(struct vfio_device *vdev, unsigned int flags, void *arg, size_t argsz)' \
			  'long vfio_pci_core_read(struct vfio_device *vdev, char *buf, size_t count, long long *ppos)' \
			  'long vfio_pci_core_write(struct vfio_device *vdev, const char *buf, size_t count, long long *ppos)' \
			  'int vfio_pci_core_mmap(struct vfio_device *vdev, void *vma)' \
			  'void vfio_pci_core_request(struct vfio_device *vdev, unsigned int count)' \
			  'int vfio_pci_core_match(struct vfio_device *vdev, char *buf)'; do
			echo "$fn;"
		done
		for f in "$@"; do case $f in
		regcaps) echo '#define FAKE_HAS_GET_REGION_INFO_HELPER'
			 echo 'int vfio_pci_ioctl_get_region_info(struct vfio_device *vdev, void *info, void *caps);';;
		token) echo '#define FAKE_HAS_MATCH_TOKEN_HELPER'
		       echo 'int vfio_pci_core_match_token_uuid(struct vfio_device *vdev, const void *uuid);';;
		esac; done
	} > "$d/include/linux/vfio_pci_core.h"
}

# check NAME EXPECTED-FLAGS EXPECTED-OPS: detection, then the ops table
check() {
	name=$1 want_flags=$2 want_ops=$3
	# not the calling make's flags: -w, jobserver (under make check)
	got=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -f "$top/kmod/features.mk" \
		ZPCIDIAG_PROBE_CC="$CC -I$tmp/$name/include -I$tmp/$name/arch/s390/include" zpcidiag-features 2>&1)
	if [ "$got" != "$want_flags" ]; then
		echo "FAIL $name: detected '$got', expected '$want_flags'"
		fails=$((fails + 1))
		return
	fi
	# stubs for the core helpers the table names, so the program links
	{
		echo '#include <linux/vfio_pci_core.h>'
		sed -n 's/^\([a-z ]* \**vfio_[a-z_]*(.*)\);$/\1 { return 0; }/p' \
			"$tmp/$name/include/linux/vfio.h" "$tmp/$name/include/linux/vfio_pci_core.h" |
			sed 's/^void \(.*\) { return 0; }$/void \1 { }/'
	} > "$tmp/$name-stubs.c"
	# shellcheck disable=SC2086
	if ! $CC -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -I"$tmp/$name/include" \
		-I"$top/kmod" $got -o "$tmp/$name.bin" "$top/tests/kmod/vfio-ops-table.c" \
		"$tmp/$name-stubs.c" 2> "$tmp/$name.cc"; then
		echo "FAIL $name: the ops table does not build:"; cat "$tmp/$name.cc"
		fails=$((fails + 1))
		return
	fi
	ops=$("$tmp/$name.bin" | grep -v '^name=' | tr '\n' ' ')
	if [ "$ops" != "$want_ops " ]; then
		echo "FAIL $name: ops '$ops', expected '$want_ops'"
		fails=$((fails + 1))
		return
	fi
	echo "ok   $name: $got"
}

# refuse NAME OP: detection must stop with an error naming the missing helper
refuse() {
	name=$1 op=$2
	if out=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -f "$top/kmod/features.mk" \
		ZPCIDIAG_PROBE_CC="$CC -I$tmp/$name/include -I$tmp/$name/arch/s390/include" zpcidiag-features 2>&1); then
		echo "FAIL $name: detection went on without the helper of $op: '$out'"
		fails=$((fails + 1))
	elif ! echo "$out" | grep -q "has $op but .*refusing to build"; then
		echo "FAIL $name: stopped, but not for $op: $out"
		fails=$((fails + 1))
	else
		echo "ok   $name: stopped: $(echo "$out" | sed -n 's/.*zpcidiag: //p' | head -n1)"
	fi
}

tree linux-6.1
tree linux-6.12 rid iommufd detach genlinfo
tree linux-6.19-token rid nmb iommufd detach genlinfo regcaps token
tree distro-6.1-backport iommufd detach regcaps token
tree token-op-without-helper iommufd detach regcaps token-op
tree regcaps-op-without-helper iommufd detach regcaps-op token
mkdir -p "$tmp/no-headers/include"

check linux-6.1 "" \
	"bind_iommufd=absent attach_ioas=absent detach_ioas=absent get_region_info_caps=absent match_token_uuid=absent"
check linux-6.12 "-DZPCIDIAG_HAVE_ZDEV_RID -DZPCIDIAG_HAVE_IOMMUFD_PHYSICAL -DZPCIDIAG_HAVE_DETACH_IOAS -DZPCIDIAG_HAVE_GENL_INFO_DUMP" \
	"bind_iommufd=core attach_ioas=core detach_ioas=core get_region_info_caps=absent match_token_uuid=absent"
check linux-6.19-token "-DZPCIDIAG_HAVE_NON_MAPPABLE_BARS -DZPCIDIAG_HAVE_ZDEV_RID -DZPCIDIAG_HAVE_IOMMUFD_PHYSICAL -DZPCIDIAG_HAVE_DETACH_IOAS -DZPCIDIAG_HAVE_GET_REGION_INFO_CAPS -DZPCIDIAG_HAVE_MATCH_TOKEN_UUID -DZPCIDIAG_HAVE_GENL_INFO_DUMP" \
	"bind_iommufd=core attach_ioas=core detach_ioas=core get_region_info_caps=ours match_token_uuid=core"
check distro-6.1-backport "-DZPCIDIAG_HAVE_IOMMUFD_PHYSICAL -DZPCIDIAG_HAVE_DETACH_IOAS -DZPCIDIAG_HAVE_GET_REGION_INFO_CAPS -DZPCIDIAG_HAVE_MATCH_TOKEN_UUID" \
	"bind_iommufd=core attach_ioas=core detach_ioas=core get_region_info_caps=ours match_token_uuid=core"
refuse token-op-without-helper match_token_uuid
refuse regcaps-op-without-helper get_region_info_caps
# flags that cannot compile anything must not read as "no features"
if out=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s --no-print-directory -f "$top/kmod/features.mk" \
	ZPCIDIAG_PROBE_CC="$CC -I$tmp/no-headers/include -nostdinc" zpcidiag-features 2>&1); then
	echo "FAIL no-headers: detection answered '$out' without any kernel header"
	fails=$((fails + 1))
else
	echo "ok   no-headers: stopped: $(echo "$out" | sed -n 's/.*zpcidiag: //p' | head -n1)"
fi

# The real trees: the probes through Kbuild with the kernel's own flags.
real() { # NAME KDIR EXPECTED-FLAGS
	if [ ! -f "$2/include/generated/autoconf.h" ] || [ ! -e "$2/scripts/mod/modpost" ]; then
		echo "skip $1: no prepared tree at $2"
		return
	fi
	d=$tmp/real-$1
	mkdir -p "$d"
	cp "$top/kmod/features.mk" "$d/"
	echo 'include $(src)/features.mk' > "$d/Kbuild"
	got=$(env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$2" M="$d" ARCH=s390 \
		CROSS_COMPILE=s390x-linux-gnu- ZPCIDIAG_SHOW_FEATURES=1 modules 2>&1 |
		sed -n 's/^zpcidiag-features: //p' | head -n1)
	if [ "$got" != "$3" ]; then
		echo "FAIL real $1 ($2): detected '$got', expected '$3'"
		fails=$((fails + 1))
	else
		echo "ok   real $1 (${2##*/}): $got"
	fi
}
cache=${ZPCIDIAG_TESTBED_CACHE:-/var/cache/zpcidiag-testbed}
if command -v s390x-linux-gnu-gcc >/dev/null && [ -d "$cache" ]; then
	# this checkout's test-bed kernels (6.1's directory has no version in its name)
	kdir() { ZPCI_TESTBED_CACHE=$cache "$top/testbed/build-kernel.sh" --flavour "normal-$1" --print-kdir 2>/dev/null; }
	real linux-6.1 "$(kdir 6.1)" ""
	real linux-6.12 "$(kdir 6.12)" \
		"-DZPCIDIAG_HAVE_ZDEV_RID -DZPCIDIAG_HAVE_IOMMUFD_PHYSICAL -DZPCIDIAG_HAVE_DETACH_IOAS -DZPCIDIAG_HAVE_GENL_INFO_DUMP"
	for k in "$cache"/mainline/build-7.*-testbed/ "$(kdir 7.2)/"; do
		[ -d "$k" ] && real linux-7.x "${k%/}" \
			"-DZPCIDIAG_HAVE_NON_MAPPABLE_BARS -DZPCIDIAG_HAVE_ZDEV_RID -DZPCIDIAG_HAVE_IOMMUFD_PHYSICAL -DZPCIDIAG_HAVE_DETACH_IOAS -DZPCIDIAG_HAVE_GET_REGION_INFO_CAPS -DZPCIDIAG_HAVE_MATCH_TOKEN_UUID -DZPCIDIAG_HAVE_GENL_INFO_DUMP"
	done
else
	echo "skip real trees: no s390x cross compiler or no test-bed cache"
fi

[ $fails = 0 ] || { echo "$fails checks wrong"; exit 1; }
echo "fake trees and real trees: detection and ops table as expected"
