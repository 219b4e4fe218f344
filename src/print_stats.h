/* SPDX-License-Identifier: MIT */
/* zpcidiag stats output: table, JSON, Prometheus textfile. */
#ifndef ZPCIDIAG_PRINT_STATS_H
#define ZPCIDIAG_PRINT_STATS_H

#include <stdio.h>
#include <json-c/json.h>
#include "fmb_stats.h"
#include "model.h"

/* One row per function and counter: ADDRESS FID STATE COUNTER VALUE. */
int zpci_stats_table(const struct zpci_ctx *ctx, struct zpci_fn *const *fns,
		     const struct zpci_fmb *st, size_t n);
/* The "stats" member of a function's JSON object. */
json_object *zpci_stats_json(const struct zpci_fmb *fmb);
/* Counters as Prometheus counters, one series per function and counter
 * (labels device and fid), for node_exporter's textfile collector. */
int zpci_stats_prometheus(FILE *f, struct zpci_fn *const *fns, const struct zpci_fmb *st, size_t n);

#endif
