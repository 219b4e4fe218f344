/* SPDX-License-Identifier: MIT */
/*
 * JSON values from the model (json_value.c): the layer below the documents
 * (json_out.c) and the printers (print.c), so a printer needs no document.
 */
#ifndef ZPCIDIAG_JSON_VALUE_H
#define ZPCIDIAG_JSON_VALUE_H

#include <stdint.h>
#include <json-c/json.h>
#include "model.h"

/* 64-bit addresses, masks and handles as "0x..." strings of at least digits
 * hex digits: JSON numbers above 2^53 lose precision in common tools. */
json_object *zpci_json_hex(uint64_t v, int digits);
json_object *zpci_json_zv_hex(const struct zv *v, int digits);

/* Small constructors: a struct zv as number/null (or true/false/null), a
 * string or null, a number. A value that exists but could not be read or
 * parsed (ZV_MALFORMED) is the string "malformed", never null (absent). */
#define ZPCI_JSON_MALFORMED "malformed"
json_object *zpci_json_malformed(void);
json_object *zpci_json_zv(const struct zv *v);
json_object *zpci_json_bool_zv(const struct zv *v);
json_object *zpci_json_str(const char *s);	/* "" -> null */
json_object *zpci_json_u64(uint64_t v);

#endif
