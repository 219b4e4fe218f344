/* SPDX-License-Identifier: MIT */
/*
 * The machine and the layers below Linux, from /proc/sysinfo
 * (arch/s390/kernel/sysinfo.c): the machine type, the LPAR (number, name,
 * extended name), and each virtualisation level above it ("VMnn Control
 * Program:", z/VM or KVM/Linux). In a z/VM or KVM guest some zPCI actions
 * mean something else: deconfiguring does not change the configuration
 * state, and zpcictl-style recovery does not reach the hardware under KVM.
 */
#ifndef ZPCIDIAG_SYSINFO_H
#define ZPCIDIAG_SYSINFO_H

#include <stdbool.h>
#include <stddef.h>
#include "model.h"

struct zpci_sysinfo {
	bool valid;			/* the file was read and looked like sysinfo */
	char why[160];			/* why not valid */
	char manufacturer[20], type[8], lpar_name[12], lpar_ext_name[64];
	struct zv lpar_number;
	bool lpar_uuid;			/* "LPAR UUID:" shown */
	int vm_levels;			/* "VMnn" levels above the LPAR */
	char cpi[20];			/* the innermost level's control program, trimmed */
	enum zpci_guest guest;
};

/* Parse /proc/sysinfo text (len bytes). Never fails: unknown lines are skipped. */
void zpci_sysinfo_parse(const char *text, size_t len, struct zpci_sysinfo *si);
/* "lpar", "z/VM guest", "KVM guest", "guest" */
const char *zpci_guest_name(enum zpci_guest g);
/* source_sysinfo (same file): <sysfs root>/../proc/sysinfo, like the kernel release. */
void zpci_sysinfo_read(const struct zpci_ctx *ctx, struct zpci_sysinfo *si);
/* The model's part of it (sys->env_known, sys->guest), for the loader. */
void zpci_env_fill(const struct zpci_ctx *ctx, struct zpci_system *sys);
/* A report keeps /proc/sysinfo: read it while the recorder is on. */
void zpci_sysinfo_record(const struct zpci_ctx *ctx);

#endif
