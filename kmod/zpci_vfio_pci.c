// SPDX-License-Identifier: GPL-2.0
/*
 * zpci_vfio_pci: vfio-pci-core variant driver adding the zPCI I/O region
 * (uapi/vfio_zpci_io.h) to any zPCI function bound to it via driver_override.
 *
 * vfio-pci's BAR regions split accesses into 8/4-byte loads and stores, but
 * ISM and other IBM Z functions need PCISTB issued exactly as requested and
 * the non-MIO instruction forms. The region issues one PCILG or PCISTB per
 * request, with the function handle, after the checks in zpci_io_validate.h,
 * and keeps the condition code and status byte of a failed one for user
 * space (uapi/vfio_zpci_io.h).
 */
#include <linux/delay.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <asm/asm-extable.h>
#include <asm/pci.h>
#include <asm/pci_insn.h>

#define ZPCIDIAG_VFIO_VARIANT
#include "compat.h"
#include "zpci_io_validate.h"

struct zpci_vfio_pci_core_device {
	struct vfio_pci_core_device core;
	/*
	 * Serializes instructions: one in flight per function, in the order
	 * user space issued them. Guards io_fn, io_ready and the status. Never
	 * held across a user copy, and taken killably: a request stuck behind
	 * a reset can be interrupted.
	 */
	struct mutex io_lock;
	struct zpci_io_fn io_fn;	/* static facts, refreshed on every open */
	bool io_ready;			/* region usable: set on open, cleared on close */
	/* the latest instruction failure (uapi: struct vfio_zpci_io_hdr) */
	u8 last_cc, last_status;
	u32 failures;
};

/* Busy (cc 2) is retried this often, 1 us apart, before it is reported. */
#define ZPCI_IO_BUSY_RETRIES	1000

static struct zpci_vfio_pci_core_device *to_zvdev(struct vfio_pci_core_device *core)
{
	return container_of(core, struct zpci_vfio_pci_core_device, core);
}

/* vfio's __vfio_pci_memory_enabled(), which is not exported; memory_lock held. */
static bool zpci_vfio_memory_enabled(struct vfio_pci_core_device *core)
{
	struct pci_dev *pdev = core->pdev;
	u16 cmd = le16_to_cpu(*(__le16 *)&core->vconfig[PCI_COMMAND]);

	/* VFs of detached PFs have the command bit hardwired to 0 (no_command_memory) */
	return pdev->current_state < PCI_D3hot && !core->pm_runtime_engaged &&
	       (pdev->no_command_memory || (cmd & PCI_COMMAND_MEMORY));
}

/*
 * The facts the validation needs that do not change while the device is
 * open. The MSI-X table location is vfio's own (set by vfio_pci_core_enable).
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

static ssize_t zpci_io_read_hdr(struct zpci_vfio_pci_core_device *zv, char __user *buf,
				size_t count, u64 pos)
{
	struct vfio_zpci_io_hdr hdr = { .flags = VFIO_ZPCI_IO_HDR_FLAG_STATUS };
	int err;

	if (zpci_io_check_read(pos, count))
		return -zpci_io_result_errno(ZPCI_IO_BAD_READ);
	err = mutex_lock_killable(&zv->io_lock);
	if (err)
		return err;
	hdr.max = zv->io_fn.maxstbl;
	hdr.last_cc = zv->last_cc;
	hdr.last_status = zv->last_status;
	hdr.failures = zv->failures;
	mutex_unlock(&zv->io_lock);
	if (copy_to_user(buf, (u8 *)&hdr + pos, count))
		return -EFAULT;
	return count;
}

/*
 * The instructions themselves, non-MIO, with the function handle. The
 * kernel's exported __zpci_load()/__zpci_store_block() keep the condition
 * code and status byte to s390dbf, and the region promises them to user
 * space, so the region issues PCILG and PCISTB itself. A program exception
 * (an implementation refusing the operands, as QEMU's intercept does for
 * short PCISTB) resumes after the instruction through the exception table
 * and is reported as VFIO_ZPCI_IO_CC_EXCEPTION. Returns the condition code.
 */
static int zpci_io_insn_pcilg(u64 *data, u64 req, u64 offset, u8 *status)
{
	union register_pair req_off = { .even = req, .odd = offset };
	int cc = VFIO_ZPCI_IO_CC_EXCEPTION;
	u64 val = 0;

	asm volatile(
		"	.insn	rre,0xb9d20000,%[val],%[req_off]\n"
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

	asm volatile(
		"	.insn	rsy,0xeb00000000d0,%[req],%[offset],%[data]\n"
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
 * Issue the validated request; io_lock and memory_lock (read) held, so no
 * reset runs meanwhile. PCILG data lands in @data in bus order; PCISTB
 * reads it from @data. 0, -ENODEV or -EIO (status recorded).
 */
static int zpci_io_issue(struct zpci_vfio_pci_core_device *zv, const struct vfio_zpci_io_req *req,
			 u8 *data)
{
	struct zpci_dev *zdev = to_zpci(zv->core.pdev);
	u64 fh = READ_ONCE(zdev->fh);
	u64 ireq = ZPCI_CREATE_REQ(fh, req->pcias, req->len);
	int retries = 0, cc, i;
	u8 status = 0;
	u64 val = 0;

	/* a function in recovery has a disabled handle; the instruction would fail with cc 3 */
	if (!(fh & (1UL << 31)))
		return -ENODEV;
	do {
		if (req->flags & VFIO_ZPCI_IO_FLAG_BLOCKW)
			cc = zpci_io_insn_pcistb(data, ireq, req->offset, &status);
		else
			cc = zpci_io_insn_pcilg(&val, ireq, req->offset, &status);
		if (cc == 2)
			udelay(1);
	} while (cc == 2 && ++retries < ZPCI_IO_BUSY_RETRIES);
	if (cc) {
		zv->last_cc = cc;
		zv->last_status = cc == VFIO_ZPCI_IO_CC_EXCEPTION ? 0 : status;
		zv->failures++;
		return -EIO;
	}
	/* PCILG returns the data right-aligned; hand out the bytes in bus order */
	if (req->flags & VFIO_ZPCI_IO_FLAG_READ)
		for (i = 0; i < req->len; i++)
			data[i] = val >> (8 * (req->len - 1 - i));
	return 0;
}

/* Under io_lock: the region is open and the request passes every rule. */
static int zpci_io_check_locked(struct zpci_vfio_pci_core_device *zv,
				const struct vfio_zpci_io_req *req, bool memory_enabled)
{
	if (!zv->io_ready)
		return -ENODEV;
	zv->io_fn.memory_enabled = memory_enabled;
	return -zpci_io_result_errno(zpci_io_validate(&zv->io_fn, req));
}

static ssize_t zpci_io_do_request(struct zpci_vfio_pci_core_device *zv, const char __user *buf,
				  size_t count, u64 pos)
{
	struct vfio_pci_core_device *core = &zv->core;
	struct vfio_zpci_io_req req;
	void __user *ubuf;
	u8 small[8] = { 0 };
	u8 *data = small;
	int err;

	if (zpci_io_check_write(pos, count))
		return -zpci_io_result_errno(ZPCI_IO_BAD_WRITE);
	if (copy_from_user(&req, buf, sizeof(req)))
		return -EFAULT;
	ubuf = u64_to_user_ptr(req.gaddr);

	/* static rules first: a malformed request touches neither user memory nor the device */
	err = mutex_lock_killable(&zv->io_lock);
	if (err)
		return err;
	err = zpci_io_check_locked(zv, &req, true);
	mutex_unlock(&zv->io_lock);
	if (err)
		return err;

	/*
	 * User copies happen under no lock: a user buffer that is itself an
	 * mmap of a vfio BAR faults under memory_lock, and a fault may take
	 * arbitrarily long. The PCISTB source comes from kmalloc() of a power
	 * of two, which the slab allocators align to its size: the buffer can
	 * never straddle a 4 KiB block, whatever the debug options.
	 */
	if (req.flags == VFIO_ZPCI_IO_FLAG_BLOCKW) {
		data = kmalloc(max_t(size_t, 8, roundup_pow_of_two(req.len)), GFP_KERNEL_ACCOUNT);
		if (!data)
			return -ENOMEM;
		if (copy_from_user(data, ubuf, req.len)) {
			err = -EFAULT;
			goto out;
		}
	}

	err = mutex_lock_killable(&zv->io_lock);
	if (err)
		goto out;
	down_read(&core->memory_lock);
	err = zpci_io_check_locked(zv, &req, zpci_vfio_memory_enabled(core));
	if (!err)
		err = zpci_io_issue(zv, &req, data);
	up_read(&core->memory_lock);
	mutex_unlock(&zv->io_lock);

	if (!err && req.flags == VFIO_ZPCI_IO_FLAG_READ && copy_to_user(ubuf, data, req.len))
		err = -EFAULT;
out:
	if (data != small)
		kfree(data);
	return err ? err : count;
}

static ssize_t zpci_io_rw(struct vfio_pci_core_device *core, char __user *buf, size_t count,
			  loff_t *ppos, bool iswrite)
{
	struct zpci_vfio_pci_core_device *zv = to_zvdev(core);
	u64 pos = *ppos & VFIO_PCI_OFFSET_MASK;
	ssize_t ret;

	if (iswrite)
		ret = zpci_io_do_request(zv, buf, count, pos);
	else
		ret = zpci_io_read_hdr(zv, buf, count, pos);
	if (ret > 0)
		*ppos += ret;
	return ret;
}

/* vfio frees its region array on every close; the region owns nothing else. */
static void zpci_io_release(struct vfio_pci_core_device *core, struct vfio_pci_region *region)
{
	struct zpci_vfio_pci_core_device *zv = to_zvdev(core);

	mutex_lock(&zv->io_lock);
	zv->io_ready = false;
	mutex_unlock(&zv->io_lock);
}

static const struct vfio_pci_regops zpci_io_regops = {
	.rw = zpci_io_rw,
	.release = zpci_io_release,
};

static int zpci_vfio_open_device(struct vfio_device *vdev)
{
	struct vfio_pci_core_device *core = container_of(vdev, struct vfio_pci_core_device, vdev);
	struct zpci_vfio_pci_core_device *zv = to_zvdev(core);
	int ret;

	ret = vfio_pci_core_enable(core);
	if (ret)
		return ret;

	mutex_lock(&zv->io_lock);
	zpci_vfio_describe(zv);
	zv->last_cc = 0;
	zv->last_status = 0;
	zv->failures = 0;
	zv->io_ready = true;
	mutex_unlock(&zv->io_lock);

	ret = vfio_pci_core_register_dev_region(core, VFIO_ZPCI_IO_REGION_TYPE,
						VFIO_ZPCI_IO_REGION_SUBTYPE, &zpci_io_regops,
						VFIO_ZPCI_IO_REGION_SIZE,
						VFIO_REGION_INFO_FLAG_READ |
						VFIO_REGION_INFO_FLAG_WRITE, zv);
	if (ret) {
		mutex_lock(&zv->io_lock);
		zv->io_ready = false;
		mutex_unlock(&zv->io_lock);
		vfio_pci_core_disable(core);
		return ret;
	}
	vfio_pci_core_finish_enable(core);
	return 0;
}

static void zpci_vfio_release_dev(struct vfio_device *vdev)
{
	struct vfio_pci_core_device *core = container_of(vdev, struct vfio_pci_core_device, vdev);

	mutex_destroy(&to_zvdev(core)->io_lock);
	vfio_pci_core_release_dev(vdev);
}

#include "zpci_vfio_ops.h"


static int zpci_vfio_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct zpci_vfio_pci_core_device *zv;
	int ret;

	if (!pdev->sysdata || !to_zpci(pdev))
		return -ENODEV;
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
MODULE_DESCRIPTION("vfio-pci variant driver with the zPCI I/O region (PCILG/PCISTB)");
