// SPDX-License-Identifier: MIT
/*
 * One "zpcidiag" generic netlink reply from the kernel module (or from
 * anything else answering on that family). The input is what follows the
 * netlink header: the generic netlink header and the attributes. libnl has
 * already checked nlmsg_len against the bytes received before a message
 * reaches zpci_kdiag_parse(), so the harness builds a header that agrees.
 */
#include "config.h"

#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include "fuzz.h"
#include "sources.h"

/* Link seams: source_kdiag.c reports through model.c, which is not linked. */
void zpci_src_set(struct zpci_src_status *s, enum zpci_src_state state, const char *fmt, ...)
{
	s->state = state;
	s->reason = NULL;	/* nothing allocated: the seam keeps no reason */
	(void)fmt;
}

void zpci_fn_problem(struct zpci_fn *fn, enum zpci_severity severity, const char *code,
		     const char *fmt, ...)
{
	(void)fn, (void)severity, (void)code, (void)fmt;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN];
	struct nlmsghdr *nlh;

	if (size > 65536)
		return 0;
	nlh = malloc(NLMSG_HDRLEN + size);
	if (!nlh)
		abort();
	memset(nlh, 0, NLMSG_HDRLEN);
	nlh->nlmsg_len = (uint32_t)(NLMSG_HDRLEN + size);
	nlh->nlmsg_type = 0x20;
	memcpy((char *)nlh + NLMSG_HDRLEN, data, size);
	if (zpci_kdiag_parse(nlh, &k, addr, sizeof(addr)) == 0) {
		fuzz_check_str(addr);
		fuzz_check_str(k.pf_addr);
		if (!addr[0] && !zv_ok(k.fid))
			fuzz_fail("reply accepted with neither address nor FID");
	}
	free(nlh);
	return 0;
}
