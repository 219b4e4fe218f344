// SPDX-License-Identifier: MIT
/* A function's recovery state for people and for JSON from the same calls (print.h). */
#include "config.h"

#include <stdio.h>

#include "kmsg_recovery.h"
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

void zpci_print_recovery(const struct zpci_printer *p, const struct zpci_system *sys,
			 const struct zpci_fn *fn)
{
	const struct zpci_recovery *r = &fn->recovery;
	bool all_ones = fn->state == ZPCI_FN_CONFIGURED && fn->pci.config_present &&
			!zpci_fn_config_answers(fn);
	/* text when the kernel log was asked for (saying why it was not read),
	 * JSON only when it was read */
	int to = (sys->src_kmsg.state != ZS_NOT_TRIED ? ZP_TEXT : 0) |
		 (sys->src_kmsg.state == ZS_OK ? ZP_JSON : 0);
	struct zpci_printer rp = zpci_print_section(p, to, "recovery", "Recovery", 14);
	/* text: the lines after the "kernel log" one are for a function with events */
	int ev = r->nevents ? ZP_TEXT : 0;
	char t[80], v[ZPCI_REC_TEXT + 120];

	if (!rp.obj && !rp.f)
		return;
	if (all_ones)
		zpci_print_string(&rp, ZP_TEXT, "config", "all ones", "vendor ID reads 0xffff (lspci "
				  "\"rev ff\"): the function does not answer; recovery is needed");
	zpci_print_bool(&rp, ZP_JSON, "config_all_ones", all_ones, NULL);
	if (sys->src_kmsg.state != ZS_OK) {
		zpci_print_string(&rp, ZP_TEXT, "kernel log", NULL, sys->src_kmsg.reason);
		return;
	}
	if (!r->nevents)
		zpci_print_string(&rp, ZP_TEXT, "kernel log", "none",
				  "no zPCI error or recovery line about it this boot");
	zpci_print_uint(&rp, ZP_JSON, "events", r->nevents, NULL);
	zpci_print_uint(&rp, ZP_JSON, "error_events", r->nerrors, NULL);
	zpci_print_json(&rp, "first_s", rp.obj ? usec_or_null(r->nevents, r->first_usec) : NULL);
	if (r->outcome != ZRE_NONE) {
		when(sys, r->outcome_usec, t, sizeof(t));
		snprintf(v, sizeof(v), "%s: \"%s\"", t, r->outcome_text);
		zpci_print_string(&rp, ev, "last outcome", zpci_rec_event_name(r->outcome), v);
	} else {
		zpci_print_string(&rp, ev, "last outcome", "none",
				  "error events but no outcome logged (yet)");
	}
	zpci_print_string(&rp, ZP_JSON, "outcome", r->outcome == ZRE_NONE ? NULL :
			  zpci_rec_event_name(r->outcome), NULL);
	zpci_print_json(&rp, "outcome_s", rp.obj ? usec_or_null(r->outcome != ZRE_NONE,
							       r->outcome_usec) : NULL);
	zpci_print_string(&rp, ZP_JSON, "outcome_text", r->outcome_text[0] ? r->outcome_text : NULL,
			  NULL);
	if (r->outcome_after_error)
		zpci_print_string(&rp, ev, "after it", "error",
				  "a later error event has no outcome logged (yet)");
	zpci_print_bool(&rp, ZP_JSON, "error_after_outcome", r->outcome_after_error, NULL);
	/* text: one "events" line of events, error_events and first_s */
	when(sys, r->first_usec, t, sizeof(t));
	snprintf(v, sizeof(v), "%u error events, %u lines; the first %s", r->nerrors, r->nevents, t);
	zpci_print_string(&rp, ev, "events", "", v);
	if (r->reported) {
		when(sys, r->reported_usec, t, sizeof(t));
		snprintf(v, sizeof(v), "status sent to the Support Element %s", t);
		zpci_print_string(&rp, ev, "reported", "yes", v);
	} else if (r->report_failed) {
		zpci_print_string(&rp, ev, "reported", "failed",
				  "the kernel could not report the status (pci_report.c)");
	}
	zpci_print_json(&rp, "reported_s", rp.obj ? usec_or_null(r->reported, r->reported_usec) :
			NULL);
	zpci_print_bool(&rp, ZP_JSON, "report_failed", r->report_failed, NULL);
	zpci_print_json(&rp, "uptime_s", rp.obj ? usec_or_null(sys->uptime_known, sys->uptime_usec) :
			NULL);
}
