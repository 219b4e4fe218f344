// SPDX-License-Identifier: MIT
/*
 * zPCI vfio capability chain decoder (see vfio_caps.h).
 *
 * Version rules from include/uapi/linux/vfio_zdev.h: ZPCI_BASE v2 adds fh,
 * ZPCI_GROUP v2 adds imaxstbl. A capability's length is not stored: it is
 * the distance to the next one (or to the end of the reply), and a field is
 * only read when the capability is long enough to hold it, whatever its
 * version claims.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <linux/vfio.h>
#include <linux/vfio_zdev.h>

#include "vfio_caps.h"

#define FIELD_END(type, field) (offsetof(type, field) + sizeof(((type *)0)->field))

static int chain_fail(struct zpci_vfio_info *out, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int chain_fail(struct zpci_vfio_info *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out->chain_error, sizeof(out->chain_error), fmt, ap);
	va_end(ap);
	return -1;
}

const char *zpci_vfio_cap_name(uint16_t id)
{
	switch (id) {
	case VFIO_DEVICE_INFO_CAP_ZPCI_BASE: return "zpci_base";
	case VFIO_DEVICE_INFO_CAP_ZPCI_GROUP: return "zpci_group";
	case VFIO_DEVICE_INFO_CAP_ZPCI_UTIL: return "zpci_util";
	case VFIO_DEVICE_INFO_CAP_ZPCI_PFIP: return "zpci_pfip";
	default: return "unknown";
	}
}

/*
 * A versioned capability copied into its struct (zeroed first, so a short
 * one leaves the rest 0). Version 1 must reach v1_end; version 2 and later
 * add one field that must fit too. Returns how much is usable: CAP_V2, CAP_V1,
 * CAP_V1_ONLY (claims version 2 but too short for its field: the version 1
 * part is kept and the chain error recorded) or CAP_SHORT (nothing usable).
 */
enum cap_fit { CAP_SHORT = -1, CAP_V1_ONLY, CAP_V1, CAP_V2 };

static enum cap_fit cap_copy(const uint8_t *p, size_t avail, uint16_t version, void *dst,
			     size_t size, const char *name, size_t v1_end, const char *v2_field,
			     size_t v2_end, struct zpci_vfio_info *out)
{
	memset(dst, 0, size);
	if (avail < v1_end) {
		chain_fail(out, "%s capability is %zu bytes, version 1 needs %zu", name, avail, v1_end);
		return CAP_SHORT;
	}
	memcpy(dst, p, avail < size ? avail : size);
	if (version < 2)
		return CAP_V1;
	if (avail < v2_end) {
		chain_fail(out, "%s capability claims version %u but is %zu bytes, too short for %s",
			   name, version, avail, v2_field);
		return CAP_V1_ONLY;
	}
	return CAP_V2;
}

static int decode_base(const uint8_t *p, size_t avail, uint16_t version,
		       struct zpci_vfio_info *out)
{
	struct vfio_device_info_cap_zpci_base b;
	enum cap_fit fit = cap_copy(p, avail, version, &b, sizeof(b), "zpci_base",
				    FIELD_END(struct vfio_device_info_cap_zpci_base, gid), "fh",
				    FIELD_END(struct vfio_device_info_cap_zpci_base, fh), out);

	if (fit == CAP_SHORT)
		return -1;
	out->base_valid = true;
	out->base_version = version;
	out->start_dma = b.start_dma;
	out->end_dma = b.end_dma;
	out->pchid = b.pchid;
	out->vfn = b.vfn;
	out->fmb_length = b.fmb_length;
	out->pft = b.pft;
	out->gid = b.gid;
	if (fit == CAP_V2) {
		out->fh_valid = true;
		out->fh = b.fh;
	}
	return fit == CAP_V1_ONLY ? -1 : 0;
}

static int decode_group(const uint8_t *p, size_t avail, uint16_t version,
			struct zpci_vfio_info *out)
{
	struct vfio_device_info_cap_zpci_group g;
	enum cap_fit fit = cap_copy(p, avail, version, &g, sizeof(g), "zpci_group",
				    FIELD_END(struct vfio_device_info_cap_zpci_group, version),
				    "imaxstbl",
				    FIELD_END(struct vfio_device_info_cap_zpci_group, imaxstbl), out);

	if (fit == CAP_SHORT)
		return -1;
	out->group_valid = true;
	out->group_version = version;
	out->dasm = g.dasm;
	out->msi_addr = g.msi_addr;
	out->group_flags = g.flags;
	out->mui = g.mui;
	out->noi = g.noi;
	out->maxstbl = g.maxstbl;
	out->pci_version = g.version;
	if (fit == CAP_V2) {
		out->imaxstbl_valid = true;
		out->imaxstbl = g.imaxstbl;
	}
	return fit == CAP_V1_ONLY ? -1 : 0;
}

/* ZPCI_UTIL and ZPCI_PFIP: header, u32 size, size bytes. */
static int decode_sized(const uint8_t *p, size_t avail, const char *name, uint8_t *dst,
			size_t dstlen, uint32_t *size, struct zpci_vfio_info *out)
{
	const size_t hdr = sizeof(struct vfio_info_cap_header) + sizeof(uint32_t);

	if (avail < hdr)
		return chain_fail(out, "%s capability is %zu bytes, shorter than its header", name,
				  avail);
	memcpy(size, p + sizeof(struct vfio_info_cap_header), sizeof(*size));
	if (*size > avail - hdr)
		return chain_fail(out, "%s capability says %u bytes follow, only %zu do", name,
				  *size, avail - hdr);
	memcpy(dst, p + hdr, *size < dstlen ? *size : dstlen);
	return 0;
}

/*
 * struct vfio_device_info was 20 bytes up to Linux 6.1 (the first capability
 * follows at offset 20) and gained a 4-byte pad later; a binary built with
 * newer headers must still accept a 6.1 kernel's chain.
 */
#define VFIO_DEVICE_INFO_MIN (offsetof(struct vfio_device_info, cap_offset) + sizeof(uint32_t))

int zpci_vfio_caps_decode(const void *info, size_t len, struct zpci_vfio_info *out)
{
	const uint8_t *buf = info;
	struct vfio_device_info di;
	uint32_t off;

	out->ncaps = 0;
	out->chain_error[0] = '\0';
	out->base_valid = out->group_valid = out->util_valid = out->pfip_valid = false;
	out->fh_valid = out->imaxstbl_valid = false;
	if (len < VFIO_DEVICE_INFO_MIN)
		return chain_fail(out, "device info is %zu bytes, shorter than its %zu-byte header",
				  len, VFIO_DEVICE_INFO_MIN);
	memset(&di, 0, sizeof(di));
	memcpy(&di, buf, VFIO_DEVICE_INFO_MIN);
	out->flags = di.flags;
	out->num_regions = di.num_regions;
	out->num_irqs = di.num_irqs;
	if (di.argsz < len)
		len = di.argsz;	/* the kernel's own idea of how much it filled */
	if (!(di.flags & VFIO_DEVICE_FLAGS_CAPS) || !di.cap_offset)
		return 0;
	off = di.cap_offset;
	while (off) {
		struct vfio_info_cap_header h;
		size_t avail;
		int rc = 0;

		if (off < VFIO_DEVICE_INFO_MIN || off > len || len - off < sizeof(h))
			return chain_fail(out, "capability at offset %u lies outside the %zu-byte "
					  "reply", off, len);
		if (out->ncaps >= ZPCI_VFIO_MAX_CAPS)
			return chain_fail(out, "more than %d capabilities: chain not followed further",
					  ZPCI_VFIO_MAX_CAPS);
		memcpy(&h, buf + off, sizeof(h));
		if (h.next && h.next <= off)
			return chain_fail(out, "capability at offset %u points back to offset %u",
					  off, h.next);
		avail = (h.next && h.next < len ? h.next : len) - off;
		out->caps[out->ncaps].id = h.id;
		out->caps[out->ncaps].version = h.version;
		out->caps[out->ncaps].offset = off;
		out->caps[out->ncaps].len = (uint32_t)avail;
		out->ncaps++;
		switch (h.id) {
		case VFIO_DEVICE_INFO_CAP_ZPCI_BASE:
			rc = decode_base(buf + off, avail, h.version, out);
			break;
		case VFIO_DEVICE_INFO_CAP_ZPCI_GROUP:
			rc = decode_group(buf + off, avail, h.version, out);
			break;
		case VFIO_DEVICE_INFO_CAP_ZPCI_UTIL:
			rc = decode_sized(buf + off, avail, "zpci_util", out->util_str,
					  sizeof(out->util_str), &out->util_size, out);
			out->util_valid = rc == 0;
			out->util_version = h.version;
			break;
		case VFIO_DEVICE_INFO_CAP_ZPCI_PFIP:
			rc = decode_sized(buf + off, avail, "zpci_pfip", out->pfip, sizeof(out->pfip),
					  &out->pfip_size, out);
			out->pfip_valid = rc == 0;
			out->pfip_version = h.version;
			break;
		default:
			break;	/* other capabilities are listed, not decoded */
		}
		if (rc)
			return rc;
		off = h.next;
	}
	return 0;
}

static void swap_at(uint8_t *p, size_t avail, size_t off, size_t width)
{
	if (off + width > avail)
		return;
	for (size_t i = 0; i < width / 2; i++) {
		uint8_t t = p[off + i];

		p[off + i] = p[off + width - 1 - i];
		p[off + width - 1 - i] = t;
	}
}

#define SWAP_FIELD(p, avail, type, field) \
	swap_at(p, avail, offsetof(type, field), sizeof(((type *)0)->field))

/*
 * A reply saved on a machine of the other byte order (an s390x report read
 * on x86): turn every multi-byte field this decoder reads around, following
 * the chain by the swapped next offsets. Unknown capabilities keep their
 * payload; the decoder skips them anyway.
 */
int zpci_vfio_info_swap(void *info, size_t len)
{
	uint8_t *buf = info;
	uint32_t off, next;
	unsigned int hops = 0;

	if (len < VFIO_DEVICE_INFO_MIN)
		return -1;
	SWAP_FIELD(buf, len, struct vfio_device_info, argsz);
	SWAP_FIELD(buf, len, struct vfio_device_info, flags);
	SWAP_FIELD(buf, len, struct vfio_device_info, num_regions);
	SWAP_FIELD(buf, len, struct vfio_device_info, num_irqs);
	SWAP_FIELD(buf, len, struct vfio_device_info, cap_offset);
	memcpy(&off, buf + offsetof(struct vfio_device_info, cap_offset), sizeof(off));
	while (off && off + sizeof(struct vfio_info_cap_header) <= len && hops++ < ZPCI_VFIO_MAX_CAPS) {
		uint8_t *p = buf + off;
		size_t avail = len - off;
		uint16_t id;

		SWAP_FIELD(p, avail, struct vfio_info_cap_header, id);
		SWAP_FIELD(p, avail, struct vfio_info_cap_header, version);
		SWAP_FIELD(p, avail, struct vfio_info_cap_header, next);
		memcpy(&id, p, sizeof(id));
		memcpy(&next, p + offsetof(struct vfio_info_cap_header, next), sizeof(next));
		if (next > off && next < len)
			avail = next - off;
		switch (id) {
		case VFIO_DEVICE_INFO_CAP_ZPCI_BASE:
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_base, start_dma);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_base, end_dma);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_base, pchid);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_base, vfn);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_base, fmb_length);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_base, fh);
			break;
		case VFIO_DEVICE_INFO_CAP_ZPCI_GROUP:
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, dasm);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, msi_addr);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, flags);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, mui);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, noi);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, maxstbl);
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_group, imaxstbl);
			break;
		case VFIO_DEVICE_INFO_CAP_ZPCI_UTIL:
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_util, size);
			break;
		case VFIO_DEVICE_INFO_CAP_ZPCI_PFIP:
			SWAP_FIELD(p, avail, struct vfio_device_info_cap_zpci_pfip, size);
			break;
		}
		if (next <= off)
			break;
		off = next;
	}
	return 0;
}
