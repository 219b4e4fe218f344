// SPDX-License-Identifier: MIT
/*
 * zpcidiag caps DEVICE...: what vfio reports about a function bound to
 * vfio-pci or a variant driver: the zPCI capability chain with versions,
 * the regions (sizes, flags, device-specific type/subtype) and IRQ indexes.
 * Data from the vfio source (source_vfio.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "json_out.h"
#include "print_vfio.h"
#include "select.h"

static int cmd_caps(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n;
	int rc, worst = ZX_OK;

	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_VFIO, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		rc = zpci_src_state_exit(fns[i]->src_vfio.state, ZX_IO);
		if (rc) {
			zpci_err("%s: %s", fns[i]->address[0] ? fns[i]->address : "function",
				 zpci_src_reason(&fns[i]->src_vfio));
			if (!worst)
				worst = rc;
		} else if (zpci_fn_vfio(fns[i])->chain_error[0] && !worst) {
			worst = ZX_DATA;
		}
	}
	if (ctx->json) {
		json_object *doc = zpci_json_doc_new("caps", &sys);

		for (size_t i = 0; i < n; i++)
			json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
		rc = zpci_json_print(doc);
	} else {
		rc = ZX_OK;
		struct zpci_printer tp = zpci_printer_text(stdout, 0);

		for (size_t i = 0; i < n && !rc; i++) {
			if (!zpci_fn_vfio(fns[i])->valid)
				continue;
			if (i)
				putchar('\n');
			rc = zpci_print_vfio(&tp, fns[i]);
		}
	}
	free(fns);
	zpci_system_free(&sys);
	return rc ? rc : worst;
}

ZPCI_COMMAND(caps, .name = "caps",
	     .arg = "DEVICE", .min_args = 1, .max_args = ZPCI_ARGS_ANY,
	     .summary = "vfio view of a bound function: zPCI capabilities, regions, IRQs",
	     .run = cmd_caps);
