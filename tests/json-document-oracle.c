// SPDX-License-Identifier: MIT
/*
 * The oracle for streamed JSON (tests/cli/json-list-streamed-as-document.sh):
 * `list --json` of a tree built as one json-c document and printed at once,
 * the way every command printed it before list streamed.
 *
 *   json-document-oracle SYSFS_ROOT
 */
#include "config.h"

#include <stdio.h>

#include "json_out.h"
#include "load.h"
#include "model.h"

int main(int argc, char **argv)
{
	struct zpci_ctx ctx = { .dev_root = "/dev", .offline = true };
	struct zpci_system sys;
	json_object *doc;
	int rc;

	if (argc != 2) {
		fprintf(stderr, "usage: %s SYSFS_ROOT\n", argv[0]);
		return 2;
	}
	ctx.sysfs_root = argv[1];
	rc = zpci_system_load(&ctx, &sys, ZL_SYSFS | ZL_PCICONF);
	if (rc) {
		zpci_system_free(&sys);
		return rc;
	}
	doc = zpci_json_doc_new("list", &sys);
	for (size_t i = 0; i < sys.nfns; i++)
		json_object_array_add(zpci_json_functions(doc), zpci_json_fn(&sys.fns[i]));
	rc = zpci_json_print(doc);
	zpci_system_free(&sys);
	return rc;
}
