// SPDX-License-Identifier: MIT
/* Measurement on or off (action_fmb.h). */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "action_fmb.h"
#include "action_sysfs.h"
#include "action_zpci.h"
#include "output.h"
#include "source_stats.h"

/* A dry run writes nothing: it may describe a fake tree or a report. */
static int refuse(const struct zpci_ctx *ctx, const char *what, bool dry_run)
{
	const char *rec = getenv(ZPCI_TEST_RECORD_WRITES_ENV);

	if (dry_run)
		return ZX_OK;
	if (ctx->report_file) {
		zpci_err("stats %s: a report cannot be changed; actions work on the live system", what);
		return ZX_USAGE;
	}
	if (ctx->offline && !(rec && strcmp(rec, "1") == 0)) {
		zpci_err("stats %s: refusing to write into the fake root %s (tests set %s=1 to record "
			 "the writes there)", what, ctx->sysfs_root, ZPCI_TEST_RECORD_WRITES_ENV);
		return ZX_USAGE;
	}
	return ZX_OK;
}

int zpci_fmb_switch(const struct zpci_ctx *ctx, const struct zpci_fn *fn,
		    const struct zpci_fmb *cur, bool enable, bool dry_run)
{
	const char *what = enable ? "--enable" : "--disable";
	char rel[96];
	int err, rc = refuse(ctx, what, dry_run);

	if (rc)
		return rc;
	if (fn->state != ZPCI_FN_CONFIGURED) {
		zpci_err("FID 0x%08x: in standby, no PCI device and no measurement block", fn->fid);
		return ZX_NODEV;
	}
	zpci_stats_rel_path(fn, rel, sizeof(rel));
	/* the kernel answers EINVAL to enabling twice: say so instead */
	if (cur->state == (enable ? ZPCI_FMB_ENABLED : ZPCI_FMB_DISABLED)) {
		printf("%s: measurement already %s\n", fn->address, enable ? "enabled" : "disabled");
		return ZX_OK;
	}
	if (cur->state == ZPCI_FMB_ABSENT) {
		zpci_err("%s: %s", fn->address, cur->why);
		return ZX_UNAVAIL;
	}
	printf("%s %s measurement of %s (FID 0x%08x): write %d to %s/%s\n",
	       dry_run ? "would" : "will", enable ? "enable" : "disable", fn->address, fn->fid,
	       enable, ctx->sysfs_root, rel);
	if (dry_run)
		return ZX_OK;
	err = zpci_action_sysfs_write(ctx, rel, enable ? "1" : "0", 1);
	if (err) {
		zpci_err("%s: writing %s/%s: %s%s", fn->address, ctx->sysfs_root, rel, strerror(-err),
			 err == -EACCES || err == -EPERM ? " (needs root)" :
			 err == -EIO ? " (firmware refused the measurement block)" : "");
		return ZX_IO;
	}
	printf("%s: measurement %s\n", fn->address, enable ? "enabled" : "disabled");
	return ZX_OK;
}
