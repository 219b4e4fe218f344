// SPDX-License-Identifier: MIT
/*
 * zPCI I/O logic that needs no device: request building, PCISTB data
 * patterns, the verify analysis, latency statistics and the reject matrix.
 * Kept free of I/O so host unit tests exercise all of it.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zpci_io.h"

/* ---- requests ---------------------------------------------------------- */

void zpci_io_req_load(struct vfio_zpci_io_req *r, int bar, uint64_t offset,
		      uint16_t len, void *buf)
{
	memset(r, 0, sizeof(*r));
	r->flags = VFIO_ZPCI_IO_FLAG_READ;
	r->gaddr = (uint64_t)(uintptr_t)buf;
	r->offset = offset;
	r->len = len;
	r->pcias = (uint8_t)bar;
}

void zpci_io_req_store(struct vfio_zpci_io_req *r, int bar, uint64_t offset,
		       uint16_t len, const void *buf)
{
	memset(r, 0, sizeof(*r));
	r->flags = VFIO_ZPCI_IO_FLAG_BLOCKW;
	r->gaddr = (uint64_t)(uintptr_t)buf;
	r->offset = offset;
	r->len = len;
	r->pcias = (uint8_t)bar;
}

uint64_t zpci_io_le_value(const unsigned char *bus, unsigned int len)
{
	uint64_t v = 0;

	for (unsigned int i = len; i-- > 0;)
		v = v << 8 | bus[i];
	return v;
}

uint64_t zpci_io_get_be64(const unsigned char *bus)
{
	uint64_t v = 0;

	for (int i = 0; i < 8; i++)
		v = v << 8 | bus[i];
	return v;
}

void zpci_io_put_be64(unsigned char *bus, uint64_t word)
{
	for (int i = 7; i >= 0; i--, word >>= 8)
		bus[i] = (unsigned char)word;
}

/* ---- patterns ---------------------------------------------------------- */

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

/* ---- verify ------------------------------------------------------------ */

const char *zpci_word_verdict_name(enum zpci_word_verdict v)
{
	static const char *const names[] = {
		[ZW_MATCH] = "match", [ZW_BYTE_REVERSED] = "byte-reversed",
		[ZW_PARTLY_REVERSED] = "partly-byte-reversed", [ZW_PARTLY_LANDED] = "partly-landed",
		[ZW_UNCHANGED] = "unchanged", [ZW_ZERO] = "zero",
		[ZW_NOT_READ] = "not-read", [ZW_OTHER] = "differs",
	};
	return v <= ZW_OTHER ? names[v] : "?";
}

const char *zpci_verify_summary_name(enum zpci_verify_summary s)
{
	static const char *const names[] = {
		[ZV_ALL_MATCH] = "all-match", [ZV_ALL_REVERSED] = "byte-reversed",
		[ZV_SHORT] = "short", [ZV_NOTHING_LANDED] = "nothing-landed",
		[ZV_MIXED] = "mixed",
	};
	return s <= ZV_MIXED ? names[s] : "?";
}

/* byte j of a word in bus order (words are read big-endian) */
#define BYTE_OF(w, j) ((unsigned int)((w) >> (56 - 8 * (j))) & 0xffu)

static enum zpci_word_verdict classify(uint64_t exp, uint64_t got, const uint64_t *before)
{
	if (got == exp)
		return ZW_MATCH;
	if (got == __builtin_bswap64(exp))
		return ZW_BYTE_REVERSED;
	if (before && got == *before)
		return ZW_UNCHANGED;
	if (got == 0)
		return ZW_ZERO;
	if (before) {
		bool straight = true, reversed = true;

		for (int j = 0; j < 8; j++) {
			unsigned int g = BYTE_OF(got, j);

			if (g == BYTE_OF(*before, j))
				continue;	/* not written (read-only byte) */
			straight &= g == BYTE_OF(exp, j);
			reversed &= g == BYTE_OF(exp, 7 - j);
		}
		if (straight)
			return ZW_PARTLY_LANDED;
		if (reversed)
			return ZW_PARTLY_REVERSED;
	}
	return ZW_OTHER;
}

static bool did_not_land(enum zpci_word_verdict v)
{
	return v == ZW_UNCHANGED || v == ZW_ZERO || v == ZW_NOT_READ;
}

int zpci_verify_analyse(const uint64_t *expected, const uint64_t *got,
			const uint64_t *before, size_t nwords, size_t nread,
			struct zpci_verify_result *r)
{
	enum zpci_word_verdict *v;
	size_t i, first_missing;
	bool suffix_missing = true;

	memset(r, 0, sizeof(*r));
	r->nwords = nwords;
	if (nread > nwords)
		nread = nwords;
	v = calloc(nwords ? nwords : 1, sizeof(*v));
	r->bad = calloc(nwords ? nwords : 1, sizeof(*r->bad));
	if (!v || !r->bad) {
		free(v);
		free(r->bad);
		r->bad = NULL;
		return -1;
	}
	for (i = 0; i < nwords; i++) {
		v[i] = i < nread ? classify(expected[i], got[i], before ? &before[i] : NULL)
				 : ZW_NOT_READ;
		r->count[v[i]]++;
		if (v[i] != ZW_MATCH)
			r->bad[r->nbad++] = (struct zpci_verify_word){
				.index = i, .expected = expected[i],
				.got = i < nread ? got[i] : 0, .verdict = v[i],
			};
	}

	/* Short: the words that did not land form a suffix after words that did. */
	for (first_missing = 0; first_missing < nwords && !did_not_land(v[first_missing]);
	     first_missing++)
		;
	for (i = first_missing; i < nwords; i++)
		if (!did_not_land(v[i]))
			suffix_missing = false;

	if (r->count[ZW_MATCH] == nwords)
		r->summary = ZV_ALL_MATCH;
	else if (r->count[ZW_BYTE_REVERSED] + r->count[ZW_PARTLY_REVERSED] > 0 &&
		 r->count[ZW_PARTLY_LANDED] + r->count[ZW_OTHER] + r->count[ZW_NOT_READ] == 0)
		r->summary = ZV_ALL_REVERSED;
	else if (first_missing == 0 && suffix_missing)
		r->summary = ZV_NOTHING_LANDED;
	else if (suffix_missing && first_missing < nwords &&
		 r->count[ZW_OTHER] + r->count[ZW_PARTLY_LANDED] == 0) {
		r->summary = ZV_SHORT;
		r->landed_bytes = first_missing * 8;
	} else {
		r->summary = ZV_MIXED;
	}
	free(v);
	return 0;
}

void zpci_verify_free(struct zpci_verify_result *r)
{
	free(r->bad);
	r->bad = NULL;
	r->nbad = 0;
}

/* ---- latency ----------------------------------------------------------- */

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

/* ---- reject matrix ----------------------------------------------------- */
/*
 * Every case starts from a valid request and breaks exactly one rule, so
 * the errno it gets back names the rule that caught it. Loads are used
 * wherever the rule allows: should a kernel wrongly accept one, a load
 * changes nothing on the device.
 */

static void valid_load(const struct zpci_reject_env *e, struct vfio_zpci_io_req *r,
		       uint64_t *pos, size_t *len)
{
	zpci_io_req_load(r, e->bar, 0, 8, (void *)(uintptr_t)e->page);
	*pos = VFIO_ZPCI_IO_REQ_OFFSET;
	*len = sizeof(*r);
}

static void valid_store(const struct zpci_reject_env *e, struct vfio_zpci_io_req *r,
			uint64_t *pos, size_t *len)
{
	zpci_io_req_store(r, e->bar, 0, ZPCI_IO_PORTABLE_STB_MIN, (void *)(uintptr_t)e->page);
	*pos = VFIO_ZPCI_IO_REQ_OFFSET;
	*len = sizeof(*r);
}

#define BUILDER(name) static const char *name(const struct zpci_reject_env *e, \
	struct vfio_zpci_io_req *r, uint64_t *pos, size_t *len)

BUILDER(b_flags_unknown) { valid_load(e, r, pos, len); r->flags |= 1ULL << 2; return NULL; }
BUILDER(b_flags_both)
{
	valid_load(e, r, pos, len);
	r->flags = VFIO_ZPCI_IO_FLAG_READ | VFIO_ZPCI_IO_FLAG_BLOCKW;
	return NULL;
}
BUILDER(b_flags_none) { valid_load(e, r, pos, len); r->flags = 0; return NULL; }
BUILDER(b_reserved) { valid_load(e, r, pos, len); r->reserved = 1; return NULL; }
BUILDER(b_reserved2) { valid_load(e, r, pos, len); r->reserved2 = 0x80; return NULL; }
BUILDER(b_pcias_6) { valid_load(e, r, pos, len); r->pcias = 6; return NULL; }
BUILDER(b_pcias_config)
{
	/* Address space 15 is config space; QEMU 7.2 would serve it. */
	valid_load(e, r, pos, len);
	r->pcias = 15;
	return NULL;
}
BUILDER(b_absent_bar)
{
	if (e->absent_bar < 0)
		return "the function implements all six BARs";
	valid_load(e, r, pos, len);
	r->pcias = (uint8_t)e->absent_bar;
	return NULL;
}
BUILDER(b_io_bar)
{
	if (e->io_bar < 0)
		return "the function has no I/O space BAR the kernel knows";
	valid_load(e, r, pos, len);
	r->pcias = (uint8_t)e->io_bar;
	return NULL;
}
BUILDER(b_load_len3) { valid_load(e, r, pos, len); r->len = 3; return NULL; }
BUILDER(b_load_len16) { valid_load(e, r, pos, len); r->len = 16; return NULL; }
BUILDER(b_store_len0) { valid_store(e, r, pos, len); r->len = 0; return NULL; }
BUILDER(b_store_over_max)
{
	valid_store(e, r, pos, len);
	r->len = (uint16_t)(e->maxstbl + 1u);
	return NULL;
}
BUILDER(b_load_misaligned) { valid_load(e, r, pos, len); r->len = 4; r->offset = 2; return NULL; }
BUILDER(b_store_crosses_4k)
{
	if (e->big_bar < 0)
		return "no memory BAR of 8 KiB or more";
	if (e->maxstbl < ZPCI_IO_PORTABLE_STB_MIN)
		return "maxstbl below the shortest portable PCISTB";
	valid_store(e, r, pos, len);
	r->pcias = (uint8_t)e->big_bar;
	r->offset = ZPCI_IO_STB_BOUNDARY - 8;
	return NULL;
}
BUILDER(b_offset_past_bar) { valid_load(e, r, pos, len); r->offset = e->bar_size; return NULL; }
BUILDER(b_offset_wraps)
{
	valid_load(e, r, pos, len);
	r->offset = UINT64_MAX - 7;	/* offset + 8 wraps to 0 */
	return NULL;
}
BUILDER(b_store_past_bar) { valid_store(e, r, pos, len); r->offset = e->bar_size; return NULL; }
BUILDER(b_gaddr_unmapped)
{
	if (!e->unmapped)
		return "no inaccessible page available";
	valid_store(e, r, pos, len);
	r->gaddr = e->unmapped;
	return NULL;
}
BUILDER(b_msix_table)
{
	if (e->msix_bar < 0)
		return "the function has no MSI-X table";
	valid_load(e, r, pos, len);
	r->pcias = (uint8_t)e->msix_bar;
	r->offset = e->msix_offset;
	return NULL;
}
BUILDER(b_memory_disabled) { valid_load(e, r, pos, len); return NULL; }
BUILDER(b_short_write) { valid_load(e, r, pos, len); *len = sizeof(*r) - 1; return NULL; }
BUILDER(b_write_header) { valid_load(e, r, pos, len); *pos = VFIO_ZPCI_IO_HDR_OFFSET; return NULL; }
BUILDER(b_write_shifted) { valid_load(e, r, pos, len); *pos = VFIO_ZPCI_IO_REQ_OFFSET + 8; return NULL; }
BUILDER(b_read_request)
{
	valid_load(e, r, pos, len);
	*pos = VFIO_ZPCI_IO_REQ_OFFSET;
	*len = 8;
	return NULL;
}

#define CASE(i, w, rl, en, acc, b) \
	{ .id = i, .what = w, .rule = rl, .expected_errno = en, .access = acc, .build = b }

const struct zpci_reject_case zpci_reject_cases[] = {
	CASE("flags-unknown", "unknown flag bit 2 set", ZPCI_IO_BAD_FLAGS, EINVAL, ZRA_WRITE_REQ, b_flags_unknown),
	CASE("flags-both", "READ and BLOCKW both set", ZPCI_IO_BAD_FLAGS, EINVAL, ZRA_WRITE_REQ, b_flags_both),
	CASE("flags-none", "neither READ nor BLOCKW", ZPCI_IO_BAD_FLAGS, EINVAL, ZRA_WRITE_REQ, b_flags_none),
	CASE("reserved-set", "reserved field not 0", ZPCI_IO_RESERVED_SET, EINVAL, ZRA_WRITE_REQ, b_reserved),
	CASE("reserved2-set", "reserved2 field not 0", ZPCI_IO_RESERVED_SET, EINVAL, ZRA_WRITE_REQ, b_reserved2),
	CASE("pcias-6", "pcias 6: no such BAR", ZPCI_IO_BAD_PCIAS, ENXIO, ZRA_WRITE_REQ, b_pcias_6),
	CASE("pcias-config", "pcias 15: config space", ZPCI_IO_BAD_PCIAS, ENXIO, ZRA_WRITE_REQ, b_pcias_config),
	CASE("absent-bar", "BAR the function does not implement", ZPCI_IO_NO_BAR, ENXIO, ZRA_WRITE_REQ, b_absent_bar),
	CASE("io-bar", "I/O space BAR", ZPCI_IO_IO_BAR, ENXIO, ZRA_WRITE_REQ, b_io_bar),
	CASE("load-len-3", "PCILG of 3 bytes", ZPCI_IO_BAD_LEN, EINVAL, ZRA_WRITE_REQ, b_load_len3),
	CASE("load-len-16", "PCILG of 16 bytes", ZPCI_IO_BAD_LEN, EINVAL, ZRA_WRITE_REQ, b_load_len16),
	CASE("store-len-0", "PCISTB of 0 bytes", ZPCI_IO_BAD_LEN, EINVAL, ZRA_WRITE_REQ, b_store_len0),
	CASE("store-over-maxstbl", "PCISTB longer than maxstbl", ZPCI_IO_LEN_OVER_MAX, EINVAL, ZRA_WRITE_REQ, b_store_over_max),
	CASE("load-misaligned", "PCILG of 4 bytes at offset 2", ZPCI_IO_UNALIGNED, EINVAL, ZRA_WRITE_REQ, b_load_misaligned),
	CASE("store-crosses-4k", "PCISTB crossing a 4 KiB boundary", ZPCI_IO_CROSSES_4K, EINVAL, ZRA_WRITE_REQ, b_store_crosses_4k),
	CASE("offset-past-bar", "PCILG at the BAR size", ZPCI_IO_OUT_OF_BAR, ERANGE, ZRA_WRITE_REQ, b_offset_past_bar),
	CASE("offset-wraps", "offset + len wraps past 2^64", ZPCI_IO_OUT_OF_BAR, ERANGE, ZRA_WRITE_REQ, b_offset_wraps),
	CASE("store-past-bar", "PCISTB at the BAR size", ZPCI_IO_OUT_OF_BAR, ERANGE, ZRA_WRITE_REQ, b_store_past_bar),
	CASE("gaddr-unmapped", "user buffer not accessible (PCISTB)", ZPCI_IO_OK, EFAULT, ZRA_WRITE_REQ, b_gaddr_unmapped),
	CASE("msix-table", "PCILG of the MSI-X table", ZPCI_IO_PROTECTED, EPERM, ZRA_WRITE_REQ, b_msix_table),
	CASE("memory-disabled", "PCILG with memory decoding off", ZPCI_IO_MEM_DISABLED, EACCES, ZRA_WRITE_REQ_MEM_OFF, b_memory_disabled),
	CASE("short-write", "write one byte short of a request", ZPCI_IO_BAD_WRITE, EINVAL, ZRA_WRITE_REQ, b_short_write),
	CASE("write-header", "request written over the header", ZPCI_IO_BAD_WRITE, EINVAL, ZRA_WRITE_REQ, b_write_header),
	CASE("write-shifted", "request written 8 bytes late", ZPCI_IO_BAD_WRITE, EINVAL, ZRA_WRITE_REQ, b_write_shifted),
	CASE("read-request", "read of the request area", ZPCI_IO_BAD_READ, EINVAL, ZRA_READ_REGION, b_read_request),
};
const size_t zpci_num_reject_cases = sizeof(zpci_reject_cases) / sizeof(zpci_reject_cases[0]);
