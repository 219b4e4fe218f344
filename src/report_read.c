// SPDX-License-Identifier: MIT
/*
 * --report FILE: unpack a report into a private directory and make it one
 * more root for the sources, like --sysfs-root plus the saved CLP blocks,
 * vfio replies and netlink answers. Members are written with openat() one
 * component at a time, so no member name or link can place a file outside
 * that directory: absolute names, "..", links leaving the report, devices
 * and hard links are refused. The directory is removed at exit.
 */
#include "config.h"

#include <archive.h>
#include <json-c/json.h>
#include <archive_entry.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/syscall.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_record.h"
#include "report_saved.h"
#include "select.h"
#include "sha256.h"

#define REPORT_MAX_MEMBERS 200000
#define REPORT_MAX_BYTES (1ULL << 30)	/* far above any real report; stops a bomb */
#define REPORT_MAX_MEMBER (64U << 20)	/* one member: sysfs files, CLP blocks, replies */
#define REPORT_MAX_MANIFEST (64U << 20)	/* its JSON (~250 bytes a member); read first */
#define REPORT_MAX_DEVICES 4096		/* the DEVICE words the report was asked for */

static char unpack_dir[PATH_MAX];
static char reported_root[PATH_MAX];	/* the sysfs root the report was taken from */
static json_object *manifest;
static json_object *manifest_members;	/* name -> the manifest's member object */
static json_object *saved_errors;	/* member name -> errno the machine answered */
static char real_report_root[PATH_MAX];	/* the unpacked top directory, resolved */
static const char **scope_words;	/* the manifest's "devices", pointing into it */
static int nscope_words;

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void scope_free(void)
{
	free(scope_words);
	scope_words = NULL;
	nscope_words = 0;
	json_object_put(manifest);
	manifest = NULL;
	json_object_put(manifest_members);
	manifest_members = NULL;
	json_object_put(saved_errors);
	saved_errors = NULL;
}

static void unpack_cleanup(void)
{
	if (unpack_dir[0])
		nftw(unpack_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	unpack_dir[0] = '\0';
	scope_free();
}

/*
 * A stop signal (SIGTERM, SIGINT, SIGHUP) removes the unpacked copy too,
 * then ends the process as the signal would have. The handler only uses
 * async-signal-safe calls: openat, getdents64, unlinkat, close, and
 * recursion on the stack (a report is a few dozen levels deep at most).
 */
struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static void rm_tree_at(int dirfd, int depth)
{
	char buf[4096];
	long n;

	if (depth > 64)
		return;
	for (bool removed = true; removed; ) {
		removed = false;
		n = syscall(SYS_getdents64, dirfd, buf, sizeof(buf));
		if (n <= 0)
			break;
		for (long off = 0; off < n; ) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
			const char *nm = d->d_name;

			off += d->d_reclen;
			if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2])))
				continue;
			if (d->d_type == DT_DIR) {
				int fd = openat(dirfd, nm, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

				if (fd >= 0) {
					rm_tree_at(fd, depth + 1);
					close(fd);
				}
				removed |= unlinkat(dirfd, nm, AT_REMOVEDIR) == 0;
			} else {
				removed |= unlinkat(dirfd, nm, 0) == 0;
			}
		}
		/* entries removed: read the directory again from its start */
		lseek(dirfd, 0, SEEK_SET);
	}
}

static void on_stop_signal(int sig)
{
	if (unpack_dir[0]) {
		int fd = open(unpack_dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);

		if (fd >= 0) {
			rm_tree_at(fd, 0);
			close(fd);
		}
		rmdir(unpack_dir);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Only where nobody else handles the signal (report, iotest have their own). */
static void cleanup_on_signals(void)
{
	static const int sigs[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa = { .sa_handler = on_stop_signal }, old;

	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		sigaddset(&sa.sa_mask, sigs[i]);
	}
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_DFL)
			sigaction(sigs[i], &sa, NULL);
}

/*
 * Walk a relative path's components from depth levels below the report's
 * top: the depth it ends at, or -1 when it is absolute, has an empty
 * component, climbs above the top, or (dots false) has "." or ".." at all.
 * With dots, ".." may only lead: the kernel resolves a ".." after a name
 * from wherever that name leads, and a name can be a link: with l -> "..",
 * "d/l/../.." is not d's parent but two levels above it.
 */
static int walk(const char *path, int depth, bool dots)
{
	const char *p = path;
	bool named = false;

	if (!*path || *path == '/')
		return -1;
	while (*p) {
		const char *end = strchrnul(p, '/');
		size_t n = (size_t)(end - p);
		bool dot = n == 1 && p[0] == '.', dotdot = n == 2 && p[0] == '.' && p[1] == '.';

		if ((n == 0 && *end) || ((dot || dotdot) && !dots) || (dotdot && named))
			return -1;
		if (dotdot && --depth < 0)
			return -1;
		if (n && !dot && !dotdot) {
			depth++;
			named = true;
		}
		p = *end ? end + 1 : end;
	}
	return depth;
}

/* Member names: relative, no "." or ".." component, no empty component. */
static bool name_is_safe(const char *name)
{
	return walk(name, 0, false) >= 0;
}

/* A link target, resolved from the link's directory (depth levels below the
 * report's top directory), must stay inside that directory. */
static bool link_stays_inside(const char *target, int depth)
{
	return walk(target, depth, true) >= 0;
}

/* Open (creating) the directory holding name; *base gets the last component. */
static int open_parent(int rootfd, char *name, char **base)
{
	int fd = dup(rootfd);
	char *p = name, *slash;

	while (fd >= 0 && (slash = strchr(p, '/'))) {
		int next;

		*slash = '\0';
		next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (next < 0 && errno == ENOENT && mkdirat(fd, p, 0700) == 0)
			next = openat(fd, p, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		*slash = '/';
		close(fd);
		fd = next;
		p = slash + 1;
	}
	*base = p;
	return fd;
}

/* The name a member has in the manifest: below the report's top directory */
static const char *rel_name(const char *path, const char *top)
{
	size_t tl = strlen(top);

	return path[tl] == '/' ? path + tl + 1 : path + tl;
}

static const char *const member_types[] = { "file", "link", "directory" };

static int member_type(mode_t type)
{
	return type == AE_IFREG ? 0 : type == AE_IFLNK ? 1 : 2;
}

/*
 * A regular member is read whole (at most REPORT_MAX_MEMBER bytes) and
 * checked against the manifest's size and SHA-256 before it is written:
 * a report that is not what its writer wrote is refused, naming the member.
 */
static int write_member(struct archive *a, struct archive_entry *e, int dirfd, const char *base,
			const char *rel, unsigned long long *total, const char **why)
{
	la_int64_t size = archive_entry_size(e);
	json_object *m = NULL, *v;
	unsigned char *buf;
	size_t got = 0;
	char hex[65];
	ssize_t n;
	int fd;

	if (size < 0 || size > REPORT_MAX_MEMBER) {
		*why = "larger than any file a report holds";
		return ZX_DATA;
	}
	*total += (unsigned long long)size;
	if (*total > REPORT_MAX_BYTES) {
		*why = "the report unpacks to more than 1 GiB";
		return ZX_DATA;
	}
	buf = malloc((size_t)size + 1);
	if (!buf) {
		*why = "out of memory";
		return ZX_INTERNAL;
	}
	while (got < (size_t)size && (n = archive_read_data(a, buf + got, (size_t)size - got)) > 0)
		got += (size_t)n;
	if (got != (size_t)size) {
		free(buf);
		*why = "truncated";
		return ZX_DATA;
	}
	/* manifest.json itself was checked when the report was listed */
	if (strcmp(rel, "manifest.json") != 0) {
		json_object_object_get_ex(manifest_members, rel, &m);
		zpci_sha256_hex(buf, got, hex);
		if (!m || !json_object_object_get_ex(m, "size", &v) ||
		    json_object_get_int64(v) != (int64_t)got ||
		    !json_object_object_get_ex(m, "sha256", &v) ||
		    strcmp(json_object_get_string(v), hex) != 0) {
			free(buf);
			*why = "its size or SHA-256 differs from the manifest's";
			return ZX_DATA;
		}
	}
	fd = openat(dirfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || (got && write(fd, buf, got) != (ssize_t)got)) {
		*why = strerror(errno ? errno : EIO);
		if (fd >= 0)
			close(fd);
		free(buf);
		return ZX_IO;
	}
	close(fd);
	free(buf);
	return ZX_OK;
}

/*
 * A member's name, checked: safe, below the one top directory (set from
 * the first member), a file, directory or link that stays inside. path
 * gets the name without a trailing '/'; *depth its depth below the top.
 */
static int check_entry(struct archive_entry *e, const char *file, char *top, size_t toplen,
		       char *path, size_t pathlen, int *depth)
{
	const char *name = archive_entry_pathname(e);
	mode_t type = archive_entry_filetype(e);

	if (!name || !name_is_safe(name) || strlen(name) >= pathlen) {
		zpci_err("%s: unsafe member name \"%s\"; refusing the report", file, name ? name : "");
		return ZX_DATA;
	}
	snprintf(path, pathlen, "%s", name);
	if (path[strlen(path) - 1] == '/')
		path[strlen(path) - 1] = '\0';
	if (!top[0])
		snprintf(top, toplen, "%.*s", (int)strcspn(path, "/"), path);
	if (strncmp(path, top, strlen(top)) != 0 || (path[strlen(top)] && path[strlen(top)] != '/')) {
		zpci_err("%s: member \"%s\" outside the report's directory %s", file, name, top);
		return ZX_DATA;
	}
	if (archive_entry_hardlink(e) || (type != AE_IFDIR && type != AE_IFREG && type != AE_IFLNK)) {
		zpci_err("%s: member \"%s\" is not a file, directory or symbolic link", file, name);
		return ZX_DATA;
	}
	/* below the report's top directory: links may not leave it either */
	*depth = 0;
	for (const char *p = path; (p = strchr(p, '/')); p++)
		(*depth)++;
	(*depth)--;
	if (type == AE_IFLNK) {
		const char *target = archive_entry_symlink(e);

		if (!target || !link_stays_inside(target, *depth)) {
			zpci_err("%s: link \"%s\" points outside the report", file, name);
			return ZX_DATA;
		}
	}
	return ZX_OK;
}

/* One member; the first path component (the report's top directory) is kept. */
static int unpack_entry(struct archive *a, struct archive_entry *e, int rootfd, const char *file,
			char *top, size_t toplen, unsigned long long *total)
{
	const char *name = archive_entry_pathname(e), *why = NULL, *rel;
	char path[PATH_MAX], *base;
	mode_t type = archive_entry_filetype(e);
	int fd, rc, depth;

	rc = check_entry(e, file, top, toplen, path, sizeof(path), &depth);
	if (rc)
		return rc;
	rel = rel_name(path, top);
	if (type == AE_IFDIR)
		strncat(path, "/.", sizeof(path) - strlen(path) - 1);
	fd = open_parent(rootfd, path, &base);
	if (fd < 0) {
		zpci_err("%s: member \"%s\": %s", file, name,
			 errno == ELOOP || errno == ENOTDIR ? "leads through a link" : strerror(errno));
		return ZX_DATA;
	}
	if (type == AE_IFLNK && symlinkat(archive_entry_symlink(e), fd, base)) {
		why = strerror(errno);
		rc = errno == EEXIST ? ZX_DATA : ZX_IO;
	} else if (type == AE_IFREG) {
		rc = write_member(a, e, fd, base, rel, total, &why);
	}
	close(fd);
	if (rc)
		zpci_err("%s: member \"%s\": %s", file, name, why);
	return rc;
}

/* a (from archive_read_new, may be NULL) opened on file, or freed */
static int open_archive(struct archive *a, const char *file)
{
	if (!a)
		return ZX_INTERNAL;
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, file, 65536) != ARCHIVE_OK) {
		zpci_err("%s: cannot read the report: %s", file, archive_error_string(a));
		archive_read_free(a);
		return ZX_DATA;
	}
	return ZX_OK;
}

/*
 * The first pass: headers only, nothing written. Every limit that does not
 * need the contents holds here (member count, names, duplicates), and the
 * manifest (at most REPORT_MAX_MANIFEST bytes) is read into *text.
 */
static int list_members(const char *file, char *top, size_t toplen, json_object *seen,
			char **text)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	unsigned long members = 0;
	int r, rc = ZX_OK, depth;
	char path[PATH_MAX];

	*text = NULL;
	rc = open_archive(a, file);
	if (rc)
		return rc;
	while (rc == ZX_OK && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		const char *rel;

		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			zpci_err("%s: not a readable report: %s", file, archive_error_string(a));
			rc = ZX_DATA;
			break;
		}
		if (++members > REPORT_MAX_MEMBERS) {
			zpci_err("%s: more than %d members; refusing the report", file, REPORT_MAX_MEMBERS);
			rc = ZX_DATA;
			break;
		}
		rc = check_entry(e, file, top, toplen, path, sizeof(path), &depth);
		if (rc)
			break;
		rel = rel_name(path, top);
		if (json_object_object_get_ex(seen, rel, NULL)) {
			zpci_err("%s: member \"%s\" appears twice; refusing the report", file, path);
			rc = ZX_DATA;
			break;
		}
		json_object_object_add(seen, rel,
				       json_object_new_int(member_type(archive_entry_filetype(e))));
		if (strcmp(rel, "manifest.json") == 0 && archive_entry_filetype(e) == AE_IFREG) {
			la_int64_t size = archive_entry_size(e);
			size_t got = 0;
			ssize_t n;

			if (size < 0 || size > REPORT_MAX_MANIFEST) {
				zpci_err("%s: manifest.json is larger than %u MiB; refusing the report",
					 file, REPORT_MAX_MANIFEST >> 20);
				rc = ZX_DATA;
				break;
			}
			*text = malloc((size_t)size + 1);
			if (!*text) {
				rc = ZX_INTERNAL;
				break;
			}
			while (got < (size_t)size &&
			       (n = archive_read_data(a, *text + got, (size_t)size - got)) > 0)
				got += (size_t)n;
			(*text)[got] = '\0';
			if (got != (size_t)size) {
				zpci_err("%s: manifest.json is truncated", file);
				rc = ZX_DATA;
			}
		}
	}
	archive_read_free(a);
	if (rc == ZX_OK && !*text) {
		zpci_err("%s: not a zpcidiag report (no manifest.json)", file);
		rc = ZX_DATA;
	}
	return rc;
}

/* "6e76" -> "nv": false for odd lengths, non-hex digits, NUL or no room */
static bool hex_name(const char *hex, char *out, size_t outlen)
{
	size_t n = hex ? strlen(hex) : 1;

	if (n % 2 || n / 2 >= outlen || !n)
		return false;
	for (size_t i = 0; i < n / 2; i++) {
		unsigned int b;

		if (!isxdigit((unsigned char)hex[2 * i]) || !isxdigit((unsigned char)hex[2 * i + 1]) ||
		    sscanf(hex + 2 * i, "%2x", &b) != 1 || b == 0)
			return false;
		out[i] = (char)b;
	}
	out[n / 2] = '\0';
	return true;
}

static int manifest_bad(const char *file, const char *what)
{
	zpci_err("%s: manifest.json: %s; refusing the report", file, what);
	return ZX_DATA;
}

/*
 * The manifest: one JSON object of format zpcidiag-report whose members
 * name every other member once, with its type (and a regular file's size
 * and SHA-256), as the archive holds them. Fills manifest and
 * manifest_members.
 */
static int manifest_check(const char *file, const char *text, json_object *seen)
{
	struct json_tokener *tok = json_tokener_new_ex(64);
	json_object *v, *members;
	char what[PATH_MAX + 64], raw[PATH_MAX];
	size_t len = strlen(text), n, values = 0;

	if (!tok)
		return ZX_INTERNAL;
	/* parsing costs per value: no more values than the members need
	 * (five each) and the header's lists (devices, commands) */
	for (const char *c = text; (c = strchr(c, ',')); c++)
		if (++values > 8 * (size_t)json_object_object_length(seen) + 4 * REPORT_MAX_DEVICES + 1024) {
			json_tokener_free(tok);
			return manifest_bad(file, "far more values than the report has members");
		}
	manifest = json_tokener_parse_ex(tok, text, (int)len + 1);
	n = json_tokener_get_parse_end(tok);
	json_tokener_free(tok);
	if (!manifest || n < len)
		return manifest_bad(file, "not one JSON document");
	if (!json_object_is_type(manifest, json_type_object) ||
	    !json_object_object_get_ex(manifest, "format", &v) ||
	    !json_object_is_type(v, json_type_string) ||
	    strcmp(json_object_get_string(v), "zpcidiag-report") != 0)
		return manifest_bad(file, "not a zpcidiag report manifest");
	if (!json_object_object_get_ex(manifest, "members", &members) ||
	    !json_object_is_type(members, json_type_array))
		return manifest_bad(file, "no \"members\" list");
	manifest_members = json_object_new_object();
	if (!manifest_members)
		return ZX_INTERNAL;
	for (size_t i = 0; i < json_object_array_length(members); i++) {
		json_object *m = json_object_array_get_idx(members, i), *name, *type, *t;
		const char *nm;
		int kind = -1;

		if (!json_object_is_type(m, json_type_object) ||
		    !json_object_object_get_ex(m, "name", &name) ||
		    !json_object_is_type(name, json_type_string) ||
		    !json_object_object_get_ex(m, "type", &type) ||
		    !json_object_is_type(type, json_type_string))
			return manifest_bad(file, "a member without a name or type");
		nm = json_object_get_string(name);
		/* a name that is not UTF-8: its bytes (report_write.c) */
		if (json_object_object_get_ex(m, "name_hex", &t)) {
			if (!hex_name(json_object_get_string(t), raw, sizeof(raw)))
				return manifest_bad(file, "a member with a malformed name_hex");
			nm = raw;
		}
		for (int k = 0; k < 3; k++)
			if (strcmp(json_object_get_string(type), member_types[k]) == 0)
				kind = k;
		if (kind == 0 && (!json_object_object_get_ex(m, "size", &t) ||
				  !json_object_is_type(t, json_type_int) ||
				  !json_object_object_get_ex(m, "sha256", &t) ||
				  !json_object_is_type(t, json_type_string) ||
				  strlen(json_object_get_string(t)) != 64))
			kind = -1;
		snprintf(what, sizeof(what), "member \"%.*s\"", PATH_MAX, nm);
		if (kind < 0)
			return manifest_bad(file, strncat(what, ": malformed entry", sizeof(what) - strlen(what) - 1));
		if (json_object_object_get_ex(manifest_members, nm, NULL))
			return manifest_bad(file, strncat(what, " listed twice", sizeof(what) - strlen(what) - 1));
		if (!json_object_object_get_ex(seen, nm, &t) || json_object_get_int(t) != kind)
			return manifest_bad(file, strncat(what, " is not in the archive as listed",
							  sizeof(what) - strlen(what) - 1));
		json_object_object_add(manifest_members, nm, json_object_get(m));
	}
	json_object_object_foreach(seen, key, val) {
		(void)val;
		if (key[0] && strcmp(key, "manifest.json") != 0 &&
		    !json_object_object_get_ex(manifest_members, key, NULL)) {
			zpci_err("%s: member \"%s\" is not in the manifest; refusing the report", file, key);
			return ZX_DATA;
		}
	}
	return ZX_OK;
}

static int unpack(const char *file, char *top, size_t toplen)
{
	struct archive *a;
	struct archive_entry *e;
	json_object *seen = json_object_new_object();
	unsigned long long total = 0;
	char *text = NULL;
	int rootfd, r, rc;

	/* a process may open several reports (the fuzz target does) */
	scope_free();
	if (!seen)
		return ZX_INTERNAL;
	rc = list_members(file, top, toplen, seen, &text);
	if (rc == ZX_OK)
		rc = manifest_check(file, text, seen);
	free(text);
	json_object_put(seen);
	if (rc)
		return rc;
	top[0] = '\0';
	a = archive_read_new();
	rc = open_archive(a, file);
	if (rc)
		return rc;
	rootfd = open(unpack_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (rootfd >= 0 && rc == ZX_OK && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			zpci_err("%s: not a readable report: %s", file, archive_error_string(a));
			rc = ZX_DATA;
		} else {
			rc = unpack_entry(a, e, rootfd, file, top, toplen, &total);
		}
	}
	if (rootfd < 0)
		rc = ZX_IO;
	else
		close(rootfd);
	archive_read_free(a);
	return rc;
}

/* The DEVICE words the report was taken for: the default selection, checked
 * here so that a bad one is blamed on the report, not on the user. */
static int read_scope(const char *file)
{
	json_object *devs;
	size_t n;

	if (!json_object_object_get_ex(manifest, "devices", &devs))
		return ZX_OK;
	if (!json_object_is_type(devs, json_type_array))
		return manifest_bad(file, "\"devices\" is not a list");
	n = json_object_array_length(devs);
	if (n > REPORT_MAX_DEVICES)
		return manifest_bad(file, "more \"devices\" than a command line holds");
	if (!n)
		return ZX_OK;
	scope_words = calloc(n, sizeof(*scope_words));
	if (!scope_words)
		return ZX_INTERNAL;
	for (size_t i = 0; i < n; i++) {
		json_object *d = json_object_array_get_idx(devs, i);
		struct zpci_selector sel;
		char err[128], what[300];
		const char *w = json_object_get_string(d);

		if (!json_object_is_type(d, json_type_string) || !*w ||
		    zpci_selector_parse(w, &sel, err, sizeof(err))) {
			snprintf(what, sizeof(what), "devices: \"%.80s\" is no DEVICE%s%s",
				 json_object_is_type(d, json_type_string) ? w : "(not a string)",
				 json_object_is_type(d, json_type_string) && *w ? ": " : "",
				 json_object_is_type(d, json_type_string) && *w ? err : "");
			return manifest_bad(file, what);
		}
		scope_words[nscope_words++] = w;
	}
	return ZX_OK;
}

/* "sysfs-errors": lines "ERRNO\tHEX-OF-MEMBER-NAME" (report_record.c) */
static void read_saved_errors(const struct zpci_ctx *ctx)
{
	unsigned char *data;
	char *line, *save = NULL, name[PATH_MAX];
	size_t len;

	if (zpci_saved_read(ctx, "sysfs-errors", &data, &len) ||
	    !realpath(ctx->report_root, real_report_root)) {
		free(data);
		return;
	}
	saved_errors = json_object_new_object();
	for (line = strtok_r((char *)data, "\n", &save); line && saved_errors;
	     line = strtok_r(NULL, "\n", &save)) {
		char *tab = strchr(line, '\t'), *end;
		long err = strtol(line, &end, 10);

		if (tab && end == tab && err > 0 && err < 0x20000 && hex_name(tab + 1, name, sizeof(name)))
			json_object_object_add(saved_errors, name, json_object_new_int((int)err));
	}
	free(data);
}

static int saved_sysfs_error(const char *path)
{
	char dir[PATH_MAX], real[PATH_MAX], name[2 * PATH_MAX];
	const char *slash = strrchr(path, '/');
	size_t rl = strlen(real_report_root);
	json_object *v;

	if (!saved_errors || !slash || (size_t)(slash - path) >= sizeof(dir))
		return 0;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (!realpath(dir, real) || strncmp(real, real_report_root, rl) != 0 || real[rl] != '/')
		return 0;
	snprintf(name, sizeof(name), "%s%s", real + rl + 1, slash);
	return json_object_object_get_ex(saved_errors, name, &v) ? json_object_get_int(v) : 0;
}

bool zpci_report_machine_offline(void)
{
	return reported_root[0] && strcmp(reported_root, "/sys") != 0;
}

void zpci_report_default_devices(const struct zpci_ctx *ctx, int *argc, const char ***argv)
{
	if (ctx->report_root && *argc == 0 && nscope_words > 0) {
		*argc = nscope_words;
		*argv = scope_words;
	}
}

int zpci_report_open(struct zpci_ctx *ctx)
{
	static char root[PATH_MAX], sys[PATH_MAX], clp[PATH_MAX];
	static bool cleanup_registered;
	const char *tmp = getenv("TMPDIR");
	char top[256] = "", path[PATH_MAX];
	unsigned char *order;
	size_t len;
	struct stat st;
	int rc;

	reported_root[0] = '\0';
	snprintf(unpack_dir, sizeof(unpack_dir), "%s/zpcidiag-report.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(unpack_dir)) {
		zpci_err("%s: %s", unpack_dir, strerror(errno));
		unpack_dir[0] = '\0';
		return ZX_IO;
	}
	/* once: the fuzz target opens a report per input */
	if (!cleanup_registered && atexit(unpack_cleanup) == 0) {
		cleanup_registered = true;
		cleanup_on_signals();
	}
	rc = unpack(ctx->report_file, top, sizeof(top));
	if (rc)
		return rc;
	if ((size_t)snprintf(root, sizeof(root), "%s/%s", unpack_dir, top) >= sizeof(root) - 16) {
		zpci_err("%s: the report's directory name is too long", ctx->report_file);
		return ZX_DATA;
	}
	ctx->report_root = root;
	snprintf(path, sizeof(path), "%.*s/manifest.json", PATH_MAX - 16, root);
	if (!top[0] || stat(path, &st) != 0) {
		zpci_err("%s: not a zpcidiag report (no manifest.json)", ctx->report_file);
		return ZX_DATA;
	}
	rc = read_scope(ctx->report_file);
	if (rc)
		return rc;
	read_saved_errors(ctx);
	zpci_replay_set_lookup(saved_sysfs_error);
	snprintf(sys, sizeof(sys), "%.*s/sys", PATH_MAX - 16, root);
	ctx->sysfs_root = sys;
	zpci_sys_set_root(sys);
	snprintf(clp, sizeof(clp), "%.*s/clp", PATH_MAX - 16, root);
	ctx->clp_raw_dir = stat(clp, &st) == 0 ? clp : NULL;
	ctx->offline = true;
	if (zpci_saved_read(ctx, "sysfs-root", &order, &len) == 0) {
		snprintf(reported_root, sizeof(reported_root), "%.*s", (int)strcspn((char *)order, "\n"),
			 (char *)order);
		free(order);
	}
	if (zpci_saved_read(ctx, "byte-order", &order, &len) == 0) {
		bool big = strncmp((char *)order, "big", 3) == 0;

		ctx->report_foreign_endian = big != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
		free(order);
	}
	return ZX_OK;
}

int zpci_saved_read(const struct zpci_ctx *ctx, const char *name, unsigned char **data, size_t *len)
{
	char path[PATH_MAX];
	unsigned char *buf;
	struct stat st;
	int fd, e;

	*data = NULL;
	*len = 0;
	if (!ctx->report_root || (size_t)snprintf(path, sizeof(path), "%s/%s", ctx->report_root, name) >= sizeof(path))
		return -ENOENT;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !(buf = malloc((size_t)st.st_size + 1))) {
		e = errno ? errno : EINVAL;
		close(fd);
		return -e;
	}
	if (read(fd, buf, (size_t)st.st_size) != st.st_size) {
		close(fd);
		free(buf);
		return -EIO;
	}
	close(fd);
	buf[st.st_size] = '\0';
	*data = buf;
	*len = (size_t)st.st_size;
	return 0;
}

void zpci_record_status(const char *name, const struct zpci_src_status *s)
{
	char buf[256];
	int n;

	if (!zpci_recording())
		return;
	n = snprintf(buf, sizeof(buf), "%s\t%s\n", zpci_src_state_id(s->state), zpci_src_reason(s));
	zpci_record_blob(name, buf, n < 0 ? 0 : (size_t)n >= sizeof(buf) ? sizeof(buf) - 1 : (size_t)n);
}

int zpci_saved_status(const struct zpci_ctx *ctx, const char *name, struct zpci_src_status *s)
{
	unsigned char *data;
	size_t len;
	char *tab, *nl;

	if (zpci_saved_read(ctx, name, &data, &len))
		return -1;
	tab = strchr((char *)data, '\t');
	if (tab) {
		*tab = '\0';
		nl = strchr(tab + 1, '\n');
		if (nl)
			*nl = '\0';
		int st = zpci_src_state_parse((char *)data);

		if (st >= 0) {
			zpci_src_set(s, (enum zpci_src_state)st, "%s", tab + 1);
			free(data);
			return 0;
		}
	}
	free(data);
	return -1;
}

uint16_t zpci_saved_u16(const struct zpci_ctx *ctx, uint16_t v)
{
	return ctx->report_foreign_endian ? __builtin_bswap16(v) : v;
}

/* "<unpacked>/sys/x" -> "/sys/x": messages name the files of the reported machine. */
static void restore_in(char *text, size_t len, const char *from, const char *to)
{
	char *at = strstr(text, from), tmp[512];

	while (at) {
		size_t fl = strlen(from);

		if ((size_t)snprintf(tmp, sizeof(tmp), "%s%s", to, at + fl) >= sizeof(tmp) ||
		    (size_t)(at - text) + strlen(tmp) >= len)
			return;
		strcpy(at, tmp);
		at = strstr(at + strlen(to), from);
	}
}

static void restore_reason(struct zpci_src_status *s, const char *from, const char *to)
{
	size_t len;
	char *text;

	if (!s->reason || !strstr(s->reason, from))
		return;
	/* at most one more "to" per "from" that fits in the reason */
	len = strlen(s->reason) * (strlen(to) + 1) + 1;
	text = malloc(len);
	if (!text)
		return;
	snprintf(text, len, "%s", s->reason);
	restore_in(text, len, from, to);
	zpci_src_set(s, s->state, "%s", text);
	free(text);
}

void zpci_report_restore_paths(const struct zpci_ctx *ctx, struct zpci_system *sys)
{
	char clp_blocks[PATH_MAX + 8] = "";

	if (!ctx->report_root || !reported_root[0])
		return;
	/* the saved CLP blocks: named in the report, not in the private unpacked copy */
	if (ctx->clp_raw_dir) {
		snprintf(clp_blocks, sizeof(clp_blocks), "%s:clp/", ctx->report_file);
		restore_reason(&sys->src_clp, ctx->clp_raw_dir, clp_blocks);
	}
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];
		struct zpci_src_status *st[] = { &fn->src_sysfs, &fn->src_pciconf, &fn->src_clp,
						 &fn->src_vfio, &fn->src_kdiag };

		for (size_t j = 0; j < fn->nproblems; j++)
			restore_in(fn->problems[j].text, sizeof(fn->problems[j].text), ctx->sysfs_root,
				   reported_root);
		for (size_t j = 0; j < sizeof(st) / sizeof(st[0]); j++)
			restore_reason(st[j], ctx->sysfs_root, reported_root);
		if (clp_blocks[0])
			restore_reason(&fn->src_clp, ctx->clp_raw_dir, clp_blocks);
	}
}
