/* SPDX-License-Identifier: MIT */
/* What a report holds besides the sources' data (report_collect.c). */
#ifndef ZPCIDIAG_REPORT_COLLECT_H
#define ZPCIDIAG_REPORT_COLLECT_H

#include <json-c/json.h>
#include "model.h"

/* One entry of the manifest's "not_collected": what, and why not. */
void zpci_report_gap(json_object *not_collected, const char *what, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Kernel release, command line, modules, PCI kernel log lines, s390dbf views. */
void zpci_report_collect_system(json_object *not_collected);
/* The functions a report covers and the DEVICE words that named them
 * (none: every function). */
struct zpci_report_scope {
	const struct zpci_system *sys;
	struct zpci_fn **fns;
	size_t nfns;
	int argc;
	const char **argv;
};
/* zpcidiag's own JSON and text output of every read command, and its version. */
void zpci_report_collect_commands(const struct zpci_ctx *ctx, const struct zpci_report_scope *scope,
				  json_object *commands, json_object *not_collected);
/* A report for named functions: drop what the sources read about others. */
void zpci_report_keep_scope(const struct zpci_report_scope *scope);

#endif
