#!/bin/sh
# SPDX-License-Identifier: MIT
# The bind/unbind/iotest commands on generated fake trees (tests/fixtures):
# each refusal exits with its documented code, says why, and leaves sysfs
# as it was. The successful moves are covered by test-action-bind (which
# plays the kernel) and by the in-guest cases.
set -u
: "${srcdir:=.}"
ZPCIDIAG=${ZPCIDIAG:-./src/zpcidiag}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check() { # expected-exit description command...
	want=$1; what=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/out" "$tmp/err"; fail=1
	else
		echo "ok: $what (exit $got): $(head -n1 "$tmp/err")"
	fi
}
expect_err() { # pattern description
	grep -q -- "$1" "$tmp/err" || { echo "FAIL: $2: stderr lacks '$1'"; cat "$tmp/err"; fail=1; }
}

python3 "$srcdir/tests/fixtures/mkfixture.py" detached-roce-vf "$tmp/sys" || exit 99
root=$tmp/sys
vf=0011:00:00.0		# no driver, IOMMU group 2
pf=0010:00:00.0		# mlx5_core with ens256
ovr() { cat "$root/bus/pci/devices/$1/driver_override"; }
: > "$root/bus/pci/drivers_probe"
mkdir -p "$root/module/vfio_iommu_type1"
export ZPCIDIAG_RUN_DIR="$tmp/run"
unset ZPCIDIAG_MODPROBE

check 3 "bind of an unknown function" "$ZPCIDIAG" --sysfs-root "$root" bind 0099:00:00.0
expect_err "0099:00:00.0: no such zPCI function" "unknown function"
check 2 "bind to an unsupported driver" "$ZPCIDIAG" --sysfs-root "$root" bind "$vf" --driver mlx5_core
check 2 "bind without DEVICE" "$ZPCIDIAG" --sysfs-root "$root" bind

# a fake root never runs the real modprobe
check 6 "bind with the module missing" "$ZPCIDIAG" --sysfs-root "$root" bind "$vf"
expect_err "module zpci_vfio_pci is not loaded" "module missing"
[ "$(ovr $vf)" = "(null)" ] || { echo "FAIL: driver_override changed: $(ovr $vf)"; fail=1; }

# modprobe "works" but the (fake) kernel never binds: rolled back, no state kept
cat > "$tmp/modprobe" <<EOS
#!/bin/sh
mkdir -p "$root/bus/pci/drivers/\$1" && : > "$root/bus/pci/drivers/\$1/unbind"
EOS
chmod +x "$tmp/modprobe"
export ZPCIDIAG_MODPROBE="$tmp/modprobe"
# the fake tree plays the kernel: bind may write into it
export ZPCIDIAG_WRITE_FAKE_ROOT=1
check 7 "bind that the kernel does not carry out" "$ZPCIDIAG" --sysfs-root "$root" bind "$vf"
expect_err "zpci_vfio_pci did not bind" "no bind"
case $(ovr $vf) in *zpci_vfio_pci*) echo "FAIL: override left at zpci_vfio_pci"; fail=1;; esac
[ ! -e "$tmp/run/$vf.bind" ] || { echo "FAIL: state file left behind"; fail=1; }

# an interface that is up makes the function "in use"
echo up > "$root/bus/pci/devices/$pf/net/ens256/operstate"
check 7 "bind while ens256 is up" "$ZPCIDIAG" --sysfs-root "$root" bind ens256
expect_err "network interface ens256 is up" "netdev up"
[ "$(ovr $pf)" = "(null)" ] || { echo "FAIL: driver_override written despite refusal"; fail=1; }

# unbind of a function zpcidiag never bound: nothing to do, JSON says so
check 0 "unbind of a function not bound by zpcidiag" "$ZPCIDIAG" --sysfs-root "$root" --json unbind "$pf"
python3 - "$tmp/out" <<'EOP' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema_version"] == 2 and d["command"] == "unbind", d
assert d["changed"] is False and d["driver"] == "mlx5_core", d
EOP

# iotest: a fake root has no vfio; a function on an ordinary driver is not bound
check 6 "iotest of a function on mlx5_core" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf"
expect_err "not bound to a vfio driver (driver: mlx5_core); .zpcidiag bind $pf" "not bound hint"
check 2 "iotest --write --verify" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --write --verify
check 2 "iotest --pattern nonsense" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --pattern 0xzz
check 2 "iotest --batch without --write" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --batch 4 --count 3
expect_err "--batch takes 1..1024 and needs --write" "batch without write"
check 2 "iotest --batch over 1024" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --write --batch 2000 --count 3
check 2 "iotest --batch without a loop" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --write --batch 4
check 2 "iotest --path (gone with the region)" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --path region
check 2 "iotest --count with --duration" "$ZPCIDIAG" --sysfs-root "$root" iotest "$pf" --count 3 --duration 1
check 3 "iotest of an unknown function" "$ZPCIDIAG" --sysfs-root "$root" iotest fid:0x999
exit $fail
