// SPDX-License-Identifier: MIT
/*
 * A PCI "resource" file, split into lines the way source_sysfs.c reads it,
 * each line through zpci_parse_resource_line(). An accepted line must print
 * back to the kernel's own format and read back to the same values.
 */
#include "config.h"

#include "fuzz.h"
#include "sysfs_parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = fuzz_strdup(data, size), *line, *save = NULL;

	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		uint64_t s, e, f, s2, e2, f2;
		char again[80];

		if (zpci_parse_resource_line(line, &s, &e, &f))
			continue;
		snprintf(again, sizeof(again), "0x%016llx 0x%016llx 0x%016llx",
			 (unsigned long long)s, (unsigned long long)e, (unsigned long long)f);
		if (zpci_parse_resource_line(again, &s2, &e2, &f2) || s2 != s || e2 != e || f2 != f)
			fuzz_fail("resource line \"%s\" does not read back", again);
	}
	free(text);
	return 0;
}
