/* SPDX-License-Identifier: MIT */
/*
 * Writing a report archive (libarchive): a compressed tar under a temporary
 * name in the target directory, mode 0600, renamed into place only when it
 * is complete and on disk. Any failure, or a stop request, removes it.
 */
#ifndef ZPCIDIAG_REPORT_WRITE_H
#define ZPCIDIAG_REPORT_WRITE_H

#include <limits.h>
#include <signal.h>
#include <json-c/json.h>
#include "output.h"

#include "report_record.h"

struct archive;

struct zpci_report_out {
	char final[PATH_MAX];		/* the name asked for */
	char tmp[PATH_MAX];		/* where it is written until complete */
	char top[256];			/* the one directory all members live in */
	int fd;
	struct archive *a;
	json_object *members;		/* manifest: name, type, size, sha256 */
	char error[300];		/* why writing failed */
	int werr;			/* errno of the first failed write, 0 if none */
	struct zpci_out_target was;	/* what the name was before (output.h) */
};

/* ZX_OK, or ZX_IO/ZX_PERM (ZX_USAGE: the name is not a regular file) with o->error set. */
int zpci_report_out_open(struct zpci_report_out *o, const char *path, const char *top);
/* Before the first member: the archive's header options for all n entries. */
int zpci_report_out_begin(struct zpci_report_out *o, const struct zpci_rec_entry *e, size_t n);
int zpci_report_out_add(struct zpci_report_out *o, const struct zpci_rec_entry *e);
/* Adds manifest.json (taking over the reference), closes, syncs, renames. */
int zpci_report_out_finish(struct zpci_report_out *o, json_object *manifest);
/* Removes the unfinished file; safe to call more than once. */
void zpci_report_out_abort(struct zpci_report_out *o);

#endif
