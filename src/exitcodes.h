/* SPDX-License-Identifier: MIT */
/*
 * One exit-code table for every command. Documented in man/zpcidiag.8
 * (section EXIT STATUS); scripts rely on these numbers, never renumber.
 */
#ifndef ZPCIDIAG_EXITCODES_H
#define ZPCIDIAG_EXITCODES_H

enum zpci_exit {
	ZX_OK = 0,		/* success; for checks: no problem found */
	ZX_PROBLEM = 1,		/* the command ran and found a problem (check failed, verify mismatch) */
	ZX_USAGE = 2,		/* invalid command line */
	ZX_NODEV = 3,		/* a named device or function does not exist */
	ZX_DATA = 4,		/* data unreadable or malformed (sysfs file, CLP block, report) */
	ZX_PERM = 5,		/* insufficient privileges (e.g. /dev/clp needs root) */
	ZX_UNAVAIL = 6,		/* a required facility is missing: module not loaded, not bound to vfio, no /dev/clp */
	ZX_IO = 7,		/* an operation failed: instruction error, write refused, ioctl failed */
	ZX_INTERNAL = 8,	/* out of memory or internal error */
};

/*
 * The exit code for a failed system call (err: errno, sign ignored): no
 * permission 5, out of memory 8, device gone 3, otherwise fallback (the
 * caller knows whether reading data (4) or doing something (7) failed).
 */
int zpci_errno_exit(int err, int fallback);
/*
 * The same for a call on a facility's node (/dev/vfio/..., /dev/iommu, a
 * vfio ioctl): a node or device that is not there (ENOENT, ENODEV, ENXIO)
 * means the facility is missing here, 6 (e.g. the function is not bound to
 * vfio-pci), not that the function the user named does not exist.
 */
int zpci_errno_exit_facility(int err, int fallback);

#endif
