/* SPDX-License-Identifier: MIT */
/* The utility string, one presenter for text and JSON (print_util.c). */
#ifndef ZPCIDIAG_PRINT_UTIL_H
#define ZPCIDIAG_PRINT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "print.h"

/*
 * The utility string of len bytes (EBCDIC; one 16-byte PNET ID per port),
 * util NULL when the source offers none. Text: "KEY[i]" per PNET ID, "KEY"
 * as text, then the bytes in hex ("-" when not offered, "(empty)" when
 * blank); JSON: KEY: {"available", "hex", "text", "pnet_ids"} or null.
 * avail: the source says one is set (CLP's util_str_avail; sysfs shows the
 * attribute only then).
 */
void zpci_print_util(const struct zpci_printer *p, const char *key, const uint8_t *util,
		     size_t len, bool avail);
/* The JSON object alone. */
json_object *zpci_json_util(const uint8_t *util, size_t len, bool avail);

#endif
