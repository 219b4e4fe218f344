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
/* zpcidiag's own JSON and text output of every read command, and its version. */
void zpci_report_collect_commands(const struct zpci_ctx *ctx, const struct zpci_system *sys,
				  json_object *commands, json_object *not_collected);

#endif
