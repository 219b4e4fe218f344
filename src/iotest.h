/* SPDX-License-Identifier: MIT */
/*
 * zpcidiag iotest, one file per concern: cmd_iotest.c (options and entry
 * only), iotest_util.c (the checks and reporting every mode shares),
 * iotest_access.c (read, write), iotest_loop.c (--count/--duration: rates,
 * latency, --batch), iotest_verify.c (--verify), iotest_reject.c
 * (--reject-matrix). The mode files call nothing in cmd_iotest.c; the
 * options reach them through struct iotest_run.
 */
#ifndef ZPCIDIAG_IOTEST_H
#define ZPCIDIAG_IOTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "json_out.h"
#include "model.h"
#include "zpci_io_dev.h"

struct iotest_opts {
	int bar, length, write, verify, reject, count, any_shape, batch;
	double duration;
	const char *offset, *pattern;
};

/* Everything one run found, printed as text or JSON at the end. */
struct iotest_run {
	const struct iotest_opts *opt;
	const struct zpci_fn *fn;
	struct zpci_io_dev io;
	struct zpci_io_protected msix_table;
	int bar;
	uint64_t bar_size, offset;
	const char *mode;
	json_object *doc;		/* built as we go; printed only when complete */
	bool mark_known;		/* iotest_status_mark() read the status */
	uint32_t mark_failures;		/* failures before the latest single access */
};

/* iotest_util.c */
const char *iotest_errname(int err);
/* EIO (a condition code) or ENXIO (a program exception): the instruction failed. */
bool iotest_insn_failed(int err);
uint64_t iotest_now_ns(void);
json_object *iotest_hex(uint64_t v);
void iotest_bytes_hex(const unsigned char *b, unsigned int len, char *out, size_t outlen);
/* Remember the failure count before a single access (status feature). */
void iotest_status_mark(struct iotest_run *r);
const char *iotest_insn_detail(struct iotest_run *r, struct zpci_io_status *st, char *buf, size_t len);
json_object *iotest_insn_json(const struct zpci_io_status *st);
int iotest_io_err_exit(struct iotest_run *r, const char *what, int err);
int iotest_precheck(struct iotest_run *r, bool store, unsigned int len);

/* iotest_loop.c */
struct loop_result {
	uint64_t ops, errors, bytes, elapsed_ns;
	uint64_t calls;			/* system calls (--batch: one per batch) */
	bool insns_known;		/* the status feature counted the instructions */
	uint64_t insns;			/* instructions the driver issued during the loop */
	int first_err;
	struct zpci_lat_stats lat;
};
int iotest_run_loop(struct iotest_run *r, bool store, unsigned int len, const struct zpci_pattern *pat,
	     struct loop_result *lr);
void iotest_loop_report(struct iotest_run *r, const char *op, unsigned int len,
		 const struct loop_result *lr);

/* iotest_access.c */
unsigned int iotest_default_store_len(const struct iotest_run *r);
int iotest_mode_read(struct iotest_run *r);
int iotest_mode_write(struct iotest_run *r, const struct zpci_pattern *pat);

/* iotest_verify.c */
int iotest_mode_verify(struct iotest_run *r, const struct zpci_pattern *pat);

/* iotest_reject.c */
int iotest_mode_reject_matrix(struct iotest_run *r);

#endif
