// SPDX-License-Identifier: MIT
/* Diagnostics for unit tests: counted, and shown so a failing check has context. */
#include <stdarg.h>
#include <stdio.h>
#include "zpcidiag.h"

int unit_messages;

void zpci_err(const char *fmt, ...)
{
	va_list ap;

	unit_messages++;
	va_start(ap, fmt);
	fputs("(expected?) zpcidiag: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void zpci_warn(const char *fmt, ...)
{
	va_list ap;

	unit_messages++;
	va_start(ap, fmt);
	fputs("(expected?) zpcidiag: warning: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
