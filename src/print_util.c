// SPDX-License-Identifier: MIT
/*
 * The utility string for people and for JSON: show, clp show and the "vfio"
 * member all present it here (util_string.c decodes it).
 */
#include "config.h"

#include <stdio.h>

#include "json_value.h"
#include "print_util.h"
#include "util_string.h"

json_object *zpci_json_util(const uint8_t *util, size_t len, bool avail)
{
	json_object *o = json_object_new_object(), *ids = json_object_new_array();
	char hex[129], ascii[65], pnet[4][17];
	size_t n = len < 64 ? len : 64;

	for (size_t i = 0; i < n; i++)
		snprintf(hex + 2 * i, 3, "%02x", util[i]);
	hex[2 * n] = '\0';
	zpci_util_text(util, n, ascii, sizeof(ascii));
	zpci_util_pnet_ids(util, n, pnet);
	for (int i = 0; i < 4; i++)
		json_object_array_add(ids, zpci_json_str(pnet[i]));
	json_object_object_add(o, "available", json_object_new_boolean(avail));
	json_object_object_add(o, "hex", json_object_new_string(hex));
	json_object_object_add(o, "text", json_object_new_string(ascii));
	json_object_object_add(o, "pnet_ids", ids);
	return o;
}

static void text_util(const struct zpci_printer *p, const char *key, const uint8_t *util,
		      size_t len)
{
	char pnet[4][17], ascii[65], hex[160], k[40];
	size_t n = 0;

	if (!util) {
		zpci_print_string(p, ZP_TEXT, key, "-", "not offered by this kernel");
		return;
	}
	if (zpci_util_blank(util, len)) {
		zpci_print_string(p, ZP_TEXT, key, "(empty)",
				  "utility string: none set in the I/O configuration");
		return;
	}
	if (zpci_util_pnet_ids(util, len, pnet)) {
		for (int i = 0; i < 4; i++) {
			if (!pnet[i][0])
				continue;
			snprintf(k, sizeof(k), "%s[%d]", key, i);
			zpci_print_string(p, ZP_TEXT, k, pnet[i], "PNET ID (EBCDIC, 16 bytes per port)");
		}
	}
	zpci_util_text(util, len, ascii, sizeof(ascii));
	zpci_print_string(p, ZP_TEXT, key, ascii, "as text (EBCDIC decoded)");
	for (size_t i = 0; i < len && n + 3 < sizeof(hex); i++)
		n += (size_t)snprintf(hex + n, sizeof(hex) - n, "%02x", util[i]);
	hex[n] = '\0';
	zpci_print_string(p, ZP_TEXT, "", hex, "");
}

void zpci_print_util(const struct zpci_printer *p, const char *key, const uint8_t *util,
		     size_t len, bool avail)
{
	if (p->obj)
		zpci_print_json(p, key, util ? zpci_json_util(util, len, avail) : NULL);
	else
		text_util(p, key, util, len);
}
