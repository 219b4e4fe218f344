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
#include "sources.h"
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

/* Reads at most cap bytes; returns bytes read or -errno. */
static ssize_t read_file(const char *path, void *buf, size_t cap)
{
	size_t got = 0;
	int fd;

	if (!path[0])
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (got < cap) {
		ssize_t n = read(fd, (char *)buf + got, cap - got);

		if (n < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			return -e;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	zpci_record_sysfs_file(path, buf, got);
	return (ssize_t)got;
}

/* Whether a file exists; a report keeps it (empty) so the answer stays the same. */
static bool present(const char *path)
{
	if (access(path, F_OK) != 0)
		return false;
	zpci_record_sysfs_file(path, "", 0);
	return true;
}

/* scandir that tells the recorder the directory exists, even when empty. */
static int scan_dir(const char *path, struct dirent ***ents)
{
	int n = scandir(path, ents, NULL, alphasort);

	if (n >= 0)
		zpci_record_sysfs_dir(path);
	return n;
}

/* Basename of a symlink's target, "" when there is no link. */
static int read_link_base(const char *path, char *out, size_t outlen)
{
	char target[PATH_MAX];
	ssize_t n = path[0] ? readlink(path, target, sizeof(target) - 1) : -1;
	const char *base;

	out[0] = '\0';
	if (n < 0)
		return -1;
	target[n] = '\0';
	zpci_record_sysfs_link(path);
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= outlen)
		return -1;	/* no PCI address, driver or group name is that long */
	memcpy(out, base, strlen(base) + 1);
	return 0;
}

enum attr_need {
	ATTR_OPTIONAL,		/* missing is normal (new or conditional attribute) */
	ATTR_EXPECTED,		/* every zPCI function has it on the kernels we know */
};

/* One numeric attribute into a struct zv, recording problems that name the file. */
static void read_num(struct zpci_fn *fn, const char *dir, const char *name,
		     struct zv *out, enum attr_need need)
{
	struct pathbuf pb;
	char buf[64];
	ssize_t n = read_file(mkpath(&pb, "%s/%s", dir, name), buf, sizeof(buf) - 1);

	out->st = ZV_ABSENT;
	if (n < 0) {
		if (n != -ENOENT)
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-unreadable", "%s: %s", pb.p, strerror((int)-n));
		else if (need == ATTR_EXPECTED)
			zpci_fn_problem(fn, ZSEV_WARNING, "attr-missing", "%s: missing", pb.p);
		return;
	}
	buf[n] = '\0';
	if (zpci_parse_number(buf, (size_t)n, &out->v) == 0) {
		out->st = ZV_OK;
		return;
	}
	out->st = ZV_MALFORMED;
	/* keep the message printable whatever garbage the file holds */
	for (ssize_t i = 0; i < n; i++)
		if (buf[i] == '\n' && i == n - 1)
			buf[i] = '\0';
		else if (buf[i] < 0x20 || buf[i] > 0x7e)
			buf[i] = '?';
	zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s: malformed value \"%.40s\"", pb.p, buf);
}

static bool fn_has_zpci_attrs(const char *dir)
{
	static const char *const markers[] = { "function_id", "function_handle", "uid", "pfip", "pft" };
	struct pathbuf pb;

	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++)
		if (present(mkpath(&pb, "%s/%s", dir, markers[i])))
			return true;
	return false;
}

static void read_zpci_attrs(struct zpci_fn *fn, const char *dir)
{
	struct zpci_sysfs_attrs *a = &fn->zattr;
	struct pathbuf pb;
	ssize_t n;

	read_num(fn, dir, "function_id", &a->fid, ATTR_EXPECTED);
	read_num(fn, dir, "function_handle", &a->fh, ATTR_EXPECTED);
	read_num(fn, dir, "pchid", &a->pchid, ATTR_EXPECTED);
	read_num(fn, dir, "pfgid", &a->pfgid, ATTR_EXPECTED);
	read_num(fn, dir, "vfn", &a->vfn, ATTR_EXPECTED);
	read_num(fn, dir, "pft", &a->pft, ATTR_EXPECTED);
	read_num(fn, dir, "uid", &a->uid, ATTR_EXPECTED);
	/* port, mio_enabled and uid_is_unique appeared in 5.x, index in 5.13
	 * (and only while UID checking is on), fidparm in 6.13: an absence is
	 * judged over all functions in model.c, not here */
	read_num(fn, dir, "port", &a->port, ATTR_OPTIONAL);
	read_num(fn, dir, "mio_enabled", &a->mio_enabled, ATTR_OPTIONAL);
	read_num(fn, dir, "uid_is_unique", &a->uid_is_unique, ATTR_OPTIONAL);
	read_num(fn, dir, "fidparm", &a->fidparm, ATTR_OPTIONAL);
	read_num(fn, dir, "index", &a->index, ATTR_OPTIONAL);
	for (int i = 0; i < 4; i++) {
		char name[32];

		snprintf(name, sizeof(name), "pfip/segment%d", i);
		read_num(fn, dir, name, &a->pfip[i], ATTR_EXPECTED);
	}
	/* util_string is a 64-byte binary attribute holding CLP's utility
	 * string in EBCDIC, unchanged; model.c decodes it */
	n = read_file(mkpath(&pb, "%s/util_string", dir), a->util_string, sizeof(a->util_string));
	if (n >= 0) {
		a->util_present = true;
		a->util_len = (size_t)n;
	} else if (n != -ENOENT) {
		zpci_fn_problem(fn, ZSEV_WARNING, "attr-unreadable", "%s: %s", pb.p, strerror((int)-n));
	}
	if (zv_ok(a->fid)) {
		fn->fid = (uint32_t)a->fid.v;
		fn->fid_known = true;
		if (a->fid.v > 0xffffffffULL)
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s/function_id: 0x%llx exceeds 32 bits",
					dir, (unsigned long long)a->fid.v);
	}
}

static void read_resources(struct zpci_fn *fn, const char *dir)
{
	struct pathbuf pb;
	char buf[2048];
	ssize_t n = read_file(mkpath(&pb, "%s/resource", dir), buf, sizeof(buf) - 1);
	char *line, *save = NULL;
	int i = 0;

	if (n < 0) {
		zpci_fn_problem(fn, ZSEV_WARNING, n == -ENOENT ? "attr-missing" : "attr-unreadable",
				"%s: %s", pb.p, n == -ENOENT ? "missing" : strerror((int)-n));
		return;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line && i < ZPCI_NUM_BARS;
	     line = strtok_r(NULL, "\n", &save), i++) {
		struct zpci_bar *b = &fn->bars[i];

		if (zpci_parse_resource_line(line, &b->start, &b->end, &b->flags)) {
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s: line %d malformed", pb.p, i + 1);
			continue;
		}
		if (b->flags == 0 && b->start == 0 && b->end == 0)
			continue;
		if (b->end < b->start) {
			zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s: line %d ends before it starts",
					pb.p, i + 1);
			continue;
		}
		b->present = true;
		/* IORESOURCE_IO 0x100, _MEM_64 0x100000, _PREFETCH 0x2000 (linux/ioport.h) */
		b->is_io = (b->flags & 0x100) != 0;
		b->is_64bit = (b->flags & 0x100000) != 0;
		b->prefetchable = (b->flags & 0x2000) != 0;
		b->size = b->end - b->start + 1;	/* 0 only for a full 2^64 range */
		b->has_resource_file = present(mkpath(&pb, "%s/resource%d", dir, i));
	}
	if (i < ZPCI_NUM_BARS && (!line || i == 0) && n == 0)
		zpci_fn_problem(fn, ZSEV_CRITICAL, "attr-malformed", "%s/resource: empty", dir);
}

static void read_text(const char *path, char *out, size_t outlen)
{
	ssize_t n = read_file(path, out, outlen - 1);

	if (n < 0)
		n = 0;
	out[n] = '\0';
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
}

static void add_name(char list[4][32], const char *name)
{
	for (int i = 0; i < 4; i++) {
		if (strcmp(list[i], name) == 0)
			return;
		if (!list[i][0]) {
			snprintf(list[i], sizeof(list[i]), "%s", name);
			return;
		}
	}
}

/* Entries of a sub-directory (net/, nvme/) as names of this function. */
static void read_subdir_names(const char *dir, const char *sub, char list[4][32])
{
	struct pathbuf pb;
	struct dirent **ents;
	int n = scan_dir(mkpath(&pb, "%s/%s", dir, sub), &ents);

	for (int i = 0; i < n; i++) {
		struct pathbuf sub_pb;

		if (ents[i]->d_name[0] != '.') {
			add_name(list, ents[i]->d_name);
			zpci_record_sysfs_dir(mkpath(&sub_pb, "%s/%s", pb.p, ents[i]->d_name));
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

static void read_generic(struct zpci_fn *fn, const char *dir)
{
	struct zpci_pci_info *p = &fn->pci;
	struct pathbuf pb;
	char link[64];
	unsigned char cfg[4096];
	ssize_t n;

	read_num(fn, dir, "vendor", &p->vendor, ATTR_EXPECTED);
	read_num(fn, dir, "device", &p->device, ATTR_EXPECTED);
	read_num(fn, dir, "subsystem_vendor", &p->subsys_vendor, ATTR_OPTIONAL);
	read_num(fn, dir, "subsystem_device", &p->subsys_device, ATTR_OPTIONAL);
	read_num(fn, dir, "class", &p->class_code, ATTR_OPTIONAL);
	read_num(fn, dir, "revision", &p->revision, ATTR_OPTIONAL);
	read_num(fn, dir, "sriov_numvfs", &p->sriov_numvfs, ATTR_OPTIONAL);
	read_num(fn, dir, "sriov_totalvfs", &p->sriov_totalvfs, ATTR_OPTIONAL);
	read_link_base(mkpath(&pb, "%s/driver", dir), p->driver, sizeof(p->driver));
	read_text(mkpath(&pb, "%s/driver_override", dir), p->driver_override, sizeof(p->driver_override));
	if (strcmp(p->driver_override, "(null)") == 0)
		p->driver_override[0] = '\0';
	if (read_link_base(mkpath(&pb, "%s/iommu_group", dir), link, sizeof(link)) == 0) {
		p->iommu_group.st = zpci_parse_number(link, strlen(link), &p->iommu_group.v) ?
				    ZV_MALFORMED : ZV_OK;
		if (p->iommu_group.st == ZV_MALFORMED)
			zpci_fn_problem(fn, ZSEV_WARNING, "attr-malformed", "%s: link to \"%s\"", pb.p, link);
	}
	if (read_link_base(mkpath(&pb, "%s/physfn", dir), link, sizeof(link)) == 0)
		snprintf(p->physfn, sizeof(p->physfn), "%s", link);
	n = read_file(mkpath(&pb, "%s/config", dir), cfg, sizeof(cfg));
	if (n >= 0) {
		p->config_present = true;
		p->config_len = (size_t)n;
		/* the kernel always offers at least the 64-byte header */
		if (n < 64)
			zpci_fn_problem(fn, ZSEV_CRITICAL, "config-truncated", "%s: only %zd bytes of config space",
					pb.p, n);
	} else {
		zpci_fn_problem(fn, ZSEV_CRITICAL, n == -ENOENT ? "attr-missing" : "attr-unreadable", "%s: %s",
				pb.p, n == -ENOENT ? "missing" : strerror((int)-n));
	}
	read_resources(fn, dir);
	read_subdir_names(dir, "net", p->netdevs);
	read_subdir_names(dir, "nvme", p->blockdevs);
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

static int scan_devices(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct pathbuf base, dir;
	struct dirent **ents;
	int n, rc = ZX_OK;

	n = scan_dir(mkpath(&base, "%s/bus/pci/devices", ctx->sysfs_root), &ents);
	if (n < 0) {
		zpci_err("%s: %s", base.p, strerror(errno));
		return ZX_DATA;
	}
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		unsigned int d, b, dv, f;
		struct zpci_fn *fn;

		if (name[0] == '.' || zpci_parse_pci_address(name, &d, &b, &dv, &f) ||
		    strlen(name) >= ZPCI_ADDR_LEN)
			continue;
		mkpath(&dir, "%s/%s", base.p, name);
		if (!fn_has_zpci_attrs(dir.p)) {
			if (ctx->verbose)
				zpci_warn("%s: no zPCI attributes, not a zPCI function; skipped", name);
			continue;
		}
		fn = new_fn(sys);
		if (!fn) {
			rc = ZX_INTERNAL;
			break;
		}
		snprintf(fn->address, sizeof(fn->address), "%s", name);
		fn->domain = d, fn->bus = b, fn->dev = dv, fn->func = f;
		fn->state = ZPCI_FN_CONFIGURED;
		fn->zattr.is_zpci = true;
		read_zpci_attrs(fn, dir.p);
		read_generic(fn, dir.p);
		zpci_src_set(&fn->src_sysfs, ZS_OK, NULL);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return rc;
}

/* s390's hotplug driver names each slot after the FID ("%08x", s390_pci_hpc.c);
 * a standby function keeps its slot with power 0 but has no PCI device. */
static int scan_slots(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct pathbuf base, pb;
	struct dirent **ents;
	int n;

	n = scan_dir(mkpath(&base, "%s/bus/pci/slots", ctx->sysfs_root), &ents);
	if (n < 0)
		return ZX_OK;	/* no hotplug driver: no slots, nothing on standby visible */
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		uint64_t fid;
		struct zpci_fn *fn = NULL;

		if (strlen(name) != 8 || zpci_parse_hex(name, &fid))
			continue;
		for (size_t j = 0; j < sys->nfns; j++)
			if (sys->fns[j].fid_known && sys->fns[j].fid == fid)
				fn = &sys->fns[j];
		if (!fn) {
			fn = new_fn(sys);
			if (!fn)
				break;
			fn->state = ZPCI_FN_STANDBY;
			fn->fid = (uint32_t)fid;
			fn->fid_known = true;
			zpci_src_set(&fn->src_sysfs, ZS_OK, NULL);
		}
		snprintf(fn->zattr.slot_name, sizeof(fn->zattr.slot_name), "%s", name);
		read_num(fn, mkpath(&pb, "%s/%s", base.p, name), "power", &fn->zattr.slot_power,
			 ATTR_EXPECTED);
		if (fn->state == ZPCI_FN_STANDBY && zv_ok(fn->zattr.slot_power) && fn->zattr.slot_power.v)
			zpci_fn_problem(fn, ZSEV_WARNING, "slot-powered-no-device",
					"%s/%s: power is on but no PCI device has FID 0x%08x",
					base.p, name, (unsigned int)fid);
		if (fn->state == ZPCI_FN_CONFIGURED && zv_ok(fn->zattr.slot_power) && !fn->zattr.slot_power.v)
			zpci_fn_problem(fn, ZSEV_WARNING, "slot-power-off",
					"%s/%s/power: 0 although the function is configured",
					base.p, name);
	}
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	return ZX_OK;
}

/* class/<cls>/<name>/device links point at the PCI function (net) or, for
 * nvme, at the PCI function owning controller <name>. */
static void scan_class_links(struct zpci_ctx *ctx, struct zpci_system *sys, const char *cls)
{
	struct pathbuf base, pb;
	struct dirent **ents;
	int n = scan_dir(mkpath(&base, "%s/class/%s", ctx->sysfs_root, cls), &ents);

	for (int i = 0; i < n; i++) {
		char target[64];
		struct zpci_fn *fn;

		if (ents[i]->d_name[0] != '.' &&
		    read_link_base(mkpath(&pb, "%s/%s/device", base.p, ents[i]->d_name),
				   target, sizeof(target)) == 0 &&
		    (fn = fn_by_address(sys, target)))
			add_name(strcmp(cls, "net") == 0 ? fn->pci.netdevs : fn->pci.blockdevs,
				 ents[i]->d_name);
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
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

int zpci_sysfs_scan(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct pathbuf pb;
	char buf[16];
	ssize_t n;
	int rc;

	rc = scan_devices(ctx, sys);
	if (rc)
		return rc;
	scan_slots(ctx, sys);
	scan_class_links(ctx, sys, "net");
	scan_class_links(ctx, sys, "nvme");
	n = read_file(mkpath(&pb, "%s/firmware/clp/uid_checking", ctx->sysfs_root), buf, sizeof(buf) - 1);
	if (n >= 0) {
		buf[n] = '\0';
		sys->uid_checking.st = zpci_parse_number(buf, (size_t)n, &sys->uid_checking.v) ?
				       ZV_MALFORMED : ZV_OK;
		if (sys->uid_checking.st == ZV_MALFORMED)
			zpci_warn("%s: malformed value", pb.p);
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
			read_file(pb.p, buf, 65536);
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
			read_file(mkpath(&pb, "%s/bus/pci/slots/%s/address", ctx->sysfs_root,
					 fn->zattr.slot_name), buf, sizeof(buf));
	}
	record_dir_files(mkpath(&pb, "%s/firmware/clp", ctx->sysfs_root));
}

/* The same file access for the other sysfs readers (source_host.c). */
ssize_t zpci_sysfs_read(const char *path, void *buf, size_t cap)
{
	return read_file(path, buf, cap);
}

int zpci_sysfs_link_base(const char *path, char *out, size_t outlen)
{
	return read_link_base(path, out, outlen);
}
