/* SPDX-License-Identifier: MIT */
/* Human-readable output: lspci-style sizes, value formatting, aligned tables. */
#ifndef ZPCIDIAG_OUTPUT_H
#define ZPCIDIAG_OUTPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "model.h"

/* lspci's show_size(): divide by 1024 while exact, suffix K/M/G/T
 * (2^48 -> "256T", 1536 -> "1536", 0 -> "0"). Returns out. */
char *zpci_size_str(uint64_t size, char *out, size_t outlen);

/* A struct zv as text: printf format when ok, "-" absent, "?" malformed. */
const char *zpci_zv_str(const struct zv *v, const char *fmt, char *out, size_t outlen);
/* The one key/value line of text: "  key  value  explanation" (value column
 * width wide when there is an explanation); print.c's text lines use it too. */
void zpci_kv_line(FILE *f, int width, const char *key, const char *value, const char *expl);
/* One "key  value  explanation" line of show's sections. */
void zpci_show_kv(const char *key, const char *value, const char *expl);
void zpci_show_kv_zv(const char *key, const struct zv *v, const char *fmt, const char *expl);
/* Function type for tables: long PFT name or "unknown (0xNN)". */
const char *zpci_type_str(const struct zpci_fn *fn, char *out, size_t outlen);

/* Column-aligned table, printed at once. */
struct zpci_table {
	size_t ncols, nrows;
	char **cells;		/* (nrows + 1) * ncols, row 0 is the header */
	size_t *width;
};
int zpci_table_init(struct zpci_table *t, size_t ncols, const char *const *headers);
/* Adds a row; cells are copied. ncols arguments. */
int zpci_table_row(struct zpci_table *t, ...);
/* Prints the table with ctx's -o columns and --noheadings (ctx may be NULL):
 * ZX_OK, or ZX_USAGE for an unknown column (message printed, nothing else). */
int zpci_table_print(const struct zpci_table *t, const struct zpci_ctx *ctx, FILE *f);
void zpci_table_free(struct zpci_table *t);

/*
 * Files the user names with -o (check -o, report -o) are written through a
 * temporary file beside them and renamed over them: only onto a regular
 * file or a new name. A symbolic link, directory, device node, FIFO or
 * socket at the path is refused (message printed, -1), never replaced.
 * zpci_out_target_check() looks before writing and remembers what it saw;
 * zpci_out_target_rename() looks again and renames tmp over path only when
 * the path is still what was seen (a regular file, the same one, or absent).
 */
struct zpci_out_target {
	bool existed;
	dev_t dev;
	ino_t ino;
};
int zpci_out_target_check(const char *path, struct zpci_out_target *t);
int zpci_out_target_rename(const char *tmp, const char *path, const struct zpci_out_target *t);

#endif
