#!/bin/bash
# Build what the guest runs, from the current repository:
#  - zpcidiag cross-compiled for s390x against the sysroot (dynamically
#    linked: libpci has no static s390x archive);
#  - kmod/ for each kernel flavour, when kmod/Makefile exists;
#  - one initramfs per flavour: busybox, jq, zpcidiag with its shared
#    libraries, the kernel's modules, the project's .ko files in /lib/zpcidiag,
#    tests/vm (cases + lib.sh) in /testbed, and /init.
#   build-guest.sh [--flavour KIND[-VERSION][@EMULATOR]]...   (default: normal)
#   build-guest.sh --cli-only      only cross-build zpcidiag
# (flavour names as in build-kernel.sh and docs/testbed.md). Prints the
# initramfs paths; one progress line per step on stderr, logs in the cache.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

flavours= cli_only=0
while [ $# -gt 0 ]; do
	case $1 in
	--flavour) flavours="$flavours $(flavour_build "$2")"; shift 2;;
	--flavour=*) flavours="$flavours $(flavour_build "${1#*=}")"; shift;;
	--cli-only) cli_only=1; shift;;
	-h|--help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0;;
	*) die "unknown option $1";;
	esac
done
[ -n "$flavours" ] || flavours=$(flavour_build normal)

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
		step "configuring zpcidiag for s390x" cli-configure sh -c "cd '$b' && ./autogen.sh &&
		 ./configure -q --enable-werror --host=s390x-linux-gnu --prefix=/usr PKG_CONFIG=pkg-config \
			CPPFLAGS='-I$SYSROOT/usr/include -I$SYSROOT/usr/include/s390x-linux-gnu' \
			LDFLAGS='-L$SYSROOT/usr/lib/s390x-linux-gnu -L$SYSROOT/lib/s390x-linux-gnu -Wl,-rpath-link,$SYSROOT/usr/lib/s390x-linux-gnu:$SYSROOT/lib/s390x-linux-gnu' ||
			{ cat config.log; exit 1; }"
	fi
	step "building zpcidiag for s390x" cli make -s -C "$b" -j"$JOBS" src/zpcidiag
	# in-guest helper programs of the kmod cases (tests/vm/progs/Makefile)
	if [ -e "$b/tests/vm/progs/Makefile" ]; then
		step "building tests/vm/progs for s390x" progs make -s -C "$b/tests/vm/progs" CC=${CROSS}gcc SYSROOT="$SYSROOT"
	fi
}

# kmod/ is built per flavour in its own copy: objects of one kernel must not
# leak into another's build. Debian 13's stock headers name gcc-14 as their
# compiler and pass it gcc-14-only flags, so modules for that kernel are built
# inside the Debian 13 tree setup-host.sh made for it (chroot), as on a
# Debian 13 machine; the copy lives in that tree.
kmod_tree() { # flavour
	if [ "$1" = stock-6.12 ]; then
		echo "$TRIXIE_CROSS/build/$(basename "$WORK")/tree-$1"
	else
		echo "$WORK/tree-$1"
	fi
}
# make for an external module directory against a flavour's kernel.
kbuild() { # flavour kdir moddir
	if [ "$1" = stock-6.12 ]; then
		chroot "$TRIXIE_CROSS" make -s -C "${3#"$TRIXIE_CROSS"}" \
			KDIR="/usr/src/$(basename "$(readlink -f "$2")")" ARCH=s390 CROSS_COMPILE=$CROSS -j"$JOBS"
	else
		make -s -C "$3" KDIR="$2" ARCH=s390 CROSS_COMPILE=$CROSS -j"$JOBS"
	fi
}
build_kmod() { # flavour kdir
	local t
	t=$(kmod_tree "$1")
	sync_tree "$t"
	[ -e "$t/kmod/Makefile" ] || { log "no kmod/Makefile: no project modules"; return 0; }
	step "building kmod/ for the $1 kernel" "kmod-$1" kbuild "$1" "$2" "$t/kmod"
	# the region benchmark's test-only module (bench/region.sh), shipped beside kmod's
	if [ -e "$t/bench/kmod/Makefile" ]; then
		step "building bench/kmod/ for the $1 kernel" "bench-kmod-$1" kbuild "$1" "$2" "$t/bench/kmod"
	fi
	# the in-guest cases' test-only modules (tests/vm/kmod)
	if [ -e "$t/tests/vm/kmod/Makefile" ]; then
		step "building tests/vm/kmod/ for the $1 kernel" "test-kmod-$1" kbuild "$1" "$2" "$t/tests/vm/kmod"
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

# testbed/cpio.py writes the archive from gen_init_cpio's list format: a
# non-root build can create /dev/console and root-owned files, and no kernel
# source is needed (a guest on Debian's stock kernel has none).
cpio_list() { # stagedir -> gen_init_cpio-style list on stdout
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

# The stock kernel's modules the guest needs: its functions' drivers, vfio and
# hot-plug, and smc (the SMC PNET table's netlink family, pnet-table-live-netlink.sh),
# plus everything they depend on (modules.dep: smc brings ib_core and s390's pnet
# with ccwgroup), uncompressed: Debian 13 ships .ko.xz and busybox's modprobe
# loads plain .ko files.
STOCK_MODULES="kernel/drivers/virtio/ kernel/drivers/net/virtio_net. kernel/drivers/block/virtio_blk.
 kernel/drivers/char/hw_random/ kernel/drivers/char/virtio_console. kernel/drivers/pci/hotplug/
 kernel/drivers/vfio/ kernel/drivers/nvme/host/ kernel/drivers/net/ethernet/intel/e1000e/
 kernel/net/smc/smc."
stock_modules() { # moddir destdir
	local src=$1 dst=$2 m
	mkdir -p "$dst"
	# Debian 13's package has no modules.dep (its postinst runs depmod).
	[ -e "$src/modules.dep" ] || depmod -b "${src%/lib/modules/*}" "$(basename "$src")"
	awk -v want="$STOCK_MODULES" '
		BEGIN { n = split(want, w, /[ \n]+/) }
		{ sub(/:$/, "", $1); dep[$1] = $0 }
		{ for (i = 1; i <= n; i++) if (w[i] != "" && index($1, w[i]) == 1) { todo[$1] = 1 } }
		END {
			do {
				more = 0
				for (m in todo) if (!(m in done)) {
					done[m] = 1
					k = split(dep[m], f, / +/)
					for (j = 2; j <= k; j++) if (!(f[j] in todo)) { todo[f[j]] = 1; more = 1 }
				}
			} while (more)
			for (m in done) print m
		}' "$src/modules.dep" | while read -r m; do
		mkdir -p "$dst/$(dirname "$m")"
		case $m in
		*.xz) xz -dc "$src/$m" > "$dst/${m%.xz}";;
		*.zst) zstd -qdc "$src/$m" > "$dst/${m%.zst}";;
		*) cp "$src/$m" "$dst/$m";;
		esac
	done
	for m in modules.order modules.builtin modules.builtin.modinfo; do
		[ -e "$src/$m" ] && cp "$src/$m" "$dst/"
	done
	return 0
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
	# drivers of the topology's functions and vfio, with their dependencies.
	if [ "${f%%-*}" = stock ]; then
		modsrc=$(stock_dir "${f#*-}")/root/lib/modules
		# Debian 13 is merged-/usr: its modules are under /usr/lib/modules.
		[ -d "$modsrc" ] || modsrc=$(stock_dir "${f#*-}")/root/usr/lib/modules
		rel=$(kernel_release "$modsrc")
		stock_modules "$modsrc/$rel" "$st/lib/modules/$rel"
		depmod -b "$st" "$rel"
	else
		modsrc=$("$TESTBED_DIR/build-kernel.sh" --flavour "$f" --print-kdir)/modroot/lib/modules
		[ -d "$modsrc" ] || modsrc=${modsrc%/lib/modules}/usr/lib/modules
		rel=$(kernel_release "$modsrc")
		cp -a "$modsrc/$rel" "$st/lib/modules/"
		rm -f "$st/lib/modules/$rel/build" "$st/lib/modules/$rel/source"
	fi
	if [ -e "$(kmod_tree "$f")/kmod/Makefile" ]; then
		find "$(kmod_tree "$f")/kmod" "$(kmod_tree "$f")/bench/kmod" "$(kmod_tree "$f")/tests/vm/kmod" -name '*.ko' -exec cp {} "$st/lib/zpcidiag/" \; 2>/dev/null
	fi
	# Busybox's shell refuses to run setsid/cttyhack without these.
	echo 'root:x:0:0:root:/root:/bin/sh' > "$st/etc/passwd"
	echo 'root:x:0:' > "$st/etc/group"
	echo "export PS1='zpci-guest:\w# '" > "$st/etc/profile"
	cpio_list "$st" > "$WORK/initramfs-$f.list"
	python3 "$TESTBED_DIR/cpio.py" "$WORK/initramfs-$f.list" | gzip -1 > "$WORK/initramfs-$f.cpio.gz.tmp"
	mv "$WORK/initramfs-$f.cpio.gz.tmp" "$WORK/initramfs-$f.cpio.gz"
}

# the host pieces of these kernels (the emulator is run-vm.sh's concern)
setup_args=
for f in $flavours; do setup_args="$setup_args --flavour $f"; done
[ "$cli_only" = 0 ] || setup_args="--step sysroot"
# shellcheck disable=SC2086
"$TESTBED_DIR/setup-host.sh" $setup_args
# run-vm.sh has just built zpcidiag beside the setup (TESTBED_CLI_BUILT)
[ -n "${TESTBED_CLI_BUILT:-}" ] || build_cli
if [ "$cli_only" = 1 ]; then echo "$WORK/cli/src/zpcidiag"; exit 0; fi
for f in $flavours; do
	case ${f%%-*} in
	normal|debug|kasan) "$TESTBED_DIR/build-kernel.sh" --flavour "$f" >/dev/null ;;
	stock) ;;
	*) die "unknown flavour $f";;
	esac
	build_kmod "$f" "$("$TESTBED_DIR/build-kernel.sh" --flavour "$f" --print-kdir)"
	step "packing the $f guest (initramfs)" "initramfs-$f" build_initramfs "$f"
	echo "$WORK/initramfs-$f.cpio.gz"
done
