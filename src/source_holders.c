// SPDX-License-Identifier: MIT
/* The KVM host's view of passthrough (source_holders.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report_record.h"
#include "report_saved.h"
#include "source_holders.h"
#include "sysaccess.h"

#define REPORT_MEMBER "passthrough/holders"
#define CMDLINE_MAX 65536
/* linux/kvm.h: KVM_CHECK_EXTENSION _IO(KVMIO 0xAE, 0x03), KVM_CAP_S390_ZPCI_OP 221 */
#define PT_KVM_CHECK_EXTENSION 0xAE03
#define PT_KVM_CAP_S390_ZPCI_OP 221

static void copy(char *dst, size_t len, const char *src, size_t n)
{
	zpci_sanitize(src, n, dst, len);
}

/* "0000:00:00.0" from a host= value or a sysfsdev= path; short forms get domain 0 */
static void host_addr(const char *v, size_t n, char *out)
{
	char tmp[64];
	const char *slash;
	unsigned int d = 0, b, s, f;

	copy(tmp, sizeof(tmp), v, n);
	slash = strrchr(tmp, '/');
	if (slash)
		memmove(tmp, slash + 1, strlen(slash + 1) + 1);
	if (sscanf(tmp, "%x:%x:%x.%x", &d, &b, &s, &f) == 4 ||
	    (d = 0, sscanf(tmp, "%x:%x.%x", &b, &s, &f) == 3))
		snprintf(out, ZPCI_ADDR_LEN, "%04x:%02x:%02x.%x", d & 0xffff, b & 0xff, s & 0x1f, f & 7);
	else
		out[0] = '\0';
}

static bool parse_u32(const char *v, size_t n, uint32_t *out)
{
	char tmp[24], *end;
	unsigned long long x;

	if (!n || n >= sizeof(tmp))
		return false;
	memcpy(tmp, v, n);
	tmp[n] = '\0';
	errno = 0;
	x = strtoull(tmp, &end, 0);
	if (errno || *end || x > UINT32_MAX)
		return false;
	*out = (uint32_t)x;
	return true;
}

/* One device's properties, from "driver,k=v,..." or a JSON object. */
struct props {
	char driver[32], host[ZPCI_ADDR_LEN], id[64], target[64];
	bool uid_set, fid_set;
	uint32_t uid, fid;
	int interpret;
};

static void prop_set(struct props *p, const char *k, size_t kl, const char *v, size_t vl)
{
#define KEY(s) (kl == sizeof(s) - 1 && !memcmp(k, s, kl))
	if (KEY("driver"))
		copy(p->driver, sizeof(p->driver), v, vl);
	else if (KEY("host") || KEY("sysfsdev"))
		host_addr(v, vl, p->host);
	else if (KEY("id"))
		copy(p->id, sizeof(p->id), v, vl);
	else if (KEY("target"))
		copy(p->target, sizeof(p->target), v, vl);
	else if (KEY("uid"))
		p->uid_set = parse_u32(v, vl, &p->uid);
	else if (KEY("fid"))
		p->fid_set = parse_u32(v, vl, &p->fid);
	else if (KEY("interpret"))
		p->interpret = (vl == 2 && !memcmp(v, "on", 2)) || (vl == 4 && !memcmp(v, "true", 4)) ||
			       (vl == 3 && !memcmp(v, "yes", 3)) ? 1 : 0;
#undef KEY
}

static void props_json(const char *arg, struct props *p)
{
	json_object *o = json_tokener_parse(arg);

	if (!o)
		return;
	if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, val) {
			const char *s = json_object_get_string(val);

			if (s)
				prop_set(p, k, strlen(k), s, strlen(s));
		}
	}
	json_object_put(o);
}

/* QEMU's option syntax: first the driver, then k=v separated by ",", ",," is a comma */
static void props_opts(const char *arg, struct props *p)
{
	const char *s = arg;

	for (bool first = true; *s; first = false) {
		const char *e = s, *eq;

		while (*e && !(*e == ',' && e[1] != ','))
			e += *e == ',' ? 2 : 1;
		char v[256];
		size_t vl = 0;

		eq = memchr(s, '=', (size_t)(e - s));
		/* the value with ",," made ",", cut to v's size */
		for (const char *c = eq ? eq + 1 : s; c < e && vl < sizeof(v); c++) {
			v[vl++] = *c;
			if (*c == ',' && c[1] == ',')
				c++;
		}
		if (eq)
			prop_set(p, s, (size_t)(eq - s), v, vl);
		else if (first)
			prop_set(p, "driver", 6, v, vl);
		s = *e ? e + 1 : e;
	}
}

static void add_device(struct zpci_pt_holder *h, const struct props *p)
{
	if (!strcmp(p->driver, "vfio-pci") && h->ndevs < ZPCI_PT_MAX_DEVS) {
		struct zpci_pt_dev *d = &h->devs[h->ndevs++];

		memset(d, 0, sizeof(*d));
		d->interpret = -1;
		snprintf(d->host, sizeof(d->host), "%s", p->host);
		snprintf(d->id, sizeof(d->id), "%s", p->id);
		return;
	}
	if (strcmp(p->driver, "zpci") || !p->target[0])
		return;
	for (size_t i = 0; i < h->ndevs; i++) {
		struct zpci_pt_dev *d = &h->devs[i];

		if (!strcmp(d->id, p->target)) {
			d->zpci = true;
			d->uid_set = p->uid_set;
			d->uid = p->uid;
			d->fid_set = p->fid_set;
			d->fid = p->fid;
			d->interpret = p->interpret;
		}
	}
}

static void guest_name(const char *arg, struct zpci_pt_holder *h)
{
	struct props p;
	const char *g = strstr(arg, "guest=");

	if (arg[0] == '{')
		return;
	/* "-name NAME" or "-name guest=NAME,debug-threads=on" */
	if (g && (g == arg || g[-1] == ','))
		g += 6;
	else if (strchr(arg, '='))
		return;
	else
		g = arg;
	memset(&p, 0, sizeof(p));
	props_opts(g, &p);
	snprintf(h->guest, sizeof(h->guest), "%s", p.driver);
}

void zpci_pt_parse_cmdline(const char *argv, size_t len, struct zpci_pt_holder *h)
{
	const char *args[1024];
	size_t n = 0, pos = 0;
	const char *slash;
	struct { size_t i; struct props p; } zpcis[ZPCI_PT_MAX_DEVS];
	size_t nz = 0;

	h->ndevs = 0;
	h->guest[0] = h->exe[0] = '\0';
	while (pos < len && n < 1024) {
		args[n++] = argv + pos;
		pos += strnlen(argv + pos, len - pos) + 1;
	}
	if (!n || argv[len - 1] != '\0')
		n -= n ? 1 : 0;	/* an unterminated last argument is cut: drop it */
	if (n) {
		slash = strrchr(args[0], '/');
		copy(h->exe, sizeof(h->exe), slash ? slash + 1 : args[0],
		     strlen(slash ? slash + 1 : args[0]));
	}
	for (size_t i = 1; i + 1 < n; i++) {
		struct props p;

		if (!strcmp(args[i], "-name") || !strcmp(args[i], "--name")) {
			guest_name(args[++i], h);
			continue;
		}
		if (strcmp(args[i], "-device") && strcmp(args[i], "--device"))
			continue;
		memset(&p, 0, sizeof(p));
		p.interpret = -1;
		if (args[++i][0] == '{')
			props_json(args[i], &p);
		else
			props_opts(args[i], &p);
		/* a zpci device may come before its target: match after all are seen */
		if (!strcmp(p.driver, "zpci") && nz < ZPCI_PT_MAX_DEVS)
			zpcis[nz++].p = p;
		else
			add_device(h, &p);
	}
	for (size_t i = 0; i < nz; i++)
		add_device(h, &zpcis[i].p);
}

/* /dev/vfio/N or /dev/vfio/devices/vfioN (the target of an fd link) */
static bool vfio_node(const char *t)
{
	const char *p;

	if (!strncmp(t, "/dev/vfio/devices/vfio", 22))
		p = t + 22;
	else if (!strncmp(t, "/dev/vfio/", 10))
		p = t + 10;
	else
		return false;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	return *p == '\0';
}

static void scan_proc(const char *proc, struct zpci_pt_scan *scan, char *cmdbuf)
{
	DIR *d = opendir(proc);
	struct dirent *de;

	if (!d) {
		snprintf(scan->why, sizeof(scan->why), "proc beside the sysfs root: %s", strerror(errno));
		return;
	}
	scan->valid = true;
	while ((de = readdir(d))) {
		char path[PATH_MAX], link[PATH_MAX];
		struct zpci_pt_holder *h = NULL;
		DIR *fdd;
		struct dirent *fe;
		char *end;
		long pid = strtol(de->d_name, &end, 10);

		if (*end || pid <= 0)
			continue;
		if (scan->procs_seen++ >= ZPCI_PT_MAX_PROCS) {
			scan->truncated = true;
			break;
		}
		zpci_path(path, sizeof(path), proc, "%ld/fd", pid);
		fdd = opendir(path);
		if (!fdd) {
			if (errno == EACCES || errno == EPERM)
				scan->procs_unreadable++;
			continue;
		}
		while ((fe = readdir(fdd))) {
			ssize_t l;

			if (fe->d_name[0] == '.')
				continue;
			zpci_path(path, sizeof(path), proc, "%ld/fd/%.32s", pid, fe->d_name);
			l = readlink(path, link, sizeof(link) - 1);
			if (l <= 0)
				continue;
			link[l] = '\0';
			if (!vfio_node(link) || !strcmp(link, "/dev/vfio/vfio"))
				continue;
			if (scan->nholders >= ZPCI_PT_MAX_HOLDERS) {
				scan->truncated = true;
				break;
			}
			h = &scan->holders[scan->nholders++];
			memset(h, 0, sizeof(*h));
			h->pid = (int)pid;
			copy(h->node, sizeof(h->node), link, strlen(link));
			zpci_path(path, sizeof(path), proc, "%ld/cmdline", pid);
			l = zpci_file_read(path, cmdbuf, CMDLINE_MAX, NULL);
			if (l > 0)
				zpci_pt_parse_cmdline(cmdbuf, (size_t)l, h);
			/* the same process may hold several nodes: one record each */
		}
		closedir(fdd);
	}
	closedir(d);
}

static void kvm_cap(const struct zpci_ctx *ctx, struct zpci_pt_scan *scan)
{
	char path[PATH_MAX], buf[128];
	struct stat st;
	int fd, r;

	scan->kvm_zpci_op = -1;
	if (ctx->offline)
		snprintf(path, sizeof(path), "%s/../dev/kvm", ctx->sysfs_root);
	else
		snprintf(path, sizeof(path), "%s/kvm", ctx->dev_root);
	if (stat(path, &st)) {
		snprintf(scan->kvm_why, sizeof(scan->kvm_why), "no /dev/kvm (%s)", strerror(errno));
		return;
	}
	if (ctx->offline) {
		const char *k;

		if (!S_ISREG(st.st_mode) || zpci_file_read_text(path, buf, sizeof(buf)) < 0 ||
		    !(k = strstr(buf, "KVM_CAP_S390_ZPCI_OP ")) || (k[21] != '0' && k[21] != '1')) {
			snprintf(scan->kvm_why, sizeof(scan->kvm_why), "fake /dev/kvm without a KVM_CAP_S390_ZPCI_OP line");
			return;
		}
		scan->kvm_zpci_op = k[21] - '0';
		snprintf(scan->kvm_why, sizeof(scan->kvm_why), "fake root's dev/kvm");
		return;
	}
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(scan->kvm_why, sizeof(scan->kvm_why), "/dev/kvm: %s", strerror(errno));
		return;
	}
	r = ioctl(fd, PT_KVM_CHECK_EXTENSION, PT_KVM_CAP_S390_ZPCI_OP);
	if (r < 0) {
		snprintf(scan->kvm_why, sizeof(scan->kvm_why), "KVM_CHECK_EXTENSION: %s", strerror(errno));
	} else {
		scan->kvm_zpci_op = r > 0;
		snprintf(scan->kvm_why, sizeof(scan->kvm_why), "KVM_CHECK_EXTENSION on /dev/kvm");
	}
	close(fd);
}

/*
 * Text form, tab-separated, one record a line:
 *   kvm	<0|1|-1>	<why>
 *   unknown	<why>	(the processes could not be scanned: why, as said live)
 *   procs	<seen>	<unreadable>	<truncated 0|1>
 *   holder	<pid>	<node>	<exe>	<guest>
 *   dev	<host>	<id>	<zpci 0|1>	<uid or ->	<fid or ->	<interpret 1|0|-1>
 *        (belongs to the last holder)
 */
size_t zpci_pt_format(const struct zpci_pt_scan *scan, char *buf, size_t len)
{
	size_t o = 0;

#define OUT(...) (o += (size_t)snprintf(buf + (o < len ? o : len), o < len ? len - o : 0, __VA_ARGS__))
	OUT("kvm\t%d\t%s\n", scan->kvm_zpci_op, scan->kvm_why);
	if (!scan->valid)
		OUT("unknown\t%s\n", scan->why);
	OUT("procs\t%u\t%u\t%d\n", scan->procs_seen, scan->procs_unreadable, scan->truncated);
	for (size_t i = 0; i < scan->nholders; i++) {
		const struct zpci_pt_holder *h = &scan->holders[i];

		OUT("holder\t%d\t%s\t%s\t%s\n", h->pid, h->node, h->exe, h->guest);
		for (size_t j = 0; j < h->ndevs; j++) {
			const struct zpci_pt_dev *d = &h->devs[j];

			OUT("dev\t%s\t%s\t%d\t", d->host, d->id, d->zpci);
			if (d->uid_set)
				OUT("0x%x\t", d->uid);
			else
				OUT("-\t");
			if (d->fid_set)
				OUT("0x%x\t%d\n", d->fid, d->interpret);
			else
				OUT("-\t%d\n", d->interpret);
		}
	}
#undef OUT
	return o;
}

/* the n-th tab-separated field of line into out */
static void field(const char *line, int n, char *out, size_t len)
{
	const char *e;

	while (n-- > 0 && line)
		line = (line = strchr(line, '\t')) ? line + 1 : NULL;
	if (!line) {
		out[0] = '\0';
		return;
	}
	e = strpbrk(line, "\t\n");
	copy(out, len, line, e ? (size_t)(e - line) : strlen(line));
}

bool zpci_pt_parse(const char *text, size_t len, struct zpci_pt_scan *scan)
{
	char *t = strndup(text, len), *line, *save = NULL, f[160];
	struct zpci_pt_holder *h = NULL;
	bool ok = true, unknown = false;

	memset(scan, 0, sizeof(*scan));
	scan->kvm_zpci_op = -1;
	if (!t)
		return false;
	for (line = strtok_r(t, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		field(line, 0, f, sizeof(f));
		if (!strcmp(f, "kvm")) {
			field(line, 1, f, sizeof(f));
			scan->kvm_zpci_op = atoi(f) > 0 ? 1 : atoi(f) == 0 && f[0] == '0' ? 0 : -1;
			field(line, 2, scan->kvm_why, sizeof(scan->kvm_why));
		} else if (!strcmp(f, "unknown")) {
			unknown = true;
			field(line, 1, scan->why, sizeof(scan->why));
		} else if (!strcmp(f, "procs")) {
			field(line, 1, f, sizeof(f));
			scan->procs_seen = (unsigned int)strtoul(f, NULL, 10);
			field(line, 2, f, sizeof(f));
			scan->procs_unreadable = (unsigned int)strtoul(f, NULL, 10);
			field(line, 3, f, sizeof(f));
			scan->truncated = f[0] == '1';
		} else if (!strcmp(f, "holder") && scan->nholders < ZPCI_PT_MAX_HOLDERS) {
			h = &scan->holders[scan->nholders++];
			field(line, 1, f, sizeof(f));
			h->pid = atoi(f);
			field(line, 2, h->node, sizeof(h->node));
			field(line, 3, h->exe, sizeof(h->exe));
			field(line, 4, h->guest, sizeof(h->guest));
		} else if (!strcmp(f, "dev") && h && h->ndevs < ZPCI_PT_MAX_DEVS) {
			struct zpci_pt_dev *d = &h->devs[h->ndevs++];

			field(line, 1, d->host, sizeof(d->host));
			field(line, 2, d->id, sizeof(d->id));
			field(line, 3, f, sizeof(f));
			d->zpci = f[0] == '1';
			field(line, 4, f, sizeof(f));
			d->uid_set = parse_u32(f, strlen(f), &d->uid);
			field(line, 5, f, sizeof(f));
			d->fid_set = parse_u32(f, strlen(f), &d->fid);
			field(line, 6, f, sizeof(f));
			d->interpret = f[0] ? atoi(f) : -1;
		} else {
			ok = false;
		}
	}
	free(t);
	scan->valid = ok && !unknown;
	if (!ok)
		snprintf(scan->why, sizeof(scan->why), "the saved passthrough view is malformed");
	return ok;
}

void zpci_pt_scan(const struct zpci_ctx *ctx, struct zpci_pt_scan *scan)
{
	char path[PATH_MAX], *buf;
	unsigned char *saved;
	size_t n;

	memset(scan, 0, sizeof(*scan));
	scan->kvm_zpci_op = -1;
	if (ctx->report_root) {
		if (zpci_saved_read(ctx, REPORT_MEMBER, &saved, &n)) {
			snprintf(scan->why, sizeof(scan->why), "the report holds no passthrough view");
			return;
		}
		zpci_pt_parse((const char *)saved, n, scan);
		free(saved);
		return;
	}
	buf = malloc(CMDLINE_MAX);
	if (!buf) {
		snprintf(scan->why, sizeof(scan->why), "out of memory");
		return;
	}
	snprintf(path, sizeof(path), "%s/../proc", ctx->sysfs_root);
	if (!ctx->offline)
		snprintf(path, sizeof(path), "/proc");
	scan_proc(path, scan, buf);
	kvm_cap(ctx, scan);
	/* kept when the processes could not be scanned too: --report says why as live did */
	if (zpci_recording()) {
		n = zpci_pt_format(scan, buf, CMDLINE_MAX);
		zpci_record_blob(REPORT_MEMBER, buf, n < CMDLINE_MAX ? n : CMDLINE_MAX - 1);
	}
	free(buf);
}

/* the vfio cdev node vfioN of fn: the sysfs source read vfio-dev/vfioN */
static bool holds_cdev(const struct zpci_fn *fn, const char *node)
{
	return fn->pci.vfio_dev[0] && !strncmp(node, "/dev/vfio/devices/", 18) &&
	       !strcmp(node + 18, fn->pci.vfio_dev);
}

void zpci_pt_view(const struct zpci_ctx *ctx, const struct zpci_system *sys,
		  const struct zpci_fn *fn, const struct zpci_pt_scan *scan,
		  struct zpci_pt_view *v)
{
	(void)sys;
	const struct zpci_clp_info *clp = zpci_fn_clp(fn);
	char path[PATH_MAX], node[32];

	memset(v, 0, sizeof(*v));
	v->vfio = zpci_driver_is_vfio(fn->pci.driver);
	v->rtr = clp->group_valid ? clp->group.rtr : -1;
	if (zv_ok(fn->pci.iommu_group)) {
		snprintf(path, sizeof(path), "%s/kernel/iommu_groups/%llu/type", ctx->sysfs_root,
			 (unsigned long long)fn->pci.iommu_group.v);
		char raw[sizeof(v->domain_type)];
		ssize_t n = zpci_file_read_text(path, raw, sizeof(raw));

		/* shown as read: control characters and NUL bytes escaped, not cut */
		if (n < 0)
			v->domain_type[0] = '\0';
		else
			zpci_sanitize(raw, (size_t)n, v->domain_type, sizeof(v->domain_type));
	}
	node[0] = '\0';
	if (zv_ok(fn->pci.iommu_group))
		snprintf(node, sizeof(node), "/dev/vfio/%llu", (unsigned long long)fn->pci.iommu_group.v);
	for (size_t i = 0; i < scan->nholders && !v->holder; i++) {
		const struct zpci_pt_holder *h = &scan->holders[i];

		if ((node[0] && !strcmp(h->node, node)) || holds_cdev(fn, h->node))
			v->holder = h;
	}
	for (size_t i = 0; v->holder && i < v->holder->ndevs; i++)
		if (!strcmp(v->holder->devs[i].host, fn->address))
			v->dev = &v->holder->devs[i];
}

void zpci_pt_record(const struct zpci_ctx *ctx, const struct zpci_system *sys)
{
	struct zpci_pt_scan *scan = malloc(sizeof(*scan));
	struct zpci_pt_view v;

	if (!scan)
		return;
	zpci_pt_scan(ctx, scan);
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].address[0] && zpci_driver_is_vfio(sys->fns[i].pci.driver))
			zpci_pt_view(ctx, sys, &sys->fns[i], scan, &v);
	free(scan);
}
