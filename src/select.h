/* SPDX-License-Identifier: MIT */
/* DEVICE selectors (select.c): the identifiers sysadmins have. */
#ifndef ZPCIDIAG_SELECT_H
#define ZPCIDIAG_SELECT_H

#include <stdint.h>
#include "model.h"

enum zpci_sel_kind { ZSEL_ADDR, ZSEL_FID, ZSEL_UID, ZSEL_NETDEV, ZSEL_NVME };

struct zpci_selector {
	enum zpci_sel_kind kind;
	unsigned int domain, bus, dev, func;	/* ZSEL_ADDR */
	uint64_t id;				/* ZSEL_FID, ZSEL_UID */
	char name[32];				/* ZSEL_NETDEV (also RDMA); ZSEL_NVME: controller "nvmeN" */
};

/*
 * [dddd:]bb:dd.f            PCI address (domain 0 when omitted), hex
 * 0xFID | fid:FID           function ID, hex with or without 0x
 * uid:UID                   user-defined ID, hex with or without 0x
 * /dev/nvmeN[nM[pK]] | nvmeN...  NVMe controller, namespace or partition
 * NAME                      network interface or RDMA device (infiniband/NAME)
 * Returns 0, or -1 with why in err.
 */
int zpci_selector_parse(const char *s, struct zpci_selector *sel, char *err, size_t errlen);

/* The DEVICE words of a command line, parsed once: each selector with the
 * word it came from (for messages). */
struct zpci_selectors {
	size_t n;
	struct zpci_selector *v;
	const char *const *arg;
};
/* Parse argv into s (nothing allocated for argc 0). ZX_OK, or ZX_USAGE with
 * "zpcidiag: WORD: why" printed for the first malformed word. */
int zpci_selectors_parse(int argc, const char **argv, struct zpci_selectors *s);
void zpci_selectors_free(struct zpci_selectors *s);
bool zpci_selector_match(const struct zpci_selector *sel, const struct zpci_fn *fn);
/*
 * For a source that reads only the functions the selectors can match: which
 * identifying values they name (bit 1 << enum zpci_sel_kind), and whether
 * any of them matches a function of which only those values are known yet
 * (zpci_selector_match on that sketch: one matcher for the scan and the model).
 */
unsigned int zpci_selectors_kinds(const struct zpci_selectors *s);
bool zpci_selectors_match_any(const struct zpci_selectors *s, const struct zpci_fn *sketch);
/* The first function of sys the selector matches, or NULL. */
struct zpci_fn *zpci_selector_find(struct zpci_system *sys, const struct zpci_selector *sel);
/* How many functions sel matches; more than one is said on stderr with
 * their addresses ("ARG: matches 2 functions: A B"). */
size_t zpci_selector_matches(struct zpci_system *sys, const struct zpci_selector *sel,
			     const char *arg);
/* -d / -s of ctx as a libpci filter (ZX_USAGE with a message when malformed);
 * match: configured functions only, any function when the filter is empty. */
struct pci_filter;
int zpci_pci_filter_parse(const struct zpci_ctx *ctx, struct pci_filter *f);
bool zpci_pci_filter_match(const struct pci_filter *f, const struct zpci_fn *fn);

/*
 * The functions a command acts on: every function when argc == 0, else the
 * ones the selectors name (every function a FID or UID matches), in argument
 * order without duplicates; --type, -d and -s apply to both. Prints
 * "zpcidiag: <sel>: ..." and returns ZX_USAGE or ZX_NODEV on the first bad
 * selector, ZX_NODEV when every named function was filtered out. *out is
 * malloc'ed (free it).
 */
int zpci_select(const struct zpci_ctx *ctx, struct zpci_system *sys,
		const struct zpci_selectors *sels, struct zpci_fn ***out, size_t *nout);
/* The same from words not parsed yet. */
int zpci_select_args(const struct zpci_ctx *ctx, struct zpci_system *sys, int argc,
		     const char **argv, struct zpci_fn ***out, size_t *nout);
/* Load the model (what: ZL_* sources beyond sysfs) and select from argv;
 * on error everything is freed and the exit code returned. */
int zpci_load_and_select(struct zpci_ctx *ctx, unsigned int what, int argc, const char **argv,
			 struct zpci_system *sys, struct zpci_fn ***out, size_t *nout);
/*
 * For commands that act on exactly one function with a PCI device (bind,
 * unbind, iotest): load the model, resolve device with the messages of
 * zpci_select_args (--type is not applied: naming one function is explicit),
 * refuse a function in standby with ZX_NODEV. "command" prefixes the usage
 * message. On error everything is freed and the exit code returned.
 */
int zpci_load_and_select_one(struct zpci_ctx *ctx, unsigned int what, const char *command,
			     const char *device, struct zpci_system *sys, struct zpci_fn **out);
/* ZX_DATA when a listed function has a critical problem (a file that exists
 * but is unreadable or malformed), else ZX_OK. */
int zpci_problems_exit(struct zpci_fn *const *fns, size_t n);
/* The same; tables (not --json, which carries them) also name each such
 * file on stderr, since a table cell shows only "?". */
int zpci_problems_report(const struct zpci_ctx *ctx, struct zpci_fn *const *fns, size_t n);
/* One --type argument (comma-separated words) added to ctx->type_set:
 * ZX_OK or ZX_USAGE (message printed). */
int zpci_type_filter_add(struct zpci_ctx *ctx, const char *arg);

#endif
