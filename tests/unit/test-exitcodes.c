// SPDX-License-Identifier: MIT
/* errno -> exit status: the one mapping (exitcodes.c) every command uses. */
#include "config.h"

#include <errno.h>

#include "exitcodes.h"
#include "unit.h"

int main(void)
{
	/* a failed system call, sign ignored */
	CHECK(zpci_errno_exit(EACCES, ZX_IO) == ZX_PERM);
	CHECK(zpci_errno_exit(-EPERM, ZX_IO) == ZX_PERM);
	CHECK(zpci_errno_exit(EROFS, ZX_DATA) == ZX_PERM);
	CHECK(zpci_errno_exit(ENOMEM, ZX_IO) == ZX_INTERNAL);
	CHECK(zpci_errno_exit(-ENODEV, ZX_IO) == ZX_NODEV);
	CHECK(zpci_errno_exit(ENXIO, ZX_IO) == ZX_NODEV);
	/* the caller knows what an unclassified error means */
	CHECK(zpci_errno_exit(EIO, ZX_IO) == ZX_IO);
	CHECK(zpci_errno_exit(EINVAL, ZX_DATA) == ZX_DATA);
	CHECK(zpci_errno_exit(ENOENT, ZX_IO) == ZX_IO);

	/* a facility's node: missing means unavailable, not "no such function" */
	CHECK(zpci_errno_exit_facility(ENOENT, ZX_IO) == ZX_UNAVAIL);
	CHECK(zpci_errno_exit_facility(-ENODEV, ZX_IO) == ZX_UNAVAIL);
	CHECK(zpci_errno_exit_facility(ENXIO, ZX_IO) == ZX_UNAVAIL);
	CHECK(zpci_errno_exit_facility(EACCES, ZX_IO) == ZX_PERM);
	CHECK(zpci_errno_exit_facility(ENOMEM, ZX_IO) == ZX_INTERNAL);
	CHECK(zpci_errno_exit_facility(EBUSY, ZX_IO) == ZX_IO);
	return unit_done("test-exitcodes");
}
