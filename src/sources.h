/* SPDX-License-Identifier: MIT */
/*
 * The sources that fill the model. zpci_system_load() (load.c) calls them in
 * this order; each fills only its own part and sets its src_* status on every
 * function it could not serve. None of them prints to stdout.
 */
#ifndef ZPCIDIAG_SOURCES_H
#define ZPCIDIAG_SOURCES_H

#include <sys/types.h>
#include "model.h"

/* source_sysfs.c: functions, slots, zPCI attributes, generic PCI files; with
 * selectors (select.h, NULL or none: all) only the functions they can match. */
struct zpci_selectors;
int zpci_sysfs_scan(struct zpci_ctx *ctx, struct zpci_system *sys,
		    const struct zpci_selectors *only);
/* source_sysfs.c: read (and so record, report_record.h) what only a report keeps. */
void zpci_sysfs_record_extras(struct zpci_ctx *ctx, const struct zpci_system *sys);
/* source_pciconf.c: config space through libpci. */
int zpci_pciconf_fill(struct zpci_ctx *ctx, struct zpci_system *sys);
/* source_clp.c: /dev/clp or saved CLP blocks. */
int zpci_clp_fill(struct zpci_ctx *ctx, struct zpci_system *sys);
/* source_vfio.c: vfio zPCI capabilities of bound functions. */
int zpci_vfio_fill(struct zpci_ctx *ctx, struct zpci_system *sys);
/* source_kdiag.c: the diagnostics module over generic netlink. */
int zpci_kdiag_fill(struct zpci_ctx *ctx, struct zpci_system *sys);
/* report_kdiag.c: the answers a report saved, instead of asking the kernel. */
int zpci_kdiag_fill_saved(struct zpci_ctx *ctx, struct zpci_system *sys);
/* source_sysfs.c: read at most cap bytes (bytes read or -errno); a link's basename (0 or -1). */
ssize_t zpci_sysfs_read(const char *path, void *buf, size_t cap);
int zpci_sysfs_link_base(const char *path, char *out, size_t outlen);
/* source_host.c: the running kernel's release and the IOMMU groups of the functions. */
int zpci_host_fill(struct zpci_ctx *ctx, struct zpci_system *sys);
/* Decode one "zpcidiag" reply (any source of messages: live dump, saved bytes, tests);
 * addr receives the PCI address ("" if absent). 0 or -EINVAL. */
struct nlmsghdr;
int zpci_kdiag_parse(struct nlmsghdr *nlh, struct zpci_kdiag_info *k, char *addr, size_t addrlen);
/* The errno (positive) an NLMSG_DONE carries when a dump failed midway
 * (netlink_dump() puts it there; libnl does not report it); 0: none. */
int zpci_kdiag_done_errno(const struct nlmsghdr *nlh);
/* Called with every answer of a live dump (a report records them); NULL normally. */
extern void (*zpci_kdiag_answer_hook)(const struct nlmsghdr *nlh);
/* Payload width of an attribute for byte-order conversion: 2, 4, 8; -1 nested; 0 bytes/strings. */
int zpci_kdiag_attr_width(int type, bool in_bar);
/* Store k in the function it describes (by address, else by FID); NULL if none. */
struct zpci_fn *zpci_kdiag_apply(struct zpci_system *sys, const struct zpci_kdiag_info *k,
				 const char *addr);
/* "standby", "configured", "reserved" for ZPCIDIAG_A_STATE; "unknown" for a
 * value this build does not know; NULL when the module sent none. */
const char *zpci_kdiag_state_name(const struct zv *state);

/* source_kmsg.c: recovery events of this boot's kernel log into fn->recovery. */
void zpci_kmsg_fill(struct zpci_ctx *ctx, struct zpci_system *sys);
/* The live reader behind it: /dev/kmsg records from a non-blocking fd, one a
 * read (rd is read(2); tests pass their own), to EAGAIN; EPIPE (records
 * overwritten meanwhile) and EINTR go on. 0, or -errno of another error. */
typedef ssize_t (*zpci_kmsg_read_fn)(int fd, void *buf, size_t len);
int zpci_kmsg_read_fd(struct zpci_system *sys, int fd, zpci_kmsg_read_fn rd,
		      unsigned long *lines, unsigned long *events);

/* source_pnet.c: each function's PNET IDs from its utility string and, with
 * table set, from the SMC PNET table (netlink family SMC_PNETID; a fake root:
 * ROOT/../smc/pnet-table; a report: its smc/pnet-table member). Lines of that
 * text: "PNETID ETHNAME IBNAME IBPORT", "n/a" where the kernel sends it. */
void zpci_pnet_fill(struct zpci_ctx *ctx, struct zpci_system *sys, bool table);
/* One table line into the functions it names; -1 when malformed. */
int zpci_pnet_take_line(struct zpci_system *sys, const char *line);
#endif
