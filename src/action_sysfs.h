/* SPDX-License-Identifier: MIT */
/*
 * The only place zpcidiag WRITES sysfs: moving a function between drivers
 * through driver_override (bind/unbind), loading the modules that needs, and
 * the PCI_COMMAND probe of `vf --probe-command` (config space).
 * Everything is rooted at ctx->sysfs_root so tests run on a fake tree.
 *
 * The driver a function had before `bind` is remembered in a state file
 * under the run directory (default /run/zpcidiag, or $ZPCIDIAG_RUN_DIR, or
 * --run-dir) so `unbind` can give it back.
 */
#ifndef ZPCIDIAG_ACTION_SYSFS_H
#define ZPCIDIAG_ACTION_SYSFS_H

#include <stdbool.h>
#include <stddef.h>

#include "zpcidiag.h"

#define ZPCI_RUN_DIR_DEFAULT "/run/zpcidiag"
#define ZPCI_DRIVER_ZPCI_VFIO "zpci_vfio_pci"
#define ZPCI_DRIVER_VFIO_PCI "vfio-pci"

struct zpci_action_env {
	const struct zpci_ctx *ctx;
	const char *run_dir;
	/* Program run to load a module ("modprobe"); $ZPCIDIAG_MODPROBE
	 * overrides it. On a fake sysfs root no module is loaded unless it is
	 * set, since modprobe would change the real system. */
	const char *modprobe;
	bool force;		/* bind even though a network interface is up */
};

/* What bind/unbind did, for the command's table and JSON. */
struct zpci_bind_result {
	char previous_driver[64];	/* "" if none */
	char previous_override[64];
	char driver[64];		/* driver bound afterwards, "" if none */
	char modules_loaded[4][32];	/* modules this call loaded */
	int nmodules_loaded;
	bool changed;			/* false: already in the requested state */
	bool state_restored;		/* unbind: used the state file written by bind */
	char netdevs_up[4][32];		/* interfaces found up (bind refuses unless forced) */
	int nnetdevs_up;
	char warning[200];
};

/* Default run directory: $ZPCIDIAG_RUN_DIR, else /run/zpcidiag. */
const char *zpci_action_default_run_dir(void);

/* Bind function `addr` (dddd:bb:dd.f) to `driver` (zpci_vfio_pci or vfio-pci).
 * Returns a ZX_ code; on error prints "zpcidiag: ADDR: ..." itself. */
int zpci_action_bind(const struct zpci_action_env *env, const char *addr, const char *driver,
		     struct zpci_bind_result *res);
/* Give the function back to the driver it had before bind (or, without a
 * state file, release it from a vfio driver and let the kernel probe). */
int zpci_action_unbind(const struct zpci_action_env *env, const char *addr,
		       struct zpci_bind_result *res);

/* The driver currently bound to addr into buf ("" if none). Returns ZX_OK,
 * ZX_NODEV when the device directory does not exist. */
int zpci_action_current_driver(const struct zpci_ctx *ctx, const char *addr, char *buf, size_t len);

/* Write len bytes to sysfs_root/rel in one write(). 0 or -errno. */
int zpci_action_sysfs_write(const struct zpci_ctx *ctx, const char *rel, const void *buf, size_t len);
/* Network interfaces of addr that are up (at most max names into up). */
int zpci_action_netdevs_up(const struct zpci_ctx *ctx, const char *addr, char up[][32], int max);

/*
 * Actions refuse a fake or saved root (ctx->offline): writing there would
 * report success for something that never happened on a machine. Tests that
 * play the kernel's part on a fake tree set ZPCIDIAG_WRITE_FAKE_ROOT=1.
 * Returns ZX_OK or ZX_USAGE with "zpcidiag: WHO: WHAT writes ..." printed.
 */
int zpci_action_live_only(const struct zpci_ctx *ctx, const char *who, const char *what);

/*
 * The opt-in active probe of `vf --probe-command`: set PCI_COMMAND's memory
 * bit through the function's sysfs config file, read it back, restore the
 * original value. The caller has checked that the user named this one
 * unbound function. Fills fn->pci.cmd_probe_before/after; returns an exit
 * code, printing "zpcidiag: <dev>: ..." on failure.
 */
struct zpci_fn;
int zpci_action_probe_command_memory(const struct zpci_ctx *ctx, struct zpci_fn *fn);

/*
 * Called after every successful sysfs write with the path relative to the
 * sysfs root and the bytes written. Unset in zpcidiag; host tests use it to
 * play the kernel's part on a fake tree and to check the order of writes.
 */
extern void (*zpci_action_write_hook)(const char *relpath, const char *value, void *arg);
extern void *zpci_action_write_hook_arg;

#endif
