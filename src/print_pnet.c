// SPDX-License-Identifier: MIT
/*
 * PNET IDs and their source for people and for JSON from the same calls
 * (print.h); list --tree's compact words (zpci_tree_pnet) are no show section
 * and stay a formatter of their own.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "print_pnet.h"

const char *zpci_pnet_src_id(enum zpci_pnet_src src)
{
	return src == ZPCI_PNET_SMC ? "smc_pnet" : "util_string";
}

/* text: one "pnet" line an ID, its source explained; JSON: "pnet_ids": [{...}] */
void zpci_print_pnet(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	json_object *arr = p->obj ? json_object_new_array() : NULL;
	char expl[200];

	for (size_t i = 0; fn->pnet && i < fn->pnet->n; i++) {
		const struct zpci_pnet_id *id = &fn->pnet->ids[i];
		struct zpci_printer ip = arr ? zpci_printer_json(json_object_new_object()) : *p;

		if (id->src == ZPCI_PNET_UTIL)
			snprintf(expl, sizeof(expl), "util_string, port %d (hardware-defined)", id->port);
		else if (id->port >= 0)
			snprintf(expl, sizeof(expl), "smc_pnet table: %s port %d", id->dev, id->port);
		else
			snprintf(expl, sizeof(expl), "smc_pnet table: %s", id->dev);
		if (id->differs[0])
			snprintf(expl + strlen(expl), sizeof(expl) - strlen(expl),
				 "; overrides nothing: the kernel uses the util string's %s", id->differs);
		zpci_print_string(&ip, ZP_TEXT, "pnet", id->id, expl);
		zpci_print_string(&ip, ZP_JSON, "id", id->id, NULL);
		zpci_print_string(&ip, ZP_JSON, "source", zpci_pnet_src_id(id->src), NULL);
		if (id->port >= 0)
			zpci_print_uint(&ip, ZP_JSON, "port", (uint64_t)id->port, NULL);
		else
			zpci_print_json(&ip, "port", NULL);
		zpci_print_string(&ip, ZP_JSON, "device", id->dev[0] ? id->dev : NULL, NULL);
		zpci_print_string(&ip, ZP_JSON, "differs_from", id->differs[0] ? id->differs : NULL,
				  NULL);
		if (arr)
			json_object_array_add(arr, ip.obj);
	}
	if (arr)
		zpci_print_json(p, "pnet_ids", arr);
}

/* text: one line, only when the table was asked for and not read; JSON: "smc_pnet" */
void zpci_print_pnet_table(const struct zpci_printer *p, const struct zpci_system *sys)
{
	const struct zpci_src_status *s = &sys->src_pnet;
	const char *why = zpci_src_reason(s);
	struct zpci_printer tp = zpci_print_section(p, ZP_JSON, "smc_pnet", NULL, 0);

	/* a heading that carries its value: no key/value line */
	if (!p->obj && p->f && s->state != ZS_NOT_TRIED && s->state != ZS_OK)
		fprintf(p->f, "SMC PNET table: %s: %s\n", zpci_src_state_text(s->state), why);
	zpci_print_string(&tp, ZP_JSON, "state", zpci_src_state_id(s->state), NULL);
	zpci_print_string(&tp, ZP_JSON, "reason", why[0] ? why : NULL, NULL);
	if (s->state == ZS_OK)
		zpci_print_uint(&tp, ZP_JSON, "entries", (uint64_t)sys->pnet_entries, NULL);
	else
		zpci_print_json(&tp, "entries", NULL);
}

void zpci_tree_pnet(const struct zpci_fn *fn, char *buf, size_t len)
{
	for (size_t i = 0; fn->pnet && i < fn->pnet->n; i++) {
		size_t used = strlen(buf);

		if (used < len)
			snprintf(buf + used, len - used, " pnet:%s(%s%s)", fn->pnet->ids[i].id,
				 zpci_pnet_src_id(fn->pnet->ids[i].src),
				 fn->pnet->ids[i].differs[0] ? ", differs" : "");
	}
}
