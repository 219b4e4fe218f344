// SPDX-License-Identifier: MIT
/* Parser of the FMB statistics file (fmb_stats.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmb_stats.h"

static int malformed(struct zpci_fmb *fmb, unsigned int line, const char *what)
{
	fmb->state = ZPCI_FMB_MALFORMED;
	snprintf(fmb->why, sizeof(fmb->why), "line %u: %s", line, what);
	return -1;
}

/* A decimal or (hex) unsigned number filling the whole string. */
static int parse_u64(const char *s, int base, uint64_t *v)
{
	char *end;

	if (!isxdigit((unsigned char)s[0]))
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end ? -1 : 0;
}

static void make_key(const char *name, char *key, size_t len)
{
	size_t n = 0;

	for (const char *p = name; *p && n + 1 < len; p++)
		key[n++] = isalnum((unsigned char)*p) ? (char)tolower((unsigned char)*p) : '_';
	key[n] = '\0';
}

/* "Update interval: 4000 ms", "Samples: 12", "Last update TOD: d9a8..." */
static int parse_header(struct zpci_fmb *fmb, const char *line, unsigned int no)
{
	static const char *const want[] = { "Update interval: ", "Samples: ", "Last update TOD: " };
	const char *v = line + strlen(want[no - 1]);
	char num[160];
	uint64_t x;

	if (strncmp(line, want[no - 1], strlen(want[no - 1])) != 0)
		return malformed(fmb, no, "header line expected");
	snprintf(num, sizeof(num), "%s", v);
	if (no == 1) {
		size_t l = strlen(num);

		if (l < 4 || strcmp(num + l - 3, " ms") != 0)
			return malformed(fmb, no, "update interval without \" ms\"");
		num[l - 3] = '\0';
	}
	if (parse_u64(num, no == 3 ? 16 : 10, &x) || (no < 3 && x > UINT32_MAX))
		return malformed(fmb, no, "not a number");
	if (no == 1)
		fmb->update_ms = (uint32_t)x;
	else if (no == 2)
		fmb->samples = (uint32_t)x;
	else
		fmb->last_update_tod = x;
	return 0;
}

/* "%26s:\t%llu": the name right-aligned in 26 columns, a colon, a tab, the value. */
static int parse_counter(struct zpci_fmb *fmb, const char *line, unsigned int no)
{
	const char *tab = strchr(line, '\t'), *name = line;
	struct zpci_fmb_counter *c;
	size_t len;

	if (strcmp(line, "Unknown format") == 0) {
		fmb->unknown_format = true;
		return 0;
	}
	if (!tab || tab == line || tab[-1] != ':')
		return malformed(fmb, no, "counter line is not \"name:<TAB>value\"");
	while (*name == ' ')
		name++;
	len = (size_t)(tab - 1 - name);
	if (!len || len >= sizeof(c->name))
		return malformed(fmb, no, "counter name empty or too long");
	if (fmb->n == ZPCI_FMB_MAX_COUNTERS)
		return malformed(fmb, no, "more counters than the kernel prints");
	c = &fmb->c[fmb->n];
	memcpy(c->name, name, len);
	c->name[len] = '\0';
	for (size_t i = 0; i < len; i++)
		if (!isprint((unsigned char)c->name[i]))
			return malformed(fmb, no, "counter name has control characters");
	if (parse_u64(tab + 1, 10, &c->value))
		return malformed(fmb, no, "counter value is not a decimal number");
	make_key(c->name, c->key, sizeof(c->key));
	fmb->n++;
	return 0;
}

int zpci_fmb_parse(const char *text, size_t len, struct zpci_fmb *fmb)
{
	unsigned int no = 0;
	size_t pos = 0;

	memset(fmb, 0, sizeof(*fmb));
	if (memchr(text, '\0', len))
		return malformed(fmb, 1, "NUL byte in the text");
	if (len == 0 || text[len - 1] != '\n')
		return malformed(fmb, 1, "empty, or the last line is not complete");
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t l = (size_t)(nl - (text + pos));
		char line[160];
		int rc;

		no++;
		if (l >= sizeof(line))
			return malformed(fmb, no, "line too long");
		memcpy(line, text + pos, l);
		line[l] = '\0';
		pos += l + 1;
		if (no == 1 && strcmp(line, "FMB statistics disabled") == 0) {
			if (pos != len)
				return malformed(fmb, 2, "text after \"FMB statistics disabled\"");
			fmb->state = ZPCI_FMB_DISABLED;
			return 0;
		}
		rc = no <= 3 ? parse_header(fmb, line, no) : parse_counter(fmb, line, no);
		if (rc)
			return rc;
	}
	/* the four common counters are always printed */
	if (no < 3 + 4 || fmb->n < 4)
		return malformed(fmb, no, "fewer than the four common counters");
	fmb->state = ZPCI_FMB_ENABLED;
	return 0;
}

const struct zpci_fmb_counter *zpci_fmb_find(const struct zpci_fmb *fmb, const char *key)
{
	for (size_t i = 0; i < fmb->n; i++)
		if (strcmp(fmb->c[i].key, key) == 0)
			return &fmb->c[i];
	return NULL;
}

const char *zpci_fmb_state_name(enum zpci_fmb_state st)
{
	switch (st) {
	case ZPCI_FMB_ABSENT: return "unavailable";
	case ZPCI_FMB_DISABLED: return "disabled";
	case ZPCI_FMB_ENABLED: return "enabled";
	case ZPCI_FMB_MALFORMED: return "malformed";
	}
	return "unknown";
}
