// SPDX-License-Identifier: MIT
/* The environment in text and JSON (print_env.h). */
#include "config.h"

#include <stdio.h>

#include "json_out.h"
#include "output.h"
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

void zpci_show_env(const struct zpci_sysinfo *si)
{
	char buf[96];

	printf("Environment:\n");
	if (!si->valid) {
		zpci_show_kv("sysinfo", "-", si->why);
		return;
	}
	snprintf(buf, sizeof(buf), "%s %s", si->manufacturer, si->type);
	zpci_show_kv("machine", buf, "manufacturer and machine type");
	snprintf(buf, sizeof(buf), "%s", si->lpar_name[0] ? si->lpar_name : "-");
	zpci_show_kv_zv("lpar number", &si->lpar_number, "%llu", "");
	zpci_show_kv("lpar name", buf, si->lpar_ext_name[0] ? si->lpar_ext_name : "");
	zpci_show_kv("runs in", zpci_guest_name(si->guest), guest_effects(si->guest));
	if (si->cpi[0])
		zpci_show_kv("hypervisor", si->cpi, "control program of the innermost level");
}

json_object *zpci_json_env(const struct zpci_sysinfo *si)
{
	json_object *o;

	if (!si->valid)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "manufacturer", zpci_json_str(si->manufacturer));
	json_object_object_add(o, "machine_type", zpci_json_str(si->type));
	json_object_object_add(o, "lpar_number", zpci_json_zv(&si->lpar_number));
	json_object_object_add(o, "lpar_name", zpci_json_str(si->lpar_name));
	json_object_object_add(o, "lpar_extended_name", zpci_json_str(si->lpar_ext_name));
	json_object_object_add(o, "lpar_uuid_shown", json_object_new_boolean(si->lpar_uuid));
	json_object_object_add(o, "runs_in", json_object_new_string(zpci_guest_name(si->guest)));
	json_object_object_add(o, "hypervisor", zpci_json_str(si->cpi));
	json_object_object_add(o, "vm_levels", json_object_new_int(si->vm_levels));
	return o;
}
