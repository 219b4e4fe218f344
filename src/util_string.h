/* SPDX-License-Identifier: MIT */
/*
 * The CLP utility string: 64 bytes of EBCDIC that the kernel passes through
 * unchanged (sysfs util_string, vfio's ZPCI_UTIL capability, Query PCI
 * Function). For networking functions it holds one 16-byte PNET ID per port.
 * One decoder for every place that shows it, so `show`, `clp show` and
 * `caps` print the same bytes the same way.
 */
#ifndef ZPCIDIAG_UTIL_STRING_H
#define ZPCIDIAG_UTIL_STRING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ZPCI_UTIL_LEN 64
#define ZPCI_PNET_ID_LEN 16

/* The whole string as text: NUL and EBCDIC blank become ' ', bytes with no
 * printable counterpart '.', trailing blanks trimmed. out: outlen bytes. */
void zpci_util_text(const uint8_t *util, size_t len, char *out, size_t outlen);
/* PNET IDs, one per 16-byte port segment, trailing blanks/NULs trimmed.
 * A segment is an ID only if every byte is an EBCDIC letter, digit or one
 * of the few punctuation marks IDs use; otherwise (all 0xff, binary data)
 * ids[i] is "". Returns how many IDs were found. */
int zpci_util_pnet_ids(const uint8_t *util, size_t len, char ids[4][ZPCI_PNET_ID_LEN + 1]);
/* Only NULs and EBCDIC blanks: no utility string set. */
bool zpci_util_blank(const uint8_t *util, size_t len);

#endif
