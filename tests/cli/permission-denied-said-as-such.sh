#!/bin/sh
# Run as an unprivileged user, a directory or attribute zpcidiag may not
# read is said to be a permission problem (exit 5) wherever it happens: the
# bus/pci/devices directory, a function's directory (the function is not
# "skipped" as if it were no zPCI function), one attribute. check calls an
# unreadable attribute critical, as show and list do.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/check-lib.sh"

[ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 ||
	{ echo "SKIP: needs root and setpriv to run as an unprivileged user"; exit 77; }
chmod 755 "$WORK"

R=$(copy_root mixed-system perm)
chmod -R a+rX "$R"
as_nobody 0 --sysfs-root "$R/sys" list

# one attribute
d=$(devdir "$R" 0001:00:00.0)
chmod 000 "$d/pchid"
as_nobody 5 --sysfs-root "$R/sys" show 0001:00:00.0
contains "$OUT$ERR" "pchid: Permission denied"
as_nobody 5 --sysfs-root "$R/sys" list
as_nobody 2 --sysfs-root "$R/sys" check --format=plugin 0001:00:00.0
contains "$OUT" "^ZPCIDIAG CRITICAL"
chmod 644 "$d/pchid"

# a function's directory
chmod 000 "$d"
as_nobody 5 --sysfs-root "$R/sys" -v list
contains "$ERR" "Permission denied"
lacks "$ERR" "not a zPCI function"
contains "$OUT" "^0001:00:00.0 "
lacks "$OUT" "^- +0x00000210 .*standby"
chmod 755 "$d"

# the list of devices itself
chmod 000 "$R/sys/bus/pci/devices"
as_nobody 5 --sysfs-root "$R/sys" list
contains "$ERR" "devices: Permission denied"
chmod 755 "$R/sys/bus/pci/devices"

done_testing
