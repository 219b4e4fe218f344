// SPDX-License-Identifier: MIT
/* The one severity scale's names, shared by problems, maxstbl findings and check findings. */
#include "config.h"

#include <string.h>

#include "model.h"

static const char *const severity_names[] = { "ok", "info", "warning", "critical" };

const char *zpci_severity_name(enum zpci_severity s)
{
	return (unsigned int)s < sizeof(severity_names) / sizeof(severity_names[0]) ?
	       severity_names[s] : "critical";
}

int zpci_severity_parse(const char *name)
{
	for (unsigned int i = 0; i < sizeof(severity_names) / sizeof(severity_names[0]); i++)
		if (strcmp(name, severity_names[i]) == 0)
			return (int)i;
	return -1;
}
