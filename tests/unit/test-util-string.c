// SPDX-License-Identifier: MIT
/*
 * The one utility-string decoder (src/util_string.c) against the shapes real
 * functions carry: blank-padded PNET IDs per port (RoCE, Network Express),
 * the all-zero string of a function without one (ISM, NVMe, QEMU), and
 * firmware filler that must not turn into IDs made of dots.
 */
#include "config.h"
#include "util_string.h"
#include "unit.h"

/* ASCII to EBCDIC for the characters these tests use. */
static void ebcdic(uint8_t *out, const char *s)
{
	for (; *s; s++, out++) {
		char c = *s;

		if (c >= 'A' && c <= 'I') *out = (uint8_t)(0xc1 + c - 'A');
		else if (c >= 'J' && c <= 'R') *out = (uint8_t)(0xd1 + c - 'J');
		else if (c >= 'S' && c <= 'Z') *out = (uint8_t)(0xe2 + c - 'S');
		else if (c >= '0' && c <= '9') *out = (uint8_t)(0xf0 + c - '0');
		else if (c == '_') *out = 0x6d;
		else if (c == ' ') *out = 0x40;
		else *out = 0x3f;	/* no EBCDIC graphic: the test's "garbage" */
	}
}

int main(void)
{
	uint8_t u[ZPCI_UTIL_LEN];
	char ids[4][ZPCI_PNET_ID_LEN + 1], text[ZPCI_UTIL_LEN + 1];

	/* a two-port RoCE Express: ports 0 and 1 in two networks, blank padded */
	memset(u, 0x40, sizeof(u));
	ebcdic(u, "PNETA");
	ebcdic(u + 16, "PNET_B1");
	CHECK_EQ_U64(zpci_util_pnet_ids(u, sizeof(u), ids), 2);
	CHECK_STREQ(ids[0], "PNETA");
	CHECK_STREQ(ids[1], "PNET_B1");
	CHECK_STREQ(ids[2], "");
	CHECK_STREQ(ids[3], "");
	zpci_util_text(u, sizeof(u), text, sizeof(text));
	CHECK_STREQ(text, "PNETA           PNET_B1");
	CHECK(!zpci_util_blank(u, sizeof(u)));

	/* a full 16-character ID on port 3 only, NUL padded elsewhere */
	memset(u, 0, sizeof(u));
	ebcdic(u + 48, "ABCDEFGHIJ012345");
	CHECK_EQ_U64(zpci_util_pnet_ids(u, sizeof(u), ids), 1);
	CHECK_STREQ(ids[0], "");
	CHECK_STREQ(ids[3], "ABCDEFGHIJ012345");

	/* no utility string: all zero, or all EBCDIC blanks */
	memset(u, 0, sizeof(u));
	CHECK(zpci_util_blank(u, sizeof(u)));
	CHECK_EQ_U64(zpci_util_pnet_ids(u, sizeof(u), ids), 0);
	zpci_util_text(u, sizeof(u), text, sizeof(text));
	CHECK_STREQ(text, "");
	memset(u, 0x40, sizeof(u));
	CHECK(zpci_util_blank(u, sizeof(u)));

	/* all 0xff is filler, not four IDs of dots; the text shows it as dots */
	memset(u, 0xff, sizeof(u));
	CHECK_EQ_U64(zpci_util_pnet_ids(u, sizeof(u), ids), 0);
	CHECK_STREQ(ids[0], "");
	zpci_util_text(u, sizeof(u), text, sizeof(text));
	CHECK_EQ_U64(strspn(text, "."), 64);

	/* one undecodable byte spoils only its own port's ID */
	memset(u, 0x40, sizeof(u));
	ebcdic(u, "NET?");
	ebcdic(u + 16, "NET2");
	CHECK_EQ_U64(zpci_util_pnet_ids(u, sizeof(u), ids), 1);
	CHECK_STREQ(ids[0], "");
	CHECK_STREQ(ids[1], "NET2");

	/* an interior blank ends no ID early: it makes the segment no ID */
	memset(u, 0x40, sizeof(u));
	ebcdic(u, "NET A");
	CHECK_EQ_U64(zpci_util_pnet_ids(u, sizeof(u), ids), 0);

	/* a short string (an old kernel's sysfs file cut at 3 bytes) */
	ebcdic(u, "NET");
	CHECK_EQ_U64(zpci_util_pnet_ids(u, 3, ids), 1);
	CHECK_STREQ(ids[0], "NET");
	zpci_util_text(u, 3, text, 3);	/* out smaller than the input: cut, terminated */
	CHECK_STREQ(text, "NE");
	return unit_done("test-util-string");
}
