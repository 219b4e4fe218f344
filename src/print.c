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
	if (!p->obj && p->f && (to & ZP_TEXT)) {
		fprintf(p->f, "%*s", p->indent, "");
		zpci_kv_line(p->f, p->width, key, text, expl);
	}
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

void zpci_print_names(const struct zpci_printer *p, int to, const char *text_key,
		      const char *json_key, const char names[][32], size_t n, const char *expl)
{
	json_object *a = JSON_VALUE(p, to, json_object_new_array());

	for (size_t i = 0; i < n && names[i][0]; i++) {
		emit(p, to & ZP_TEXT, text_key, NULL, names[i], expl);
		if (a)
			json_object_array_add(a, json_object_new_string(names[i]));
	}
	emit(p, to & ZP_JSON, json_key, a, NULL, NULL);
}

void zpci_print_zv(const struct zpci_printer *p, int to, const char *key, int digits,
		   const struct zv *v, const char *expl)
{
	char buf[24];

	if (digits < 0)
		zpci_zv_str(v, "%llu", buf, sizeof(buf));
	else if (zv_ok(*v))
		snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v->v);
	else
		zpci_zv_str(v, "", buf, sizeof(buf));
	emit(p, to, key, JSON_VALUE(p, to, zpci_json_zv(v)), buf, expl);
}

void zpci_print_zv_hex(const struct zpci_printer *p, int to, const char *key, int digits,
		       const struct zv *v, const char *expl)
{
	char buf[24];

	if (zv_ok(*v))
		snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v->v);
	else
		zpci_zv_str(v, "", buf, sizeof(buf));
	emit(p, to, key, JSON_VALUE(p, to, zpci_json_zv_hex(v, digits)), buf, expl);
}

void zpci_print_zv_bool(const struct zpci_printer *p, int to, const char *key,
			const struct zv *v, const char *expl)
{
	char buf[24];

	zpci_zv_str(v, "%llu", buf, sizeof(buf));
	emit(p, to, key, JSON_VALUE(p, to, zpci_json_bool_zv(v)), buf, expl);
}

struct zpci_printer zpci_print_section(const struct zpci_printer *p, int to, const char *key,
				       const char *title, int width)
{
	json_object *o;

	if (p->obj) {
		if (!(to & ZP_JSON))
			return (struct zpci_printer){ 0 };
		if (!key)
			return *p;	/* a heading of text only: its members stay flat */
		o = json_object_new_object();
		json_object_object_add(p->obj, key, o);
		return zpci_printer_json(o);
	}
	if (!p->f || !(to & ZP_TEXT))
		return (struct zpci_printer){ 0 };
	if (title)
		fprintf(p->f, "%s:\n", title);
	return zpci_printer_text(p->f, width);
}
