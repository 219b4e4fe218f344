// SPDX-License-Identifier: MIT
/*
 * In-guest writer of the SMC PNET table for tests/vm/cases/pnet-*: the guest
 * has no smc_pnet(8), and zpcidiag only reads the table. Talks to the smc
 * module's generic-netlink family SMC_PNETID (net/smc/smc_pnet.c) directly.
 *   smc-pnet-set add PNETID eth IFNAME         an entry for a network interface
 *   smc-pnet-set add PNETID ib IBDEV [PORT]    an entry for an RDMA/ISM device
 *   smc-pnet-set del PNETID                    every entry with that ID
 *   smc-pnet-set flush                         the whole table
 * The kernel upper-cases the ID and allows 1-16 characters a-z A-Z 0-9. It
 * refuses (EEXIST) an entry for an interface that has a hardware-defined
 * PNET ID (the utility string) or is already in the table; it accepts one for
 * an interface that does not exist (yet).
 * Exit 0 ok, 1 usage, 2 the family is missing (smc not loaded), 3 the kernel
 * refused (its error printed).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <netlink/netlink.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

/* include/uapi/linux/smc.h, 6.1 and 6.12 alike (facts; our own names) */
#define PNET_FAMILY "SMC_PNETID"
#define PNET_VERSION 1
enum { PNET_CMD_ADD = 2, PNET_CMD_DEL = 3, PNET_CMD_FLUSH = 4 };
enum { PNET_A_NAME = 1, PNET_A_ETHNAME = 2, PNET_A_IBNAME = 3, PNET_A_IBPORT = 4 };

static int usage(void)
{
	fprintf(stderr, "usage: smc-pnet-set add PNETID eth IFNAME | add PNETID ib IBDEV [PORT] |"
			" del PNETID | flush\n");
	return 1;
}

/* The command argv asks for; -1 when it is not one. */
static int command(int argc, char **argv)
{
	const char *op = argv[1];

	if (strcmp(op, "add") == 0 && (argc == 5 || argc == 6) &&
	    (strcmp(argv[3], "ib") == 0 || (strcmp(argv[3], "eth") == 0 && argc == 5)))
		return PNET_CMD_ADD;
	if (strcmp(op, "del") == 0 && argc == 3)
		return PNET_CMD_DEL;
	if (strcmp(op, "flush") == 0 && argc == 2)
		return PNET_CMD_FLUSH;
	return -1;
}

/* The request for cmd; 0 ok, -1 a bad port or no room. */
static int build(struct nl_msg *msg, int family, int cmd, int argc, char **argv)
{
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, family, 0, NLM_F_REQUEST | NLM_F_ACK, cmd,
			 PNET_VERSION))
		return -1;
	if (cmd == PNET_CMD_FLUSH)
		return 0;
	if (nla_put_string(msg, PNET_A_NAME, argv[2]) < 0)
		return -1;
	if (cmd == PNET_CMD_DEL)
		return 0;
	if (strcmp(argv[3], "eth") == 0)
		return nla_put_string(msg, PNET_A_ETHNAME, argv[4]) < 0 ? -1 : 0;
	if (nla_put_string(msg, PNET_A_IBNAME, argv[4]) < 0)
		return -1;
	if (argc == 6) {
		char *end;
		unsigned long port = strtoul(argv[5], &end, 0);

		/* the kernel checks 1..SMC_MAX_PORTS; pass what was asked for */
		if (!argv[5][0] || *end || port > 0xff || nla_put_u8(msg, PNET_A_IBPORT, (uint8_t)port) < 0)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct nl_sock *sock;
	struct nl_msg *msg;
	int family, err, cmd;

	if (argc < 2 || (cmd = command(argc, argv)) < 0)
		return usage();
	sock = nl_socket_alloc();
	if (!sock || genl_connect(sock) < 0) {
		fprintf(stderr, "smc-pnet-set: no generic netlink socket\n");
		return 2;
	}
	family = genl_ctrl_resolve(sock, PNET_FAMILY);
	if (family < 0) {
		fprintf(stderr, "smc-pnet-set: no netlink family %s: %s\n", PNET_FAMILY, nl_geterror(family));
		nl_socket_free(sock);
		return 2;
	}
	msg = nlmsg_alloc();
	if (!msg || build(msg, family, cmd, argc, argv) < 0) {
		nlmsg_free(msg);
		nl_socket_free(sock);
		return usage();
	}
	/* nl_send_sync sends, waits for the kernel's ack or error and frees msg */
	err = nl_send_sync(sock, msg);
	nl_socket_free(sock);
	if (err < 0) {
		fprintf(stderr, "smc-pnet-set %s: the kernel refused: %s\n", argv[1], nl_geterror(err));
		return 3;
	}
	return 0;
}
