// SPDX-License-Identifier: MIT
/*
 * In-guest checker of the zPCI I/O region for tests/vm/cases/kmod-region-*.
 * Talks to vfio directly (legacy group/container, type1) so the kernel side
 * is tested independently of the CLI's iotest.
 *   zpci-io-check ADDR info
 *   zpci-io-check ADDR compare BAR OFF LEN     PCILG 1/2/4/8 vs vfio BAR pread over [OFF, OFF+LEN)
 *   zpci-io-check ADDR stb BAR OFF LEN [HEX]   PCISTB a pattern, print the bytes PCILG reads back
 *   zpci-io-check ADDR reject BAR SCRATCH MSIXBAR
 *   zpci-io-check ADDR threads N ITER BAR OFF [reset]  concurrent PCILG of one stable word,
 *                                              optionally racing VFIO_DEVICE_RESET
 *   zpci-io-check ADDR hold SECONDS BAR OFF    keep the device open issuing PCILG
 *   zpci-io-check ADDR fuzz COUNT SEED BAR WOFF WLEN  COUNT random, mutated and malformed
 *                                              requests judged by a reference model; accepted
 *                                              ones issued only inside [WOFF, WOFF + WLEN) of BAR
 *   zpci-io-check ADDR storm N MS BAR OFF STOPFILE  until STOPFILE exists: rounds of N threads
 *                                              issuing PCILG for MS ms in a process that
 *                                              opens the device and closes it again
 *   zpci-io-check ADDR bench BAR OFF LEN COUNT  region vs BAR region timings (bench/region.sh);
 *                                              LEN 0: the region's maxstbl
 *   zpci-io-check ADDR shape read|stb BAR OFF LEN [GADDR-MISALIGN]
 *                                              one request of exactly that shape, the user
 *                                              buffer GADDR-MISALIGN bytes past a page start;
 *                                              prints "accepted", "errno=NAME" or, for EIO,
 *                                              "errno=EIO cc=N status=0xNN failures=N"
 * Exit 0 ok, 1 check failed, 2 setup failed, 4 no region.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <linux/vfio.h>
#include "uapi/vfio_zpci_io.h"
#include "vfio_open.h"

#define BAR_SHIFT_MAX 6
static int dev_fd = -1;
static uint64_t io_off;			/* region offset of the zPCI I/O region */
static uint64_t bar_off[BAR_SHIFT_MAX], bar_size[BAR_SHIFT_MAX];
static uint64_t cfg_off;

static void die(const char *what)
{
	fprintf(stderr, "zpci-io-check: %s: %s\n", what, strerror(errno));
	exit(2);
}

/* Finds the region by type capability; fills BAR and config offsets on the way. */
static int find_region(void)
{
	struct vfio_device_info di = { .argsz = sizeof(di) };
	unsigned int i;
	int found = 0;

	if (ioctl(dev_fd, VFIO_DEVICE_GET_INFO, &di))
		die("VFIO_DEVICE_GET_INFO");
	for (i = 0; i < di.num_regions; i++) {
		char buf[4096];
		struct vfio_region_info *ri = (void *)buf;
		struct vfio_info_cap_header *h;

		memset(buf, 0, sizeof(buf));
		ri->argsz = sizeof(buf);
		ri->index = i;
		if (ioctl(dev_fd, VFIO_DEVICE_GET_REGION_INFO, ri))
			continue;
		if (i < BAR_SHIFT_MAX) {
			bar_off[i] = ri->offset;
			bar_size[i] = ri->size;
		}
		if (i == VFIO_PCI_CONFIG_REGION_INDEX)
			cfg_off = ri->offset;
		if (!(ri->flags & VFIO_REGION_INFO_FLAG_CAPS) || !ri->cap_offset)
			continue;
		for (h = (void *)(buf + ri->cap_offset);; h = (void *)(buf + h->next)) {
			if (h->id == VFIO_REGION_INFO_CAP_TYPE) {
				struct vfio_region_info_cap_type *t = (void *)h;

				if (t->type == VFIO_ZPCI_IO_REGION_TYPE &&
				    t->subtype == VFIO_ZPCI_IO_REGION_SUBTYPE) {
					io_off = ri->offset;
					found = 1;
					printf("region index=%u size=%llu flags=0x%x\n", i,
					       (unsigned long long)ri->size, ri->flags);
				}
			}
			if (!h->next || h->next >= sizeof(buf))
				break;
		}
	}
	return found;
}

/* One request; returns 0 or the errno the kernel gave. */
static int zio(uint64_t flags, uint8_t bar, uint64_t off, uint16_t len, void *buf)
{
	struct vfio_zpci_io_req r = {
		.flags = flags, .gaddr = (uintptr_t)buf, .offset = off, .len = len, .pcias = bar,
	};
	ssize_t n = pwrite(dev_fd, &r, sizeof(r), io_off + VFIO_ZPCI_IO_REQ_OFFSET);

	if (n == (ssize_t)sizeof(r))
		return 0;
	return n < 0 ? errno : -1;
}

static int zio_req(const struct vfio_zpci_io_req *r)
{
	ssize_t n = pwrite(dev_fd, r, sizeof(*r), io_off + VFIO_ZPCI_IO_REQ_OFFSET);

	return n == (ssize_t)sizeof(*r) ? 0 : (n < 0 ? errno : -1);
}

static uint8_t *page_buf(void)
{
	void *p;

	if (posix_memalign(&p, 4096, 8192))
		die("posix_memalign");
	memset(p, 0, 8192);
	return p;
}

static int cmd_compare(int bar, uint64_t off, uint64_t len)
{
	static const int lens[] = { 1, 2, 4, 8 };
	uint8_t *buf = page_buf(), ref[8];
	int bad = 0, n = 0;

	for (uint64_t o = off; o < off + len; o++) {
		for (int li = 0; li < 4; li++) {
			int l = lens[li], err;

			if (o % l || o + l > off + len)
				continue;
			memset(buf, 0x5a, 8);
			err = zio(VFIO_ZPCI_IO_FLAG_READ, bar, o, l, buf);
			if (pread(dev_fd, ref, l, bar_off[bar] + o) != l) {
				printf("pread bar%d+0x%" PRIx64 " len %d: %s\n", bar, o, l, strerror(errno));
				bad++;
				continue;
			}
			n++;
			if (err || memcmp(buf, ref, l)) {
				printf("MISMATCH bar%d+0x%" PRIx64 " len %d: err %d pcilg", bar, o, l, err);
				for (int i = 0; i < l; i++)
					printf(" %02x", buf[i]);
				printf(" pread");
				for (int i = 0; i < l; i++)
					printf(" %02x", ref[i]);
				printf("\n");
				bad++;
			}
		}
	}
	printf("compared %d accesses, %d mismatches\n", n, bad);
	return bad ? 1 : 0;
}

/* pattern: hex bytes, zero-filled to len; default a0 a1 a2 ... */
static int cmd_stb(int bar, uint64_t off, int len, const char *pattern)
{
	uint8_t *buf = page_buf(), *back = buf + 4096;
	int err;

	if (len > 4096)
		return 2;
	for (int i = 0; i < len; i++) {
		unsigned int b = pattern ? 0 : 0xa0 + i;

		if (pattern && strlen(pattern) >= (size_t)(2 * i + 2))
			sscanf(pattern + 2 * i, "%2x", &b);
		buf[i] = (uint8_t)b;
	}
	err = zio(VFIO_ZPCI_IO_FLAG_BLOCKW, bar, off, len, buf);
	if (err) {
		printf("pcistb failed: %s\n", strerror(err));
		return 1;
	}
	for (int i = 0; i < len; i += 4) {
		uint64_t word;	/* gaddr must be 8-byte aligned */

		if ((err = zio(VFIO_ZPCI_IO_FLAG_READ, bar, off + i, 4, &word))) {
			printf("pcilg failed: %s\n", strerror(err));
			return 1;
		}
		memcpy(back + i, &word, 4);
	}
	printf("wrote");
	for (int i = 0; i < len; i++)
		printf(" %02x", buf[i]);
	printf("\nread ");
	for (int i = 0; i < len; i++)
		printf(" %02x", back[i]);
	printf("\n");
	return 0;
}

struct reject_case {
	const char *name;
	int want;
	struct vfio_zpci_io_req r;
	ssize_t raw_len;	/* != 0: a malformed write of this length instead */
	uint64_t raw_pos;
};

static int cmd_reject(int bar, uint64_t scratch, int msix_bar)
{
	uint8_t *buf = page_buf();
	uint64_t bsz = bar_size[bar];
	uint64_t R = VFIO_ZPCI_IO_FLAG_READ, W = VFIO_ZPCI_IO_FLAG_BLOCKW;
	uint64_t g = (uintptr_t)buf;
	int absent = -1, bad = 0;
	uint8_t before[256], after[256];

	for (int i = 0; i < BAR_SHIFT_MAX; i++)
		if (!bar_size[i] && absent < 0)
			absent = i;
	struct reject_case cases[] = {
		{ "bad-write-short", EINVAL, { .flags = R, .gaddr = g, .len = 4, .pcias = bar }, 31, VFIO_ZPCI_IO_REQ_OFFSET },
		{ "bad-write-offset", EINVAL, { .flags = R, .gaddr = g, .len = 4, .pcias = bar }, 32, 0 },
		{ "bad-flags-none", EINVAL, { .flags = 0, .gaddr = g, .len = 4, .pcias = bar }, 0, 0 },
		{ "bad-flags-both", EINVAL, { .flags = R | W, .gaddr = g, .len = 16, .pcias = bar }, 0, 0 },
		{ "bad-flags-unknown", EINVAL, { .flags = R | 4, .gaddr = g, .len = 4, .pcias = bar }, 0, 0 },
		{ "reserved-set", EINVAL, { .flags = R, .gaddr = g, .len = 4, .pcias = bar, .reserved = 1 }, 0, 0 },
		{ "reserved2-set", EINVAL, { .flags = R, .gaddr = g, .len = 4, .pcias = bar, .reserved2 = 1 }, 0, 0 },
		{ "bad-pcias-6", ENXIO, { .flags = R, .gaddr = g, .len = 4, .pcias = 6 }, 0, 0 },
		{ "bad-pcias-config", ENXIO, { .flags = R, .gaddr = g, .len = 4, .pcias = 15 }, 0, 0 },
		{ "no-bar", ENXIO, { .flags = R, .gaddr = g, .len = 4, .pcias = (uint8_t)absent }, 0, 0 },
		{ "bad-len-3", EINVAL, { .flags = R, .gaddr = g, .len = 3, .pcias = bar }, 0, 0 },
		{ "bad-len-stb-0", EINVAL, { .flags = W, .gaddr = g, .offset = scratch, .len = 0, .pcias = bar }, 0, 0 },
		{ "len-over-maxstbl", EINVAL, { .flags = W, .gaddr = g, .offset = 0, .len = 4096, .pcias = bar }, 0, 0 },
		{ "unaligned-pcilg", EINVAL, { .flags = R, .gaddr = g, .offset = 2, .len = 4, .pcias = bar }, 0, 0 },
		{ "crosses-4k", EINVAL, { .flags = W, .gaddr = g, .offset = 0xff8, .len = 16, .pcias = bar }, 0, 0 },
		{ "out-of-bar", ERANGE, { .flags = R, .gaddr = g, .offset = bsz, .len = 4, .pcias = bar }, 0, 0 },
		{ "out-of-bar-wrap", ERANGE, { .flags = R, .gaddr = g, .offset = UINT64_MAX - 3, .len = 4, .pcias = bar }, 0, 0 },
		{ "msix-protected", EPERM, { .flags = R, .gaddr = g, .offset = 0, .len = 4, .pcias = (uint8_t)msix_bar }, 0, 0 },
		{ "gaddr-unmapped", EFAULT, { .flags = R, .gaddr = 8, .len = 4, .pcias = bar }, 0, 0 },
		{ "gaddr-unmapped-stb", EFAULT, { .flags = W, .gaddr = 8, .offset = scratch, .len = 16, .pcias = bar }, 0, 0 },
	};

	if (pread(dev_fd, before, sizeof(before), bar_off[bar] + scratch) != sizeof(before))
		die("pread scratch");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct reject_case *c = &cases[i];
		int got;

		if (c->raw_len) {
			ssize_t n = pwrite(dev_fd, &c->r, c->raw_len, io_off + c->raw_pos);
			got = n < 0 ? errno : 0;
		} else {
			got = zio_req(&c->r);
		}
		printf("%-20s want %-7s got %s\n", c->name, strerror(c->want), got ? strerror(got) : "success");
		if (got != c->want)
			bad++;
	}
	/* header: readable in part, not beyond */
	struct vfio_zpci_io_hdr h;
	if (pread(dev_fd, &h, sizeof(h), io_off) != sizeof(h) || h.flags != VFIO_ZPCI_IO_HDR_FLAG_STATUS ||
	    h.failures) {
		printf("header read failed\n");
		bad++;
	}
	printf("header max=%u\n", h.max);
	if (pread(dev_fd, &h, 4, io_off + 14) >= 0 || errno != EINVAL) {
		printf("read past the header not refused\n");
		bad++;
	}
	if (pread(dev_fd, after, sizeof(after), bar_off[bar] + scratch) != sizeof(after))
		die("pread scratch");
	if (memcmp(before, after, sizeof(after))) {
		printf("scratch area changed by rejected requests\n");
		bad++;
	}
	printf("reject matrix: %d unexpected\n", bad);
	return bad ? 1 : 0;
}

/* Memory space disabled through vfio's virtual command register: EACCES, then back. */
static int cmd_memoff(int bar)
{
	uint8_t cmd[2], off[2];	/* config space is little endian: memory enable is bit 1 of byte 0 */
	uint8_t buf[8] __attribute__((aligned(8)));
	int err, bad = 0;

	if (pread(dev_fd, cmd, 2, cfg_off + 4) != 2)
		die("read command");
	if (!(cmd[0] & 2)) {
		printf("memory space not enabled after open (command 0x%02x%02x)\n", cmd[1], cmd[0]);
		return 1;
	}
	off[0] = cmd[0] & ~2;
	off[1] = cmd[1];
	if (pwrite(dev_fd, off, 2, cfg_off + 4) != 2)
		die("write command");
	err = zio(VFIO_ZPCI_IO_FLAG_READ, bar, 0x2000, 4, buf);
	printf("memory off: %s\n", err ? strerror(err) : "success");
	bad += err != EACCES;
	if (pwrite(dev_fd, cmd, 2, cfg_off + 4) != 2)
		die("restore command");
	err = zio(VFIO_ZPCI_IO_FLAG_READ, bar, 0x2000, 4, buf);
	printf("memory on: %s\n", err ? strerror(err) : "success");
	bad += err != 0;
	return bad ? 1 : 0;
}

struct thr { int bar; uint64_t off; long iter; long errors; uint32_t want; };

static void *thr_run(void *arg)
{
	struct thr *t = arg;
	uint32_t v __attribute__((aligned(8)));

	for (long i = 0; i < t->iter; i++)
		if (zio(VFIO_ZPCI_IO_FLAG_READ, t->bar, t->off, 4, &v) || v != t->want)
			t->errors++;
	return NULL;
}

static volatile int readers_done;

/* Device resets while requests run: each must wait for the other (memory_lock). */
static void *reset_run(void *arg)
{
	long *resets = arg;

	while (!readers_done)
		if (ioctl(dev_fd, VFIO_DEVICE_RESET) == 0)
			(*resets)++;
		else
			break;	/* no reset method for this function: nothing to race */
	return NULL;
}

static int cmd_threads(int n, long iter, int bar, uint64_t off, int with_reset)
{
	pthread_t tid[64], rtid;
	struct thr t[64];
	uint32_t want __attribute__((aligned(8)));
	long errors = 0, resets = 0;

	if (n > 64)
		n = 64;
	if (zio(VFIO_ZPCI_IO_FLAG_READ, bar, off, 4, &want))
		die("first read");
	for (int i = 0; i < n; i++) {
		t[i] = (struct thr){ bar, off, iter, 0, want };
		pthread_create(&tid[i], NULL, thr_run, &t[i]);
	}
	if (with_reset)
		pthread_create(&rtid, NULL, reset_run, &resets);
	for (int i = 0; i < n; i++) {
		pthread_join(tid[i], NULL);
		errors += t[i].errors;
	}
	readers_done = 1;
	if (with_reset) {
		pthread_join(rtid, NULL);
		printf("resets during the run: %ld%s\n", resets,
		       resets ? "" : " (VFIO_DEVICE_RESET not supported here)");
	}
	printf("threads %d x %ld reads: %ld errors\n", n, iter, errors);
	/* memory_lock orders resets and requests: no read may fail or differ */
	return errors ? 1 : 0;
}

static int cmd_hold(int secs, int bar, uint64_t off)
{
	uint32_t v __attribute__((aligned(8)));
	time_t end = time(NULL) + secs;
	long ok = 0, fail = 0;

	printf("holding\n");
	fflush(stdout);
	while (time(NULL) < end)
		zio(VFIO_ZPCI_IO_FLAG_READ, bar, off, 4, &v) ? fail++ : ok++;
	printf("hold: %ld ok, %ld failed\n", ok, fail);
	return 0;
}

/*
 * Region fuzzer: COUNT requests issued to the region (random, mutated from
 * an accepted one, malformed accesses). Each is judged by a reference model
 * written here from the documented rules (zpcidiag-modules(4), "Checked in
 * this order"), independently of the module's own
 * kmod/include/zpci_io_validate.h, which is asked too: the two must agree,
 * and the kernel must answer with the model's errno. The function is
 * described from what user space sees (BAR sizes and I/O bits, the header's
 * maxstbl, the MSI-X table from config space, the memory bit). Requests the
 * model accepts are issued only inside the window [WOFF, WOFF + WLEN) of
 * BAR, where stores have no side effect, and only with buffers whose fate is
 * known. Around every request the checker proves:
 *  - refused: the model's errno; user memory and the region header unchanged;
 *  - accepted load: success, exactly [gaddr, gaddr + len) changed, to what
 *    vfio's BAR region reads there;
 *  - accepted store: success, no user byte changed;
 *  - a buffer touching the inaccessible or the unmapped page, in the zero
 *    page, at the top of the address space, or a load into the read-only
 *    page: EFAULT, no byte outside [gaddr, gaddr + len) changed (a load may
 *    have copied its first bytes before the fault, as copy_to_user does);
 *  - EIO only with the header's failure count grown by exactly one (QEMU
 *    refuses some shapes the architecture allows); otherwise the header
 *    never changes.
 * Prints the first mismatches and a "fuzz: ..." summary; exit 1 on any mismatch.
 */
#include "zpci_io_validate.h"

static uint64_t fz_state;

static uint64_t fz_rand(void)
{
	/* xorshift64*: reproducible from the seed, no libc state */
	fz_state ^= fz_state >> 12;
	fz_state ^= fz_state << 25;
	fz_state ^= fz_state >> 27;
	return fz_state * 2685821657736338717ULL;
}

static uint64_t fz_pick(const uint64_t *v, size_t n)
{
	return v[fz_rand() % n];
}

static void fz_model(struct zpci_io_fn *fn)
{
	uint8_t cfg[256], cmd;
	struct vfio_zpci_io_hdr hdr;
	int pos, guard = 0;

	memset(fn, 0, sizeof(*fn));
	if (pread(dev_fd, &hdr, sizeof(hdr), io_off) != sizeof(hdr) ||
	    pread(dev_fd, cfg, sizeof(cfg), cfg_off) != sizeof(cfg))
		die("region header or config space");
	for (int i = 0; i < BAR_SHIFT_MAX; i++) {
		fn->bar_size[i] = bar_size[i];
		fn->bar_is_io[i] = bar_size[i] && (cfg[0x10 + 4 * i] & 1);	/* PCI_BASE_ADDRESS_SPACE_IO */
	}
	fn->maxstbl = hdr.max;
	cmd = cfg[4];
	fn->memory_enabled = cmd & 2;
	fn->msix_table.bar = -1;
	for (pos = cfg[0x34] & ~3; pos >= 0x40 && pos < 0xfc && guard++ < 48; pos = cfg[pos + 1] & ~3) {
		if (cfg[pos] == 0x11) {	/* MSI-X: table and PBA, as vfio-pci-core records them */
			uint16_t ctrl = cfg[pos + 2] | cfg[pos + 3] << 8, n = (ctrl & 0x7ff) + 1;
			uint32_t tbl;

			/* config space is little endian, whatever the CPU */
			tbl = cfg[pos + 4] | cfg[pos + 5] << 8 | cfg[pos + 6] << 16 | (uint32_t)cfg[pos + 7] << 24;
			/* only the table is protected: the PBA is readable, as in vfio-pci */
			fn->msix_table = (struct zpci_io_protected){ tbl & 7, tbl & ~7u, n * 16u };
		}
	}
}

/* The documented checks in their documented order; bounds in 128 bits, so none wraps. */
static int fz_expect(const struct zpci_io_fn *fn, const struct vfio_zpci_io_req *r)
{
	typedef unsigned __int128 u128;
	bool rd = r->flags == VFIO_ZPCI_IO_FLAG_READ, st = r->flags == VFIO_ZPCI_IO_FLAG_BLOCKW;
	u128 off = r->offset, end = off + r->len, size, ts, te;

	if (!rd && !st)
		return EINVAL;
	if (r->reserved || r->reserved2)
		return EINVAL;
	if (r->pcias > 5)
		return ENXIO;
	size = fn->bar_size[r->pcias];
	if (!size || fn->bar_is_io[r->pcias])
		return ENXIO;
	if (rd ? r->len != 1 && r->len != 2 && r->len != 4 && r->len != 8 : r->len == 0)
		return EINVAL;
	if (st && r->len > fn->maxstbl)
		return EINVAL;
	if (rd && r->offset % r->len)
		return EINVAL;
	if (st && off / 4096 != (end - 1) / 4096)
		return EINVAL;
	if (end > size)
		return ERANGE;
	ts = fn->msix_table.start;
	te = ts + fn->msix_table.len;
	if (fn->msix_table.bar == r->pcias && ts < te && off < te && end > ts)
		return EPERM;
	return fn->memory_enabled ? 0 : EACCES;
}

/*
 * User memory of the fuzzer: two read-write pages, one inaccessible, one
 * unmapped, one read-only. A buffer's fate is known when it lies in the
 * read-write pages, in the read-only page, reaches into the two bad pages
 * from our own, or lies in the zero page or at the top of the address space.
 */
#define FZ_RW		0
#define FZ_BAD		(2 * 4096)
#define FZ_RO		(4 * 4096)
#define FZ_SPAN		(5 * 4096)
enum fz_buf { FZ_BUF_OK, FZ_BUF_FAULT, FZ_BUF_UNKNOWN };

static uint8_t *fz_pages;

static enum fz_buf fz_buffer(uint64_t g, unsigned int len, bool load)
{
	uint64_t p = (uintptr_t)fz_pages;
	unsigned __int128 end = (unsigned __int128)g + len;

	if (g >= p + FZ_RW && end <= p + FZ_BAD)
		return FZ_BUF_OK;
	if (g >= p + FZ_RO && end <= p + FZ_SPAN)
		return load ? FZ_BUF_FAULT : FZ_BUF_OK;
	if (g >= p && g < p + FZ_RO && end > p + FZ_BAD)
		return FZ_BUF_FAULT;
	if (end <= 65536 || g >= 0xffff000000000000ULL)
		return FZ_BUF_FAULT;
	return FZ_BUF_UNKNOWN;
}

static void fz_map(void)
{
	uint8_t *p = mmap(NULL, FZ_SPAN, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	memset(p + FZ_RO, 0xc3, 4096);
	if (mprotect(p + FZ_BAD, 4096, PROT_NONE) || munmap(p + FZ_BAD + 4096, 4096) ||
	    mprotect(p + FZ_RO, 4096, PROT_READ))
		die("mprotect/munmap");
	fz_pages = p;
}

/* A request the model accepts, in the window, the buffer mostly in our pages. */
static void fz_gen_valid(struct vfio_zpci_io_req *r, const struct zpci_io_fn *fn, int wbar,
			 uint64_t woff, uint64_t wlen)
{
	static const uint16_t rl[] = { 1, 2, 4, 8 };
	bool rd = fz_rand() & 1;
	uint64_t p = (uintptr_t)fz_pages;

	memset(r, 0, sizeof(*r));
	r->flags = rd ? VFIO_ZPCI_IO_FLAG_READ : VFIO_ZPCI_IO_FLAG_BLOCKW;
	r->pcias = wbar;
	/* any PCISTB length the architecture allows; QEMU refuses some (EIO, counted) */
	r->len = rd ? rl[fz_rand() % 4] : 1 + fz_rand() % fn->maxstbl;
	r->offset = woff + fz_rand() % (wlen - r->len + 1);
	if (rd)
		r->offset &= ~(uint64_t)(r->len - 1);
	else if (fz_rand() % 2)
		r->offset &= ~7ULL;
	switch (fz_rand() % 8) {
	case 0:	/* ends at the last byte of the read-write pages */
		r->gaddr = p + FZ_BAD - r->len;
		break;
	case 1:	/* reaches into the inaccessible page */
		r->gaddr = p + FZ_BAD - r->len + 1 + fz_rand() % r->len;
		break;
	case 2:	/* in the unmapped page */
		r->gaddr = p + FZ_BAD + 4096 + fz_rand() % (4096 - r->len + 1);
		break;
	case 3:	/* the read-only page: a store's source, never a load's target */
		r->gaddr = p + FZ_RO + fz_rand() % (4096 - r->len + 1);
		break;
	case 4:	/* across the page boundary inside our read-write pages */
		r->gaddr = p + 4096 - r->len / 2;
		break;
	default:
		r->gaddr = p + fz_rand() % (FZ_BAD - r->len + 1);
	}
}

/* Any request: flags, pcias, lengths, offsets and buffers next to every boundary. */
static void fz_gen_random(struct vfio_zpci_io_req *r, const struct zpci_io_fn *fn, uint64_t woff,
			  uint64_t wlen)
{
	static const uint64_t lens[] = { 0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 24, 64, 120,
					 128, 136, 256, 1024, 4088, 4096, 4104, 65535 };
	const uint64_t flagv[] = { VFIO_ZPCI_IO_FLAG_READ, VFIO_ZPCI_IO_FLAG_BLOCKW,
				   VFIO_ZPCI_IO_FLAG_READ, VFIO_ZPCI_IO_FLAG_BLOCKW, 0,
				   3, 4, 1ULL << 63, fz_rand() };
	uint64_t p = (uintptr_t)fz_pages, sz, ms, me, b4k;

	memset(r, 0, sizeof(*r));
	r->flags = fz_pick(flagv, sizeof(flagv) / sizeof(flagv[0]));
	r->pcias = fz_rand() % 4 ? fz_rand() % 6 : (uint8_t)fz_rand();
	switch (fz_rand() % 6) {
	case 0:
		r->len = (uint16_t)fz_rand();
		break;
	case 1:	/* around maxstbl */
		r->len = fn->maxstbl + (int)(fz_rand() % 17) - 8;
		break;
	default:
		r->len = (uint16_t)fz_pick(lens, sizeof(lens) / sizeof(lens[0]));
	}
	sz = r->pcias < 6 ? fn->bar_size[r->pcias] : 0;
	ms = fn->msix_table.start;
	me = ms + fn->msix_table.len;
	b4k = 4096 * (fz_rand() % (sz / 4096 + 2));
	{
		const uint64_t offv[] = { 0, 8, 4096 - r->len, 4096 - 8, 4096, b4k - r->len, b4k - 8,
					  b4k, sz - r->len, sz - 8, sz - 1, sz, sz + 8, ms - r->len,
					  ms - 8, ms, me - 8, me, -(uint64_t)r->len, -(uint64_t)8,
					  UINT64_MAX, 1ULL << 63, woff, woff + wlen - r->len,
					  woff + 8 * (fz_rand() % 64), fz_rand() };
		r->offset = fz_pick(offv, sizeof(offv) / sizeof(offv[0]));
		if (fz_rand() % 8 == 0)
			r->offset += fz_rand() % 8;
	}
	{
		const uint64_t gv[] = { p, p + 8 * (fz_rand() % 1024), p + FZ_BAD - r->len,
					p + FZ_BAD - r->len + 1 + fz_rand() % 8, p + FZ_BAD,
					p + FZ_BAD + 4096 + 8 * (fz_rand() % 256), p + 4096 - r->len,
					p + FZ_RO, p + FZ_SPAN - r->len, 0, 8, 4096 - r->len,
					0xffffffffffff0000ULL, UINT64_MAX - r->len + 1, fz_rand() };
		r->gaddr = fz_pick(gv, sizeof(gv) / sizeof(gv[0]));
		if (fz_rand() % 8 == 0)
			r->gaddr += 1 + fz_rand() % 7;
	}
	if (fz_rand() % 32 == 0)
		r->reserved = (uint32_t)fz_rand();
	if (fz_rand() % 32 == 0)
		r->reserved2 = (uint8_t)fz_rand();
}

/* A request the model accepted, changed a little: bit flips or a nudged field. */
static void fz_gen_mutated(struct vfio_zpci_io_req *r, const struct vfio_zpci_io_req *from)
{
	*r = *from;
	if (fz_rand() & 1) {
		for (int k = 1 + fz_rand() % 3; k; k--)
			((uint8_t *)r)[fz_rand() % sizeof(*r)] ^= 1u << (fz_rand() % 8);
		return;
	}
	int64_t d = (int64_t)(fz_rand() % 33) - 16;

	switch (fz_rand() % 5) {
	case 0:
		r->offset += d;
		break;
	case 1:
		r->len += d;
		break;
	case 2:
		r->gaddr += d;
		break;
	case 3:
		r->pcias += d;
		break;
	default:
		r->flags ^= 1ULL << (fz_rand() % 64);
	}
}

struct fz_stats {
	long issued, refused, done, ifail, efault, raw, skipped, bad;
};

#define FZ_BAD_MSG(st, ...) do { if ((st)->bad++ < 10) printf(__VA_ARGS__); } while (0)

/* First byte of the read-write pages outside [skip, skip + n) not holding fill, or -1. */
static long fz_changed(uint8_t fill, uint64_t skip, uint64_t n)
{
	for (long i = 0; i < FZ_BAD; i++)
		if (fz_pages[i] != fill && !((uint64_t)i >= skip && (uint64_t)i - skip < n))
			return i;
	return -1;
}

/* A malformed access to the region: wrong length or position. */
static void fz_raw(struct fz_stats *st, const struct zpci_io_fn *fn)
{
	static const struct vfio_zpci_io_req zero;
	uint8_t junk[64];
	uint64_t pos = fz_rand() % 48, len = fz_rand() % 65;
	bool write = fz_rand() & 1;
	enum zpci_io_result res;
	int want, got;
	ssize_t n;

	memset(junk, 0, sizeof(junk));
	st->raw++;
	n = write ? pwrite(dev_fd, junk, len, io_off + pos) : pread(dev_fd, junk, len, io_off + pos);
	res = write ? zpci_io_check_write(pos, len) : zpci_io_check_read(pos, len);
	want = res ? zpci_io_result_errno(res) : write ? fz_expect(fn, &zero) : 0;
	got = n < 0 ? errno : (n == (ssize_t)len ? 0 : -1);
	if (got != want && !(len == 0 && got == 0))
		FZ_BAD_MSG(st, "MISMATCH raw %s pos %" PRIu64 " len %" PRIu64 ": got %d want %d\n",
			   write ? "write" : "read", pos, len, got, want);
}

/* Issue one judged request and check everything it may and may not have changed. */
static void fz_issue(struct fz_stats *st, const struct vfio_zpci_io_req *r, int want,
		     enum fz_buf buf, struct vfio_zpci_io_hdr *hdr, uint8_t *ref, uint8_t fill)
{
	bool load = r->flags == VFIO_ZPCI_IO_FLAG_READ;
	uint64_t g = r->gaddr, rel = g - (uintptr_t)fz_pages;
	struct vfio_zpci_io_hdr h;
	long at;
	int got;

	memset(fz_pages, fill, FZ_BAD);
	got = zio_req(r);
	if (pread(dev_fd, &h, sizeof(h), io_off) != sizeof(h))
		die("region header");
	if (!want && buf == FZ_BUF_OK && got == EIO && h.failures == hdr->failures + 1 && h.last_cc) {
		st->ifail++;	/* valid, refused by the instruction: counted by the region */
		*hdr = h;
		return;
	}
	if (memcmp(&h, hdr, sizeof(h)))
		FZ_BAD_MSG(st, "MISMATCH header changed (failures %u -> %u, cc %u) by flags 0x%" PRIx64
			   " off 0x%" PRIx64 " len %u: got %d\n", hdr->failures, h.failures, h.last_cc,
			   (uint64_t)r->flags, (uint64_t)r->offset, r->len, got);
	*hdr = h;
	if (want)
		st->refused++;
	else if (buf == FZ_BUF_FAULT)
		st->efault++;
	else
		st->done++;
	if (!want && buf == FZ_BUF_FAULT)
		want = EFAULT;
	if (got != want) {
		FZ_BAD_MSG(st, "MISMATCH flags 0x%" PRIx64 " pcias %u off 0x%" PRIx64 " len %u gaddr 0x%" PRIx64
			   " reserved %u/%u: got %d want %d\n", (uint64_t)r->flags, r->pcias,
			   (uint64_t)r->offset, r->len, g, r->reserved, r->reserved2, got, want);
		return;
	}
	/* only a load may write user memory, and only its own buffer */
	at = fz_changed(fill, rel, load && (!want || want == EFAULT) ? r->len : 0);
	if (at >= 0)
		FZ_BAD_MSG(st, "MISMATCH user byte +0x%lx changed by flags 0x%" PRIx64 " off 0x%" PRIx64
			   " len %u gaddr +0x%" PRIx64 " (errno %d)\n", at, (uint64_t)r->flags,
			   (uint64_t)r->offset, r->len, rel, got);
	if (!want && load && (pread(dev_fd, ref, r->len, bar_off[r->pcias] + r->offset) != r->len ||
			      memcmp(ref, (void *)(uintptr_t)g, r->len)))
		FZ_BAD_MSG(st, "MISMATCH load bar%u+0x%" PRIx64 " len %u differs from the BAR region\n",
			   r->pcias, (uint64_t)r->offset, r->len);
}

static int cmd_fuzz(long count, uint64_t seed, int wbar, uint64_t woff, uint64_t wlen)
{
	struct zpci_io_fn fn;
	struct fz_stats st = { 0 };
	struct vfio_zpci_io_hdr hdr;
	struct vfio_zpci_io_req r, last_ok;
	uint8_t *ref = page_buf();

	fz_model(&fn);
	fz_map();
	fz_state = seed ? seed : 1;
	if (wlen < 8 || wlen > 4096 || fn.maxstbl > wlen || pread(dev_fd, &hdr, sizeof(hdr), io_off) != sizeof(hdr))
		die("window or region header");
	fz_gen_valid(&last_ok, &fn, wbar, woff, wlen);
	printf("model: maxstbl %u, memory %s, msix bar %d +0x%" PRIx64 "/%" PRIu64 "; window bar%d +0x%" PRIx64
	       "/%" PRIu64 "; user pages 0x%" PRIx64 " (rw, rw, none, unmapped, ro)\n",
	       fn.maxstbl, fn.memory_enabled ? "on" : "off", fn.msix_table.bar, fn.msix_table.start,
	       fn.msix_table.len, wbar, woff, wlen, (uint64_t)(uintptr_t)fz_pages);
	while (st.issued < count) {
		unsigned int kind = fz_rand() % 100;
		enum zpci_io_result res;
		enum fz_buf buf;
		int want;

		if (kind == 0) {
			fz_raw(&st, &fn);
			st.issued++;
			continue;
		}
		if (kind < 30)
			fz_gen_valid(&r, &fn, wbar, woff, wlen);
		else if (kind < 60)
			fz_gen_mutated(&r, &last_ok);
		else
			fz_gen_random(&r, &fn, woff, wlen);
		want = fz_expect(&fn, &r);
		res = zpci_io_validate(&fn, &r);
		if (zpci_io_result_errno(res) != want) {
			FZ_BAD_MSG(&st, "MISMATCH models: documented rules say %d, zpci_io_validate.h %s"
				   " (flags 0x%" PRIx64 " pcias %u off 0x%" PRIx64 " len %u)\n", want,
				   zpci_io_result_name(res), (uint64_t)r.flags, r.pcias, (uint64_t)r.offset, r.len);
			continue;
		}
		buf = fz_buffer(r.gaddr, r.len, r.flags == VFIO_ZPCI_IO_FLAG_READ);
		if (!want && (r.pcias != wbar || r.offset < woff || r.offset + r.len > woff + wlen ||
			      buf == FZ_BUF_UNKNOWN)) {
			st.skipped++;	/* accepted, but outside the window or our buffers: not issued */
			continue;
		}
		fz_issue(&st, &r, want, buf, &hdr, ref, (uint8_t)(0x3c + 0x9d * st.issued));
		st.issued++;
		if (!want && buf == FZ_BUF_OK)
			last_ok = r;
	}
	printf("fuzz: %ld requests issued, seed %" PRIu64 ": %ld refused with the model's errno, "
	       "%ld accepted and done as asked, %ld accepted with a bad buffer (EFAULT), "
	       "%ld accepted and refused by the instruction (EIO, counted by the region), "
	       "%ld malformed accesses; %ld accepted outside the window or our buffers (not issued); "
	       "%ld mismatches\n", st.issued, seed, st.refused, st.done, st.efault, st.ifail, st.raw,
	       st.skipped, st.bad);
	return st.bad ? 1 : 0;
}

/*
 * Region benchmark (bench/region.sh): the same bytes through the region and
 * through vfio's BAR region, in ROUNDS alternating rounds so load on the
 * host hits both alike. PCISTB of LEN bytes vs pwrite of LEN bytes (vfio
 * splits it into 8-byte stores), PCILG of 8 bytes vs pread of 8 bytes, and,
 * when bench/kmod's zpci_bench_loop is loaded, the same instructions looped
 * in the kernel. Prints "bench KIND LEN COUNT TOTAL_NS P50_NS P99_NS".
 */
#define BENCH_ROUNDS 10
#define BENCH_KLOOP "/sys/kernel/debug/zpci_bench_loop/run"

static uint64_t now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

enum bench_kind { B_REGION_STB, B_BAR_PWRITE, B_REGION_LG, B_BAR_PREAD, B_NKINDS };
static const char *const bench_name[] = { "region-pcistb", "bar-pwrite", "region-pcilg", "bar-pread" };

/* One request of a kind; 0 or errno. */
static int bench_one(enum bench_kind k, int bar, uint64_t off, int len, uint8_t *buf)
{
	switch (k) {
	case B_REGION_STB:
		return zio(VFIO_ZPCI_IO_FLAG_BLOCKW, bar, off, len, buf);
	case B_BAR_PWRITE:
		return pwrite(dev_fd, buf, len, bar_off[bar] + off) == len ? 0 : errno;
	case B_REGION_LG:
		return zio(VFIO_ZPCI_IO_FLAG_READ, bar, off, 8, buf);
	default:
		return pread(dev_fd, buf, 8, bar_off[bar] + off) == 8 ? 0 : errno;
	}
}

/* The kernel loop: "ADDR stb|lg BAR OFF LEN COUNT" in, "TOTAL_NS" out; -1 if absent. */
static long long bench_kernel(const char *addr, const char *op, int bar, uint64_t off, int len,
			      long count)
{
	char cmd[160], res[64];
	int fd = open(BENCH_KLOOP, O_RDWR);
	ssize_t n;

	if (fd < 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s %s %d 0x%" PRIx64 " %d %ld", addr, op, bar, off, len, count);
	if (write(fd, cmd, strlen(cmd)) < 0) {
		fprintf(stderr, "zpci-io-check: kernel loop %s: %s\n", cmd, strerror(errno));
		close(fd);
		return -2;
	}
	n = pread(fd, res, sizeof(res) - 1, 0);
	close(fd);
	if (n <= 0)
		return -2;
	res[n] = '\0';
	return atoll(res);
}

static int cmd_bench(const char *addr, int bar, uint64_t off, int len, long count)
{
	uint8_t *buf = page_buf();
	uint32_t *lat[B_NKINDS];
	uint64_t total[B_NKINDS] = { 0 };
	long per = count / BENCH_ROUNDS, done = 0;

	if (len == 0) {	/* the region's own limit: maxstbl */
		struct vfio_zpci_io_hdr hdr;

		if (pread(dev_fd, &hdr, sizeof(hdr), io_off + VFIO_ZPCI_IO_HDR_OFFSET) != sizeof(hdr))
			die("region header");
		len = hdr.max;
	}
	if (len <= 0 || len > 4096 || per <= 0)
		return 2;
	for (int i = 0; i < len; i++)
		buf[i] = (uint8_t)(0xa0 + i);
	for (int k = 0; k < B_NKINDS; k++)
		if (!(lat[k] = calloc((size_t)per * BENCH_ROUNDS, sizeof(uint32_t))))
			die("calloc");
	for (int r = 0; r < BENCH_ROUNDS; r++, done += per) {
		for (int k = 0; k < B_NKINDS; k++) {
			for (long i = 0; i < per; i++) {
				uint64_t t0 = now_ns(), dt;
				int err = bench_one(k, bar, off, len, buf);

				dt = now_ns() - t0;
				if (err) {
					printf("%s failed: %s\n", bench_name[k], strerror(err));
					return 1;
				}
				lat[k][done + i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
				total[k] += dt;
			}
		}
	}
	for (int k = 0; k < B_NKINDS; k++) {
		long n = done;

		qsort(lat[k], (size_t)n, sizeof(uint32_t), cmp_u32);
		printf("bench %s %d %ld %" PRIu64 " %u %u\n", bench_name[k],
		       k == B_REGION_STB || k == B_BAR_PWRITE ? len : 8, n, total[k],
		       lat[k][n / 2], lat[k][n - 1 - n / 100]);
	}
	for (int s = 0; s < 2; s++) {
		long long ns = bench_kernel(addr, s ? "lg" : "stb", bar, off, s ? 8 : len, done);

		if (ns == -2)
			return 1;
		if (ns >= 0)
			printf("bench kernel-%s %d %ld %lld - -\n", s ? "pcilg" : "pcistb",
			       s ? 8 : len, done, ns);
		else
			printf("bench kernel-loop absent (%s)\n", BENCH_KLOOP);
	}
	return 0;
}

/*
 * One request of the given shape. A write of the request is all or nothing:
 * it returns the request size or fails; anything in between is reported as
 * "partial" (a defect). After EIO the header holds the instruction's status.
 */
static int cmd_shape(const char *op, int bar, uint64_t off, unsigned int len, unsigned int mis)
{
	uint8_t *buf = page_buf();
	struct vfio_zpci_io_req r = {
		.flags = strcmp(op, "read") == 0 ? VFIO_ZPCI_IO_FLAG_READ : VFIO_ZPCI_IO_FLAG_BLOCKW,
		.gaddr = (uintptr_t)(buf + mis), .offset = off, .len = (uint16_t)len, .pcias = (uint8_t)bar,
	};
	struct vfio_zpci_io_hdr before, after;
	ssize_t n;

	for (unsigned int i = 0; i < len && i + mis < 8192; i++)
		buf[mis + i] = (uint8_t)(0xa0 + i);
	if (pread(dev_fd, &before, sizeof(before), io_off) != sizeof(before))
		die("header");
	n = pwrite(dev_fd, &r, sizeof(r), io_off + VFIO_ZPCI_IO_REQ_OFFSET);
	if (n == (ssize_t)sizeof(r)) {
		printf("accepted");
		if (r.flags == VFIO_ZPCI_IO_FLAG_READ)
			for (unsigned int i = 0; i < len; i++)
				printf("%s%02x", i ? "" : " data=", buf[mis + i]);
		printf("\n");
		return 0;
	}
	if (n >= 0) {
		printf("partial=%zd\n", n);
		return 1;
	}
	if (errno != EIO) {
		printf("errno=%s\n", strerrorname_np(errno));
		return 0;
	}
	if (pread(dev_fd, &after, sizeof(after), io_off) != sizeof(after))
		die("header");
	printf("errno=EIO cc=%s%u status=0x%02x failures=%u\n",
	       after.last_cc == VFIO_ZPCI_IO_CC_EXCEPTION ? "exception/" : "", after.last_cc,
	       after.last_status, after.failures - before.failures);
	return 0;
}

/*
 * Storm (kmod-region-race-bind-power): until STOPFILE exists, rounds of a
 * child process that opens the device, runs N threads issuing PCILG of one
 * stable word for MS milliseconds and exits, so that an unbind or a slot
 * power-off, which waits for the device's release, gets it between rounds
 * and vfio refuses new opens meanwhile. A round whose open fails (driver
 * unbound, function powered off) waits 20 ms and tries again. A request
 * must return the word the round read first, or ENODEV (device being
 * released); anything else, or a child that dies, fails the storm.
 */
struct storm_thr {
	int bar;
	uint64_t off, end_ns;
	uint32_t want;
	long n, bad, gone;
};

static void *storm_thread(void *arg)
{
	struct storm_thr *t = arg;
	uint32_t v __attribute__((aligned(8)));

	while (now_ns() < t->end_ns) {
		int err = zio(VFIO_ZPCI_IO_FLAG_READ, t->bar, t->off, 4, &v);

		t->n++;
		if (err == ENODEV)
			t->gone++;
		else if (err || v != t->want)
			t->bad++;
	}
	return NULL;
}

/* The child of one round: exit 2 or 4 when the device is not there; counts to fd. */
static void storm_child(const char *addr, int n, int ms, int bar, uint64_t off, int fd)
{
	pthread_t tid[64];
	struct storm_thr t[64];
	uint32_t want __attribute__((aligned(8)));
	long c[3] = { 0 };
	int err;

	dev_fd = vfio_open_device(addr);
	if (!find_region())
		exit(4);
	err = zio(VFIO_ZPCI_IO_FLAG_READ, bar, off, 4, &want);
	if (err)
		exit(err == ENODEV ? 4 : 3);
	for (int i = 0; i < n; i++) {
		t[i] = (struct storm_thr){ bar, off, now_ns() + (uint64_t)ms * 1000000, want, 0, 0, 0 };
		pthread_create(&tid[i], NULL, storm_thread, &t[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(tid[i], NULL);
		c[0] += t[i].n;
		c[1] += t[i].bad;
		c[2] += t[i].gone;
	}
	exit(write(fd, c, sizeof(c)) == sizeof(c) ? 0 : 3);
}

static int cmd_storm(const char *addr, int n, int ms, int bar, uint64_t off, const char *stop)
{
	long rounds = 0, absent = 0, died = 0, c[3], total[3] = { 0 };

	if (n > 64)
		n = 64;
	printf("storming\n");
	fflush(stdout);
	while (access(stop, F_OK) != 0) {
		int p[2], st, nul;
		pid_t pid;
		ssize_t got;

		if (pipe(p))
			die("pipe");
		pid = fork();
		if (pid == 0) {
			/* the open's complaints while the device is away are expected */
			nul = open("/dev/null", O_WRONLY);
			dup2(nul, 1);
			dup2(nul, 2);
			close(p[0]);
			storm_child(addr, n, ms, bar, off, p[1]);
		}
		close(p[1]);
		got = read(p[0], c, sizeof(c));
		close(p[0]);
		if (pid < 0 || waitpid(pid, &st, 0) != pid)
			die("fork/waitpid");
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && got == sizeof(c)) {
			rounds++;
			for (int i = 0; i < 3; i++)
				total[i] += c[i];
		} else if (WIFEXITED(st) && (WEXITSTATUS(st) == 2 || WEXITSTATUS(st) == 4)) {
			absent++;
			usleep(20000);
		} else {
			died++;
			printf("round %ld: child %s %d\n", rounds + absent + died,
			       WIFEXITED(st) ? "exited" : "killed by signal", WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
		}
	}
	printf("storm: %ld rounds with the device, %ld without, %ld failed; %ld requests, "
	       "%ld ENODEV, %ld unexpected\n", rounds, absent, died, total[0], total[2], total[1]);
	return died || total[1] || !rounds ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	if (!strcmp(argv[2], "storm") && argc == 8)
		return cmd_storm(argv[1], atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
				 strtoull(argv[6], 0, 0), argv[7]);
	dev_fd = vfio_open_device(argv[1]);
	if (!find_region()) {
		printf("no zPCI I/O region\n");
		return 4;
	}
	const char *c = argv[2];
	if (!strcmp(c, "info")) {
		struct vfio_zpci_io_hdr h;

		if (pread(dev_fd, &h, sizeof(h), io_off) != sizeof(h))
			die("header");
		printf("header max=%u flags=0x%llx\n", h.max, (unsigned long long)h.flags);
		return 0;
	}
	if (!strcmp(c, "compare") && argc == 6)
		return cmd_compare(atoi(argv[3]), strtoull(argv[4], 0, 0), strtoull(argv[5], 0, 0));
	if (!strcmp(c, "stb") && (argc == 6 || argc == 7))
		return cmd_stb(atoi(argv[3]), strtoull(argv[4], 0, 0), atoi(argv[5]),
			       argc == 7 ? argv[6] : NULL);
	if (!strcmp(c, "reject") && argc == 6)
		return cmd_reject(atoi(argv[3]), strtoull(argv[4], 0, 0), atoi(argv[5]));
	if (!strcmp(c, "memoff") && argc == 4)
		return cmd_memoff(atoi(argv[3]));
	if (!strcmp(c, "threads") && (argc == 7 || argc == 8))
		return cmd_threads(atoi(argv[3]), atol(argv[4]), atoi(argv[5]), strtoull(argv[6], 0, 0),
				   argc == 8 && !strcmp(argv[7], "reset"));
	if (!strcmp(c, "shape") && (argc == 7 || argc == 8))
		return cmd_shape(argv[3], atoi(argv[4]), strtoull(argv[5], 0, 0), atoi(argv[6]),
				 argc == 8 ? atoi(argv[7]) : 0);
	if (!strcmp(c, "hold") && argc == 6)
		return cmd_hold(atoi(argv[3]), atoi(argv[4]), strtoull(argv[5], 0, 0));
	if (!strcmp(c, "fuzz") && argc == 8)
		return cmd_fuzz(atol(argv[3]), strtoull(argv[4], 0, 0), atoi(argv[5]),
				strtoull(argv[6], 0, 0), strtoull(argv[7], 0, 0));
	if (!strcmp(c, "bench") && argc == 7)
		return cmd_bench(argv[1], atoi(argv[3]), strtoull(argv[4], 0, 0), atoi(argv[5]),
				 atol(argv[6]));
	fprintf(stderr, "zpci-io-check: bad arguments\n");
	return 2;
}
