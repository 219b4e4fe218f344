/* SPDX-License-Identifier: MIT */
/*
 * The record hook: while `zpcidiag report` runs, every source hands what it
 * read (sysfs files and links, vfio replies, netlink answers) to the
 * recorder, so the report holds exactly the bytes the sources saw and the
 * sources, not the report code, know where things live. Outside a report
 * every call is a no-op.
 *
 * Member names inside the report: "sys/..." mirrors the sysfs root (so the
 * extracted tree works with --sysfs-root), anything else is a saved answer
 * ("vfio/ADDR/...", "kdiag/...").
 */
#ifndef ZPCIDIAG_REPORT_RECORD_H
#define ZPCIDIAG_REPORT_RECORD_H

#include <stdbool.h>
#include <stddef.h>

enum zpci_rec_type { ZREC_FILE, ZREC_LINK, ZREC_DIR };

struct zpci_rec_entry {
	char *name;			/* member name, relative, no leading '/' */
	enum zpci_rec_type type;
	unsigned char *data;		/* ZREC_FILE contents */
	size_t len;
	char *target;			/* ZREC_LINK: relative target inside the report */
};

bool zpci_recording(void);
/* A sysfs file as read (len bytes of data); path is below the sysfs root. */
void zpci_record_sysfs_file(const char *path, const void *data, size_t len);
/* A sysfs symlink; its target is kept relative and inside the report. */
void zpci_record_sysfs_link(const char *path);
/* A sysfs directory whose existence a source relies on (scandir, access). */
void zpci_record_sysfs_dir(const char *path);
/* A file that could not be read as the kernel had it (err: errno or
 * ZPCI_E*, positive): kept in the member "sysfs-errors", so that --report
 * answers the same (zpci_replay_sysfs_error). */
void zpci_record_sysfs_error(const char *path, int err);
/* Reading a report: the error recorded for path, 0 for none. The reader
 * (report_read.c) installs the lookup, so system access below it needs no
 * upward call. */
int zpci_replay_sysfs_error(const char *path);
void zpci_replay_set_lookup(int (*lookup)(const char *path));
/* A saved answer outside sysfs; append adds to a member instead of replacing it. */
void zpci_record_blob(const char *name, const void *data, size_t len);
void zpci_record_append(const char *name, const void *data, size_t len);

/* The writer's side (report_write.c). */
int zpci_record_start(const char *sysfs_root);
struct zpci_rec_entry *zpci_record_entries(size_t *n);
/* Drop every member keep() refuses, except directories a kept link points at
 * (a VF's physfn still resolves when only the VF is reported). */
void zpci_record_filter(bool (*keep)(const char *name, void *arg), void *arg);
void zpci_record_stop(void);

#endif
