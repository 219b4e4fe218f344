// SPDX-License-Identifier: MIT
/* A function's recovery state in text and JSON (print_recovery.h). */
#include "config.h"

#include <stdio.h>

#include "json_out.h"
#include "kmsg_recovery.h"
#include "output.h"
#include "print_recovery.h"

/* "812.345678 s after boot (3 min ago)" */
static void when(const struct zpci_system *sys, uint64_t usec, char *buf, size_t len)
{
	unsigned long long ago;

	if (!sys->uptime_known || usec > sys->uptime_usec) {
		snprintf(buf, len, "%llu.%06llu s after boot", (unsigned long long)(usec / 1000000),
			 (unsigned long long)(usec % 1000000));
		return;
	}
	ago = (unsigned long long)((sys->uptime_usec - usec) / 1000000);
	snprintf(buf, len, "%llu.%06llu s after boot (%llu %s ago)",
		 (unsigned long long)(usec / 1000000), (unsigned long long)(usec % 1000000),
		 ago >= 7200 ? ago / 3600 : ago >= 120 ? ago / 60 : ago,
		 ago >= 7200 ? "h" : ago >= 120 ? "min" : "s");
}

void zpci_show_recovery(const struct zpci_system *sys, const struct zpci_fn *fn)
{
	const struct zpci_recovery *r = &fn->recovery;
	char t[80], v[ZPCI_REC_TEXT + 120];

	if (sys->src_kmsg.state == ZS_NOT_TRIED)
		return;
	printf("Recovery:\n");
	if (fn->state == ZPCI_FN_CONFIGURED && fn->pci.config_present && !zpci_fn_config_answers(fn))
		zpci_show_kv("config", "all ones", "vendor ID reads 0xffff (lspci \"rev ff\"): the "
			     "function does not answer; recovery is needed");
	if (sys->src_kmsg.state != ZS_OK) {
		zpci_show_kv("kernel log", "-", sys->src_kmsg.reason);
		return;
	}
	if (!r->nevents) {
		zpci_show_kv("kernel log", "none", "no zPCI error or recovery line about it this boot");
		return;
	}
	if (r->outcome != ZRE_NONE) {
		when(sys, r->outcome_usec, t, sizeof(t));
		snprintf(v, sizeof(v), "%s: \"%s\"", t, r->outcome_text);
		zpci_show_kv("last outcome", zpci_rec_event_name(r->outcome), v);
	} else {
		zpci_show_kv("last outcome", "none", "error events but no outcome logged (yet)");
	}
	if (r->outcome_after_error)
		zpci_show_kv("after it", "error", "a later error event has no outcome logged (yet)");
	when(sys, r->first_usec, t, sizeof(t));
	snprintf(v, sizeof(v), "%u error events, %u lines; the first %s", r->nerrors, r->nevents, t);
	zpci_show_kv("events", "", v);
	if (r->reported) {
		when(sys, r->reported_usec, t, sizeof(t));
		snprintf(v, sizeof(v), "status sent to the Support Element %s", t);
		zpci_show_kv("reported", "yes", v);
	} else if (r->report_failed) {
		zpci_show_kv("reported", "failed", "the kernel could not report the status (pci_report.c)");
	}
}

static json_object *usec_or_null(bool have, uint64_t usec)
{
	char text[32];

	if (!have)
		return NULL;
	/* microseconds as kmsg has them, without binary-fraction noise */
	snprintf(text, sizeof(text), "%llu.%06llu", (unsigned long long)(usec / 1000000),
		 (unsigned long long)(usec % 1000000));
	return json_object_new_double_s((double)usec / 1e6, text);
}

json_object *zpci_json_recovery(const struct zpci_system *sys, const struct zpci_fn *fn)
{
	const struct zpci_recovery *r = &fn->recovery;
	json_object *o;

	if (sys->src_kmsg.state != ZS_OK)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "config_all_ones", json_object_new_boolean(
		fn->state == ZPCI_FN_CONFIGURED && fn->pci.config_present && !zpci_fn_config_answers(fn)));
	json_object_object_add(o, "events", json_object_new_int64(r->nevents));
	json_object_object_add(o, "error_events", json_object_new_int64(r->nerrors));
	json_object_object_add(o, "first_s", usec_or_null(r->nevents, r->first_usec));
	json_object_object_add(o, "outcome", r->outcome == ZRE_NONE ? NULL :
			       json_object_new_string(zpci_rec_event_name(r->outcome)));
	json_object_object_add(o, "outcome_s", usec_or_null(r->outcome != ZRE_NONE, r->outcome_usec));
	json_object_object_add(o, "outcome_text", zpci_json_str(r->outcome_text));
	json_object_object_add(o, "error_after_outcome", json_object_new_boolean(r->outcome_after_error));
	json_object_object_add(o, "reported_s", usec_or_null(r->reported, r->reported_usec));
	json_object_object_add(o, "report_failed", json_object_new_boolean(r->report_failed));
	json_object_object_add(o, "uptime_s", usec_or_null(sys->uptime_known, sys->uptime_usec));
	return o;
}
