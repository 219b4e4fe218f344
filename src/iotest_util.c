// SPDX-License-Identifier: MIT
/*
 * The checks and reporting every iotest mode shares: errno names, clocks,
 * hex formatting, the instruction status, exit codes and the precheck
 * against the PCISTB drivers' rules.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iotest.h"

const char *iotest_errname(int err)
{
#ifdef HAVE_STRERRORNAME_NP
	const char *n = err ? strerrorname_np(err) : "0";

	return n ? n : "?";
#else
	static char num[16];

	snprintf(num, sizeof(num), "%d", err);
	return num;
#endif
}

uint64_t iotest_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

json_object *iotest_hex(uint64_t v)
{
	char b[24];

	snprintf(b, sizeof(b), "0x%" PRIx64, v);
	return json_object_new_string(b);
}

void iotest_bytes_hex(const unsigned char *b, unsigned int len, char *out, size_t outlen)
{
	size_t o = 0;

	out[0] = '\0';
	for (unsigned int i = 0; i < len && o + 3 < outlen; i++)
		o += (size_t)snprintf(out + o, outlen - o, "%s%02x", i ? " " : "", b[i]);
}

/*
 * What the driver recorded about the instruction that just failed with EIO
 * or ENXIO (VFIO_DEVICE_FEATURE_ZPCI_IO): "condition code 1, status byte 0x10", "a
 * program exception", or "" when the driver keeps no status (ism-vfio-pci,
 * vfio-pci).
 */
void iotest_status_mark(struct iotest_run *r)
{
	struct zpci_io_status st;

	r->mark_known = r->io.has_status && zpci_io_dev_status(&r->io, &st) == 0;
	r->mark_failures = r->mark_known ? st.failures : 0;
}

const char *iotest_insn_detail(struct iotest_run *r, struct zpci_io_status *st, char *buf,
			       size_t len)
{
	buf[0] = '\0';
	if (!r->io.has_status || zpci_io_dev_status(&r->io, st))
		return buf;
	if (r->mark_known && st->failures == r->mark_failures)
		snprintf(buf, len, "no instruction failed: the driver refused before issuing one "
			 "(memory space off, or the device could not be resumed)");
	else if (st->exception)
		snprintf(buf, len, "a program exception (no condition code): the implementation "
			 "refused the operands");
	else
		snprintf(buf, len, "condition code %u, status byte 0x%02x", st->cc, st->status);
	return buf;
}

json_object *iotest_insn_json(const struct zpci_io_status *st)
{
	json_object *o;

	if (!st->known)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "condition_code",
			       st->exception ? NULL : json_object_new_int(st->cc));
	json_object_object_add(o, "status", st->exception ? NULL : json_object_new_int(st->status));
	json_object_object_add(o, "program_exception", json_object_new_boolean(st->exception));
	json_object_object_add(o, "failures", json_object_new_uint64(st->failures));
	json_object_object_add(o, "pcilg", json_object_new_uint64(st->pcilg));
	json_object_object_add(o, "pcistb", json_object_new_uint64(st->pcistb));
	return o;
}

bool iotest_insn_failed(int err)
{
	return err == EIO || err == ENXIO;
}

/* An errno from the device path as an exit code: EIO/ENXIO is the instruction. */
int iotest_io_err_exit(struct iotest_run *r, const char *what, int err)
{
	if (iotest_insn_failed(err)) {
		struct zpci_io_status st;
		char d[128];

		iotest_insn_detail(r, &st, d, sizeof(d));
		zpci_err("%s: %s: failed with %s%s%s", r->fn->address, what, iotest_errname(err),
			 d[0] ? ": " : "", d);
		if (r->doc && st.known)
			json_object_object_add(r->doc, "instruction", iotest_insn_json(&st));
	} else
		zpci_err("%s: %s: refused: %s (%s)", r->fn->address, what, strerror(err), iotest_errname(err));
	/* the instruction failed (EIO, or ENXIO for a program exception as in
	 * ism-vfio-pci): an I/O error, not a missing device */
	return iotest_insn_failed(err) ? ZX_IO : zpci_errno_exit(err, ZX_IO);
}

/*
 * The rules the PCISTB drivers apply, checked first so mistakes get a
 * message naming the rule instead of a bare errno. vfio-pci's BAR path has
 * no PCISTB rules: it splits every access.
 */
int iotest_precheck(struct iotest_run *r, bool store, unsigned int len)
{
	struct zpci_io_fn f;
	enum zpci_io_result res;
	__u64 count = len;

	if (r->io.path != ZIO_PCISTB)
		return ZX_OK;
	memset(&f, 0, sizeof(f));
	for (int i = 0; i < ZPCI_IO_NUM_BARS; i++) {
		f.bar_size[i] = zpci_io_dev_bar_size(&r->io, i);
		f.bar_is_io[i] = r->fn->bars[i].present && r->fn->bars[i].is_io;
	}
	f.maxstbl = r->io.maxstbl;
	f.memory_enabled = true;
	f.msix_table.bar = -1;
	res = zpci_io_check(&f, r->bar, r->offset, &count, store);
	if (res == ZPCI_IO_OK && count < len)
		res = ZPCI_IO_PAST_BAR;
	if (res == ZPCI_IO_OK && store && !r->opt->any_shape &&
	    (len < ZPCI_IO_PORTABLE_STB_MIN || len % ZPCI_IO_PORTABLE_STB_ALIGN ||
	     r->offset % ZPCI_IO_PORTABLE_STB_ALIGN)) {
		zpci_err("%s: PCISTB of %u bytes at BAR%d offset 0x%" PRIx64 " is a shape the "
			 "architecture allows but some implementations refuse (QEMU: 8 bytes or "
			 "fewer, a length not a multiple of 8, an offset not 8-aligned); "
			 "--any-shape sends it anyway", r->fn->address, len, r->bar, r->offset);
		return ZX_USAGE;
	}
	if (res == ZPCI_IO_OK)
		return ZX_OK;
	zpci_err("%s: %s of %u bytes at BAR%d offset 0x%" PRIx64 " breaks rule %s (%s would "
		 "refuse it with %s)%s", r->fn->address, store ? "PCISTB" : "PCILG", len, r->bar,
		 r->offset, res == ZPCI_IO_PAST_BAR && count < len ? "past-bar-end" :
		 zpci_io_result_name(res), r->fn->pci.driver,
		 iotest_errname(-zpci_io_result_errno(res)),
		 res == ZPCI_IO_LEN_OVER_MAX ? "; see maxstbl below" : "");
	if (res == ZPCI_IO_LEN_OVER_MAX)
		fprintf(stderr, "  maxstbl %u (%s); PCISTB takes 1..maxstbl bytes\n",
			r->io.maxstbl, r->io.maxstbl_source ? r->io.maxstbl_source : "unknown");
	return ZX_USAGE;
}
