// SPDX-License-Identifier: MIT
/*
 * zpcidiag caps DEVICE...: what vfio reports about a function bound to
 * vfio-pci or a variant driver: the zPCI capability chain with versions,
 * the regions (sizes, flags, device-specific type/subtype) and IRQ indexes.
 * Data from the vfio source (source_vfio.c).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/vfio.h>

#include "clp_decode.h"
#include "cmd.h"
#include "json_clp.h"
#include "output.h"
#include "select.h"
#include "util_string.h"
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
				char text[65];

				zpci_util_text(v->util_str, v->util_size < 64 ? v->util_size : 64,
					       text, sizeof(text));
				printf("    size %u  \"%s\" (EBCDIC decoded)\n", v->util_size, text);
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

static int src_exit(const struct zpci_src_status *s)
{
	switch (s->state) {
	case ZS_OK: return ZX_OK;
	case ZS_NO_PERMISSION: return ZX_PERM;
	case ZS_UNAVAILABLE: return ZX_UNAVAIL;
	case ZS_ERROR: return ZX_IO;
	default: return ZX_INTERNAL;
	}
}

static int cmd_caps(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct zpci_system sys;
	struct zpci_fn **fns;
	size_t n;
	int rc, worst = ZX_OK;

	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_VFIO, argc, argv, &sys, &fns, &n);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		rc = src_exit(&fns[i]->src_vfio);
		if (rc) {
			zpci_err("%s: %s", fns[i]->address[0] ? fns[i]->address : "function",
				 fns[i]->src_vfio.reason);
			if (!worst)
				worst = rc;
		} else if (zpci_fn_vfio(fns[i])->chain_error[0] && !worst) {
			worst = ZX_DATA;
		}
	}
	if (ctx->json) {
		json_object *doc = zpci_json_doc_new("caps", &sys);

		for (size_t i = 0; i < n; i++)
			json_object_array_add(zpci_json_functions(doc), zpci_json_fn(fns[i]));
		rc = zpci_json_print(doc);
	} else {
		rc = ZX_OK;
		for (size_t i = 0; i < n && !rc; i++) {
			const struct zpci_vfio_info *v = zpci_fn_vfio(fns[i]);

			if (!v->valid)
				continue;
			printf("%s%s  %s\n", i ? "\n" : "", fns[i]->address, v->driver);
			printf("Device: flags 0x%x%s%s%s, %u regions, %u IRQ indexes\n", v->flags,
			       v->flags & VFIO_DEVICE_FLAGS_PCI ? " PCI" : "",
			       v->flags & VFIO_DEVICE_FLAGS_RESET ? " RESET" : "",
			       v->flags & VFIO_DEVICE_FLAGS_CAPS ? " CAPS" : "", v->num_regions,
			       v->num_irqs);
			print_caps(v);
			rc = print_regions(v);
		}
	}
	free(fns);
	zpci_system_free(&sys);
	return rc ? rc : worst;
}

ZPCI_COMMAND(caps, .name = "caps",
	     .arg = "DEVICE", .min_args = 1, .max_args = ZPCI_ARGS_ANY,
	     .summary = "vfio view of a bound function: zPCI capabilities, regions, IRQs",
	     .run = cmd_caps);
