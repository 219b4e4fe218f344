/* SPDX-License-Identifier: MIT */
/*
 * The one model of a zPCI function. Sources (src/source_*.c) fill it;
 * commands (src/cmd_*.c) only read it. Each source owns one sub-structure
 * below and records why it could not contribute (source_status), so a
 * command can say "CLP: not root" instead of showing nothing.
 */
#ifndef ZPCIDIAG_MODEL_H
#define ZPCIDIAG_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sysaccess.h"
#include "zpcidiag.h"

/* A value read from somewhere that may be absent or malformed. */
enum zv_state { ZV_ABSENT = 0, ZV_OK, ZV_MALFORMED };
struct zv {
	uint64_t v;
	enum zv_state st;
};
#define zv_ok(x) ((x).st == ZV_OK)

/* Why a source did or did not contribute to a function. */
enum zpci_src_state {
	ZS_NOT_TRIED = 0,	/* not asked for by this command */
	ZS_OK,
	ZS_UNAVAILABLE,		/* facility missing: no /dev/clp, module not loaded, not bound */
	ZS_NO_PERMISSION,	/* needs root */
	ZS_ERROR,		/* tried and failed; reason says why */
};
struct zpci_src_status {
	enum zpci_src_state state;
	/* why, on the heap and only when there is something to say (most
	 * functions have nothing to say for most sources); never cut, paths in
	 * it can be long. Read it with zpci_src_reason(), which gives "" for none. */
	char *reason;
};

#define ZPCI_NUM_BARS 6
#define ZPCI_ADDR_LEN 16	/* "dddd:bb:dd.f" + NUL, domain up to 8 hex digits handled */

enum zpci_fn_state {
	ZPCI_FN_CONFIGURED = 0,	/* has a PCI device in sysfs */
	ZPCI_FN_STANDBY,	/* slot exists with power 0, no device */
	ZPCI_FN_RESERVED,	/* listed by CLP only, not usable by this partition */
	ZPCI_FN_POWERED_NO_DEVICE, /* slot power 1, yet no PCI device has the FID */
};

/* Tri-state answer with a reason, used for mappability and VF verdicts. */
enum zpci_tri { ZT_UNKNOWN = 0, ZT_YES, ZT_NO };

struct zpci_bar {
	bool present;			/* the kernel has a resource for it */
	bool is_io, is_64bit, prefetchable;
	uint64_t start, end, flags;	/* from sysfs "resource" */
	uint64_t size;
	enum zpci_tri mappable;
	const char *map_reason;		/* static string: why not (or how) */
	bool map_inferred;		/* verdict inferred (kernel version unknown), not read */
	bool kernel_known;		/* size/flags confirmed by the diag module */
	bool has_resource_file;		/* sysfs resourceN exists: the kernel offers sysfs mmap */
};

/* sysfs zPCI attributes (source_sysfs.c). */
struct zpci_sysfs_attrs {
	struct zv fid, fh, uid, pchid, pfgid, vfn, pft, port;
	struct zv uid_is_unique, mio_enabled, fidparm, index;
	struct zv pfip[4];
	bool is_zpci;			/* has zPCI attributes at all (else a foreign PCI device) */
	unsigned char util_string[64];
	size_t util_len;		/* 0 when absent or empty */
	bool util_present;
	struct zv slot_power;		/* /sys/bus/pci/slots/<FID>/power */
	char slot_name[16];		/* "" when no slot directory matches the FID */
	/* /sys/bus/pci/slots/<FID>/uid (2026 kernels): the UID of a function in
	 * standby; copied to uid for a standby function (uid_from_slot) */
	struct zv slot_uid;
	bool uid_from_slot;
};

/* Generic PCI facts (sysfs generic files + config space via libpci). */
struct zpci_pci_info {
	struct zv vendor, device, subsys_vendor, subsys_device, class_code, revision;
	struct zv command;		/* PCI_COMMAND from config space */
	struct zv header_type;
	/* From pci.ids (libpci); NULL when unknown or with -n. On the heap:
	 * most functions of a large system share a few names, and 200 bytes of
	 * fixed arrays per function were a tenth of list's peak memory. Read
	 * them with zpci_pci_name(), which gives "" for none. */
	char *vendor_name;
	char *device_name;
	char driver[64];		/* bound driver, "" if none */
	char driver_override[64];
	struct zv iommu_group;
	char physfn[ZPCI_ADDR_LEN];	/* PF address when the physfn link exists */
	struct zv sriov_numvfs, sriov_totalvfs;
	char netdevs[4][32];		/* network interfaces of this function */
	char blockdevs[4][32];		/* nvme controllers / block devices */
	size_t config_len;		/* bytes of config space readable */
	bool config_present;		/* the config file exists */
	uint8_t config_header[64];	/* its first bytes as the sysfs source read them */
	struct zv cmd_probe_before, cmd_probe_after; /* vf --probe-command results */
	char ibdevs[4][32];		/* RDMA (InfiniBand verbs) devices: infiniband/<name> */
	bool physfn_unusable;		/* a physfn link exists but leads nowhere it may (problem) */
	bool driver_unusable;		/* the same for the driver link: shown "?", not "none" */
	char vfio_dev[32];		/* vfio device cdev: vfio-dev/vfioN ("" when none) */
};

/* VF analysis (derived in model.c from the parts above and kdiag). */
struct zpci_vf_info {
	bool is_vf;			/* vfn != 0 */
	bool linked;			/* physfn link present */
	bool detached;			/* vfn != 0 and no physfn */
	enum zpci_tri command_memory;	/* PCI_COMMAND memory bit as read */
	enum zpci_tri no_command_memory; /* the kernel's pdev->no_command_memory (kdiag) */
	bool no_command_memory_known;	/* from the kernel, not inferred */
	const char *verdict;		/* static string explaining the command bit */
};

/* CLP List PCI Functions: one entry of the function handle list. */
struct zpci_clp_list_entry {
	uint16_t vendor_id, device_id;
	bool configured;		/* config_state: 1 configured, 0 standby */
	uint32_t fid, fh;
};

/* CLP Query PCI Function, decoded (clp_decode.c). */
struct zpci_clp_fn_data {
	uint16_t vfn;
	bool rid_avail, is_physfn, mio_addr_avail, util_str_avail, tid_avail;
	uint8_t pfgid;
	uint32_t fid;
	uint8_t bar_size_log2[ZPCI_NUM_BARS];	/* 0: BAR not implemented */
	uint16_t pchid;
	uint32_t bar_word[ZPCI_NUM_BARS];	/* as the kernel reads them (__le32) */
	uint32_t bar_word_be[ZPCI_NUM_BARS];	/* the same bytes read big-endian */
	uint8_t pfip[4];
	uint8_t fidparm;
	uint8_t port;
	uint8_t fmb_len;			/* in 4-byte words; the kernel multiplies by 4 */
	uint8_t pft;
	uint64_t sdma, edma;
	uint16_t rid;
	uint16_t tid;
	uint32_t uid;
	uint8_t util_str[64];
	uint8_t mio_valid;			/* bit 5-i: BAR i has MIO addresses */
	uint64_t mio_wb[ZPCI_NUM_BARS], mio_wt[ZPCI_NUM_BARS];
	uint16_t rsp_len;			/* response length as stored in the block */
	bool has_mio_area;			/* the response was long enough for MIO data */
};

/* CLP Query PCI Function Group, decoded (clp_decode.c). */
struct zpci_clp_group_data {
	uint8_t pfgid;				/* the group asked for */
	uint16_t noi;
	uint8_t version;
	bool frame, refresh;
	uint16_t maxstbl;
	uint16_t mui;
	uint8_t dtsm;
	uint16_t maxfaal;
	uint16_t dnoi;
	uint16_t maxcpu;
	uint64_t dasm, msia;
	uint16_t rsp_len;
	bool rtr;				/* relaxed translation allowed (0x20, 6.15) */
};

#define ZPCI_CLP_MAX_NOTES 8
/* Observations about a block that are not errors (emulator quirks). */
struct zpci_clp_notes {
	size_t n;
	char text[ZPCI_CLP_MAX_NOTES][200];
};

/* CLP data of one function (source_clp.c). */
struct zpci_clp_info {
	bool valid;			/* listed by List PCI Functions */
	struct zpci_clp_list_entry list;
	bool fn_valid;			/* Query PCI Function answered */
	struct zpci_clp_fn_data fn;
	bool group_valid;		/* Query PCI Function Group answered */
	struct zpci_clp_group_data group;
	struct zpci_clp_notes notes;
	char error[200];		/* why a query failed, "" if none */
};

/* One capability of the VFIO_DEVICE_GET_INFO chain, as found. */
struct zpci_vfio_cap {
	uint16_t id, version;
	uint32_t offset, len;		/* len: bytes up to the next cap or the end */
};

#define ZPCI_VFIO_MAX_CAPS 16
#define ZPCI_VFIO_MAX_REGIONS 16
#define ZPCI_VFIO_MAX_IRQS 8

/* vfio zPCI capabilities and regions (source_vfio.c, vfio_caps.c). */
struct zpci_vfio_info {
	bool valid;			/* GET_INFO was read */
	char driver[64];		/* the vfio driver bound (vfio-pci or a variant) */
	uint32_t flags, num_regions, num_irqs;
	struct zpci_vfio_cap caps[ZPCI_VFIO_MAX_CAPS];
	size_t ncaps;

	bool base_valid;		/* VFIO_DEVICE_INFO_CAP_ZPCI_BASE */
	uint16_t base_version;
	uint64_t start_dma, end_dma;
	uint16_t pchid, vfn, fmb_length;
	uint8_t pft, gid;
	bool fh_valid;			/* version 2 */
	uint32_t fh;

	bool group_valid;		/* VFIO_DEVICE_INFO_CAP_ZPCI_GROUP */
	uint16_t group_version;
	uint64_t dasm, msi_addr, group_flags;
	uint16_t mui, noi, maxstbl;	/* maxstbl: the intercept limit, not hardware */
	uint8_t pci_version;
	bool imaxstbl_valid;		/* version 2 */
	uint16_t imaxstbl;		/* the hardware (interpreted) limit */

	bool util_valid;		/* VFIO_DEVICE_INFO_CAP_ZPCI_UTIL */
	uint16_t util_version;
	uint32_t util_size;
	uint8_t util_str[64];

	bool pfip_valid;		/* VFIO_DEVICE_INFO_CAP_ZPCI_PFIP */
	uint16_t pfip_version;
	uint32_t pfip_size;
	uint8_t pfip[4];

	struct {
		uint32_t index, flags, type, subtype;
		bool has_type;
		uint64_t size, offset;
	} regions[ZPCI_VFIO_MAX_REGIONS];
	size_t nregions;
	struct {
		uint32_t index, flags, count;
	} irqs[ZPCI_VFIO_MAX_IRQS];
	size_t nirqs;

	bool io_region_valid;		/* the zPCI I/O region (kmod) header was read */
	uint16_t io_region_max;		/* its header's max: the largest PCISTB it accepts */

	char chain_error[160];		/* why the chain could not be decoded fully, "" if ok */
};

/* One BAR as the diagnostics module reports it. */
struct zpci_kdiag_bar {
	bool present;			/* the module sent this BAR (CLP size or resource) */
	uint64_t size, flags;		/* kernel resource length and IORESOURCE_* flags */
	struct zv size_log2;		/* CLP size exponent */
	struct zv val;			/* CLP BAR word */
};

/*
 * Facts only the kernel knows, over generic netlink from the zpcidiag_diag
 * module (source_kdiag.c, ABI in kmod/include/uapi/zpcidiag_netlink.h).
 * A zv is ZV_ABSENT when the running kernel does not have the fact
 * (non_mappable_bars before 6.15, rid before 6.13, devfn without a RID).
 */
struct zpci_kdiag_info {
	bool valid;			/* the module answered for this function */
	struct zv fid, fh, uid, pchid, pfgid, vfn, pft, port;
	struct zv maxstbl, dtsm, version, max_msi;
	struct zv start_dma, end_dma, msi_addr, fmb_length;
	struct zv mio_capable, is_physfn, rid_available, devfn, rid;
	struct zv state;		/* enum zpcidiag_state (uapi), translated by the module */
	struct zv state_raw;		/* the kernel's own enum zpci_state value */
	struct zv is_virtfn, no_command_memory, non_mappable_bars;
	char pf_addr[ZPCI_ADDR_LEN];	/* "" unless is_virtfn */
	struct zpci_kdiag_bar bars[ZPCI_NUM_BARS];
};

/* One severity scale for problems and check findings, ordered: a larger value is worse. */
enum zpci_severity { ZSEV_OK = 0, ZSEV_INFO, ZSEV_WARNING, ZSEV_CRITICAL };
/* severity.c: "ok", "info", "warning", "critical" */
const char *zpci_severity_name(enum zpci_severity s);

struct zpci_problem {
	enum zpci_severity severity;
	char code[32];			/* stable identifier, e.g. "attr-malformed" */
	char text[200];
};

/* Recovery state of a function from this boot's kernel log (source_kmsg.c,
 * messages of arch/s390/pci/pci_event.c and pci_report.c, kmsg_recovery.h). */
enum zpci_rec_event {
	ZRE_NONE,
	ZRE_ERROR,		/* "Event 0x%x reports an error for PCI function 0x%x" */
	ZRE_STEP,		/* a step of the recovery (unblocking, reset) */
	ZRE_RECOVERED,		/* "The device is ready to resume operations" */
	ZRE_FAILED,		/* automatic recovery failed or cannot be done */
	ZRE_USERSPACE,		/* left to the user of a pass-through device (6.16+) */
	ZRE_REPORTED,		/* "Reported PCI device status" (to the Support Element) */
	ZRE_REPORT_FAILED,	/* "Reporting PCI status failed with code %d" */
};
#define ZPCI_REC_TEXT 128
struct zpci_recovery {
	unsigned int nevents;		/* lines about this function */
	unsigned int nerrors;		/* error events */
	uint64_t first_usec, last_usec;	/* kmsg time of the first and last line */
	enum zpci_rec_event outcome;	/* RECOVERED, FAILED, USERSPACE; NONE: none logged */
	uint64_t outcome_usec;
	char outcome_text[ZPCI_REC_TEXT];
	bool outcome_after_error;	/* an error event came after the outcome */
	bool reported, report_failed;	/* status sent to the Support Element */
	uint64_t reported_usec;
};

struct zpci_fn {
	char address[ZPCI_ADDR_LEN];	/* "" for standby functions */
	unsigned int domain, bus, dev, func;
	enum zpci_fn_state state;
	uint32_t fid;			/* always known: from sysfs, slot name or CLP */
	bool fid_known;

	struct zpci_sysfs_attrs zattr;
	struct zpci_pci_info pci;
	struct zpci_bar bars[ZPCI_NUM_BARS];
	struct zpci_vf_info vf;
	/* Parts only one source fills, allocated when it fills them: list of
	 * 4096 functions needs none (4.3 KB a function). Read them through
	 * zpci_fn_clp() and the like, which give an all-zero part (nothing
	 * valid) where the source did not run. */
	struct zpci_clp_info *clp;
	struct zpci_vfio_info *vfio;
	struct zpci_kdiag_info *kdiag;

	struct zpci_src_status src_sysfs, src_pciconf, src_clp, src_vfio, src_kdiag;

	struct zpci_problem *problems;
	size_t nproblems;
	struct zpci_recovery recovery;	/* source_kmsg.c (ZL_KMSG) */
	struct zpci_fn_pnet *pnet;	/* source_pnet.c; NULL: no PNET ID */
};

/* zPCI attributes that appeared over kernel generations (zpci_system.kernel_lacks). */
enum zpci_kattr {
	ZA_PORT = 1 << 0,
	ZA_MIO_ENABLED = 1 << 1,
	ZA_UID_IS_UNIQUE = 1 << 2,
	ZA_INDEX = 1 << 3,		/* 5.13; counted only while UID checking is known on */
	ZA_FIDPARM = 1 << 4,		/* 6.13 */
	ZA_NKATTR = 5,
};

/* The running kernel (source_host.c). */
struct zpci_kernel_info {
	bool release_known;
	char release[65];		/* utsname release, e.g. "6.1.0-13-s390x" */
	unsigned int major, minor;	/* parsed from release when release_known */
};

#define ZPCI_GROUP_MAX_MEMBERS 8
#define ZPCI_GROUP_MAX_RESV 8

/* One IOMMU group that holds a function (source_host.c, /sys/kernel/iommu_groups/N). */
/* Members and regions on the heap, as many as the group has (most have
 * one member): a fixed array of each cost 1 KB per group. */
struct zpci_iommu_group {
	unsigned int id;
	struct zpci_group_member {
		char address[ZPCI_ADDR_LEN];
		char driver[64];	/* "" when unbound */
	} *members;
	size_t nmembers;		/* at most ZPCI_GROUP_MAX_MEMBERS */
	bool members_truncated;		/* more members than that */
	bool resv_known;		/* reserved_regions was read */
	struct zpci_resv_region {
		uint64_t start, end;
		char type[24];		/* "reserved", "msi", "direct", ... */
	} *resv;
	size_t nresv;			/* at most ZPCI_GROUP_MAX_RESV */
};

/* PNET IDs of a function and where each came from (source_pnet.c): the
 * utility string (one per port), and the SMC PNET table (smc_pnet) entries
 * naming one of its interfaces or RDMA devices. */
enum zpci_pnet_src { ZPCI_PNET_UTIL, ZPCI_PNET_SMC };
#define ZPCI_FN_MAX_PNET 8
struct zpci_fn_pnet {
	size_t n;
	struct zpci_pnet_id {
		char id[17];
		enum zpci_pnet_src src;
		int port;		/* util: port index; smc IB entry: ibport (1-based); else -1 */
		char dev[64];		/* smc: the netdev or RDMA device the entry names */
		char differs[17];	/* smc: the util string's other PNET ID, "" when none */
	} ids[];		/* n of them, at most ZPCI_FN_MAX_PNET: grown one at a time */
};

/* What Linux runs on: the LPAR itself, or a guest of z/VM or KVM (sysinfo.c). */
enum zpci_guest { ZPCI_GUEST_NONE = 0, ZPCI_GUEST_ZVM, ZPCI_GUEST_KVM, ZPCI_GUEST_OTHER };

/* What the environment changes about an action (names.c): in a z/VM or KVM
 * guest deconfiguring keeps the configuration state, and in a KVM guest
 * zpcictl-style recovery does not reach the hardware. NULL: nothing (the
 * LPAR, or the environment unknown). */
enum zpci_env_act { ZPCI_ENV_RECOVER, ZPCI_ENV_DECONFIGURE };
struct zpci_system;
const char *zpci_env_note(const struct zpci_system *sys, enum zpci_env_act act);

struct zpci_system {
	struct zpci_fn *fns;
	size_t nfns;
	/* UID checking: /sys/firmware/clp/uid_checking (6.18+), else CLP List PCI
	 * Functions, else "on" when index files exist; ZV_ABSENT while unknown */
	struct zv uid_checking;
	const char *uid_checking_from;	/* static: where uid_checking came from, NULL if unknown */
	unsigned int kernel_lacks;	/* ZA_* attributes no function has: the kernel predates them */
	struct zpci_kernel_info kernel;
	struct zpci_iommu_group *groups;	/* groups of the functions, in no particular order */
	size_t ngroups;
	/* CLP List PCI Functions as a whole (source_clp.c) */
	struct zpci_src_status src_clp;
	int clp_rc;			/* ZX_* of the CLP source as a whole */
	bool clp_uid_checking;
	uint16_t clp_max_fn;
	int clp_list_blocks;		/* blocks the list took (continuations + 1) */
	struct zpci_clp_notes clp_notes;
	/* this boot's kernel log (source_kmsg.c, ZL_KMSG) */
	struct zpci_src_status src_kmsg;
	bool uptime_known;		/* /proc/uptime read: "now" for recent events */
	uint64_t uptime_usec;
	/* the layers below Linux (/proc/sysinfo, sysinfo.c; always loaded) */
	bool env_known;
	enum zpci_guest guest;
	/* the SMC PNET table (source_pnet.c, ZL_PNET); entries are in fn->pnet */
	struct zpci_src_status src_pnet;
	size_t pnet_entries;
};

/* What a command wants the loader to fill. */
enum {
	ZL_SYSFS = 1 << 0,
	ZL_PCICONF = 1 << 1,
	ZL_CLP = 1 << 2,
	ZL_VFIO = 1 << 3,
	ZL_KDIAG = 1 << 4,
	ZL_KMSG = 1 << 5,		/* recovery events from the kernel log */
	ZL_PNET = 1 << 6,		/* the SMC PNET table */
};

/* model.c (loading: load.h) */
void zpci_system_free(struct zpci_system *sys);
void zpci_fn_problem(struct zpci_fn *fn, enum zpci_severity severity, const char *code,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void zpci_src_set(struct zpci_src_status *s, enum zpci_src_state state,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* model_parts.c: the reason, "" for none; free it (the state stays). */
const char *zpci_src_reason(const struct zpci_src_status *s);
const char *zpci_pci_name(const char *name);
void zpci_src_clear(struct zpci_src_status *s);

/* model_parts.c: a function's per-source parts (see struct zpci_fn). The readers
 * never return NULL; the fillers allocate the part on first use and return
 * NULL only when out of memory. */
const struct zpci_clp_info *zpci_fn_clp(const struct zpci_fn *fn);
const struct zpci_vfio_info *zpci_fn_vfio(const struct zpci_fn *fn);
const struct zpci_kdiag_info *zpci_fn_kdiag(const struct zpci_fn *fn);
struct zpci_clp_info *zpci_fn_clp_fill(struct zpci_fn *fn);
struct zpci_vfio_info *zpci_fn_vfio_fill(struct zpci_fn *fn);
struct zpci_kdiag_info *zpci_fn_kdiag_fill(struct zpci_fn *fn);
/* Frees what a function owns (problems, parts); zpci_system_free() calls it. */
void zpci_fn_free(struct zpci_fn *fn);

/* model.c: derived facts (pure functions over the model). */
void zpci_fn_derive(struct zpci_fn *fn);
const char *zpci_fn_state_name(enum zpci_fn_state st);
/* "port", "mio_enabled", ... for one ZA_* bit */
const char *zpci_kattr_name(enum zpci_kattr a);
/* zpci_driver_is_vfio(): sysaccess.h, the one place that decides it */
/* The FID as a value: ZV_OK when known, ZV_MALFORMED when function_id exists
 * but could not be read or parsed (shown "?", JSON "malformed"), else absent */
struct zv zpci_fn_fid_zv(const struct zpci_fn *fn);
/* ISM by function type or vendor/device: its class code is 0 on real machines */
bool zpci_fn_is_ism(const struct zpci_fn *fn);
/* the IOMMU group of fn, NULL when it has none or it was not read */
const struct zpci_iommu_group *zpci_fn_group(const struct zpci_system *sys,
					     const struct zpci_fn *fn);
/* kernel release known and at least major.minor: 1; known and older: 0; unknown: -1 */
int zpci_kernel_at_least(const struct zpci_system *sys, unsigned int major, unsigned int minor);
/* names.c: a source state for people ("not tried", "no permission"), for
 * JSON and reports ("not_tried", "no_permission"); parse: the identifier or
 * the old report spelling ("not-tried"), -1 if neither; exit: the ZX_* code
 * of a command that needed the source (error_exit for ZS_ERROR). */
const char *zpci_src_state_text(enum zpci_src_state st);
const char *zpci_src_state_id(enum zpci_src_state st);
int zpci_src_state_parse(const char *id);
int zpci_src_state_exit(enum zpci_src_state st, int error_exit);
/* PFT names: long for tables ("RoCE Express2/3"), short for --type and JSON ("roce2"). */
const char *zpci_pft_long(unsigned int pft);
const char *zpci_pft_short(unsigned int pft);
/* --type argument -> PFT; -1 when unknown. Accepts short names and numbers. */
int zpci_pft_parse(const char *name);

#endif
