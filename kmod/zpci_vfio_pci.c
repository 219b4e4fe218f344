// SPDX-License-Identifier: GPL-2.0
/*
 * zpci_vfio_pci: vfio-pci-core variant driver adding the zPCI I/O region
 * (uapi/vfio_zpci_io.h) to any zPCI function bound to it via driver_override.
 *
 * vfio-pci's BAR regions split accesses into 8/4-byte loads and stores, but
 * ISM and other IBM Z functions need PCISTB issued exactly as requested and
 * the non-MIO instruction forms. The region issues one PCILG or PCISTB per
 * request, with the function handle, after the checks in zpci_io_validate.h.
 */
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <linux/vfio.h>
#include <asm/pci.h>
#include <asm/pci_insn.h>
#include <asm/pci_io.h>

#define ZPCIDIAG_VFIO_VARIANT
#include "compat.h"
#include "zpci_io_validate.h"

struct zpci_vfio_dev {
	struct vfio_pci_core_device core;
	/*
	 * Serializes requests: one instruction in flight per function, in the
	 * order user space issued them, and guards io_fn.
	 */
	struct mutex io_lock;
	struct zpci_io_fn io_fn;	/* static facts, refreshed on every open */
	bool io_ready;			/* region usable: set on open, cleared on close */
};

static struct zpci_vfio_dev *to_zvdev(struct vfio_pci_core_device *core)
{
	return container_of(core, struct zpci_vfio_dev, core);
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
 * open. The MSI-X table location is vfio's own (set by vfio_pci_core_enable);
 * the PBA is read from the capability the same way.
 */
static void zpci_vfio_describe(struct zpci_vfio_dev *zv)
{
	struct vfio_pci_core_device *core = &zv->core;
	struct pci_dev *pdev = core->pdev;
	struct zpci_io_fn *fn = &zv->io_fn;
	u16 msix_flags;
	u32 pba;
	int i;

	memset(fn, 0, sizeof(*fn));
	for (i = 0; i < ZPCI_IO_NUM_BARS; i++) {
		fn->bar_size[i] = pci_resource_len(pdev, i);
		fn->bar_is_io[i] = !!(pci_resource_flags(pdev, i) & IORESOURCE_IO);
	}
	/* maxstbl is 13 bits wide; no PCISTB may cross 4 KiB anyway */
	fn->maxstbl = min_t(u16, to_zpci(pdev)->maxstbl, ZPCI_IO_STB_BOUNDARY);
	fn->protect[0].bar = -1;
	fn->protect[1].bar = -1;
	if (pdev->msix_cap && core->msix_bar < PCI_STD_NUM_BARS) {
		fn->protect[0].bar = core->msix_bar;
		fn->protect[0].start = core->msix_offset;
		fn->protect[0].len = core->msix_size;
		pci_read_config_word(pdev, pdev->msix_cap + PCI_MSIX_FLAGS, &msix_flags);
		pci_read_config_dword(pdev, pdev->msix_cap + PCI_MSIX_PBA, &pba);
		fn->protect[1].bar = pba & PCI_MSIX_PBA_BIR;
		fn->protect[1].start = pba & PCI_MSIX_PBA_OFFSET;
		fn->protect[1].len = DIV_ROUND_UP((msix_flags & PCI_MSIX_FLAGS_QSIZE) + 1, 64) * 8;
	}
}

static ssize_t zpci_io_read_hdr(struct zpci_vfio_dev *zv, char __user *buf, size_t count,
				u64 pos)
{
	struct vfio_zpci_io_hdr hdr = { .max = zv->io_fn.maxstbl };

	if (zpci_io_check_read(pos, count))
		return -zpci_io_result_errno(ZPCI_IO_BAD_READ);
	if (copy_to_user(buf, (u8 *)&hdr + pos, count))
		return -EFAULT;
	return count;
}

/* Issue the validated request. memory_lock held for read: no reset meanwhile. */
static int zpci_io_issue(struct zpci_dev *zdev, const struct vfio_zpci_io_req *req,
			 void *data)
{
	u64 fh = READ_ONCE(zdev->fh);
	u64 ireq = ZPCI_CREATE_REQ(fh, req->pcias, req->len);
	u64 val;
	u8 *bytes = data;
	int i;

	/* a function in recovery has a disabled handle; the instruction would fail with cc 3 */
	if (!(fh & (1UL << 31)))
		return -ENODEV;
	if (req->flags & VFIO_ZPCI_IO_FLAG_BLOCKW)
		return __zpci_store_block(data, ireq, req->offset) ? -EIO : 0;

	if (__zpci_load(&val, ireq, req->offset))
		return -EIO;
	/* PCILG returns the data right-aligned; hand out the bytes in bus order */
	for (i = 0; i < req->len; i++)
		bytes[i] = val >> (8 * (req->len - 1 - i));
	return 0;
}

static ssize_t zpci_io_do_request(struct zpci_vfio_dev *zv, const char __user *buf,
				  size_t count, u64 pos)
{
	struct vfio_pci_core_device *core = &zv->core;
	struct vfio_zpci_io_req req;
	enum zpci_io_result res;
	void __user *ubuf;
	u64 small = 0;
	void *data = &small;
	int err;

	if (zpci_io_check_write(pos, count))
		return -zpci_io_result_errno(ZPCI_IO_BAD_WRITE);
	if (copy_from_user(&req, buf, sizeof(req)))
		return -EFAULT;
	ubuf = u64_to_user_ptr(req.gaddr);

	mutex_lock(&zv->io_lock);
	if (!zv->io_ready) {
		err = -ENODEV;
		goto unlock;
	}
	/* static rules first: a malformed request touches neither user memory nor the device */
	zv->io_fn.memory_enabled = true;
	res = zpci_io_validate(&zv->io_fn, &req);
	if (res) {
		err = -zpci_io_result_errno(res);
		goto unlock;
	}
	/*
	 * User copies happen outside memory_lock: a user buffer that is itself
	 * an mmap of a vfio BAR faults under memory_lock, so copying while
	 * holding it could deadlock against a waiting reset.
	 */
	if (req.flags == VFIO_ZPCI_IO_FLAG_BLOCKW) {
		data = kmalloc(req.len, GFP_KERNEL);	/* validated: 16..4096, kmalloc aligns to 8 */
		if (!data) {
			err = -ENOMEM;
			goto unlock;
		}
		if (copy_from_user(data, ubuf, req.len)) {
			err = -EFAULT;
			goto unlock;
		}
	}

	down_read(&core->memory_lock);
	zv->io_fn.memory_enabled = zpci_vfio_memory_enabled(core);
	res = zpci_io_validate(&zv->io_fn, &req);
	err = res ? -zpci_io_result_errno(res) : zpci_io_issue(to_zpci(core->pdev), &req, data);
	up_read(&core->memory_lock);

	if (!err && req.flags == VFIO_ZPCI_IO_FLAG_READ && copy_to_user(ubuf, data, req.len))
		err = -EFAULT;
unlock:
	mutex_unlock(&zv->io_lock);
	if (data != &small)
		kfree(data);
	return err ? err : count;
}

static ssize_t zpci_io_rw(struct vfio_pci_core_device *core, char __user *buf, size_t count,
			  loff_t *ppos, bool iswrite)
{
	struct zpci_vfio_dev *zv = to_zvdev(core);
	u64 pos = *ppos & VFIO_PCI_OFFSET_MASK;

	if (iswrite)
		return zpci_io_do_request(zv, buf, count, pos);
	return zpci_io_read_hdr(zv, buf, count, pos);
}

/* vfio frees its region array on every close; the region owns nothing else. */
static void zpci_io_release(struct vfio_pci_core_device *core, struct vfio_pci_region *region)
{
	struct zpci_vfio_dev *zv = to_zvdev(core);

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
	struct zpci_vfio_dev *zv = to_zvdev(core);
	int ret;

	ret = vfio_pci_core_enable(core);
	if (ret)
		return ret;

	mutex_lock(&zv->io_lock);
	zpci_vfio_describe(zv);
	zv->io_ready = true;
	mutex_unlock(&zv->io_lock);

	ret = vfio_pci_core_register_dev_region(core, VFIO_ZPCI_IO_REGION_TYPE,
						VFIO_ZPCI_IO_REGION_SUBTYPE, &zpci_io_regops,
						VFIO_ZPCI_IO_REGION_SIZE,
						VFIO_REGION_INFO_FLAG_READ |
						VFIO_REGION_INFO_FLAG_WRITE, zv);
	if (ret) {
		zv->io_ready = false;
		vfio_pci_core_disable(core);
		return ret;
	}
	vfio_pci_core_finish_enable(core);
	return 0;
}

static const struct vfio_device_ops zpci_vfio_ops = {
	.name = "zpci-vfio-pci",
	.init = vfio_pci_core_init_dev,
	.release = vfio_pci_core_release_dev,
	.open_device = zpci_vfio_open_device,
	.close_device = vfio_pci_core_close_device,
	.ioctl = vfio_pci_core_ioctl,
	.device_feature = vfio_pci_core_ioctl_feature,
	.read = vfio_pci_core_read,
	.write = vfio_pci_core_write,
	.mmap = vfio_pci_core_mmap,
	.request = vfio_pci_core_request,
	.match = vfio_pci_core_match,
	ZPCI_VFIO_REGION_INFO_OPS
	ZPCI_VFIO_IOMMUFD_OPS
};

static int zpci_vfio_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct zpci_vfio_dev *zv;
	int ret;

	if (!pdev->sysdata || !to_zpci(pdev))
		return -ENODEV;
	zv = vfio_alloc_device(zpci_vfio_dev, core.vdev, &pdev->dev, &zpci_vfio_ops);
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
