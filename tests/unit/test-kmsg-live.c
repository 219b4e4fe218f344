// SPDX-License-Identifier: MIT
/*
 * The live /dev/kmsg reader (source_kmsg.c zpci_kmsg_read_fd) on a fake
 * /dev/kmsg: a non-blocking SOCK_SEQPACKET socket gives what the kernel's
 * devkmsg_read gives, one whole record a read(2) and EAGAIN at the end of
 * the log while the writer stays open. A wrapper around read(2) adds what
 * the kernel does besides: EPIPE when records were overwritten between two
 * reads (the reader must go on), EINTR, and an error that is not the end.
 * Records are in printk's /dev/kmsg format ("prio,seq,usec,flags;text"),
 * texts from arch/s390/pci/pci_event.c.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sources.h"
#include "unit.h"
#include "unit-model.h"

static int reads, fail_at, fail_errno;

/* read(2), but the fail_at-th call fails with fail_errno and reads nothing */
static ssize_t kmsg_read(int fd, void *buf, size_t len)
{
	if (++reads == fail_at) {
		errno = fail_errno;
		return -1;
	}
	return read(fd, buf, len);
}

static const char *const records[] = {
	"6,900,41000000,-;virtio-pci 0001:00:00.0: enabling device (0000 -> 0002)\n",
	/* __zpci_event_error: pr_err (3) */
	"3,901,51234567,-;zpci: 0001:00:00.0: Event 0x2 reports an error for PCI function 0x10\n",
	/* zpci_event_attempt_error_recovery: pr_info (6), a continuation-free record */
	"6,902,51234600,-;zpci: 0001:00:00.0: Cannot be recovered because no driver is bound to the device\n",
	/* another function's event: not ours */
	"3,903,51300000,-;zpci: 0002:00:00.0: Event 0x2 reports an error for PCI function 0x20\n",
};

/* writes the records to one end of a fresh fake /dev/kmsg; returns the reading end */
static int fake_kmsg(int *writer)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK, 0, sv) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(records) / sizeof(records[0]); i++)
		if (write(sv[1], records[i], strlen(records[i])) != (ssize_t)strlen(records[i]))
			return -1;
	*writer = sv[1];
	return sv[0];
}

static void one_fn(struct zpci_system *sys, struct zpci_fn *fn, struct unit_fn_parts *parts)
{
	unit_fn_with_parts(fn, parts);
	strcpy(fn->address, "0001:00:00.0");
	fn->fid_known = true;
	fn->fid = 0x10;
	memset(sys, 0, sizeof(*sys));
	sys->fns = fn;
	sys->nfns = 1;
}

static int run(struct zpci_system *sys, int at, int err, unsigned long *lines, unsigned long *events)
{
	int w = -1, fd = fake_kmsg(&w), rc;

	CHECK(fd >= 0);
	reads = 0;
	fail_at = at;
	fail_errno = err;
	rc = zpci_kmsg_read_fd(sys, fd, kmsg_read, lines, events);
	close(fd);
	close(w);	/* open until now: the end of the log is EAGAIN, not EOF */
	return rc;
}

int main(void)
{
	static struct unit_fn_parts parts;
	struct zpci_system sys;
	unsigned long lines, events;
	static struct zpci_fn fn;	/* static: unit_fn_with_parts frees its reasons */

	/* the whole log, record by record, to EAGAIN */
	one_fn(&sys, &fn, &parts);
	CHECK(run(&sys, 0, 0, &lines, &events) == 0);
	CHECK_EQ_U64(lines, 4);
	CHECK_EQ_U64(events, 2);
	CHECK_EQ_U64(fn.recovery.nerrors, 1);
	CHECK(fn.recovery.outcome == ZRE_FAILED);
	CHECK_EQ_U64(fn.recovery.outcome_usec, 51234600);
	CHECK(strstr(fn.recovery.outcome_text, "no driver is bound") != NULL);

	/* EPIPE before the second read (records overwritten): the reader goes on
	 * and still takes every record that is left */
	one_fn(&sys, &fn, &parts);
	CHECK(run(&sys, 2, EPIPE, &lines, &events) == 0);
	CHECK_EQ_U64(lines, 4);
	CHECK(fn.recovery.outcome == ZRE_FAILED);

	/* EINTR: the same */
	one_fn(&sys, &fn, &parts);
	CHECK(run(&sys, 3, EINTR, &lines, &events) == 0);
	CHECK_EQ_U64(lines, 4);

	/* EAGAIN early is the end of the log: what was read counts, no error */
	one_fn(&sys, &fn, &parts);
	CHECK(run(&sys, 3, EAGAIN, &lines, &events) == 0);
	CHECK_EQ_U64(lines, 2);
	CHECK_EQ_U64(fn.recovery.nerrors, 1);
	CHECK(fn.recovery.outcome == ZRE_NONE);

	/* any other error is not the end of the log: it is said */
	one_fn(&sys, &fn, &parts);
	CHECK(run(&sys, 1, EINVAL, &lines, &events) == -EINVAL);
	CHECK_EQ_U64(lines, 0);

	return unit_done("test-kmsg-live");
}
