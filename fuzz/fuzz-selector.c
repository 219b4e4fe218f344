// SPDX-License-Identifier: MIT
/*
 * DEVICE arguments as a user (or a script fed from elsewhere) types them.
 * An accepted selector must be complete: a NUL-terminated name for names,
 * in-range numbers for addresses and IDs, and it must match a function
 * built from itself.
 */
#include "config.h"

#include "fuzz.h"
#include "select.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct zpci_fn fn;
	struct zpci_selector sel;
	char err[160];
	char *s;

	if (memchr(data, '\0', size))
		return 0;	/* argv strings have no NUL inside */
	s = fuzz_strdup(data, size);
	err[0] = '\0';
	if (zpci_selector_parse(s, &sel, err, sizeof(err)) == 0) {
		memset(&fn, 0, sizeof(fn));
		fuzz_check_str(sel.name);
		switch (sel.kind) {
		case ZSEL_ADDR:
			if (sel.bus > 0xff || sel.dev > 0x1f || sel.func > 7)
				fuzz_fail("address out of range");
			fn.state = ZPCI_FN_CONFIGURED;
			fn.domain = sel.domain, fn.bus = sel.bus, fn.dev = sel.dev, fn.func = sel.func;
			break;
		case ZSEL_FID:
			if (sel.id > 0xffffffffULL)
				fuzz_fail("FID 0x%llx wider than 32 bits", (unsigned long long)sel.id);
			fn.fid_known = true, fn.fid = (uint32_t)sel.id;
			break;
		case ZSEL_UID:
			if (sel.id > 0xffffffffULL)
				fuzz_fail("UID 0x%llx wider than 32 bits", (unsigned long long)sel.id);
			fn.zattr.uid.st = ZV_OK, fn.zattr.uid.v = sel.id;
			break;
		case ZSEL_NETDEV:
			if (!sel.name[0] || strlen(sel.name) > 15)
				fuzz_fail("interface name \"%s\"", sel.name);
			snprintf(fn.pci.netdevs[0], sizeof(fn.pci.netdevs[0]), "%s", sel.name);
			break;
		case ZSEL_NVME:
			if (strncmp(sel.name, "nvme", 4) != 0)
				fuzz_fail("NVMe controller \"%s\"", sel.name);
			snprintf(fn.pci.blockdevs[0], sizeof(fn.pci.blockdevs[0]), "%s", sel.name);
			break;
		default:
			fuzz_fail("selector kind %d", (int)sel.kind);
		}
		if (!zpci_selector_match(&sel, &fn))
			fuzz_fail("selector \"%s\" does not match the function it describes", s);
	} else if (!err[0]) {
		fuzz_fail("selector \"%s\" refused without a reason", s);
	}
	fuzz_check_str(err);
	free(s);
	return 0;
}
