// SPDX-License-Identifier: MIT
/*
 * What systemd-udevd (src/udev/udev-builtin-net_id.c, naming scheme v249
 * and later, "slot_function_id") names a zPCI function's interfaces:
 *  - slot: the hotplug slot of a zPCI function is found through its
 *    function_id attribute, parsed as a number ("0x00000100" -> 256) and
 *    printed in decimal; the domain is left out because slot and function
 *    are one to one: FID 0x100 -> ens256 (systemd #19016/#19017);
 *  - onboard: the "index" attribute (arch/s390/pci/pci_sysfs.c, the UID,
 *    visible only with UID checking on) like an SMBIOS index: eno<index>,
 *    for indexes up to 16383 (14 bits; naming scheme v257 allows 16 bits);
 *  - path: en, P<domain> when the domain is not 0, p<bus>s<device>, f<func>
 *    for functions other than 0 or multi-function devices.
 * udev's default NamePolicy takes onboard, then slot, then path; the others
 * become alternative names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ifnames.h"

#define ONBOARD_INDEX_MAX ((1u << 14) - 1)

/* header type bit 7: a multi-function device (the config header the sysfs source kept) */
static bool multifunction(const struct zpci_fn *fn)
{
	return fn->pci.config_present && (fn->pci.config_header[0x0e] & 0x80);
}

static void func_suffix(const struct zpci_fn *fn, char *buf, size_t len)
{
	size_t n = strlen(buf);

	if (fn->func > 0 || multifunction(fn))
		snprintf(buf + n, len - n, "f%u", fn->func);
}

void zpci_fn_ifnames(const struct zpci_fn *fn, struct zpci_ifnames *out)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;

	memset(out, 0, sizeof(*out));
	if (fn->state != ZPCI_FN_CONFIGURED || !fn->address[0])
		return;
	/* an index of 0 is used since naming scheme v243 (zero_acpi_index) */
	if (zv_ok(a->index) && a->index.v <= ONBOARD_INDEX_MAX)
		snprintf(out->onboard, sizeof(out->onboard), "eno%llu",
			 (unsigned long long)a->index.v);
	/* systemd takes a slot only for function_id in 1..2^32-1 with a slot directory */
	if (fn->fid_known && fn->fid && fn->zattr.slot_name[0]) {
		snprintf(out->slot, sizeof(out->slot), "ens%u", fn->fid);
		func_suffix(fn, out->slot, sizeof(out->slot));
	}
	if (fn->domain)
		snprintf(out->path, sizeof(out->path), "enP%up%us%u", fn->domain, fn->bus, fn->dev);
	else
		snprintf(out->path, sizeof(out->path), "enp%us%u", fn->bus, fn->dev);
	func_suffix(fn, out->path, sizeof(out->path));
}

bool zpci_ifname_uses_domain(const struct zpci_fn *fn, const char *name)
{
	struct zpci_ifnames n;

	zpci_fn_ifnames(fn, &n);
	/* the path name, or a name with the domain in it as older schemes and
	 * hand-made rules write it (enP<domain>s<dev>...) */
	return (n.path[0] && strncmp(name, n.path, strlen(n.path)) == 0) ||
	       strncmp(name, "enP", 3) == 0;
}

const char *zpci_fidparm_text(unsigned int fidparm, char *buf, size_t len)
{
	/* the fidparm attribute came with 6.13 (not in 6.12's pci_sysfs.c); its
	 * bit 0x01 says a Network Express VF may enter promiscuous mode */
	if (!fidparm) {
		snprintf(buf, len, "none");
		return buf;
	}
	buf[0] = '\0';
	if (fidparm & 0x01)
		snprintf(buf, len, "promiscuous mode allowed (Network Express VF)");
	if (fidparm & ~0x01u)
		snprintf(buf + strlen(buf), len - strlen(buf), "%sbits 0x%02x not known to zpcidiag",
			 buf[0] ? "; " : "", fidparm & ~0x01u);
	return buf;
}
