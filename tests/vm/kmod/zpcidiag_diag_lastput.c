// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only build of kmod/zpcidiag_diag.c whose put worker blocks the way
 * it does when it drops the last reference of a removed function: there,
 * pcibios_release_device() puts the zpci_dev, and that put takes the PCI
 * rescan lock (6.1: zpci_release_device()) or zpci_add_remove_lock (6.12
 * and later), which a removal waiting for a vfio holder keeps. The window
 * in which a query holds that last reference cannot be widened from user
 * space, so here every put of the worker takes and releases the rescan
 * lock first. Used by tests/vm/cases/kmod-diag-put-worker-blocked.sh; never
 * installed with the product.
 */
#include <linux/module.h>
#include <linux/pci.h>

static void zdiag_test_last_put(struct pci_dev *pdev)
{
	pci_lock_rescan_remove();
	pci_unlock_rescan_remove();
	pci_dev_put(pdev);
}

#define pci_dev_put zdiag_test_last_put
#include "../../../kmod/zpcidiag_diag.c"
