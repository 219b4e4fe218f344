// SPDX-License-Identifier: MIT
/*
 * Recovery events of zPCI functions in the kernel log (kmsg_recovery.h).
 *
 * Every message below is printed with pr_fmt "zpci: " (KMSG_COMPONENT
 * "zpci"); most continue with the function's PCI address, pci_name(pdev),
 * and ": ". Where they come from (Linux 6.12, and torvalds/linux master for
 * the newer ones):
 *   arch/s390/pci/pci_event.c
 *     __zpci_event_error (6.12) / __zpci_event_print_error (newer):
 *       "%s: Event 0x%x reports an error for PCI function 0x%x" (%s may be "n/a")
 *     zpci_event_notify_error_detected: "%s: Automatic recovery failed after initial reporting"
 *     zpci_event_do_error_state_clear: "%s: Unblocking device access for examination",
 *       "%s: Unblocking device access failed", "%s: Unblocking DMA failed",
 *       "%s: Automatic recovery failed after MMIO re-enable"
 *     zpci_event_do_reset: "%s: Initiating reset", "%s: The reset request failed",
 *       "%s: Automatic recovery failed after slot reset"
 *     zpci_event_attempt_error_recovery:
 *       "%s: Cannot be recovered in the host because it is a pass-through device" (6.12),
 *       "%s: Cannot be recovered because no driver is bound to the device",
 *       "%s: The %s driver bound to the device does not support error recovery",
 *       "%s: Leaving recovery of pass-through device to user-space" (newer),
 *       "%s: Automatic recovery failed; operator intervention is required",
 *       "%s: The device is ready to resume operations"
 *   arch/s390/pci/pci_report.c (6.15+)
 *     zpci_report_status: "Reported PCI device status",
 *       "Reporting PCI status failed with code %d" (no address: the caller,
 *       zpci_event_attempt_error_recovery, has just logged the function)
 * The pr_debug lines ("Driver needs reset to recover", "Unblocking DMA") are
 * not in the log unless dynamic debug enables them; they are steps if present.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kmsg_recovery.h"

static const struct {
	const char *start;		/* the text after "ADDR: " starts with it */
	enum zpci_rec_event kind;
} msgs[] = {
	{ "Event 0x", ZRE_ERROR },
	{ "Automatic recovery failed", ZRE_FAILED },	/* all four variants */
	{ "Cannot be recovered", ZRE_FAILED },		/* no driver, pass-through (6.12) */
	{ "The device is ready to resume operations", ZRE_RECOVERED },
	{ "Leaving recovery of pass-through device to user-space", ZRE_USERSPACE },
	{ "Unblocking device access", ZRE_STEP },
	{ "Unblocking DMA", ZRE_STEP },
	{ "Initiating reset", ZRE_STEP },
	{ "The reset request failed", ZRE_STEP },
	{ "Driver needs reset to recover", ZRE_STEP },
};

/* "The %s driver bound to the device does not support error recovery" */
static bool driver_unsupported(const char *t)
{
	const char *tail = " driver bound to the device does not support error recovery";
	size_t n = strlen(t), m = strlen(tail);

	return strncmp(t, "The ", 4) == 0 && n > 4 + m && strcmp(t + n - m, tail) == 0;
}

/* "dddd:bb:dd.f" (lowercase hex as pci_name prints it, domain 4 or more digits) */
static size_t pci_addr_len(const char *p)
{
	size_t i = 0, d = 0;

	while (isxdigit((unsigned char)p[i]))
		i++;
	if (i < 4 || i > 8 || p[i] != ':')
		return 0;
	for (d = 0; d < 2; d++)
		if (!isxdigit((unsigned char)p[++i]))
			return 0;
	if (p[++i] != ':')
		return 0;
	for (d = 0; d < 2; d++)
		if (!isxdigit((unsigned char)p[++i]))
			return 0;
	if (p[++i] != '.' || !isdigit((unsigned char)p[i + 1]))
		return 0;
	return i + 2;
}

/* The timestamp and the message text of a line; NULL when it is neither form. */
static const char *split_line(const char *line, uint64_t *usec)
{
	unsigned long long us, sec;
	int n = 0;

	if (line[0] == '[') {
		if (sscanf(line, "[%llu.%6llu]%n", &sec, &us, &n) != 2 || !n)
			return NULL;
		*usec = sec * 1000000ULL + us;
		line += n;
		while (*line == ' ')
			line++;
		return line;
	}
	if (!isdigit((unsigned char)line[0]))	/* continuation lines start with ' ' */
		return NULL;
	if (sscanf(line, "%*u,%*u,%llu,%n", &us, &n) != 1 || !n)
		return NULL;
	line = strchr(line, ';');
	if (!line)
		return NULL;
	*usec = us;
	return line + 1;
}

int zpci_kmsg_parse(const char *line, struct zpci_kmsg_event *ev)
{
	const char *t;
	size_t alen, tlen;

	memset(ev, 0, sizeof(*ev));
	t = split_line(line, &ev->usec);
	if (!t || strncmp(t, "zpci: ", 6) != 0)
		return 0;
	t += 6;
	tlen = strcspn(t, "\n");
	if (strncmp(t, "Reported PCI device status", 26) == 0 && tlen == 26)
		ev->kind = ZRE_REPORTED;
	else if (strncmp(t, "Reporting PCI status failed with code ", 38) == 0)
		ev->kind = ZRE_REPORT_FAILED;
	if (ev->kind) {
		snprintf(ev->text, sizeof(ev->text), "%.*s", (int)tlen, t);
		return 1;
	}
	alen = pci_addr_len(t);
	if (alen && alen < ZPCI_ADDR_LEN && t[alen] == ':' && t[alen + 1] == ' ') {
		memcpy(ev->addr, t, alen);
		t += alen + 2;
	} else if (strncmp(t, "n/a: ", 5) == 0) {
		t += 5;
	} else {
		return 0;
	}
	tlen = strcspn(t, "\n");
	snprintf(ev->text, sizeof(ev->text), "%.*s", (int)tlen, t);
	for (size_t i = 0; i < sizeof(msgs) / sizeof(msgs[0]); i++)
		if (strncmp(ev->text, msgs[i].start, strlen(msgs[i].start)) == 0) {
			ev->kind = msgs[i].kind;
			break;
		}
	if (!ev->kind && driver_unsupported(ev->text))
		ev->kind = ZRE_FAILED;
	if (ev->kind == ZRE_ERROR) {
		const char *f = strstr(ev->text, " for PCI function 0x");
		char *end;
		unsigned long v;

		/* __zpci_event_error: PEC 0x2a-0x2c concern the FMB, no recovery follows */
		v = strtoul(ev->text + 6, &end, 16);
		if (end != ev->text + 6 && v >= 0x2a && v <= 0x2c)
			ev->kind = ZRE_STEP;

		if (f) {
			v = strtoul(f + 20, &end, 16);
			if (end != f + 20 && v <= 0xffffffffUL) {
				ev->fid = (uint32_t)v;
				ev->fid_known = true;
			}
		}
	}
	if (!ev->kind || (!ev->addr[0] && !ev->fid_known))
		return 0;
	return 1;
}

void zpci_recovery_apply(struct zpci_recovery *r, const struct zpci_kmsg_event *ev)
{
	if (!r->nevents++)
		r->first_usec = ev->usec;
	r->last_usec = ev->usec;
	switch (ev->kind) {
	case ZRE_ERROR:
		r->nerrors++;
		if (r->outcome != ZRE_NONE)
			r->outcome_after_error = true;
		break;
	case ZRE_RECOVERED:
	case ZRE_FAILED:
	case ZRE_USERSPACE:
		r->outcome = ev->kind;
		r->outcome_usec = ev->usec;
		r->outcome_after_error = false;
		snprintf(r->outcome_text, sizeof(r->outcome_text), "%s", ev->text);
		break;
	case ZRE_REPORTED:
		r->reported = true;
		r->reported_usec = ev->usec;
		break;
	case ZRE_REPORT_FAILED:
		r->report_failed = true;
		break;
	case ZRE_STEP:
	case ZRE_NONE:
		break;
	}
}

const char *zpci_rec_event_name(enum zpci_rec_event k)
{
	switch (k) {
	case ZRE_ERROR:
		return "error";
	case ZRE_STEP:
		return "in progress";
	case ZRE_RECOVERED:
		return "recovered";
	case ZRE_FAILED:
		return "failed";
	case ZRE_USERSPACE:
		return "left to user space";
	case ZRE_REPORTED:
		return "reported";
	case ZRE_REPORT_FAILED:
		return "report failed";
	case ZRE_NONE:
		break;
	}
	return "none";
}

bool zpci_fn_config_answers(const struct zpci_fn *fn)
{
	return fn->pci.config_present &&
	       !(fn->pci.config_header[0] == 0xff && fn->pci.config_header[1] == 0xff);
}

bool zpci_recovery_recent(const struct zpci_system *sys, uint64_t usec)
{
	if (!sys->uptime_known || usec > sys->uptime_usec)
		return true;
	return sys->uptime_usec - usec < ZPCI_RECOVERY_RECENT_USEC;
}
