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
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/genetlink.h>
#include <asm/pci.h>

#define ZPCIDIAG_DIAG
#include "compat.h"
#include "uapi/zpcidiag_netlink.h"

static struct genl_family zdiag_family;

/*
 * How this module reaches struct zpci_dev without pci_lock_rescan_remove().
 *
 * Every path here runs for unprivileged callers inside genetlink's cb_lock,
 * so it must never wait for anything a PCI removal can hold. Removal of a
 * function bound to vfio holds the rescan lock while vfio waits for the
 * device's user to close it, which may be never: taking that lock here would
 * stall this family and, through cb_lock, every genl (un)registration.
 *
 * Instead each function is found through the driver core's own references
 * (pci_get_device(), as for_each_pci_dev() does: the klist walk takes only a
 * spinlock) and its zpci_dev is read only while that pci_dev reference is
 * held. What keeps the zpci_dev alive then, on Linux 6.1 through current
 * mainline (arch/s390/pci/pci.c, pci_bus.c):
 * - pcibios_device_add() takes a zpci_dev reference (kref) for the pci_dev
 *   before the device becomes visible on the bus, and only
 *   pcibios_release_device(), run when the last pci_dev reference is
 *   dropped, puts it;
 * - so zpci_release_device() cannot run while we hold the pci_dev, and it is
 *   the only place that clears zbus->function[devfn] (through
 *   zpci_bus_device_unregister()) and drops the zpci_bus reference;
 * - to_zpci() therefore returns this pci_dev's own zpci_dev, and
 *   pdev->sysdata (the zpci_bus) stays valid.
 * Fields that change at run time (fh, state) are read once with READ_ONCE();
 * a function that is being removed concurrently is either reported as it was
 * or not at all, never half-freed. pci_name() and the resources belong to
 * the referenced pci_dev.
 *
 * Dropping our reference can be the last one when the function was removed
 * meanwhile. pcibios_release_device() then puts the zpci_dev, which can
 * sleep on removal locks: on 6.1 zpci_release_device() takes the rescan
 * lock, and from 6.12 every zpci_zdev_put() takes zpci_add_remove_lock.
 * So our references are never dropped in the caller's context but handed
 * to a work item (zdiag_put_pdev()).
 */
static struct zpci_dev *zdiag_zdev(struct pci_dev *pdev)
{
	struct zpci_bus *zbus = pdev->sysdata;

	if (!zbus)
		return NULL;
	return to_zpci(pdev);
}

/*
 * The put queue is a bounded ring, and every reference a query holds has a
 * slot in it reserved before the reference is taken: a removal that never
 * finishes (a vfio user that never closes) can block the worker for good,
 * and queries must neither pile up records behind it nor drop a reference
 * in their own context when the ring is full. With every slot queued or
 * reserved, a query stops before taking the next reference and is refused
 * with EBUSY. Invariant, under zdiag_put_lock:
 * zdiag_put_count + zdiag_put_held <= ZDIAG_PUT_MAX.
 */
#ifndef ZDIAG_PUT_MAX		/* a test build (tests/vm/kmod) takes a smaller ring */
#define ZDIAG_PUT_MAX	1024
#endif

static DEFINE_SPINLOCK(zdiag_put_lock);
static struct pci_dev *zdiag_put_ring[ZDIAG_PUT_MAX];
static unsigned int zdiag_put_head, zdiag_put_count;	/* the ring, under zdiag_put_lock */
static unsigned int zdiag_put_held;	/* slots reserved by references queries hold */
static unsigned int zdiag_put_pending;	/* queued or being dropped, under zdiag_put_lock */

/* Reserve the slot of a reference about to be taken; false: the ring is full. */
static bool zdiag_put_reserve(void)
{
	bool ok;

	spin_lock(&zdiag_put_lock);
	ok = zdiag_put_count + zdiag_put_held < ZDIAG_PUT_MAX;
	if (ok)
		zdiag_put_held++;
	spin_unlock(&zdiag_put_lock);
	return ok;
}

/* Give back a reserved slot whose reference was not taken after all. */
static void zdiag_put_unreserve(void)
{
	spin_lock(&zdiag_put_lock);
	zdiag_put_held--;
	spin_unlock(&zdiag_put_lock);
}

/* The oldest queued reference, or NULL. */
static struct pci_dev *zdiag_put_pop(void)
{
	struct pci_dev *pdev = NULL;

	spin_lock(&zdiag_put_lock);
	if (zdiag_put_count) {
		pdev = zdiag_put_ring[zdiag_put_head];
		zdiag_put_head = (zdiag_put_head + 1) % ZDIAG_PUT_MAX;
		zdiag_put_count--;
	}
	spin_unlock(&zdiag_put_lock);
	return pdev;
}

/*
 * Module lifetime: while any put is queued or running, the module holds a
 * reference on itself, so `rmmod` fails with EBUSY instead of waiting in
 * flush_work() for a removal that may never end. The reference is dropped
 * after the last queued put, as the worker's final act; module exit then
 * waits only for the return from this function.
 */
static void zdiag_put_work_fn(struct work_struct *work)
{
	struct pci_dev *pdev;

	while ((pdev = zdiag_put_pop())) {
		pci_dev_put(pdev);
		/* the module reference follows pending 1 -> 0, under the lock */
		spin_lock(&zdiag_put_lock);
		if (!--zdiag_put_pending)
			module_put(THIS_MODULE);
		spin_unlock(&zdiag_put_lock);
	}
}

static DECLARE_WORK(zdiag_put_work, zdiag_put_work_fn);

/*
 * Drop a pci_dev reference taken with a reserved slot, without running the
 * zPCI release path in the caller's context: the reference moves from its
 * reservation into the ring, which therefore always has room.
 */
static void zdiag_put_pdev(struct pci_dev *pdev)
{
	if (!pdev)
		return;
	spin_lock(&zdiag_put_lock);
	zdiag_put_held--;
	zdiag_put_ring[(zdiag_put_head + zdiag_put_count) % ZDIAG_PUT_MAX] = pdev;
	zdiag_put_count++;
	/* ... and pending 0 -> 1: the module cannot go while puts wait */
	if (!zdiag_put_pending++)
		__module_get(THIS_MODULE);
	spin_unlock(&zdiag_put_lock);
	schedule_work(&zdiag_put_work);
}

/*
 * The next PCI device after @from (NULL: the first), with a reference and
 * its reserved slot; the reference on @from is dropped through
 * zdiag_put_pdev(), as pci_get_device() would drop it synchronously. NULL
 * at the end of the list, or with *@busy set when no slot is left for the
 * next reference (@from is dropped either way).
 */
static struct pci_dev *zdiag_next(struct pci_dev *from, bool *busy)
{
	struct pci_dev *next;

	if (!zdiag_put_reserve()) {
		*busy = true;
		zdiag_put_pdev(from);
		return NULL;
	}
	/* hold @from once more so pci_get_device() cannot drop the last reference */
	pci_dev_get(from);
	next = pci_get_device(PCI_ANY_ID, PCI_ANY_ID, from);
	zdiag_put_pdev(from);
	if (!next)
		zdiag_put_unreserve();
	return next;
}

/* The request's selection: by address, else by FID; none selects all. */
static bool zdiag_selected(struct nlattr **attrs, struct pci_dev *pdev, struct zpci_dev *zdev)
{
	struct nlattr *addr = attrs ? attrs[ZPCIDIAG_A_PCI_ADDR] : NULL;
	struct nlattr *fid = attrs ? attrs[ZPCIDIAG_A_FID] : NULL;

	if (addr)
		return nla_strcmp(addr, pci_name(pdev)) == 0;
	if (fid)
		return zdev->fid == nla_get_u32(fid);
	return true;
}

/*
 * The kernel's enum zpci_state, translated by name into the ABI's values
 * (uapi: enum zpcidiag_state). -1: a value this module cannot name.
 */
static int zdiag_state(enum zpci_state st)
{
	switch (st) {
	case ZPCI_FN_STATE_STANDBY:
		return ZPCIDIAG_STATE_STANDBY;
	case ZPCI_FN_STATE_CONFIGURED:
		return ZPCIDIAG_STATE_CONFIGURED;
	case ZPCI_FN_STATE_RESERVED:
		return ZPCIDIAG_STATE_RESERVED;
	}
	return -1;
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
	enum zpci_state state = READ_ONCE(zdev->state);

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
	    nla_put_u32(skb, ZPCIDIAG_A_STATE_RAW, (u32)state))
		return -EMSGSIZE;
	if (zdiag_state(state) >= 0 && nla_put_u8(skb, ZPCIDIAG_A_STATE, zdiag_state(state)))
		return -EMSGSIZE;
	if (zdev->rid_available && nla_put_u8(skb, ZPCIDIAG_A_DEVFN, zdev->devfn))
		return -EMSGSIZE;
#ifdef ZPCIDIAG_HAVE_ZDEV_RID
	if (zdev->rid_available && nla_put_u32(skb, ZPCIDIAG_A_RID, zdev->rid))
		return -EMSGSIZE;
#endif
	return zdiag_put_bars(skb, pdev, zdev);
}

static int zdiag_fill(struct sk_buff *skb, struct netlink_callback *cb, struct pci_dev *pdev,
		      struct zpci_dev *zdev, u32 portid, u32 seq, int flags)
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &zdiag_family, flags, ZPCIDIAG_CMD_GET_FUNCTION);
	if (!hdr)
		return -EMSGSIZE;
	if (cb)
		genl_dump_check_consistent(cb, hdr);
	if (nla_put_string(skb, ZPCIDIAG_A_PCI_ADDR, pci_name(pdev)) ||
	    nla_put_u8(skb, ZPCIDIAG_A_IS_VIRTFN, pdev->is_virtfn) ||
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

/*
 * Dump consistency (NLM_F_DUMP_INTR). The dump resumes by position, so a
 * function added or removed between two parts of it shifts the list: the
 * reader could see one function twice or miss one. Every PCI device added
 * to or deleted from the bus bumps this generation (a bus notifier); each
 * part of a dump records it in cb->seq, and genl_dump_check_consistent()
 * flags the messages of a dump during which it changed, so the reader
 * knows to start over.
 */
static atomic_t zdiag_generation = ATOMIC_INIT(1);

static int zdiag_bus_notify(struct notifier_block *nb, unsigned long action, void *data)
{
	if (action == BUS_NOTIFY_ADD_DEVICE || action == BUS_NOTIFY_DEL_DEVICE)
		atomic_inc(&zdiag_generation);
	return NOTIFY_DONE;
}

static struct notifier_block zdiag_bus_nb = {
	.notifier_call = zdiag_bus_notify,
};

static int zdiag_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct nlattr **attrs = zdiag_dump_attrs(cb);
	struct pci_dev *pdev = NULL;
	struct zpci_dev *zdev;
	long skip = cb->args[0], idx = 0;
	bool busy = false;
	int err = 0;

	/* never 0: netlink treats a zero cb->seq as "not tracked" */
	cb->seq = atomic_read(&zdiag_generation) ? : 1;
	/*
	 * Resume by position: no pci_dev pointer survives between dump calls.
	 * A shift of the list between calls is flagged by the generation.
	 */
	while ((pdev = zdiag_next(pdev, &busy))) {
		zdev = zdiag_zdev(pdev);
		if (!zdev || !zdiag_selected(attrs, pdev, zdev))
			continue;
		if (idx++ < skip)
			continue;
		err = zdiag_fill(skb, cb, pdev, zdev, NETLINK_CB(cb->skb).portid,
				 cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err) {
			idx--;
			break;
		}
	}
	zdiag_put_pdev(pdev);
	cb->args[0] = idx;
	/* the put ring is full: a removal blocks the worker; refuse the rest */
	if (busy)
		return -EBUSY;
	/* a full skb ends this part of the dump; netlink calls again */
	if (err == -EMSGSIZE && skb->len)
		return skb->len;
	return err ? err : skb->len;
}

static int zdiag_get(struct sk_buff *skb, struct genl_info *info)
{
	struct pci_dev *pdev = NULL;
	struct zpci_dev *zdev = NULL;
	struct sk_buff *msg;
	bool busy = false;
	int err;

	if (!info->attrs[ZPCIDIAG_A_PCI_ADDR] && !info->attrs[ZPCIDIAG_A_FID]) {
		GENL_SET_ERR_MSG(info, "need ZPCIDIAG_A_PCI_ADDR or ZPCIDIAG_A_FID");
		return -EINVAL;
	}
	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	while ((pdev = zdiag_next(pdev, &busy))) {
		zdev = zdiag_zdev(pdev);
		if (zdev && zdiag_selected(info->attrs, pdev, zdev))
			break;
	}
	if (busy) {
		nlmsg_free(msg);
		GENL_SET_ERR_MSG(info, "a PCI removal is pending; try again later");
		return -EBUSY;
	}
	err = pdev ? zdiag_fill(msg, NULL, pdev, zdev, info->snd_portid, info->snd_seq, 0) :
		     -ENODEV;
	zdiag_put_pdev(pdev);
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
	/*
	 * resv_start_op stays 0, as for any new family: every command is at or
	 * above it, so genetlink applies its strict rules to all of them. The
	 * header's reserved byte must be 0 and nlmsg_flags may carry only
	 * REQUEST, ACK, ECHO and DUMP (genl_header_check()); attributes are
	 * parsed against the family policy with NL_VALIDATE_STRICT, so unknown
	 * or reply-only attributes and trailing bytes are refused, for dumps
	 * too; and no op may relax that with .validate flags. A value above a
	 * command's number would make that command a legacy one that skips
	 * these checks, which only families older than 6.1 need.
	 */
	/* no shared state: no need to serialize on genl_mutex */
	.parallel_ops = true,
};

static int __init zdiag_init(void)
{
	int err;

	err = bus_register_notifier(&pci_bus_type, &zdiag_bus_nb);
	if (err)
		return err;
	err = genl_register_family(&zdiag_family);
	if (err)
		bus_unregister_notifier(&pci_bus_type, &zdiag_bus_nb);
	return err;
}

static void __exit zdiag_exit(void)
{
	genl_unregister_family(&zdiag_family);
	bus_unregister_notifier(&pci_bus_type, &zdiag_bus_nb);
	/*
	 * No caller is left to queue puts, and the module reference held while
	 * puts are queued means none is: this waits at most for the worker's
	 * return after its final module_put(), never for a removal.
	 */
	flush_work(&zdiag_put_work);
}

module_init(zdiag_init);
module_exit(zdiag_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("zPCI function facts over generic netlink (zpcidiag)");
MODULE_ALIAS_GENL_FAMILY(ZPCIDIAG_GENL_NAME);
