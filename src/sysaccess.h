/* SPDX-License-Identifier: MIT */
/*
 * One way to reach the system's files (the s390-tools util_path/util_file
 * idea): paths are built below a root (the live /sys, a fake tree or a saved
 * report), reads are bounded and never block (a FIFO in place of an attribute
 * is refused, not waited on), links are resolved and what they point at is
 * checked, and every string taken from the system is made safe once for
 * terminals and JSON alike.
 */
#ifndef ZPCIDIAG_SYSACCESS_H
#define ZPCIDIAG_SYSACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Errors beyond errno (returned negated like errno values). */
#define ZPCI_ENOTREG	0x10001	/* not a regular file: FIFO, socket, device node */
#define ZPCI_ETOOLONG	0x10002	/* the file holds more than the caller's bound */
#define ZPCI_EDANGLING	0x10003	/* a symbolic link whose target does not exist */
#define ZPCI_ENOTLINK	0x10004	/* a file or directory where a link was expected */
#define ZPCI_ELINK	0x10005	/* a symbolic link where a file was expected (not followed) */
#define ZPCI_EOUTSIDE	0x10006	/* a link below the root that leads out of it (not followed) */

/*
 * The root every system file is read below (--sysfs-root, /sys, or the
 * unpacked report). A path built below it must stay below it: a link whose
 * target, or a file whose real place, is elsewhere is -ZPCI_EOUTSIDE, never
 * followed or read (paths beside the root, root/../proc, are not judged).
 */
void zpci_sys_set_root(const char *root);

/* strerror() that also knows the codes above (err positive). */
const char *zpci_sys_strerror(int err);

/* root "/" printf(fmt, ...) into buf; "" when it does not fit (then every
 * lookup fails as if the file did not exist). Returns buf. */
const char *zpci_path(char *buf, size_t len, const char *root, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/*
 * Reads the regular file path into buf, at most cap bytes. Returns the bytes
 * read or a negated error: -ENOENT only when nothing exists at path,
 * -ZPCI_EDANGLING for a dangling link, -EISDIR, -ZPCI_ENOTREG, -ZPCI_ETOOLONG
 * when the file is longer than cap, or another -errno. *size (may be NULL)
 * receives the file's size as stat reports it.
 */
ssize_t zpci_file_read(const char *path, void *buf, size_t cap, off_t *size);
/* The same for name relative to the directory dirfd (dirfd < 0: path alone);
 * path names the same file for messages and the report recorder. */
ssize_t zpci_file_read_at(int dirfd, const char *name, const char *path, void *buf, size_t cap,
			  off_t *size);
/* The same for a text attribute: NUL-terminated, one trailing newline removed. */
ssize_t zpci_file_read_text(const char *path, char *buf, size_t len);
ssize_t zpci_file_read_text_at(int dirfd, const char *name, const char *path, char *buf, size_t len);

/*
 * Resolves the symbolic link path. Returns 0 with the basename of what it
 * finally points at in base (and the full resolved path in real when not
 * NULL), 1 when nothing exists at path, or a negated error: -ELOOP,
 * -ZPCI_EDANGLING, -ZPCI_ENOTLINK, -ENAMETOOLONG (base too small).
 */
int zpci_link_resolve(const char *path, char *base, size_t baselen, char *real, size_t reallen);
/* The same for name relative to the directory dirfd (dirfd < 0: path alone). */
int zpci_link_resolve_at(int dirfd, const char *name, const char *path, char *base,
			 size_t baselen, char *real, size_t reallen);

/* Files opened through this layer so far (-vv reports it). */
unsigned long zpci_files_opened(void);

/* vfio-pci or one of its variant drivers (zpci_vfio_pci, ism-vfio-pci,
 * mlx5_vfio_pci ...): the drivers through which vfio serves a function. */
bool zpci_driver_is_vfio(const char *driver);

/*
 * Copies n bytes of system data into out (outlen > 0) as a printable UTF-8
 * string: valid UTF-8 stays, control characters (C0, DEL, C1) and bytes that
 * are not UTF-8 become "\xNN", a NUL byte too ("\x00"). A result that does not
 * fit ends with "..." at a character boundary. Returns strlen(out).
 */
size_t zpci_sanitize(const void *in, size_t n, char *out, size_t outlen);
/* In place for a NUL-terminated buffer of size len. */
void zpci_sanitize_inplace(char *s, size_t len);

#endif
