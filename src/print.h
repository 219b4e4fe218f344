/* SPDX-License-Identifier: MIT */
/*
 * One call prints a value for people and for JSON, in the spirit of
 * iproute2's print_uint(PRINT_ANY, "mtu", "mtu %u ", mtu): a printer either
 * writes show's "  key  value  explanation" lines or adds members to a JSON
 * object, so a section written once cannot print different fields in its two
 * forms. Where the forms really differ (a text line that combines two JSON
 * members), a call names ZP_TEXT or ZP_JSON alone, as iproute2's PRINT_FP and
 * PRINT_JSON do. Formats are fixed by the call (decimal, hex with so many
 * digits), never a caller's printf string, so text and JSON take one value.
 */
#ifndef ZPCIDIAG_PRINT_H
#define ZPCIDIAG_PRINT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>
#include "model.h"

enum zpci_print_to { ZP_TEXT = 1, ZP_JSON = 2, ZP_ANY = ZP_TEXT | ZP_JSON };

struct zpci_printer {
	json_object *obj;	/* JSON: members are added here; NULL for text */
	FILE *f;		/* text: where the lines go */
	int width;		/* text: width of the value column */
	int indent;		/* text: spaces before the line's own two */
};

static inline struct zpci_printer zpci_printer_text(FILE *f, int width)
{
	return (struct zpci_printer){ .f = f, .width = width };
}

static inline struct zpci_printer zpci_printer_json(json_object *obj)
{
	return (struct zpci_printer){ .obj = obj };
}

/* Text and JSON: a number; text in decimal. */
void zpci_print_uint(const struct zpci_printer *p, int to, const char *key, uint64_t v,
		     const char *expl);
/* A number, in text as 0x with digits hex digits; JSON keeps a number. */
void zpci_print_hexnum(const struct zpci_printer *p, int to, const char *key, int digits,
		       uint64_t v, const char *expl);
/* An address, mask or handle: 0x with digits hex digits in both (a JSON
 * string: numbers above 2^53 lose precision in common tools). */
void zpci_print_hex(const struct zpci_printer *p, int to, const char *key, int digits, uint64_t v,
		    const char *expl);
/* A flag: true/false in JSON, 1/0 in text as firmware states it. */
void zpci_print_bool(const struct zpci_printer *p, int to, const char *key, bool v,
		     const char *expl);
/* JSON only: a member built by the caller (an array, an object, NULL for
 * null); freed when the printer is a text printer. */
void zpci_print_json(const struct zpci_printer *p, const char *key, json_object *v);
/* A string the model keeps empty when unknown, as zpci_print_string() wants it:
 * "" becomes NULL ("-" in text, null in JSON). */
static inline const char *zpci_print_nonempty(const char *s)
{
	return s[0] ? s : NULL;
}

/* A string; NULL is null in JSON and "-" in text. */
void zpci_print_string(const struct zpci_printer *p, int to, const char *key, const char *s,
		       const char *expl);

/* Names as the model keeps them (char [n][32], the first empty one ends the
 * list): a text line under text_key per name, a JSON array under json_key
 * (empty when there are none). */
void zpci_print_names(const struct zpci_printer *p, int to, const char *text_key,
		      const char *json_key, const char names[][32], size_t n, const char *expl);

/*
 * A value read from the system (struct zv): in text "-" when absent, "?"
 * when malformed, otherwise as the plain forms above; null in JSON unless
 * it was read. digits < 0: decimal text.
 */
void zpci_print_zv(const struct zpci_printer *p, int to, const char *key, int digits,
		   const struct zv *v, const char *expl);
/* ... as an address or handle: "0x..." with digits hex digits in both. */
void zpci_print_zv_hex(const struct zpci_printer *p, int to, const char *key, int digits,
		       const struct zv *v, const char *expl);
/* ... as a flag: 1/0 in text, true/false in JSON. */
void zpci_print_zv_bool(const struct zpci_printer *p, int to, const char *key,
			const struct zv *v, const char *expl);

/*
 * A part of the model with a heading: text prints "title:" and the part's
 * lines follow at width; JSON adds an object under key and the part's
 * members go into it (key NULL: into the same object, the heading is text
 * only; title NULL: no heading, a part that only some states have). Returns
 * the part's printer; one that prints nothing when to does not name this
 * printer's form.
 */
struct zpci_printer zpci_print_section(const struct zpci_printer *p, int to, const char *key,
				       const char *title, int width);

#endif
