// SPDX-License-Identifier: MIT
/* maxstbl from every source side by side (see maxstbl.h). */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "maxstbl.h"

static void unknown(struct zpci_maxstbl_entry *e, const struct zpci_src_status *s,
		    const char *fallback)
{
	e->known = false;
	if (s && s->state != ZS_OK && s->state != ZS_NOT_TRIED)
		snprintf(e->why, sizeof(e->why), "%s%s%s", zpci_src_state_text(s->state),
			 s->reason ? ": " : "",
			 zpci_src_reason(s));
	else if (s && s->state == ZS_NOT_TRIED)
		snprintf(e->why, sizeof(e->why), "%s", zpci_src_state_text(ZS_NOT_TRIED));
	else
		snprintf(e->why, sizeof(e->why), "%s", fallback);
}

static void found(struct zpci_maxstbl_entry *e, uint16_t value)
{
	e->known = true;
	e->value = value;
	e->why[0] = '\0';
}

static void finding(struct zpci_maxstbl_view *v, enum zpci_severity severity, const char *code,
		    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void finding(struct zpci_maxstbl_view *v, enum zpci_severity severity, const char *code,
		    const char *fmt, ...)
{
	struct zpci_maxstbl_finding *f;
	va_list ap;

	if (v->nfindings >= ZPCI_MAXSTBL_MAX_FINDINGS)
		return;
	f = &v->findings[v->nfindings++];
	f->severity = severity;
	f->code = code;
	va_start(ap, fmt);
	vsnprintf(f->text, sizeof(f->text), fmt, ap);
	va_end(ap);
}

static void collect(const struct zpci_fn *fn, struct zpci_maxstbl_view *v)
{
	struct zpci_maxstbl_entry *e = v->src;

	e[ZM_CLP].name = "clp_group";
	e[ZM_CLP].meaning = "CLP Query PCI Function Group: the firmware's limit";
	e[ZM_KDIAG].name = "kernel";
	e[ZM_KDIAG].meaning = "the kernel's copy (zdev->maxstbl), via the diagnostics module";
	e[ZM_VFIO_IMAXSTBL].name = "vfio_imaxstbl";
	e[ZM_VFIO_IMAXSTBL].meaning = "vfio ZPCI_GROUP imaxstbl (v2): the hardware limit";
	e[ZM_VFIO_MAXSTBL].name = "vfio_maxstbl";
	e[ZM_VFIO_MAXSTBL].meaning = "vfio ZPCI_GROUP maxstbl: KVM's intercept limit, not hardware";
	e[ZM_IO_REGION].name = "io_region_max";
	e[ZM_IO_REGION].meaning = "zpci_vfio_pci's PCISTB limit (VFIO_DEVICE_FEATURE_ZPCI_IO)";

	if (zpci_fn_clp(fn)->group_valid)
		found(&e[ZM_CLP], zpci_fn_clp(fn)->group.maxstbl);
	else
		unknown(&e[ZM_CLP], &fn->src_clp, zpci_fn_clp(fn)->error[0] ? zpci_fn_clp(fn)->error :
			"no group data");
	if (zpci_fn_kdiag(fn)->valid && zv_ok(zpci_fn_kdiag(fn)->maxstbl))
		found(&e[ZM_KDIAG], (uint16_t)zpci_fn_kdiag(fn)->maxstbl.v);
	else if (zpci_fn_kdiag(fn)->valid)
		unknown(&e[ZM_KDIAG], NULL, "the module did not report maxstbl");
	else
		unknown(&e[ZM_KDIAG], &fn->src_kdiag, "unavailable");
	if (zpci_fn_vfio(fn)->group_valid) {
		found(&e[ZM_VFIO_MAXSTBL], zpci_fn_vfio(fn)->maxstbl);
		if (zpci_fn_vfio(fn)->imaxstbl_valid)
			found(&e[ZM_VFIO_IMAXSTBL], zpci_fn_vfio(fn)->imaxstbl);
		else
			unknown(&e[ZM_VFIO_IMAXSTBL], NULL, "group capability version 1 has no "
				"imaxstbl (kernel before 5.19)");
	} else {
		unknown(&e[ZM_VFIO_MAXSTBL], &fn->src_vfio, zpci_fn_vfio(fn)->valid ?
			"no ZPCI_GROUP capability" : "unavailable");
		unknown(&e[ZM_VFIO_IMAXSTBL], &fn->src_vfio, zpci_fn_vfio(fn)->valid ?
			"no ZPCI_GROUP capability" : "unavailable");
	}
	if (zpci_fn_vfio(fn)->io_region_valid)
		found(&e[ZM_IO_REGION], zpci_fn_vfio(fn)->io_region_max);
	else
		unknown(&e[ZM_IO_REGION], NULL, zpci_fn_vfio(fn)->valid ?
			"no VFIO_DEVICE_FEATURE_ZPCI_IO (not bound to zpci_vfio_pci)" :
			"unavailable: vfio not read");
}

void zpci_maxstbl_view(const struct zpci_fn *fn, struct zpci_maxstbl_view *v)
{
	static const enum zpci_maxstbl_src hw_order[] = { ZM_CLP, ZM_KDIAG, ZM_VFIO_IMAXSTBL };
	const struct zpci_maxstbl_entry *e = v->src;

	memset(v, 0, sizeof(*v));
	collect(fn, v);

	/* hardware limit: firmware first, then the kernel's copy of it, then vfio's */
	for (size_t i = 0; i < sizeof(hw_order) / sizeof(hw_order[0]); i++) {
		if (e[hw_order[i]].known) {
			v->hardware_known = true;
			v->hardware = e[hw_order[i]].value;
			v->hardware_from = hw_order[i];
			break;
		}
	}
	for (size_t i = 0; v->hardware_known && i < sizeof(hw_order) / sizeof(hw_order[0]); i++) {
		const struct zpci_maxstbl_entry *o = &e[hw_order[i]];

		if (o->known && o->value != v->hardware)
			finding(v, ZSEV_WARNING, "maxstbl-sources-differ",
				"%s says %u but %s says %u: %s", e[v->hardware_from].name,
				v->hardware, o->name, o->value, hw_order[i] == ZM_KDIAG ?
				"the kernel's copy is from probe time; the function group changed "
				"since, or the kernel read it wrongly" :
				"vfio should report the hardware value in imaxstbl");
	}
	if (e[ZM_VFIO_MAXSTBL].known && v->hardware_known) {
		uint16_t vm = e[ZM_VFIO_MAXSTBL].value;

		if (vm > v->hardware)
			finding(v, ZSEV_CRITICAL, "vfio-maxstbl-above-hardware",
				"vfio maxstbl %u exceeds the hardware limit %u: a tool trusting "
				"vfio would issue block stores the function rejects", vm, v->hardware);
		else if (vm < v->hardware)
			finding(v, ZSEV_INFO, "vfio-maxstbl-is-intercept-limit",
				"vfio maxstbl %u is KVM's intercept limit, below the hardware limit "
				"%u: a tool using it as the hardware limit stores in smaller blocks "
				"than the function allows (use imaxstbl)", vm, v->hardware);
	} else if (e[ZM_VFIO_MAXSTBL].known && !e[ZM_VFIO_IMAXSTBL].known) {
		finding(v, ZSEV_WARNING, "vfio-maxstbl-only",
			"only vfio's maxstbl (%u) is known: it is KVM's intercept limit, the "
			"hardware limit may be larger", e[ZM_VFIO_MAXSTBL].value);
	}
	if (e[ZM_IO_REGION].known && v->hardware_known) {
		uint16_t rm = e[ZM_IO_REGION].value;

		if (rm > v->hardware)
			finding(v, ZSEV_CRITICAL, "io-region-above-hardware",
				"zpci_vfio_pci accepts %u-byte block stores but the hardware "
				"limit is %u: the region must bound requests by maxstbl", rm,
				v->hardware);
		else if (rm < v->hardware)
			finding(v, ZSEV_INFO, "io-region-below-hardware",
				"zpci_vfio_pci accepts at most %u bytes of the hardware's %u",
				rm, v->hardware);
	}
	if (v->hardware_known && v->hardware == 0)
		finding(v, ZSEV_WARNING, "maxstbl-zero", "maxstbl is 0: the function accepts no block stores");

	/* effective: what a block store through this tool's path may use */
	if (e[ZM_IO_REGION].known) {
		v->effective_known = true;
		v->effective = v->hardware_known && v->hardware < e[ZM_IO_REGION].value ?
			       v->hardware : e[ZM_IO_REGION].value;
		v->effective_why = "zpci_vfio_pci's limit, never above the hardware's";
	} else if (v->hardware_known) {
		v->effective_known = true;
		v->effective = v->hardware;
		v->effective_why = "the hardware limit";
	} else if (e[ZM_VFIO_MAXSTBL].known) {
		v->effective_known = true;
		v->effective = e[ZM_VFIO_MAXSTBL].value;
		v->effective_why = "vfio's intercept limit: the only value known, a safe lower bound";
	}
}
