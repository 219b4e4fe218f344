// SPDX-License-Identifier: MIT
/* PNET IDs and their source in text and JSON (print_pnet.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "json_out.h"
#include "json_value.h"
#include "output.h"
#include "print_pnet.h"

const char *zpci_pnet_src_id(enum zpci_pnet_src src)
{
	return src == ZPCI_PNET_SMC ? "smc_pnet" : "util_string";
}

void zpci_show_pnet(const struct zpci_fn *fn)
{
	char expl[200];

	for (size_t i = 0; fn->pnet && i < fn->pnet->n; i++) {
		const struct zpci_pnet_id *p = &fn->pnet->ids[i];

		if (p->src == ZPCI_PNET_UTIL)
			snprintf(expl, sizeof(expl), "util_string, port %d (hardware-defined)", p->port);
		else if (p->port >= 0)
			snprintf(expl, sizeof(expl), "smc_pnet table: %s port %d", p->dev, p->port);
		else
			snprintf(expl, sizeof(expl), "smc_pnet table: %s", p->dev);
		if (p->differs[0])
			snprintf(expl + strlen(expl), sizeof(expl) - strlen(expl),
				 "; overrides nothing: the kernel uses the util string's %s", p->differs);
		zpci_show_kv("pnet", p->id, expl);
	}
}

void zpci_show_pnet_table(const struct zpci_system *sys)
{
	const struct zpci_src_status *s = &sys->src_pnet;

	if (s->state == ZS_NOT_TRIED || s->state == ZS_OK)
		return;
	printf("SMC PNET table: %s: %s\n", zpci_src_state_text(s->state), zpci_src_reason(s));
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

json_object *zpci_json_pnet_ids(const struct zpci_fn *fn)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; fn->pnet && i < fn->pnet->n; i++) {
		const struct zpci_pnet_id *p = &fn->pnet->ids[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_string(p->id));
		json_object_object_add(o, "source", json_object_new_string(zpci_pnet_src_id(p->src)));
		json_object_object_add(o, "port", p->port >= 0 ? json_object_new_int(p->port) : NULL);
		json_object_object_add(o, "device", zpci_json_str(p->dev[0] ? p->dev : NULL));
		json_object_object_add(o, "differs_from", zpci_json_str(p->differs[0] ? p->differs : NULL));
		json_object_array_add(arr, o);
	}
	return arr;
}

json_object *zpci_json_pnet_table(const struct zpci_system *sys)
{
	json_object *o = json_object_new_object();
	const char *why = zpci_src_reason(&sys->src_pnet);

	json_object_object_add(o, "state", json_object_new_string(zpci_src_state_id(sys->src_pnet.state)));
	json_object_object_add(o, "reason", zpci_json_str(why[0] ? why : NULL));
	json_object_object_add(o, "entries", sys->src_pnet.state == ZS_OK ?
				json_object_new_int64((int64_t)sys->pnet_entries) : NULL);
	return o;
}
