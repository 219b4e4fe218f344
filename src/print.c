// SPDX-License-Identifier: MIT
/* Text and JSON from one call (print.h). */
#include "config.h"

#include "json_value.h"
#include "output.h"
#include "print.h"

/* value goes to JSON, text to the text line; each when the printer and "to" agree */
static void emit(const struct zpci_printer *p, int to, const char *key, json_object *value,
		 const char *text, const char *expl)
{
	if (p->obj && (to & ZP_JSON))
		json_object_object_add(p->obj, key, value);
	else
		json_object_put(value);
	if (!p->obj && (to & ZP_TEXT))
		zpci_kv_line(p->f, p->width, key, text, expl);
}

/* JSON values are built only for a JSON printer */
#define JSON_VALUE(p, to, expr) ((p)->obj && ((to) & ZP_JSON) ? (expr) : NULL)

void zpci_print_uint(const struct zpci_printer *p, int to, const char *key, uint64_t v,
		     const char *expl)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
	emit(p, to, key, JSON_VALUE(p, to, zpci_json_u64(v)), buf, expl);
}

void zpci_print_hexnum(const struct zpci_printer *p, int to, const char *key, int digits,
		       uint64_t v, const char *expl)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v);
	emit(p, to, key, JSON_VALUE(p, to, zpci_json_u64(v)), buf, expl);
}

void zpci_print_hex(const struct zpci_printer *p, int to, const char *key, int digits, uint64_t v,
		    const char *expl)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v);
	emit(p, to, key, JSON_VALUE(p, to, zpci_json_hex(v, digits)), buf, expl);
}

void zpci_print_bool(const struct zpci_printer *p, int to, const char *key, bool v,
		     const char *expl)
{
	emit(p, to, key, JSON_VALUE(p, to, json_object_new_boolean(v)), v ? "1" : "0", expl);
}

void zpci_print_json(const struct zpci_printer *p, const char *key, json_object *v)
{
	emit(p, ZP_JSON, key, v, NULL, NULL);
}

void zpci_print_string(const struct zpci_printer *p, int to, const char *key, const char *s,
		       const char *expl)
{
	emit(p, to, key, JSON_VALUE(p, to, s ? json_object_new_string(s) : NULL), s ? s : "-",
	     expl);
}
