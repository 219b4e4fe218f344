/* SPDX-License-Identifier: MIT */
/*
 * zpcidiag iotest, one file per mode: cmd_iotest.c (options, entry, the
 * checks and reporting every mode shares), iotest_access.c (read, write),
 * iotest_loop.c (--count/--duration: rates and latency), iotest_verify.c
 * (--verify), iotest_reject.c (--reject-matrix).
 */
#ifndef ZPCIDIAG_IOTEST_H
#define ZPCIDIAG_IOTEST_H

#include <stdbool.h>
#include <stdint.h>

#include "json_out.h"
#include "model.h"
#include "zpci_io_dev.h"

struct iotest_opts {
	int bar, length, write, verify, reject, count, any_shape;
	double duration;
	const char *offset, *pattern, *path;
};
extern struct iotest_opts iotest_opt;

/* Everything one run found, printed as text or JSON at the end. */
struct iotest_run {
	const struct zpci_fn *fn;
	struct zpci_io_dev io;
	struct zpci_io_protected msix_table;
	int bar;
	uint64_t bar_size, offset;
	const char *mode;
	json_object *doc;		/* built as we go; printed only when complete */
};

/* cmd_iotest.c */
const char *iotest_errname(int err);
uint64_t iotest_now_ns(void);
json_object *iotest_hex(uint64_t v);
void iotest_bytes_hex(const unsigned char *b, unsigned int len, char *out, size_t outlen);
const char *iotest_insn_detail(struct iotest_run *r, struct zpci_io_status *st, char *buf, size_t len);
json_object *iotest_insn_json(const struct zpci_io_status *st);
int iotest_io_err_exit(struct iotest_run *r, const char *what, int err);
int iotest_precheck(struct iotest_run *r, bool store, unsigned int len);

/* iotest_loop.c */
struct loop_result {
	uint64_t ops, errors, bytes, elapsed_ns;
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
