// SPDX-License-Identifier: MIT
/* The identity extras of a function for people and for JSON from the same calls (print.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ifnames.h"
#include "print_ident.h"
#include "print_pnet.h"

static bool has_netdev(const struct zpci_fn *fn, const char *name)
{
	for (int i = 0; i < 4 && fn->pci.netdevs[i][0]; i++)
		if (strcmp(fn->pci.netdevs[i], name) == 0)
			return true;
	return false;
}

static void print_ifname(const struct zpci_printer *p, const struct zpci_fn *fn,
			 const char *key, const char *name, const char *what)
{
	char expl[160];

	if (!name[0])
		return;
	snprintf(expl, sizeof(expl), "%s%s", what,
		 has_netdev(fn, name) ? "; an interface has this name" : "");
	zpci_print_string(p, ZP_TEXT, key, name, expl);
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

void zpci_print_ident(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	bool configured = fn->state == ZPCI_FN_CONFIGURED;
	/* text: the lines below are a configured function's; JSON has them all */
	struct zpci_printer cp = zpci_print_section(p, configured ? ZP_ANY : ZP_JSON, NULL, NULL,
						    p->width);
	const char *src = NULL;
	struct zpci_printer np;
	struct zpci_ifnames n;
	char buf[128];

	if (zv_ok(a->uid))
		src = a->uid_from_slot ? "slot" : "device";
	zpci_print_string(p, ZP_JSON, "uid_source", src, NULL);
	if (fn->state == ZPCI_FN_STANDBY || fn->state == ZPCI_FN_POWERED_NO_DEVICE) {
		/* the uid line of a function without device (JSON: print_zpci's "uid") */
		if (a->uid_from_slot)
			zpci_print_zv(p, ZP_TEXT, "uid", 0, &a->uid,
				      "user-defined ID, from the slot's uid file");
		else
			zpci_print_string(p, ZP_TEXT, "uid", NULL, "unknown in standby: this kernel "
					  "has no slots/<FID>/uid (2026 kernels)");
	}
	if (zv_ok(a->fidparm))
		zpci_print_string(&cp, ZP_TEXT, "fidparm bits",
				  zpci_fidparm_text((unsigned int)a->fidparm.v, buf, sizeof(buf)), "");
	zpci_print_json(p, "fidparm_flags", p->obj ? json_fidparm_flags(a) : NULL);
	/* the interface names: JSON has them before "ibdevs", text after the pnet
	 * lines and only for a function with an interface */
	if (configured) {
		zpci_fn_ifnames(fn, &n);
		np = zpci_print_section(p, ZP_JSON, "ifnames", NULL, 0);
		zpci_print_string(&np, ZP_JSON, "onboard", zpci_print_nonempty(n.onboard), NULL);
		zpci_print_string(&np, ZP_JSON, "slot", zpci_print_nonempty(n.slot), NULL);
		zpci_print_string(&np, ZP_JSON, "path", zpci_print_nonempty(n.path), NULL);
	} else {
		zpci_print_json(p, "ifnames", NULL);
	}
	zpci_print_names(&cp, ZP_ANY, "ibdev", "ibdevs", fn->pci.ibdevs, 4,
			 "RDMA device (infiniband/), as smc_rnics names it");
	zpci_print_pnet(&cp, fn);
	if (!configured || !fn->pci.netdevs[0][0])
		return;
	print_ifname(&cp, fn, "ifname onboard", n.onboard, "systemd: eno<index> (udev's first choice)");
	print_ifname(&cp, fn, "ifname slot", n.slot, "systemd: ens<FID in decimal>");
	print_ifname(&cp, fn, "ifname path", n.path, "systemd: from the PCI address");
}
