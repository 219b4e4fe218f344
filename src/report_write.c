// SPDX-License-Identifier: MIT
/* The report archive on disk (report_write.h). */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "report_write.h"
#include "sha256.h"
#include "sysaccess.h"
#include "zpcidiag.h"

static int fail(struct zpci_report_out *o, int rc, const char *what)
{
	int e = o->werr ? o->werr : o->a && archive_errno(o->a) ? archive_errno(o->a) : errno;

	/* libarchive's own words ("Write error") hide the cause: name the errno
	 * too; a write of ours that failed (werr) libarchive saw succeed */
	if (!o->werr && o->a && archive_error_string(o->a))
		snprintf(o->error, sizeof(o->error), "%.200s: %s (%s)", what, archive_error_string(o->a),
			 strerror(e));
	else
		snprintf(o->error, sizeof(o->error), "%.200s: %s", what, strerror(e));
	return rc;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* printable UTF-8 as zpci_sanitize() keeps it unchanged */
static bool utf8_name(const char *name)
{
	size_t len = strlen(name), cap = 4 * len + 4;
	char *safe = malloc(cap);
	bool ok = safe && zpci_sanitize(name, len, safe, cap) == len && strcmp(safe, name) == 0;

	free(safe);
	return ok;
}

int zpci_report_out_open(struct zpci_report_out *o, const char *path, const char *top)
{
	char dir[PATH_MAX];

	memset(o, 0, sizeof(*o));
	o->fd = -1;
	if (strlen(path) >= sizeof(o->final) - 32) {
		snprintf(o->error, sizeof(o->error), "%.200s: name too long", path);
		return ZX_USAGE;
	}
	snprintf(o->final, sizeof(o->final), "%s", path);
	if (zpci_out_target_check(path, &o->was)) {
		snprintf(o->error, sizeof(o->error), "%.200s: refused", path);
		return ZX_USAGE;
	}
	/* the top directory is named after the file, whose name may be any
	 * bytes: one that is not printable UTF-8 gets the default name */
	snprintf(o->top, sizeof(o->top), "%s", utf8_name(top) ? top : "zpcidiag-report");
	snprintf(dir, sizeof(dir), "%s", path);
	/* the same directory: rename() is atomic only within one file system */
	snprintf(o->tmp, sizeof(o->tmp), "%s/.zpcidiag-report.XXXXXX", dirname(dir));
	o->fd = mkostemp(o->tmp, O_CLOEXEC);
	if (o->fd < 0) {
		o->tmp[0] = '\0';
		return fail(o, zpci_errno_exit(errno, ZX_IO), dir);
	}
	if (fchmod(o->fd, 0600))
		return fail(o, ZX_IO, o->tmp);
	o->members = json_object_new_array();
	o->a = archive_write_new();
	if (!o->a || !o->members)
		return fail(o, ZX_INTERNAL, "out of memory");
	archive_write_set_format_pax_restricted(o->a);
	if (ends_with(path, ".tar.gz") || ends_with(path, ".tgz")) {
		if (archive_write_add_filter_gzip(o->a) != ARCHIVE_OK)
			return fail(o, ZX_UNAVAIL, "gzip compression");
	} else if (archive_write_add_filter_xz(o->a) != ARCHIVE_OK) {
		return fail(o, ZX_UNAVAIL, "xz compression");
	}
	return ZX_OK;
}

/*
 * libarchive's writer. A failed write (EFBIG, ENOSPC, EIO) is kept and the
 * data dropped, but libarchive is told it was written: a write error would
 * put the archive in its FATAL state, in which archive_write_free() skips
 * closing the compressor and leaks its state (xz: about 100 MB). The caller
 * asks for the kept error after every call (put(), finish()).
 */
static la_ssize_t write_cb(struct archive *a, void *data, const void *buf, size_t len)
{
	struct zpci_report_out *o = data;
	const char *p = buf;
	size_t left = len;

	(void)a;
	while (left && !o->werr) {
		ssize_t n = write(o->fd, p, left);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			o->werr = n < 0 ? errno : EIO;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	return (la_ssize_t)len;
}

int zpci_report_out_begin(struct zpci_report_out *o, const struct zpci_rec_entry *e, size_t n)
{
	bool binary = false;

	/* names as the kernel has them, byte for byte: Linux allows any bytes
	 * but '/' and NUL in a netdev or driver name, UTF-8 or not. pax
	 * hdrcharset=BINARY only when a name needs it (GNU tar warns about the
	 * keyword on every member), decided before the first header */
	for (size_t i = 0; i < n && !binary; i++)
		binary = !utf8_name(e[i].name) || (e[i].target && !utf8_name(e[i].target));
	if (binary && archive_write_set_format_option(o->a, "pax", "hdrcharset", "BINARY") != ARCHIVE_OK)
		return fail(o, ZX_INTERNAL, "pax hdrcharset=BINARY");
	/* a regular file: no padding of the last block, as archive_write_open_fd() does */
	archive_write_set_bytes_in_last_block(o->a, 1);
	if (archive_write_open2(o->a, o, NULL, write_cb, NULL, NULL) != ARCHIVE_OK || o->werr)
		return fail(o, ZX_IO, o->tmp);
	return ZX_OK;
}

static int put(struct zpci_report_out *o, const char *name, enum zpci_rec_type type,
	       const void *data, size_t len, const char *target)
{
	struct archive_entry *ae = archive_entry_new();
	char path[PATH_MAX];
	int rc = ZX_OK;

	if (!ae)
		return fail(o, ZX_INTERNAL, "out of memory");
	snprintf(path, sizeof(path), "%s/%s", o->top, name);
	archive_entry_set_pathname(ae, path);
	archive_entry_set_mtime(ae, time(NULL), 0);
	archive_entry_set_uname(ae, "root");
	archive_entry_set_gname(ae, "root");
	switch (type) {
	case ZREC_DIR:
		archive_entry_set_filetype(ae, AE_IFDIR);
		archive_entry_set_perm(ae, 0755);
		break;
	case ZREC_LINK:
		archive_entry_set_filetype(ae, AE_IFLNK);
		archive_entry_set_perm(ae, 0777);
		archive_entry_set_symlink(ae, target);
		break;
	case ZREC_FILE:
		archive_entry_set_filetype(ae, AE_IFREG);
		archive_entry_set_perm(ae, 0644);
		archive_entry_set_size(ae, (la_int64_t)len);
		break;
	}
	if (archive_write_header(o->a, ae) != ARCHIVE_OK || o->werr)
		rc = fail(o, ZX_IO, o->tmp);
	else if (type == ZREC_FILE && len &&
		 (archive_write_data(o->a, data, len) != (la_ssize_t)len || o->werr))
		rc = fail(o, ZX_IO, o->tmp);
	archive_entry_free(ae);
	return rc;
}

/*
 * A name for the manifest: JSON text is UTF-8, a file name any bytes. A
 * name that is not printable UTF-8 is stored escaped (\xNN, as every
 * output shows it) plus its bytes in hex under KEY_hex, which readers use.
 */
static void add_name(json_object *m, const char *key, const char *name)
{
	size_t len = strlen(name), cap = 4 * len + 4;
	char *safe = malloc(cap), *hex = malloc(2 * len + 1), hkey[32];

	if (utf8_name(name)) {
		json_object_object_add(m, key, json_object_new_string(name));
	} else if (safe && hex) {
		zpci_sanitize(name, len, safe, cap);
		for (size_t i = 0; i < len; i++)
			snprintf(hex + 2 * i, 3, "%02x", (unsigned char)name[i]);
		snprintf(hkey, sizeof(hkey), "%s_hex", key);
		json_object_object_add(m, key, json_object_new_string(safe));
		json_object_object_add(m, hkey, json_object_new_string(hex));
	}
	free(safe);
	free(hex);
}

static void manifest_add(struct zpci_report_out *o, const struct zpci_rec_entry *e)
{
	static const char *const types[] = { [ZREC_FILE] = "file", [ZREC_LINK] = "link",
					     [ZREC_DIR] = "directory" };
	json_object *m = json_object_new_object();
	char hex[65];

	add_name(m, "name", e->name);
	json_object_object_add(m, "type", json_object_new_string(types[e->type]));
	if (e->type == ZREC_FILE) {
		zpci_sha256_hex(e->data ? e->data : (const unsigned char *)"", e->len, hex);
		json_object_object_add(m, "size", json_object_new_int64((int64_t)e->len));
		json_object_object_add(m, "sha256", json_object_new_string(hex));
	} else if (e->type == ZREC_LINK) {
		add_name(m, "target", e->target);
	}
	json_object_array_add(o->members, m);
}

int zpci_report_out_add(struct zpci_report_out *o, const struct zpci_rec_entry *e)
{
	int rc = put(o, e->name, e->type, e->data, e->len, e->target);

	if (rc == ZX_OK)
		manifest_add(o, e);
	return rc;
}

int zpci_report_out_finish(struct zpci_report_out *o, json_object *manifest)
{
	const char *text;
	char dir[PATH_MAX];
	int rc, dfd;

	json_object_object_add(manifest, "members", o->members);
	o->members = NULL;
	text = json_object_to_json_string_ext(manifest, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_NOSLASHESCAPE);
	rc = put(o, "manifest.json", ZREC_FILE, text, strlen(text), NULL);
	json_object_put(manifest);
	if (rc)
		return rc;
	/* the compressor holds the tail until close: a full disk shows here */
	if (archive_write_close(o->a) != ARCHIVE_OK || o->werr)
		return fail(o, ZX_IO, o->tmp);
	if (fsync(o->fd))
		return fail(o, ZX_IO, o->tmp);
	if (close(o->fd)) {
		o->fd = -1;
		return fail(o, ZX_IO, o->tmp);
	}
	o->fd = -1;
	if (zpci_out_target_rename(o->tmp, o->final, &o->was)) {
		snprintf(o->error, sizeof(o->error), "%.200s: not replaced", o->final);
		return ZX_IO;
	}
	o->tmp[0] = '\0';
	snprintf(dir, sizeof(dir), "%s", o->final);
	dfd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);	/* the rename itself on disk; failure leaves a complete file anyway */
		close(dfd);
	}
	archive_write_free(o->a);
	o->a = NULL;
	return ZX_OK;
}

void zpci_report_out_abort(struct zpci_report_out *o)
{
	if (o->a) {
		/* not archive_write_fail(): it skips closing the compressor, whose
		 * state (xz: ~100 MB) would leak; the closing writes go to the
		 * temporary file, which is removed below */
		archive_write_free(o->a);
		o->a = NULL;
	}
	if (o->fd >= 0)
		close(o->fd);
	o->fd = -1;
	if (o->tmp[0])
		unlink(o->tmp);
	o->tmp[0] = '\0';
	if (o->members)
		json_object_put(o->members);
	o->members = NULL;
}
