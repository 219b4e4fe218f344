// SPDX-License-Identifier: MIT
/* JSON values (json_value.h): below the documents, which json_out.c builds. */
#include "config.h"

#include <stdio.h>

#include "json_value.h"

json_object *zpci_json_u64(uint64_t v)
{
	return json_object_new_uint64(v);
}

json_object *zpci_json_hex(uint64_t v, int digits)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "0x%0*llx", digits, (unsigned long long)v);
	return json_object_new_string(buf);
}

json_object *zpci_json_malformed(void)
{
	return json_object_new_string(ZPCI_JSON_MALFORMED);
}

json_object *zpci_json_zv_hex(const struct zv *v, int digits)
{
	if (v->st == ZV_MALFORMED)
		return zpci_json_malformed();
	return zv_ok(*v) ? zpci_json_hex(v->v, digits) : NULL;
}

json_object *zpci_json_zv(const struct zv *v)
{
	if (v->st == ZV_MALFORMED)
		return zpci_json_malformed();
	return zv_ok(*v) ? zpci_json_u64(v->v) : NULL;
}

json_object *zpci_json_str(const char *s)
{
	return s && s[0] ? json_object_new_string(s) : NULL;
}

json_object *zpci_json_bool_zv(const struct zv *v)
{
	if (v->st == ZV_MALFORMED)
		return zpci_json_malformed();
	return zv_ok(*v) ? json_object_new_boolean(v->v != 0) : NULL;
}
