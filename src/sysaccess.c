// SPDX-License-Identifier: MIT
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_record.h"
#include "sysaccess.h"

static unsigned long files_opened;

unsigned long zpci_files_opened(void)
{
	return files_opened;
}

static char root_given[PATH_MAX], root_real[PATH_MAX];

void zpci_sys_set_root(const char *root)
{
	size_t n = strlen(root);

	root_given[0] = root_real[0] = '\0';
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (n >= sizeof(root_given) || !realpath(root, root_real))
		return;
	memcpy(root_given, root, n);
	root_given[n] = '\0';
}

/* path names something below the root as the caller built it */
static bool below_root(const char *path)
{
	size_t n = strlen(root_given);

	return root_given[0] && strncmp(path, root_given, n) == 0 &&
	       (path[n] == '/' || strcmp(root_given, "/") == 0) && !strstr(path + n, "/../");
}

/* real, a resolved absolute path, lies in the root (or is it) */
static bool inside_root(const char *real)
{
	size_t n = strlen(root_real);

	return strcmp(root_real, "/") == 0 ||
	       (strncmp(real, root_real, n) == 0 && (real[n] == '/' || real[n] == '\0'));
}

/* The file open at fd, reached through path below the root, lies out of it. */
static bool fd_outside_root(int fd, const char *path)
{
	char proc[40], real[PATH_MAX];
	ssize_t n;

	if (!below_root(path))
		return false;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, real, sizeof(real) - 1);
	if (n <= 0 || real[0] != '/')
		return false;	/* no /proc: nothing to judge by */
	real[n] = '\0';
	return !inside_root(real);
}

const char *zpci_sys_strerror(int err)
{
	switch (err) {
	case ZPCI_EOUTSIDE:
		return "leads out of the sysfs root (not followed)";
	case ZPCI_ENOTREG:
		return "not a regular file";
	case ZPCI_ETOOLONG:
		return "longer than any value the kernel writes";
	case ZPCI_EDANGLING:
		return "No such file or directory (dangling symbolic link)";
	case ZPCI_ENOTLINK:
		return "not a symbolic link";
	case ZPCI_ELINK:
		return "a symbolic link where the kernel has a file (not followed)";
	}
	return strerror(err);
}

const char *zpci_path(char *buf, size_t len, const char *root, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(buf, len, "%s/", root);

	if (n < 0 || (size_t)n >= len) {
		buf[0] = '\0';
		return buf;
	}
	va_start(ap, fmt);
	n += vsnprintf(buf + n, len - (size_t)n, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= len)
		buf[0] = '\0';
	return buf;
}

/* ENOENT from open: nothing there, or a link to nothing? */
static int missing_or_dangling(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode) ?
	       -ZPCI_EDANGLING : -ENOENT;
}

static bool is_link(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode);
}

/* A link where a file belongs: dangling (its target is not there), or one
 * that leads somewhere, which is not followed */
static int link_in_place(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, 0) < 0 && errno == ENOENT ? -ZPCI_EDANGLING : -ZPCI_ELINK;
}

ssize_t zpci_file_read_at(int dirfd, const char *name, const char *path, void *buf, size_t cap,
			  off_t *size)
{
	struct stat st;
	size_t got = 0;
	int fd, err = 0;

	if (!path[0])
		return -ENAMETOOLONG;
	if (dirfd < 0)
		dirfd = AT_FDCWD, name = path;
	/* a report answers what the machine answered */
	err = zpci_replay_sysfs_error(path);
	if (err)
		return -err;
	/* O_NONBLOCK: opening a FIFO must not wait for a writer. O_NOFOLLOW:
	 * the kernel's attributes are files, never links; a link in their
	 * place (one out of a fake root, say) is reported, not followed */
	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY | O_NOFOLLOW);
	if (fd < 0) {
		err = errno == ELOOP && is_link(dirfd, name) ? link_in_place(dirfd, name) :
		      errno == ENOENT ? missing_or_dangling(dirfd, name) : -errno;
		if (err == -ZPCI_EDANGLING)
			zpci_record_sysfs_link(path);
		else if (err != -ENOENT)
			zpci_record_sysfs_error(path, -err);
		return err;
	}
	files_opened++;
	if (fd_outside_root(fd, path)) {
		err = -ZPCI_EOUTSIDE;
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		err = -errno;
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		err = -EISDIR;
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		err = -ZPCI_ENOTREG;
		goto out;
	}
	if (size)
		*size = st.st_size;
	for (;;) {
		char extra;
		size_t want = got < cap ? cap - got : 1;
		ssize_t n = got < cap ? read(fd, (char *)buf + got, want) : read(fd, &extra, 1);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			break;
		}
		if (n == 0)
			break;
		if (got == cap) {
			err = -ZPCI_ETOOLONG;
			break;
		}
		got += (size_t)n;
		/* a regular file reads short only at its end, and sysfs hands
		 * out an attribute in one read: no second read to see EOF */
		if ((size_t)n < want)
			break;
	}
out:
	close(fd);
	if (!err)
		zpci_record_sysfs_file(path, buf, got);
	else if (err == -EISDIR)
		zpci_record_sysfs_dir(path);
	else
		zpci_record_sysfs_error(path, -err);
	return err ? err : (ssize_t)got;
}

ssize_t zpci_file_read(const char *path, void *buf, size_t cap, off_t *size)
{
	return zpci_file_read_at(-1, NULL, path, buf, cap, size);
}

ssize_t zpci_file_read_text(const char *path, char *buf, size_t len)
{
	return zpci_file_read_text_at(-1, NULL, path, buf, len);
}

ssize_t zpci_file_read_text_at(int dirfd, const char *name, const char *path, char *buf, size_t len)
{
	ssize_t n = zpci_file_read_at(dirfd, name, path, buf, len - 1, NULL);

	if (n < 0) {
		buf[0] = '\0';
		return n;
	}
	buf[n] = '\0';
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return n;
}

/*
 * The kernel resolves the whole chain once and names the result in
 * /proc/self/fd (O_PATH reads nothing and needs no permission on the
 * target); realpath() would readlink every component of the path, about
 * fifteen system calls per link below a sysfs root. Without /proc (or for a
 * target deleted meanwhile) realpath() answers.
 */
static bool resolve_at(int dirfd, const char *name, char *resolved)
{
	char proc[40];
	ssize_t n;
	int fd = openat(dirfd, name, O_PATH | O_CLOEXEC);

	if (fd < 0)
		return false;
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	n = readlink(proc, resolved, PATH_MAX);
	close(fd);
	if (n > 0 && n < PATH_MAX && resolved[0] == '/') {
		resolved[n] = '\0';
		if (!strstr(resolved, " (deleted)"))
			return true;
	}
	return false;
}

int zpci_link_resolve_at(int dirfd, const char *name, const char *path, char *base,
			 size_t baselen, char *real, size_t reallen)
{
	char resolved[PATH_MAX];
	const char *b;
	struct stat st;
	int err;

	base[0] = '\0';
	if (!path[0])
		return -ENAMETOOLONG;
	if (dirfd < 0)
		dirfd = AT_FDCWD, name = path;
	err = zpci_replay_sysfs_error(path);
	if (err)
		return -err;
	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			return 1;
		zpci_record_sysfs_error(path, errno);
		return -errno;
	}
	if (!S_ISLNK(st.st_mode)) {
		zpci_record_sysfs_error(path, ZPCI_ENOTLINK);
		return -ZPCI_ENOTLINK;
	}
	if (!resolve_at(dirfd, name, resolved) && !realpath(path, resolved)) {
		err = errno == ENOENT ? ZPCI_EDANGLING : errno;
		/* a dangling or looping link as it is: the report has it too */
		zpci_record_sysfs_link(path);
		return -err;
	}
	if (below_root(path) && !inside_root(resolved)) {
		/* the target is not looked at, nor its name taken */
		zpci_record_sysfs_error(path, ZPCI_EOUTSIDE);
		return -ZPCI_EOUTSIDE;
	}
	b = strrchr(resolved, '/');
	b = b ? b + 1 : resolved;
	if (strlen(b) >= baselen || (real && strlen(resolved) >= reallen))
		return -ENAMETOOLONG;
	memcpy(base, b, strlen(b) + 1);
	if (real)
		memcpy(real, resolved, strlen(resolved) + 1);
	zpci_record_sysfs_link(path);
	return 0;
}

int zpci_link_resolve(const char *path, char *base, size_t baselen, char *real, size_t reallen)
{
	return zpci_link_resolve_at(-1, NULL, path, base, baselen, real, reallen);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool zpci_driver_is_vfio(const char *driver)
{
	/* variant drivers are named <device>-vfio-pci or <device>_vfio_pci
	 * (drivers/vfio/pci/: mlx5_vfio_pci, ism-vfio-pci, virtio-vfio-pci) */
	return driver && (ends_with(driver, "vfio-pci") || ends_with(driver, "vfio_pci"));
}

/* Length of the valid UTF-8 sequence at p (1..4), 0 when invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	size_t len;
	unsigned int cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, surrogates, beyond U+10FFFF, and C1 controls */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return len;
}

size_t zpci_sanitize(const void *in, size_t n, char *out, size_t outlen)
{
	const unsigned char *p = in;
	size_t o = 0, bounds[4] = { 0 };	/* where the last pieces began */
	unsigned int nb = 0;

	/* all n bytes: a NUL inside a value is escaped like any control
	 * character, never an end that hides the rest */
	for (size_t i = 0; i < n; ) {
		size_t len = utf8_len(p + i, n - i);
		char esc[5];
		const char *piece = (const char *)p + i;
		size_t plen = len;

		if (len == 0 || (len == 1 && (p[i] < 0x20 || p[i] == 0x7f))) {
			snprintf(esc, sizeof(esc), "\\x%02x", p[i]);
			piece = esc;
			plen = 4;
			len = 1;
		}
		if (o + plen + 1 > outlen) {
			/* back to a piece boundary with room for "...": never half
			 * a character or half an escape */
			for (unsigned int k = 0; k < 4 && o + 4 > outlen; k++)
				o = nb > k ? bounds[(nb - 1 - k) % 4] : 0;
			if (o + 4 <= outlen) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		bounds[nb++ % 4] = o;
		memcpy(out + o, piece, plen);
		o += plen;
		i += len;
	}
	out[o] = '\0';
	return o;
}

void zpci_sanitize_inplace(char *s, size_t len)
{
	char *copy = strndup(s, len);

	if (!copy) {
		for (size_t i = 0; i < len && s[i]; i++)
			if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] >= 0x7f)
				s[i] = '?';
		return;
	}
	zpci_sanitize(copy, strlen(copy), s, len);
	free(copy);
}
