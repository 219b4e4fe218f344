/* SPDX-License-Identifier: MIT */
/*
 * JSON output (schema in zpcidiag(8), section JSON OUTPUT). Every command
 * builds one document, then zpci_json_print() renders it to a string and
 * writes it at once: an error half-way never leaves half a document.
 *
 * Extension points: zpci_json_fn() calls one hook per source below. This file
 * defines them weak, adding "<member>": null; the source that owns a member
 * defines the strong version in its own file (e.g. src/json_clp.c defining
 * zpci_json_add_clp) and the linker picks it, so no one edits json_out.c.
 * A hook adds exactly its own key(s) to the function object and never fails
 * the document: on trouble it adds null and a problem of its own.
 */
#ifndef ZPCIDIAG_JSON_OUT_H
#define ZPCIDIAG_JSON_OUT_H

#include <json-c/json.h>
#include "model.h"

/* {"schema_version":1, "command":..., "uid_checking":..., "functions":[]} */
json_object *zpci_json_doc_new(const char *command, const struct zpci_system *sys);
/* The "functions" array of a document. */
json_object *zpci_json_functions(json_object *doc);
/* One function with every member the foundation knows, then the hooks. */
json_object *zpci_json_fn(const struct zpci_fn *fn);
/* Prints and frees doc; ZX_OK, ZX_IO (stdout write failed) or ZX_INTERNAL. */
int zpci_json_print(json_object *doc);

/* Was a document printed in this run? (main prints an error document for a
 * failing --json command that printed none.) */
bool zpci_json_printed(void);
/* {"schema_version":2, "command":..., "uid_checking":null, "functions":[],
 *  "error":{"exit_code":N, "exit_status":"usage", "messages":[...]}} */
int zpci_json_print_error(const char *command, int rc, const char *const *messages, size_t n);

/* 64-bit addresses, masks and handles as "0x..." strings of at least digits
 * hex digits: JSON numbers above 2^53 lose precision in common tools. */
json_object *zpci_json_hex(uint64_t v, int digits);
json_object *zpci_json_zv_hex(const struct zv *v, int digits);

/* Small constructors: a struct zv as number/null, a string or null. */
json_object *zpci_json_zv(const struct zv *v);
json_object *zpci_json_str(const char *s);	/* "" -> null */
json_object *zpci_json_u64(uint64_t v);

/* Hooks (weak defaults in json_out.c). */
void zpci_json_add_clp(json_object *fnobj, const struct zpci_fn *fn);	/* "clp" */
void zpci_json_add_vfio(json_object *fnobj, const struct zpci_fn *fn);	/* "vfio" */
void zpci_json_add_kdiag(json_object *fnobj, const struct zpci_fn *fn);	/* "kernel" */

#endif
