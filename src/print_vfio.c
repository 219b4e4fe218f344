// SPDX-License-Identifier: MIT
/*
 * The vfio part of a function (source_vfio.c fills it) for people and for
 * JSON: caps' text (the capability chain, regions, IRQ indexes) and the
 * "vfio" member of a function, one file for both.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <linux/vfio.h>

#include "json_value.h"
#include "output.h"
#include "print_util.h"
#include "print_vfio.h"
#include "vfio_caps.h"
#include "zpci_io_dev.h"

static const char *region_name(uint32_t index, char *buf, size_t len)
{
	if (index <= VFIO_PCI_BAR5_REGION_INDEX)
		snprintf(buf, len, "bar%u", index);
	else if (index == VFIO_PCI_ROM_REGION_INDEX)
		snprintf(buf, len, "rom");
	else if (index == VFIO_PCI_CONFIG_REGION_INDEX)
		snprintf(buf, len, "config");
	else if (index == VFIO_PCI_VGA_REGION_INDEX)
		snprintf(buf, len, "vga");
	else
		snprintf(buf, len, "device-specific");
	return buf;
}

static const char *region_type_name(uint32_t type, uint32_t subtype)
{
	(void)subtype;
	if (type & VFIO_REGION_TYPE_PCI_VENDOR_TYPE)
		return "PCI vendor specific";
	return "";
}

static const char *irq_name(uint32_t index)
{
	static const char *const names[] = { "INTx", "MSI", "MSI-X", "ERR", "REQ" };

	return index < sizeof(names) / sizeof(names[0]) ? names[index] : "other";
}

static void print_caps(const struct zpci_vfio_info *v)
{
	printf("Capabilities (VFIO_DEVICE_GET_INFO chain):\n");
	if (!v->ncaps)
		printf("  none (a kernel without CONFIG_VFIO_PCI_ZDEV_KVM reports no zPCI capabilities)\n");
	for (size_t i = 0; i < v->ncaps; i++) {
		const struct zpci_vfio_cap *c = &v->caps[i];

		printf("  %-11s id %u version %u, %u bytes at offset %u\n",
		       zpci_vfio_cap_name(c->id), c->id, c->version, c->len, c->offset);
		switch (c->id) {
		case 1:
			if (!v->base_valid)
				break;
			printf("    start_dma   0x%016llx\n    end_dma     0x%016llx  DMA window the "
			       "kernel offers the user\n", (unsigned long long)v->start_dma,
			       (unsigned long long)v->end_dma);
			printf("    pchid 0x%04x  vfn %u  fmb_length %u  pft 0x%02x  gid 0x%02x\n",
			       v->pchid, v->vfn, v->fmb_length, v->pft, v->gid);
			if (v->fh_valid)
				printf("    fh          0x%08x  (version 2)\n", v->fh);
			break;
		case 2:
			if (!v->group_valid)
				break;
			printf("    dasm 0x%016llx  msi_addr 0x%016llx  flags 0x%llx%s\n",
			       (unsigned long long)v->dasm, (unsigned long long)v->msi_addr,
			       (unsigned long long)v->group_flags,
			       v->group_flags & 1 ? " (REFRESH)" : "");
			printf("    mui %u  noi %u  version %u\n", v->mui, v->noi, v->pci_version);
			printf("    maxstbl     %-6u KVM's intercept limit for guest PCISTB, not the "
			       "hardware's\n", v->maxstbl);
			if (v->imaxstbl_valid)
				printf("    imaxstbl    %-6u the hardware limit (version 2)\n", v->imaxstbl);
			else
				printf("    imaxstbl    -      version 1: the hardware limit is not reported\n");
			break;
		case 3:
			if (v->util_valid) {
				/* the one presenter of the utility string (print_util.c) */
				struct zpci_printer up = zpci_printer_text(stdout, 14);

				up.indent = 2;
				printf("    size %u\n", v->util_size);
				zpci_print_util(&up, "util_str", v->util_str,
						v->util_size < 64 ? v->util_size : 64, true);
			}
			break;
		case 4:
			if (v->pfip_valid) {
				printf("    size %u ", v->pfip_size);
				for (uint32_t j = 0; j < v->pfip_size && j < 4; j++)
					printf(" %02x", v->pfip[j]);
				printf("\n");
			}
			break;
		default:
			break;
		}
	}
	if (v->chain_error[0])
		printf("  error: %s\n", v->chain_error);
}

/* Which instructions the BAR regions issue, by the driver holding the function. */
static void print_io_path(const struct zpci_vfio_info *v)
{
	enum zpci_io_path p = zpci_io_path_of_driver(v->driver);
	unsigned int shift = 0;

	for (size_t i = 0; i < v->nregions; i++)
		if (v->regions[i].index == 1)
			for (unsigned int s = 12; s < 63 && !shift; s++)
				if (v->regions[i].offset == 1ULL << s)
					shift = s;
	printf("I/O path (%s): %s; region offsets index << %u\n", v->driver,
	       zpci_io_path_text(p), shift);
	if (v->io_region_valid)
		printf("VFIO_DEVICE_FEATURE_ZPCI_IO: maxstbl %u (largest PCISTB a pwrite may be), "
		       "instruction status kept\n", v->io_region_max);
}

static int print_regions(const struct zpci_vfio_info *v)
{
	static const char *const hdr[] = { "INDEX", "NAME", "SIZE", "OFFSET", "FLAGS", "TYPE" };
	struct zpci_table t;

	if (zpci_table_init(&t, sizeof(hdr) / sizeof(hdr[0]), hdr))
		return ZX_INTERNAL;
	for (size_t i = 0; i < v->nregions; i++) {
		char idx[8], name[24], size[24], off[24], flags[32], type[96];
		uint32_t f = v->regions[i].flags;

		snprintf(idx, sizeof(idx), "%u", v->regions[i].index);
		zpci_size_str(v->regions[i].size, size, sizeof(size));
		snprintf(off, sizeof(off), "0x%llx", (unsigned long long)v->regions[i].offset);
		snprintf(flags, sizeof(flags), "%s%s%s%s", f & VFIO_REGION_INFO_FLAG_READ ? "R" : "-",
			 f & VFIO_REGION_INFO_FLAG_WRITE ? "W" : "-",
			 f & VFIO_REGION_INFO_FLAG_MMAP ? " MMAP" : "",
			 f & VFIO_REGION_INFO_FLAG_CAPS ? " CAPS" : "");
		if (v->regions[i].has_type)
			snprintf(type, sizeof(type), "0x%08x/%u %s", v->regions[i].type,
				 v->regions[i].subtype,
				 region_type_name(v->regions[i].type, v->regions[i].subtype));
		else
			snprintf(type, sizeof(type), "-");
		if (zpci_table_row(&t, idx, region_name(v->regions[i].index, name, sizeof(name)),
				   size, off, flags, type)) {
			zpci_table_free(&t);
			return ZX_INTERNAL;
		}
	}
	printf("Regions:\n");
	zpci_table_print(&t, NULL, stdout);
	zpci_table_free(&t);
	print_io_path(v);
	printf("IRQ indexes:\n");
	for (size_t i = 0; i < v->nirqs; i++)
		printf("  %u %-6s count %-4u flags 0x%x%s%s\n", v->irqs[i].index,
		       irq_name(v->irqs[i].index), v->irqs[i].count, v->irqs[i].flags,
		       v->irqs[i].flags & VFIO_IRQ_INFO_EVENTFD ? " eventfd" : "",
		       v->irqs[i].flags & VFIO_IRQ_INFO_MASKABLE ? " maskable" : "");
	return ZX_OK;
}

static json_object *json_vfio(const struct zpci_fn *fn)
{
	const struct zpci_vfio_info *v = zpci_fn_vfio(fn);
	json_object *o, *caps, *regs, *irqs;

	if (!v->valid)
		return NULL;
	o = json_object_new_object();
	caps = json_object_new_array();
	regs = json_object_new_array();
	irqs = json_object_new_array();
	json_object_object_add(o, "driver", zpci_json_str(v->driver));
	json_object_object_add(o, "device_flags", zpci_json_u64(v->flags));
	json_object_object_add(o, "num_regions", zpci_json_u64(v->num_regions));
	json_object_object_add(o, "num_irqs", zpci_json_u64(v->num_irqs));
	for (size_t i = 0; i < v->ncaps; i++) {
		json_object *c = json_object_new_object();

		json_object_object_add(c, "id", zpci_json_u64(v->caps[i].id));
		json_object_object_add(c, "name", json_object_new_string(zpci_vfio_cap_name(v->caps[i].id)));
		json_object_object_add(c, "version", zpci_json_u64(v->caps[i].version));
		json_object_object_add(c, "offset", zpci_json_u64(v->caps[i].offset));
		json_object_object_add(c, "length", zpci_json_u64(v->caps[i].len));
		json_object_array_add(caps, c);
	}
	json_object_object_add(o, "capabilities", caps);
	json_object_object_add(o, "chain_error", zpci_json_str(v->chain_error));
	if (v->base_valid) {
		json_object *b = json_object_new_object();

		json_object_object_add(b, "version", zpci_json_u64(v->base_version));
		json_object_object_add(b, "start_dma", zpci_json_hex(v->start_dma, 16));
		json_object_object_add(b, "end_dma", zpci_json_hex(v->end_dma, 16));
		json_object_object_add(b, "pchid", zpci_json_u64(v->pchid));
		json_object_object_add(b, "vfn", zpci_json_u64(v->vfn));
		json_object_object_add(b, "fmb_length", zpci_json_u64(v->fmb_length));
		json_object_object_add(b, "pft", zpci_json_u64(v->pft));
		json_object_object_add(b, "gid", zpci_json_u64(v->gid));
		json_object_object_add(b, "fh", v->fh_valid ? zpci_json_hex(v->fh, 8) : NULL);
		json_object_object_add(o, "zpci_base", b);
	} else {
		json_object_object_add(o, "zpci_base", NULL);
	}
	if (v->group_valid) {
		json_object *g = json_object_new_object();

		json_object_object_add(g, "version", zpci_json_u64(v->group_version));
		json_object_object_add(g, "dasm", zpci_json_hex(v->dasm, 16));
		json_object_object_add(g, "msi_addr", zpci_json_hex(v->msi_addr, 16));
		json_object_object_add(g, "flags", zpci_json_hex(v->group_flags, 16));
		json_object_object_add(g, "refresh", json_object_new_boolean(v->group_flags & 1));
		json_object_object_add(g, "mui", zpci_json_u64(v->mui));
		json_object_object_add(g, "noi", zpci_json_u64(v->noi));
		json_object_object_add(g, "maxstbl", zpci_json_u64(v->maxstbl));
		json_object_object_add(g, "pci_version", zpci_json_u64(v->pci_version));
		json_object_object_add(g, "imaxstbl", v->imaxstbl_valid ? zpci_json_u64(v->imaxstbl) : NULL);
		json_object_object_add(o, "zpci_group", g);
	} else {
		json_object_object_add(o, "zpci_group", NULL);
	}
	if (v->util_valid) {
		json_object *u = zpci_json_util(v->util_str, 64, true);

		json_object_object_add(u, "version", zpci_json_u64(v->util_version));
		json_object_object_add(u, "size", zpci_json_u64(v->util_size));
		json_object_object_add(o, "zpci_util", u);
	} else {
		json_object_object_add(o, "zpci_util", NULL);
	}
	if (v->pfip_valid) {
		json_object *p = json_object_new_object(), *seg = json_object_new_array();

		for (uint32_t i = 0; i < v->pfip_size && i < 4; i++)
			json_object_array_add(seg, zpci_json_u64(v->pfip[i]));
		json_object_object_add(p, "version", zpci_json_u64(v->pfip_version));
		json_object_object_add(p, "size", zpci_json_u64(v->pfip_size));
		json_object_object_add(p, "pfip", seg);
		json_object_object_add(o, "zpci_pfip", p);
	} else {
		json_object_object_add(o, "zpci_pfip", NULL);
	}
	for (size_t i = 0; i < v->nregions; i++) {
		json_object *r = json_object_new_object();
		uint32_t fl = v->regions[i].flags;
		char buf[32];

		json_object_object_add(r, "index", zpci_json_u64(v->regions[i].index));
		json_object_object_add(r, "size", zpci_json_u64(v->regions[i].size));
		json_object_object_add(r, "size_human",
				       json_object_new_string(zpci_size_str(v->regions[i].size, buf, sizeof(buf))));
		json_object_object_add(r, "offset", zpci_json_hex(v->regions[i].offset, 16));
		json_object_object_add(r, "flags", zpci_json_u64(fl));
		json_object_object_add(r, "read", json_object_new_boolean(fl & 1));
		json_object_object_add(r, "write", json_object_new_boolean(fl & 2));
		json_object_object_add(r, "mmap", json_object_new_boolean(fl & 4));
		json_object_object_add(r, "type", v->regions[i].has_type ? zpci_json_u64(v->regions[i].type) : NULL);
		json_object_object_add(r, "subtype",
				       v->regions[i].has_type ? zpci_json_u64(v->regions[i].subtype) : NULL);
		json_object_array_add(regs, r);
	}
	json_object_object_add(o, "regions", regs);
	for (size_t i = 0; i < v->nirqs; i++) {
		json_object *q = json_object_new_object();

		json_object_object_add(q, "index", zpci_json_u64(v->irqs[i].index));
		json_object_object_add(q, "count", zpci_json_u64(v->irqs[i].count));
		json_object_object_add(q, "flags", zpci_json_u64(v->irqs[i].flags));
		json_object_array_add(irqs, q);
	}
	json_object_object_add(o, "irqs", irqs);
	json_object_object_add(o, "io_region_max", v->io_region_valid ? zpci_json_u64(v->io_region_max) : NULL);
	json_object_object_add(o, "io_path", v->valid ?
			       zpci_json_str(zpci_io_path_name(zpci_io_path_of_driver(v->driver))) : NULL);
	return o;
}

/* text: caps' block for one function; JSON: the "vfio" member (null without vfio data) */
int zpci_print_vfio(const struct zpci_printer *p, const struct zpci_fn *fn)
{
	const struct zpci_vfio_info *v = zpci_fn_vfio(fn);

	if (p->obj) {
		json_object_object_add(p->obj, "vfio", json_vfio(fn));
		return ZX_OK;
	}
	if (!v->valid)
		return ZX_OK;
	printf("%s  %s\n", fn->address, v->driver);
	printf("Device: flags 0x%x%s%s%s, %u regions, %u IRQ indexes\n", v->flags,
	       v->flags & VFIO_DEVICE_FLAGS_PCI ? " PCI" : "",
	       v->flags & VFIO_DEVICE_FLAGS_RESET ? " RESET" : "",
	       v->flags & VFIO_DEVICE_FLAGS_CAPS ? " CAPS" : "", v->num_regions,
	       v->num_irqs);
	print_caps(v);
	return print_regions(v);
}
