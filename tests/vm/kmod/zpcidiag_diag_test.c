// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only build of kmod/zpcidiag_diag.c that widens two windows the
 * emulator cannot widen from user space; never installed with the product.
 *
 * block_puts=1: every put of the worker first takes the PCI rescan lock, as
 * the last put of a removed function does (pcibios_release_device() puts the
 * zpci_dev, which takes the rescan lock on 6.1, zpci_add_remove_lock from
 * 6.12). A removal that waits for a vfio holder keeps that lock, so the
 * worker blocks as it would on a real machine when a query held the last
 * reference. Its ring holds 64 references (put_max), not 1024. Case:
 * tests/vm/cases/kmod-diag-put-worker-blocked.sh.
 *
 * one_per_part=1: each part of a dump carries one function, as when many
 * functions fill netlink's dump buffer, so every function is found again by
 * position and a removal between two parts shifts the list (review N4).
 * Case: tests/vm/cases/kmod-diag-races-removal.sh.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <net/genetlink.h>

static bool block_puts;
module_param(block_puts, bool, 0444);
MODULE_PARM_DESC(block_puts, "take the PCI rescan lock before each deferred put");

static bool one_per_part;
module_param(one_per_part, bool, 0444);
MODULE_PARM_DESC(one_per_part, "end each dump part after one function");

static void zdiag_test_pci_dev_put(struct pci_dev *pdev)
{
	if (block_puts) {
		pci_lock_rescan_remove();
		pci_unlock_rescan_remove();
	}
	pci_dev_put(pdev);
}

static void *zdiag_test_genlmsg_put(struct sk_buff *skb, u32 portid, u32 seq,
				    const struct genl_family *family, int flags, u8 cmd)
{
	if (one_per_part && (flags & NLM_F_MULTI) && skb->len)
		return NULL;	/* "no room": netlink asks for the next part */
	return genlmsg_put(skb, portid, seq, family, flags, cmd);
}

/*
 * A ring of 64 instead of 1024: the case fills it in a few dumps, so the
 * worker is blocked for seconds, not for the minute after which a debug
 * kernel's hung-task detector reports it. put_max tells the case.
 */
#define ZDIAG_PUT_MAX 64
#define pci_dev_put zdiag_test_pci_dev_put
#define genlmsg_put zdiag_test_genlmsg_put
#include "../../../kmod/zpcidiag_diag.c"

static int put_max = ZDIAG_PUT_MAX;
module_param(put_max, int, 0444);
MODULE_PARM_DESC(put_max, "size of the deferred-put ring of this build");
