// SPDX-License-Identifier: MIT
/*
 * Config space through libpci's sysfs method, pointed at ctx->sysfs_root with
 * the "sysfs.path" parameter so fake trees and live systems read alike.
 */
#include "config.h"

#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <pci/pci.h>

#include "pciconf.h"
#include "sources.h"

#define PCI_COMMAND_MEMORY_BIT 0x2

/* libpci's error callback must not return (it is declared noreturn), so a
 * fatal library error unwinds to the caller instead of exiting the tool. */
static jmp_buf pciconf_jmp;
static char pciconf_errmsg[200];

static void PCI_NONRET pciconf_error(char *msg, ...)
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
	pci_init(pacc);
	return pacc;
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
		struct pci_dev *dev;
		u8 buf[2];

		if (fn->state != ZPCI_FN_CONFIGURED)
			continue;
		dev = pci_get_dev(pacc, (int)fn->domain, (int)fn->bus, (int)fn->dev, (int)fn->func);
		if (!dev) {
			zpci_src_set(&fn->src_pciconf, ZS_ERROR, "libpci: no device");
			continue;
		}
		if (pci_read_block(dev, PCI_COMMAND, buf, 2)) {
			fn->pci.command.v = (uint64_t)buf[0] | (uint64_t)buf[1] << 8;
			fn->pci.command.st = ZV_OK;
			if (pci_read_block(dev, PCI_HEADER_TYPE, buf, 1)) {
				fn->pci.header_type.v = buf[0];
				fn->pci.header_type.st = ZV_OK;
			}
			zpci_src_set(&fn->src_pciconf, ZS_OK, NULL);
		} else {
			zpci_src_set(&fn->src_pciconf, ZS_ERROR, "config space unreadable");
			zpci_fn_problem(fn, ZSEV_CRITICAL, "config-unreadable",
					"%s/bus/pci/devices/%s/config: PCI_COMMAND unreadable",
					ctx->sysfs_root, fn->address);
		}
		pci_free_dev(dev);
	}
	pci_cleanup(pacc);
	return ZX_OK;
}

static int read_command(struct pci_dev *dev, struct zv *out)
{
	u8 buf[2];

	out->st = ZV_ABSENT;
	if (!pci_read_block(dev, PCI_COMMAND, buf, 2))
		return -1;
	out->v = (uint64_t)buf[0] | (uint64_t)buf[1] << 8;
	out->st = ZV_OK;
	return 0;
}

int zpci_pciconf_probe_command_memory(struct zpci_ctx *ctx, struct zpci_fn *fn)
{
	static struct pci_access *pacc;
	static struct pci_dev *dev;
	char sysfs_path[4096], cfg[4200];
	u8 buf[2];
	volatile int rc = ZX_OK;	/* survives the longjmp of pciconf_error */

	pacc = NULL;
	dev = NULL;
	snprintf(cfg, sizeof(cfg), "%s/bus/pci/devices/%s/config", ctx->sysfs_root, fn->address);
	if (access(cfg, W_OK) != 0) {
		int e = errno;

		zpci_err("%s: cannot write %s: %s", fn->address, cfg, strerror(e));
		return e == EACCES || e == EPERM || e == EROFS ? ZX_PERM : ZX_IO;
	}
	if (setjmp(pciconf_jmp)) {
		zpci_err("%s: libpci: %s", fn->address, pciconf_errmsg);
		if (pacc)
			pci_cleanup(pacc);
		return ZX_IO;
	}
	pacc = pciconf_open(ctx, sysfs_path, sizeof(sysfs_path));
	if (!pacc)
		return ZX_INTERNAL;
	dev = pci_get_dev(pacc, (int)fn->domain, (int)fn->bus, (int)fn->dev, (int)fn->func);
	if (!dev || read_command(dev, &fn->pci.cmd_probe_before)) {
		zpci_err("%s: %s: PCI_COMMAND unreadable", fn->address, cfg);
		rc = ZX_DATA;
		goto out;
	}
	buf[0] = (u8)(fn->pci.cmd_probe_before.v | PCI_COMMAND_MEMORY_BIT);
	buf[1] = (u8)(fn->pci.cmd_probe_before.v >> 8);
	if (!pci_write_block(dev, PCI_COMMAND, buf, 2)) {
		zpci_err("%s: %s: writing PCI_COMMAND failed", fn->address, cfg);
		rc = ZX_IO;
		goto out;
	}
	if (read_command(dev, &fn->pci.cmd_probe_after)) {
		zpci_err("%s: %s: PCI_COMMAND unreadable after the write", fn->address, cfg);
		rc = ZX_IO;
	}
	/* restore whatever happened above: the probe must leave no trace */
	buf[0] = (u8)fn->pci.cmd_probe_before.v;
	buf[1] = (u8)(fn->pci.cmd_probe_before.v >> 8);
	if (!pci_write_block(dev, PCI_COMMAND, buf, 2)) {
		zpci_err("%s: %s: restoring PCI_COMMAND to 0x%04x failed", fn->address, cfg,
			 (unsigned int)fn->pci.cmd_probe_before.v);
		rc = ZX_IO;
	}
out:
	if (dev)
		pci_free_dev(dev);
	pci_cleanup(pacc);
	return rc;
}
