#!/bin/bash
# Build what the guest runs, from the current repository:
#  - zpcidiag cross-compiled for s390x against the sysroot (dynamically
#    linked: libpci has no static s390x archive);
#  - kmod/ for each kernel flavour, when kmod/Makefile exists;
#  - one initramfs per flavour: busybox, jq, zpcidiag with its shared
#    libraries, the kernel's modules, the project's .ko files in /lib/zpcidiag,
#    tests/vm (cases + lib.sh) in /testbed, and /init.
#   build-guest.sh [--flavour normal|debug|kasan|stock]...   (default: normal)
#   build-guest.sh --cli-only      only cross-build zpcidiag
# Prints the initramfs paths.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavours= cli_only=0
while [ $# -gt 0 ]; do
	case $1 in
	--flavour) flavours="$flavours $2"; shift 2;;
	--flavour=*) flavours="$flavours ${1#*=}"; shift;;
	--cli-only) cli_only=1; shift;;
	-h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0;;
	*) die "unknown option $1";;
	esac
done
[ -n "$flavours" ] || flavours=normal

# One work area per checkout: CI clones land in different directories.
WORK=$CACHE/work/$(printf '%s' "$REPO_DIR" | sha256sum | cut -c1-12)
mkdir -p "$WORK"
echo "$REPO_DIR" > "$WORK/checkout"

# Copy the tree (tracked + untracked, not ignored) with mtimes preserved so
# make rebuilds only what changed; an in-tree host build does not get in the way.
sync_tree() { # dst
	mkdir -p "$1"
	if git -C "$REPO_DIR" rev-parse --git-dir >/dev/null 2>&1; then
		(cd "$REPO_DIR" && git ls-files -z --cached --others --exclude-standard |
			xargs -0 sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh |
			tar --null -T - -cf -) | tar -C "$1" -xf -
	else
		(cd "$REPO_DIR" && tar --exclude=.git -cf - .) | tar -C "$1" -xf -
	fi
}

build_cli() {
	local b=$WORK/cli
	sync_tree "$b"
	export PKG_CONFIG_SYSROOT_DIR=$SYSROOT
	export PKG_CONFIG_LIBDIR=$SYSROOT/usr/lib/s390x-linux-gnu/pkgconfig:$SYSROOT/usr/share/pkgconfig
	export PKG_CONFIG_PATH=
	if [ ! -e "$b/Makefile" ]; then
		log "configuring zpcidiag for s390x"
		(cd "$b" && ./autogen.sh >/dev/null 2>&1 &&
		 ./configure -q --enable-werror --host=s390x-linux-gnu --prefix=/usr PKG_CONFIG=pkg-config \
			CPPFLAGS="-I$SYSROOT/usr/include -I$SYSROOT/usr/include/s390x-linux-gnu" \
			LDFLAGS="-L$SYSROOT/usr/lib/s390x-linux-gnu -L$SYSROOT/lib/s390x-linux-gnu -Wl,-rpath-link,$SYSROOT/usr/lib/s390x-linux-gnu:$SYSROOT/lib/s390x-linux-gnu") ||
			die "cross configure failed (see $b/config.log)"
	fi
	log "building zpcidiag for s390x"
	make -s -C "$b" -j"$JOBS" src/zpcidiag >/dev/null || die "cross build of zpcidiag failed"
	# in-guest helper programs of the kmod cases (tests/vm/progs/Makefile)
	if [ -e "$b/tests/vm/progs/Makefile" ]; then
		log "building tests/vm/progs for s390x"
		make -s -C "$b/tests/vm/progs" CC=${CROSS}gcc SYSROOT="$SYSROOT" >/dev/null ||
			die "cross build of tests/vm/progs failed"
	fi
}

# kmod/ is built per flavour in its own copy: objects of one kernel must not
# leak into another's build.
build_kmod() { # flavour kdir
	local t=$WORK/tree-$1
	sync_tree "$t"
	[ -e "$t/kmod/Makefile" ] || { log "no kmod/Makefile: no project modules"; return 0; }
	log "building kmod/ for the $1 kernel"
	if ! make -s -C "$t/kmod" KDIR="$2" ARCH=s390 CROSS_COMPILE=$CROSS -j"$JOBS" >"$WORK/kmod-$1.log" 2>&1; then
		cat "$WORK/kmod-$1.log" >&2
		die "kmod/ does not build for the $1 kernel"
	fi
}

# Shared libraries a binary needs, found in the sysroot, recursively.
needed_libs() { # elf...
	local todo=("$@") seen=" " f lib p
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}; todo=("${todo[@]:1}")
		for lib in $(s390x-linux-gnu-readelf -d "$f" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
			case $seen in *" $lib "*) continue;; esac
			seen="$seen$lib "
			for p in "$SYSROOT/lib/s390x-linux-gnu/$lib" "$SYSROOT/usr/lib/s390x-linux-gnu/$lib"; do
				if [ -e "$p" ]; then echo "$p"; todo+=("$p"); break; fi
			done
		done
	done
}

# gen_init_cpio from the kernel source: lets a non-root build create
# /dev/console and root-owned files.
GEN_INIT_CPIO=$CACHE/tools/gen_init_cpio
if [ ! -x "$GEN_INIT_CPIO" ]; then
	mkdir -p "$CACHE/tools"
	gcc -O2 -o "$GEN_INIT_CPIO" "$(kernel_src_dir)/usr/gen_init_cpio.c"
fi
cpio_list() { # stagedir -> gen_init_cpio list on stdout
	(cd "$1" && find . -mindepth 1 | sort | while read -r p; do
		n=${p#.}
		if [ -L "$p" ]; then echo "slink $n $(readlink "$p") 777 0 0"
		elif [ -d "$p" ]; then echo "dir $n $(stat -c %a "$p") 0 0"
		else echo "file $n $1/${p#./} $(stat -c %a "$p") 0 0"
		fi
	done)
	echo "nod /dev/console 600 0 0 c 5 1"
	echo "nod /dev/null 666 0 0 c 1 3"
}

kernel_release() { # modules dir
	ls "$1" | head -1
}

build_initramfs() { # flavour
	local f=$1 st=$WORK/stage-$1 kdir modsrc rel
	rm -rf "$st"
	mkdir -p "$st"/{bin,sbin,usr/bin,usr/sbin,lib/s390x-linux-gnu,lib/zpcidiag,lib/modules,etc/testbed,testbed/cases,proc,sys,dev,tmp,run,root}
	cp "$SYSROOT/bin/busybox" "$st/bin/busybox"
	cp "$TESTBED_DIR/guest/init" "$st/init"; chmod 755 "$st/init"
	cp "$TESTBED_DIR/guest/runner.sh" "$TESTBED_DIR/guest/demo.sh" "$st/testbed/"
	cp "$REPO_DIR/tests/vm/lib.sh" "$st/testbed/lib.sh"
	cp "$REPO_DIR"/tests/vm/cases/*.sh "$st/testbed/cases/" 2>/dev/null || true
	cp "$WORK/cli/src/zpcidiag" "$st/usr/bin/zpcidiag"
	s390x-linux-gnu-strip "$st/usr/bin/zpcidiag"
	cp "$SYSROOT/usr/bin/jq" "$st/usr/bin/jq"
	cp -L "$SYSROOT/lib/s390x-linux-gnu/ld64.so.1" "$st/lib/ld64.so.1"
	progs=
	if [ -e "$WORK/cli/tests/vm/progs/Makefile" ]; then
		make -s -C "$WORK/cli/tests/vm/progs" DESTDIR="$st" install >/dev/null
		progs=$(ls "$st"/usr/libexec/zpcidiag-tests/*)
	fi
	for l in $(needed_libs "$st/usr/bin/zpcidiag" "$st/usr/bin/jq" $progs); do
		cp -L "$l" "$st/lib/s390x-linux-gnu/"
	done
	# Kernel modules.  The stock kernel ships ~4000; the guest needs the
	# virtio drivers and their dependencies only.
	if [ "$f" = stock ]; then
		modsrc=$CACHE/stock/root/lib/modules
		rel=$(kernel_release "$modsrc")
		(cd "$modsrc/$rel" && { find kernel/drivers/virtio kernel/drivers/net/virtio_net.ko* \
			kernel/drivers/net/net_failover.ko* kernel/net/core/failover.ko* \
			kernel/drivers/block/virtio_blk.ko* kernel/drivers/char/hw_random \
			kernel/drivers/char/virtio_console.ko* kernel/drivers/pci/hotplug \
			-name '*.ko*' 2>/dev/null || true; } | tar -cf - -T - modules.order modules.builtin modules.builtin.modinfo) |
			tar -C "$st/lib/modules" --transform "s|^|$rel/|" -xf -
		depmod -b "$st" "$rel"
	else
		modsrc=$("$TESTBED_DIR/build-kernel.sh" --flavour "$f" --print-kdir)/modroot/lib/modules
		rel=$(kernel_release "$modsrc")
		cp -a "$modsrc/$rel" "$st/lib/modules/"
		rm -f "$st/lib/modules/$rel/build" "$st/lib/modules/$rel/source"
	fi
	if [ -e "$WORK/tree-$f/kmod/Makefile" ]; then
		find "$WORK/tree-$f/kmod" -name '*.ko' -exec cp {} "$st/lib/zpcidiag/" \;
	fi
	# Busybox's shell refuses to run setsid/cttyhack without these.
	echo 'root:x:0:0:root:/root:/bin/sh' > "$st/etc/passwd"
	echo 'root:x:0:' > "$st/etc/group"
	echo "export PS1='zpci-guest:\w# '" > "$st/etc/profile"
	cpio_list "$st" > "$WORK/initramfs-$f.list"
	"$GEN_INIT_CPIO" "$WORK/initramfs-$f.list" | gzip -1 > "$WORK/initramfs-$f.cpio.gz.tmp"
	mv "$WORK/initramfs-$f.cpio.gz.tmp" "$WORK/initramfs-$f.cpio.gz"
	echo "$WORK/initramfs-$f.cpio.gz"
}

"$TESTBED_DIR/setup-host.sh"
build_cli
if [ "$cli_only" = 1 ]; then echo "$WORK/cli/src/zpcidiag"; exit 0; fi
for f in $flavours; do
	case $f in
	normal|debug|kasan) "$TESTBED_DIR/build-kernel.sh" --flavour "$f" >/dev/null ;;
	stock) ;;
	*) die "unknown flavour $f";;
	esac
	build_kmod "$f" "$("$TESTBED_DIR/build-kernel.sh" --flavour "$f" --print-kdir)"
	build_initramfs "$f"
done
