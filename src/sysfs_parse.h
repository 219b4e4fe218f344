/* SPDX-License-Identifier: MIT */
/*
 * Pure parsers for the text formats the kernel uses in sysfs, separate from
 * the code that reads the files so host unit tests can feed them edge cases.
 */
#ifndef ZPCIDIAG_SYSFS_PARSE_H
#define ZPCIDIAG_SYSFS_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One number as sysfs prints it ("0x%08x\n", "%d\n", "%u\n"): optional 0x
 * prefix selects hex, one trailing newline allowed, nothing else. Returns 0 or
 * -1 (empty, garbage, trailing junk, overflow, negative). */
int zpci_parse_number(const char *buf, size_t len, uint64_t *out);
/* Same, but digits are hex with or without 0x (selectors: fid:10 is 0x10). */
int zpci_parse_hex(const char *s, uint64_t *out);
/* One line of the PCI "resource" file: "0x%016llx 0x%016llx 0x%016llx". */
int zpci_parse_resource_line(const char *line, uint64_t *start, uint64_t *end, uint64_t *flags);
/* "dddd:bb:dd.f" or "bb:dd.f" (domain 0), hex; dev <= 0x1f, func <= 7. */
int zpci_parse_pci_address(const char *s, unsigned int *domain, unsigned int *bus,
			   unsigned int *dev, unsigned int *func);

#endif
