// SPDX-License-Identifier: MIT
/*
 * The recorder behind the sources' record hook (report_record.h). Entries
 * stay in memory until the writer puts them into the archive; a report
 * holds a few thousand small files, so a linear list is enough.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "report_record.h"
#include "sysaccess.h"

static struct {
	bool on;
	char root[PATH_MAX];		/* the sysfs root as given */
	char real_root[PATH_MAX];	/* the same, resolved */
	struct zpci_rec_entry *e;
	size_t n;
	bool oom;
} rec;

bool zpci_recording(void)
{
	return rec.on;
}

int zpci_record_start(const char *sysfs_root)
{
	memset(&rec, 0, sizeof(rec));
	if (strlen(sysfs_root) >= sizeof(rec.root) || !realpath(sysfs_root, rec.real_root))
		return -1;
	snprintf(rec.root, sizeof(rec.root), "%s", sysfs_root);
	rec.on = true;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct zpci_rec_entry *)a)->name, ((const struct zpci_rec_entry *)b)->name);
}

static struct zpci_rec_entry *add(const char *name, enum zpci_rec_type type);

/* Every member's parent directories as members of their own, parents first. */
struct zpci_rec_entry *zpci_record_entries(size_t *n)
{
	for (size_t i = 0, end = rec.n; i < end; i++) {
		char name[PATH_MAX], *slash;

		snprintf(name, sizeof(name), "%s", rec.e[i].name);
		while ((slash = strrchr(name, '/'))) {
			*slash = '\0';
			add(name, ZREC_DIR);
		}
	}
	if (rec.n > 1)
		qsort(rec.e, rec.n, sizeof(rec.e[0]), by_name);
	*n = rec.n;
	return rec.oom ? NULL : rec.e;
}

void zpci_record_stop(void)
{
	for (size_t i = 0; i < rec.n; i++) {
		free(rec.e[i].name);
		free(rec.e[i].data);
		free(rec.e[i].target);
	}
	free(rec.e);
	memset(&rec, 0, sizeof(rec));
}

static int resolve(const char *base, const char *rel, char *out, size_t outlen);

static struct zpci_rec_entry *find(const char *name)
{
	for (size_t i = 0; i < rec.n; i++)
		if (strcmp(rec.e[i].name, name) == 0)
			return &rec.e[i];
	return NULL;
}

static struct zpci_rec_entry *add(const char *name, enum zpci_rec_type type)
{
	struct zpci_rec_entry *e = find(name);

	if (e)
		return e->type == type ? e : NULL;
	e = realloc(rec.e, (rec.n + 1) * sizeof(*e));
	if (!e) {
		rec.oom = true;
		return NULL;
	}
	rec.e = e;
	e = &rec.e[rec.n];
	memset(e, 0, sizeof(*e));
	e->name = strdup(name);
	if (!e->name) {
		rec.oom = true;
		return NULL;
	}
	e->type = type;
	rec.n++;
	return e;
}

static int set_data(struct zpci_rec_entry *e, const void *data, size_t len, bool append)
{
	unsigned char *d = realloc(append ? e->data : NULL, (append ? e->len : 0) + len + 1);

	if (!d) {
		rec.oom = true;
		return -1;
	}
	if (!append) {
		free(e->data);
		e->len = 0;
	}
	if (len)
		memcpy(d + e->len, data, len);
	e->data = d;
	e->len += len;
	return 0;
}

/*
 * Members are named after where a file really is, as sysfs has it: an
 * absolute real path below the root becomes "sys/...", one beside the root
 * (<root>/../proc) keeps its name. So no member lies below a link
 * (bus/pci/devices/X is a link to devices/.../X) and links stay links.
 */
static bool map_real(const char *abs, char *out, size_t outlen)
{
	size_t rl = strlen(rec.real_root), pl;
	const char *slash = strrchr(rec.real_root, '/');

	if (strncmp(abs, rec.real_root, rl) == 0 && (abs[rl] == '/' || abs[rl] == '\0'))
		return (size_t)snprintf(out, outlen, "sys%s", abs + rl) < outlen;
	/* the live root "/sys" has its parent at offset 0: "/proc/..." still counts */
	pl = slash ? (size_t)(slash - rec.real_root) : 0;
	if (slash && strncmp(abs, rec.real_root, pl) == 0 && abs[pl] == '/' &&
	    strncmp(abs + pl + 1, "sys", 3) != 0)
		return (size_t)snprintf(out, outlen, "%s", abs + pl + 1) < outlen;
	return false;
}

/* path, as a source built it below the root, and real, where it leads:
 * real must be inside the root too (a link out of it is not followed) */
static bool stays_inside(const char *path, const char *real)
{
	size_t n = strlen(rec.root), rl = strlen(rec.real_root);

	while (n > 1 && rec.root[n - 1] == '/')
		n--;
	if (strncmp(path, rec.root, n) != 0 || path[n] != '/' || strstr(path + n, "/../"))
		return true;	/* beside the root (root/../proc): not judged here */
	return strncmp(real, rec.real_root, rl) == 0 && (real[rl] == '/' || real[rl] == '\0');
}

/* path's directory resolved, its last component kept (it may be a link). */
static bool member_of(const char *path, char *out, size_t outlen)
{
	char dir[PATH_MAX], real[PATH_MAX], full[2 * PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (!slash || (size_t)(slash - path) >= sizeof(dir))
		return false;
	snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	if (!realpath(dir[0] ? dir : "/", real) || !stays_inside(path, real))
		return false;
	if ((size_t)snprintf(full, sizeof(full), "%s/%s", real, slash + 1) >= sizeof(full))
		return false;
	return map_real(full, out, outlen);
}

void zpci_record_sysfs_file(const char *path, const void *data, size_t len)
{
	char name[PATH_MAX];
	struct zpci_rec_entry *e;

	if (!rec.on || !member_of(path, name, sizeof(name)))
		return;
	e = add(name, ZREC_FILE);
	/* the longest read wins: a source may read the start of a file twice */
	if (e && (len >= e->len || !e->data))
		set_data(e, data, len, false);
}

/*
 * A path whose directory leads out of the root (a directory link out of
 * it): named after its nearest ancestor inside, the rest as written, and the
 * directories between kept as directories, so that the report has the entry
 * and its reads give the same error (-ZPCI_EOUTSIDE) as the machine did.
 */
static bool member_below(const char *path, char *out, size_t outlen)
{
	char dir[PATH_MAX], real[PATH_MAX], base[PATH_MAX], sub[PATH_MAX];
	char *slash;

	if ((size_t)snprintf(dir, sizeof(dir), "%s", path) >= sizeof(dir))
		return false;
	while ((slash = strrchr(dir, '/')) && slash != dir) {
		*slash = '\0';
		if (!realpath(dir, real) || !stays_inside(path, real) ||
		    !map_real(real, base, sizeof(base)))
			continue;
		for (const char *p = path + (slash - dir) + 1; (p = strchr(p, '/')); p++) {
			if ((size_t)snprintf(sub, sizeof(sub), "%s/%.*s", base,
					     (int)(p - (path + (slash - dir) + 1)),
					     path + (slash - dir) + 1) < sizeof(sub))
				add(sub, ZREC_DIR);
		}
		return (size_t)snprintf(out, outlen, "%s/%s", base, path + (slash - dir) + 1) < outlen;
	}
	return false;
}

void zpci_record_sysfs_error(const char *path, int err)
{
	char name[PATH_MAX], line[2 * PATH_MAX + 32], *slash;
	int n;

	/* out of the root: by where it is below the root, not where it leads */
	if (!rec.on || !(err == ZPCI_EOUTSIDE ? member_below(path, name, sizeof(name)) :
			 member_of(path, name, sizeof(name))))
		return;
	/* its directory is in the report even if nothing in it could be read,
	 * so that the entry is found there and answers with the same error */
	if ((slash = strrchr(name, '/')))
		*slash = '\0', add(name, ZREC_DIR), *slash = '/';
	/* the name in hex: a name may hold a newline or a tab */
	n = snprintf(line, sizeof(line), "%d\t", err);
	for (const char *c = name; *c && (size_t)n + 4 < sizeof(line); c++)
		n += snprintf(line + n, sizeof(line) - (size_t)n, "%02x", (unsigned char)*c);
	line[n++] = '\n';
	zpci_record_append("sysfs-errors", line, (size_t)n);
}

void zpci_record_sysfs_dir(const char *path)
{
	char name[PATH_MAX], real[PATH_MAX];

	if (rec.on && realpath(path, real) && stays_inside(path, real) &&
	    map_real(real, name, sizeof(name)))
		add(name, ZREC_DIR);
}

/* Lexically resolve rel against the absolute directory base into out. */
static int resolve(const char *base, const char *rel, char *out, size_t outlen)
{
	char buf[2 * PATH_MAX], *save = NULL, *tok;
	size_t len = 0;

	if ((size_t)snprintf(buf, sizeof(buf), "%s/%s", rel[0] == '/' ? "" : base, rel) >= sizeof(buf))
		return -1;
	out[0] = '\0';
	for (tok = strtok_r(buf, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0) {
			char *slash = strrchr(out, '/');

			len = slash ? (size_t)(slash - out) : 0;
			out[len] = '\0';
			continue;
		}
		if (len + strlen(tok) + 2 > outlen)
			return -1;
		out[len++] = '/';
		strcpy(out + len, tok);
		len += strlen(tok);
	}
	if (!out[0])
		snprintf(out, outlen, "/");
	return 0;
}

/*
 * Sysfs links point across the tree (bus/pci/devices/X/driver ->
 * ../../../bus/pci/drivers/D from the device's real directory). The report
 * stores devices under bus/pci/devices, so the target is resolved where the
 * link really lives and re-expressed relative to where the report keeps it.
 */
void zpci_record_sysfs_link(const char *path)
{
	char name[PATH_MAX], target[PATH_MAX], dir[PATH_MAX], real_dir[PATH_MAX];
	char abs[PATH_MAX], tname[PATH_MAX], rel[PATH_MAX] = "";
	struct zpci_rec_entry *e;
	struct stat st;
	const char *b;
	ssize_t n;
	char *slash;

	if (!rec.on || !member_of(path, name, sizeof(name)))
		return;
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return;
	target[n] = '\0';
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		return;
	*slash = '\0';
	if (!realpath(dir, real_dir) || resolve(real_dir, target, abs, sizeof(abs)) ||
	    !map_real(abs, tname, sizeof(tname)))
		return;		/* a link out of sysfs: nothing a source follows */
	/* from the link's directory up to the report's top, then down to the target */
	for (b = name; (b = strchr(b, '/')); b++)
		strncat(rel, "../", sizeof(rel) - strlen(rel) - 1);
	strncat(rel, tname, sizeof(rel) - strlen(rel) - 1);
	e = add(name, ZREC_LINK);
	if (e && !e->target && !(e->target = strdup(rel)))
		rec.oom = true;
	/* the target exists in the report too: readers resolve links
	 * (realpath); a dangling or looping link stays one */
	if (!find(tname) && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		add(tname, ZREC_DIR);
}

void zpci_record_blob(const char *name, const void *data, size_t len)
{
	struct zpci_rec_entry *e;

	if (rec.on && (e = add(name, ZREC_FILE)))
		set_data(e, data, len, false);
}

void zpci_record_append(const char *name, const void *data, size_t len)
{
	struct zpci_rec_entry *e;

	if (rec.on && (e = add(name, ZREC_FILE)))
		set_data(e, data, len, true);
}

void zpci_record_filter(bool (*keep)(const char *name, void *arg), void *arg)
{
	bool *drop = calloc(rec.n ? rec.n : 1, sizeof(*drop));
	size_t n = 0;

	if (!drop) {
		rec.oom = true;
		return;
	}
	for (size_t i = 0; i < rec.n; i++)
		drop[i] = !keep(rec.e[i].name, arg);
	for (size_t i = 0; i < rec.n; i++) {
		char dir[PATH_MAX], abs[PATH_MAX];
		struct zpci_rec_entry *t;
		char *slash;

		if (drop[i] || rec.e[i].type != ZREC_LINK)
			continue;
		snprintf(dir, sizeof(dir), "/%s", rec.e[i].name);
		slash = strrchr(dir, '/');
		*slash = '\0';
		if (resolve(dir[0] ? dir : "/", rec.e[i].target, abs, sizeof(abs)) == 0 &&
		    (t = find(abs + 1)) && t->type == ZREC_DIR)
			drop[t - rec.e] = false;
	}
	for (size_t i = 0; i < rec.n; i++) {
		if (!drop[i]) {
			rec.e[n++] = rec.e[i];
			continue;
		}
		free(rec.e[i].name);
		free(rec.e[i].data);
		free(rec.e[i].target);
	}
	rec.n = n;
	free(drop);
}

static int (*replay_lookup)(const char *path);

void zpci_replay_set_lookup(int (*lookup)(const char *path))
{
	replay_lookup = lookup;
}

int zpci_replay_sysfs_error(const char *path)
{
	return replay_lookup ? replay_lookup(path) : 0;
}
