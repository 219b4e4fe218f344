// SPDX-License-Identifier: MIT
/* zpcidiag bars: each BAR's kind, size (lspci's suffixes) and whether it can be mapped. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "cmd.h"
#include "json_out.h"
#include "output.h"
#include "select.h"

static const char *tri_str(enum zpci_tri t)
{
	return t == ZT_YES ? "yes" : t == ZT_NO ? "no" : "unknown";
}

static int bars_table(const struct zpci_ctx *ctx, struct zpci_fn **fns, size_t n)
{
	static const char *const hdr[] = { "ADDRESS", "BAR", "TYPE", "WIDTH", "PREFETCH",
					   "SIZE", "BYTES", "MAPPABLE", "REASON" };
	struct zpci_table t;
	int rc = ZX_OK;

	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		return ZX_INTERNAL;
	for (size_t i = 0; i < n && !rc; i++) {
		const struct zpci_fn *fn = fns[i];

		for (int b = 0; b < ZPCI_NUM_BARS; b++) {
			const struct zpci_bar *bar = &fn->bars[b];
			char idx[12], size[24], bytes[24], reason[200];

			if (!bar->present)
				continue;
			snprintf(idx, sizeof(idx), "%d", b);
			snprintf(bytes, sizeof(bytes), "%llu", (unsigned long long)bar->size);
			snprintf(reason, sizeof(reason), "%s%s", bar->map_reason ? bar->map_reason : "-",
				 bar->map_inferred ? " (inferred)" : "");
			if (zpci_table_row(&t, fn->address, idx, bar->is_io ? "io" : "mem",
					   bar->is_64bit ? "64-bit" : "32-bit",
					   bar->prefetchable ? "yes" : "no",
					   zpci_size_str(bar->size, size, sizeof(size)), bytes,
					   tri_str(bar->mappable), reason))
				rc = ZX_INTERNAL;
		}
	}
	if (!rc)
		rc = zpci_table_print(&t, ctx, stdout);
	zpci_table_free(&t);
	return rc;
}

static int cmd_bars(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n, shown = 0;
	int rc;

	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_PCICONF, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	/* standby functions have no BARs until configured */
	for (size_t i = 0; i < n; i++)
		if (fns[i]->state == ZPCI_FN_CONFIGURED)
			fns[shown++] = fns[i];
	if (ctx->json) {
		json_object *doc = zpci_json_doc_new("bars", &sys);

		for (size_t i = 0; i < shown; i++)
			json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
		rc = zpci_json_print(doc);
	} else {
		rc = bars_table(ctx, fns, shown);
	}
	if (!rc)
		rc = zpci_problems_report(ctx, fns, shown);
	free(fns);
	zpci_system_free(&sys);
	return rc;
}

ZPCI_COMMAND(bars, .name = "bars", .arg = "DEVICE", .max_args = ZPCI_ARGS_ANY,
	     .summary = "show BARs: type, size, whether and why (not) mappable",
	     .run = cmd_bars);
