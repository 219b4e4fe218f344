// SPDX-License-Identifier: MIT
/*
 * A report from a customer (--report FILE): the input is the file as given,
 * whatever libarchive makes of it (tar, gzip, xz, truncated, ...). It is
 * unpacked by zpci_report_open() into a sandbox and, when accepted, read by
 * every source into the model and turned into JSON, as `zpcidiag --report
 * FILE show --json` would. The harness fails when anything was written
 * outside the unpack directory, or when a link in it resolves outside the
 * report's top directory (the readers follow links). The sandbox nests the
 * unpack directory three levels deep so that a climb lands where it is seen:
 *   SANDBOX/input   SANDBOX/a/bait  SANDBOX/a/b/bait  SANDBOX/a/b/t/<unpacked>
 * Tar headers carry a checksum that random mutation almost always breaks;
 * the custom mutator repairs it, so mutations reach names, links and members.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <json-c/json.h>

#include "fuzz.h"
#include "json_out.h"
#include "load.h"
#include "model.h"
#include "report_saved.h"
#include "zpcidiag.h"

static char sandbox[PATH_MAX], unpack_parent[PATH_MAX + 16];

static int rm_any(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void sandbox_remove(void)
{
	nftw(sandbox, rm_any, 16, FTW_DEPTH | FTW_PHYS);
}

static void sandbox_make(void)
{
	char path[PATH_MAX + 32];
	const char *tmp = getenv("TMPDIR");
	struct rlimit fsize = { 64 << 20, 64 << 20 };

	/* each input unpacks a few hundred files: in memory when possible, disks are slow at it */
	if (access("/dev/shm", W_OK) == 0)
		tmp = "/dev/shm";
	snprintf(sandbox, sizeof(sandbox), "%s/zpcidiag-fuzz-report.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(sandbox))
		fuzz_fail("mkdtemp %s: %s", sandbox, strerror(errno));
	atexit(sandbox_remove);
	snprintf(path, sizeof(path), "%s/a", sandbox);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/a/bait", sandbox);
	close(open(path, O_WRONLY | O_CREAT, 0600));
	snprintf(path, sizeof(path), "%s/a/b", sandbox);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/a/b/bait", sandbox);
	close(open(path, O_WRONLY | O_CREAT, 0600));
	snprintf(unpack_parent, sizeof(unpack_parent), "%s/a/b/t", sandbox);
	if (mkdir(unpack_parent, 0700))
		fuzz_fail("mkdir %s: %s", unpack_parent, strerror(errno));
	setenv("TMPDIR", unpack_parent, 1);
	/* a decompression bomb is cut at 64 MiB a member (EFBIG, refused) instead of filling the disk */
	setrlimit(RLIMIT_FSIZE, &fsize);
	signal(SIGXFSZ, SIG_IGN);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/* Nothing but the expected entries in dir. */
static void expect_only(const char *dir, const char *const *names, size_t n)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	if (!d)
		fuzz_fail("%s: %s", dir, strerror(errno));
	while ((de = readdir(d))) {
		size_t i;

		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		for (i = 0; i < n && strcmp(de->d_name, names[i]); i++)
			;
		if (i == n)
			fuzz_fail("the report wrote %s/%s, outside its unpack directory", dir, de->d_name);
	}
	closedir(d);
}

/* Every link below the unpack directory resolves inside the report's top directory (or nowhere). */
static int link_inside(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	char real[PATH_MAX], top[PATH_MAX];
	size_t plen = strlen(unpack_parent);
	const char *rest;
	size_t n;

	(void)st, (void)ftw;
	if (flag != FTW_SL && flag != FTW_SLN)
		return 0;
	if (!realpath(path, real))
		return 0;	/* dangling or a loop: the readers find nothing there */
	/* top = <unpack_parent>/<zpcidiag-report.XXXXXX>/<first component> */
	rest = path + plen + 1;
	n = strcspn(rest, "/");
	n += rest[n] ? 1 + strcspn(rest + n + 1, "/") : 0;
	snprintf(top, sizeof(top), "%s/%.*s", unpack_parent, (int)n, rest);
	n = strlen(top);
	if (strncmp(real, top, n) || (real[n] && real[n] != '/'))
		fuzz_fail("link %s resolves to %s, outside the report %s", path, real, top);
	return 0;
}

static void check_and_clean(void)
{
	static const char *const in_sandbox[] = { "a", "input" }, *const in_a[] = { "b", "bait" },
				 *const in_b[] = { "t", "bait" };
	char path[PATH_MAX + 8];

	expect_only(sandbox, in_sandbox, 2);
	snprintf(path, sizeof(path), "%s/a", sandbox);
	expect_only(path, in_a, 2);
	snprintf(path, sizeof(path), "%s/a/b", sandbox);
	expect_only(path, in_b, 2);
	nftw(unpack_parent, link_inside, 16, FTW_PHYS);
	nftw(unpack_parent, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void read_model(struct zpci_ctx *ctx)
{
	struct zpci_system sys;
	json_object *doc, *fns;

	if (zpci_system_load(ctx, &sys, ZL_SYSFS | ZL_PCICONF | ZL_CLP | ZL_VFIO | ZL_KDIAG) == ZX_OK) {
		doc = zpci_json_doc_new("show", &sys);
		fns = zpci_json_functions(doc);
		for (size_t i = 0; i < sys.nfns; i++) {
			/* every member, the parts' printers' included */
			json_object *o = zpci_json_fn(&sys.fns[i]);

			if (fns)
				json_object_array_add(fns, o);
			else
				json_object_put(o);
		}
		json_object_to_json_string(doc);
		json_object_put(doc);
	}
	zpci_system_free(&sys);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zpci_ctx ctx = { .sysfs_root = "/sys", .numeric = 1 };
	char input[PATH_MAX + 8], dev[PATH_MAX + 8];
	int fd;

	if (!sandbox[0]) {
		/* messages are formatted (format bugs show) but not printed */
		zpci_msg_quiet(true);
		sandbox_make();
	}
	snprintf(input, sizeof(input), "%s/input", sandbox);
	snprintf(dev, sizeof(dev), "%s/no-dev", sandbox);
	fd = open(input, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size)
		fuzz_fail("%s: %s", input, strerror(errno));
	close(fd);
	ctx.report_file = input;
	ctx.dev_root = dev;	/* never the live /dev, whatever a source tries */
	if (zpci_report_open(&ctx) == ZX_OK)
		read_model(&ctx);
	check_and_clean();
	return 0;
}

/* A tar header block: "ustar" at 257; checksum over the block with its own field as spaces. */
static void fix_tar_checksums(uint8_t *data, size_t size)
{
	for (size_t off = 0; off + 512 <= size; off += 512) {
		uint8_t *h = data + off;
		unsigned int sum = 0;

		if (memcmp(h + 257, "ustar", 5))
			continue;
		memset(h + 148, ' ', 8);
		for (int i = 0; i < 512; i++)
			sum += h[i];
		snprintf((char *)h + 148, 8, "%06o", sum);
		h[155] = ' ';
	}
}

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size) __attribute__((weak));
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
	(void)seed;
	size = LLVMFuzzerMutate(data, size, max_size);
	fix_tar_checksums(data, size);
	return size;
}
