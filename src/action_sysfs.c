// SPDX-License-Identifier: MIT
/*
 * Moving a function between drivers through driver_override, the way the
 * kernel's vfio selftests and driverctl do it: set the override, unbind from
 * the current driver, ask the bus to probe. The previous driver and override
 * are kept in a state file so unbind restores exactly what was there.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "action_sysfs.h"
#include "model.h"
#include "sysaccess.h"

static int joinpath(char *buf, size_t len, const char *a, const char *b)
{
	int n = snprintf(buf, len, "%s/%s", a, b);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

extern char **environ;

void (*zpci_action_write_hook)(const char *relpath, const char *value, void *arg);
void *zpci_action_write_hook_arg;

const char *zpci_action_default_run_dir(void)
{
	const char *d = getenv("ZPCIDIAG_RUN_DIR");

	return d && *d ? d : ZPCI_RUN_DIR_DEFAULT;
}

/* A path below the sysfs root; an over-long one yields "" (lookups fail). */
static void __attribute__((format(printf, 4, 5)))
path_of(const struct zpci_ctx *ctx, char *buf, size_t len, const char *fmt, ...)
{
	char rel[PATH_MAX];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(rel) || joinpath(buf, len, ctx->sysfs_root, rel) < 0)
		buf[0] = '\0';
}

static bool exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

int zpci_action_sysfs_write(const struct zpci_ctx *ctx, const char *rel, const void *buf, size_t len)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd, err = 0;

	if (joinpath(path, sizeof(path), ctx->sysfs_root, rel) < 0)
		return -ENAMETOOLONG;
	/* O_TRUNC: a fake tree's file must hold only this value; sysfs ignores it.
	 * One write(): sysfs takes a store (and a binary attribute its record) whole. */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, buf, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	if (close(fd) < 0 && !err)
		err = -errno;
	return err;
}

/* Write value to sysfs_root/rel. Returns 0 or -errno. */
static int sysfs_write(const struct zpci_ctx *ctx, const char *rel, const char *value)
{
	int err = zpci_action_sysfs_write(ctx, rel, value, strlen(value));

	if (!err && zpci_action_write_hook)
		zpci_action_write_hook(rel, value, zpci_action_write_hook_arg);
	return err;
}

static int read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");
	char *nl;

	buf[0] = '\0';
	if (!f)
		return -errno;
	if (!fgets(buf, (int)len, f))
		buf[0] = '\0';
	fclose(f);
	nl = strchr(buf, '\n');
	if (nl)
		*nl = '\0';
	return 0;
}

int zpci_action_current_driver(const struct zpci_ctx *ctx, const char *addr, char *buf, size_t len)
{
	char path[PATH_MAX], target[PATH_MAX];
	const char *base;
	ssize_t n;

	buf[0] = '\0';
	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s", addr);
	if (!exists(path))
		return ZX_NODEV;
	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/driver", addr);
	n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return ZX_OK;	/* no driver */
	target[n] = '\0';
	base = strrchr(target, '/');
	snprintf(buf, len, "%s", base ? base + 1 : target);
	return ZX_OK;
}

static void read_override(const struct zpci_ctx *ctx, const char *addr, char *buf, size_t len)
{
	char path[PATH_MAX];

	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/driver_override", addr);
	if (read_line(path, buf, len) < 0 || strcmp(buf, "(null)") == 0)
		buf[0] = '\0';
}

int zpci_action_live_only(const struct zpci_ctx *ctx, const char *who, const char *what)
{
	const char *allow = getenv("ZPCIDIAG_WRITE_FAKE_ROOT");

	if (!ctx->offline || (allow && strcmp(allow, "1") == 0))
		return ZX_OK;
	zpci_err("%s: %s writes to the system, and %s is not the live system (a fake or saved "
		 "tree); nothing was written", who, what, ctx->sysfs_root);
	return ZX_USAGE;
}

/* ---- modules ----------------------------------------------------------- */

static bool module_present(const struct zpci_ctx *ctx, const char *module, const char *driver)
{
	char path[PATH_MAX];

	if (driver) {
		path_of(ctx, path, sizeof(path), "bus/pci/drivers/%s", driver);
		return exists(path);
	}
	path_of(ctx, path, sizeof(path), "module/%s", module);
	return exists(path);
}

static int run_modprobe(const char *prog, const char *module)
{
	char *argv[] = { (char *)prog, (char *)module, NULL };
	pid_t pid;
	int status, err;

	err = posix_spawnp(&pid, prog, NULL, NULL, argv, environ);
	if (err)
		return -err;
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	if (!WIFEXITED(status))
		return -EINTR;
	return WEXITSTATUS(status);
}

/* Make sure `module` is loaded (checked through the driver directory when
 * it registers a PCI driver, else /sys/module). */
static int ensure_module(const struct zpci_action_env *env, const char *addr, const char *module,
			 const char *driver, struct zpci_bind_result *res)
{
	const char *prog = getenv("ZPCIDIAG_MODPROBE");
	bool live = strcmp(env->ctx->sysfs_root, "/sys") == 0;
	int rc;

	if (module_present(env->ctx, module, driver))
		return ZX_OK;
	if (!prog || !*prog)
		prog = env->modprobe;
	if (!live && !getenv("ZPCIDIAG_MODPROBE")) {
		zpci_err("%s: module %s is not loaded (not loading modules for a fake sysfs root)",
			 addr, module);
		return ZX_UNAVAIL;
	}
	rc = run_modprobe(prog, module);
	if (rc < 0) {
		zpci_err("%s: cannot run %s: %s", addr, prog, strerror(-rc));
		return ZX_UNAVAIL;
	}
	if (rc > 0 || !module_present(env->ctx, module, driver)) {
		zpci_err("%s: module %s is not loaded and `%s %s` failed (exit %d): is it installed?",
			 addr, module, prog, module, rc);
		return ZX_UNAVAIL;
	}
	if (res->nmodules_loaded < 4)
		snprintf(res->modules_loaded[res->nmodules_loaded++], sizeof(res->modules_loaded[0]),
			 "%s", module);
	return ZX_OK;
}

/*
 * An iommufd-only kernel (CONFIG_VFIO_GROUP=n, so no container and no type1
 * backend): /dev/iommu exists and the running kernel's modules.dep lists no
 * vfio_iommu_type1. Devices then open through their cdev and /dev/iommu.
 */
static bool iommufd_only(const struct zpci_ctx *ctx)
{
	char path[PATH_MAX], line[1024];
	bool type1 = false;
	struct utsname u;
	FILE *f;

	snprintf(path, sizeof(path), "%s/iommu", ctx->dev_root);
	if (!exists(path) || uname(&u))
		return false;
	snprintf(path, sizeof(path), "/lib/modules/%s/modules.dep", u.release);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!type1 && fgets(line, sizeof(line), f))
		type1 = strstr(line, "/vfio_iommu_type1.ko") != NULL;
	fclose(f);
	return !type1;
}

static int ensure_modules_for(const struct zpci_action_env *env, const char *addr,
			      const char *driver, struct zpci_bind_result *res)
{
	int rc;

	/* vfio_iommu_type1 is not loaded on demand: without it the group
	 * cannot be attached to a container and /dev/vfio/N is useless. */
	rc = iommufd_only(env->ctx) ? ZX_OK : ensure_module(env, addr, "vfio_iommu_type1", NULL, res);
	if (rc)
		return rc;
	if (strcmp(driver, ZPCI_DRIVER_VFIO_PCI) == 0)
		return ensure_module(env, addr, "vfio_pci", driver, res);
	return ensure_module(env, addr, driver, driver, res);
}

/* ---- state file -------------------------------------------------------- */

static void state_path(const struct zpci_action_env *env, const char *addr, char *buf, size_t len)
{
	if (snprintf(buf, len, "%s/%s.bind", env->run_dir, addr) >= (int)len)
		buf[0] = '\0';
}

static int state_read(const struct zpci_action_env *env, const char *addr, char *drv, size_t dlen,
		      char *ovr, size_t olen)
{
	char path[PATH_MAX], line[160];
	FILE *f;
	bool have_driver = false;

	state_path(env, addr, path, sizeof(path));
	f = fopen(path, "re");
	if (!f)
		return -errno;
	drv[0] = ovr[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "driver=", 7) == 0) {
			if (strlen(line + 7) >= dlen)
				break;
			memcpy(drv, line + 7, strlen(line + 7) + 1);
			have_driver = true;
		} else if (strncmp(line, "override=", 9) == 0) {
			if (strlen(line + 9) >= olen)
				break;
			memcpy(ovr, line + 9, strlen(line + 9) + 1);
		}
	}
	fclose(f);
	return have_driver ? 0 : -EBADMSG;
}

static int state_write(const struct zpci_action_env *env, const char *addr, const char *drv,
		       const char *ovr)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	FILE *f;

	if (mkdir(env->run_dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	state_path(env, addr, path, sizeof(path));
	if (!*path || snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	f = fopen(tmp, "we");
	if (!f)
		return -errno;
	fprintf(f, "driver=%s\noverride=%s\n", drv, ovr);
	if (fclose(f) != 0 || rename(tmp, path) < 0) {
		int err = -errno;

		unlink(tmp);
		return err;
	}
	return 0;
}

static void state_remove(const struct zpci_action_env *env, const char *addr)
{
	char path[PATH_MAX];

	state_path(env, addr, path, sizeof(path));
	unlink(path);
}

/* ---- checks before moving a function ------------------------------------ */

int zpci_action_netdevs_up(const struct zpci_ctx *ctx, const char *addr, char up[][32], int max)
{
	char path[PATH_MAX], state[32];
	struct dirent *de;
	int n = 0;
	DIR *d;

	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/net", addr);
	d = opendir(path);
	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.')
			continue;
		path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/net/%s/operstate", addr,
			de->d_name);
		/* "unknown" is what virtual and some RoCE links report while up */
		if (read_line(path, state, sizeof(state)) == 0 &&
		    (strcmp(state, "up") == 0 || strcmp(state, "unknown") == 0))
			snprintf(up[n++], 32, "%.31s", de->d_name);
	}
	closedir(d);
	return n;
}

static void find_netdevs_up(const struct zpci_ctx *ctx, const char *addr, struct zpci_bind_result *res)
{
	res->nnetdevs_up = zpci_action_netdevs_up(ctx, addr, res->netdevs_up, 4);
}


static int write_or_fail(const struct zpci_ctx *ctx, const char *addr, const char *rel,
			 const char *value)
{
	int err = sysfs_write(ctx, rel, value);

	if (err) {
		zpci_err("%s: writing %s/%s: %s%s", addr, ctx->sysfs_root, rel, strerror(-err),
			 err == -EACCES || err == -EPERM ? " (bind and unbind need root)" : "");
		return zpci_errno_exit(err, ZX_IO);
	}
	return ZX_OK;
}

static int unbind_from(const struct zpci_ctx *ctx, const char *addr, const char *drv)
{
	char rel[PATH_MAX];

	if (!*drv)
		return ZX_OK;
	snprintf(rel, sizeof(rel), "bus/pci/drivers/%s/unbind", drv);
	return write_or_fail(ctx, addr, rel, addr);
}

static int set_override(const struct zpci_ctx *ctx, const char *addr, const char *drv)
{
	char rel[PATH_MAX];

	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/driver_override", addr);
	/* A lone newline clears the override (kernel >= 4.8 driver_override). */
	return write_or_fail(ctx, addr, rel, *drv ? drv : "\n");
}

static int probe(const struct zpci_ctx *ctx, const char *addr)
{
	return write_or_fail(ctx, addr, "bus/pci/drivers_probe", addr);
}

/* ---- bind / unbind ----------------------------------------------------- */

/* Checked before anything changes: a refusal leaves the function as it was. */
static int override_writable(const struct zpci_ctx *ctx, const char *addr, const char *verb)
{
	char path[PATH_MAX];
	int err, rc;

	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/driver_override", addr);
	if (access(path, W_OK) == 0)
		return ZX_OK;
	err = errno;
	rc = zpci_errno_exit(err, ZX_UNAVAIL);
	if (rc == ZX_PERM)
		zpci_err("%s: cannot write %s: %s (%s needs root)", addr, path, strerror(err), verb);
	else
		zpci_err("%s: cannot write %s: %s", addr, path, strerror(err));
	return rc;
}

int zpci_action_bind(const struct zpci_action_env *env, const char *addr, const char *driver,
		     struct zpci_bind_result *res)
{
	const struct zpci_ctx *ctx = env->ctx;
	char path[PATH_MAX], sdrv[64], sovr[64];
	bool wrote_state = false;
	int rc;

	memset(res, 0, sizeof(*res));
	if (strcmp(driver, ZPCI_DRIVER_ZPCI_VFIO) && strcmp(driver, ZPCI_DRIVER_VFIO_PCI)) {
		zpci_err("%s: unsupported driver '%s' (use %s or %s)", addr, driver,
			 ZPCI_DRIVER_ZPCI_VFIO, ZPCI_DRIVER_VFIO_PCI);
		return ZX_USAGE;
	}
	rc = zpci_action_current_driver(ctx, addr, res->previous_driver, sizeof(res->previous_driver));
	if (rc) {
		zpci_err("%s: no such PCI device in %s/bus/pci/devices", addr, ctx->sysfs_root);
		return rc;
	}
	read_override(ctx, addr, res->previous_override, sizeof(res->previous_override));
	if (strcmp(res->previous_driver, driver) == 0) {
		snprintf(res->driver, sizeof(res->driver), "%s", driver);
		return ZX_OK;	/* idempotent */
	}

	rc = override_writable(ctx, addr, "bind");
	if (rc)
		return rc;
	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/iommu_group", addr);
	if (!exists(path)) {
		zpci_err("%s: no IOMMU group: vfio cannot serve this function (s390 IOMMU missing?)",
			 addr);
		return ZX_UNAVAIL;
	}
	find_netdevs_up(ctx, addr, res);
	if (res->nnetdevs_up && !env->force) {
		zpci_err("%s: in use: network interface %s is up; take it down or use --force",
			 addr, res->netdevs_up[0]);
		return ZX_IO;
	}
	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/nvme", addr);
	if (exists(path))
		snprintf(res->warning, sizeof(res->warning),
			 "NVMe controller: make sure none of its namespaces is mounted or in use");

	rc = ensure_modules_for(env, addr, driver, res);
	if (!rc)
		rc = zpci_action_live_only(ctx, addr, "bind");
	if (rc)
		return rc;

	/* Keep the state of the first bind: bind vfio-pci then zpci_vfio_pci
	 * must still give the function back to its original driver. A state
	 * file naming a driver the function no longer has is stale (crash,
	 * manual change) and is replaced. */
	if (state_read(env, addr, sdrv, sizeof(sdrv), sovr, sizeof(sovr)) < 0 ||
	    !zpci_driver_is_vfio(res->previous_driver)) {
		int err = state_write(env, addr, res->previous_driver, res->previous_override);

		if (err) {
			zpci_err("%s: cannot record the previous driver in %s: %s", addr, env->run_dir,
				 strerror(-err));
			return zpci_errno_exit(err, ZX_IO);
		}
		wrote_state = true;
	}

	rc = set_override(ctx, addr, driver);
	if (!rc)
		rc = unbind_from(ctx, addr, res->previous_driver);
	if (!rc)
		rc = probe(ctx, addr);
	if (!rc) {
		zpci_action_current_driver(ctx, addr, res->driver, sizeof(res->driver));
		if (strcmp(res->driver, driver) != 0) {
			zpci_err("%s: %s did not bind (bound: %s); see the kernel log", addr, driver,
				 *res->driver ? res->driver : "none");
			rc = ZX_IO;
		}
	}
	if (rc) {
		/* Put back what was there; errors here are already reported. */
		char now[64];

		set_override(ctx, addr, res->previous_override);
		zpci_action_current_driver(ctx, addr, now, sizeof(now));
		if (*res->previous_driver && strcmp(now, res->previous_driver) != 0) {
			unbind_from(ctx, addr, now);
			probe(ctx, addr);
		}
		if (wrote_state)
			state_remove(env, addr);
		return rc;
	}
	res->changed = true;
	return ZX_OK;
}

int zpci_action_unbind(const struct zpci_action_env *env, const char *addr,
		       struct zpci_bind_result *res)
{
	const struct zpci_ctx *ctx = env->ctx;
	char cur_ovr[64];
	char want_drv[64] = "", want_ovr[64] = "";
	bool have_state;
	int rc;

	memset(res, 0, sizeof(*res));
	rc = zpci_action_current_driver(ctx, addr, res->previous_driver, sizeof(res->previous_driver));
	if (rc) {
		zpci_err("%s: no such PCI device in %s/bus/pci/devices", addr, ctx->sysfs_root);
		return rc;
	}
	read_override(ctx, addr, cur_ovr, sizeof(cur_ovr));
	snprintf(res->previous_override, sizeof(res->previous_override), "%s", cur_ovr);

	rc = state_read(env, addr, want_drv, sizeof(want_drv), want_ovr, sizeof(want_ovr));
	have_state = rc == 0;
	if (rc == -EBADMSG)
		zpci_warn("%s: ignoring malformed state file in %s", addr, env->run_dir);
	if (!have_state && !zpci_driver_is_vfio(res->previous_driver) && !zpci_driver_is_vfio(cur_ovr)) {
		snprintf(res->driver, sizeof(res->driver), "%s", res->previous_driver);
		return ZX_OK;	/* not ours to release: nothing to do */
	}
	if (have_state && strcmp(res->previous_driver, want_drv) == 0 &&
	    strcmp(cur_ovr, want_ovr) == 0) {
		snprintf(res->driver, sizeof(res->driver), "%s", want_drv);
		state_remove(env, addr);
		return ZX_OK;
	}

	rc = override_writable(ctx, addr, "unbind");
	if (rc)
		return rc;

	rc = zpci_action_live_only(ctx, addr, "unbind");
	if (!rc)
		rc = set_override(ctx, addr, want_ovr);
	if (!rc)
		rc = unbind_from(ctx, addr, res->previous_driver);
	/* Without a state file the previous driver is unknown: let the kernel
	 * pick the default driver as at boot. With one that says "no driver",
	 * leave the function unbound as it was. */
	if (!rc && (!have_state || *want_drv))
		rc = probe(ctx, addr);
	if (rc)
		return rc;
	zpci_action_current_driver(ctx, addr, res->driver, sizeof(res->driver));
	if (have_state && *want_drv && strcmp(res->driver, want_drv) != 0) {
		char rel[PATH_MAX];

		/* drivers_probe found nothing (e.g. the override of another
		 * tool); bind explicitly, as the state says it was bound. */
		snprintf(rel, sizeof(rel), "bus/pci/drivers/%s/bind", want_drv);
		if (!*res->driver && sysfs_write(ctx, rel, addr) == 0)
			zpci_action_current_driver(ctx, addr, res->driver, sizeof(res->driver));
		if (strcmp(res->driver, want_drv) != 0) {
			zpci_err("%s: released, but %s did not take it back (bound: %s); see the kernel log",
				 addr, want_drv, *res->driver ? res->driver : "none");
			return ZX_IO;
		}
	}
	res->state_restored = have_state;
	res->changed = true;
	if (have_state)
		state_remove(env, addr);
	return ZX_OK;
}

/* ---- the PCI_COMMAND probe of vf --probe-command -------------------------- */

#define PCI_COMMAND_OFFSET 4
#define PCI_COMMAND_MEMORY_BIT 0x2

static int config_rw16(int fd, bool write, uint16_t *v)
{
	unsigned char b[2] = { (unsigned char)*v, (unsigned char)(*v >> 8) };
	ssize_t n = write ? pwrite(fd, b, 2, PCI_COMMAND_OFFSET) : pread(fd, b, 2, PCI_COMMAND_OFFSET);

	if (n != 2)
		return n < 0 ? -errno : -EIO;
	*v = (uint16_t)(b[0] | b[1] << 8);	/* config space is little-endian */
	return 0;
}

int zpci_action_probe_command_memory(const struct zpci_ctx *ctx, struct zpci_fn *fn)
{
	char path[PATH_MAX];
	uint16_t before, v;
	int fd, err, rc = ZX_OK;

	rc = zpci_action_live_only(ctx, fn->address, "--probe-command");
	if (rc)
		return rc;
	path_of(ctx, path, sizeof(path), "bus/pci/devices/%s/config", fn->address);
	fd = open(path, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		err = errno;
		zpci_err("%s: cannot write %s: %s", fn->address, path, strerror(err));
		return zpci_errno_exit(err, ZX_IO);
	}
	err = config_rw16(fd, false, &before);
	if (err) {
		zpci_err("%s: %s: PCI_COMMAND unreadable: %s", fn->address, path, strerror(-err));
		close(fd);
		return ZX_DATA;
	}
	fn->pci.cmd_probe_before.v = before;
	fn->pci.cmd_probe_before.st = ZV_OK;
	v = before | PCI_COMMAND_MEMORY_BIT;
	err = config_rw16(fd, true, &v);
	if (err) {
		zpci_err("%s: %s: writing PCI_COMMAND failed: %s", fn->address, path, strerror(-err));
		rc = ZX_IO;
	} else if ((err = config_rw16(fd, false, &v))) {
		zpci_err("%s: %s: PCI_COMMAND unreadable after the write: %s", fn->address, path,
			 strerror(-err));
		rc = ZX_IO;
	} else {
		fn->pci.cmd_probe_after.v = v;
		fn->pci.cmd_probe_after.st = ZV_OK;
	}
	/* restore whatever happened above: the probe must leave no trace */
	v = before;
	err = config_rw16(fd, true, &v);
	if (err) {
		zpci_err("%s: %s: restoring PCI_COMMAND to 0x%04x failed: %s", fn->address, path,
			 before, strerror(-err));
		rc = ZX_IO;
	}
	if (close(fd) < 0 && !rc)
		rc = ZX_IO;
	return rc;
}
