// SPDX-License-Identifier: MIT
/* Messages on stderr, and the errors kept for the JSON error document (msg.h). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "msg.h"
#include "sysaccess.h"
#include "zpcidiag.h"

static char errors[ZPCI_MSG_MAX_ERRORS][1024];
static size_t nerrors;
static unsigned long nmessages;
static bool quiet;

/* Messages carry paths and names from the system: made safe for the terminal. */
static void __attribute__((format(printf, 3, 0)))
vmsg(const char *level, bool record, const char *fmt, va_list ap)
{
	char raw[1024], safe[1024];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	zpci_sanitize(raw, strlen(raw), safe, sizeof(safe));
	nmessages++;
	if (record && nerrors < ZPCI_MSG_MAX_ERRORS)
		snprintf(errors[nerrors++], sizeof(errors[0]), "%s", safe);
	if (quiet)
		return;
	fflush(stdout);
	fprintf(stderr, "%s: %s%s\n", ZPCI_PROG, level, safe);
}

void zpci_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("", true, fmt, ap);
	va_end(ap);
}

void zpci_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg("warning: ", false, fmt, ap);
	va_end(ap);
}

size_t zpci_msg_errors(const char **msgs, size_t max)
{
	size_t i;

	for (i = 0; i < nerrors && i < max; i++)
		msgs[i] = errors[i];
	return i;
}

unsigned long zpci_msg_count(void)
{
	return nmessages;
}

void zpci_msg_quiet(bool q)
{
	quiet = q;
}
