/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * Generic netlink family "zpcidiag" of the zpcidiag_diag module: facts about
 * zPCI functions that only the kernel holds (CLP data kept in struct zpci_dev
 * and PCI core flags such as no_command_memory). Shared by kmod/ and the
 * zpcidiag CLI: this is ABI, extend it only by appending attributes.
 *
 * Every command is read-only and needs no capability: the module exports no
 * kernel pointers and nothing a user cannot already learn from sysfs or from
 * the firmware constants vfio hands to any device owner (see zpcidiag-modules(4)).
 *
 * ZPCIDIAG_CMD_GET_FUNCTION
 *   dump (NLM_F_DUMP): one message per zPCI function with a PCI device;
 *         with ZPCIDIAG_A_PCI_ADDR or ZPCIDIAG_A_FID in the request, only
 *         the functions that match (an empty dump when none does).
 *   doit: select one function by ZPCIDIAG_A_PCI_ADDR or ZPCIDIAG_A_FID;
 *         ENODEV when no such function, EINVAL when neither is given.
 *   Requests are validated strictly: unknown attributes, a non-zero
 *   genlmsghdr.reserved and nlmsg_flags other than REQUEST, ACK, ECHO and
 *   DUMP are refused with EINVAL.
 *
 * Boolean facts are u8 0/1 so that an absent attribute means "this kernel
 * does not know", distinct from "no". u64 values are padded with
 * ZPCIDIAG_A_PAD (nla_put_u64_64bit).
 */
#ifndef _UAPI_ZPCIDIAG_NETLINK_H
#define _UAPI_ZPCIDIAG_NETLINK_H

#define ZPCIDIAG_GENL_NAME	"zpcidiag"
#define ZPCIDIAG_GENL_VERSION	1

enum zpcidiag_cmd {
	ZPCIDIAG_CMD_UNSPEC,
	ZPCIDIAG_CMD_GET_FUNCTION,	/* request and reply */
	__ZPCIDIAG_CMD_MAX,
};

#define ZPCIDIAG_CMD_MAX (__ZPCIDIAG_CMD_MAX - 1)

enum zpcidiag_attr {
	ZPCIDIAG_A_UNSPEC,
	ZPCIDIAG_A_PAD,
	ZPCIDIAG_A_PCI_ADDR,		/* string "dddd:bb:dd.f" (pci_name) */
	ZPCIDIAG_A_FID,			/* u32 function ID */
	ZPCIDIAG_A_FH,			/* u32 function handle (as of the query) */
	ZPCIDIAG_A_UID,			/* u32 user-defined ID */
	ZPCIDIAG_A_PCHID,		/* u16 */
	ZPCIDIAG_A_PFGID,		/* u8 function group ID */
	ZPCIDIAG_A_VFN,			/* u16 virtual function number, 0 = not a VF */
	ZPCIDIAG_A_PFT,			/* u8 PCI function type */
	ZPCIDIAG_A_PORT,		/* u8 */
	ZPCIDIAG_A_MAXSTBL,		/* u16 largest PCISTB length (function group) */
	ZPCIDIAG_A_DTSM,		/* u8 supported DMA translation modes */
	ZPCIDIAG_A_VERSION,		/* u8 PCI architecture version (function group) */
	ZPCIDIAG_A_START_DMA,		/* u64 first usable DMA address */
	ZPCIDIAG_A_END_DMA,		/* u64 last usable DMA address */
	ZPCIDIAG_A_MSI_ADDR,		/* u64 MSI address (function group) */
	ZPCIDIAG_A_FMB_LENGTH,		/* u16 function measurement block length */
	ZPCIDIAG_A_MIO_CAPABLE,		/* u8 0/1: function has MIO addresses */
	ZPCIDIAG_A_IS_PHYSFN,		/* u8 0/1: CLP says SR-IOV PF */
	ZPCIDIAG_A_RID_AVAILABLE,	/* u8 0/1: CLP reported a routing ID */
	ZPCIDIAG_A_DEVFN,		/* u8 devfn from the RID; only when RID_AVAILABLE */
	ZPCIDIAG_A_RID,			/* u32 full RID; only on kernels that keep it */
	ZPCIDIAG_A_IS_VIRTFN,		/* u8 0/1: pdev->is_virtfn (linked to a PF) */
	ZPCIDIAG_A_PF_ADDR,		/* reserved: no longer sent (zpcidiag-modules(4)) */
	ZPCIDIAG_A_NO_COMMAND_MEMORY,	/* u8 0/1: pdev->no_command_memory */
	ZPCIDIAG_A_NON_MAPPABLE_BARS,	/* u8 0/1: pdev->non_mappable_bars (6.15+) */
	ZPCIDIAG_A_STATE,		/* u8 enum zpcidiag_state; absent when unknown */
	ZPCIDIAG_A_BARS,		/* nest of ZPCIDIAG_A_BAR */
	ZPCIDIAG_A_MAX_MSI,		/* u32 MSI vectors the function group allows */
	ZPCIDIAG_A_STATE_RAW,		/* u32 the kernel's enum zpci_state, untranslated */
	__ZPCIDIAG_A_MAX,
};

#define ZPCIDIAG_A_MAX (__ZPCIDIAG_A_MAX - 1)

/*
 * ZPCIDIAG_A_STATE: the function's configuration state as the kernel holds
 * it in struct zpci_dev. Linux 6.1 through mainline number enum zpci_state
 * STANDBY 0, CONFIGURED 1, RESERVED 2 (the pre-5.x enum, RESERVED 0 ...
 * ONLINE 3, is gone); the module translates the kernel's constants by name
 * into these values, so a kernel that renumbers them does not change the
 * ABI, and a value it cannot name is sent only as ZPCIDIAG_A_STATE_RAW.
 */
enum zpcidiag_state {
	ZPCIDIAG_STATE_STANDBY = 0,
	ZPCIDIAG_STATE_CONFIGURED = 1,
	ZPCIDIAG_STATE_RESERVED = 2,
};

/* Inside ZPCIDIAG_A_BARS: one ZPCIDIAG_A_BAR nest per BAR CLP reported. */
enum zpcidiag_bar_attr {
	ZPCIDIAG_BAR_A_UNSPEC,
	ZPCIDIAG_BAR_A_PAD,
	ZPCIDIAG_BAR_A_INDEX,		/* u8 0..5 */
	ZPCIDIAG_BAR_A_SIZE,		/* u64 bytes of the kernel resource (0: none) */
	ZPCIDIAG_BAR_A_FLAGS,		/* u64 struct resource flags (IORESOURCE_*) */
	ZPCIDIAG_BAR_A_SIZE_LOG2,	/* u8 CLP size exponent (zdev->bars[i].size) */
	ZPCIDIAG_BAR_A_VAL,		/* u32 CLP BAR word: PCI address bits and 4 flag bits */
	__ZPCIDIAG_BAR_A_MAX,
};

#define ZPCIDIAG_BAR_A_MAX (__ZPCIDIAG_BAR_A_MAX - 1)
#define ZPCIDIAG_A_BAR 1		/* attribute type of each nest inside ZPCIDIAG_A_BARS */

#endif /* _UAPI_ZPCIDIAG_NETLINK_H */
