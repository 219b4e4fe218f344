// SPDX-License-Identifier: MIT
/* zpcidiag list: placeholder until the foundation issue fills it in. */
#include "config.h"
#include <stdio.h>
#include "cmd.h"

static int cmd_list(struct zpci_ctx *ctx, int argc, const char **argv)
{
	fprintf(stderr, "%s: list: not implemented yet\n", ZPCI_PROG);
	return ZX_INTERNAL;
}

ZPCI_COMMAND(list, .name = "list", .args = "[DEVICE...]",
	     .summary = "list zPCI functions with their IBM Z identifiers",
	     .run = cmd_list);
