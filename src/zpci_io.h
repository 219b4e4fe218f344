/* SPDX-License-Identifier: MIT */
/*
 * User-space side of zPCI I/O through vfio BAR regions: zpci_vfio_pci and
 * upstream's ism-vfio-pci (Linux 7.1) issue one PCISTB per pwrite and PCILG
 * by alignment per pread (uapi/vfio_zpci_io.h); plain vfio-pci splits every
 * access into 8/4/2/1-byte loads and stores.
 *
 * The logic that needs no device, one file per concern, so host unit tests
 * cover it: zpci_io_req.c (byte order), zpci_io_pattern.c (PCISTB data),
 * zpci_io_verify.c (the verify analysis), zpci_io_latency.c (statistics),
 * zpci_io_reject.c (the reject matrix); zpci_io_dev.c does the device access.
 */
#ifndef ZPCIDIAG_ZPCI_IO_H
#define ZPCIDIAG_ZPCI_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "uapi/vfio_zpci_io.h"
#include "zpci_io_validate.h"
#include "vfio_dev.h"

/* ---- shapes and byte order --------------------------------------------- */

/*
 * The PCISTB shapes every implementation takes: QEMU's intercept refuses
 * 8 bytes or fewer, lengths not a multiple of 8 and offsets not 8-aligned
 * (with a program exception), although the architecture and the drivers
 * accept them. iotest stays within these unless --any-shape is given.
 */
#define ZPCI_IO_PORTABLE_STB_MIN	16u
#define ZPCI_IO_PORTABLE_STB_ALIGN	8u

/*
 * Byte order. vfio's BAR regions hand out the bytes in PCI bus order, on
 * every driver. A register's value is their little-endian reading (as
 * setpci shows it). Verify words are 8 bytes read big-endian: that is how a
 * PCISTB source buffer holds a u64 on s390, so a pattern word is stored as
 * the s390 kernel and the test bed notes write it.
 */
uint64_t zpci_io_le_value(const unsigned char *bus, unsigned int len);
uint64_t zpci_io_get_be64(const unsigned char *bus);
void zpci_io_put_be64(unsigned char *bus, uint64_t word);

/* ---- data patterns for PCISTB ------------------------------------------ */

enum zpci_pattern_kind { ZPAT_WORD, ZPAT_COUNTER, ZPAT_RANDOM };
struct zpci_pattern {
	enum zpci_pattern_kind kind;
	uint64_t word;		/* ZPAT_WORD */
	uint64_t seed;		/* ZPAT_RANDOM */
};

/* "0xHEX" (one 64-bit word repeated), "counter", "random" or "random:SEED".
 * Returns 0 or -1 for a malformed pattern. */
int zpci_pattern_parse(const char *s, struct zpci_pattern *p);
/* Fill n 64-bit words; iteration varies counter/random patterns per loop so
 * a repeated store is distinguishable from a stale one. */
void zpci_pattern_fill(const struct zpci_pattern *p, uint64_t *words, size_t n,
		       uint64_t iteration);
void zpci_pattern_describe(const struct zpci_pattern *p, char *buf, size_t len);

/* ---- verify analysis ---------------------------------------------------- */

enum zpci_word_verdict {
	ZW_MATCH = 0,
	ZW_BYTE_REVERSED,	/* all 8 bytes present in reverse order */
	/* Only some bytes changed (the rest is read-only, e.g. a config field
	 * next to a writable one); every changed byte holds the pattern byte
	 * of the mirrored position / of its own position. Needs "before". */
	ZW_PARTLY_REVERSED,
	ZW_PARTLY_LANDED,
	ZW_UNCHANGED,		/* equals what the device held before the store */
	ZW_ZERO,		/* reads as 0 */
	ZW_NOT_READ,		/* the read-back stopped before this word */
	ZW_OTHER,
};
const char *zpci_word_verdict_name(enum zpci_word_verdict v);

struct zpci_verify_word {
	size_t index;
	uint64_t expected, got;
	enum zpci_word_verdict verdict;
};

enum zpci_verify_summary {
	ZIOV_ALL_MATCH = 0,
	/* every byte that changed landed byte-reversed within its word (QEMU's
	 * PCISTB defect in the emulator); other words kept their contents */
	ZIOV_ALL_REVERSED,
	ZIOV_SHORT,		/* a prefix landed, the rest did not (unchanged, zero or unread) */
	ZIOV_NOTHING_LANDED,	/* no word as written, all unchanged/zero/unread */
	ZIOV_MIXED,
};
const char *zpci_verify_summary_name(enum zpci_verify_summary s);

struct zpci_verify_result {
	size_t nwords;
	size_t count[ZW_OTHER + 1];	/* indexed by verdict */
	size_t landed_bytes;		/* ZIOV_SHORT: bytes of the prefix that landed */
	enum zpci_verify_summary summary;
	struct zpci_verify_word *bad;	/* the words that are not ZW_MATCH */
	size_t nbad;
};

/* expected: what was stored; got: what was read back (nread words of it);
 * before: the device contents before the store, or NULL if unknown.
 * Returns 0 or -1 when out of memory. Free with zpci_verify_free(). */
int zpci_verify_analyse(const uint64_t *expected, const uint64_t *got,
			const uint64_t *before, size_t nwords, size_t nread,
			struct zpci_verify_result *r);
void zpci_verify_free(struct zpci_verify_result *r);

/* ---- latency statistics ------------------------------------------------- */

struct zpci_lat_stats {
	size_t n;
	uint64_t min_ns, p50_ns, p90_ns, p99_ns, max_ns;
	double mean_ns;
};
/* Sorts samples in place; percentiles by nearest rank. n may be 0. */
void zpci_lat_compute(uint64_t *samples_ns, size_t n, struct zpci_lat_stats *st);

/* ---- reject matrix ------------------------------------------------------ */

/* What a reject case needs to know to form its access. */
struct zpci_reject_env {
	int bar;			/* a valid memory BAR to aim at */
	uint64_t bar_size;
	int absent_bar;			/* a BAR index 0..5 the function does not implement, or -1 */
	int io_bar;			/* an I/O space BAR, or -1 */
	int big_bar;			/* a memory BAR of at least 8 KiB, or -1 */
	int msix_bar;			/* BAR holding the MSI-X table, or -1 */
	uint64_t msix_offset;
	uint16_t maxstbl;
	uint64_t unmapped;		/* address of a page-aligned inaccessible page, or 0 */
};

enum zpci_reject_access {
	ZRA_READ = 0,			/* pread */
	ZRA_WRITE,			/* pwrite */
	ZRA_READ_MEM_OFF,		/* pread with memory decoding disabled */
};

/* What the driver must answer. */
enum zpci_reject_expect {
	ZRE_ERRNO = 0,			/* fails with expected_errno, no instruction issued */
	ZRE_FILLED,			/* a read that succeeds with 0xff bytes, no instruction */
	ZRE_DROPPED,			/* a write that "succeeds", no instruction */
};

/* One access of a reject case. */
struct zpci_reject_io {
	int region;			/* vfio region index (a BAR, or one past every region) */
	uint64_t pos;			/* offset within the region */
	size_t len;
	bool use_unmapped;		/* the user buffer is the inaccessible page */
};

struct zpci_reject_case {
	const char *id;			/* stable name, used in output and JSON */
	const char *what;		/* one line for the table */
	/* The rule the access breaks (zpci_io_validate.h), or ZPCI_IO_OK for
	 * refusals outside the rules (copy fault, no such region). */
	enum zpci_io_result rule;
	enum zpci_reject_expect expect;
	int expected_errno;		/* positive; ZRE_ERRNO only */
	enum zpci_reject_access access;
	/* true when only zpci_vfio_pci adds this protection (ism-vfio-pci does not) */
	bool ours_only;
	/* Returns NULL and fills the access, or a reason why the function
	 * cannot express this case (then it is reported as skipped). */
	const char *(*build)(const struct zpci_reject_env *env, struct zpci_reject_io *io);
};

extern const struct zpci_reject_case zpci_reject_cases[];
extern const size_t zpci_num_reject_cases;

#endif
