/* SPDX-License-Identifier: MIT */
/*
 * zpcidiag check: a catalogue of rules over the model (check_rules.c) and
 * the findings they raise (cmd_check.c runs them and prints the result).
 * Rules read struct zpci_fn and the system facts only, never the system.
 */
#ifndef ZPCIDIAG_CHECK_H
#define ZPCIDIAG_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

struct zpci_pt_scan;
struct zpci_pt_view;

/* What a rule may know besides the model: which sources were asked at all. */
struct zpci_check_env {
	const struct zpci_system *sys;
	bool clp_asked;			/* /dev/clp (live) or saved CLP blocks */
	bool kdiag_asked;		/* the diagnostics module (live only) */
	bool vfio_asked;		/* vfio device info of bound functions */
	/* check --passthrough: the KVM host's view of that function (source_holders.h) */
	const struct zpci_pt_scan *pt_scan;
	const struct zpci_pt_view *pt_view;
};

struct zpci_check_rule;

struct zpci_finding {
	const struct zpci_check_rule *rule;
	const struct zpci_fn *fn;	/* NULL for a system-wide finding */
	char text[384];	/* room for a quoted kernel line and the environment's note */
};

struct zpci_findings {
	struct zpci_finding *v;
	size_t n;
	bool oom;			/* a finding was lost: the result is UNKNOWN */
};

enum zpci_check_scope {
	ZCS_SYSTEM,			/* once per run */
	ZCS_FUNCTION,			/* once per selected function */
	ZCS_PASSTHROUGH,		/* only for the function named by --passthrough */
};

struct zpci_check_rule {
	const char *id;			/* stable: scripts and check.conf name it */
	enum zpci_severity severity;
	enum zpci_check_scope scope;
	const char *title;		/* what the rule looks for, for --list-rules */
	const char *explanation;	/* why it matters */
	const char *fix;		/* what to do, a command where one exists; NULL if none */
	const char *arg;		/* the model's problem or maxstbl finding code it maps */
	/* adds findings through zpci_finding_add(); fn is NULL for ZCS_SYSTEM */
	void (*test)(const struct zpci_check_rule *r, const struct zpci_check_env *env,
		     const struct zpci_fn *fn, struct zpci_findings *out);
};

extern const struct zpci_check_rule zpci_check_rules[];
extern const size_t zpci_check_nrules;

const struct zpci_check_rule *zpci_check_rule_find(const char *id);
void zpci_finding_add(struct zpci_findings *out, const struct zpci_check_rule *r,
		      const struct zpci_fn *fn, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#endif
