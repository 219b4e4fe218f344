// SPDX-License-Identifier: MIT
/*
 * Names that depend on nothing but their input: PFT names and function
 * states (the utility string is decoded in src/util_string.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model.h"

/*
 * PFT (PCI function type) names as IBM documents the adapters; the short
 * names are what --type accepts and what JSON's "type" carries.
 */
static const struct {
	unsigned int pft;
	const char *short_name, *long_name;
} pft_names[] = {
	{ 0x00, "unclassified", "unclassified" },
	{ 0x02, "roce", "RoCE Express" },
	{ 0x05, "ism", "ISM" },
	{ 0x0a, "roce2", "RoCE Express2/3" },
	{ 0x0b, "nvme", "NVMe" },
	{ 0x0c, "neth", "Network Express" },
	{ 0x0d, "cnw", "CNW" },
	{ 0x0f, "netd", "NETD" },
};
#define N_PFT (sizeof(pft_names) / sizeof(pft_names[0]))

const char *zpci_pft_long(unsigned int pft)
{
	for (size_t i = 0; i < N_PFT; i++)
		if (pft_names[i].pft == pft)
			return pft_names[i].long_name;
	return NULL;
}

const char *zpci_pft_short(unsigned int pft)
{
	for (size_t i = 0; i < N_PFT; i++)
		if (pft_names[i].pft == pft)
			return pft_names[i].short_name;
	return NULL;
}

int zpci_pft_parse(const char *name)
{
	char *end;
	unsigned long v;

	for (size_t i = 0; i < N_PFT; i++)
		if (strcasecmp(name, pft_names[i].short_name) == 0)
			return (int)pft_names[i].pft;
	if (!name[0])
		return -1;
	v = strtoul(name, &end, 0);
	if (*end || v > 0xff || name[0] == '-')
		return -1;
	return (int)v;
}

const char *zpci_fn_state_name(enum zpci_fn_state st)
{
	switch (st) {
	case ZPCI_FN_CONFIGURED: return "configured";
	case ZPCI_FN_STANDBY: return "standby";
	case ZPCI_FN_RESERVED: return "reserved";
	case ZPCI_FN_POWERED_NO_DEVICE: return "powered-no-device";
	}
	return "unknown";
}

/*
 * Source states: the words people read (tables, show) and the identifiers
 * machines read (JSON, the report's status files), with the exit code a
 * command that needed the source gives. Reports written before the
 * identifiers were shared spelled two of them with '-': still read.
 */
static const struct {
	const char *text, *id, *old_id;
	int exit;
} src_states[] = {
	[ZS_NOT_TRIED] = { "not tried", "not_tried", "not-tried", ZX_INTERNAL },
	[ZS_OK] = { "ok", "ok", NULL, ZX_OK },
	[ZS_UNAVAILABLE] = { "unavailable", "unavailable", NULL, ZX_UNAVAIL },
	[ZS_NO_PERMISSION] = { "no permission", "no_permission", "no-permission", ZX_PERM },
	[ZS_ERROR] = { "error", "error", NULL, -1 },
};

const char *zpci_src_state_text(enum zpci_src_state st)
{
	return (size_t)st < sizeof(src_states) / sizeof(src_states[0]) ? src_states[st].text : "?";
}

const char *zpci_src_state_id(enum zpci_src_state st)
{
	return (size_t)st < sizeof(src_states) / sizeof(src_states[0]) ? src_states[st].id : "error";
}

int zpci_src_state_parse(const char *id)
{
	for (size_t i = 0; i < sizeof(src_states) / sizeof(src_states[0]); i++)
		if (strcmp(id, src_states[i].id) == 0 ||
		    (src_states[i].old_id && strcmp(id, src_states[i].old_id) == 0))
			return (int)i;
	return -1;
}

int zpci_src_state_exit(enum zpci_src_state st, int error_exit)
{
	if ((size_t)st >= sizeof(src_states) / sizeof(src_states[0]))
		return ZX_INTERNAL;
	return st == ZS_ERROR ? error_exit : src_states[st].exit;
}

const char *zpci_env_note(const struct zpci_system *sys, enum zpci_env_act act)
{
	if (!sys->env_known)
		return NULL;
	if (act == ZPCI_ENV_RECOVER && sys->guest == ZPCI_GUEST_KVM)
		return "KVM guest (/proc/sysinfo): recovery here does not reach the hardware, "
		       "recover on the KVM host";
	if (act == ZPCI_ENV_DECONFIGURE && sys->guest == ZPCI_GUEST_KVM)
		return "KVM guest (/proc/sysinfo): deconfiguring does not change the "
		       "configuration state";
	if (act == ZPCI_ENV_DECONFIGURE && sys->guest == ZPCI_GUEST_ZVM)
		return "z/VM guest (/proc/sysinfo): deconfiguring does not change the "
		       "configuration state";
	return NULL;
}
