// SPDX-License-Identifier: MIT
/* The KVM host's view of passthrough in text, JSON and libvirt XML (print_passthrough.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_out.h"
#include "output.h"
#include "print_passthrough.h"
#include "sysaccess.h"

static const char *kvm_text(int k)
{
	return k > 0 ? "interpretation" : k == 0 ? "interception only" : "unknown";
}

static const char *domain_expl(const char *t)
{
	if (!t[0])
		return "iommu_groups/N/type not readable";
	if (!strcmp(t, "identity"))
		return "no translation: needs relaxed translation (6.15+)";
	if (!strcmp(t, "blocked"))
		return "DMA blocked";
	if (!strncmp(t, "DMA", 3))
		return "translated DMA";
	/* iommu.c iommu_group_show_type: no default domain (s390 before 6.7
	 * translated DMA with its own dma ops, pci_dma.c, not an IOMMU domain) */
	if (!strcmp(t, "unknown"))
		return "the group has no default domain (before Linux 6.7: the kernel's own DMA translation)";
	if (!strcmp(t, "unmanaged"))
		return "a domain of the group's user";
	return "a domain type zpcidiag does not know";
}

void zpci_pt_guest_ids(const struct zpci_fn *fn, const struct zpci_pt_view *v,
		       uint32_t *uid, uint32_t *fid)
{
	*uid = zv_ok(fn->zattr.uid) ? (uint32_t)fn->zattr.uid.v : 0;
	*fid = fn->fid;
	if (v->dev && v->dev->zpci && v->dev->uid_set)
		*uid = v->dev->uid;
	if (v->dev && v->dev->zpci && v->dev->fid_set)
		*fid = v->dev->fid;
}

void zpci_pt_show(const struct zpci_fn *fn, const struct zpci_pt_scan *scan,
		  const struct zpci_pt_view *v)
{
	char buf[160];

	(void)fn;
	printf("Passthrough (KVM host):\n");
	if (!v->vfio) {
		zpci_show_kv("vfio", "no", "not bound to a vfio driver: no guest can hold it");
		return;
	}
	if (!scan->valid)
		zpci_show_kv("holder", "unknown", scan->why);
	else if (!v->holder)
		zpci_show_kv("holder", "-", scan->procs_unreadable ?
			     "no readable process holds its vfio device (some processes were not readable)" :
			     "no process holds its vfio device");
	else {
		snprintf(buf, sizeof(buf), "%d %s", v->holder->pid, v->holder->exe);
		zpci_show_kv("holder", buf, v->holder->node);
		zpci_show_kv("guest", v->holder->guest[0] ? v->holder->guest : "-",
			     "from -name of its command line");
		if (!v->dev)
			zpci_show_kv("guest ids", "-", "no -device vfio-pci,host= names this function");
		else if (!v->dev->zpci)
			zpci_show_kv("guest ids", "auto", "no -device zpci targets it: QEMU assigns UID and FID");
		else {
			char u[16] = "auto", f[16] = "auto";

			if (v->dev->uid_set)
				snprintf(u, sizeof(u), "0x%x", v->dev->uid);
			if (v->dev->fid_set)
				snprintf(f, sizeof(f), "0x%x", v->dev->fid);
			snprintf(buf, sizeof(buf), "uid %s fid %s", u, f);
			zpci_show_kv("guest ids", buf, "from -device zpci,target=");
		}
	}
	zpci_show_kv("kvm zpci", kvm_text(scan->kvm_zpci_op), scan->kvm_why);
	zpci_show_kv("iommu domain", v->domain_type[0] ? v->domain_type : "-", domain_expl(v->domain_type));
	zpci_show_kv("relaxed transl", v->rtr > 0 ? "allowed" : v->rtr == 0 ? "no" : "unknown",
		     v->rtr < 0 ? "CLP group not read" : "CLP Query PCI Function Group");
}

json_object *zpci_pt_json(const struct zpci_pt_scan *scan, const struct zpci_pt_view *v)
{
	json_object *o = json_object_new_object(), *h = NULL;

	json_object_object_add(o, "vfio", json_object_new_boolean(v->vfio));
	if (v->holder) {
		h = json_object_new_object();
		json_object_object_add(h, "pid", json_object_new_int(v->holder->pid));
		json_object_object_add(h, "node", json_object_new_string(v->holder->node));
		json_object_object_add(h, "exe", zpci_json_str(v->holder->exe));
		json_object_object_add(h, "guest", zpci_json_str(v->holder->guest));
		json_object_object_add(h, "device_id", v->dev ? zpci_json_str(v->dev->id) : NULL);
		json_object_object_add(h, "zpci_device", json_object_new_boolean(v->dev && v->dev->zpci));
		json_object_object_add(h, "guest_uid", v->dev && v->dev->zpci && v->dev->uid_set ?
				       zpci_json_hex(v->dev->uid, 0) : NULL);
		json_object_object_add(h, "guest_fid", v->dev && v->dev->zpci && v->dev->fid_set ?
				       zpci_json_hex(v->dev->fid, 8) : NULL);
	}
	json_object_object_add(o, "holder", h);
	json_object_object_add(o, "holders_known", json_object_new_boolean(scan->valid));
	json_object_object_add(o, "processes_unreadable", json_object_new_int((int)scan->procs_unreadable));
	json_object_object_add(o, "kvm_zpci_interpretation",
			       scan->kvm_zpci_op < 0 ? NULL : json_object_new_boolean(scan->kvm_zpci_op));
	json_object_object_add(o, "iommu_domain_type", zpci_json_str(v->domain_type));
	json_object_object_add(o, "relaxed_translation",
			       v->rtr < 0 ? NULL : json_object_new_boolean(v->rtr));
	return o;
}

void zpci_pt_libvirt(FILE *out, const struct zpci_fn *fn, const struct zpci_pt_view *v)
{
	uint32_t uid, fid;

	zpci_pt_guest_ids(fn, v, &uid, &fid);
	fprintf(out, "<hostdev mode='subsystem' type='pci' managed='yes'>\n"
		"  <driver name='vfio'/>\n"
		"  <source>\n"
		"    <address domain='0x%04x' bus='0x%02x' slot='0x%02x' function='0x%x'/>\n"
		"  </source>\n"
		"  <address type='pci'>\n",
		fn->domain, fn->bus, fn->dev, fn->func);
	if (uid)
		fprintf(out, "    <zpci uid='0x%04x' fid='0x%08x'/>\n", uid, fid);
	else
		fprintf(out, "    <zpci fid='0x%08x'/>\n", fid);
	fprintf(out, "  </address>\n</hostdev>\n");
}

struct zpci_pt_scan *zpci_pt_scan_for(const struct zpci_ctx *ctx, struct zpci_fn *const *fns, size_t n)
{
	struct zpci_pt_scan *scan;
	size_t i;

	for (i = 0; i < n && !(fns[i]->address[0] && zpci_driver_is_vfio(fns[i]->pci.driver)); i++)
		;
	if (i == n || !(scan = malloc(sizeof(*scan))))
		return NULL;
	zpci_pt_scan(ctx, scan);
	return scan;
}

void zpci_pt_show_fn(const struct zpci_ctx *ctx, const struct zpci_system *sys,
		     const struct zpci_fn *fn, const struct zpci_pt_scan *scan)
{
	struct zpci_pt_view v;

	if (!scan || !fn->address[0] || !zpci_driver_is_vfio(fn->pci.driver))
		return;
	zpci_pt_view(ctx, sys, fn, scan, &v);
	zpci_pt_show(fn, scan, &v);
}

json_object *zpci_pt_json_fn(const struct zpci_ctx *ctx, const struct zpci_system *sys,
			     const struct zpci_fn *fn, const struct zpci_pt_scan *scan)
{
	struct zpci_pt_view v;

	if (!scan || !fn->address[0] || !zpci_driver_is_vfio(fn->pci.driver))
		return NULL;
	zpci_pt_view(ctx, sys, fn, scan, &v);
	return zpci_pt_json(scan, &v);
}
