// SPDX-License-Identifier: MIT
/*
 * In-guest checker of zPCI I/O through vfio BAR regions for
 * tests/vm/cases/kmod-region-* and the driver comparisons: zpci_vfio_pci and
 * ism-vfio-pci (one pwrite = one PCISTB, pread = PCILG by alignment) and
 * vfio-pci (split accesses). Talks to vfio directly (group or, with
 * TB_VFIO_OPEN=iommufd, cdev), so the kernel side is tested independently
 * of the CLI's iotest.
 *   zpci-io-check ADDR info                    offsets, BAR sizes, maxstbl, status feature
 *   zpci-io-check ADDR read BAR OFF LEN        one pread, the bytes in hex
 *   zpci-io-check ADDR compare BAR OFF LEN     pread of 1/2/4/8 at every aligned offset
 *                                              equals one pread of the whole range
 *   zpci-io-check ADDR stb BAR OFF LEN [HEX]   one pwrite of a pattern, then "read" of LEN
 *   zpci-io-check ADDR shape read|stb BAR OFF LEN MISALIGN
 *                                              one access of exactly that shape, the user
 *                                              buffer MISALIGN bytes past a page start
 *   zpci-io-check ADDR batch BAR OFF LEN N     one pwritev of N stores of LEN bytes; with the
 *                                              status feature, the PCISTB count must grow by N
 *   zpci-io-check ADDR memoff BAR              memory decoding off: EIO, no instruction
 *   zpci-io-check ADDR lowpower BAR OFF        a read after VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY
 *                                              succeeds, as vfio-pci's BAR read does
 *   zpci-io-check ADDR threads N ITER BAR OFF [reset]  concurrent 8-byte reads of one stable
 *                                              word, optionally racing VFIO_DEVICE_RESET (exit 3:
 *                                              the device offers no reset; 1: no reset happened)
 *   zpci-io-check ADDR hold SECONDS BAR OFF    keep the device open issuing reads
 *   zpci-io-check ADDR storm N MS BAR OFF STOPFILE  until STOPFILE exists: rounds of N threads
 *                                              reading for MS ms in a process that opens the
 *                                              device and closes it again
 *   zpci-io-check ADDR fuzz COUNT SEED BAR WOFF WLEN  random accesses judged by the rules of
 *                                              zpci_io_validate.h; writes the rules accept are
 *                                              issued only inside [WOFF, WOFF + WLEN) of BAR
 *   zpci-io-check ADDR bench BAR OFF LEN COUNT [TAG]  timings of single pwrite, pwritev
 *                                              batches and pread (bench/region.sh), named
 *                                              TAG-KIND (default zpci); LEN 0: maxstbl
 * Exit 0 ok, 1 check failed, 2 setup failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>
#include "uapi/vfio_zpci_io.h"
#include "zpci_io_validate.h"
#include "vfio_open.h"

#define NBARS 6
static int dev_fd = -1;
static uint64_t bar_off[NBARS], bar_size[NBARS], cfg_off;
static unsigned int shift;
static struct zpci_io_fn model;		/* the rules' view of the function */

static void die(const char *what)
{
	fprintf(stderr, "zpci-io-check: %s: %s\n", what, strerror(errno));
	exit(2);
}

static const char *ename(int e)
{
	switch (e) {
	case 0: return "0";
	case EINVAL: return "EINVAL";
	case EIO: return "EIO";
	case EFAULT: return "EFAULT";
	case ENXIO: return "ENXIO";
	case ERANGE: return "ERANGE";
	case EPERM: return "EPERM";
	case EACCES: return "EACCES";
	case ENODEV: return "ENODEV";
	case ENOTTY: return "ENOTTY";
	case EINTR: return "EINTR";
	default: return strerror(e);
	}
}

/* The status feature; false when the driver keeps none. */
static bool status(struct vfio_device_feature_zpci_io *z)
{
	struct {
		struct vfio_device_feature f;
		struct vfio_device_feature_zpci_io z;
	} q;

	memset(&q, 0, sizeof(q));
	q.f.argsz = sizeof(q);
	q.f.flags = VFIO_DEVICE_FEATURE_GET | VFIO_DEVICE_FEATURE_ZPCI_IO;
	if (ioctl(dev_fd, VFIO_DEVICE_FEATURE, &q))
		return false;
	*z = q.z;
	return true;
}

static int cfg_read(void *buf, size_t len, uint64_t off)
{
	return pread(dev_fd, buf, len, (off_t)(cfg_off + off)) == (ssize_t)len ? 0 : -1;
}

/* The model of the function: BAR sizes from vfio, the MSI-X table from config space. */
static void describe(void)
{
	struct vfio_device_feature_zpci_io z;
	uint8_t cfg[256];
	unsigned int pos;

	memset(&model, 0, sizeof(model));
	for (int i = 0; i < NBARS; i++) {
		model.bar_size[i] = bar_size[i];
		if (bar_size[i] && !cfg_read(cfg, 4, PCI_BASE_ADDRESS_0 + 4 * i))
			model.bar_is_io[i] = cfg[0] & PCI_BASE_ADDRESS_SPACE_IO;
	}
	model.maxstbl = status(&z) ? z.maxstbl : 4096;
	model.memory_enabled = true;
	model.msix_table.bar = -1;
	if (cfg_read(cfg, sizeof(cfg), 0) || !(cfg[PCI_STATUS] & PCI_STATUS_CAP_LIST))
		return;
	for (pos = cfg[PCI_CAPABILITY_LIST] & ~3u; pos >= 0x40 && pos < 0xfc; pos = cfg[pos + 1] & ~3u) {
		if (cfg[pos] == PCI_CAP_ID_MSIX) {
			uint32_t t = cfg[pos + 4] | cfg[pos + 5] << 8 | cfg[pos + 6] << 16 |
				     (uint32_t)cfg[pos + 7] << 24;
			unsigned int n = ((cfg[pos + 2] | cfg[pos + 3] << 8) & PCI_MSIX_FLAGS_QSIZE) + 1;

			model.msix_table.bar = t & PCI_MSIX_TABLE_BIR;
			model.msix_table.start = t & PCI_MSIX_TABLE_OFFSET;
			model.msix_table.len = (uint64_t)n * PCI_MSIX_ENTRY_SIZE;
			return;
		}
		if (!cfg[pos + 1])
			break;
	}
}

static void open_dev(const char *addr)
{
	struct vfio_region_info ri;

	dev_fd = vfio_open_device(addr);
	for (unsigned int i = 0; i <= VFIO_PCI_CONFIG_REGION_INDEX; i++) {
		memset(&ri, 0, sizeof(ri));
		ri.argsz = sizeof(ri);
		ri.index = i;
		if (ioctl(dev_fd, VFIO_DEVICE_GET_REGION_INFO, &ri))
			continue;
		if (i < NBARS) {
			bar_off[i] = ri.offset;
			bar_size[i] = ri.size;
		}
		if (i == VFIO_PCI_CONFIG_REGION_INDEX)
			cfg_off = ri.offset;
	}
	for (unsigned int s = 12; s < 63; s++)
		if (bar_off[1] == 1ULL << s)
			shift = s;
	describe();
}

static uint8_t *page_buf(void)
{
	uint8_t *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap");
	return p;
}

static ssize_t bar_read(int bar, uint64_t off, void *buf, size_t len)
{
	return pread(dev_fd, buf, len, (off_t)(bar_off[bar] + off));
}

static ssize_t bar_write(int bar, uint64_t off, const void *buf, size_t len)
{
	return pwrite(dev_fd, buf, len, (off_t)(bar_off[bar] + off));
}

static void hex(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%s%02x", i ? " " : "", b[i]);
	printf("\n");
}

static int cmd_info(void)
{
	struct vfio_device_feature_zpci_io z;

	printf("offset shift %u, config at 0x%" PRIx64 "\n", shift, cfg_off);
	for (int i = 0; i < NBARS; i++)
		if (bar_size[i])
			printf("bar%d size 0x%" PRIx64 " offset 0x%" PRIx64 "%s\n", i, bar_size[i],
			       bar_off[i], model.bar_is_io[i] ? " io" : "");
	if (model.msix_table.bar >= 0)
		printf("msix table bar%d+0x%" PRIx64 " len 0x%" PRIx64 "\n", model.msix_table.bar,
		       (uint64_t)model.msix_table.start, (uint64_t)model.msix_table.len);
	if (status(&z))
		printf("status feature: maxstbl=%u failures=%u pcilg=%llu pcistb=%llu\n", z.maxstbl,
		       z.failures, (unsigned long long)z.pcilg, (unsigned long long)z.pcistb);
	else
		printf("status feature: none (%s)\n", ename(errno));
	return 0;
}

static int cmd_read(int bar, uint64_t off, size_t len)
{
	uint8_t *b = page_buf();
	ssize_t n = bar_read(bar, off, b, len);

	if (n < 0) {
		printf("errno=%s\n", ename(errno));
		return 1;
	}
	printf("read ");
	hex(b, (size_t)n);
	return (size_t)n == len ? 0 : 1;
}

static int cmd_compare(int bar, uint64_t off, uint64_t len)
{
	uint8_t *whole = page_buf(), part[8];
	int bad = 0;

	if (len > 4096 || bar_read(bar, off, whole, len) != (ssize_t)len)
		die("whole pread");
	for (unsigned int l = 1; l <= 8; l *= 2)
		for (uint64_t o = off; o + l <= off + len; o++) {
			if (o % l)
				continue;
			if (bar_read(bar, o, part, l) != (ssize_t)l) {
				printf("pread %u at 0x%" PRIx64 ": %s\n", l, o, ename(errno));
				bad++;
			} else if (memcmp(part, whole + (o - off), l)) {
				printf("pread %u at 0x%" PRIx64 " differs from the whole read\n", l, o);
				bad++;
			}
		}
	printf("compare bar%d 0x%" PRIx64 "+%" PRIu64 ": %d differences\n", bar, off, len, bad);
	return bad ? 1 : 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int cmd_stb(int bar, uint64_t off, size_t len, const char *pattern)
{
	uint8_t *b = page_buf();
	ssize_t n;

	for (size_t i = 0; i < len; i++)
		b[i] = (uint8_t)(0xa0 + i);
	if (pattern)
		for (size_t i = 0; i < len && pattern[2 * i] && pattern[2 * i + 1]; i++)
			b[i] = (uint8_t)(hexval(pattern[2 * i]) << 4 | hexval(pattern[2 * i + 1]));
	n = bar_write(bar, off, b, len);
	if (n != (ssize_t)len) {
		printf("pwrite: %s\n", n < 0 ? ename(errno) : "short");
		return 1;
	}
	memset(b, 0, len);
	if (bar_read(bar, off, b, len) != (ssize_t)len)
		die("read back");
	printf("read ");
	hex(b, len);
	return 0;
}

/*
 * One access of the given shape, answered on one line:
 *   accepted COUNT insns=K [ff] [dropped]   (insns only with the status feature)
 *   errno=ENXIO cc=exception/255 status=0x00 failures=1 | errno=EIO cc=N status=0xNN
 *   failures=D | errno=EIO failures=0 (refused before any instruction) |
 *   errno=EIO nostatus | errno=NAME (ENXIO too, without the status feature)
 */
static int cmd_shape(const char *op, int bar, uint64_t off, size_t len, unsigned int mis)
{
	struct vfio_device_feature_zpci_io z0, z1;
	uint8_t *buf = page_buf() + mis;
	bool known = status(&z0), ff = true;
	ssize_t n;

	if (mis >= 4096 || len > 8192 - mis)
		return 2;
	memset(buf, 0x5a, len);
	n = strcmp(op, "read") == 0 ? bar_read(bar, off, buf, len) : bar_write(bar, off, buf, len);
	if (n < 0) {
		int e = errno;

		if (e != EIO && (e != ENXIO || !known)) {
			printf("errno=%s\n", ename(e));
		} else if (!known || !status(&z1)) {
			printf("errno=%s nostatus\n", ename(e));
		} else if (z1.failures == z0.failures) {
			printf("errno=%s failures=0\n", ename(e));
		} else {
			printf("errno=%s cc=%s/%u status=0x%02x failures=%u\n", ename(e),
			       z1.last_cc == VFIO_ZPCI_IO_CC_EXCEPTION ? "exception" : "cc",
			       z1.last_cc, z1.last_status, z1.failures - z0.failures);
		}
		return 0;
	}
	for (ssize_t i = 0; i < n; i++)
		ff &= buf[i] == 0xff;
	printf("accepted %zd", n);
	if (known && status(&z1))
		printf(" insns=%llu%s", (unsigned long long)(z1.pcilg - z0.pcilg + z1.pcistb - z0.pcistb),
		       z1.dropped != z0.dropped ? " dropped" : "");
	printf("%s\n", strcmp(op, "read") == 0 && n && ff ? " ff" : "");
	return 0;
}

static int cmd_batch(int bar, uint64_t off, size_t len, int n)
{
	struct vfio_device_feature_zpci_io z0, z1;
	struct iovec iov[1024];
	uint8_t *b = page_buf();
	bool known;
	ssize_t done;

	if (n < 1 || n > 1024 || len * (size_t)n > 3 * 4096)
		return 2;
	for (int i = 0; i < n; i++) {
		iov[i].iov_base = b + (size_t)i * len;
		iov[i].iov_len = len;
	}
	known = status(&z0);
	done = pwritev(dev_fd, iov, n, (off_t)(bar_off[bar] + off));
	if (done != (ssize_t)(len * (size_t)n)) {
		printf("pwritev: %s\n", done < 0 ? ename(errno) : "short");
		return 1;
	}
	if (known && status(&z1)) {
		printf("batch %d x %zu: pcistb +%llu\n", n, len,
		       (unsigned long long)(z1.pcistb - z0.pcistb));
		return z1.pcistb - z0.pcistb == (uint64_t)n ? 0 : 1;
	}
	printf("batch %d x %zu: done (no status feature)\n", n, len);
	return 0;
}

static int set_memory(bool on, uint16_t *old)
{
	uint16_t cmd;

	if (cfg_read(&cmd, 2, PCI_COMMAND))
		return -1;
	/* config space is little-endian; s390 is big-endian */
	cmd = (uint16_t)(cmd >> 8 | cmd << 8);
	if (old)
		*old = cmd;
	cmd = on ? cmd | PCI_COMMAND_MEMORY : cmd & ~PCI_COMMAND_MEMORY;
	cmd = (uint16_t)(cmd >> 8 | cmd << 8);
	return pwrite(dev_fd, &cmd, 2, (off_t)(cfg_off + PCI_COMMAND)) == 2 ? 0 : -1;
}

static int cmd_memoff(int bar)
{
	struct vfio_device_feature_zpci_io z0, z1;
	uint8_t b[8];
	uint16_t old;
	bool known = status(&z0);
	ssize_t n;
	int e;

	if (set_memory(false, &old))
		die("memory decode off");
	n = bar_read(bar, 0, b, 8);
	e = errno;
	if (set_memory(true, NULL))
		die("memory decode on");
	if (n >= 0 || e != EIO) {
		printf("memoff: read with memory off gave %s, want EIO\n", n >= 0 ? "data" : ename(e));
		return 1;
	}
	if (known && status(&z1) && (z1.pcilg != z0.pcilg || z1.failures != z0.failures)) {
		printf("memoff: an instruction was issued with memory off\n");
		return 1;
	}
	if (bar_read(bar, 0, b, 8) != 8) {
		printf("memoff: read after memory on: %s\n", ename(errno));
		return 1;
	}
	printf("memoff: EIO with memory off%s, reads again after\n",
	       known ? ", no instruction" : "");
	return 0;
}

static int cmd_lowpower(int bar, uint64_t off)
{
	struct vfio_device_feature f = {
		.argsz = sizeof(f),
		.flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_LOW_POWER_ENTRY,
	};
	uint8_t b[8];

	if (ioctl(dev_fd, VFIO_DEVICE_FEATURE, &f)) {
		printf("lowpower: LOW_POWER_ENTRY: %s\n", ename(errno));
		return 2;
	}
	if (bar_read(bar, off, b, 8) != 8) {
		printf("lowpower: read in low power: %s (vfio-pci's BAR read resumes the device)\n",
		       ename(errno));
		return 1;
	}
	printf("lowpower: read in low power succeeded\n");
	f.flags = VFIO_DEVICE_FEATURE_SET | VFIO_DEVICE_FEATURE_LOW_POWER_EXIT;
	ioctl(dev_fd, VFIO_DEVICE_FEATURE, &f);
	return 0;
}

/* ---- concurrency ------------------------------------------------------- */

struct thr {
	int bar;
	uint64_t off;
	long iter;
	uint64_t want;
	long bad, enodev;
	const char *stop;
};

static void *thr_run(void *arg)
{
	struct thr *t = arg;
	uint64_t v;

	for (long i = 0; i < t->iter || t->stop; i++) {
		if (t->stop && (i & 63) == 0 && access(t->stop, F_OK) == 0)
			break;
		if (bar_read(t->bar, t->off, &v, 8) != 8) {
			if (errno == ENODEV || errno == EIO)
				t->enodev++;
			else
				t->bad++;
		} else if (v != t->want) {
			t->bad++;
		}
		if (t->stop && i > t->iter)
			break;
	}
	return NULL;
}

static volatile int readers_done;
static int reset_errno;

static void *reset_run(void *arg)
{
	long *resets = arg;

	while (!readers_done) {
		if (ioctl(dev_fd, VFIO_DEVICE_RESET) == 0)
			(*resets)++;
		else if (!reset_errno)
			reset_errno = errno;
		usleep(1000);
	}
	return NULL;
}

static int cmd_threads(int n, long iter, int bar, uint64_t off, bool with_reset)
{
	pthread_t th[64], rt;
	struct thr t[64];
	long bad = 0, resets = 0;
	uint64_t want;

	if (n < 1 || n > 64 || bar_read(bar, off, &want, 8) != 8)
		return 2;
	if (with_reset) {
		struct vfio_device_info di = { .argsz = sizeof(di) };

		if (ioctl(dev_fd, VFIO_DEVICE_GET_INFO, &di) == 0 &&
		    !(di.flags & VFIO_DEVICE_FLAGS_RESET)) {
			printf("threads: the device lacks VFIO_DEVICE_FLAGS_RESET: no reset to race\n");
			return 3;
		}
	}
	for (int i = 0; i < n; i++) {
		t[i] = (struct thr){ .bar = bar, .off = off, .iter = iter, .want = want };
		pthread_create(&th[i], NULL, thr_run, &t[i]);
	}
	if (with_reset)
		pthread_create(&rt, NULL, reset_run, &resets);
	for (int i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		bad += t[i].bad + (with_reset ? 0 : t[i].enodev);
	}
	readers_done = 1;
	if (with_reset)
		pthread_join(rt, NULL);
	printf("threads %d x %ld: %ld wrong answers%s", n, iter, bad, with_reset ? "" : "\n");
	if (with_reset) {
		struct vfio_device_info di = { .argsz = sizeof(di) };

		ioctl(dev_fd, VFIO_DEVICE_GET_INFO, &di);
		printf(", %ld resets (device %s VFIO_DEVICE_FLAGS_RESET%s%s)\n", resets,
		       di.flags & VFIO_DEVICE_FLAGS_RESET ? "has" : "lacks",
		       reset_errno ? "; a reset failed: " : "", reset_errno ? ename(reset_errno) : "");
	}
	/* a reset race that reset nothing tested nothing */
	return bad || (with_reset && resets == 0) ? 1 : 0;
}

static int cmd_hold(int secs, int bar, uint64_t off)
{
	time_t end = time(NULL) + secs;
	long n = 0;
	uint64_t v;

	printf("holding\n");
	fflush(stdout);
	while (time(NULL) < end) {
		if (bar_read(bar, off, &v, 8) == 8)
			n++;
		usleep(1000);
	}
	printf("hold: %ld reads\n", n);
	fflush(stdout);
	return 0;
}

static int cmd_storm(const char *addr, int n, int ms, int bar, uint64_t off, const char *stop)
{
	long rounds = 0, failed = 0;

	printf("storming\n");
	fflush(stdout);
	while (access(stop, F_OK) != 0) {
		pid_t pid = fork();
		int st;

		if (pid == 0) {
			pthread_t th[64];
			struct thr t[64];
			uint64_t want = 0;
			long bad = 0;

			/* the function may be mid-rebind: open and read its offsets anew */
			open_dev(addr);
			if (bar_read(bar, off, &want, 8) != 8)
				_exit(0);
			for (int i = 0; i < n && i < 64; i++) {
				t[i] = (struct thr){ .bar = bar, .off = off, .iter = ms * 10L,
						     .want = want };
				pthread_create(&th[i], NULL, thr_run, &t[i]);
			}
			for (int i = 0; i < n && i < 64; i++) {
				pthread_join(th[i], NULL);
				bad += t[i].bad;
			}
			_exit(bad ? 1 : 0);
		}
		if (pid < 0 || waitpid(pid, &st, 0) < 0)
			die("fork");
		rounds++;
		/* exit 2: the open failed while the driver was unbound; that is the race */
		if (WIFEXITED(st) && WEXITSTATUS(st) == 1)
			failed++;
		if (WIFSIGNALED(st))
			failed++;
	}
	printf("storm: %ld rounds, %ld with wrong answers\n", rounds, failed);
	return failed ? 1 : 0;
}

/* ---- fuzz against the rules ------------------------------------------- */

static uint64_t fz_state;

static uint64_t fz_rand(void)
{
	fz_state ^= fz_state << 13;
	fz_state ^= fz_state >> 7;
	fz_state ^= fz_state << 17;
	return fz_state;
}

/* Interesting offsets of a BAR: its edges, 4 KiB edges, the MSI-X table's. */
static uint64_t fz_offset(int bar)
{
	uint64_t s = bar_size[bar] ? bar_size[bar] : 0x1000;
	uint64_t base[] = { 0, s, s - 1, s - 8, 0x1000, 0xff8, 0xfff, 0x1008,
			    model.msix_table.start, model.msix_table.start + model.msix_table.len,
			    (1ULL << 48) - 8, fz_rand() % (s + 16) };
	uint64_t o = base[fz_rand() % (sizeof(base) / sizeof(base[0]))];

	return o + (fz_rand() % 5) - 2;
}

static size_t fz_len(void)
{
	static const size_t lens[] = { 0, 1, 2, 3, 4, 7, 8, 9, 16, 17, 24, 127, 128, 129, 4095,
				       4096, 4097, 8192 };

	return lens[fz_rand() % (sizeof(lens) / sizeof(lens[0]))];
}

static int cmd_fuzz(long count, uint64_t seed, int wbar, uint64_t woff, uint64_t wlen)
{
	uint8_t *buf = page_buf();
	long issued = 0, refused = 0, accepted = 0, eio = 0, skipped = 0, bad = 0;

	fz_state = seed ? seed : 1;
	for (long i = 0; i < count; i++) {
		int bar = (int)(fz_rand() % NBARS);
		bool write = fz_rand() & 1;
		uint64_t off = fz_offset(bar);
		size_t len = fz_len();
		__u64 cut = len;
		enum zpci_io_result r = zpci_io_check(&model, bar, off, &cut, write);
		int want = zpci_io_result_errno(r);
		ssize_t n;

		if (len == 0)
			want = 0;
		/* an offset past the region is another region's, or negative for the VFS */
		if (off >= 1ULL << shift) {
			skipped++;
			continue;
		}
		/*
		 * Accepted accesses only inside the scratch window, and reads that
		 * lie wholly in the MSI-X table (0xff, no instruction) anywhere.
		 */
		if (len && !want && !(r == ZPCI_IO_PROTECTED && !write &&
				      off >= model.msix_table.start &&
				      off + cut <= model.msix_table.start + model.msix_table.len) &&
		    (bar != wbar || off < woff || off + cut > woff + wlen)) {
			skipped++;
			continue;
		}
		n = write ? bar_write(bar, off, buf, len) : bar_read(bar, off, buf, len);
		issued++;
		if (len == 0) {
			if (n != 0) {
				printf("mismatch: %s bar%d off 0x%" PRIx64 " len 0: got %zd\n",
				       write ? "write" : "read", bar, off, n);
				bad++;
			}
			continue;
		}
		if (want) {
			refused++;
			if (n >= 0 || -errno != want) {
				printf("mismatch: %s bar%d off 0x%" PRIx64 " len %zu: want %s, got %s\n",
				       write ? "write" : "read", bar, off, len, ename(-want),
				       n >= 0 ? "success" : ename(errno));
				bad++;
			}
			continue;
		}
		accepted++;
		if (n < 0 && (errno == ENXIO || errno == EIO) && write) {
			eio++;	/* an emulator refusing the PCISTB shape (kmod-region-shapes) */
			continue;
		}
		if (n != (ssize_t)cut) {
			printf("mismatch: %s bar%d off 0x%" PRIx64 " len %zu: want %llu bytes, got %s\n",
			       write ? "write" : "read", bar, off, len, (unsigned long long)cut,
			       n < 0 ? ename(errno) : "another count");
			bad++;
			continue;
		}
		if (!write && r == ZPCI_IO_PROTECTED) {
			for (uint64_t k = 0; k < cut; k++)
				if (off + k >= model.msix_table.start &&
				    off + k < model.msix_table.start + model.msix_table.len &&
				    buf[k] != 0xff) {
					printf("mismatch: MSI-X table byte 0x%" PRIx64 " read as %02x\n",
					       off + k, buf[k]);
					bad++;
					break;
				}
		}
	}
	printf("fuzz seed %" PRIu64 ": %ld issued (%ld refused, %ld accepted, %ld ENXIO/EIO from the "
	       "emulator), %ld accepted accesses outside the window or past the region skipped, "
	       "%ld mismatches\n", seed, issued,
	       refused, accepted, eio, skipped, bad);
	return bad ? 1 : 0;
}

/* ---- bench ------------------------------------------------------------- */

/*
 * Per kind COUNT operations in 10 rounds: single pwrite of LEN, pwritev of
 * 4096/LEN stores (one batch per call), pread of 8; with bench/kmod's
 * zpci_bench_loop loaded also the same PCISTB looped in the kernel.
 * Prints "bench KIND LEN COUNT TOTAL_NS P50_NS P99_NS" (per system call).
 */
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

static long long bench_kernel(const char *addr, int bar, uint64_t off, int len, long count)
{
	char cmd[160], res[64];
	int fd = open(BENCH_KLOOP, O_RDWR);
	ssize_t n;

	if (fd < 0)
		return -1;
	snprintf(cmd, sizeof(cmd), "%s stb %d 0x%" PRIx64 " %d %ld", addr, bar, off, len, count);
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

static int cmd_bench(const char *addr, int bar, uint64_t off, int len, long count, const char *tag)
{
	static const char *const name[] = { "pwrite", "pwritev", "pread" };
	struct iovec iov[256];
	uint8_t *buf = page_buf();
	int nb;

	if (len == 0)
		len = model.maxstbl;
	if (len <= 0 || len > 4096 || count < 10 || off % 4096)
		return 2;
	nb = 4096 / len;
	for (int i = 0; i < 4096; i++)
		buf[i] = (uint8_t)(0xa0 + i);
	for (int i = 0; i < nb; i++) {
		iov[i].iov_base = buf + i * len;
		iov[i].iov_len = (size_t)len;
	}
	for (int k = 0; k < 3; k++) {
		uint32_t *lat = calloc((size_t)count, sizeof(*lat));
		uint64_t total = 0;

		if (!lat)
			die("calloc");
		for (long i = 0; i < count; i++) {
			uint64_t t0 = now_ns(), dt;
			ssize_t n, want = k == 0 ? len : k == 1 ? (ssize_t)nb * len : 8;

			n = k == 0 ? bar_write(bar, off, buf, (size_t)len) :
			    k == 1 ? pwritev(dev_fd, iov, nb, (off_t)(bar_off[bar] + off)) :
			    bar_read(bar, off, buf + 4096, 8);
			dt = now_ns() - t0;
			if (n != want) {
				printf("%s failed: %s\n", name[k], n < 0 ? strerror(errno) : "short");
				return 1;
			}
			lat[i] = dt > UINT32_MAX ? UINT32_MAX : (uint32_t)dt;
			total += dt;
		}
		qsort(lat, (size_t)count, sizeof(*lat), cmp_u32);
		printf("bench %s-%s %d %ld %" PRIu64 " %u %u\n", tag, name[k],
		       k == 0 ? len : k == 1 ? nb * len : 8, count, total, lat[count / 2],
		       lat[count - 1 - count / 100]);
		free(lat);
	}
	if (strcmp(tag, "zpci") == 0) {
		long long ns = bench_kernel(addr, bar, off, len, count);

		if (ns == -2)
			return 1;
		if (ns >= 0)
			printf("bench kernel-pcistb %d %ld %lld - -\n", len, count, ns);
		else
			printf("bench kernel-loop absent (%s)\n", BENCH_KLOOP);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *addr, *cmd;

	if (argc < 3) {
		fprintf(stderr, "usage: zpci-io-check ADDR COMMAND ... (see the source)\n");
		return 2;
	}
	addr = argv[1];
	cmd = argv[2];
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (strcmp(cmd, "storm") == 0 && argc >= 8)
		return cmd_storm(addr, atoi(argv[3]), atoi(argv[4]), atoi(argv[5]),
				 strtoull(argv[6], NULL, 0), argv[7]);
	open_dev(addr);
	if (strcmp(cmd, "info") == 0)
		return cmd_info();
	if (strcmp(cmd, "read") == 0 && argc >= 6)
		return cmd_read(atoi(argv[3]), strtoull(argv[4], NULL, 0), strtoull(argv[5], NULL, 0));
	if (strcmp(cmd, "compare") == 0 && argc >= 6)
		return cmd_compare(atoi(argv[3]), strtoull(argv[4], NULL, 0),
				   strtoull(argv[5], NULL, 0));
	if (strcmp(cmd, "stb") == 0 && argc >= 6)
		return cmd_stb(atoi(argv[3]), strtoull(argv[4], NULL, 0), strtoull(argv[5], NULL, 0),
			       argc > 6 ? argv[6] : NULL);
	if (strcmp(cmd, "shape") == 0 && argc >= 8)
		return cmd_shape(argv[3], atoi(argv[4]), strtoull(argv[5], NULL, 0),
				 strtoull(argv[6], NULL, 0), (unsigned int)atoi(argv[7]));
	if (strcmp(cmd, "batch") == 0 && argc >= 7)
		return cmd_batch(atoi(argv[3]), strtoull(argv[4], NULL, 0), strtoull(argv[5], NULL, 0),
				 atoi(argv[6]));
	if (strcmp(cmd, "memoff") == 0 && argc >= 4)
		return cmd_memoff(atoi(argv[3]));
	if (strcmp(cmd, "lowpower") == 0 && argc >= 5)
		return cmd_lowpower(atoi(argv[3]), strtoull(argv[4], NULL, 0));
	if (strcmp(cmd, "threads") == 0 && argc >= 7)
		return cmd_threads(atoi(argv[3]), atol(argv[4]), atoi(argv[5]),
				   strtoull(argv[6], NULL, 0), argc > 7 && !strcmp(argv[7], "reset"));
	if (strcmp(cmd, "hold") == 0 && argc >= 6)
		return cmd_hold(atoi(argv[3]), atoi(argv[4]), strtoull(argv[5], NULL, 0));
	if (strcmp(cmd, "fuzz") == 0 && argc >= 8)
		return cmd_fuzz(atol(argv[3]), strtoull(argv[4], NULL, 0), atoi(argv[5]),
				strtoull(argv[6], NULL, 0), strtoull(argv[7], NULL, 0));
	if (strcmp(cmd, "bench") == 0 && argc >= 7)
		return cmd_bench(addr, atoi(argv[3]), strtoull(argv[4], NULL, 0), atoi(argv[5]),
				 atol(argv[6]), argc > 7 ? argv[7] : "zpci");
	fprintf(stderr, "zpci-io-check: bad command line\n");
	return 2;
}
