// SPDX-License-Identifier: MIT
/*
 * bind/unbind (action_sysfs.c) on a fake sysfs tree generated per case.
 * The write hook plays the kernel's part (driver_override, unbind,
 * drivers_probe, bind move the fake `driver` link) and logs every write,
 * so the tests check both the order of writes and the resulting state.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "action_sysfs.h"
#include "unit.h"

#define ADDR "0001:00:00.0"

static char root[1024], rundir[1024];
static char wlog[32][160];
static int nwlog;
static bool kernel_refuses_bind;	/* the new driver's probe fails */

static void sh(const char *fmt, ...)
{
	char cmd[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	if (system(cmd) != 0) {
		fprintf(stderr, "setup failed: %s\n", cmd);
		exit(99);
	}
}

static void put(const char *rel, const char *content)
{
	char p[PATH_MAX + 1100];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	f = fopen(p, "w");
	if (!f) {
		perror(p);
		exit(99);
	}
	fputs(content, f);
	fclose(f);
}

static void get(const char *rel, char *buf, size_t len)
{
	char p[PATH_MAX + 1100];
	FILE *f;

	buf[0] = '\0';
	snprintf(p, sizeof(p), "%s/%s", root, rel);
	f = fopen(p, "r");
	if (!f)
		return;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
}

static bool present(const char *rel)
{
	char p[PATH_MAX + 1100];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	return lstat(p, &st) == 0;
}

static void link_driver(const char *drv)
{
	char p[PATH_MAX + 1100], t[PATH_MAX];

	snprintf(p, sizeof(p), "%s/bus/pci/devices/" ADDR "/driver", root);
	unlink(p);
	if (drv) {
		snprintf(t, sizeof(t), "../../drivers/%s", drv);
		if (symlink(t, p) < 0)
			perror("symlink");
	}
}

/* The kernel, minimally. */
static void kernel(const char *rel, const char *value, void *arg)
{
	char ovr[64], drv[64], dir[128];

	snprintf(wlog[nwlog < 32 ? nwlog++ : 31], sizeof(wlog[0]), "%s=%s", rel,
		 strcmp(value, "\n") == 0 ? "\\n" : value);
	if (strcmp(rel, "bus/pci/devices/" ADDR "/driver_override") == 0) {
		if (strcmp(value, "\n") == 0)
			put(rel, "(null)\n");
		return;
	}
	if (sscanf(rel, "bus/pci/drivers/%63[^/]/unbind", drv) == 1) {
		if (strcmp(value, ADDR) == 0)
			link_driver(NULL);
		return;
	}
	if (sscanf(rel, "bus/pci/drivers/%63[^/]/bind", drv) == 1) {
		link_driver(drv);
		return;
	}
	if (strcmp(rel, "bus/pci/drivers_probe") == 0) {
		zpci_action_current_driver(arg, ADDR, drv, sizeof(drv));
		if (*drv)
			return;
		get("bus/pci/devices/" ADDR "/driver_override", ovr, sizeof(ovr));
		if (strcmp(ovr, "(null)") == 0)
			snprintf(ovr, sizeof(ovr), "virtio-pci");	/* id-table match */
		snprintf(dir, sizeof(dir), "bus/pci/drivers/%s", ovr);
		if (present(dir) && !(kernel_refuses_bind && strcmp(ovr, "virtio-pci") != 0))
			link_driver(ovr);
	}
}

static struct zpci_ctx ctx;
static struct zpci_action_env env;

static void make_tree(const char *driver, const char *netdev_state)
{
	static int n;

	snprintf(root, sizeof(root), "%s/case%d/sys", getenv("TMPDIR_CASES"), ++n);
	snprintf(rundir, sizeof(rundir), "%s/case%d/run", getenv("TMPDIR_CASES"), n);
	sh("mkdir -p %s/bus/pci/devices/" ADDR " %s/bus/pci/drivers/virtio-pci %s/kernel/iommu_groups/0 "
	   "%s/module/vfio_iommu_type1 %s/module/vfio", root, root, root, root, root);
	put("bus/pci/devices/" ADDR "/driver_override", "(null)\n");
	put("bus/pci/drivers_probe", "");
	put("bus/pci/drivers/virtio-pci/bind", "");
	put("bus/pci/drivers/virtio-pci/unbind", "");
	sh("ln -s ../../../kernel/iommu_groups/0 %s/bus/pci/devices/" ADDR "/iommu_group", root);
	if (netdev_state) {
		sh("mkdir -p %s/bus/pci/devices/" ADDR "/net/eth0", root);
		put("bus/pci/devices/" ADDR "/net/eth0/operstate", netdev_state);
	}
	link_driver(driver);
	ctx.sysfs_root = root;
	env.ctx = &ctx;
	env.run_dir = rundir;
	env.modprobe = "false";
	env.force = false;
	kernel_refuses_bind = false;
	zpci_action_write_hook = kernel;
	zpci_action_write_hook_arg = &ctx;
	nwlog = 0;
	setenv("FAKE_ROOT", root, 1);
}

static const char *driver_now(void)
{
	static char d[64];

	zpci_action_current_driver(&ctx, ADDR, d, sizeof(d));
	return d;
}

static void state_of(char *buf, size_t len)
{
	char p[PATH_MAX + 1100];
	FILE *f;
	size_t n;

	snprintf(p, sizeof(p), "%s/" ADDR ".bind", rundir);
	buf[0] = '\0';
	f = fopen(p, "r");
	if (!f)
		return;
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	fclose(f);
}

static void test_bind_unbind_roundtrip(void)
{
	struct zpci_bind_result res;
	char st[256], ovr[64];

	make_tree("virtio-pci", "down");
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_OK);
	CHECK_STREQ(driver_now(), "zpci_vfio_pci");
	CHECK(res.changed);
	CHECK_STREQ(res.previous_driver, "virtio-pci");
	/* vfio_iommu_type1 was present; the variant driver came through modprobe */
	CHECK(res.nmodules_loaded == 1);
	CHECK_STREQ(res.modules_loaded[0], "zpci_vfio_pci");
	CHECK(nwlog == 3);
	CHECK_STREQ(wlog[0], "bus/pci/devices/" ADDR "/driver_override=zpci_vfio_pci");
	CHECK_STREQ(wlog[1], "bus/pci/drivers/virtio-pci/unbind=" ADDR);
	CHECK_STREQ(wlog[2], "bus/pci/drivers_probe=" ADDR);
	state_of(st, sizeof(st));
	CHECK_STREQ(st, "driver=virtio-pci\noverride=\n");

	/* idempotent: no writes */
	nwlog = 0;
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_OK);
	CHECK(!res.changed);
	CHECK(nwlog == 0);

	/* chained: vfio-pci next; the state keeps the original driver */
	nwlog = 0;
	CHECK(zpci_action_bind(&env, ADDR, "vfio-pci", &res) == ZX_OK);
	CHECK_STREQ(driver_now(), "vfio-pci");
	CHECK_STREQ(res.modules_loaded[0], "vfio_pci");
	CHECK_STREQ(wlog[1], "bus/pci/drivers/zpci_vfio_pci/unbind=" ADDR);
	state_of(st, sizeof(st));
	CHECK_STREQ(st, "driver=virtio-pci\noverride=\n");

	nwlog = 0;
	CHECK(zpci_action_unbind(&env, ADDR, &res) == ZX_OK);
	CHECK(res.changed && res.state_restored);
	CHECK_STREQ(driver_now(), "virtio-pci");
	CHECK(nwlog == 3);
	CHECK_STREQ(wlog[0], "bus/pci/devices/" ADDR "/driver_override=\\n");
	CHECK_STREQ(wlog[1], "bus/pci/drivers/vfio-pci/unbind=" ADDR);
	CHECK_STREQ(wlog[2], "bus/pci/drivers_probe=" ADDR);
	get("bus/pci/devices/" ADDR "/driver_override", ovr, sizeof(ovr));
	CHECK_STREQ(ovr, "(null)");
	state_of(st, sizeof(st));
	CHECK_STREQ(st, "");

	/* idempotent unbind */
	nwlog = 0;
	CHECK(zpci_action_unbind(&env, ADDR, &res) == ZX_OK);
	CHECK(!res.changed);
	CHECK(nwlog == 0);
	CHECK_STREQ(driver_now(), "virtio-pci");
}

static void test_unbound_function_stays_unbound(void)
{
	struct zpci_bind_result res;

	make_tree(NULL, NULL);
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_OK);
	CHECK_STREQ(driver_now(), "zpci_vfio_pci");
	CHECK(nwlog == 2);	/* no unbind: there was no driver */
	nwlog = 0;
	CHECK(zpci_action_unbind(&env, ADDR, &res) == ZX_OK);
	CHECK_STREQ(driver_now(), "");
	CHECK(nwlog == 2);	/* override cleared, unbind; no probe */
	CHECK_STREQ(wlog[1], "bus/pci/drivers/zpci_vfio_pci/unbind=" ADDR);
}

static void test_unbind_without_state(void)
{
	struct zpci_bind_result res;

	/* bound to vfio-pci by someone else: release and let the kernel probe */
	make_tree("virtio-pci", NULL);
	sh("mkdir -p %s/bus/pci/drivers/vfio-pci", root);
	put("bus/pci/drivers/vfio-pci/unbind", "");
	link_driver("vfio-pci");
	put("bus/pci/devices/" ADDR "/driver_override", "vfio-pci\n");
	CHECK(zpci_action_unbind(&env, ADDR, &res) == ZX_OK);
	CHECK(res.changed && !res.state_restored);
	CHECK_STREQ(driver_now(), "virtio-pci");

	/* bound to an ordinary driver and no state: not ours, no writes */
	nwlog = 0;
	CHECK(zpci_action_unbind(&env, ADDR, &res) == ZX_OK);
	CHECK(!res.changed && nwlog == 0);
}

static void test_refusals(void)
{
	struct zpci_bind_result res;
	char st[256];

	/* a network interface is up */
	make_tree("virtio-pci", "up\n");
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_IO);
	CHECK(nwlog == 0);
	CHECK_STREQ(res.netdevs_up[0], "eth0");
	CHECK_STREQ(driver_now(), "virtio-pci");
	env.force = true;
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_OK);
	CHECK_STREQ(driver_now(), "zpci_vfio_pci");

	/* no IOMMU group */
	make_tree("virtio-pci", NULL);
	sh("rm %s/bus/pci/devices/" ADDR "/iommu_group", root);
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_UNAVAIL);
	CHECK(nwlog == 0);

	/* module not installed: modprobe fails, nothing written, no state */
	make_tree("virtio-pci", NULL);
	setenv("FAKE_MODPROBE_FAIL", "1", 1);
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_UNAVAIL);
	unsetenv("FAKE_MODPROBE_FAIL");
	CHECK(nwlog == 0);
	state_of(st, sizeof(st));
	CHECK_STREQ(st, "");

	/* fake root without a modprobe stand-in: never runs the real one */
	make_tree("virtio-pci", NULL);
	{
		char *saved = strdup(getenv("ZPCIDIAG_MODPROBE"));

		unsetenv("ZPCIDIAG_MODPROBE");
		CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_UNAVAIL);
		setenv("ZPCIDIAG_MODPROBE", saved, 1);
		free(saved);
	}

	/* the driver does not take the function: roll back */
	make_tree("virtio-pci", NULL);
	kernel_refuses_bind = true;
	CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_IO);
	CHECK_STREQ(driver_now(), "virtio-pci");
	get("bus/pci/devices/" ADDR "/driver_override", st, sizeof(st));
	CHECK_STREQ(st, "(null)");
	state_of(st, sizeof(st));
	CHECK_STREQ(st, "");

	/* unknown device, unknown driver */
	make_tree("virtio-pci", NULL);
	CHECK(zpci_action_bind(&env, "0002:00:00.0", "zpci_vfio_pci", &res) == ZX_NODEV);
	CHECK(zpci_action_unbind(&env, "0002:00:00.0", &res) == ZX_NODEV);
	CHECK(zpci_action_bind(&env, ADDR, "nvme", &res) == ZX_USAGE);
	CHECK(nwlog == 0);

	/* not writable (as an ordinary user would see /sys) */
	if (geteuid() != 0) {
		char p[PATH_MAX + 1100];

		snprintf(p, sizeof(p), "%s/bus/pci/devices/" ADDR "/driver_override", root);
		chmod(p, 0444);
		CHECK(zpci_action_bind(&env, ADDR, "zpci_vfio_pci", &res) == ZX_PERM);
		CHECK(nwlog == 0);
	}
}

int main(void)
{
	char tmpl[] = "/tmp/zpcidiag-bind-XXXXXX";
	char script[PATH_MAX];
	FILE *f;

	if (!mkdtemp(tmpl))
		return 99;
	setenv("TMPDIR_CASES", tmpl, 1);
	/* modprobe stand-in: "loading" creates the module's sysfs directories */
	snprintf(script, sizeof(script), "%s/modprobe", tmpl);
	f = fopen(script, "w");
	fputs("#!/bin/sh\n[ -n \"$FAKE_MODPROBE_FAIL\" ] && exit 1\n"
	      "case $1 in vfio_pci) d=vfio-pci;; *) d=$1;; esac\n"
	      "mkdir -p \"$FAKE_ROOT/module/$1\" \"$FAKE_ROOT/bus/pci/drivers/$d\" &&\n"
	      ": > \"$FAKE_ROOT/bus/pci/drivers/$d/unbind\" && : > \"$FAKE_ROOT/bus/pci/drivers/$d/bind\"\n", f);
	fclose(f);
	chmod(script, 0755);
	setenv("ZPCIDIAG_MODPROBE", script, 1);

	test_bind_unbind_roundtrip();
	test_unbound_function_stays_unbound();
	test_unbind_without_state();
	test_refusals();
	sh("rm -rf %s", tmpl);
	return unit_done("test-action-bind");
}
