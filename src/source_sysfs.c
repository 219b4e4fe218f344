// SPDX-License-Identifier: MIT
/*
 * The sysfs source: which zPCI functions exist (PCI devices with zPCI
 * attributes, plus standby slots), their zPCI attributes as
 * arch/s390/pci/pci_sysfs.c prints them, and the generic PCI files.
 * Everything is read below ctx->sysfs_root so a fake tree works the same.
 */
#include "config.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_record.h"
#include "select.h"
#include "sources.h"
#include "sysaccess.h"
#include "sysfs_parse.h"

struct pathbuf {
	char p[PATH_MAX];
};

static const char *mkpath(struct pathbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *mkpath(struct pathbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p, sizeof(b->p), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(b->p))
		b->p[0] = '\0';	/* an over-long path simply does not exist */
	return b->p;
}

/*
 * A function's directory, opened once: its files are opened relative to it,
 * so the kernel walks the root and the device link once per function, not
 * once per file. fd -1: files are opened by their full path (slots, or a
 * directory that could not be opened, which then fails file by file).
 */
struct fndir {
	int fd;
	const char *path;
};

/* dir->fd and name for the *at() calls; the full path when there is no fd. */
static int at_fd(const struct fndir *dir, const char *name, struct pathbuf *pb, const char **at)
{
	mkpath(pb, "%s/%s", dir->path, name);
	*at = dir->fd >= 0 ? name : pb->p;
	return dir->fd >= 0 ? dir->fd : AT_FDCWD;
}

/* Whether a file exists; a report keeps it (empty) so the answer stays the same. */
static bool present(const struct fndir *dir, const char *name)
{
	struct pathbuf pb;
	const char *at;
	int fd = at_fd(dir, name, &pb, &at);

	if (!pb.p[0] || faccessat(fd, at, F_OK, 0) != 0)
		return false;
	zpci_record_sysfs_file(pb.p, "", 0);
	return true;
}

/* scandir that tells the recorder the directory exists, even when empty. */
/* After a directory could not be listed: a report keeps why (EACCES...), as
 * it keeps an unreadable file, so that --report answers the same. */
static void dir_failed(const char *path)
{
	int e = errno;

	if (e != ENOENT)
		zpci_record_sysfs_error(path, e);
	errno = e;
}

static int scan_dir(const char *path, struct dirent ***ents)
{
	int n, err = zpci_replay_sysfs_error(path);

	if (err) {
		errno = err;
		return -1;
	}
	n = scandir(path, ents, NULL, alphasort);
	if (n >= 0)
		zpci_record_sysfs_dir(path);
	else
		dir_failed(path);
	return n;
}

static int scan_subdir(const struct fndir *dir, const char *name, struct pathbuf *pb,
		       struct dirent ***ents)
{
	const char *at;
	int fd = at_fd(dir, name, pb, &at), n, err;

	if (!pb->p[0]) {
		errno = ENAMETOOLONG;
		return -1;
	}
	err = zpci_replay_sysfs_error(pb->p);
	if (err) {
		errno = err;
		return -1;
	}
	n = scandirat(fd, at, ents, NULL, alphasort);
	if (n >= 0)
		zpci_record_sysfs_dir(pb->p);
	else
		dir_failed(pb->p);
	return n;
}

enum attr_need {
	ATTR_OPTIONAL,		/* missing is normal (new or conditional attribute) */
	ATTR_EXPECTED,		/* every zPCI function has it on the kernels we know */
};

/*
 * Rule for every file of a function (documented in zpcidiag(8), EXIT STATUS):
 * a file that exists but cannot be read, or whose content is not what the
 * kernel writes, is a critical problem (exit 4); a missing file is a warning
 * when every kernel we know has it, else nothing.
 */
static void file_problem(struct zpci_fn *fn, const char *path, ssize_t err, enum attr_need need)
{
	if (err == -ENOENT) {
		if (need == ATTR_EXPECTED)
			zpci_fn_problem(fn, ZSEV_WARNING, "attr-missing", "%s: missing", path);
		return;
	}
	/* what the file holds is wrong, not the reading: malformed; a
	 * permission is said as such (exit 5, cmd_common.c) */
	zpci_fn_problem(fn, ZSEV_CRITICAL, err == -ZPCI_ETOOLONG || err == -ZPCI_ELINK ||
			err == -ZPCI_EOUTSIDE ?
			"attr-malformed" : err == -EACCES || err == -EPERM ? "permission-denied" :
			"attr-unreadable", "%s: %s", path, zpci_sys_strerror((int)-err));
}

/* One numeric attribute into a struct zv: at most max (the width the kernel
 * prints), recording problems that name the file. */
static void read_num(struct zpci_fn *fn, const struct fndir *dir, const char *name,
		     struct zv *out, enum attr_need need, uint64_t max)
{
	struct pathbuf pb;
	char buf[64], shown[48];
	ssize_t n = zpci_file_read_at(dir->fd, name, mkpath(&pb, "%s/%s", dir->path, name), buf,
				      sizeof(buf) - 1, NULL);

	out->st = ZV_ABSENT;
	if (n < 0) {
		file_problem(fn, pb.p, n, need);
		if (n != -ENOENT)
			out->st = ZV_MALFORMED;
		return;
	}
	buf[n] = '\0';
	if (zpci_parse_number(buf, (size_t)n, &out->v) == 0 && out->v <= max) {
		out->st = ZV_OK;
		return;
	}
	out->st = ZV_MALFORMED;
	if (n && buf[n - 1] == '\n')
		buf[--n] = '\0';
	zpci_sanitize(buf, (size_t)n, shown, sizeof(shown));
	if (zpci_parse_number(buf, (size_t)n, &out->v) == 0)
		zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
				"%s: value %s is wider than the kernel's 0x%llx", pb.p, shown,
				(unsigned long long)max);
	else
		zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s: malformed value \"%s\"",
				pb.p, shown);
}

/* A symbolic link's target name; problems for links that resolve to nothing. */
static int read_link(struct zpci_fn *fn, const char *code, const struct fndir *dir,
		     const char *name, char *base, size_t len, char *real, size_t reallen)
{
	struct pathbuf pb;
	int rc = zpci_link_resolve_at(dir->fd, name, mkpath(&pb, "%s/%s", dir->path, name), base,
				      len, real, reallen);

	if (rc < 0)
		zpci_fn_problem(fn, ZSEV_CRITICAL, code, "%s: %s", pb.p, zpci_sys_strerror(-rc));
	if (rc)
		base[0] = '\0';
	return rc;
}

static bool fn_has_zpci_attrs(const struct fndir *dir, int *err)
{
	static const char *const markers[] = { "function_id", "function_handle", "uid", "pfip", "pft" };
	struct pathbuf pb;
	struct stat st;
	const char *at;

	/* lstat: a marker that is a dangling link still says "zPCI function" */
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		int fd = at_fd(dir, markers[i], &pb, &at);

		if (pb.p[0] && fstatat(fd, at, &st, AT_SYMLINK_NOFOLLOW) == 0)
			return true;
		/* a directory we may not look into: a function we cannot read,
		 * not "no function" */
		if (errno == EACCES || errno == EPERM) {
			*err = errno;
			return true;
		}
	}
	return false;
}

/* Widths as arch/s390/pci/pci_sysfs.c prints them (struct zpci_dev fields). */
#define W8 0xffULL
#define W16 0xffffULL
#define W24 0xffffffULL
#define W32 0xffffffffULL
#define WBOOL 1ULL

static void read_zpci_attrs(struct zpci_fn *fn, const struct fndir *dir)
{
	struct zpci_sysfs_attrs *a = &fn->zattr;
	struct pathbuf pb;
	ssize_t n;

	read_num(fn, dir, "function_id", &a->fid, ATTR_EXPECTED, W32);
	read_num(fn, dir, "function_handle", &a->fh, ATTR_EXPECTED, W32);
	read_num(fn, dir, "pchid", &a->pchid, ATTR_EXPECTED, W16);
	read_num(fn, dir, "pfgid", &a->pfgid, ATTR_EXPECTED, W8);
	read_num(fn, dir, "vfn", &a->vfn, ATTR_EXPECTED, W16);
	read_num(fn, dir, "pft", &a->pft, ATTR_EXPECTED, W8);
	read_num(fn, dir, "uid", &a->uid, ATTR_EXPECTED, W32);
	/* port, mio_enabled and uid_is_unique appeared in 5.x, index in 5.13
	 * (and only while UID checking is on), fidparm in 6.13: an absence is
	 * judged over all functions in model.c, not here */
	read_num(fn, dir, "port", &a->port, ATTR_OPTIONAL, W8);
	read_num(fn, dir, "mio_enabled", &a->mio_enabled, ATTR_OPTIONAL, WBOOL);
	read_num(fn, dir, "uid_is_unique", &a->uid_is_unique, ATTR_OPTIONAL, WBOOL);
	read_num(fn, dir, "fidparm", &a->fidparm, ATTR_OPTIONAL, W8);
	read_num(fn, dir, "index", &a->index, ATTR_OPTIONAL, W32);
	for (int i = 0; i < 4; i++) {
		char name[32];

		snprintf(name, sizeof(name), "pfip/segment%d", i);
		read_num(fn, dir, name, &a->pfip[i], ATTR_EXPECTED, W8);
	}
	/* util_string is a 64-byte binary attribute holding CLP's utility
	 * string in EBCDIC, unchanged; util_string.c decodes it */
	n = zpci_file_read_at(dir->fd, "util_string", mkpath(&pb, "%s/util_string", dir->path),
			      a->util_string, sizeof(a->util_string), NULL);
	if (n >= 0) {
		a->util_present = true;
		a->util_len = (size_t)n;
	} else if (n == -ZPCI_ETOOLONG) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
				"%s: longer than 64 bytes (CLP's utility string is 64)", pb.p);
	} else {
		file_problem(fn, pb.p, n, ATTR_OPTIONAL);
	}
	if (zv_ok(a->fid)) {
		fn->fid = (uint32_t)a->fid.v;
		fn->fid_known = true;
	}
}

static void read_resources(struct zpci_fn *fn, const struct fndir *dir)
{
	struct pathbuf pb;
	char buf[2048], name[24];
	ssize_t n = zpci_file_read_at(dir->fd, "resource", mkpath(&pb, "%s/resource", dir->path),
				      buf, sizeof(buf) - 1, NULL);
	char *line, *save = NULL;
	int i = 0;

	if (n < 0) {
		file_problem(fn, pb.p, n, ATTR_EXPECTED);
		return;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line && i < ZPCI_NUM_BARS;
	     line = strtok_r(NULL, "\n", &save), i++) {
		struct zpci_bar *b = &fn->bars[i];

		if (zpci_parse_resource_line(line, &b->start, &b->end, &b->flags)) {
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s: line %d malformed",
					pb.p, i + 1);
			continue;
		}
		if (b->flags == 0 && b->start == 0 && b->end == 0)
			continue;
		if (b->end < b->start) {
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
					"%s: line %d ends before it starts", pb.p, i + 1);
			continue;
		}
		if (b->start == 0 && b->end == UINT64_MAX) {
			/* the size would be 2^64, which no BAR has (lspci: <ignored>) */
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
					"%s: line %d spans 2^64 bytes: no BAR is that large", pb.p,
					i + 1);
			continue;
		}
		b->present = true;
		/* IORESOURCE_IO 0x100, _MEM_64 0x100000, _PREFETCH 0x2000 (linux/ioport.h) */
		b->is_io = (b->flags & 0x100) != 0;
		b->is_64bit = (b->flags & 0x100000) != 0;
		b->prefetchable = (b->flags & 0x2000) != 0;
		b->size = b->end - b->start + 1;
		snprintf(name, sizeof(name), "resource%d", i);
		b->has_resource_file = present(dir, name);
	}
	if (n == 0) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s/resource: empty", dir->path);
		return;
	}
	/* the kernel writes a line for every resource, the six BARs first */
	if (i < ZPCI_NUM_BARS)
		zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
				"%s/resource: %d line%s; the kernel writes one per resource, six BARs "
				"at least", dir->path, i, i == 1 ? "" : "s");
	/* one function's BARs are distinct ranges (iomap cookies or MIO addresses) */
	for (int a = 0; a < ZPCI_NUM_BARS; a++)
		for (int c = a + 1; c < ZPCI_NUM_BARS; c++)
			if (fn->bars[a].present && fn->bars[c].present &&
			    fn->bars[a].start <= fn->bars[c].end && fn->bars[c].start <= fn->bars[a].end)
				zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
						"%s/resource: BAR %d and BAR %d overlap", dir->path, a,
						c);
}

static void add_name(char (*list)[32], int max, const char *raw)
{
	char name[32];

	zpci_sanitize(raw, strlen(raw), name, sizeof(name));
	for (int i = 0; i < max; i++) {
		if (strcmp(list[i], name) == 0)
			return;
		if (!list[i][0]) {
			snprintf(list[i], sizeof(list[i]), "%s", name);
			return;
		}
	}
}

/* Entries of a sub-directory (net/, nvme/) as names of this function: list holds max. */
static void read_subdir_names(struct zpci_fn *fn, const struct fndir *dir, const char *sub,
			      char (*list)[32], int max)
{
	struct pathbuf pb;
	struct dirent **ents;
	int n = scan_subdir(dir, sub, &pb, &ents);

	/* there, but not listable: the names are unknown, not absent */
	if (n < 0 && errno != ENOENT)
		file_problem(fn, pb.p, -errno, ATTR_OPTIONAL);

	for (int i = 0; i < n; i++) {
		struct pathbuf sub_pb;

		if (ents[i]->d_name[0] != '.') {
			add_name(list, max, ents[i]->d_name);
			zpci_record_sysfs_dir(mkpath(&sub_pb, "%s/%s", pb.p, ents[i]->d_name));
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

/*
 * Config space as the kernel offers it: 256 or 4096 bytes (the file's size,
 * pci_cfg_space_size()); without CAP_SYS_ADMIN a read returns only the
 * 64-byte header. Anything else is not what the kernel writes.
 */
static void read_config(struct zpci_fn *fn, const struct fndir *dir)
{
	struct zpci_pci_info *p = &fn->pci;
	unsigned char cfg[4096];
	struct pathbuf pb;
	off_t size = 0;
	ssize_t n = zpci_file_read_at(dir->fd, "config", mkpath(&pb, "%s/config", dir->path), cfg,
				      sizeof(cfg), &size);

	if (n < 0) {
		if (n == -ZPCI_ETOOLONG)
			zpci_fn_problem(fn, ZSEV_CRITICAL, "config-size",
					"%s: more than 4096 bytes of config space", pb.p);
		else
			zpci_fn_problem(fn, ZSEV_CRITICAL, n == -ENOENT ? "attr-missing" :
					"attr-unreadable", "%s: %s", pb.p,
					n == -ENOENT ? "missing" : zpci_sys_strerror((int)-n));
		return;
	}
	p->config_len = (size_t)n;
	if (size != 256 && size != 4096) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "config-size",
				"%s: %lld bytes of config space (the kernel offers 256 or 4096)",
				pb.p, (long long)size);
		return;
	}
	if (n < size && !(n == 64 && geteuid() != 0)) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "config-truncated",
				"%s: only %zd of %lld bytes of config space readable", pb.p, n,
				(long long)size);
		return;
	}
	p->config_present = true;
	/* the header, decoded by the pciconf source: config is read once */
	memcpy(p->config_header, cfg, sizeof(p->config_header));
	if (cfg[0] == 0xff && cfg[1] == 0xff)
		/* reads of a function that does not answer return all ones */
		zpci_fn_problem(fn, ZSEV_CRITICAL, "config-not-responding",
				"%s: vendor ID reads 0xffff: the function is not responding", pb.p);
}

/* A function with no driver link that is still enabled: its driver's remove is running. */
static bool driver_being_removed(const struct fndir *dir)
{
	struct pathbuf pb;
	char enable[16];

	if (zpci_file_read_text_at(dir->fd, "enable", mkpath(&pb, "%s/enable", dir->path), enable,
				   sizeof(enable)) <= 0)
		return false;
	return strcmp(enable, "0") != 0;
}

static void read_generic(struct zpci_fn *fn, const struct fndir *dir)
{
	struct zpci_pci_info *p = &fn->pci;
	struct pathbuf pb;
	char link[64], raw[256];
	int lrc;
	ssize_t n;

	read_num(fn, dir, "vendor", &p->vendor, ATTR_EXPECTED, W16);
	read_num(fn, dir, "device", &p->device, ATTR_EXPECTED, W16);
	read_num(fn, dir, "subsystem_vendor", &p->subsys_vendor, ATTR_OPTIONAL, W16);
	read_num(fn, dir, "subsystem_device", &p->subsys_device, ATTR_OPTIONAL, W16);
	read_num(fn, dir, "class", &p->class_code, ATTR_OPTIONAL, W24);
	read_num(fn, dir, "revision", &p->revision, ATTR_OPTIONAL, W8);
	read_num(fn, dir, "sriov_numvfs", &p->sriov_numvfs, ATTR_OPTIONAL, W16);
	read_num(fn, dir, "sriov_totalvfs", &p->sriov_totalvfs, ATTR_OPTIONAL, W16);
	lrc = read_link(fn, "driver-unresolvable", dir, "driver", raw, sizeof(raw), NULL, 0);
	if (lrc == 0)
		zpci_sanitize(raw, strlen(raw), p->driver, sizeof(p->driver));
	p->driver_unusable = lrc < 0;
	/*
	 * On Linux 6.1 reading driver_override takes the device lock (newer
	 * kernels, Debian's 6.12.117 among them, use a spinlock). A driver's
	 * removal holds that lock, with the driver link already gone, for as
	 * long as a vfio user keeps the function open: reading it then would
	 * hang a plain `list`. A function still enabled without a driver link
	 * is one whose driver is being removed (`enable` reads a counter,
	 * without the lock): its override is skipped. With a driver link the
	 * lock is free unless a removal starts between the two reads.
	 */
	if (p->driver[0] || !driver_being_removed(dir)) {
		n = zpci_file_read_text_at(dir->fd, "driver_override",
					   mkpath(&pb, "%s/driver_override", dir->path), raw, sizeof(raw));
		if (n >= 0 && strcmp(raw, "(null)") != 0)
			zpci_sanitize(raw, (size_t)n, p->driver_override, sizeof(p->driver_override));
		else if (n < 0)
			file_problem(fn, pb.p, n, ATTR_OPTIONAL);
	}
	lrc = read_link(fn, "iommu-group-unresolvable", dir, "iommu_group", link, sizeof(link), NULL, 0);
	if (lrc < 0)
		p->iommu_group.st = ZV_MALFORMED;	/* there, but leads nowhere it may */
	if (lrc == 0) {
		p->iommu_group.st = zpci_parse_number(link, strlen(link), &p->iommu_group.v) ?
				    ZV_MALFORMED : ZV_OK;
		if (p->iommu_group.st == ZV_MALFORMED) {
			zpci_sanitize(link, strlen(link), raw, sizeof(raw));
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed",
					"%s/iommu_group: link to \"%s\", not a group number", dir->path,
					raw);
		}
	}
	read_config(fn, dir);
	read_resources(fn, dir);
	read_subdir_names(fn, dir, "net", p->netdevs, 4);
	read_subdir_names(fn, dir, "nvme", p->blockdevs, 4);
	/* the RDMA device a RoCE function's driver registers (mlx5_0), SMC's view */
	read_subdir_names(fn, dir, "infiniband", p->ibdevs, 4);
	/* the vfio device cdev (vfioN) of a function on a vfio driver */
	read_subdir_names(fn, dir, "vfio-dev", &p->vfio_dev, 1);
}

/*
 * A VF's physfn link must lead to another function that is not a VF itself
 * (pci_iov_add_virtfn links the VF to its PF); anything else is not "linked".
 */
static void read_physfn(struct zpci_fn *fn, const struct fndir *dir)
{
	struct zpci_pci_info *p = &fn->pci;
	char base[64], real[PATH_MAX], buf[32];
	struct pathbuf pb;
	unsigned int d, b, dv, f;
	uint64_t vfn;
	ssize_t n;

	int rc = read_link(fn, "physfn-unresolvable", dir, "physfn", base, sizeof(base), real,
			   sizeof(real));

	if (rc) {
		p->physfn_unusable = rc < 0;
		return;
	}
	if (zpci_parse_pci_address(base, &d, &b, &dv, &f)) {
		/* the whole target when its last name says nothing ("/") */
		if (base[0])
			zpci_sanitize(base, strlen(base), buf, sizeof(buf));
		else
			zpci_sanitize(real, strlen(real), buf, sizeof(buf));
		zpci_fn_problem(fn, ZSEV_CRITICAL, "physfn-not-a-function",
				"%s/physfn: points to \"%s\", not a PCI function", dir->path, buf);
		return;
	}
	if (d == fn->domain && b == fn->bus && dv == fn->dev && f == fn->func) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "physfn-self",
				"%s/physfn: points to the function itself", dir->path);
		return;
	}
	n = zpci_file_read_text(mkpath(&pb, "%s/vfn", real), buf, sizeof(buf));
	if (n >= 0 && zpci_parse_number(buf, (size_t)n, &vfn) == 0 && vfn != 0) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "physfn-to-vf",
				"%s/physfn: points to %s, a VF (vfn %llu), not a PF", dir->path, base,
				(unsigned long long)vfn);
		return;
	}
	snprintf(p->physfn, sizeof(p->physfn), "%.15s", base);	/* a parsed address fits */
}

static struct zpci_fn *new_fn(struct zpci_system *sys)
{
	struct zpci_fn *fns = realloc(sys->fns, (sys->nfns + 1) * sizeof(*fns));

	if (!fns)
		return NULL;
	sys->fns = fns;
	memset(&fns[sys->nfns], 0, sizeof(fns[0]));
	return &fns[sys->nfns++];
}

static struct zpci_fn *fn_by_address(struct zpci_system *sys, const char *addr)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (strcmp(sys->fns[i].address, addr) == 0)
			return &sys->fns[i];
	return NULL;
}

/* One number of a directory into a sketch of a function (nothing else is said about it). */
static void read_id(const char *dir, const char *name, struct zv *v)
{
	struct pathbuf pb;
	char buf[32];
	ssize_t n = zpci_file_read_text(mkpath(&pb, "%s/%s", dir, name), buf, sizeof(buf));

	if (n > 0 && zpci_parse_number(buf, (size_t)n, &v->v) == 0)
		v->st = ZV_OK;
}

/*
 * With selectors on the command line, only the functions they can match are
 * read: a sketch of the function gets just the values the selectors name (an
 * address by its name, a FID or UID by one file, an interface or NVMe
 * controller by its directory) and select.c's matcher decides on it.
 * Without selectors everything is read.
 */
static bool wanted(const struct zpci_selectors *only, const char *dir, unsigned int d,
		   unsigned int b, unsigned int dv, unsigned int f)
{
	unsigned int kinds = zpci_selectors_kinds(only);
	const struct fndir fd = { .fd = -1, .path = dir };
	struct zpci_fn sketch = { .state = ZPCI_FN_CONFIGURED, .domain = d, .bus = b, .dev = dv,
				  .func = f };
	struct zv fid = { 0 };
	bool match;

	if (!kinds)
		return true;
	if (kinds & (1u << ZSEL_FID)) {
		read_id(dir, "function_id", &fid);
		sketch.fid = (uint32_t)fid.v;
		sketch.fid_known = zv_ok(fid) && fid.v <= UINT32_MAX;
	}
	if (kinds & (1u << ZSEL_UID))
		read_id(dir, "uid", &sketch.zattr.uid);
	if (kinds & (1u << ZSEL_NETDEV)) {	/* interfaces and RDMA devices */
		read_subdir_names(&sketch, &fd, "net", sketch.pci.netdevs, 4);
		read_subdir_names(&sketch, &fd, "infiniband", sketch.pci.ibdevs, 4);
	}
	if (kinds & (1u << ZSEL_NVME))
		read_subdir_names(&sketch, &fd, "nvme", sketch.pci.blockdevs, 4);
	match = zpci_selectors_match_any(only, &sketch);
	zpci_fn_free(&sketch);	/* a problem met while sketching is found again by the scan */
	return match;
}

/* One entry of bus/pci/devices: a zPCI function is read, anything else skipped. */
static int scan_device(struct zpci_ctx *ctx, struct zpci_system *sys,
		       const struct zpci_selectors *only, const char *base, const char *name)
{
	struct pathbuf path;
	struct fndir dir = { .fd = -1, .path = mkpath(&path, "%s/%s", base, name) };
	unsigned int d, b, dv, f;
	struct zpci_fn *fn;
	char real[64], shown[64];
	int lrc, denied = 0;

	if (zpci_parse_pci_address(name, &d, &b, &dv, &f) || strlen(name) >= ZPCI_ADDR_LEN) {
		if (ctx->verbose) {
			zpci_sanitize(name, strlen(name), shown, sizeof(shown));
			zpci_warn("%s/%s: not a PCI address; skipped", base, shown);
		}
		return ZX_OK;
	}
	if (!wanted(only, dir.path, d, b, dv, f))
		return ZX_OK;
	/* the kernel links each entry to the device's directory */
	lrc = zpci_link_resolve(dir.path, real, sizeof(real), NULL, 0);
	/* an unresolvable entry is said once, by its device-unresolvable problem */
	if (lrc >= 0 || lrc == -ZPCI_ENOTLINK) {
		/* O_PATH: a handle for the *at() calls, nothing is read through it */
		dir.fd = open(dir.path, O_PATH | O_DIRECTORY | O_CLOEXEC);
		if (!fn_has_zpci_attrs(&dir, &denied)) {
			if (ctx->verbose)
				zpci_warn("%s: no zPCI attributes, not a zPCI function; skipped", name);
			goto out;
		}
	}
	fn = new_fn(sys);
	if (!fn) {
		if (dir.fd >= 0)
			close(dir.fd);
		return ZX_INTERNAL;
	}
	/* name fits (checked above); the precision says so to -Wformat-truncation */
	snprintf(fn->address, sizeof(fn->address), "%.*s", (int)sizeof(fn->address) - 1, name);
	fn->domain = d, fn->bus = b, fn->dev = dv, fn->func = f;
	fn->state = ZPCI_FN_CONFIGURED;
	if (lrc < 0 && lrc != -ZPCI_ENOTLINK) {
		/* listed, but nothing behind it: shown, with why */
		zpci_fn_problem(fn, ZSEV_CRITICAL, "device-unresolvable", "%s: %s", dir.path,
				zpci_sys_strerror(-lrc));
		zpci_src_set(&fn->src_sysfs, ZS_ERROR, "%s", zpci_sys_strerror(-lrc));
		return ZX_OK;
	}
	if (denied) {
		zpci_fn_problem(fn, ZSEV_CRITICAL, "permission-denied", "%s: %s", dir.path,
				strerror(denied));
		zpci_src_set(&fn->src_sysfs, ZS_NO_PERMISSION, "%s", strerror(denied));
		goto out;
	}
	fn->zattr.is_zpci = true;
	read_zpci_attrs(fn, &dir);
	read_generic(fn, &dir);
	read_physfn(fn, &dir);
	zpci_src_set(&fn->src_sysfs, ZS_OK, NULL);
out:
	if (dir.fd >= 0)
		close(dir.fd);
	return ZX_OK;
}

static int scan_devices(struct zpci_ctx *ctx, struct zpci_system *sys,
			const struct zpci_selectors *only)
{
	struct pathbuf base;
	struct dirent **ents;
	int n, rc = ZX_OK;

	n = scan_dir(mkpath(&base, "%s/bus/pci/devices", ctx->sysfs_root), &ents);
	if (n < 0) {
		zpci_err("%s: %s", base.p, strerror(errno));
		return zpci_errno_exit(errno, ZX_DATA);
	}
	for (int i = 0; i < n && !rc; i++)
		if (ents[i]->d_name[0] != '.')
			rc = scan_device(ctx, sys, only, base.p, ents[i]->d_name);
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return rc;
}

/* a function in standby: its FID is the slot's name, its UID in the slot on 2026 kernels */
static bool fid_wanted(const struct zpci_selectors *only, uint64_t fid, const char *slotdir)
{
	unsigned int kinds = zpci_selectors_kinds(only);
	struct zpci_fn sketch = { .state = ZPCI_FN_STANDBY, .fid = (uint32_t)fid, .fid_known = true };

	if (!kinds)
		return true;
	if (kinds & (1u << ZSEL_UID))
		read_id(slotdir, "uid", &sketch.zattr.uid);
	return zpci_selectors_match_any(only, &sketch);
}

/*
 * The slot's uid (2026 kernels, Documentation/arch/s390/pci.rst): the only
 * place a standby function's UID shows before it is configured. Printed
 * like the device's uid ("0x%x"); older kernels have no such file.
 */
static void read_slot_uid(struct zpci_fn *fn, const char *slotdir)
{
	struct zpci_sysfs_attrs *a = &fn->zattr;

	read_num(fn, &(struct fndir){ .fd = -1, .path = slotdir }, "uid", &a->slot_uid,
		 ATTR_OPTIONAL, W32);
	if (!zv_ok(a->slot_uid))
		return;
	if (fn->state != ZPCI_FN_CONFIGURED) {
		a->uid = a->slot_uid;
		a->uid_from_slot = true;
	} else if (zv_ok(a->uid) && a->uid.v != a->slot_uid.v) {
		zpci_fn_problem(fn, ZSEV_WARNING, "slot-uid-mismatch",
				"%s/uid: 0x%llx, but the function's uid is 0x%llx", slotdir,
				(unsigned long long)a->slot_uid.v, (unsigned long long)a->uid.v);
	}
}

/* s390's hotplug driver names each slot after the FID ("%08x", s390_pci_hpc.c);
 * a standby function keeps its slot with power 0 but has no PCI device. */
static bool slot_powered(const char *base, const char *name)
{
	struct pathbuf pb;
	char buf[8];

	return zpci_file_read_text(mkpath(&pb, "%s/%s/power", base, name), buf, sizeof(buf)) > 0 &&
	       strcmp(buf, "1") == 0;
}

static int scan_slots(struct zpci_ctx *ctx, struct zpci_system *sys,
		      const struct zpci_selectors *only)
{
	struct pathbuf base, pb;
	struct dirent **ents;
	size_t unknown_fids = 0;
	int n;

	n = scan_dir(mkpath(&base, "%s/bus/pci/slots", ctx->sysfs_root), &ents);
	if (n < 0 && errno != ENOENT) {
		/* there but not listable: standby functions unknown, not absent
		 * (the same answer as for bus/pci/devices: EACCES is exit 5) */
		zpci_err("%s: %s", base.p, strerror(errno));
		return zpci_errno_exit(errno, ZX_DATA);
	}
	if (n < 0)
		return ZX_OK;	/* no hotplug driver: no slots, nothing on standby visible */
	for (size_t j = 0; j < sys->nfns; j++)
		if (sys->fns[j].state == ZPCI_FN_CONFIGURED && !sys->fns[j].fid_known)
			unknown_fids++;
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		uint64_t fid;
		struct zpci_fn *fn = NULL;

		if (strlen(name) != 8 || zpci_parse_hex(name, &fid))
			continue;
		for (size_t j = 0; j < sys->nfns; j++)
			if (sys->fns[j].fid_known && sys->fns[j].fid == fid)
				fn = &sys->fns[j];
		if (!fn && !fid_wanted(only, fid, mkpath(&pb, "%s/%s", base.p, name)))
			continue;
		/* a powered slot with no function of its FID, while a configured
		 * function's FID could not be read: most likely that function's
		 * slot, not a function in standby */
		if (!fn && unknown_fids && slot_powered(base.p, name))
			continue;
		if (!fn) {
			fn = new_fn(sys);
			if (!fn)
				break;
			fn->state = ZPCI_FN_STANDBY;
			fn->fid = (uint32_t)fid;
			fn->fid_known = true;
			zpci_src_set(&fn->src_sysfs, ZS_OK, NULL);
		}
		snprintf(fn->zattr.slot_name, sizeof(fn->zattr.slot_name), "%.*s",
			 (int)sizeof(fn->zattr.slot_name) - 1, name);
		read_num(fn, &(struct fndir){ .fd = -1, .path = mkpath(&pb, "%s/%s", base.p, name) },
			 "power", &fn->zattr.slot_power, ATTR_EXPECTED, WBOOL);
		if (fn->state == ZPCI_FN_STANDBY && zv_ok(fn->zattr.slot_power) && fn->zattr.slot_power.v) {
			/* not standby: its own state, everywhere (zpcidiag(8)) */
			fn->state = ZPCI_FN_POWERED_NO_DEVICE;
			zpci_fn_problem(fn, ZSEV_WARNING, "slot-powered-no-device",
					"%s/%s: power is on but no PCI device has FID 0x%08x",
					base.p, name, (unsigned int)fid);
		}
		if (fn->state == ZPCI_FN_CONFIGURED && zv_ok(fn->zattr.slot_power) && !fn->zattr.slot_power.v)
			zpci_fn_problem(fn, ZSEV_WARNING, "slot-power-off",
					"%s/%s/power: 0 although the function is configured",
					base.p, name);
		read_slot_uid(fn, mkpath(&pb, "%s/%s", base.p, name));
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return ZX_OK;
}

/* class/<cls>/<name>/device links point at the PCI function (net) or, for
 * nvme, at the PCI function owning controller <name>. */
static int scan_class_links(struct zpci_ctx *ctx, struct zpci_system *sys, const char *cls)
{
	struct pathbuf base, pb;
	struct dirent **ents;
	int n = scan_dir(mkpath(&base, "%s/class/%s", ctx->sysfs_root, cls), &ents);

	if (n < 0 && errno != ENOENT) {
		zpci_err("%s: %s", base.p, strerror(errno));
		return zpci_errno_exit(errno, ZX_DATA);
	}
	for (int i = 0; i < n; i++) {
		char target[64];
		struct zpci_fn *fn;

		if (ents[i]->d_name[0] != '.' &&
		    zpci_link_resolve(mkpath(&pb, "%s/%s/device", base.p, ents[i]->d_name),
				      target, sizeof(target), NULL, 0) == 0 &&
		    (fn = fn_by_address(sys, target)))
			add_name(strcmp(cls, "net") == 0 ? fn->pci.netdevs : fn->pci.blockdevs, 4,
				 ents[i]->d_name);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	return ZX_OK;
}

static int fn_order(const void *a, const void *b)
{
	const struct zpci_fn *x = a, *y = b;

	if (x->state != y->state)
		return (int)x->state - (int)y->state;
	if (x->state == ZPCI_FN_CONFIGURED) {
		if (x->domain != y->domain)
			return x->domain < y->domain ? -1 : 1;
		return strcmp(x->address, y->address);
	}
	return x->fid < y->fid ? -1 : x->fid > y->fid;
}

int zpci_sysfs_scan(struct zpci_ctx *ctx, struct zpci_system *sys,
		    const struct zpci_selectors *only)
{
	struct pathbuf pb;
	char buf[16];
	ssize_t n;
	int rc;

	rc = scan_devices(ctx, sys, only);
	if (rc)
		return rc;
	rc = scan_slots(ctx, sys, only);
	if (!rc)
		rc = scan_class_links(ctx, sys, "net");
	if (!rc)
		rc = scan_class_links(ctx, sys, "nvme");
	if (rc)
		return rc;
	n = zpci_file_read_text(mkpath(&pb, "%s/firmware/clp/uid_checking", ctx->sysfs_root), buf,
				sizeof(buf));
	if (n >= 0) {
		sys->uid_checking.st = zpci_parse_number(buf, (size_t)n, &sys->uid_checking.v) ||
				       sys->uid_checking.v > 1 ? ZV_MALFORMED : ZV_OK;
		if (sys->uid_checking.st == ZV_MALFORMED)
			zpci_warn("%s: malformed value", pb.p);
	} else if (n != -ENOENT) {
		sys->uid_checking.st = ZV_MALFORMED;
		zpci_warn("%s: %s", pb.p, zpci_sys_strerror((int)-n));
	}
	if (sys->nfns > 1)
		qsort(sys->fns, sys->nfns, sizeof(sys->fns[0]), fn_order);
	return ZX_OK;
}

/* Attributes a report must not read: writes, device memory, slow or side effects. */
static bool report_skips(const char *name)
{
	static const char *const skip[] = { "remove", "rescan", "reset", "recover", "report_error",
					    "rom", "vpd", "config", "driver_override", NULL };

	if (strncmp(name, "resource", 8) == 0 && name[8])	/* resourceN: BAR memory */
		return true;
	for (int i = 0; skip[i]; i++)
		if (strcmp(skip[i], name) == 0)
			return true;
	return false;
}

static void record_dir_files(const char *dir)
{
	struct dirent **ents;
	struct pathbuf pb;
	char *buf = malloc(65536);
	int n = buf ? scan_dir(dir, &ents) : -1;

	for (int i = 0; i < n; i++) {
		struct stat st;

		if (ents[i]->d_name[0] != '.' && !report_skips(ents[i]->d_name) &&
		    lstat(mkpath(&pb, "%s/%s", dir, ents[i]->d_name), &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 0444))
			zpci_file_read(pb.p, buf, 65536, NULL);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	free(buf);
}

/*
 * What a report keeps beyond what the commands read, for the people reading
 * it: every readable attribute of each function, the slots' address files,
 * the IOMMU groups' reserved regions and /sys/firmware/clp.
 */
void zpci_sysfs_record_extras(struct zpci_ctx *ctx, const struct zpci_system *sys)
{
	struct pathbuf pb;
	char buf[4096];

	for (size_t i = 0; i < sys->nfns; i++) {
		const struct zpci_fn *fn = &sys->fns[i];

		if (fn->address[0]) {
			record_dir_files(mkpath(&pb, "%s/bus/pci/devices/%s", ctx->sysfs_root, fn->address));
			record_dir_files(mkpath(&pb, "%s/bus/pci/devices/%s/pfip", ctx->sysfs_root,
						fn->address));
		}
		if (zv_ok(fn->pci.iommu_group)) {
			record_dir_files(mkpath(&pb, "%s/kernel/iommu_groups/%llu", ctx->sysfs_root,
						(unsigned long long)fn->pci.iommu_group.v));
		}
		if (fn->zattr.slot_name[0])
			zpci_file_read(mkpath(&pb, "%s/bus/pci/slots/%s/address", ctx->sysfs_root,
					      fn->zattr.slot_name), buf, sizeof(buf), NULL);
	}
	record_dir_files(mkpath(&pb, "%s/firmware/clp", ctx->sysfs_root));
}

/* The same file access for the other sysfs readers (source_host.c). */
ssize_t zpci_sysfs_read(const char *path, void *buf, size_t cap)
{
	return zpci_file_read(path, buf, cap, NULL);
}

int zpci_sysfs_link_base(const char *path, char *out, size_t outlen)
{
	char raw[256];

	out[0] = '\0';
	if (zpci_link_resolve(path, raw, sizeof(raw), NULL, 0))
		return -1;
	zpci_sanitize(raw, strlen(raw), out, outlen);
	return 0;
}
