/* SPDX-License-Identifier: MIT */
/*
 * JSON output (schema in zpcidiag(8), section JSON OUTPUT). A command
 * builds one document, then zpci_json_print() renders it to a string and
 * writes it at once: an error half-way never leaves half a document.
 *
 * list streams instead (zpci_json_stream_*): at 4096 functions the document
 * as json-c objects and its string would take about 110 MB, one function's
 * objects a few KB. The decision that keeps streaming as safe as the whole
 * document: the model is loaded completely, every source and every derived
 * fact, before the first byte is written, and a function's members never
 * fail (they turn trouble into null), so the only failure while printing is
 * a write error on stdout. That one ends in exit ZX_IO with a message, and
 * the output cut short is not valid JSON: a script sees both. The bytes are
 * exactly those zpci_json_print() gives for the same document (a test
 * compares them on generated trees).
 *
 * zpci_json_fn() is the function's printer (print_function.c) writing into
 * a JSON object: show's text comes from the same calls. A printer adds
 * exactly its own key(s) and never fails the document: on trouble it adds
 * null. Values come from json_value.h, below this file.
 */
#ifndef ZPCIDIAG_JSON_OUT_H
#define ZPCIDIAG_JSON_OUT_H

#include <stdio.h>
#include <json-c/json.h>
#include "json_value.h"
#include "model.h"

/* {"schema_version":2, "command":..., "uid_checking":..., "functions":[]} */
json_object *zpci_json_doc_new(const char *command, const struct zpci_system *sys);
/* The "functions" array of a document. */
json_object *zpci_json_functions(json_object *doc);
/* One function with every member (zpci_print_function() without a system). */
json_object *zpci_json_fn(const struct zpci_fn *fn);
/* Prints and frees doc; ZX_OK, ZX_IO (stdout write failed) or ZX_INTERNAL. */
int zpci_json_print(json_object *doc);

/* A document printed as it is made: begin (the members before "functions"),
 * one call per function (takes the object and frees it), end (ZX_OK, or
 * ZX_IO when writing to out failed anywhere). */
struct zpci_json_stream {
	FILE *out;
	size_t nfns;
};
void zpci_json_stream_begin(struct zpci_json_stream *st, FILE *out, const char *command,
			    const struct zpci_system *sys);
void zpci_json_stream_fn(struct zpci_json_stream *st, json_object *fnobj);
int zpci_json_stream_end(struct zpci_json_stream *st);

/* Was a document printed in this run? (main prints an error document for a
 * failing --json command that printed none.) */
bool zpci_json_printed(void);
/* A command that wrote its own complete document (check, also to a file): no error document. */
void zpci_json_mark_printed(void);
/* {"schema_version":2, "command":..., "uid_checking":null, "functions":[],
 *  "error":{"exit_code":N, "exit_status":"usage", "messages":[...]}} */
int zpci_json_print_error(const char *command, int rc, const char *const *messages, size_t n);

#endif
