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
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_record.h"
#include "report_saved.h"

#define REPORT_MAX_MEMBERS 200000
#define REPORT_MAX_BYTES (1ULL << 30)	/* far above any real report; stops a bomb */

static char unpack_dir[PATH_MAX];
static char reported_root[PATH_MAX];	/* the sysfs root the report was taken from */
static json_object *manifest;
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
}

static void unpack_cleanup(void)
{
	if (unpack_dir[0])
		nftw(unpack_dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	unpack_dir[0] = '\0';
	scope_free();
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

static int write_member(struct archive *a, int dirfd, const char *base, unsigned long long *total)
{
	char buf[65536];
	ssize_t n;
	int fd = openat(dirfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	while ((n = archive_read_data(a, buf, sizeof(buf))) > 0) {
		*total += (unsigned long long)n;
		if (*total > REPORT_MAX_BYTES || write(fd, buf, (size_t)n) != n) {
			close(fd);
			return *total > REPORT_MAX_BYTES ? -EFBIG : -EIO;
		}
	}
	close(fd);
	return n < 0 ? -EIO : 0;
}

/* One member; the first path component (the report's top directory) is kept. */
static int unpack_entry(struct archive *a, struct archive_entry *e, int rootfd, const char *file,
			char *top, size_t toplen, unsigned long long *total)
{
	const char *name = archive_entry_pathname(e);
	char path[PATH_MAX], *base;
	mode_t type = archive_entry_filetype(e);
	int fd, rc = 0, depth = 0;

	if (!name || !name_is_safe(name) || strlen(name) >= sizeof(path)) {
		zpci_err("%s: unsafe member name \"%s\"; refusing the report", file, name ? name : "");
		return ZX_DATA;
	}
	snprintf(path, sizeof(path), "%s", name);
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
	for (const char *p = path; (p = strchr(p, '/')); p++)
		depth++;
	depth--;
	if (type == AE_IFLNK) {
		const char *target = archive_entry_symlink(e);

		if (!target || !link_stays_inside(target, depth)) {
			zpci_err("%s: link \"%s\" points outside the report", file, name);
			return ZX_DATA;
		}
	}
	if (type == AE_IFDIR)
		strncat(path, "/.", sizeof(path) - strlen(path) - 1);
	fd = open_parent(rootfd, path, &base);
	if (fd < 0) {
		zpci_err("%s: member \"%s\": %s", file, name,
			 errno == ELOOP || errno == ENOTDIR ? "leads through a link" : strerror(errno));
		return ZX_DATA;
	}
	if (type == AE_IFLNK && symlinkat(archive_entry_symlink(e), fd, base))
		rc = -errno;
	else if (type == AE_IFREG)
		rc = write_member(a, fd, base, total);
	close(fd);
	if (rc) {
		zpci_err("%s: member \"%s\": %s", file, name,
			 rc == -EFBIG ? "the report unpacks to more than 1 GiB" : strerror(-rc));
		return rc == -EIO || rc == -EFBIG ? ZX_DATA : ZX_IO;
	}
	return ZX_OK;
}

static int unpack(const char *file, char *top, size_t toplen)
{
	struct archive *a = archive_read_new();
	struct archive_entry *e;
	unsigned long long total = 0;
	unsigned long members = 0;
	int rootfd, r, rc = ZX_OK;

	if (!a)
		return ZX_INTERNAL;
	archive_read_support_filter_all(a);
	archive_read_support_format_tar(a);
	if (archive_read_open_filename(a, file, 65536) != ARCHIVE_OK) {
		zpci_err("%s: cannot read the report: %s", file, archive_error_string(a));
		archive_read_free(a);
		return ZX_DATA;
	}
	rootfd = open(unpack_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	while (rootfd >= 0 && rc == ZX_OK && (r = archive_read_next_header(a, &e)) != ARCHIVE_EOF) {
		if (r != ARCHIVE_OK && r != ARCHIVE_WARN) {
			zpci_err("%s: not a readable report: %s", file, archive_error_string(a));
			rc = ZX_DATA;
		} else if (++members > REPORT_MAX_MEMBERS) {
			zpci_err("%s: more than %d members; refusing the report", file, REPORT_MAX_MEMBERS);
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

static void read_scope(const char *manifest_path)
{
	json_object *devs;
	size_t n;

	/* a process may open several reports (the fuzz target does) */
	scope_free();
	manifest = json_object_from_file(manifest_path);
	if (!manifest || !json_object_object_get_ex(manifest, "devices", &devs) ||
	    !json_object_is_type(devs, json_type_array) || !(n = json_object_array_length(devs)))
		return;
	scope_words = calloc(n, sizeof(*scope_words));
	for (size_t i = 0; scope_words && i < n; i++) {
		const char *w = json_object_get_string(json_object_array_get_idx(devs, i));

		if (w && *w)
			scope_words[nscope_words++] = w;
	}
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
	if (!cleanup_registered && atexit(unpack_cleanup) == 0)
		cleanup_registered = true;
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
	read_scope(path);
	snprintf(sys, sizeof(sys), "%.*s/sys", PATH_MAX - 16, root);
	ctx->sysfs_root = sys;
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
