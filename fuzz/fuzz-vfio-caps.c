// SPDX-License-Identifier: MIT
/*
 * A VFIO_DEVICE_GET_INFO reply with its capability chain, as the kernel (or
 * a variant driver we do not know) fills it. The decoder must stay inside
 * the bytes it was given and keep its capability list within bounds.
 */
#include "config.h"

#include "fuzz.h"
#include "vfio_caps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zpci_vfio_info out;

	memset(&out, 0, sizeof(out));
	(void)zpci_vfio_caps_decode(data, size, &out);
	fuzz_check_str(out.chain_error);
	if (out.ncaps > ZPCI_VFIO_MAX_CAPS)
		fuzz_fail("%zu capabilities, room for %d", out.ncaps, ZPCI_VFIO_MAX_CAPS);
	for (size_t i = 0; i < out.ncaps; i++) {
		if (out.caps[i].offset > size || out.caps[i].len > size - out.caps[i].offset)
			fuzz_fail("capability %zu at %u+%u lies outside %zu bytes", i,
				  out.caps[i].offset, out.caps[i].len, size);
		(void)zpci_vfio_cap_name(out.caps[i].id);
	}
	return 0;
}
