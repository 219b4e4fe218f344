/* SPDX-License-Identifier: MIT */
/*
 * Minimal host unit-test helpers. A test program runs its checks, prints one
 * line per failure naming the expression and location, and exits 1 if any
 * failed (0 otherwise, 77 to skip): the automake test driver counts results.
 */
#ifndef ZPCIDIAG_UNIT_H
#define ZPCIDIAG_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unit_failures;
static int unit_checks;

#define CHECK(expr) do {							\
	unit_checks++;								\
	if (!(expr)) {								\
		unit_failures++;						\
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #expr); \
	}									\
} while (0)

#define CHECK_EQ_U64(a, b) do {							\
	unsigned long long _a = (a), _b = (b);					\
	unit_checks++;								\
	if (_a != _b) {								\
		unit_failures++;						\
		fprintf(stderr, "%s:%d: %s == %s failed: 0x%llx != 0x%llx\n",	\
			__FILE__, __LINE__, #a, #b, _a, _b);			\
	}									\
} while (0)

#define CHECK_STREQ(a, b) do {							\
	const char *_a = (a), *_b = (b);					\
	unit_checks++;								\
	if (!_a || !_b || strcmp(_a, _b) != 0) {				\
		unit_failures++;						\
		fprintf(stderr, "%s:%d: %s == %s failed: \"%s\" != \"%s\"\n",	\
			__FILE__, __LINE__, #a, #b, _a ? _a : "(null)", _b ? _b : "(null)"); \
	}									\
} while (0)

static inline int unit_done(const char *name)
{
	printf("%s: %d checks, %d failed\n", name, unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}

#endif
