// SPDX-License-Identifier: MIT
#include "config.h"

#include <errno.h>

#include "exitcodes.h"

int zpci_errno_exit(int err, int fallback)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EACCES:
	case EPERM:
	case EROFS:
		return ZX_PERM;
	case ENOMEM:
		return ZX_INTERNAL;
	case ENODEV:
	case ENXIO:
		return ZX_NODEV;
	}
	return fallback;
}

int zpci_errno_exit_facility(int err, int fallback)
{
	if (err < 0)
		err = -err;
	if (err == ENOENT || err == ENODEV || err == ENXIO)
		return ZX_UNAVAIL;
	return zpci_errno_exit(err, fallback);
}
