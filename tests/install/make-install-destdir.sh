#!/bin/sh
# `make install DESTDIR=...` puts exactly what a user needs where this
# configuration says (program in sbin, every man page, bash and zsh
# completions, check.conf naming every rule, the JSON schema, the timer and
# its service, check_zpci, the sos extras file, every kmod/ source with a
# dkms.conf of configure.ac's version); the installed pieces work (check_zpci
# against fake trees, its time limit, the sos commands, dkms.conf sourced as
# DKMS sources it); `make uninstall` leaves no file behind.
. "$(dirname "$0")/../cli/lib.sh"
. "$(dirname "$0")/../cli/check-lib.sh"
: "${TOP_BUILDDIR:?}" "${TOP_SRCDIR:?}"
unset MAKEFLAGS MFLAGS MAKELEVEL
MAKE=${MAKE:-make}
D=$WORK/dest

eval "$($MAKE -s -C "$TOP_BUILDDIR" print-install-dirs | grep -E '^[a-zA-Z_]+=[^;`$]*$')"
$MAKE -s -C "$TOP_BUILDDIR" install DESTDIR="$D" >"$WORK/install.log" 2>&1 ||
	{ cat "$WORK/install.log"; echo "make install failed"; exit 99; }

# the exact file list: the man pages and module sources as the tree has them today
{
	echo "$sbindir/zpcidiag"
	for m in "$TOP_SRCDIR"/man/*.[0-9]; do
		echo "$mandir/man${m##*.}/$(basename "$m")"
	done
	echo "$bashcompletiondir/zpcidiag"
	echo "$zshcompletiondir/_zpcidiag"
	echo "$sysconfdir/zpcidiag/check.conf"
	echo "$pkgdatadir/zpcidiag.schema.json"
	echo "$systemdsystemunitdir/zpcidiag-check.service"
	echo "$systemdsystemunitdir/zpcidiag-check.timer"
	echo "$plugindir/check_zpci"
	echo "$sosextrasdir/zpcidiag"
	echo "$dkmsmoduledir/dkms.conf"
	(cd "$TOP_SRCDIR/kmod" && find . -type f ! -name local.mk ! -name dkms.conf.in ! -name dkms.conf \
		! -name '*.o' ! -name '*.ko' ! -name '*.mod' ! -name '*.mod.c' ! -name '.*' \
		! -name modules.order ! -name Module.symvers) | sed "s|^\./|$dkmsmoduledir/|"
} | LC_ALL=C sort >"$WORK/want"
(cd "$D" && find . -type f -o -type l) | sed 's|^\.||' | LC_ALL=C sort >"$WORK/got"
CHECKS=$((CHECKS + 1))
diff -u "$WORK/want" "$WORK/got" >"$WORK/diff" || fail "installed files differ from the expected list: $(cat "$WORK/diff")"
for x in "$sbindir/zpcidiag" "$plugindir/check_zpci"; do
	CHECKS=$((CHECKS + 1))
	[ -x "$D$x" ] || fail "$x is not executable"
done
CHECKS=$((CHECKS + 1))
case $(stat -c %a "$D$sosextrasdir/zpcidiag") in
644) ;; *) fail "sos refuses extras that group or others can write: mode $(stat -c %a "$D$sosextrasdir/zpcidiag")" ;;
esac

# dkms.conf: configure.ac's version, both modules only where vfio-pci-core is
CHECKS=$((CHECKS + 1))
[ "$("$D$sbindir/zpcidiag" --version | grep -o '[0-9][0-9.]*' | head -1)" = "$PACKAGE_VERSION" ] ||
	fail "zpcidiag --version is not $PACKAGE_VERSION: $("$D$sbindir/zpcidiag" --version)"
contains "$(cat "$D$dkmsmoduledir/dkms.conf")" "^PACKAGE_VERSION=\"$PACKAGE_VERSION\"\$" dkms.conf
contains "$dkmsmoduledir" "/zpcidiag-$PACKAGE_VERSION\$" "the DKMS source directory"
mkdir -p "$WORK/kdir-vfio" "$WORK/kdir-novfio"
echo 'CONFIG_VFIO_PCI_CORE=m' >"$WORK/kdir-vfio/.config"
echo '# CONFIG_VFIO_PCI_CORE is not set' >"$WORK/kdir-novfio/.config"
for k in vfio novfio; do
	CHECKS=$((CHECKS + 1))
	bash -c 'set -eu; kernel_source_dir=$1 dkms_tree=/var/lib/dkms; . "$2"; echo "${BUILT_MODULE_NAME[*]}"' _ \
		"$WORK/kdir-$k" "$D$dkmsmoduledir/dkms.conf" >"$WORK/mods-$k" 2>&1 || fail "dkms.conf does not source: $(cat "$WORK/mods-$k")"
done
contains "$(cat "$WORK/mods-vfio")" '^zpcidiag_diag zpci_vfio_pci$' "modules with vfio-pci-core"
contains "$(cat "$WORK/mods-novfio")" '^zpcidiag_diag$' "modules without vfio-pci-core"

# the service writes the configured textfile directory with the installed program
contains "$(cat "$D$systemdsystemunitdir/zpcidiag-check.service")" \
	"^ExecStart=$sbindir/zpcidiag check --format=prometheus -o $textfiledir/zpcidiag.prom\$" "the service"
contains "$(cat "$D$systemdsystemunitdir/zpcidiag-check.service")" "^ReadWritePaths=$textfiledir\$" "the service"
contains "$(cat "$D$systemdsystemunitdir/zpcidiag-check.timer")" '^OnUnitActiveSec=15min$' "the timer"
lacks "$(cat "$D$systemdsystemunitdir/zpcidiag-check.service" "$D$plugindir/check_zpci" "$D$sosextrasdir/zpcidiag")" '@[a-zA-Z_]+@' "installed files (unsubstituted @VAR@)"

# check.conf names every rule, and is a valid configuration that silences them all
CONF=$D$sysconfdir/zpcidiag/check.conf
for r in $("$D$sbindir/zpcidiag" check --list-rules | awk 'NR > 1 { print $1 }'); do
	contains "$(cat "$CONF")" "^#ignore $r\$" "check.conf (rule $r)"
done
R=$(copy_root lpar-6-18-network-express inst)
printf '0\n' >"$R/sys/bus/pci/slots/00000a00/power"
run 1 --sysfs-root "$R/sys" check --config "$CONF"
sed 's/^#ignore /ignore /' "$CONF" >"$WORK/all.conf"
run 0 --sysfs-root "$R/sys" --json check --config "$WORK/all.conf"
jeq 'd["counts"]["ignored"] > 0' true

# check_zpci, installed, on fake trees through ZPCIDIAG_PROGRAM
cat >"$WORK/zpcidiag-root" <<EOF
#!/bin/sh
exec "$D$sbindir/zpcidiag" --sysfs-root "\$FAKE_ROOT/sys" "\$@"
EOF
printf '#!/bin/sh\nsleep 5\n' >"$WORK/zpcidiag-slow"
chmod +x "$WORK/zpcidiag-root" "$WORK/zpcidiag-slow"
# plugin EXPECTED-RC ARGS...: run() with the installed check_zpci; $OUT, $ERR
plugin() {
	save=$ZPCIDIAG
	ZPCIDIAG=$D$plugindir/check_zpci
	run "$@"
	ZPCIDIAG=$save
}
export FAKE_ROOT
FAKE_ROOT=$(root lpar-6-18-network-express)
ZPCIDIAG_PROGRAM=$WORK/zpcidiag-root plugin 0
contains "$OUT" '^ZPCIDIAG OK - 7 functions healthy \| critical=0;;;0 .*functions=7;;;0$' "check_zpci"
[ "$(printf '%s\n' "$OUT" | wc -l)" = 1 ] || fail "check_zpci without -v printed more than one line: $OUT"
FAKE_ROOT=$R
ZPCIDIAG_PROGRAM=$WORK/zpcidiag-root plugin 1 -t 30
contains "$OUT" '^ZPCIDIAG WARNING - 0 critical, 1 warning' "check_zpci"
ZPCIDIAG_PROGRAM=$WORK/zpcidiag-root plugin 1 -v
contains "$(printf '%s\n' "$OUT" | sed -n 1p)" '^ZPCIDIAG WARNING - ' "check_zpci -v, first line"
contains "$OUT" '^warning +slot-power-off +0050:00:00.0 ' "check_zpci -v, long text"
ZPCIDIAG_PROGRAM=$WORK/zpcidiag-root plugin 0 --ignore slot-power-off
ZPCIDIAG_PROGRAM=$WORK/zpcidiag-root plugin 3 --no-such-option
contains "$OUT" '^ZPCIDIAG UNKNOWN - ' "check_zpci with a bad option"
plugin 3 -t abc
contains "$OUT" "^ZPCIDIAG UNKNOWN - check_zpci: -t: 'abc' is not a number" "check_zpci -t abc"
start=$(date +%s)
ZPCIDIAG_PROGRAM=$WORK/zpcidiag-slow plugin 3 -t 1
contains "$OUT" '^ZPCIDIAG UNKNOWN - zpcidiag check did not finish within 1 seconds$' "check_zpci -t 1"
CHECKS=$((CHECKS + 1))
[ $(($(date +%s) - start)) -lt 4 ] || fail "check_zpci -t 1 took $(($(date +%s) - start)) s"
ZPCIDIAG_PROGRAM=$WORK/no-such-zpcidiag plugin 3
contains "$OUT" '^ZPCIDIAG UNKNOWN - ' "check_zpci without zpcidiag"

# the sos extras: each command runs (here on a fake tree), each file exists
grep -v '^#' "$D$sosextrasdir/zpcidiag" | grep . >"$WORK/extras"
CHECKS=$((CHECKS + 1))
[ "$(wc -l <"$WORK/extras")" -ge 5 ] || fail "sos extras has few lines: $(cat "$WORK/extras")"
while read -r prog args; do
	case $prog in
	:*)
		CHECKS=$((CHECKS + 1))
		[ -f "$D${prog#:}" ] || fail "sos extras copies ${prog#:}, which is not installed" ;;
	*)
		CHECKS=$((CHECKS + 1))
		[ "$prog" = "$sbindir/zpcidiag" ] || fail "sos extras runs $prog, not the installed zpcidiag"
		# shellcheck disable=SC2086
		"$D$prog" --sysfs-root "$R/sys" $args >"$WORK/sos-out" 2>&1
		rc=$?
		# CLP is live only: on a fake tree it must say so, on a system it runs
		case $args in clp*) grep -q 'no live /dev/clp' "$WORK/sos-out" && continue ;; esac
		[ $rc -le 2 ] && [ -s "$WORK/sos-out" ] || fail "sos extras: $prog $args exited $rc: $(head -c 500 "$WORK/sos-out")" ;;
	esac
done <"$WORK/extras"

# the zsh completion at least parses
if command -v zsh >/dev/null 2>&1; then
	CHECKS=$((CHECKS + 1))
	zsh -n "$D$zshcompletiondir/_zpcidiag" 2>"$WORK/zsh" || fail "zsh: $(cat "$WORK/zsh")"
fi

# uninstall: no file or link left, no directory of our own (the prefix itself
# may be named after us, as under distcheck)
$MAKE -s -C "$TOP_BUILDDIR" uninstall DESTDIR="$D" >"$WORK/uninstall.log" 2>&1 ||
	fail "make uninstall: $(cat "$WORK/uninstall.log")"
left=$(cd "$D" && find . -type f -o -type l)
for d in "$sysconfdir/zpcidiag" "$pkgdatadir" "$dkmsmoduledir"; do
	[ ! -e "$D$d" ] || left="$left $d"
done
CHECKS=$((CHECKS + 1))
[ -z "$left" ] || fail "make uninstall left: $left"
done_testing
