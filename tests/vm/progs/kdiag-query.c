// SPDX-License-Identifier: MIT
/*
 * In-guest client of the zpcidiag netlink family for tests/vm/cases/kmod-*:
 * prints the module's answer in sysfs's formats so a case can compare each
 * value with the sysfs attribute of the same name.
 *   kdiag-query                  dump every function
 *   kdiag-query addr DDDD:BB:DD.F | fid N   one function (doit)
 *   kdiag-query dump-addr DDDD:BB:DD.F | dump-fid N   a dump filtered by the kernel
 *   kdiag-query dump-slow MS     dump every function, pausing MS ms after each
 *                                message, so a dump in many parts spans the
 *                                removals a case makes meanwhile
 * Exit 0 ok, 2 the family is missing, 3 the kernel refused (errno printed),
 * 4 a dump the kernel marked NLM_F_DUMP_INTR ("interrupted" printed last).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>
#include "sources.h"
#include "uapi/zpcidiag_netlink.h"

void zpci_src_set(struct zpci_src_status *s, enum zpci_src_state state, const char *fmt, ...)
{
	s->state = state;
	(void)fmt;
}

void zpci_fn_problem(struct zpci_fn *fn, enum zpci_severity severity, const char *code, const char *fmt, ...)
{
	(void)fn; (void)severity; (void)code; (void)fmt;
}

static int on_msg(struct nl_msg *msg, void *arg)
{
	struct zpci_kdiag_info k;
	char addr[ZPCI_ADDR_LEN], raw[16] = "absent";
	long pause_ms = *(long *)arg;
	int i;

	if (pause_ms > 0)
		nanosleep(&(struct timespec){ .tv_sec = pause_ms / 1000,
					      .tv_nsec = pause_ms % 1000 * 1000000 }, NULL);
	if (zpci_kdiag_parse(nlmsg_hdr(msg), &k, addr, sizeof(addr)) < 0) {
		printf("malformed\n");
		return NL_OK;
	}
	if (zv_ok(k.state_raw))
		snprintf(raw, sizeof(raw), "%" PRIu64, k.state_raw.v);
	printf("%s function_id=0x%08" PRIx64 " function_handle=0x%08" PRIx64 " uid=0x%" PRIx64
	       " pchid=0x%04" PRIx64 " pfgid=0x%02" PRIx64 " vfn=0x%04" PRIx64 " pft=0x%02" PRIx64
	       " port=%" PRIu64 " maxstbl=%" PRIu64 " no_command_memory=%" PRIu64
	       " is_virtfn=%" PRIu64 " start_dma=0x%" PRIx64 " end_dma=0x%" PRIx64
	       " non_mappable_bars=%s state=%s state_raw=%s",
	       addr, k.fid.v, k.fh.v, k.uid.v, k.pchid.v, k.pfgid.v, k.vfn.v, k.pft.v, k.port.v,
	       k.maxstbl.v, k.no_command_memory.v, k.is_virtfn.v, k.start_dma.v, k.end_dma.v,
	       zv_ok(k.non_mappable_bars) ? (k.non_mappable_bars.v ? "1" : "0") : "absent",
	       zpci_kdiag_state_name(&k.state) ? zpci_kdiag_state_name(&k.state) : "absent",
	       raw);
	for (i = 0; i < ZPCI_NUM_BARS; i++)
		if (k.bars[i].present)
			printf(" bar%d=0x%" PRIx64 ":0x%" PRIx64, i, k.bars[i].size, k.bars[i].flags);
	printf("\n");
	return NL_OK;
}

static int on_err(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	(void)nla;
	*(int *)arg = -e->error;
	return NL_STOP;
}

/* a dump that fails midway ends with NLMSG_DONE carrying -errno */
static int on_done(struct nl_msg *msg, void *arg)
{
	int e = zpci_kdiag_done_errno(nlmsg_hdr(msg));

	if (e)
		*(int *)arg = e;
	return NL_STOP;
}

int main(int argc, char **argv)
{
	struct nl_sock *s = nl_socket_alloc();
	struct nl_msg *m = nlmsg_alloc();
	int fam, err, kerr = 0, dump;
	long pause_ms = 0;

	if (!s || !m || genl_connect(s) < 0)
		return 1;
	fam = genl_ctrl_resolve(s, ZPCIDIAG_GENL_NAME);
	if (fam < 0) {
		fprintf(stderr, "kdiag-query: family %s not registered\n", ZPCIDIAG_GENL_NAME);
		return 2;
	}
	dump = argc <= 2 || strncmp(argv[1], "dump-", 5) == 0;
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, fam, 0, dump ? NLM_F_DUMP : 0,
		    ZPCIDIAG_CMD_GET_FUNCTION, ZPCIDIAG_GENL_VERSION);
	if (argc > 2 && (strcmp(argv[1], "addr") == 0 || strcmp(argv[1], "dump-addr") == 0))
		nla_put_string(m, ZPCIDIAG_A_PCI_ADDR, argv[2]);
	else if (argc > 2 && (strcmp(argv[1], "fid") == 0 || strcmp(argv[1], "dump-fid") == 0))
		nla_put_u32(m, ZPCIDIAG_A_FID, strtoul(argv[2], NULL, 0));
	else if (argc > 2 && strcmp(argv[1], "dump-slow") == 0)
		pause_ms = strtol(argv[2], NULL, 0);
	else if (argc > 2 && strcmp(argv[1], "attr") == 0)	/* an attribute requests may not carry */
		nla_put_u16(m, ZPCIDIAG_A_MAXSTBL, 1);
	nl_socket_modify_cb(s, NL_CB_VALID, NL_CB_CUSTOM, on_msg, &pause_ms);
	nl_socket_modify_err_cb(s, NL_CB_CUSTOM, on_err, &kerr);
	nl_socket_modify_cb(s, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &kerr);
	err = nl_send_auto(s, m);
	if (err >= 0)
		err = nl_recvmsgs_default(s);
	if (kerr) {
		printf("errno=%d %s\n", kerr, strerror(kerr));
		return 3;
	}
	if (err == -NLE_DUMP_INTR) {
		/* NLM_F_DUMP_INTR: functions came or went during the dump */
		printf("interrupted\n");
		return 4;
	}
	if (err < 0) {
		fprintf(stderr, "kdiag-query: %s\n", nl_geterror(err));
		return 1;
	}
	nlmsg_free(m);
	nl_socket_free(s);
	return 0;
}
