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

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
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
	fprintf(stderr, "zpci-io-check: bad arguments\n");
	return 2;
}
