// SPDX-License-Identifier: MIT
/*
 * check rules that need facts only a live system gives (the kernel module,
 * vfio, CLP): each made to fire on a model built here, and shown silent on a
 * healthy look-alike. The fake-tree situations are in tests/cli/check-*.sh.
 */
#include "config.h"

#include "check.h"
#include "source_holders.h"
#include "unit.h"
#include "unit-model.h"

static struct zpci_system sys;
static struct zpci_fn fn;
static struct unit_fn_parts parts;
static struct zpci_check_env env = { .sys = &sys, .clp_asked = true, .kdiag_asked = true,
				     .vfio_asked = true };

/* findings rule ID raises on fn (NULL: system rule) */
static size_t fires(const char *id, const struct zpci_fn *f)
{
	const struct zpci_check_rule *r = zpci_check_rule_find(id);
	struct zpci_findings out = { 0 };
	size_t n;

	if (!r) {
		fprintf(stderr, "no rule %s\n", id);
		return 99;
	}
	r->test(r, &env, f, &out);
	n = out.n;
	free(out.v);
	return n;
}

static void healthy_ism_vfio(void)
{
	unit_fn_with_parts(&fn, &parts);
	zpci_src_clear(&sys.src_clp);
	memset(&sys, 0, sizeof(sys));
	sys.fns = &fn;
	sys.nfns = 1;
	snprintf(fn.address, sizeof(fn.address), "0001:00:00.0");
	fn.state = ZPCI_FN_CONFIGURED;
	fn.zattr.pft = (struct zv){ 0x05, ZV_OK };
	fn.zattr.fh = (struct zv){ 0x80000210, ZV_OK };
	snprintf(fn.pci.driver, sizeof(fn.pci.driver), "zpci_vfio_pci");
	fn.clp->group_valid = true;
	fn.clp->group.maxstbl = 4096;
	fn.src_clp.state = fn.src_kdiag.state = fn.src_vfio.state = ZS_OK;
	fn.kdiag->valid = true;
	fn.kdiag->maxstbl = (struct zv){ 4096, ZV_OK };
	fn.vfio->valid = fn.vfio->base_valid = fn.vfio->group_valid = true;
	fn.vfio->maxstbl = 128;
	fn.vfio->imaxstbl_valid = true;
	fn.vfio->imaxstbl = 4096;
	fn.vfio->io_region_valid = true;
	fn.vfio->io_region_max = 4096;
	sys.src_clp.state = ZS_OK;
}

static void test_maxstbl_rules(void)
{
	healthy_ism_vfio();
	CHECK(fires("maxstbl-sources-differ", &fn) == 0);
	CHECK(fires("vfio-maxstbl-above-hardware", &fn) == 0);
	CHECK(fires("io-region-above-hardware", &fn) == 0);
	CHECK(fires("maxstbl-zero", &fn) == 0);
	CHECK(fires("vfio-maxstbl-only", &fn) == 0);
	/* the known trap: vfio's maxstbl is the intercept limit, below hardware */
	CHECK(fires("vfio-maxstbl-is-intercept-limit", &fn) == 1);
	fn.vfio->maxstbl = 4096;
	CHECK(fires("vfio-maxstbl-is-intercept-limit", &fn) == 0);

	fn.kdiag->maxstbl.v = 2048;		/* the kernel's copy differs from CLP */
	CHECK(fires("maxstbl-sources-differ", &fn) == 1);
	healthy_ism_vfio();
	fn.vfio->maxstbl = 8192;
	CHECK(fires("vfio-maxstbl-above-hardware", &fn) == 1);
	healthy_ism_vfio();
	fn.vfio->io_region_max = 8192;
	CHECK(fires("io-region-above-hardware", &fn) == 1);
	healthy_ism_vfio();
	fn.clp->group.maxstbl = fn.kdiag->maxstbl.v = fn.vfio->imaxstbl = 0;
	fn.vfio->maxstbl = 0;
	fn.vfio->io_region_max = 0;
	CHECK(fires("maxstbl-zero", &fn) == 1);
	healthy_ism_vfio();
	fn.clp->group_valid = fn.kdiag->valid = fn.vfio->imaxstbl_valid = false;
	CHECK(fires("vfio-maxstbl-only", &fn) == 1);
}

/* the KVM host's view (source_holders.h): facts a fake tree cannot give */
static void test_passthrough_host_view(void)
{
	static struct zpci_pt_scan scan;
	struct zpci_pt_view v = { .vfio = true, .rtr = 0 };

	healthy_ism_vfio();
	snprintf(fn.pci.driver, sizeof(fn.pci.driver), "vfio-pci");
	memset(&scan, 0, sizeof(scan));
	scan.valid = true;
	scan.kvm_zpci_op = -1;
	scan.nholders = 1;
	scan.holders[0].pid = 42;
	env.pt_scan = &scan;
	env.pt_view = &v;
	/* a guest holds the group: vfio info unreadable is no finding */
	fn.vfio->valid = false;
	CHECK(fires("passthrough-zpci-caps", &fn) == 1);
	v.holder = &scan.holders[0];
	CHECK(fires("passthrough-zpci-caps", &fn) == 0);
	/* identity domain: wrong only where CLP says no relaxed translation */
	snprintf(v.domain_type, sizeof(v.domain_type), "identity");
	CHECK(fires("passthrough-identity-no-rtr", &fn) == 1);
	v.rtr = 1;
	CHECK(fires("passthrough-identity-no-rtr", &fn) == 0);
	v.rtr = -1;
	CHECK(fires("passthrough-identity-no-rtr", &fn) == 0);
	env.pt_scan = NULL;
	env.pt_view = NULL;
}

static void test_passthrough_rules(void)
{
	healthy_ism_vfio();
	CHECK(fires("passthrough-zpci-caps", &fn) == 0);
	CHECK(fires("passthrough-io-region", &fn) == 0);
	fn.vfio->base_valid = false;
	CHECK(fires("passthrough-zpci-caps", &fn) == 1);
	healthy_ism_vfio();
	fn.vfio->valid = false;
	zpci_src_set(&fn.src_vfio, fn.src_vfio.state, "group busy");
	CHECK(fires("passthrough-zpci-caps", &fn) == 1);
	healthy_ism_vfio();
	fn.vfio->io_region_valid = false;
	CHECK(fires("passthrough-io-region", &fn) == 1);
	test_passthrough_host_view();
	/* ism-vfio-pci (Linux 7.1) serves block stores through the BAR regions */
	snprintf(fn.pci.driver, sizeof(fn.pci.driver), "ism-vfio-pci");
	CHECK(fires("passthrough-io-region", &fn) == 0);
	/* not asked for vfio (no --passthrough or --vfio): silent, not guessed */
	healthy_ism_vfio();
	fn.vfio->base_valid = false;
	env.vfio_asked = false;
	CHECK(fires("passthrough-zpci-caps", &fn) == 0);
	env.vfio_asked = true;
}

static void test_kernel_facts(void)
{
	/* a VF bound to vfio whose kernel says no_command_memory is clear */
	healthy_ism_vfio();
	fn.zattr.pft.v = 0x0a;
	fn.vf.is_vf = fn.vf.detached = true;
	fn.kdiag->no_command_memory = (struct zv){ 1, ZV_OK };
	CHECK(fires("vf-vfio-no-command-memory", &fn) == 0);
	fn.kdiag->no_command_memory.v = 0;
	CHECK(fires("vf-vfio-no-command-memory", &fn) == 1);
	/* the same VF with the driver it has on a host: no vfio, no refusal */
	snprintf(fn.pci.driver, sizeof(fn.pci.driver), "mlx5_core");
	CHECK(fires("vf-vfio-no-command-memory", &fn) == 0);
}

static void test_source_rules(void)
{
	healthy_ism_vfio();
	CHECK(fires("source-kdiag-unavailable", NULL) == 0);
	CHECK(fires("source-clp-unavailable", NULL) == 0);
	zpci_src_set(&fn.src_kdiag, ZS_UNAVAILABLE, "zpcidiag_diag module not loaded");
	CHECK(fires("source-kdiag-unavailable", NULL) == 1);
	zpci_src_set(&sys.src_clp, ZS_NO_PERMISSION, "/dev/clp: Permission denied");
	CHECK(fires("source-clp-unavailable", NULL) == 1);
	/* a fake tree never asks: silence, not "module missing" */
	env.kdiag_asked = env.clp_asked = false;
	CHECK(fires("source-kdiag-unavailable", NULL) == 0);
	CHECK(fires("source-clp-unavailable", NULL) == 0);
	env.kdiag_asked = env.clp_asked = true;
}

static void test_reserved(void)
{
	healthy_ism_vfio();
	CHECK(fires("fn-reserved", &fn) == 0);
	fn.state = ZPCI_FN_RESERVED;
	CHECK(fires("fn-reserved", &fn) == 1);
}

static void test_catalogue(void)
{
	for (size_t i = 0; i < zpci_check_nrules; i++) {
		const struct zpci_check_rule *r = &zpci_check_rules[i];

		CHECK(r->id && r->title && r->explanation && r->test);
		CHECK(r->severity >= ZSEV_INFO && r->severity <= ZSEV_CRITICAL);
		CHECK(zpci_check_rule_find(r->id) == r);	/* ids are unique */
	}
}

int main(void)
{
	test_maxstbl_rules();
	test_passthrough_rules();
	test_kernel_facts();
	test_source_rules();
	test_reserved();
	test_catalogue();
	unit_fn_with_parts(&fn, &parts);	/* frees the reasons set above */
	zpci_src_clear(&sys.src_clp);
	printf("test-check-rules: %d checks, %d failed\n", unit_checks, unit_failures);
	return unit_failures ? 1 : 0;
}
