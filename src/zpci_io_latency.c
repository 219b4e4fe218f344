// SPDX-License-Identifier: MIT
/*
 * Latency statistics of repeated requests (nearest-rank percentiles).
 * No I/O: host unit tests cover it (tests/unit/test-zpci-io.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "zpci_io.h"

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t nearest_rank(const uint64_t *sorted, size_t n, unsigned int pct)
{
	/* rank = ceil(pct/100 * n), 1-based */
	size_t rank = (pct * n + 99) / 100;

	if (rank == 0)
		rank = 1;
	return sorted[rank - 1];
}

void zpci_lat_compute(uint64_t *s, size_t n, struct zpci_lat_stats *st)
{
	double sum = 0;

	memset(st, 0, sizeof(*st));
	st->n = n;
	if (!n)
		return;
	qsort(s, n, sizeof(*s), cmp_u64);
	for (size_t i = 0; i < n; i++)
		sum += (double)s[i];
	st->min_ns = s[0];
	st->max_ns = s[n - 1];
	st->p50_ns = nearest_rank(s, n, 50);
	st->p90_ns = nearest_rank(s, n, 90);
	st->p99_ns = nearest_rank(s, n, 99);
	st->mean_ns = sum / (double)n;
}
