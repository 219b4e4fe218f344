// SPDX-License-Identifier: MIT
/* maxstbl side by side: which value wins, and which disagreements are flagged. */
#include "config.h"

#include "maxstbl.h"
#include "unit.h"
#include "unit-model.h"

static struct zpci_fn fn;
static struct unit_fn_parts parts;

static void src_status(struct zpci_src_status *s, enum zpci_src_state st, const char *why)
{
	zpci_src_set(s, st, "%s", why);
}

static void reset(void)
{
	unit_fn_with_parts(&fn, &parts);
}

static void set_clp(uint16_t m)
{
	fn.clp->group_valid = true;
	fn.clp->group.maxstbl = m;
	fn.src_clp.state = ZS_OK;
}

static void set_vfio(uint16_t m, int v2, uint16_t im)
{
	fn.vfio->valid = fn.vfio->group_valid = true;
	fn.vfio->maxstbl = m;
	fn.vfio->imaxstbl_valid = v2;
	fn.vfio->imaxstbl = im;
	fn.src_vfio.state = ZS_OK;
}

static int has(const struct zpci_maxstbl_view *v, const char *code, enum zpci_severity severity)
{
	for (size_t i = 0; i < v->nfindings; i++)
		if (strcmp(v->findings[i].code, code) == 0 && v->findings[i].severity == severity)
			return 1;
	return 0;
}

static void test_emulator_all_128(void)
{
	struct zpci_maxstbl_view v;

	reset();
	set_clp(128);
	set_vfio(128, 1, 128);
	src_status(&fn.src_kdiag, ZS_UNAVAILABLE, "module not loaded");
	zpci_maxstbl_view(&fn, &v);
	CHECK(v.hardware_known);
	CHECK_EQ_U64(v.hardware, 128);
	CHECK_EQ_U64(v.hardware_from, ZM_CLP);
	CHECK(v.effective_known);
	CHECK_EQ_U64(v.effective, 128);
	CHECK_EQ_U64(v.nfindings, 0);
	CHECK(!v.src[ZM_KDIAG].known);
	CHECK(strstr(v.src[ZM_KDIAG].why, "module not loaded") != NULL);
	CHECK(!v.src[ZM_IO_REGION].known);
}

static void test_interpretation_maxstbl_128_imaxstbl_4096(void)
{
	struct zpci_maxstbl_view v;

	reset();
	set_clp(4096);
	set_vfio(128, 1, 4096);
	zpci_maxstbl_view(&fn, &v);
	CHECK_EQ_U64(v.hardware, 4096);
	CHECK_EQ_U64(v.effective, 4096);
	CHECK(has(&v, "vfio-maxstbl-is-intercept-limit", ZSEV_INFO));
	CHECK_EQ_U64(v.nfindings, 1);

	/* without CLP (not root), imaxstbl still gives the hardware limit */
	fn.clp->group_valid = false;
	src_status(&fn.src_clp, ZS_NO_PERMISSION, "/dev/clp needs root");
	zpci_maxstbl_view(&fn, &v);
	CHECK_EQ_U64(v.hardware, 4096);
	CHECK_EQ_U64(v.hardware_from, ZM_VFIO_IMAXSTBL);
	CHECK(strstr(v.src[ZM_CLP].why, "needs root") != NULL);
}

static void test_vfio_v1_only(void)
{
	struct zpci_maxstbl_view v;

	reset();
	set_vfio(128, 0, 0);
	zpci_maxstbl_view(&fn, &v);
	CHECK(!v.hardware_known);
	CHECK(!v.src[ZM_VFIO_IMAXSTBL].known);
	CHECK(has(&v, "vfio-maxstbl-only", ZSEV_WARNING));
	CHECK(v.effective_known);
	CHECK_EQ_U64(v.effective, 128);
}

static void test_kernel_copy_differs(void)
{
	struct zpci_maxstbl_view v;

	reset();
	set_clp(4096);
	fn.kdiag->valid = true;
	fn.kdiag->maxstbl.v = 128;
	fn.kdiag->maxstbl.st = ZV_OK;
	zpci_maxstbl_view(&fn, &v);
	CHECK(v.src[ZM_KDIAG].known);
	CHECK(has(&v, "maxstbl-sources-differ", ZSEV_WARNING));
	CHECK_EQ_U64(v.hardware, 4096);
}

static void test_io_region_above_hardware(void)
{
	struct zpci_maxstbl_view v;

	reset();
	set_clp(128);
	set_vfio(128, 1, 128);
	fn.vfio->io_region_valid = true;
	fn.vfio->io_region_max = 4096;
	zpci_maxstbl_view(&fn, &v);
	CHECK(has(&v, "io-region-above-hardware", ZSEV_CRITICAL));
	CHECK_EQ_U64(v.effective, 128);

	fn.vfio->io_region_max = 64;
	zpci_maxstbl_view(&fn, &v);
	CHECK(has(&v, "io-region-below-hardware", ZSEV_INFO));
	CHECK_EQ_U64(v.effective, 64);
}

static void test_vfio_above_hardware_and_nothing_known(void)
{
	struct zpci_maxstbl_view v;

	reset();
	set_clp(64);
	set_vfio(128, 1, 64);
	zpci_maxstbl_view(&fn, &v);
	CHECK(has(&v, "vfio-maxstbl-above-hardware", ZSEV_CRITICAL));

	reset();
	zpci_maxstbl_view(&fn, &v);
	CHECK(!v.hardware_known);
	CHECK(!v.effective_known);
	CHECK_EQ_U64(v.nfindings, 0);
}

int main(void)
{
	test_emulator_all_128();
	test_interpretation_maxstbl_128_imaxstbl_4096();
	test_vfio_v1_only();
	test_kernel_copy_differs();
	test_io_region_above_hardware();
	test_vfio_above_hardware_and_nothing_known();
	reset();	/* frees the reasons set above */
	return unit_done("test-maxstbl");
}
