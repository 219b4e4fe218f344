// SPDX-License-Identifier: MIT
/* Steps every showing command takes: load the model, pick the functions, map problems to an exit code. */
#include "config.h"

#include <stdlib.h>

#include "select.h"

int zpci_load_and_select(struct zpci_ctx *ctx, unsigned int what, int argc, const char **argv,
			 struct zpci_system *sys, struct zpci_fn ***out, size_t *nout)
{
	int rc = zpci_system_load(ctx, sys, what);

	if (rc) {
		zpci_system_free(sys);
		return rc;
	}
	rc = zpci_select_args(ctx, sys, argc, argv, out, nout);
	if (rc)
		zpci_system_free(sys);
	return rc;
}

int zpci_problems_exit(struct zpci_fn *const *fns, size_t n)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < fns[i]->nproblems; j++)
			if (fns[i]->problems[j].severity >= 2)
				return ZX_DATA;
	return ZX_OK;
}
