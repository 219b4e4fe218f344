/* SPDX-License-Identifier: MIT */
/* zpcidiag check's outputs: table, JSON, monitoring-plugin line, Prometheus textfile. */
#ifndef ZPCIDIAG_CHECK_OUT_H
#define ZPCIDIAG_CHECK_OUT_H

#include <stdio.h>
#include "check.h"

enum zpci_check_format { ZCF_TABLE, ZCF_JSON, ZCF_PLUGIN, ZCF_PROMETHEUS };

struct zpci_check_result {
	struct zpci_findings findings;	/* ignored ones removed, worst first */
	size_t count[ZSEV_CRITICAL + 1];	/* per severity */
	size_t ignored;
	size_t nfns;			/* functions checked */
	struct zpci_fn *const *fns;	/* they themselves, NULL when none could be read */
	int status;			/* the exit code: 0 OK 1 WARNING 2 CRITICAL 3 UNKNOWN */
	char unknown_why[400];		/* why the status is UNKNOWN, "" otherwise */
};

/* 0, or -1 when writing failed */
int zpci_check_print(FILE *f, const struct zpci_check_result *res,
		     const struct zpci_check_env *env, enum zpci_check_format fmt, int verbose);
/* check_prom.c: the textfile for node_exporter */
int zpci_check_print_prometheus(FILE *f, const struct zpci_check_result *res);
/* The labels that key a function's series, without braces: segment, bus,
 * device, function as node_exporter's pcidevice collector prints them, fid. */
void zpci_prom_fn_key(FILE *f, const struct zpci_fn *fn);
int zpci_check_print_rules(FILE *f, enum zpci_check_format fmt);

#endif
