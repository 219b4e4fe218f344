/* SPDX-License-Identifier: MIT */
/*
 * Messages: "zpcidiag: <device>: <what>" on stderr, made safe for the
 * terminal, and the errors of this run kept for the JSON error document
 * (main.c's finish()). In the library so that every layer may report and
 * no layer needs the front end.
 */
#ifndef ZPCI_MSG_H
#define ZPCI_MSG_H

#include <stdbool.h>
#include <stddef.h>

#define ZPCI_MSG_MAX_ERRORS 8

void zpci_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void zpci_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The errors of this run, oldest first (at most ZPCI_MSG_MAX_ERRORS kept). */
size_t zpci_msg_errors(const char **msgs, size_t max);
/* Messages printed or (when quiet) formatted so far, errors and warnings. */
unsigned long zpci_msg_count(void);
/* Quiet: format and count, print nothing (fuzzers would drown in messages). */
void zpci_msg_quiet(bool quiet);

#endif
