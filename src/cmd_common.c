// SPDX-License-Identifier: MIT
/* Steps every showing command takes: load the model, pick the functions, map problems to an exit code. */
#include "config.h"

#include <string.h>

#include "load.h"
#include "report_saved.h"
#include "select.h"

/*
 * Selectors are parsed once, before anything is read (a typo is a usage
 * error), and handed to the loader, whose sysfs source then reads only what
 * they can match: showing one function of thousands costs one function.
 */
int zpci_load_and_select(struct zpci_ctx *ctx, unsigned int what, int argc, const char **argv,
			 struct zpci_system *sys, struct zpci_fn ***out, size_t *nout)
{
	struct zpci_selectors sels;
	int rc;

	memset(sys, 0, sizeof(*sys));
	*out = NULL;
	*nout = 0;
	zpci_report_default_devices(ctx, &argc, &argv);
	rc = zpci_selectors_parse(argc, argv, &sels);
	if (rc)
		return rc;
	rc = zpci_system_load_only(ctx, sys, what, &sels);
	if (!rc)
		rc = zpci_select(ctx, sys, &sels, out, nout);
	zpci_selectors_free(&sels);
	if (rc)
		zpci_system_free(sys);
	return rc;
}

int zpci_load_and_select_one(struct zpci_ctx *ctx, unsigned int what, const char *command,
			     const char *device, struct zpci_system *sys, struct zpci_fn **out)
{
	struct zpci_selectors sels;
	struct zpci_fn *fn;
	int rc;

	memset(sys, 0, sizeof(*sys));
	/* a malformed selector is a usage error before anything is read */
	rc = zpci_selectors_parse(1, &device, &sels);
	if (rc)
		return rc;
	rc = zpci_system_load_only(ctx, sys, what, &sels);
	if (rc)
		goto out;
	fn = zpci_selector_find(sys, &sels.v[0]);
	if (!fn) {
		zpci_err("%s: no such zPCI function", device);
		rc = ZX_NODEV;
	} else if (zpci_selector_matches(sys, &sels.v[0], device) > 1) {
		zpci_err("%s: %s acts on one function; name it by PCI address", device, command);
		rc = ZX_USAGE;
	} else if (!fn->address[0]) {
		zpci_err("%s: function 0x%08x is in standby: no PCI device until its slot is "
			 "powered on", device, fn->fid);
		rc = ZX_NODEV;
	}
	*out = fn;
out:
	zpci_selectors_free(&sels);
	if (rc)
		zpci_system_free(sys);
	return rc;
}

int zpci_problems_report(const struct zpci_ctx *ctx, struct zpci_fn *const *fns, size_t n)
{
	if (!ctx->json)
		for (size_t i = 0; i < n; i++)
			for (size_t j = 0; j < fns[i]->nproblems; j++)
				if (fns[i]->problems[j].severity >= ZSEV_CRITICAL)
					zpci_err("%s", fns[i]->problems[j].text);
	return zpci_problems_exit(fns, n);
}

/* A critical problem is exit 4, unless it was a permission: 5 (EACCES said
 * as such wherever it happens) */
int zpci_problems_exit(struct zpci_fn *const *fns, size_t n)
{
	int rc = ZX_OK;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < fns[i]->nproblems; j++)
			if (fns[i]->problems[j].severity >= ZSEV_CRITICAL)
				rc = strcmp(fns[i]->problems[j].code, "permission-denied") == 0 ?
				     ZX_PERM : rc ? rc : ZX_DATA;
	return rc;
}
