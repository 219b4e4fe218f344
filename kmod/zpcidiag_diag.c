// SPDX-License-Identifier: GPL-2.0
/*
 * zpcidiag_diag: the generic netlink family "zpcidiag" (uapi/zpcidiag_netlink.h)
 * answering, per zPCI function, what the kernel learned from CLP and what the
 * PCI core decided (no_command_memory, non_mappable_bars). Read-only, and
 * without any vfio dependency, so that it loads on distribution kernels built
 * without CONFIG_VFIO (Debian's s390x 6.1).
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <net/genetlink.h>
#include <asm/pci.h>

#include "compat.h"
#include "uapi/zpcidiag_netlink.h"

static struct genl_family zdiag_family;

/*
 * struct zpci_dev is freed only after its pci_dev was removed from the bus,
 * and removal runs under pci_lock_rescan_remove(). Callers hold that lock, so
 * a pci_dev found on the bus has a live zpci_dev.
 */
static struct zpci_dev *zdiag_zdev(struct pci_dev *pdev)
{
	if (!pdev->sysdata)
		return NULL;
	return to_zpci(pdev);
}

static int zdiag_put_bars(struct sk_buff *skb, struct pci_dev *pdev, struct zpci_dev *zdev)
{
	struct nlattr *bars, *bar;
	int i;

	bars = nla_nest_start(skb, ZPCIDIAG_A_BARS);
	if (!bars)
		return -EMSGSIZE;
	for (i = 0; i < PCI_STD_NUM_BARS; i++) {
		/* CLP may report a BAR the kernel has no resource for (virtio's I/O BAR) */
		if (!zdev->bars[i].size && !pci_resource_len(pdev, i))
			continue;
		bar = nla_nest_start(skb, ZPCIDIAG_A_BAR);
		if (!bar ||
		    nla_put_u8(skb, ZPCIDIAG_BAR_A_INDEX, i) ||
		    nla_put_u64_64bit(skb, ZPCIDIAG_BAR_A_SIZE, pci_resource_len(pdev, i),
				      ZPCIDIAG_BAR_A_PAD) ||
		    nla_put_u64_64bit(skb, ZPCIDIAG_BAR_A_FLAGS, pci_resource_flags(pdev, i),
				      ZPCIDIAG_BAR_A_PAD) ||
		    nla_put_u8(skb, ZPCIDIAG_BAR_A_SIZE_LOG2, zdev->bars[i].size) ||
		    nla_put_u32(skb, ZPCIDIAG_BAR_A_VAL, zdev->bars[i].val))
			return -EMSGSIZE;
		nla_nest_end(skb, bar);
	}
	nla_nest_end(skb, bars);
	return 0;
}

static int zdiag_put_zdev(struct sk_buff *skb, struct pci_dev *pdev, struct zpci_dev *zdev)
{
	if (nla_put_u32(skb, ZPCIDIAG_A_FID, zdev->fid) ||
	    nla_put_u32(skb, ZPCIDIAG_A_FH, READ_ONCE(zdev->fh)) ||
	    nla_put_u32(skb, ZPCIDIAG_A_UID, zdev->uid) ||
	    nla_put_u16(skb, ZPCIDIAG_A_PCHID, zdev->pchid) ||
	    nla_put_u8(skb, ZPCIDIAG_A_PFGID, zdev->pfgid) ||
	    nla_put_u16(skb, ZPCIDIAG_A_VFN, zdev->vfn) ||
	    nla_put_u8(skb, ZPCIDIAG_A_PFT, zdev->pft) ||
	    nla_put_u8(skb, ZPCIDIAG_A_PORT, zdev->port) ||
	    nla_put_u16(skb, ZPCIDIAG_A_MAXSTBL, zdev->maxstbl) ||
	    nla_put_u8(skb, ZPCIDIAG_A_DTSM, zdev->dtsm) ||
	    nla_put_u8(skb, ZPCIDIAG_A_VERSION, zdev->version) ||
	    nla_put_u64_64bit(skb, ZPCIDIAG_A_START_DMA, zdev->start_dma, ZPCIDIAG_A_PAD) ||
	    nla_put_u64_64bit(skb, ZPCIDIAG_A_END_DMA, zdev->end_dma, ZPCIDIAG_A_PAD) ||
	    nla_put_u64_64bit(skb, ZPCIDIAG_A_MSI_ADDR, zdev->msi_addr, ZPCIDIAG_A_PAD) ||
	    nla_put_u32(skb, ZPCIDIAG_A_MAX_MSI, zdev->max_msi) ||
	    nla_put_u16(skb, ZPCIDIAG_A_FMB_LENGTH, zdev->fmb_length) ||
	    nla_put_u8(skb, ZPCIDIAG_A_MIO_CAPABLE, zdev->mio_capable) ||
	    nla_put_u8(skb, ZPCIDIAG_A_IS_PHYSFN, zdev->is_physfn) ||
	    nla_put_u8(skb, ZPCIDIAG_A_RID_AVAILABLE, zdev->rid_available) ||
	    nla_put_u8(skb, ZPCIDIAG_A_STATE, zdev->state))
		return -EMSGSIZE;
	if (zdev->rid_available && nla_put_u8(skb, ZPCIDIAG_A_DEVFN, zdev->devfn))
		return -EMSGSIZE;
#ifdef ZPCIDIAG_HAVE_ZDEV_RID
	if (zdev->rid_available && nla_put_u32(skb, ZPCIDIAG_A_RID, zdev->rid))
		return -EMSGSIZE;
#endif
	return zdiag_put_bars(skb, pdev, zdev);
}

static int zdiag_fill(struct sk_buff *skb, struct pci_dev *pdev, u32 portid, u32 seq, int flags)
{
	struct zpci_dev *zdev = zdiag_zdev(pdev);
	void *hdr;

	if (!zdev)
		return -ENODEV;
	hdr = genlmsg_put(skb, portid, seq, &zdiag_family, flags, ZPCIDIAG_CMD_GET_FUNCTION);
	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, ZPCIDIAG_A_PCI_ADDR, pci_name(pdev)) ||
	    nla_put_u8(skb, ZPCIDIAG_A_IS_VIRTFN, pdev->is_virtfn) ||
	    (pdev->is_virtfn &&
	     nla_put_string(skb, ZPCIDIAG_A_PF_ADDR, pci_name(pci_physfn(pdev)))) ||
	    nla_put_u8(skb, ZPCIDIAG_A_NO_COMMAND_MEMORY, pdev->no_command_memory))
		goto too_big;
#ifdef ZPCIDIAG_HAVE_NON_MAPPABLE_BARS
	if (nla_put_u8(skb, ZPCIDIAG_A_NON_MAPPABLE_BARS, pdev->non_mappable_bars))
		goto too_big;
#endif
	if (zdiag_put_zdev(skb, pdev, zdev))
		goto too_big;
	genlmsg_end(skb, hdr);
	return 0;

too_big:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

static int zdiag_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct pci_dev *pdev = NULL;
	long skip = cb->args[0], idx = 0;
	int err = 0;

	/*
	 * Resume by position: no pci_dev pointer survives between dump calls.
	 * A function added or removed between calls may shift the list; each
	 * message is self-contained, so the dump stays consistent per function.
	 */
	pci_lock_rescan_remove();
	for_each_pci_dev(pdev) {
		if (idx < skip || !zdiag_zdev(pdev)) {
			idx++;
			continue;
		}
		err = zdiag_fill(skb, pdev, NETLINK_CB(cb->skb).portid, cb->nlh->nlmsg_seq,
				 NLM_F_MULTI);
		if (err) {
			pci_dev_put(pdev);	/* for_each_pci_dev holds a reference */
			break;
		}
		idx++;
	}
	pci_unlock_rescan_remove();
	cb->args[0] = idx;
	/* a full skb ends this part of the dump; netlink calls again */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static struct pci_dev *zdiag_find(struct genl_info *info)
{
	struct nlattr *addr = info->attrs[ZPCIDIAG_A_PCI_ADDR];
	struct nlattr *fid = info->attrs[ZPCIDIAG_A_FID];
	struct pci_dev *pdev = NULL;
	struct zpci_dev *zdev;

	for_each_pci_dev(pdev) {
		zdev = zdiag_zdev(pdev);
		if (!zdev)
			continue;
		if (addr && nla_strcmp(addr, pci_name(pdev)) == 0)
			return pdev;
		if (!addr && fid && zdev->fid == nla_get_u32(fid))
			return pdev;
	}
	return NULL;
}

static int zdiag_get(struct sk_buff *skb, struct genl_info *info)
{
	struct pci_dev *pdev;
	struct sk_buff *msg;
	int err;

	if (!info->attrs[ZPCIDIAG_A_PCI_ADDR] && !info->attrs[ZPCIDIAG_A_FID]) {
		GENL_SET_ERR_MSG(info, "need ZPCIDIAG_A_PCI_ADDR or ZPCIDIAG_A_FID");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	pci_lock_rescan_remove();
	pdev = zdiag_find(info);
	err = pdev ? zdiag_fill(msg, pdev, info->snd_portid, info->snd_seq, 0) : -ENODEV;
	pci_dev_put(pdev);
	pci_unlock_rescan_remove();
	if (err) {
		if (err == -ENODEV)
			GENL_SET_ERR_MSG(info, "no such zPCI function");
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

static const struct nla_policy zdiag_policy[ZPCIDIAG_A_MAX + 1] = {
	[ZPCIDIAG_A_PCI_ADDR] = { .type = NLA_NUL_STRING, .len = 31 },
	[ZPCIDIAG_A_FID] = { .type = NLA_U32 },
};

/*
 * No GENL_ADMIN_PERM: every fact is either in world-readable sysfs or a
 * firmware constant vfio gives any device owner; no kernel address is sent.
 */
static const struct genl_small_ops zdiag_ops[] = {
	{
		.cmd = ZPCIDIAG_CMD_GET_FUNCTION,
		.doit = zdiag_get,
		.dumpit = zdiag_dump,
	},
};

static struct genl_family zdiag_family __ro_after_init = {
	.name = ZPCIDIAG_GENL_NAME,
	.version = ZPCIDIAG_GENL_VERSION,
	.maxattr = ZPCIDIAG_A_MAX,
	.policy = zdiag_policy,
	.module = THIS_MODULE,
	.small_ops = zdiag_ops,
	.n_small_ops = ARRAY_SIZE(zdiag_ops),
	/* strict attribute checking for every command of this new family */
	.resv_start_op = ZPCIDIAG_CMD_GET_FUNCTION + 1,
	/* no shared state: do not serialize on genl_mutex while holding the PCI rescan lock */
	.parallel_ops = true,
};

static int __init zdiag_init(void)
{
	return genl_register_family(&zdiag_family);
}

static void __exit zdiag_exit(void)
{
	genl_unregister_family(&zdiag_family);
}

module_init(zdiag_init);
module_exit(zdiag_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("zPCI function facts over generic netlink (zpcidiag)");
MODULE_ALIAS_GENL_FAMILY(ZPCIDIAG_GENL_NAME);
