// SPDX-License-Identifier: MIT
/* The identity extras of a function (print_ident.h), in text and JSON. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ifnames.h"
#include "json_out.h"
#include "output.h"
#include "print_ident.h"
#include "print_pnet.h"

static bool has_netdev(const struct zpci_fn *fn, const char *name)
{
	for (int i = 0; i < 4 && fn->pci.netdevs[i][0]; i++)
		if (strcmp(fn->pci.netdevs[i], name) == 0)
			return true;
	return false;
}

static void show_ifname(const struct zpci_fn *fn, const char *key, const char *name,
			const char *what)
{
	char expl[160];

	if (!name[0])
		return;
	snprintf(expl, sizeof(expl), "%s%s", what,
		 has_netdev(fn, name) ? "; an interface has this name" : "");
	zpci_show_kv(key, name, expl);
}

void zpci_show_ident(const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	struct zpci_ifnames n;
	char buf[128];

	if (fn->state == ZPCI_FN_STANDBY || fn->state == ZPCI_FN_POWERED_NO_DEVICE) {
		if (a->uid_from_slot)
			zpci_show_kv_zv("uid", &a->uid, "0x%llx", "user-defined ID, from the slot's uid file");
		else
			zpci_show_kv("uid", "-", "unknown in standby: this kernel has no slots/<FID>/uid "
				     "(2026 kernels)");
		return;
	}
	if (fn->state != ZPCI_FN_CONFIGURED)
		return;
	if (zv_ok(a->fidparm))
		zpci_show_kv("fidparm bits", zpci_fidparm_text((unsigned int)a->fidparm.v, buf,
							       sizeof(buf)), "");
	for (int i = 0; i < 4 && fn->pci.ibdevs[i][0]; i++)
		zpci_show_kv("ibdev", fn->pci.ibdevs[i], "RDMA device (infiniband/), as smc_rnics names it");
	zpci_print_pnet(&(struct zpci_printer){ .f = stdout, .width = 14 }, fn);
	zpci_fn_ifnames(fn, &n);
	if (!fn->pci.netdevs[0][0])
		return;
	show_ifname(fn, "ifname onboard", n.onboard, "systemd: eno<index> (udev's first choice)");
	show_ifname(fn, "ifname slot", n.slot, "systemd: ens<FID in decimal>");
	show_ifname(fn, "ifname path", n.path, "systemd: from the PCI address");
}

static json_object *json_fidparm_flags(const struct zpci_sysfs_attrs *a)
{
	json_object *arr;

	if (!zv_ok(a->fidparm))
		return NULL;
	arr = json_object_new_array();
	if (a->fidparm.v & 0x01)
		json_object_array_add(arr, json_object_new_string("promiscuous"));
	return arr;
}

void zpci_json_add_ident(json_object *o, const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	const char *src = NULL;
	struct zpci_ifnames n;
	json_object *names = NULL;

	if (zv_ok(a->uid))
		src = a->uid_from_slot ? "slot" : "device";
	json_object_object_add(o, "uid_source", zpci_json_str(src));
	json_object_object_add(o, "fidparm_flags", json_fidparm_flags(a));
	if (fn->state == ZPCI_FN_CONFIGURED) {
		zpci_fn_ifnames(fn, &n);
		names = json_object_new_object();
		json_object_object_add(names, "onboard", zpci_json_str(n.onboard));
		json_object_object_add(names, "slot", zpci_json_str(n.slot));
		json_object_object_add(names, "path", zpci_json_str(n.path));
	}
	json_object_object_add(o, "ifnames", names);
	names = json_object_new_array();
	for (int i = 0; i < 4 && fn->pci.ibdevs[i][0]; i++)
		json_object_array_add(names, json_object_new_string(fn->pci.ibdevs[i]));
	json_object_object_add(o, "ibdevs", names);
	zpci_print_pnet(&(struct zpci_printer){ .obj = o }, fn);
}
