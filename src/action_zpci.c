// SPDX-License-Identifier: MIT
/*
 * The zpcictl actions with a diagnostic tool's care (action_zpci.h): each
 * names the function and what it will do, refuses while the function is in
 * use unless forced, can be dry-run, and leaves a line in the kernel log so
 * a later report shows it. A fake --sysfs-root is refused unless the
 * test-recording mode is asked for explicitly: then the bytes land in the
 * fake tree's files, where tests compare them with zpcictl's layout.
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
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "action_sysfs.h"
#include "action_zpci.h"
#include "output.h"

extern char **environ;

static const struct {
	const char *name;
	int sclp;		/* ZPCI_SCLP_AQ_* to send, -1 none */
	bool needs_idle;	/* disrupts the function: refused while in use */
	const char *what;
} ops[] = {
	[ZA_RESET] = { "reset", ZPCI_SCLP_AQ_REPORT_ERR, true,
		       "report an error to firmware, then let the kernel recover the function (write 1 to recover)" },
	[ZA_RESET_FW] = { "reset-fw", ZPCI_SCLP_AQ_RESET, true,
			  "ask firmware to reset the function (SCLP adapter-error notification, reset)" },
	[ZA_DECONFIGURE] = { "deconfigure", ZPCI_SCLP_AQ_DECONF, true,
			     "ask firmware to deconfigure the function for repair (SCLP, deconfigure)" },
	[ZA_REPORT_ERROR] = { "report-error", ZPCI_SCLP_AQ_REPORT_ERR, false,
			      "send an informational error report with device data to firmware (SCLP)" },
	[ZA_CONFIGURE] = { "configure", -1, false,
			   "configure the standby function (write 1 to its slot's power)" },
	[ZA_POWER_OFF] = { "power-off", -1, true,
			   "deconfigure the function to standby (write 0 to its slot's power)" },
};

void zpci_sclp_report_build(struct zpci_sclp_report *r, uint8_t action, const char *log, uint64_t now)
{
	size_t len = log ? strlen(log) + 1 : 0;

	memset(r, 0, sizeof(*r));
	if (len > sizeof(r->log_data))
		len = sizeof(r->log_data);
	r->version = 1;
	r->action = action;
	r->length = (uint16_t)(offsetof(struct zpci_sclp_report, log_data) -
			       offsetof(struct zpci_sclp_report, timestamp) + len);
	r->timestamp = now;
	r->err_log_id = ZPCI_SCLP_ERR_LOG_ID_ZPCICTL;
	if (len) {
		memcpy(r->log_data, log, len);
		r->log_data[len - 1] = '\0';
	}
}

/* ---- who uses the function ---------------------------------------------- */

static void vfio_names(const struct zpci_ctx *ctx, const struct zpci_fn *fn, char *group, size_t glen,
		       char *cdev, size_t clen)
{
	char path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	group[0] = cdev[0] = '\0';
	if (zv_ok(fn->pci.iommu_group))
		snprintf(group, glen, "/dev/vfio/%llu", (unsigned long long)fn->pci.iommu_group.v);
	snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/vfio-dev", ctx->sysfs_root, fn->address);
	d = opendir(path);
	while (d && (de = readdir(d)))
		if (strncmp(de->d_name, "vfio", 4) == 0)
			snprintf(cdev, clen, "/dev/vfio/devices/%.32s", de->d_name);
	if (d)
		closedir(d);
}

/* Processes holding the function's vfio group or device open (/proc/PID/fd). */
static void find_vfio_users(const struct zpci_ctx *ctx, const struct zpci_fn *fn, struct zpci_fn_users *u)
{
	char group[64], cdev[80], path[PATH_MAX], target[PATH_MAX];
	struct dirent *p;
	DIR *proc;

	if (!strstr(fn->pci.driver, "vfio"))
		return;
	vfio_names(ctx, fn, group, sizeof(group), cdev, sizeof(cdev));
	proc = opendir("/proc");
	while (proc && (p = readdir(proc)) && u->nvfio < 8) {
		struct dirent *f;
		DIR *fds;

		if (p->d_name[0] < '0' || p->d_name[0] > '9' || atoi(p->d_name) == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%s/fd", p->d_name);
		fds = opendir(path);
		while (fds && (f = readdir(fds))) {
			ssize_t n;

			snprintf(path, sizeof(path), "/proc/%s/fd/%s", p->d_name, f->d_name);
			n = readlink(path, target, sizeof(target) - 1);
			if (n <= 0)
				continue;
			target[n] = '\0';
			if ((group[0] && strcmp(target, group) == 0) || (cdev[0] && strcmp(target, cdev) == 0)) {
				char comm[32] = "?";
				FILE *c;

				snprintf(path, sizeof(path), "/proc/%s/comm", p->d_name);
				c = fopen(path, "re");
				if (c && fgets(comm, sizeof(comm), c))
					comm[strcspn(comm, "\n")] = '\0';
				if (c)
					fclose(c);
				snprintf(u->vfio[u->nvfio++], sizeof(u->vfio[0]), "%.12s (%.40s)", p->d_name, comm);
				break;
			}
		}
		if (fds)
			closedir(fds);
	}
	if (proc)
		closedir(proc);
}

/* NVMe namespaces of the function's controllers that are mounted. */
static void find_mounts(const struct zpci_fn *fn, struct zpci_fn_users *u)
{
	char line[1024], dev[512], dir[512];
	FILE *f;

	if (!fn->pci.blockdevs[0][0] || !(f = fopen("/proc/self/mounts", "re")))
		return;
	while (fgets(line, sizeof(line), f) && u->nmounts < 4) {
		if (sscanf(line, "%511s %511s", dev, dir) != 2)
			continue;
		for (int i = 0; i < 4 && fn->pci.blockdevs[i][0]; i++) {
			char prefix[48];

			snprintf(prefix, sizeof(prefix), "/dev/%sn", fn->pci.blockdevs[i]);
			if (strncmp(dev, prefix, strlen(prefix)) == 0) {
				snprintf(u->mounts[u->nmounts++], sizeof(u->mounts[0]), "%.40s on %.40s", dev, dir);
				break;
			}
		}
	}
	fclose(f);
}

void zpci_admin_find_users(const struct zpci_ctx *ctx, const struct zpci_fn *fn, struct zpci_fn_users *u)
{
	memset(u, 0, sizeof(*u));
	if (!fn->address[0])
		return;
	u->nnetdevs_up = zpci_action_netdevs_up(ctx, fn->address, u->netdevs_up, 4);
	/* the running system's processes and mounts say nothing about a fake tree */
	if (ctx->offline)
		return;
	find_vfio_users(ctx, fn, u);
	find_mounts(fn, u);
}

/* ---- saying what happens ------------------------------------------------ */

static void list_or_dash(char *out, size_t len, const char (*names)[32], int n)
{
	out[0] = '\0';
	for (int i = 0; i < n && i < 4 && names[i][0]; i++)
		snprintf(out + strlen(out), len - strlen(out), "%s%s", i ? "," : "", names[i]);
	if (!out[0])
		snprintf(out, len, "-");
}

static void describe(const struct zpci_admin_env *env, enum zpci_admin_op op, const struct zpci_fn *fn,
		     const struct zpci_fn_users *u)
{
	char ifs[140], vfio[300] = "", mounts[300] = "", pchid[16];
	const char *env_note = env->sys ? zpci_env_note(env->sys, op == ZA_RESET || op == ZA_RESET_FW ?
						       ZPCI_ENV_RECOVER : ZPCI_ENV_DECONFIGURE) : NULL;

	if (op != ZA_RESET && op != ZA_RESET_FW && op != ZA_DECONFIGURE && op != ZA_POWER_OFF)
		env_note = NULL;
	list_or_dash(ifs, sizeof(ifs), (const char (*)[32])fn->pci.netdevs, 4);
	for (int i = 0; i < u->nvfio; i++)
		snprintf(vfio + strlen(vfio), sizeof(vfio) - strlen(vfio), "%s%s", i ? ", " : "", u->vfio[i]);
	for (int i = 0; i < u->nmounts; i++)
		snprintf(mounts + strlen(mounts), sizeof(mounts) - strlen(mounts), "%s%s", i ? ", " : "",
			 u->mounts[i]);
	printf("%s %s: %s\n", env->dry_run ? "would" : "will", ops[op].name, ops[op].what);
	if (env_note)
		printf("  note: %s\n", env_note);
	/* a standby function has no pchid attribute: "-", never a made-up 0000 */
	printf("  function %s FID 0x%08x PCHID %s driver %s interfaces %s\n",
	       fn->address[0] ? fn->address : "(standby)", fn->fid,
	       zpci_zv_str(&fn->zattr.pchid, "0x%04llx", pchid, sizeof(pchid)),
	       fn->pci.driver[0] ? fn->pci.driver : "-", ifs);
	if (u->nvfio)
		printf("  vfio users: %s\n", vfio);
	if (u->nmounts)
		printf("  mounted: %s\n", mounts);
	fflush(stdout);
}

/* The kernel log keeps what was done for the next report; best effort. */
static void kmsg(const struct zpci_ctx *ctx, enum zpci_admin_op op, const struct zpci_fn *fn,
		 const char *result)
{
	char line[256];
	int fd, n;

	if (ctx->offline)
		return;
	fd = open("/dev/kmsg", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = snprintf(line, sizeof(line), "zpcidiag: %s %s FID 0x%08x: %s\n", ops[op].name,
		     fn->address[0] ? fn->address : "(standby)", fn->fid, result);
	if (n > 0 && write(fd, line, (size_t)n) < 0)
		zpci_warn("/dev/kmsg: %s", strerror(errno));
	close(fd);
}

/* ---- device data for the error report ----------------------------------- */

/* Output of smartctl for an NVMe controller, as zpcictl sends it; NULL without smartctl. */
static char *smart_data(const char *ctrl)
{
	char dev[64], *buf;
	const char *argv[] = { "smartctl", "-x", dev, NULL };
	posix_spawn_file_actions_t fa;
	int pipefd[2], status;
	size_t len = 0, cap = ZPCI_SCLP_LOG_DATA_SIZE;
	ssize_t n;
	pid_t pid;

	snprintf(dev, sizeof(dev), "/dev/%s", ctrl);
	if (!(buf = malloc(cap)) || pipe2(pipefd, O_CLOEXEC)) {
		free(buf);
		return NULL;
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	if (posix_spawnp(&pid, "smartctl", &fa, NULL, (char *const *)argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		close(pipefd[0]);
		close(pipefd[1]);
		free(buf);
		return NULL;
	}
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	while ((n = read(pipefd[0], buf + len, cap - 1 - len)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0)
			len += (size_t)n;
	/* the rest is cut anyway: stop reading, let smartctl see a closed pipe */
	close(pipefd[0]);
	waitpid(pid, &status, 0);
	buf[len] = '\0';
	return buf;
}

static void device_data(const struct zpci_fn *fn, enum zpci_admin_op op, char *out, size_t len)
{
	char *smart = NULL;

	snprintf(out, len, "%s %s: %s on %s fid 0x%08x pchid 0x%04llx pft 0x%02llx vfn %llu "
		 "vendor 0x%04llx device 0x%04llx driver %s\n", ZPCI_PROG, PACKAGE_VERSION, ops[op].name,
		 fn->address, fn->fid, (unsigned long long)fn->zattr.pchid.v,
		 (unsigned long long)fn->zattr.pft.v, (unsigned long long)fn->zattr.vfn.v,
		 (unsigned long long)fn->pci.vendor.v, (unsigned long long)fn->pci.device.v,
		 fn->pci.driver[0] ? fn->pci.driver : "-");
	if (fn->pci.blockdevs[0][0] && (smart = smart_data(fn->pci.blockdevs[0])))
		snprintf(out + strlen(out), len - strlen(out), "%s", smart);
	free(smart);
}

/* ---- the writes --------------------------------------------------------- */

static int write_rel(const struct zpci_ctx *ctx, const struct zpci_fn *fn, const char *rel,
		     const void *buf, size_t len)
{
	int err = zpci_action_sysfs_write(ctx, rel, buf, len);

	if (err)
		zpci_err("%s: writing %s/%s: %s%s", fn->address[0] ? fn->address : rel, ctx->sysfs_root, rel,
			 strerror(-err), err == -EACCES || err == -EPERM ? " (needs root)" :
			 err == -EOPNOTSUPP || err == -EIO ? " (firmware or hypervisor refused)" : "");
	return err;
}

static int send_sclp(const struct zpci_admin_env *env, enum zpci_admin_op op, const struct zpci_fn *fn)
{
	static struct zpci_sclp_report r;
	char rel[128], log[ZPCI_SCLP_LOG_DATA_SIZE];

	device_data(fn, op, log, sizeof(log));
	zpci_sclp_report_build(&r, (uint8_t)ops[op].sclp, log, (uint64_t)time(NULL));
	snprintf(rel, sizeof(rel), "bus/pci/devices/%s/report_error", fn->address);
	return write_rel(env->ctx, fn, rel, &r, sizeof(r));
}

/* After recover or configure the kernel rebuilds the PCI device: wait for it. */
static void wait_back(const struct zpci_ctx *ctx, const struct zpci_fn *fn)
{
	char path[PATH_MAX];

	if (ctx->offline)
		return;
	for (int i = 0; i < 100; i++) {
		struct dirent *de;
		DIR *d;

		snprintf(path, sizeof(path), "%s/bus/pci/devices", ctx->sysfs_root);
		d = opendir(path);
		while (d && (de = readdir(d))) {
			char fid[32] = "";
			FILE *f;

			snprintf(path, sizeof(path), "%s/bus/pci/devices/%s/function_id", ctx->sysfs_root,
				 de->d_name);
			f = fopen(path, "re");
			if (f && fgets(fid, sizeof(fid), f) && strtoul(fid, NULL, 16) == fn->fid) {
				printf("function FID 0x%08x is back as %s\n", fn->fid, de->d_name);
				fclose(f);
				closedir(d);
				return;
			}
			if (f)
				fclose(f);
		}
		if (d)
			closedir(d);
		usleep(100000);
	}
	zpci_warn("FID 0x%08x: no PCI device 10 s after %s", fn->fid, "the action");
}

static int check_target(const struct zpci_admin_env *env, enum zpci_admin_op op, const struct zpci_fn *fn)
{
	const struct zpci_ctx *ctx = env->ctx;
	const char *rec = getenv(ZPCI_TEST_RECORD_WRITES_ENV);

	if (ctx->report_file) {
		zpci_err("%s: a report cannot be changed; actions work on the live system", ops[op].name);
		return ZX_USAGE;
	}
	if (ctx->offline && !(rec && strcmp(rec, "1") == 0)) {
		zpci_err("%s: refusing to write into the fake root %s (tests set %s=1 to record the writes there)",
			 ops[op].name, ctx->sysfs_root, ZPCI_TEST_RECORD_WRITES_ENV);
		return ZX_USAGE;
	}
	if (op == ZA_CONFIGURE) {
		if (!fn->zattr.slot_name[0]) {
			zpci_err("FID 0x%08x: no hotplug slot (is the s390 PCI hotplug driver there?)", fn->fid);
			return ZX_UNAVAIL;
		}
		return ZX_OK;
	}
	if (!fn->address[0]) {
		zpci_err("FID 0x%08x: in standby, no PCI device; 'configure' it first", fn->fid);
		return ZX_NODEV;
	}
	if (op == ZA_POWER_OFF && !fn->zattr.slot_name[0]) {
		zpci_err("%s: no hotplug slot for FID 0x%08x", fn->address, fn->fid);
		return ZX_UNAVAIL;
	}
	return ZX_OK;
}

int zpci_admin_run(const struct zpci_admin_env *env, enum zpci_admin_op op, const struct zpci_fn *fn)
{
	const struct zpci_ctx *ctx = env->ctx;
	struct zpci_fn_users u;
	char rel[128];
	int rc = check_target(env, op, fn);

	if (rc)
		return rc;
	if (op == ZA_CONFIGURE && fn->address[0]) {
		printf("FID 0x%08x is already configured as %s\n", fn->fid, fn->address);
		return ZX_OK;
	}
	zpci_admin_find_users(ctx, fn, &u);
	describe(env, op, fn, &u);
	if (ops[op].needs_idle && (u.nnetdevs_up || u.nvfio || u.nmounts) && !env->force) {
		zpci_err("%s: in use (%s%s%s); stop the users or use --force", fn->address,
			 u.nnetdevs_up ? "network interface up" : "", u.nvfio ? " vfio device open" : "",
			 u.nmounts ? " namespace mounted" : "");
		return ZX_IO;
	}
	if (env->dry_run)
		return ZX_OK;
	if (ops[op].sclp >= 0 && send_sclp(env, op, fn)) {
		/* zpcictl goes on to recover when the report fails: so does reset */
		if (op != ZA_RESET) {
			kmsg(ctx, op, fn, "failed");
			return ZX_IO;
		}
		zpci_warn("%s: the error report failed; recovering anyway", fn->address);
	}
	if (op == ZA_RESET) {
		snprintf(rel, sizeof(rel), "bus/pci/devices/%s/recover", fn->address);
		if (write_rel(ctx, fn, rel, "1", 1)) {
			kmsg(ctx, op, fn, "recover failed");
			return ZX_IO;
		}
	} else if (op == ZA_CONFIGURE || op == ZA_POWER_OFF) {
		snprintf(rel, sizeof(rel), "bus/pci/slots/%s/power", fn->zattr.slot_name);
		if (write_rel(ctx, fn, rel, op == ZA_CONFIGURE ? "1" : "0", 1)) {
			kmsg(ctx, op, fn, "slot power write failed");
			return ZX_IO;
		}
	}
	kmsg(ctx, op, fn, "done");
	printf("%s: done\n", ops[op].name);
	if (op == ZA_RESET || op == ZA_CONFIGURE)
		wait_back(ctx, fn);
	return ZX_OK;
}
