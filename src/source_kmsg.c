// SPDX-License-Identifier: MIT
/*
 * Source: recovery events of this boot's kernel log (ZL_KMSG).
 *
 * Live: /dev/kmsg (ctx->dev_root), opened non-blocking and read to its end
 * (EAGAIN), at most ZPCI_KMSG_MAX_RECORDS records and ZPCI_KMSG_MAX_BYTES
 * bytes; /dev/kmsg holds only the running boot. A saved report: its
 * system/dmesg member (report_collect.c keeps the PCI lines of /dev/kmsg as
 * "[sec.usec] text"). A fake root (--sysfs-root DIR): DIR/../dev/kmsg as a
 * regular file of /dev/kmsg records, one a line. "Now", to judge how recent
 * an event is, is /proc/uptime beside the sysfs root (recorded in reports).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "kmsg_recovery.h"
#include "report_record.h"
#include "report_saved.h"
#include "sources.h"
#include "sysaccess.h"

#define ZPCI_KMSG_MAX_RECORDS 200000
#define ZPCI_KMSG_MAX_BYTES (16u << 20)

struct kmsg_acc {
	struct zpci_system *sys;
	struct zpci_fn *last;		/* the function of the last addressed line */
	unsigned long lines, events;
};

static struct zpci_fn *fn_of_event(struct zpci_system *sys, const struct zpci_kmsg_event *ev)
{
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];

		if (ev->addr[0] ? strcmp(fn->address, ev->addr) == 0 :
		    fn->fid_known && fn->fid == ev->fid)
			return fn;
	}
	return NULL;
}

static void take_line(struct kmsg_acc *a, const char *line)
{
	struct zpci_kmsg_event ev;
	struct zpci_fn *fn;

	a->lines++;
	if (zpci_kmsg_parse(line, &ev) != 1)
		return;
	if (ev.kind == ZRE_REPORTED || ev.kind == ZRE_REPORT_FAILED)
		fn = a->last;	/* pci_report.c logs no address: its caller just did */
	else
		fn = a->last = fn_of_event(a->sys, &ev);
	if (!fn)
		return;		/* a function not selected, or gone since */
	zpci_recovery_apply(&fn->recovery, &ev);
	a->events++;
}

/* Lines of a buffer (a report's member or a fixture file). */
static void take_text(struct kmsg_acc *a, char *buf, size_t len)
{
	char *p = buf, *end = buf + len;

	while (p < end && a->lines < ZPCI_KMSG_MAX_RECORDS) {
		char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl)
			*nl = '\0';
		take_line(a, p);
		p = nl ? nl + 1 : end;
	}
}

int zpci_kmsg_read_fd(struct zpci_system *sys, int fd, zpci_kmsg_read_fn rd,
		      unsigned long *lines, unsigned long *events)
{
	struct kmsg_acc a = { .sys = sys };
	char rec[8192 + 1];	/* a whole record: CONSOLE_EXT_LOG_MAX, and a NUL */
	size_t total = 0;
	ssize_t n;
	int rc = 0;

	while (a.lines < ZPCI_KMSG_MAX_RECORDS && total < ZPCI_KMSG_MAX_BYTES) {
		n = rd(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)	/* overwritten while reading: go on */
			continue;
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno != EAGAIN)
			rc = -errno;
		if (n <= 0)		/* EAGAIN: the end of the log */
			break;
		rec[n] = '\0';
		total += (size_t)n;
		take_text(&a, rec, (size_t)n);
	}
	*lines = a.lines;
	*events = a.events;
	return rc;
}

static int read_live(const struct zpci_ctx *ctx, struct kmsg_acc *a, char *why, size_t whylen)
{
	char path[PATH_MAX];
	int fd, rc;

	snprintf(path, sizeof(path), "%s/kmsg", ctx->dev_root);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		int e = errno;

		snprintf(why, whylen, "%s: %s%s", path, strerror(e),
			 e == EPERM || e == EACCES ? " (needs root, or kernel.dmesg_restrict=0)" : "");
		return e == EPERM || e == EACCES ? ZS_NO_PERMISSION : ZS_UNAVAILABLE;
	}
	rc = zpci_kmsg_read_fd(a->sys, fd, read, &a->lines, &a->events);
	close(fd);
	if (rc) {
		snprintf(why, whylen, "%s: %s", path, strerror(-rc));
		return ZS_UNAVAILABLE;
	}
	return ZS_OK;
}

static int read_file(struct kmsg_acc *a, const char *path, char *why, size_t whylen)
{
	char *buf = malloc(ZPCI_KMSG_MAX_BYTES + 1);
	ssize_t n;

	if (!buf) {
		snprintf(why, whylen, "out of memory");
		return ZS_ERROR;
	}
	n = zpci_file_read(path, buf, ZPCI_KMSG_MAX_BYTES, NULL);
	if (n == -ZPCI_ETOOLONG)
		n = ZPCI_KMSG_MAX_BYTES;	/* bounded: the first 16 MiB */
	if (n < 0) {
		snprintf(why, whylen, "%s: %s", path, zpci_sys_strerror((int)-n));
		free(buf);
		return ZS_UNAVAILABLE;
	}
	buf[n] = '\0';
	take_text(a, buf, (size_t)n);
	free(buf);
	return ZS_OK;
}

static void read_uptime(const struct zpci_ctx *ctx, struct zpci_system *sys)
{
	char path[PATH_MAX], buf[128];
	unsigned long long sec, cs;

	snprintf(path, sizeof(path), "%s/../proc/uptime", ctx->sysfs_root);
	if (zpci_file_read_text(path, buf, sizeof(buf)) > 0 &&
	    sscanf(buf, "%llu.%2llu", &sec, &cs) == 2) {
		sys->uptime_known = true;
		sys->uptime_usec = sec * 1000000ULL + cs * 10000ULL;
	}
}

/* a report of a machine whose kernel log could not be read: the reason, as text */
#define KMSG_UNAVAILABLE_MEMBER "system/dmesg-unavailable"

void zpci_kmsg_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct kmsg_acc a = { .sys = sys };
	char why[PATH_MAX + 128] = "", path[PATH_MAX];
	unsigned char *data;
	size_t len;
	int st, rc;

	read_uptime(ctx, sys);
	if (ctx->report_root) {
		rc = zpci_saved_read(ctx, "system/dmesg", &data, &len);
		if (rc && zpci_saved_read(ctx, KMSG_UNAVAILABLE_MEMBER, &data, &len) == 0) {
			/* why the machine could not read it, as it said then */
			snprintf(why, sizeof(why), "%.*s", (int)len, (const char *)data);
			free(data);
			st = ZS_UNAVAILABLE;
		} else if (rc) {
			snprintf(why, sizeof(why), "the report holds no kernel log (system/dmesg): %s",
				 strerror(-rc));
			st = ZS_UNAVAILABLE;
		} else {
			take_text(&a, (char *)data, len);
			free(data);
			st = ZS_OK;
		}
	} else if (ctx->offline) {
		snprintf(path, sizeof(path), "%s/../dev/kmsg", ctx->sysfs_root);
		st = read_file(&a, path, why, sizeof(why));
	} else {
		st = read_live(ctx, &a, why, sizeof(why));
	}
	if (st != ZS_OK && !ctx->report_root && zpci_recording())
		zpci_record_blob(KMSG_UNAVAILABLE_MEMBER, why, strlen(why));
	if (st == ZS_OK)
		zpci_src_set(&sys->src_kmsg, ZS_OK, "%lu kernel log lines, %lu zPCI recovery lines%s",
			     a.lines, a.events, a.lines >= ZPCI_KMSG_MAX_RECORDS ? " (stopped at the bound)" : "");
	else
		zpci_src_set(&sys->src_kmsg, st, "%s", why);
}
