// SPDX-License-Identifier: MIT
/* /proc/sysinfo: parser and source (sysinfo.h). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysaccess.h"
#include "sysfs_parse.h"
#include "sysinfo.h"

/* a value as the kernel pads it ("%-8.8s"): leading and trailing blanks off,
 * sanitised up to the line's end (a NUL byte in it is shown, not an end) */
static void value(const char *v, const char *end, char *out, size_t len)
{
	size_t n;

	while (v < end && *v == ' ')
		v++;
	n = (size_t)(end - v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\n'))
		n--;
	zpci_sanitize(v, n, out, len);
}

static void parse_line(const char *line, size_t l, struct zpci_sysinfo *si)
{
	const char *colon = memchr(line, ':', l), *end = line + l;
	char key[40], cpi[sizeof(si->cpi)];
	unsigned int lvl;
	uint64_t num;

	if (!colon || (size_t)(colon - line) >= sizeof(key))
		return;
	memcpy(key, line, (size_t)(colon - line));
	key[colon - line] = '\0';
	if (strcmp(key, "Manufacturer") == 0)
		value(colon + 1, end, si->manufacturer, sizeof(si->manufacturer));
	else if (strcmp(key, "Type") == 0)
		value(colon + 1, end, si->type, sizeof(si->type));
	else if (strcmp(key, "LPAR Name") == 0)
		value(colon + 1, end, si->lpar_name, sizeof(si->lpar_name));
	else if (strcmp(key, "LPAR Extended Name") == 0)
		value(colon + 1, end, si->lpar_ext_name, sizeof(si->lpar_ext_name));
	else if (strcmp(key, "LPAR UUID") == 0)
		si->lpar_uuid = true;
	else if (strcmp(key, "LPAR Number") == 0) {
		value(colon + 1, end, key, sizeof(key));
		si->lpar_number.st = zpci_parse_number(key, strlen(key), &num) ? ZV_MALFORMED : ZV_OK;
		si->lpar_number.v = num;
	} else if (strncmp(key, "VM", 2) == 0 && strcmp(key + 4, " Control Program") == 0 &&
		   sscanf(key, "VM%2u", &lvl) == 1) {
		/* sscanf alone would take "VM00 CPUs Configured" (same length, and
		 * the literal after %2u is not counted): compare the rest */
		/* one line per level, outermost first: the last one is ours */
		value(colon + 1, end, cpi, sizeof(cpi));
		snprintf(si->cpi, sizeof(si->cpi), "%s", cpi);
		si->vm_levels = (int)lvl + 1;
		si->guest = strncmp(cpi, "z/VM", 4) == 0 ? ZPCI_GUEST_ZVM :
			    strncmp(cpi, "KVM/Linux", 9) == 0 ? ZPCI_GUEST_KVM : ZPCI_GUEST_OTHER;
	}
}

void zpci_sysinfo_parse(const char *text, size_t len, struct zpci_sysinfo *si)
{
	size_t pos = 0;

	memset(si, 0, sizeof(*si));
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (text + pos)) : len - pos;
		char line[320];

		if (l < sizeof(line)) {
			memcpy(line, text + pos, l);
			line[l] = '\0';
			parse_line(line, l, si);
		}
		pos += l + 1;
	}
	si->valid = si->type[0] != '\0';
	if (!si->valid)
		snprintf(si->why, sizeof(si->why), "no \"Type:\" line: not /proc/sysinfo of IBM Z");
}

const char *zpci_guest_name(enum zpci_guest g)
{
	switch (g) {
	case ZPCI_GUEST_NONE: return "lpar";
	case ZPCI_GUEST_ZVM: return "z/VM guest";
	case ZPCI_GUEST_KVM: return "KVM guest";
	case ZPCI_GUEST_OTHER: return "guest";
	}
	return "unknown";
}

void zpci_sysinfo_read(const struct zpci_ctx *ctx, struct zpci_sysinfo *si)
{
	char path[PATH_MAX], *buf = malloc(65536);
	ssize_t n;

	memset(si, 0, sizeof(*si));
	if (!buf) {
		snprintf(si->why, sizeof(si->why), "out of memory");
		return;
	}
	snprintf(path, sizeof(path), "%s/../proc/sysinfo", ctx->sysfs_root);
	n = zpci_file_read(path, buf, 65536, NULL);
	if (n >= 0)
		zpci_sysinfo_parse(buf, (size_t)n, si);
	else
		snprintf(si->why, sizeof(si->why), "/proc/sysinfo: %s", n == -ENOENT ?
			 "missing (not IBM Z, or no /proc beside the sysfs root)" :
			 zpci_sys_strerror((int)-n));
	free(buf);
}

void zpci_env_fill(const struct zpci_ctx *ctx, struct zpci_system *sys)
{
	struct zpci_sysinfo si;

	zpci_sysinfo_read(ctx, &si);
	sys->env_known = si.valid;
	sys->guest = si.valid ? si.guest : ZPCI_GUEST_NONE;
}

void zpci_sysinfo_record(const struct zpci_ctx *ctx)
{
	struct zpci_sysinfo si;

	zpci_sysinfo_read(ctx, &si);
}
