/* SPDX-License-Identifier: MIT */
/*
 * zPCI administration, the zpcictl actions: the kernel's recovery of a
 * function (recover), SCLP adapter-error notifications the kernel hands to
 * firmware (report_error: reset, deconfigure, informational report), and the
 * hotplug slot's power (configure a standby function, power one off).
 * Beside action_sysfs.c, the only code that writes to the system.
 */
#ifndef ZPCIDIAG_ACTION_ZPCI_H
#define ZPCIDIAG_ACTION_ZPCI_H

#include <stdbool.h>
#include <stdint.h>
#include "model.h"

/* Action qualifiers of the adapter-error notification (s390-tools libzpci). */
#define ZPCI_SCLP_AQ_RESET 0
#define ZPCI_SCLP_AQ_DECONF 1
#define ZPCI_SCLP_AQ_REPORT_ERR 2
#define ZPCI_SCLP_ERR_LOG_ID_ZPCICTL 0x4713	/* zpcictl's log id: firmware knows it */
#define ZPCI_SCLP_LOG_DATA_SIZE 4054

/*
 * What the report_error attribute takes (arch/s390/pci/pci_sysfs.c hands it
 * to sclp_pci_report()), laid out as s390-tools' libzpci writes it: native
 * byte order, always the whole structure, length counting the data after
 * the 4-byte header up to the end of the log text.
 */
struct zpci_sclp_report {
	uint8_t version;		/* 1 */
	uint8_t action;			/* ZPCI_SCLP_AQ_* */
	uint16_t length;		/* 16 + bytes of log_data used */
	uint64_t timestamp;		/* seconds since the epoch */
	uint64_t err_log_id;
	char log_data[ZPCI_SCLP_LOG_DATA_SIZE];
} __attribute__((packed));

enum zpci_admin_op {
	ZA_RESET,		/* report an error, then recover (zpcictl --reset) */
	ZA_RESET_FW,		/* SCLP reset (zpcictl --reset-fw) */
	ZA_DECONFIGURE,		/* SCLP deconfigure (zpcictl --deconfigure) */
	ZA_REPORT_ERROR,	/* SCLP informational report (zpcictl --report-error) */
	ZA_CONFIGURE,		/* slot power on: standby -> configured */
	ZA_POWER_OFF,		/* slot power off: configured -> standby */
};

struct zpci_admin_env {
	const struct zpci_ctx *ctx;
	bool force;		/* act although the function is in use */
	bool dry_run;		/* say what would be done, write nothing */
	const struct zpci_system *sys;	/* its environment (sysinfo), or NULL */
};

/* Who uses a function: interfaces up, mounted NVMe namespaces, open vfio fds. */
struct zpci_fn_users {
	char netdevs_up[4][32];
	int nnetdevs_up;
	char mounts[4][96];
	int nmounts;
	char vfio[8][64];	/* "PID (comm)" */
	int nvfio;
};

/* Fill r for action (ZPCI_SCLP_AQ_*) with log text (cut to fit, NUL-terminated). */
void zpci_sclp_report_build(struct zpci_sclp_report *r, uint8_t action, const char *log,
			    uint64_t now);
void zpci_admin_find_users(const struct zpci_ctx *ctx, const struct zpci_fn *fn,
			   struct zpci_fn_users *u);
/* Run op on fn, saying what and to which function first. Returns a ZX_ code. */
int zpci_admin_run(const struct zpci_admin_env *env, enum zpci_admin_op op, const struct zpci_fn *fn);

/* Environment variable that lets actions write into a fake --sysfs-root, for tests. */
#define ZPCI_TEST_RECORD_WRITES_ENV "ZPCIDIAG_TEST_RECORD_WRITES"

#endif
