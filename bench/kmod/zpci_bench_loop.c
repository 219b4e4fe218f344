// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only baseline for the region benchmark: the PCI load and block-store
 * instructions looped in the kernel with the function handle, as
 * zpci_vfio_pci's BAR regions issue them, without the system call, the user
 * copies and the checks. The difference to zpci_vfio_pci's per-call time is
 * what the vfio path itself costs.
 *
 * debugfs zpci_bench_loop/run: write "DDDD:BB:DD.F stb|lg BAR OFFSET LEN COUNT",
 * then read the total nanoseconds. Refuses what zpci_vfio_pci would refuse
 * (outside the BAR, crossing 4 KiB, PCISTB longer than maxstbl) and what
 * the emulator refuses (PCISTB shorter than 16, PCILG other than 1/2/4/8).
 */
#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/pci.h>
#include <asm/pci_insn.h>
#include <asm/pci_io.h>

#define LOOP_MAX_COUNT 10000000u

static struct dentry *bench_dir;
static DEFINE_MUTEX(bench_lock);
static char bench_result[32];

static int bench_check(struct pci_dev *pdev, struct zpci_dev *zdev, bool stb, unsigned int bar,
		       u64 off, unsigned int len, unsigned int count)
{
	if (bar >= PCI_STD_NUM_BARS || !(pci_resource_flags(pdev, bar) & IORESOURCE_MEM))
		return -ENXIO;
	if (!count || count > LOOP_MAX_COUNT)
		return -EINVAL;
	if (off >= pci_resource_len(pdev, bar) || len > pci_resource_len(pdev, bar) - off)
		return -ERANGE;
	if (stb)
		return len < 16 || len % 8 || len > zdev->maxstbl || off % 8 ||
		       (off & 4095) + len > 4096 ? -EINVAL : 0;
	return (len == 1 || len == 2 || len == 4 || len == 8) && off % len == 0 ? 0 : -EINVAL;
}

static int bench_run(struct zpci_dev *zdev, bool stb, unsigned int bar, u64 off,
		     unsigned int len, unsigned int count, u64 *ns)
{
	u64 req = ZPCI_CREATE_REQ(READ_ONCE(zdev->fh), bar, len), val, t0;
	u64 *data = kmalloc(4096, GFP_KERNEL);
	unsigned int i;
	int rc = 0;

	if (!data)
		return -ENOMEM;
	memset(data, 0xa5, 4096);
	t0 = ktime_get_ns();
	for (i = 0; i < count && !rc; i++) {
		rc = stb ? __zpci_store_block(data, req, off) : __zpci_load(&val, req, off);
		if ((i & 1023) == 1023)
			cond_resched();
	}
	*ns = ktime_get_ns() - t0;
	kfree(data);
	return rc ? -EIO : 0;
}

static ssize_t bench_write(struct file *file, const char __user *ubuf, size_t len, loff_t *pos)
{
	unsigned int dom, bus, dev, fn, bar, n, count;
	struct pci_dev *pdev;
	struct zpci_dev *zdev;
	char buf[128], op[4];
	u64 off, ns = 0;
	int rc;

	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (sscanf(buf, "%x:%x:%x.%x %3s %u %llx %u %u", &dom, &bus, &dev, &fn, op, &bar, &off,
		   &n, &count) != 9 || (strcmp(op, "stb") && strcmp(op, "lg")))
		return -EINVAL;
	pdev = pci_get_domain_bus_and_slot(dom, bus, PCI_DEVFN(dev, fn));
	if (!pdev)
		return -ENODEV;
	zdev = to_zpci(pdev);
	rc = zdev ? bench_check(pdev, zdev, op[0] == 's', bar, off, n, count) : -ENODEV;
	if (!rc && !(READ_ONCE(zdev->fh) & (1U << 31)))
		rc = -ENODEV;	/* handle not enabled */
	mutex_lock(&bench_lock);
	if (!rc)
		rc = bench_run(zdev, op[0] == 's', bar, off, n, count, &ns);
	snprintf(bench_result, sizeof(bench_result), "%llu\n", rc ? 0 : ns);
	mutex_unlock(&bench_lock);
	pci_dev_put(pdev);
	return rc ? rc : len;
}

static ssize_t bench_read(struct file *file, char __user *ubuf, size_t len, loff_t *pos)
{
	ssize_t n;

	mutex_lock(&bench_lock);
	n = simple_read_from_buffer(ubuf, len, pos, bench_result, strlen(bench_result));
	mutex_unlock(&bench_lock);
	return n;
}

static const struct file_operations bench_fops = {
	.owner = THIS_MODULE,
	.write = bench_write,
	.read = bench_read,
	.llseek = default_llseek,
};

static int __init bench_init(void)
{
	bench_dir = debugfs_create_dir("zpci_bench_loop", NULL);
	debugfs_create_file("run", 0600, bench_dir, NULL, &bench_fops);
	return 0;
}

static void __exit bench_exit(void)
{
	debugfs_remove_recursive(bench_dir);
}

module_init(bench_init);
module_exit(bench_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("zpcidiag test-only: PCI load/store-block loop for the region benchmark");
