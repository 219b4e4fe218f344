// SPDX-License-Identifier: MIT
/* The counters source (source_stats.h). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "source_stats.h"
#include "sysaccess.h"

void zpci_stats_rel_path(const struct zpci_fn *fn, char *buf, size_t len)
{
	/* debugfs_create_dir(dev_name(&pdev->dev), "pci") in pci_debug.c, from pci.c */
	snprintf(buf, len, "kernel/debug/pci/%s/statistics", fn->address);
}

static void fill_one(const struct zpci_ctx *ctx, const struct zpci_fn *fn, struct zpci_fmb *fmb)
{
	char rel[96], path[PATH_MAX], dir[PATH_MAX], text[4096];
	ssize_t n;

	memset(fmb, 0, sizeof(*fmb));
	if (fn->state != ZPCI_FN_CONFIGURED || !fn->address[0]) {
		snprintf(fmb->why, sizeof(fmb->why), "no PCI device (%s)", zpci_fn_state_name(fn->state));
		return;
	}
	zpci_stats_rel_path(fn, rel, sizeof(rel));
	snprintf(path, sizeof(path), "%s/%s", ctx->sysfs_root, rel);
	n = zpci_file_read(path, text, sizeof(text), NULL);
	if (n >= 0) {
		zpci_fmb_parse(text, (size_t)n, fmb);
		return;
	}
	snprintf(dir, sizeof(dir), "%s/kernel/debug/pci", ctx->sysfs_root);
	if (n == -ENOENT && access(dir, F_OK) != 0)
		snprintf(fmb->why, sizeof(fmb->why), "%s: %s (debugfs not mounted, or not root)",
			 dir, errno == EACCES ? "permission denied" : "missing");
	else if (n == -EACCES || n == -EPERM)
		snprintf(fmb->why, sizeof(fmb->why), "%s: permission denied (root only)", path);
	else if (n == -ZPCI_ETOOLONG)
		snprintf(fmb->why, sizeof(fmb->why), "%s: longer than the kernel writes", path);
	else
		snprintf(fmb->why, sizeof(fmb->why), "%s: %s", path, zpci_sys_strerror((int)-n));
	if (n == -ZPCI_ETOOLONG)
		fmb->state = ZPCI_FMB_MALFORMED;
}

void zpci_stats_fill(const struct zpci_ctx *ctx, struct zpci_fn *const *fns, size_t n,
		     struct zpci_fmb *out)
{
	for (size_t i = 0; i < n; i++)
		fill_one(ctx, fns[i], &out[i]);
}

void zpci_stats_record(const struct zpci_ctx *ctx, const struct zpci_system *sys)
{
	struct zpci_fmb *fmb = malloc(sizeof(*fmb));

	if (!fmb)
		return;
	/* reading is recording while a report is being written (report_record.h) */
	for (size_t i = 0; i < sys->nfns; i++)
		fill_one(ctx, &sys->fns[i], fmb);
	free(fmb);
}
