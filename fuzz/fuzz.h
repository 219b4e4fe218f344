/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer entry points for the decoders that take outside bytes. Each
 * fuzz-*.c defines LLVMFuzzerTestOneInput; built with clang's libFuzzer for
 * `make fuzz`, and with the normal compiler plus replay-main.c for `make
 * check`, which replays the committed seeds and every crash ever found.
 * A harness calls fuzz_fail() when a decoder accepted input but left its
 * output inconsistent, so the replay fails without sanitizers too.
 */
#ifndef ZPCIDIAG_FUZZ_H
#define ZPCIDIAG_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The input as a C string (parsers of text take strings); free() it. */
static inline char *fuzz_strdup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define fuzz_fail(...)                                                          \
	do {                                                                    \
		fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__);           \
		fprintf(stderr, __VA_ARGS__);                                   \
		fputc('\n', stderr);                                            \
		abort();                                                        \
	} while (0)

/* A decoder's fixed-size text output must stay NUL-terminated. */
#define fuzz_check_str(buf)                                                     \
	do {                                                                    \
		if (!memchr((buf), '\0', sizeof(buf)))                          \
			fuzz_fail("%s is not NUL-terminated", #buf);            \
	} while (0)

#endif
