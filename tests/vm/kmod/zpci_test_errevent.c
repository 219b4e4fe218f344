// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module: make the (emulated) platform raise a zPCI error event
 * for one function, so that the guest kernel runs its real error handling
 * (arch/s390/pci/pci_event.c) and logs its real messages.
 *
 * Writing a PCI address ("0004:00:00.0") to
 * /sys/kernel/debug/zpci_test_errevent/rpcit_out_of_range issues one
 * Refresh PCI Translations (RPCIT) for a page just past the end of the
 * function's DMA window. QEMU (hw/s390x/s390-pci-inst.c,
 * rpcit_service_call) answers an address outside the registered window with
 * an error event, code 0x2 (out of range), puts the function in the error
 * state and makes the guest see the event through CHSC.
 *
 * Only for the emulated IBM Z test bed: on a real machine this would put a
 * real function into the error state. Never installed with the product.
 */
#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/pci.h>
#include <linux/uaccess.h>
#include <asm/pci.h>

static struct dentry *errevent_dir;

/* RPCIT r1 = function handle << 32, r2/r2+1 = address and length */
static u8 errevent_rpcit(u64 fn, u64 addr, u64 range, u8 *status)
{
	union register_pair addr_range = { .even = addr, .odd = range };
	int cc;

	asm volatile(
		"	.insn	rre,0xb9d30000,%[fn],%[addr_range]\n"
		"	ipm	%[cc]\n"
		"	srl	%[cc],28\n"
		: [cc] "=d" (cc), [fn] "+d" (fn)
		: [addr_range] "d" (addr_range.pair)
		: "cc");
	*status = fn >> 24 & 0xff;
	return cc;
}

static ssize_t rpcit_out_of_range_write(struct file *file,
					const char __user *ubuf,
					size_t count, loff_t *ppos)
{
	unsigned int domain, bus, slot, fn;
	struct zpci_dev *zdev;
	struct pci_dev *pdev;
	char buf[32];
	u64 addr;
	u8 cc, status;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%x:%x:%x.%x", &domain, &bus, &slot, &fn) != 4)
		return -EINVAL;

	pdev = pci_get_domain_bus_and_slot(domain, bus, PCI_DEVFN(slot, fn));
	if (!pdev)
		return -ENODEV;
	zdev = to_zpci(pdev);
	if (!zdev || !zdev->end_dma) {
		pci_dev_put(pdev);
		return -ENXIO;
	}
	addr = ALIGN(zdev->end_dma + 1, PAGE_SIZE);
	cc = errevent_rpcit((u64)zdev->fh << 32, addr, PAGE_SIZE, &status);
	pci_info(pdev, "zpci_test_errevent: RPCIT fid 0x%x at 0x%llx past the DMA window: cc %u status %u\n",
		 zdev->fid, addr, cc, status);
	pci_dev_put(pdev);
	return count;
}

static const struct file_operations rpcit_out_of_range_fops = {
	.owner = THIS_MODULE,
	.write = rpcit_out_of_range_write,
	.llseek = noop_llseek,
};

static int __init errevent_init(void)
{
	errevent_dir = debugfs_create_dir("zpci_test_errevent", NULL);
	debugfs_create_file("rpcit_out_of_range", 0200, errevent_dir, NULL,
			    &rpcit_out_of_range_fops);
	return 0;
}

static void __exit errevent_exit(void)
{
	debugfs_remove_recursive(errevent_dir);
}

module_init(errevent_init);
module_exit(errevent_exit);
MODULE_DESCRIPTION("zpcidiag test bed: raise a zPCI error event through an out-of-range RPCIT");
MODULE_LICENSE("GPL");
