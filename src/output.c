// SPDX-License-Identifier: MIT
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "output.h"

char *zpci_size_str(uint64_t size, char *out, size_t outlen)
{
	static const char *const suffix[] = { "", "K", "M", "G", "T" };
	size_t i = 0;

	/* same rule as lspci: stop at T even for 2^60, never round */
	while (size && i < 4 && size % 1024 == 0) {
		size /= 1024;
		i++;
	}
	snprintf(out, outlen, "%llu%s", (unsigned long long)size, suffix[i]);
	return out;
}

const char *zpci_zv_str(const struct zv *v, const char *fmt, char *out, size_t outlen)
{
	if (v->st == ZV_ABSENT)
		snprintf(out, outlen, "-");
	else if (v->st == ZV_MALFORMED)
		snprintf(out, outlen, "?");
	else {
		/* callers pass a literal with one unsigned long long conversion */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		snprintf(out, outlen, fmt, (unsigned long long)v->v);
#pragma GCC diagnostic pop
	}
	return out;
}

const char *zpci_type_str(const struct zpci_fn *fn, char *out, size_t outlen)
{
	const char *name;

	if (!zv_ok(fn->zattr.pft)) {
		snprintf(out, outlen, "%s", fn->zattr.pft.st == ZV_MALFORMED ? "?" : "-");
		return out;
	}
	name = zpci_pft_long((unsigned int)fn->zattr.pft.v);
	if (name)
		snprintf(out, outlen, "%s", name);
	else
		snprintf(out, outlen, "unknown (0x%02llx)", (unsigned long long)fn->zattr.pft.v);
	return out;
}

int zpci_table_init(struct zpci_table *t, size_t ncols, const char *const *headers)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->cells = calloc(ncols, sizeof(char *));
	t->width = calloc(ncols, sizeof(size_t));
	if (!t->cells || !t->width)
		return -1;
	for (size_t c = 0; c < ncols; c++) {
		t->cells[c] = strdup(headers[c]);
		if (!t->cells[c])
			return -1;
		t->width[c] = strlen(headers[c]);
	}
	return 0;
}

int zpci_table_row(struct zpci_table *t, ...)
{
	char **cells = realloc(t->cells, (t->nrows + 2) * t->ncols * sizeof(char *));
	va_list ap;
	int rc = 0;

	if (!cells)
		return -1;
	t->cells = cells;
	cells += (t->nrows + 1) * t->ncols;
	va_start(ap, t);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = va_arg(ap, const char *);

		cells[c] = strdup(s ? s : "-");
		if (!cells[c])
			rc = -1;
		else if (strlen(cells[c]) > t->width[c])
			t->width[c] = strlen(cells[c]);
	}
	va_end(ap);
	t->nrows++;
	return rc;
}

/* -o COLUMN,...: header names, case-insensitive, in the order given. */
static int pick_columns(const struct zpci_table *t, const char *spec, size_t *cols, size_t *ncols)
{
	char *copy = strdup(spec), *save = NULL, *w;
	int rc = ZX_OK;

	*ncols = 0;
	if (!copy)
		return ZX_INTERNAL;
	for (w = strtok_r(copy, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t c;

		for (c = 0; c < t->ncols && strcasecmp(t->cells[c], w) != 0; c++)
			;
		if (c == t->ncols) {
			char known[400] = "";

			for (size_t k = 0; k < t->ncols; k++)
				snprintf(known + strlen(known), sizeof(known) - strlen(known), "%s%s",
					 k ? ", " : "", t->cells[k]);
			zpci_err("-o %s: no column %s (columns: %s)", spec, w, known);
			rc = ZX_USAGE;
			break;
		}
		if (*ncols < t->ncols)
			cols[(*ncols)++] = c;
	}
	if (!rc && !*ncols) {
		zpci_err("-o: no column named");
		rc = ZX_USAGE;
	}
	free(copy);
	return rc;
}

int zpci_table_print(const struct zpci_table *t, const struct zpci_ctx *ctx, FILE *f)
{
	size_t *cols = calloc(t->ncols, sizeof(*cols)), ncols = t->ncols;
	int rc = ZX_OK;

	if (!cols)
		return ZX_INTERNAL;
	for (size_t c = 0; c < ncols; c++)
		cols[c] = c;
	if (ctx && ctx->columns)
		rc = pick_columns(t, ctx->columns, cols, &ncols);
	for (size_t r = ctx && ctx->noheadings ? 1 : 0; !rc && r <= t->nrows; r++) {
		for (size_t i = 0; i < ncols; i++) {
			const char *s = t->cells[r * t->ncols + cols[i]];

			if (i + 1 == ncols)
				fprintf(f, "%s\n", s ? s : "");
			else
				fprintf(f, "%-*s  ", (int)t->width[cols[i]], s ? s : "");
		}
	}
	free(cols);
	return rc;
}

void zpci_table_free(struct zpci_table *t)
{
	if (t->cells)
		for (size_t i = 0; i < (t->nrows + 1) * t->ncols; i++)
			free(t->cells[i]);
	free(t->cells);
	free(t->width);
	memset(t, 0, sizeof(*t));
}

void zpci_kv_line(FILE *f, int width, const char *key, const char *value, const char *expl)
{
	if (expl && expl[0])
		fprintf(f, "  %-17s %-*s %s\n", key, width, value, expl);
	else
		fprintf(f, "  %-17s %s\n", key, value);
}

void zpci_show_kv(const char *key, const char *value, const char *expl)
{
	zpci_kv_line(stdout, 14, key, value, expl);
}

void zpci_show_kv_zv(const char *key, const struct zv *v, const char *fmt, const char *expl)
{
	char buf[32];

	zpci_show_kv(key, zpci_zv_str(v, fmt, buf, sizeof(buf)), expl);
}

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif

static const char *file_kind(mode_t m)
{
	return S_ISLNK(m) ? "a symbolic link" : S_ISDIR(m) ? "a directory" :
	       S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device" :
	       S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : "not a regular file";
}

int zpci_out_target_check(const char *path, struct zpci_out_target *t)
{
	struct stat st;

	memset(t, 0, sizeof(*t));
	if (!path[0]) {
		zpci_err("-o: empty file name");
		return -1;
	}
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
		zpci_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		zpci_err("%s: is %s; -o writes only regular files (replaced atomically) or new "
			 "names, never through or over anything else", path, file_kind(st.st_mode));
		return -1;
	}
	/* the rename would bypass a file's own write protection: refused, as the
	 * shell's > refuses it (root may write it, as with >) */
	if (access(path, W_OK) != 0) {
		zpci_err("%s: %s; -o does not replace a file it may not write", path,
			 strerror(errno));
		return -1;
	}
	t->existed = true;
	t->dev = st.st_dev;
	t->ino = st.st_ino;
	return 0;
}

int zpci_out_target_rename(const char *tmp, const char *path, const struct zpci_out_target *t)
{
	struct stat st;

	if (lstat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode) || !t->existed || st.st_dev != t->dev || st.st_ino != t->ino) {
			zpci_err("%s: changed while it was written (now %s); left alone", path,
				 S_ISREG(st.st_mode) ? "another file" : file_kind(st.st_mode));
			return -1;
		}
		if (rename(tmp, path) == 0)
			return 0;
	} else if (errno != ENOENT) {
		/* fall through to the message */
	} else if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE) == 0) {
		return 0;
	} else if (errno == EEXIST) {
		zpci_err("%s: appeared while it was written; left alone", path);
		return -1;
	} else if ((errno == ENOSYS || errno == EINVAL) && rename(tmp, path) == 0) {
		return 0;	/* no renameat2 here: the plain rename after the look */
	}
	zpci_err("%s: %s", path, strerror(errno));
	return -1;
}
