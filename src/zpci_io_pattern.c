// SPDX-License-Identifier: MIT
/*
 * PCISTB data patterns: one word, a counter, or reproducible random data,
 * varied per iteration so a repeated store is told from a stale one.
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zpci_io.h"

int zpci_pattern_parse(const char *s, struct zpci_pattern *p)
{
	char *end;

	memset(p, 0, sizeof(*p));
	if (strcasecmp(s, "counter") == 0) {
		p->kind = ZPAT_COUNTER;
		return 0;
	}
	if (strncasecmp(s, "random", 6) == 0) {
		p->kind = ZPAT_RANDOM;
		p->seed = 1;
		if (s[6] == '\0')
			return 0;
		if (s[6] != ':' || s[7] == '\0')
			return -1;
		errno = 0;
		p->seed = strtoull(s + 7, &end, 0);
		return errno || *end ? -1 : 0;
	}
	if (*s == '\0' || *s == '-')
		return -1;
	errno = 0;
	p->kind = ZPAT_WORD;
	p->word = strtoull(s, &end, 16);
	return errno || *end ? -1 : 0;
}

/* splitmix64: reproducible from the seed, good enough to catch stale data. */
static uint64_t splitmix64(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void zpci_pattern_fill(const struct zpci_pattern *p, uint64_t *words, size_t n,
		       uint64_t iteration)
{
	uint64_t state = p->seed ^ (iteration * 0xd1b54a32d192ed03ULL);

	for (size_t i = 0; i < n; i++) {
		switch (p->kind) {
		case ZPAT_WORD:
			words[i] = p->word;
			break;
		case ZPAT_COUNTER:
			/* Distinct bytes in every word, so reversal is visible. */
			words[i] = 0xa5a5000000000000ULL | (iteration << 32) | (uint32_t)(i + 1) << 4 |
				   ((i + 1) & 0xf);
			break;
		case ZPAT_RANDOM:
			words[i] = splitmix64(&state);
			break;
		}
	}
}

void zpci_pattern_describe(const struct zpci_pattern *p, char *buf, size_t len)
{
	switch (p->kind) {
	case ZPAT_WORD:
		snprintf(buf, len, "0x%016" PRIx64, p->word);
		break;
	case ZPAT_COUNTER:
		snprintf(buf, len, "counter");
		break;
	case ZPAT_RANDOM:
		snprintf(buf, len, "random:%" PRIu64, p->seed);
		break;
	}
}
