// SPDX-License-Identifier: MIT
/* The one severity scale's names, shared by problems, maxstbl findings and check findings. */
#include "config.h"

#include "model.h"

static const char *const severity_names[] = { "ok", "info", "warning", "critical" };

const char *zpci_severity_name(enum zpci_severity s)
{
	return (unsigned int)s < sizeof(severity_names) / sizeof(severity_names[0]) ?
	       severity_names[s] : "critical";
}
