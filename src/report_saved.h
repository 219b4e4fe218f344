/* SPDX-License-Identifier: MIT */
/*
 * Reading a report back: unpacking it into a private directory that the
 * sources read like a live system (report_read.c), and the helpers sources
 * use to read the answers it saved (vfio replies, netlink messages) in the
 * byte order of the machine that wrote them.
 */
#ifndef ZPCIDIAG_REPORT_SAVED_H
#define ZPCIDIAG_REPORT_SAVED_H

#include <stddef.h>
#include <stdint.h>
#include "model.h"

/* Unpack ctx->report_file and point ctx's roots into it (removed at exit). */
int zpci_report_open(struct zpci_ctx *ctx);

/* A report taken for DEVICE words holds only those functions' data (and the
 * firmware's list of all): read without DEVICE words, it is read with them,
 * so the output is what the machine printed for them. */
/* The report was taken from a --sysfs-root other than /sys: the machine's
 * commands were offline there (the module and /dev/clp not asked). */
bool zpci_report_machine_offline(void);
void zpci_report_default_devices(const struct zpci_ctx *ctx, int *argc, const char ***argv);

/* Messages of the model name the reported machine's files, not the unpacked copy. */
void zpci_report_restore_paths(const struct zpci_ctx *ctx, struct zpci_system *sys);

/* Member name of the report into a malloc'd buffer (NUL-terminated beyond
 * len). 0, or -errno (-ENOENT: the report does not hold it). */
int zpci_saved_read(const struct zpci_ctx *ctx, const char *name, unsigned char **data, size_t *len);
/* A source's status saved by the writer ("STATE\tREASON") into s; -1 if none. */
int zpci_saved_status(const struct zpci_ctx *ctx, const char *name, struct zpci_src_status *s);
/* The writer's side: save s under name when a report is being recorded. */
void zpci_record_status(const char *name, const struct zpci_src_status *s);

/* report_kdiag.c: record the module's answers during a report's load. */
void zpci_report_kdiag_start(void);
void zpci_report_kdiag_finish(const struct zpci_system *sys, struct zpci_fn *const *fns, size_t nfns);

uint16_t zpci_saved_u16(const struct zpci_ctx *ctx, uint16_t v);

#endif
