#!/bin/sh
# One version, configure.ac's: debian/changelog's upstream part, the RPM spec
# and dkms.conf as make writes them, and the program's --version agree; the
# Debian packaging installs every file `make install` puts down.
. "$(dirname "$0")/../cli/lib.sh"
: "${TOP_BUILDDIR:?}" "${TOP_SRCDIR:?}"
# release tarballs carry the spec but not debian/ (dpkg-source adds it)
[ -d "$TOP_SRCDIR/debian" ] || { echo "SKIP: no debian/ in a release tarball"; exit 77; }
unset MAKEFLAGS MFLAGS MAKELEVEL
MAKE=${MAKE:-make}
eval "$($MAKE -s -C "$TOP_BUILDDIR" print-install-dirs | grep -E '^PACKAGE_VERSION=[0-9.]+$')"
$MAKE -s -C "$TOP_BUILDDIR" rpm/zpcidiag.spec kmod/dkms.conf >/dev/null 2>&1 || fail "make cannot write the spec and dkms.conf"

# version WHAT GOT
version() {
	CHECKS=$((CHECKS + 1))
	[ "$2" = "$PACKAGE_VERSION" ] || fail "$1 says '$2', configure.ac $PACKAGE_VERSION"
}
version debian/changelog "$(sed -n '1s/^zpcidiag (\([^)-]*\)-[^)]*).*/\1/p' "$TOP_SRCDIR/debian/changelog")"
version rpm/zpcidiag.spec "$(sed -n 's/^Version: *//p' "$TOP_BUILDDIR/rpm/zpcidiag.spec")"
version kmod/dkms.conf "$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$TOP_BUILDDIR/kmod/dkms.conf")"
version "zpcidiag --version" "$("$ZPCIDIAG" --version | grep -o '[0-9][0-9.]*[0-9]' | head -1)"
contains "$(cat "$TOP_SRCDIR/debian/zpcidiag-dkms.dkms")" '^kmod/dkms.conf$' "debian/zpcidiag-dkms.dkms (the generated dkms.conf, not a copy)"

# every file make install writes belongs to one Debian package
D=$WORK/dest
$MAKE -s -C "$TOP_BUILDDIR" install DESTDIR="$D" prefix=/usr sysconfdir=/etc \
	bashcompletiondir=/usr/share/bash-completion/completions \
	zshcompletiondir=/usr/share/zsh/vendor-completions \
	systemdsystemunitdir=/usr/lib/systemd/system plugindir=/usr/lib/nagios/plugins \
	sosextrasdir=/etc/sos/extras.d dkmssourcedir=/usr/src >"$WORK/install.log" 2>&1 ||
	{ cat "$WORK/install.log"; exit 99; }
(cd "$D" && find . -type f | sed 's|^\./||') | LC_ALL=C sort >"$WORK/files"
while read -r f; do
	CHECKS=$((CHECKS + 1))
	n=0
	for inst in "$TOP_SRCDIR"/debian/*.install; do
		while read -r pat; do
			# shellcheck disable=SC2254
			case $f in $pat | $pat/*) n=$((n + 1)); break ;; esac
		done <"$inst"
	done
	# the units' directory differs between Debian releases: debian/rules installs them
	case $f in */systemd/system/zpcidiag-check.*)
		grep -q "/${f##*/}" "$TOP_SRCDIR/debian/rules" && n=$((n + 1)) ;; esac
	[ "$n" = 1 ] || fail "$f is in $n Debian packages (debian/*.install)"
done <"$WORK/files"
done_testing
