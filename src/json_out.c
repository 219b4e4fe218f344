// SPDX-License-Identifier: MIT
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "json_out.h"
#include "json_value.h"
#include "print_function.h"

static bool printed;

json_object *zpci_json_fn(const struct zpci_fn *fn)
{
	struct zpci_printer p = zpci_printer_json(json_object_new_object());

	zpci_print_function(&p, NULL, fn);
	return p.obj;
}

/* zPCI attributes no function has: the running kernel predates them (said once, here) */
static json_object *json_kernel_lacks(const struct zpci_system *sys)
{
	json_object *a = json_object_new_array();

	for (unsigned int b = 0; b < ZA_NKATTR; b++)
		if (sys->kernel_lacks & (1u << b))
			json_object_array_add(a, json_object_new_string(
						 zpci_kattr_name((enum zpci_kattr)(1u << b))));
	return a;
}

json_object *zpci_json_doc_new(const char *command, const struct zpci_system *sys)
{
	json_object *doc = json_object_new_object();

	json_object_object_add(doc, "schema_version", json_object_new_int(ZPCI_JSON_SCHEMA_VERSION));
	json_object_object_add(doc, "command", json_object_new_string(command));
	json_object_object_add(doc, "uid_checking", sys ? zpci_json_bool_zv(&sys->uid_checking) : NULL);
	json_object_object_add(doc, "uid_checking_source", sys && sys->uid_checking_from ?
			       json_object_new_string(sys->uid_checking_from) : NULL);
	json_object_object_add(doc, "kernel_lacks", sys ? json_kernel_lacks(sys) : NULL);
	json_object_object_add(doc, "functions", json_object_new_array());
	return doc;
}

json_object *zpci_json_functions(json_object *doc)
{
	json_object *arr = NULL;

	json_object_object_get_ex(doc, "functions", &arr);
	return arr;
}

#define JSON_FLAGS (JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED | JSON_C_TO_STRING_NOSLASHESCAPE)

int zpci_json_print(json_object *doc)
{
	const char *s;
	size_t len;
	int rc = ZX_OK;

	if (!doc)
		return ZX_INTERNAL;
	s = json_object_to_json_string_ext(doc, JSON_FLAGS);
	if (!s) {
		json_object_put(doc);
		return ZX_INTERNAL;
	}
	len = strlen(s);
	printed = true;
	if (fwrite(s, 1, len, stdout) != len || fputc('\n', stdout) == EOF || fflush(stdout)) {
		zpci_err("writing JSON to standard output: %s", strerror(errno));
		rc = ZX_IO;
	}
	json_object_put(doc);
	return rc;
}

/*
 * A value serialised on its own, written as json-c writes it nested: json-c
 * indents two spaces per level at the start of every line, and a newline
 * inside a string is always escaped, so nesting adds the same indentation to
 * every line.
 */
static void put_nested(FILE *out, json_object *v, int indent)
{
	const char *s = v ? json_object_to_json_string_ext(v, JSON_FLAGS) : "null";

	for (const char *nl; (nl = strchr(s, '\n')); s = nl + 1)
		fprintf(out, "%.*s\n%*s", (int)(nl - s), s, indent, "");
	fputs(s, out);
}

void zpci_json_stream_begin(struct zpci_json_stream *st, FILE *out, const char *command,
			    const struct zpci_system *sys)
{
	json_object *doc = zpci_json_doc_new(command, sys);

	st->out = out;
	st->nfns = 0;
	printed = true;
	fputs("{", out);
	json_object_object_foreach(doc, key, val) {
		if (strcmp(key, "functions") == 0)
			break;	/* the last member: streamed */
		fprintf(out, "\n  \"%s\": ", key);
		put_nested(out, val, 2);
		fputc(',', out);
	}
	fputs("\n  \"functions\": [\n", out);
	json_object_put(doc);
}

void zpci_json_stream_fn(struct zpci_json_stream *st, json_object *fnobj)
{
	fputs(st->nfns++ ? ",\n    " : "    ", st->out);
	put_nested(st->out, fnobj, 4);
	json_object_put(fnobj);
}

int zpci_json_stream_end(struct zpci_json_stream *st)
{
	fputs(st->nfns ? "\n  ]\n}\n" : "  ]\n}\n", st->out);
	if (ferror(st->out) || fflush(st->out)) {
		zpci_err("writing JSON to standard output: %s", strerror(errno));
		return ZX_IO;
	}
	return ZX_OK;
}

bool zpci_json_printed(void)
{
	return printed;
}

void zpci_json_mark_printed(void)
{
	printed = true;
}

static const char *const exit_names[] = {
	[ZX_OK] = "ok", [ZX_PROBLEM] = "problem", [ZX_USAGE] = "usage", [ZX_NODEV] = "nodev",
	[ZX_DATA] = "data", [ZX_PERM] = "perm", [ZX_UNAVAIL] = "unavailable", [ZX_IO] = "io",
	[ZX_INTERNAL] = "internal",
};

int zpci_json_print_error(const char *command, int rc, const char *const *messages, size_t n)
{
	json_object *doc = zpci_json_doc_new(command, NULL), *err = json_object_new_object();
	json_object *msgs = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(msgs, json_object_new_string(messages[i]));
	json_object_object_add(err, "exit_code", json_object_new_int(rc));
	json_object_object_add(err, "exit_status", json_object_new_string(
		rc >= 0 && (size_t)rc < sizeof(exit_names) / sizeof(exit_names[0]) ?
		exit_names[rc] : "internal"));
	json_object_object_add(err, "messages", msgs);
	json_object_object_add(doc, "error", err);
	return zpci_json_print(doc);
}
