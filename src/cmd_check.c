// SPDX-License-Identifier: MIT
/*
 * zpcidiag check: run the rule catalogue (check_rules.c) over the model and
 * say "healthy or not, and why" for people (table), scripts (JSON) and
 * monitoring (plugin line, Prometheus textfile). Exit codes follow the
 * monitoring-plugin convention whatever the format: 0 OK, 1 WARNING,
 * 2 CRITICAL, 3 UNKNOWN (usage errors and "could not look" included).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "check_out.h"
#include "cmd.h"
#include "output.h"
#include "report_saved.h"
#include "select.h"
#include "source_holders.h"

enum { CK_OK = 0, CK_WARNING = 1, CK_CRITICAL = 2, CK_UNKNOWN = 3 };

static const char *opt_format, *opt_output, *opt_config, *opt_passthrough, *opt_from_raw;
static const char **opt_ignore;
static int opt_list_rules, opt_vfio;
static bool emitted;	/* the one line or document is out (stdout or -o FILE) */

static const struct poptOption check_options[] = {
	{ "format", 0, POPT_ARG_STRING, &opt_format, 0,
	  "table (default), json, plugin (monitoring-plugin line) or prometheus (textfile)", "FORMAT" },
	{ "output", 'o', POPT_ARG_STRING, &opt_output, 0,
	  "write to FILE atomically (temporary file, then rename) instead of standard output", "FILE" },
	{ "ignore", 0, POPT_ARG_ARGV, &opt_ignore, 0,
	  "silence these rules (comma-separated ids; may be repeated)", "RULE[,RULE]" },
	{ "config", 0, POPT_ARG_STRING, &opt_config, 0,
	  "rules to silence per device (default: /etc/zpcidiag/check.conf beside the sysfs root)",
	  "FILE" },
	{ "list-rules", 0, POPT_ARG_NONE, &opt_list_rules, 0, "print the rule catalogue", NULL },
	{ "passthrough", 0, POPT_ARG_STRING, &opt_passthrough, 0,
	  "check DEVICE's readiness for passthrough (reads its vfio device info)", "DEVICE" },
	{ "vfio", 0, POPT_ARG_NONE, &opt_vfio, 0,
	  "also read the vfio device info of bound functions (opens them)", NULL },
	{ "from-raw", 0, POPT_ARG_STRING, &opt_from_raw, 0,
	  "CLP blocks saved earlier (see zpcidiag-clp(8)) instead of /dev/clp", "DIR" },
	POPT_TABLEEND
};

/* --ignore and check.conf: a rule, everywhere or on the functions one selector matches */
struct ignore {
	const struct zpci_check_rule *rule;
	bool any;
	struct zpci_selector sel;
};

struct ignores {
	struct ignore *v;
	size_t n;
};

static int ignore_add(struct ignores *ig, const char *id, const char *dev, const char *where)
{
	struct ignore *v, e = { .rule = zpci_check_rule_find(id), .any = !dev };
	char err[128];

	if (!e.rule) {
		zpci_err("%s: no rule '%s' (see 'zpcidiag check --list-rules'; a problem without a "
			 "rule of its own, such as %s, is a finding of data-problem or data-error)",
			 where, id, id);
		return -1;
	}
	if (dev && zpci_selector_parse(dev, &e.sel, err, sizeof(err))) {
		zpci_err("%s: %s: %s", where, dev, err);
		return -1;
	}
	v = realloc(ig->v, (ig->n + 1) * sizeof(*v));
	if (!v)
		return -1;
	ig->v = v;
	v[ig->n++] = e;
	return 0;
}

/* "a,b,c" with each rule on each device of devs (or everywhere when ndevs is 0) */
static int ignore_list(struct ignores *ig, const char *list, char **devs, int ndevs,
		       const char *where)
{
	char *copy = strdup(list), *save = NULL, *id;
	int rc = copy ? 0 : -1;

	for (id = copy ? strtok_r(copy, ",", &save) : NULL; id && !rc; id = strtok_r(NULL, ",", &save))
		for (int d = 0; d < (ndevs ? ndevs : 1) && !rc; d++)
			rc = ignore_add(ig, id, ndevs ? devs[d] : NULL, where);
	free(copy);
	return rc;
}

/*
 * check.conf: '#' comments and lines "ignore RULE[,RULE] [DEVICE...]".
 * A missing default file is no error; a missing --config file is. Only a
 * regular file of at most CONFIG_MAX bytes is read (a device such as
 * /dev/zero would never end, a directory is no configuration).
 */
#define CONFIG_MAX (1 << 20)

static int read_config(struct ignores *ig, const char *path, bool must_exist)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	char line[1024], where[PATH_MAX + 16];
	int lineno = 0, rc = 0;
	struct stat st;
	FILE *f;

	if (fd < 0) {
		if (!must_exist && errno == ENOENT)
			return 0;
		zpci_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > CONFIG_MAX) {
		const char *why = S_ISDIR(st.st_mode) ? "a directory, not a configuration file" :
				  !S_ISREG(st.st_mode) ? "not a regular file" :
				  "longer than 1 MiB; not a configuration file";

		zpci_err("%s: %s", path, why);
		close(fd);
		return -1;
	}
	f = fdopen(fd, "re");
	if (!f) {
		zpci_err("%s: %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	while (!rc && fgets(line, sizeof(line), f)) {
		char *tok[32], *save = NULL, *t;
		int n = 0;

		lineno++;
		snprintf(where, sizeof(where), "%s:%d", path, lineno);
		if (!strchr(line, '\n') && !feof(f)) {
			zpci_err("%s: line longer than %zu characters", where, sizeof(line) - 2);
			rc = -1;
			break;
		}
		line[strcspn(line, "#\n")] = '\0';
		for (t = strtok_r(line, " \t\r", &save); t && n < 32; t = strtok_r(NULL, " \t\r", &save))
			tok[n++] = t;
		if (n == 0)
			continue;
		if (t) {
			zpci_err("%s: more than 32 words", where);
			rc = -1;
		} else if (strcmp(tok[0], "ignore") != 0 || n < 2) {
			zpci_err("%s: expected 'ignore RULE[,RULE] [DEVICE...]'", where);
			rc = -1;
		} else {
			rc = ignore_list(ig, tok[1], tok + 2, n - 2, where);
		}
	}
	if (!rc && ferror(f)) {
		zpci_err("%s: %s", path, strerror(errno ? errno : EIO));
		rc = -1;
	}
	fclose(f);
	return rc;
}

static bool ignored(const struct ignores *ig, const struct zpci_finding *f)
{
	for (size_t i = 0; i < ig->n; i++)
		if (ig->v[i].rule == f->rule &&
		    (ig->v[i].any || (f->fn && zpci_selector_match(&ig->v[i].sel, f->fn))))
			return true;
	return false;
}

static void run_rules(const struct zpci_check_env *env, struct zpci_fn **fns, size_t n,
		      const struct zpci_fn *pt, struct zpci_findings *out)
{
	for (size_t r = 0; r < zpci_check_nrules; r++) {
		const struct zpci_check_rule *rule = &zpci_check_rules[r];

		if (rule->scope == ZCS_SYSTEM)
			rule->test(rule, env, NULL, out);
		else if (rule->scope == ZCS_PASSTHROUGH && pt)
			rule->test(rule, env, pt, out);
		else if (rule->scope == ZCS_FUNCTION)
			for (size_t i = 0; i < n; i++)
				rule->test(rule, env, fns[i], out);
	}
}

/* Drop ignored findings, count the rest, order worst first (stable). */
static void settle(struct zpci_check_result *res, const struct ignores *ig)
{
	size_t keep = 0;

	for (size_t i = 0; i < res->findings.n; i++) {
		struct zpci_finding *f = &res->findings.v[i];

		if (ignored(ig, f)) {
			res->ignored++;
			continue;
		}
		res->count[f->rule->severity]++;
		res->findings.v[keep++] = *f;
	}
	res->findings.n = keep;
	/* insertion sort keeps rule and function order within one severity */
	for (size_t i = 1; i < keep; i++) {
		struct zpci_finding x = res->findings.v[i];
		size_t j = i;

		for (; j > 0 && res->findings.v[j - 1].rule->severity < x.rule->severity; j--)
			res->findings.v[j] = res->findings.v[j - 1];
		res->findings.v[j] = x;
	}
	res->status = res->findings.oom ? CK_UNKNOWN : res->count[ZSEV_CRITICAL] ? CK_CRITICAL :
		      res->count[ZSEV_WARNING] ? CK_WARNING : CK_OK;
}

/* Writes through a temporary file in FILE's directory and renames it over
 * FILE (a regular file or a new name: output.h). */
static int emit(const struct zpci_check_result *res, const struct zpci_check_env *env,
		enum zpci_check_format fmt, int verbose)
{
	struct zpci_out_target was;
	char tmp[PATH_MAX];
	FILE *f = stdout;
	int fd, rc;

	if (!opt_output) {
		rc = zpci_check_print(f, res, env, fmt, verbose);
		emitted = true;	/* a failed stdout is seen (and answered) at the end */
		return rc;
	}
	if (zpci_out_target_check(opt_output, &was))
		return -1;
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", opt_output) >= sizeof(tmp)) {
		zpci_err("%s: path too long", opt_output);
		return -1;
	}
	fd = mkstemp(tmp);
	if (fd < 0 || !(f = fdopen(fd, "w"))) {
		zpci_err("%s: cannot create a temporary file beside it: %s", opt_output, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	rc = zpci_check_print(f, res, env, fmt, verbose);
	/* a textfile collector reads it as another user: mkstemp's 0600 would hide it */
	if (fchmod(fileno(f), 0644) || fflush(f) || fsync(fileno(f)))
		rc = -1;
	if (fclose(f) || rc) {
		zpci_err("%s: %s", opt_output, strerror(errno ? errno : EIO));
		unlink(tmp);
		return -1;
	}
	if (zpci_out_target_rename(tmp, opt_output, &was)) {
		unlink(tmp);
		return -1;
	}
	emitted = true;
	return 0;
}

static int parse_format(const struct zpci_ctx *ctx, enum zpci_check_format *fmt, bool quiet)
{
	static const char *const names[] = { "table", "json", "plugin", "prometheus" };

	*fmt = ctx->json ? ZCF_JSON : ZCF_TABLE;
	if (!opt_format)
		return 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(opt_format, names[i]) == 0) {
			*fmt = (enum zpci_check_format)i;
			return 0;
		}
	if (!quiet)
		zpci_err("check: --format: '%s' is not table, json, plugin or prometheus", opt_format);
	return -1;
}

static int build_ignores(const struct zpci_ctx *ctx, struct ignores *ig)
{
	char path[PATH_MAX];

	for (int i = 0; opt_ignore && opt_ignore[i]; i++)
		if (ignore_list(ig, opt_ignore[i], NULL, 0, "--ignore"))
			return -1;
	if (opt_config)
		return read_config(ig, opt_config, true);
	/* a fake root carries its own etc/ beside sys/, as it carries proc/ */
	if ((size_t)snprintf(path, sizeof(path), "%s/../etc/zpcidiag/check.conf",
			     ctx->sysfs_root) >= sizeof(path))
		return 0;
	return read_config(ig, path, false);
}

static int select_fns(struct zpci_ctx *ctx, struct zpci_system *sys, int argc, const char **argv,
		      struct zpci_fn ***fns, size_t *n, struct zpci_fn **pt)
{
	int rc;

	*pt = NULL;
	if (!opt_passthrough)
		return zpci_select_args(ctx, sys, argc, argv, fns, n);
	rc = zpci_select_args(ctx, sys, 1, &opt_passthrough, fns, n);
	if (rc == ZX_OK && *n == 1 && (*fns)[0]->state == ZPCI_FN_CONFIGURED) {
		*pt = (*fns)[0];
	} else if (rc == ZX_OK) {
		zpci_err("%s: not a configured PCI function: nothing to pass through", opt_passthrough);
		rc = ZX_NODEV;
	}
	return rc;
}

/* the KVM host's view of the --passthrough function (source_holders.c) */
static int pt_view_of(struct zpci_ctx *ctx, const struct zpci_system *sys,
		      const struct zpci_fn *pt, struct zpci_check_env *env)
{
	struct zpci_pt_scan *scan = malloc(sizeof(*scan));
	struct zpci_pt_view *v = malloc(sizeof(*v));

	if (!scan || !v) {
		free(scan);
		free(v);
		return ZX_INTERNAL;
	}
	zpci_pt_scan(ctx, scan);
	zpci_pt_view(ctx, sys, pt, scan, v);
	env->pt_scan = scan;
	env->pt_view = v;
	return ZX_OK;
}

static int check_run(struct zpci_ctx *ctx, int argc, const char **argv,
		     enum zpci_check_format fmt, const struct ignores *ig)
{
	struct zpci_check_result res = { 0 };
	struct zpci_check_env env = { 0 };
	struct zpci_system sys;
	struct zpci_fn **fns = NULL, *pt = NULL;
	unsigned int what = ZL_SYSFS | ZL_PCICONF | ZL_CLP | ZL_KDIAG | ZL_KMSG;
	size_t n = 0;
	int rc;

	/* a report (--report) carries the CLP blocks, vfio replies and module
	 * answers of its machine: asked for as on that machine */
	if (opt_from_raw)
		ctx->clp_raw_dir = opt_from_raw;
	env.sys = &sys;
	env.clp_asked = !ctx->offline || ctx->clp_raw_dir;
	env.kdiag_asked = !ctx->offline || (ctx->report_root && !zpci_report_machine_offline());
	env.vfio_asked = (!ctx->offline || ctx->report_root) && (opt_vfio || opt_passthrough);
	if (env.vfio_asked)
		what |= ZL_VFIO;
	rc = zpci_system_load(ctx, &sys, what);
	/* saved blocks were asked for by name: not reading them is not looking */
	if (rc == ZX_OK && opt_from_raw && sys.src_clp.state != ZS_OK) {
		zpci_err("check: --from-raw %s: %s", opt_from_raw, zpci_src_reason(&sys.src_clp));
		rc = ZX_DATA;
	}
	zpci_report_default_devices(ctx, &argc, &argv);
	if (rc == ZX_OK)
		rc = select_fns(ctx, &sys, argc, argv, &fns, &n, &pt);
	if (rc == ZX_OK && pt)
		rc = pt_view_of(ctx, &sys, pt, &env);
	if (rc == ZX_OK) {
		res.nfns = n;
		res.fns = fns;
		run_rules(&env, fns, n, pt, &res.findings);
		settle(&res, ig);
	} else {
		res.status = CK_UNKNOWN;
		snprintf(res.unknown_why, sizeof(res.unknown_why),
			 "could not read the zPCI functions (zpcidiag exit code %d)", rc);
	}
	if (emit(&res, &env, fmt, ctx->verbose))
		res.status = CK_UNKNOWN;
	free(res.findings.v);
	free((void *)env.pt_scan);
	free((void *)env.pt_view);
	free(fns);
	zpci_system_free(&sys);
	return res.status;
}

static int cmd_check(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct ignores ig = { 0 };
	enum zpci_check_format fmt;
	int rc;

	if (parse_format(ctx, &fmt, false))
		return CK_UNKNOWN;
	if (opt_passthrough && argc) {
		zpci_err("check: --passthrough DEVICE checks one function; give no other DEVICE");
		return CK_UNKNOWN;
	}
	if (ctx->columns) {
		zpci_err("check: the global -o %s picks table columns; check's outputs have fixed "
			 "fields (check -o FILE writes to a file)", ctx->columns);
		return CK_UNKNOWN;
	}
	if (opt_list_rules) {
		emitted = true;
		return zpci_check_print_rules(stdout, fmt) ? CK_UNKNOWN : CK_OK;
	}
	if (build_ignores(ctx, &ig)) {
		free(ig.v);
		return CK_UNKNOWN;
	}
	rc = check_run(ctx, argc, argv, fmt, &ig);
	free(ig.v);
	return rc;
}

/*
 * Every outcome, failures before check ran included (a bad report, a bad
 * option, a config error, an unwritable -o FILE): exit 0-3 and exactly one
 * line or document on standard output, UNKNOWN with the reason when check
 * could not say more.
 */
static int check_conclude(struct zpci_ctx *ctx, int rc, const char *why, bool stdout_ok)
{
	struct zpci_check_result res = { .status = CK_UNKNOWN };
	struct zpci_check_env env = { 0 };
	enum zpci_check_format fmt;

	if (!stdout_ok)
		return CK_UNKNOWN;	/* nowhere left to say it */
	if (emitted || rc == CK_OK)	/* CK_OK without output: --help */
		return rc >= CK_OK && rc <= CK_UNKNOWN ? rc : CK_UNKNOWN;
	if (parse_format(ctx, &fmt, true))
		fmt = ctx->json ? ZCF_JSON : ZCF_TABLE;
	if (why && *why)
		snprintf(res.unknown_why, sizeof(res.unknown_why), "%s", why);
	else
		snprintf(res.unknown_why, sizeof(res.unknown_why), "check failed (zpcidiag exit code %d)",
			 rc);
	zpci_check_print(stdout, &res, &env, fmt, 0);
	emitted = true;
	if (fflush(stdout) || ferror(stdout))
		zpci_err("writing to standard output: %s", strerror(errno ? errno : EIO));
	return CK_UNKNOWN;
}

ZPCI_COMMAND(check, .name = "check", .arg = "DEVICE", .max_args = ZPCI_ARGS_ANY,
	     .summary = "health check: rules over every function, for people and monitoring",
	     .options = check_options, .usage_exit = CK_UNKNOWN, .run = cmd_check,
	     .conclude = check_conclude);
