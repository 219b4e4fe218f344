/* SPDX-License-Identifier: MIT */
/* The KVM host's view of passthrough in text, JSON and as libvirt XML (source_holders.h). */
#ifndef ZPCIDIAG_PRINT_PASSTHROUGH_H
#define ZPCIDIAG_PRINT_PASSTHROUGH_H

#include <json-c/json.h>
#include <stdio.h>
#include "source_holders.h"

/* "Passthrough:" lines of show for one function */
void zpci_pt_show(const struct zpci_fn *fn, const struct zpci_pt_scan *scan,
		  const struct zpci_pt_view *v);
json_object *zpci_pt_json(const struct zpci_pt_scan *scan, const struct zpci_pt_view *v);
/* The UID and FID the guest sees (or will see, from the host's when no zpci device says) */
void zpci_pt_guest_ids(const struct zpci_fn *fn, const struct zpci_pt_view *v,
		       uint32_t *uid, uint32_t *fid);
/* libvirt's <hostdev> for fn */
void zpci_pt_libvirt(FILE *out, const struct zpci_fn *fn, const struct zpci_pt_view *v);

/* For show: the scan when any of fns is vfio-bound (free() it), else NULL;
 * then per function the section or member (nothing, NULL, when not vfio's). */
struct zpci_pt_scan *zpci_pt_scan_for(const struct zpci_ctx *ctx, struct zpci_fn *const *fns, size_t n);
void zpci_pt_show_fn(const struct zpci_ctx *ctx, const struct zpci_system *sys,
		     const struct zpci_fn *fn, const struct zpci_pt_scan *scan);
json_object *zpci_pt_json_fn(const struct zpci_ctx *ctx, const struct zpci_system *sys,
			     const struct zpci_fn *fn, const struct zpci_pt_scan *scan);

#endif
