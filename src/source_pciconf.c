// SPDX-License-Identifier: MIT
/*
 * Config space: the header the sysfs source read (PCI_COMMAND, header type),
 * decoded with libpci's register names, and vendor and device names from
 * pci.ids through libpci's name lookup (libpci's sysfs method pointed at
 * ctx->sysfs_root with "sysfs.path", so fake trees and live systems alike).
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <pci/pci.h>

#include "sysaccess.h"
#include "sources.h"

#define PCI_COMMAND_MEMORY_BIT 0x2

/* libpci's error callback must not return (it is declared noreturn), so a
 * fatal library error unwinds to the caller instead of exiting the tool. */
static jmp_buf pciconf_jmp;
static char pciconf_errmsg[200];

/* libpci's error hook: printf-like (clang's -Wformat=2 wants it said) */
static void PCI_NONRET __attribute__((format(printf, 1, 2))) pciconf_error(char *msg, ...)
{
	va_list ap;

	va_start(ap, msg);
	vsnprintf(pciconf_errmsg, sizeof(pciconf_errmsg), msg, ap);
	va_end(ap);
	longjmp(pciconf_jmp, 1);
}

static void pciconf_quiet(char *msg, ...)
{
	(void)msg;	/* failed reads are detected from return values and reported per function */
}

static struct pci_access *pciconf_open(struct zpci_ctx *ctx, char *sysfs_path, size_t len)
{
	struct pci_access *pacc = pci_alloc();

	if (!pacc)
		return NULL;
	pacc->error = pciconf_error;
	pacc->warning = pciconf_quiet;
	pacc->debug = pciconf_quiet;
	pacc->method = PCI_ACCESS_SYS_BUS_PCI;
	snprintf(sysfs_path, len, "%s/bus/pci", ctx->sysfs_root);
	pci_set_param(pacc, "sysfs.path", sysfs_path);
	if (ctx->pci_ids)
		pci_set_name_list_path(pacc, (char *)ctx->pci_ids, 0);
	pci_init(pacc);
	return pacc;
}

/* lspci's names from pci.ids (libpci asks the network only with
 * PCI_LOOKUP_NETWORK). Not udev's hwdb: one source of names, the file
 * --pci-ids can replace, and libpci 3.9 leaks its udev handle. */
static void lookup_names(struct pci_access *pacc, struct zpci_fn *fn)
{
	struct zpci_pci_info *p = &fn->pci;
	int how = PCI_LOOKUP_NO_NUMBERS | PCI_LOOKUP_NO_HWDB;
	char buf[256], clean[256], *name;

	if (!zv_ok(p->vendor))
		return;
	name = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_VENDOR | how,
			       (int)p->vendor.v);
	if (name && !p->vendor_name) {
		zpci_sanitize(name, strlen(name), clean, sizeof(clean));
		p->vendor_name = clean[0] ? strdup(clean) : NULL;
	}
	if (!zv_ok(p->device))
		return;
	name = pci_lookup_name(pacc, buf, sizeof(buf), PCI_LOOKUP_DEVICE | how,
			       (int)p->vendor.v, (int)p->device.v);
	if (name && !p->device_name) {
		zpci_sanitize(name, strlen(name), clean, sizeof(clean));
		p->device_name = clean[0] ? strdup(clean) : NULL;
	}
}

int zpci_pciconf_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	static struct pci_access *pacc;
	char sysfs_path[4096];

	pacc = NULL;
	if (setjmp(pciconf_jmp)) {
		for (size_t i = 0; i < sys->nfns; i++)
			zpci_src_set(&sys->fns[i].src_pciconf, ZS_ERROR, "libpci: %s", pciconf_errmsg);
		if (pacc)
			pci_cleanup(pacc);
		return ZX_DATA;
	}
	pacc = pciconf_open(ctx, sysfs_path, sizeof(sysfs_path));
	if (!pacc)
		return ZX_INTERNAL;
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];
		const uint8_t *cfg = fn->pci.config_header;

		if (fn->state != ZPCI_FN_CONFIGURED)
			continue;
		if (!ctx->numeric)
			lookup_names(pacc, fn);
		/* the sysfs source read the header (at least 64 bytes) or said
		 * why not; reading it again through libpci would open config
		 * a second time per function for the same bytes */
		if (!fn->pci.config_present) {
			zpci_src_set(&fn->src_pciconf, ZS_ERROR, "config space unreadable (see problems)");
			continue;
		}
		fn->pci.command.v = (uint64_t)cfg[PCI_COMMAND] | (uint64_t)cfg[PCI_COMMAND + 1] << 8;
		/* all ones: the function did not answer (the sysfs source names
		 * it); the bits mean nothing */
		fn->pci.command.st = fn->pci.command.v == 0xffff ? ZV_MALFORMED : ZV_OK;
		fn->pci.header_type.v = cfg[PCI_HEADER_TYPE];
		fn->pci.header_type.st = ZV_OK;
		zpci_src_set(&fn->src_pciconf, ZS_OK, NULL);
	}
	pci_cleanup(pacc);
	return ZX_OK;
}
