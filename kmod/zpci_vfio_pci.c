// SPDX-License-Identifier: GPL-2.0
/*
 * zpci_vfio_pci: vfio-pci-core variant driver giving any zPCI function,
 * bound through driver_override, the I/O path upstream's ism-vfio-pci gives
 * ISM (uapi/vfio_zpci_io.h): BAR regions at a 48-bit offset shift, where one
 * pwrite is one PCISTB and a pread is PCILG of 8/4/2/1 bytes by alignment,
 * with the function handle (non-MIO). vfio-pci's own BAR regions split
 * every access into 8/4/2/1-byte loads and stores.
 *
 * On top of ism-vfio-pci, as vfio-pci does: the MSI-X table is never
 * reached, memory space off and runtime PM are honoured, and accesses never
 * overlap a vfio reset (memory_lock). The condition code and status byte of
 * a failed instruction and the instruction counts reach user space through
 * VFIO_DEVICE_FEATURE_ZPCI_IO.
 */
#include <linux/delay.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <asm/asm-extable.h>
#include <asm/pci.h>
#include <asm/pci_insn.h>

#define ZPCIDIAG_VFIO_VARIANT
#include "compat.h"
#include "zpci_io_validate.h"
#include "uapi/vfio_zpci_io.h"
#include "zpci_vfio_ops.h"

struct zpci_vfio_pci_core_device {
	struct vfio_pci_core_device core;
	/*
	 * Serializes instructions: one in flight per function, in the order
	 * user space issued them. Guards io_fn and status. Never held across
	 * a user copy, and taken killably: a request stuck behind a reset can
	 * be interrupted.
	 */
	struct mutex io_lock;
	struct zpci_io_fn io_fn;	/* static facts, refreshed on every open */
	struct vfio_device_feature_zpci_io status;	/* since the latest open */
};

/* Region offsets: index << 48, as ism-vfio-pci (uapi/vfio_zpci_io.h). */
#define ZPCI_VFIO_OFFSET_TO_INDEX(off)	((u64)(off) >> ZPCI_VFIO_PCI_OFFSET_SHIFT)
#define ZPCI_VFIO_INDEX_TO_OFFSET(index) ((u64)(index) << ZPCI_VFIO_PCI_OFFSET_SHIFT)
#define ZPCI_VFIO_OFFSET_MASK		(BIT_ULL(ZPCI_VFIO_PCI_OFFSET_SHIFT) - 1)

/* Busy (cc 2) is retried this often, 1 us apart, before it is reported. */
#define ZPCI_IO_BUSY_RETRIES	1000

#ifndef PCI_DEVICE_ID_IBM_ISM
#define PCI_DEVICE_ID_IBM_ISM	0x04ed
#endif

static struct zpci_vfio_pci_core_device *to_zvdev(struct vfio_pci_core_device *core)
{
	return container_of(core, struct zpci_vfio_pci_core_device, core);
}

static struct vfio_pci_core_device *to_core(struct vfio_device *vdev)
{
	return container_of(vdev, struct vfio_pci_core_device, vdev);
}

/*
 * vfio's __vfio_pci_memory_enabled(), which is not exported; memory_lock held.
 * Runtime PM is handled as vfio does for its BAR regions: the device is
 * resumed (pm_runtime_resume_and_get()) around every access, also while user
 * space asked for low power (pm_runtime_engaged), and a failed resume is EIO.
 */
static bool zpci_vfio_memory_enabled(struct vfio_pci_core_device *core)
{
	struct pci_dev *pdev = core->pdev;
	u16 cmd = le16_to_cpu(*(__le16 *)&core->vconfig[PCI_COMMAND]);

	/* VFs of detached PFs have the command bit hardwired to 0 (no_command_memory) */
	return pdev->current_state < PCI_D3hot &&
	       (pdev->no_command_memory || (cmd & PCI_COMMAND_MEMORY));
}

/*
 * The facts the rules need that do not change while the device is open.
 * The MSI-X table location is vfio's own (set by vfio_pci_core_enable).
 */
static void zpci_vfio_describe(struct zpci_vfio_pci_core_device *zv)
{
	struct vfio_pci_core_device *core = &zv->core;
	struct pci_dev *pdev = core->pdev;
	struct zpci_io_fn *fn = &zv->io_fn;
	int i;

	memset(fn, 0, sizeof(*fn));
	for (i = 0; i < ZPCI_IO_NUM_BARS; i++) {
		fn->bar_size[i] = pci_resource_len(pdev, i);
		fn->bar_is_io[i] = !!(pci_resource_flags(pdev, i) & IORESOURCE_IO);
	}
	/* maxstbl is 13 bits wide; no PCISTB may cross 4 KiB anyway */
	fn->maxstbl = min_t(u16, to_zpci(pdev)->maxstbl, ZPCI_IO_STB_BOUNDARY);
	fn->msix_table.bar = -1;
	if (pdev->msix_cap && core->msix_bar < PCI_STD_NUM_BARS) {
		fn->msix_table.bar = core->msix_bar;
		fn->msix_table.start = core->msix_offset;
		fn->msix_table.len = core->msix_size;
	}
}

/*
 * The instructions themselves, non-MIO, with the function handle, as
 * ism-vfio-pci issues them. The kernel's exported __zpci_load() and
 * __zpci_store_block() keep the condition code and status byte to s390dbf,
 * and the status feature hands them to user space, so the module issues
 * PCILG and PCISTB itself. A program exception (an implementation refusing
 * the operands, as QEMU's intercept does for short PCISTB) resumes after the
 * instruction through the exception table and is reported as
 * VFIO_ZPCI_IO_CC_EXCEPTION (-ENXIO to the caller, as __zpci_load() and
 * __zpci_store_block() answer it). Returns the condition code.
 */
static int zpci_io_insn_pcilg(u64 *data, u64 req, u64 offset, u8 *status)
{
	union register_pair req_off = { .even = req, .odd = offset };
	int cc = VFIO_ZPCI_IO_CC_EXCEPTION;
	u64 val = 0;

	asm volatile ("	.insn	rre,0xb9d20000,%[val],%[req_off]\n"
		"0:	ipm	%[cc]\n"
		"	srl	%[cc],28\n"
		"1:\n"
		EX_TABLE(0b, 1b)
		: [cc] "+d" (cc), [val] "+d" (val), [req_off] "+&d" (req_off.pair)
		:
		: "cc");
	*status = req_off.even >> 24 & 0xff;
	*data = val;
	return cc;
}

static int zpci_io_insn_pcistb(const u8 *data, u64 req, u64 offset, u8 *status)
{
	int cc = VFIO_ZPCI_IO_CC_EXCEPTION;

	asm volatile ("	.insn	rsy,0xeb00000000d0,%[req],%[offset],%[data]\n"
		"0:	ipm	%[cc]\n"
		"	srl	%[cc],28\n"
		"1:\n"
		EX_TABLE(0b, 1b)
		: [cc] "+d" (cc), [req] "+d" (req)
		: [offset] "d" (offset), [data] "Q" (*data)
		: "cc", "memory");
	*status = req >> 24 & 0xff;
	return cc;
}

/*
 * Issue one PCILG (@store false: @len bytes into @data, in bus order) or
 * PCISTB (@len bytes from @data); io_lock and memory_lock (read) held, so no
 * vfio reset runs meanwhile. A function in recovery has a disabled handle:
 * the instruction then fails with cc 3, as it does in ism-vfio-pci.
 * Return: 0, or with the status recorded -EIO (a condition code) or -ENXIO
 * (a program exception), the errors ism-vfio-pci returns.
 */
static int zpci_io_issue(struct zpci_vfio_pci_core_device *zv, bool store, int bar, u64 pos,
			 unsigned int len, u8 *data)
{
	struct zpci_dev *zdev = to_zpci(zv->core.pdev);
	u64 req = ZPCI_CREATE_REQ(READ_ONCE(zdev->fh), bar, len);
	int retries = 0, cc;
	unsigned int i;
	u8 status = 0;
	u64 val = 0;

	do {
		if (store)
			cc = zpci_io_insn_pcistb(data, req, pos, &status);
		else
			cc = zpci_io_insn_pcilg(&val, req, pos, &status);
		if (cc == 2)
			udelay(1);
	} while (cc == 2 && ++retries < ZPCI_IO_BUSY_RETRIES);
	if (store)
		zv->status.pcistb++;
	else
		zv->status.pcilg++;
	if (cc) {
		zv->status.last_cc = cc;
		zv->status.last_status = cc == VFIO_ZPCI_IO_CC_EXCEPTION ? 0 : status;
		zv->status.failures++;
		return cc == VFIO_ZPCI_IO_CC_EXCEPTION ? -ENXIO : -EIO;
	}
	/* PCILG returns the data right-aligned; hand out the bytes in bus order */
	if (!store)
		for (i = 0; i < len; i++)
			data[i] = val >> (8 * (len - 1 - i));
	return 0;
}

/*
 * One access under the locks: the rules again with the memory state, then
 * the instruction, or the MSI-X table's answer (reads 0xff, writes dropped).
 * Return: 0 or a negative errno.
 */
static int zpci_io_locked(struct zpci_vfio_pci_core_device *zv, bool store, int bar, u64 pos,
			  unsigned int len, u8 *data)
{
	struct vfio_pci_core_device *core = &zv->core;
	struct zpci_io_fn fn = zv->io_fn;
	enum zpci_io_result res;
	u64 count = len;
	int err;

	err = mutex_lock_killable(&zv->io_lock);
	if (err)
		return err;
	down_read(&core->memory_lock);
	fn.memory_enabled = zpci_vfio_memory_enabled(core);
	res = zpci_io_check(&fn, bar, pos, &count, store);
	if (res == ZPCI_IO_OK && count == len) {
		err = zpci_io_issue(zv, store, bar, pos, len, data);
	} else if (res == ZPCI_IO_PROTECTED) {
		if (!store)
			memset(data, 0xff, len);
		zv->status.dropped++;
	} else {
		/* count can only shrink if the BAR did: refuse rather than guess */
		err = res ? zpci_io_result_errno(res) : -EINVAL;
	}
	up_read(&core->memory_lock);
	mutex_unlock(&zv->io_lock);
	return err;
}

/* pwrite on a BAR region: one PCISTB of @count bytes (already checked). */
static ssize_t zpci_vfio_bar_write(struct zpci_vfio_pci_core_device *zv, int bar,
				   const char __user *buf, size_t count, u64 pos)
{
	ssize_t ret;
	u8 *data;

	/*
	 * kmalloc() of a power of two is aligned to its size by every slab
	 * allocator, so the PCISTB source never straddles a 4 KiB block.
	 */
	data = kmalloc(max_t(size_t, 8, roundup_pow_of_two(count)), GFP_KERNEL_ACCOUNT);
	if (!data)
		return -ENOMEM;
	if (copy_from_user(data, buf, count))
		ret = -EFAULT;
	else
		ret = zpci_io_locked(zv, true, bar, pos, count, data) ? : count;
	kfree(data);
	return ret;
}

/* pread on a BAR region: PCILG of 8/4/2/1 bytes by alignment until done. */
static ssize_t zpci_vfio_bar_read(struct zpci_vfio_pci_core_device *zv, int bar,
				  char __user *buf, size_t count, u64 pos)
{
	size_t done = 0;
	u8 data[8];
	int err;

	while (done < count) {
		unsigned int len = zpci_io_load_len(pos + done, count - done);

		err = zpci_io_locked(zv, false, bar, pos + done, len, data);
		if (err)
			return err;
		if (copy_to_user(buf + done, data, len))
			return -EFAULT;
		done += len;
		cond_resched();
	}
	return done;
}

static ssize_t zpci_vfio_bar_rw(struct zpci_vfio_pci_core_device *zv, int bar, char __user *buf,
				size_t count, u64 pos, bool iswrite)
{
	struct pci_dev *pdev = zv->core.pdev;
	struct zpci_io_fn fn = zv->io_fn;	/* static facts: set before the device opened */
	enum zpci_io_result res;
	u64 n = count;
	ssize_t ret;

	/* the static rules first: a refused access neither wakes nor touches the device */
	fn.memory_enabled = true;
	res = zpci_io_check(&fn, bar, pos, &n, iswrite);
	if (res != ZPCI_IO_OK && res != ZPCI_IO_PROTECTED)
		return zpci_io_result_errno(res);

	ret = pm_runtime_resume_and_get(&pdev->dev);
	if (ret) {
		pci_info_ratelimited(pdev, "runtime resume failed %zd\n", ret);
		return -EIO;
	}
	if (iswrite)
		ret = zpci_vfio_bar_write(zv, bar, buf, n, pos);
	else
		ret = zpci_vfio_bar_read(zv, bar, buf, n, pos);
	pm_runtime_put(&pdev->dev);
	return ret;
}

/*
 * Every region but the BARs is vfio-pci-core's: translate the offset into
 * its 40-bit encoding and let it serve the access.
 */
static ssize_t zpci_vfio_core_rw(struct vfio_pci_core_device *core, unsigned int index,
				 char __user *buf, size_t count, u64 pos, bool iswrite)
{
	loff_t cpos;

	if (pos > VFIO_PCI_OFFSET_MASK)
		return -EINVAL;
	cpos = VFIO_PCI_INDEX_TO_OFFSET(index) | pos;
	if (iswrite)
		return vfio_pci_core_write(&core->vdev, buf, count, &cpos);
	return vfio_pci_core_read(&core->vdev, buf, count, &cpos);
}

static ssize_t zpci_vfio_rw(struct vfio_device *vdev, char __user *buf, size_t count,
			    loff_t *ppos, bool iswrite)
{
	struct vfio_pci_core_device *core = to_core(vdev);
	u64 index = ZPCI_VFIO_OFFSET_TO_INDEX(*ppos);
	u64 pos = *ppos & ZPCI_VFIO_OFFSET_MASK;
	ssize_t ret;

	if (!count)
		return 0;
	if (index <= VFIO_PCI_BAR5_REGION_INDEX)
		ret = zpci_vfio_bar_rw(to_zvdev(core), index, buf, count, pos, iswrite);
	else if (index < U32_MAX)
		ret = zpci_vfio_core_rw(core, index, buf, count, pos, iswrite);
	else
		ret = -EINVAL;
	if (ret > 0)
		*ppos += ret;
	return ret;
}

static ssize_t zpci_vfio_read(struct vfio_device *vdev, char __user *buf, size_t count,
			      loff_t *ppos)
{
	return zpci_vfio_rw(vdev, buf, count, ppos, false);
}

static ssize_t zpci_vfio_write(struct vfio_device *vdev, const char __user *buf, size_t count,
			       loff_t *ppos)
{
	return zpci_vfio_rw(vdev, (char __user *)buf, count, ppos, true);
}

/* mmap, where vfio-pci-core offers it, with the offset in its encoding. */
static int zpci_vfio_mmap(struct vfio_device *vdev, struct vm_area_struct *vma)
{
	u64 off = (u64)vma->vm_pgoff << PAGE_SHIFT;
	u64 pos = off & ZPCI_VFIO_OFFSET_MASK;

	if (pos > VFIO_PCI_OFFSET_MASK)
		return -EINVAL;
	vma->vm_pgoff = (VFIO_PCI_INDEX_TO_OFFSET(ZPCI_VFIO_OFFSET_TO_INDEX(off)) | pos) >>
			PAGE_SHIFT;
	return vfio_pci_core_mmap(vdev, vma);
}

#ifdef ZPCIDIAG_HAVE_GET_REGION_INFO_CAPS
/* vfio-pci-core's answer with the region offset in this driver's encoding. */
static int zpci_vfio_get_region_info_caps(struct vfio_device *vdev, struct vfio_region_info *info,
					  struct vfio_info_cap *caps)
{
	int ret = vfio_pci_ioctl_get_region_info(vdev, info, caps);

	if (!ret)
		info->offset = ZPCI_VFIO_INDEX_TO_OFFSET(info->index);
	return ret;
}
#endif

static long zpci_vfio_ioctl(struct vfio_device *vdev, unsigned int cmd, unsigned long arg)
{
	long ret;

	/*
	 * ioeventfds name their register in vfio-pci-core's offset encoding,
	 * which is not this driver's; they are not offered.
	 */
	if (cmd == VFIO_DEVICE_IOEVENTFD)
		return -ENOTTY;
	ret = vfio_pci_core_ioctl(vdev, cmd, arg);
#ifndef ZPCIDIAG_HAVE_GET_REGION_INFO_CAPS
	/* vfio-pci-core answered in its own encoding: rewrite the offset */
	if (!ret && cmd == VFIO_DEVICE_GET_REGION_INFO) {
		struct vfio_region_info __user *uinfo = (void __user *)arg;
		u32 index;

		if (get_user(index, &uinfo->index) ||
		    put_user(ZPCI_VFIO_INDEX_TO_OFFSET(index), &uinfo->offset))
			return -EFAULT;
	}
#endif
	return ret;
}

/* VFIO_DEVICE_FEATURE_ZPCI_IO (GET): the status of the instructions. */
static int zpci_vfio_device_feature(struct vfio_device *vdev, u32 flags, void __user *arg,
				    size_t argsz)
{
	struct zpci_vfio_pci_core_device *zv = to_zvdev(to_core(vdev));
	struct vfio_device_feature_zpci_io st;
	int ret;

	if ((flags & VFIO_DEVICE_FEATURE_MASK) != VFIO_DEVICE_FEATURE_ZPCI_IO)
		return vfio_pci_core_ioctl_feature(vdev, flags, arg, argsz);
	ret = vfio_check_feature(flags, argsz, VFIO_DEVICE_FEATURE_GET, sizeof(st));
	if (ret != 1)
		return ret;
	ret = mutex_lock_killable(&zv->io_lock);
	if (ret)
		return ret;
	st = zv->status;
	mutex_unlock(&zv->io_lock);
	if (copy_to_user(arg, &st, sizeof(st)))
		return -EFAULT;
	return 0;
}

static int zpci_vfio_open_device(struct vfio_device *vdev)
{
	struct vfio_pci_core_device *core = to_core(vdev);
	struct zpci_vfio_pci_core_device *zv = to_zvdev(core);
	int ret;

	ret = vfio_pci_core_enable(core);
	if (ret)
		return ret;

	mutex_lock(&zv->io_lock);
	zpci_vfio_describe(zv);
	memset(&zv->status, 0, sizeof(zv->status));
	zv->status.maxstbl = zv->io_fn.maxstbl;
	mutex_unlock(&zv->io_lock);

	vfio_pci_core_finish_enable(core);
	return 0;
}

static void zpci_vfio_release_dev(struct vfio_device *vdev)
{
	mutex_destroy(&to_zvdev(to_core(vdev))->io_lock);
	vfio_pci_core_release_dev(vdev);
}

static const struct vfio_device_ops zpci_vfio_ops = {
	ZPCI_VFIO_OPS_INIT
};

static int zpci_vfio_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct zpci_vfio_pci_core_device *zv;
	int ret;

	if (!pdev->sysdata || !to_zpci(pdev))
		return -ENODEV;
	/* ISM is ism-vfio-pci's where the kernel has it */
	if (IS_ENABLED(CONFIG_ISM_VFIO_PCI) && pdev->vendor == PCI_VENDOR_ID_IBM &&
	    pdev->device == PCI_DEVICE_ID_IBM_ISM) {
		pci_info(pdev, "ISM: bind ism_vfio_pci instead\n");
		return -ENODEV;
	}
	zv = vfio_alloc_device(zpci_vfio_pci_core_device, core.vdev, &pdev->dev, &zpci_vfio_ops);
	if (IS_ERR(zv))
		return PTR_ERR(zv);
	mutex_init(&zv->io_lock);
	dev_set_drvdata(&pdev->dev, &zv->core);
	ret = vfio_pci_core_register_device(&zv->core);
	if (ret)
		vfio_put_device(&zv->core.vdev);
	return ret;
}

static void zpci_vfio_remove(struct pci_dev *pdev)
{
	struct vfio_pci_core_device *core = dev_get_drvdata(&pdev->dev);

	/* waits until every user closed the device (vfio_pci_core_request asks them) */
	vfio_pci_core_unregister_device(core);
	vfio_put_device(&core->vdev);
}

/* Binds only through driver_override: any zPCI function, never automatically. */
static const struct pci_device_id zpci_vfio_ids[] = {
	{ PCI_DRIVER_OVERRIDE_DEVICE_VFIO(PCI_ANY_ID, PCI_ANY_ID) },
	{}
};
MODULE_DEVICE_TABLE(pci, zpci_vfio_ids);

static struct pci_driver zpci_vfio_driver = {
	.name = KBUILD_MODNAME,
	.id_table = zpci_vfio_ids,
	.probe = zpci_vfio_probe,
	.remove = zpci_vfio_remove,
	.err_handler = &vfio_pci_core_err_handlers,
	.driver_managed_dma = true,
};
module_pci_driver(zpci_vfio_driver);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vfio-pci variant driver: zPCI PCILG/PCISTB through BAR regions, as ism-vfio-pci");
