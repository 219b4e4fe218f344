// SPDX-License-Identifier: MIT
/* The environment for people and for JSON from the same calls (print.h). */
#include "config.h"

#include <stdio.h>

#include "print_env.h"

static const char *guest_effects(enum zpci_guest g)
{
	switch (g) {
	case ZPCI_GUEST_ZVM:
		return "deconfigure does not change the configuration state here";
	case ZPCI_GUEST_KVM:
		return "deconfigure does not change the configuration state; zpcictl-style "
		       "recovery (reset) does not reach the hardware: recover on the KVM host";
	case ZPCI_GUEST_OTHER:
		return "a hypervisor zpcidiag does not know: actions may act differently";
	case ZPCI_GUEST_NONE:
		break;
	}
	return "Linux runs in the LPAR: actions reach the firmware";
}

void zpci_print_env(const struct zpci_printer *p, const struct zpci_sysinfo *si)
{
	struct zpci_printer ep;
	char buf[96];

	if (!si->valid) {
		ep = zpci_print_section(p, ZP_TEXT, "environment", "Environment", 14);
		zpci_print_string(&ep, ZP_TEXT, "sysinfo", NULL, si->why);
		zpci_print_json(p, "environment", NULL);
		return;
	}
	ep = zpci_print_section(p, ZP_ANY, "environment", "Environment", 14);
	/* text: one "machine" line of the two members */
	snprintf(buf, sizeof(buf), "%s %s", si->manufacturer, si->type);
	zpci_print_string(&ep, ZP_TEXT, "machine", buf, "manufacturer and machine type");
	zpci_print_string(&ep, ZP_JSON, "manufacturer", zpci_print_nonempty(si->manufacturer), NULL);
	zpci_print_string(&ep, ZP_JSON, "machine_type", zpci_print_nonempty(si->type), NULL);
	/* the text's names have spaces where the JSON members have underscores */
	zpci_print_zv(&ep, ZP_TEXT, "lpar number", -1, &si->lpar_number, "");
	zpci_print_zv(&ep, ZP_JSON, "lpar_number", -1, &si->lpar_number, NULL);
	zpci_print_string(&ep, ZP_TEXT, "lpar name", zpci_print_nonempty(si->lpar_name),
			  si->lpar_ext_name);
	zpci_print_string(&ep, ZP_JSON, "lpar_name", zpci_print_nonempty(si->lpar_name), NULL);
	zpci_print_string(&ep, ZP_JSON, "lpar_extended_name",
			  zpci_print_nonempty(si->lpar_ext_name), NULL);
	zpci_print_bool(&ep, ZP_JSON, "lpar_uuid_shown", si->lpar_uuid, NULL);
	zpci_print_string(&ep, ZP_TEXT, "runs in", zpci_guest_name(si->guest),
			  guest_effects(si->guest));
	zpci_print_string(&ep, ZP_JSON, "runs_in", zpci_guest_name(si->guest), NULL);
	zpci_print_string(&ep, si->cpi[0] ? ZP_ANY : ZP_JSON, "hypervisor", zpci_print_nonempty(si->cpi),
			  "control program of the innermost level");
	zpci_print_uint(&ep, ZP_JSON, "vm_levels", (uint64_t)si->vm_levels, NULL);
}
