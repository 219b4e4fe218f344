// SPDX-License-Identifier: MIT
/* Steps every showing command takes: load the model, pick the functions, map problems to an exit code. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "report_saved.h"
#include "select.h"

/*
 * Selectors are parsed before anything is read (a typo is a usage error) and
 * handed to the sources, which then read only what they can match: showing
 * one function of thousands costs one function.
 */
static int parse_selectors(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_selector *sels;
	char err[128];

	ctx->only = NULL;
	ctx->nonly = 0;
	if (argc <= 0)
		return ZX_OK;
	sels = calloc((size_t)argc, sizeof(*sels));
	if (!sels)
		return ZX_INTERNAL;
	for (int i = 0; i < argc; i++) {
		if (zpci_selector_parse(argv[i], &sels[i], err, sizeof(err))) {
			zpci_err("%s: %s", argv[i], err);
			free(sels);
			return ZX_USAGE;
		}
	}
	ctx->only = sels;
	ctx->nonly = (size_t)argc;
	return ZX_OK;
}

static int load_only(struct zpci_ctx *ctx, unsigned int what, int argc, const char **argv,
		     struct zpci_system *sys)
{
	int rc = parse_selectors(ctx, argc, argv);

	memset(sys, 0, sizeof(*sys));
	if (rc)
		return rc;
	rc = zpci_system_load(ctx, sys, what);
	free((void *)ctx->only);
	ctx->only = NULL;
	ctx->nonly = 0;
	return rc;
}

int zpci_load_and_select(struct zpci_ctx *ctx, unsigned int what, int argc, const char **argv,
			 struct zpci_system *sys, struct zpci_fn ***out, size_t *nout)
{
	int rc;

	zpci_report_default_devices(ctx, &argc, &argv);
	rc = load_only(ctx, what, argc, argv, sys);

	if (rc) {
		zpci_system_free(sys);
		return rc;
	}
	rc = zpci_select_args(ctx, sys, argc, argv, out, nout);
	if (rc)
		zpci_system_free(sys);
	return rc;
}

int zpci_load_and_select_one(struct zpci_ctx *ctx, unsigned int what, const char *command,
			     const char *device, struct zpci_system *sys, struct zpci_fn **out)
{
	const char **argv = &device;
	struct zpci_selector sel;
	struct zpci_fn *fn;
	char err[128];
	int rc;

	/* a malformed selector is a usage error before anything is read */
	if (zpci_selector_parse(argv[0], &sel, err, sizeof(err))) {
		zpci_err("%s: %s", argv[0], err);
		return ZX_USAGE;
	}
	rc = load_only(ctx, what, 1, argv, sys);
	if (rc) {
		zpci_system_free(sys);
		return rc;
	}
	fn = zpci_selector_find(sys, &sel);
	if (!fn) {
		zpci_err("%s: no such zPCI function", argv[0]);
		rc = ZX_NODEV;
	} else if (zpci_selector_matches(sys, &sel, argv[0]) > 1) {
		zpci_err("%s: %s acts on one function; name it by PCI address", argv[0], command);
		rc = ZX_USAGE;
	} else if (!fn->address[0]) {
		zpci_err("%s: function 0x%08x is in standby: no PCI device until its slot is "
			 "powered on", argv[0], fn->fid);
		rc = ZX_NODEV;
	}
	if (rc) {
		zpci_system_free(sys);
		return rc;
	}
	*out = fn;
	return ZX_OK;
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
