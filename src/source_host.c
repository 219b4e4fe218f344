// SPDX-License-Identifier: MIT
/*
 * The host source: facts about the running kernel that are not attributes
 * of one function: its release, and the IOMMU group of each function with
 * its members and reserved regions (/sys/kernel/iommu_groups/N).
 *
 * The release is read from proc/sys/kernel/osrelease beside the sysfs root
 * (<root>/../proc): /proc on a live system, and a fake root laid out as
 * DIR/sys + DIR/proc carries its kernel with it. Nothing is inferred when
 * the file is absent: rules that need the release stay silent.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_record.h"
#include "sources.h"
#include "sysfs_parse.h"

static void read_kernel(const struct zpci_ctx *ctx, struct zpci_kernel_info *k)
{
	char path[PATH_MAX], buf[sizeof(k->release)];
	unsigned int major, minor;
	ssize_t n;

	memset(k, 0, sizeof(*k));
	if ((size_t)snprintf(path, sizeof(path), "%s/../proc/sys/kernel/osrelease",
			     ctx->sysfs_root) >= sizeof(path))
		return;
	n = zpci_sysfs_read(path, buf, sizeof(buf) - 1);
	if (n <= 0)
		return;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (sscanf(buf, "%u.%u", &major, &minor) != 2) {
		zpci_warn("%s: \"%.40s\" is not a kernel release; kernel-dependent rules are skipped",
			  path, buf);
		return;
	}
	snprintf(k->release, sizeof(k->release), "%s", buf);
	k->major = major;
	k->minor = minor;
	k->release_known = true;
}

/* room for element n of an array of n elements of size each; false when out of memory */
static bool grow(void **array, size_t n, size_t size)
{
	void *p = realloc(*array, (n + 1) * size);

	if (!p)
		return false;
	*array = p;
	memset((char *)p + n * size, 0, size);
	return true;
}

/* "0x%016llx 0x%016llx %s\n" per region (drivers/iommu/iommu.c) */
static void read_resv(const char *dir, struct zpci_iommu_group *g)
{
	char path[PATH_MAX], buf[2048], *line, *save = NULL;
	ssize_t n;

	if ((size_t)snprintf(path, sizeof(path), "%s/reserved_regions", dir) >= sizeof(path))
		return;
	n = zpci_sysfs_read(path, buf, sizeof(buf) - 1);
	if (n < 0) {
		if (n != -ENOENT)
			zpci_warn("%s: %s", path, zpci_sys_strerror((int)-n));
		return;
	}
	if (memchr(buf, '\0', (size_t)n)) {
		/* the kernel writes text: a NUL would end the list early, unnoticed */
		zpci_warn("%s: malformed: holds a NUL byte", path);
		return;
	}
	buf[n] = '\0';
	g->resv_known = true;
	for (line = strtok_r(buf, "\n", &save); line && g->nresv < ZPCI_GROUP_MAX_RESV;
	     line = strtok_r(NULL, "\n", &save)) {
		uint64_t start, end;
		char type[24];

		if (sscanf(line, "%" SCNx64 " %" SCNx64 " %23s", &start, &end, type) != 3 ||
		    end < start) {
			zpci_warn("%s: malformed line \"%.60s\"", path, line);
			g->resv_known = false;	/* a partial list would read as "not reserved" */
			return;
		}
		if (!grow((void **)&g->resv, g->nresv, sizeof(*g->resv)))
			return;
		g->resv[g->nresv].start = start;
		g->resv[g->nresv].end = end;
		snprintf(g->resv[g->nresv].type, sizeof(g->resv[0].type), "%s", type);
		g->nresv++;
	}
}

static void read_members(const char *dir, struct zpci_iommu_group *g)
{
	char path[PATH_MAX];
	struct dirent **ents;
	int n;

	if ((size_t)snprintf(path, sizeof(path), "%s/devices", dir) >= sizeof(path))
		return;
	n = scandir(path, &ents, NULL, alphasort);
	if (n < 0 && errno != ENOENT)
		zpci_warn("%s: %s", path, strerror(errno));	/* members unknown, not none */
	for (int i = 0; i < n; i++) {
		const char *name = ents[i]->d_name;
		char drv[PATH_MAX];

		if (name[0] != '.' && g->nmembers >= ZPCI_GROUP_MAX_MEMBERS) {
			g->members_truncated = true;
		} else if (name[0] != '.' && strlen(name) < ZPCI_ADDR_LEN &&
			   grow((void **)&g->members, g->nmembers, sizeof(*g->members))) {
			/* a name is any bytes: shown escaped, as every name read */
			zpci_sanitize(name, strlen(name), g->members[g->nmembers].address, ZPCI_ADDR_LEN);
			if ((size_t)snprintf(drv, sizeof(drv), "%s/%s/driver", path, name) < sizeof(drv)) {
				zpci_sysfs_link_base(drv, g->members[g->nmembers].driver,
						     sizeof(g->members[0].driver));
				/* a report keeps the member even without a driver */
				*strrchr(drv, '/') = '\0';
				zpci_record_sysfs_dir(drv);
			}
			g->nmembers++;
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
}

static int read_group(const struct zpci_ctx *ctx, struct zpci_system *sys, unsigned int id)
{
	struct zpci_iommu_group *g;
	char dir[PATH_MAX];

	for (size_t i = 0; i < sys->ngroups; i++)
		if (sys->groups[i].id == id)
			return 0;
	g = realloc(sys->groups, (sys->ngroups + 1) * sizeof(*g));
	if (!g)
		return -1;
	sys->groups = g;
	g = &g[sys->ngroups++];
	memset(g, 0, sizeof(*g));
	g->id = id;
	if ((size_t)snprintf(dir, sizeof(dir), "%s/kernel/iommu_groups/%u", ctx->sysfs_root, id) <
	    sizeof(dir)) {
		read_members(dir, g);
		read_resv(dir, g);
	}
	return 0;
}

int zpci_host_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	read_kernel(ctx, &sys->kernel);
	for (size_t i = 0; i < sys->nfns; i++)
		if (zv_ok(sys->fns[i].pci.iommu_group) &&
		    read_group(ctx, sys, (unsigned int)sys->fns[i].pci.iommu_group.v))
			return ZX_INTERNAL;
	return ZX_OK;
}
