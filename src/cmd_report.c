// SPDX-License-Identifier: MIT
/*
 * report: everything zpcidiag reads about the zPCI functions, in one
 * compressed tar a support engineer reads anywhere with --report. The
 * sources record what they read (report_record.h); this command runs them,
 * adds the kernel's facts and zpcidiag's own output, and writes the archive
 * so that it is either complete or absent.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"
#include "model.h"
#include "report_collect.h"
#include "source_stats.h"
#include "sysinfo.h"
#include "source_holders.h"
#include "report_saved.h"
#include "report_write.h"
#include "select.h"
#include "sources.h"

static const char *opt_output;
static int opt_quiet;

static struct poptOption report_options[] = {
	{ "output", 'o', POPT_ARG_STRING, &opt_output, 0,
	  "write the report to FILE (.tar.xz, or .tar.gz / .tgz for gzip)", "FILE" },
	{ "quiet", 'q', POPT_ARG_NONE, &opt_quiet, 0, "no progress messages", NULL },
	POPT_TABLEEND
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static struct timespec started;

/* Progress only when the report takes long enough for someone to wonder. */
static void progress(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void progress(const char *fmt, ...)
{
	struct timespec now;
	va_list ap;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (opt_quiet || now.tv_sec - started.tv_sec < 1)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "%s: report: ", ZPCI_PROG);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

static void default_name(char *buf, size_t len)
{
	char host[64] = "localhost";
	time_t t = time(NULL);
	struct tm tm;

	gethostname(host, sizeof(host) - 1);
	host[strcspn(host, "./")] = '\0';
	gmtime_r(&t, &tm);
	snprintf(buf, len, "zpcidiag-report-%s-%04d%02d%02dT%02d%02d%02dZ.tar.xz", host,
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The archive's one top directory: the file name without its suffixes. */
static void top_dir(const char *path, char *buf, size_t len)
{
	static const char *const suffixes[] = { ".tar.xz", ".tar.gz", ".tgz", ".txz", ".tar", NULL };
	const char *base = strrchr(path, '/');
	size_t n;

	if ((size_t)snprintf(buf, len, "%s", base ? base + 1 : path) >= len)
		buf[0] = '\0';
	n = strlen(buf);
	for (int i = 0; suffixes[i]; i++) {
		size_t s = strlen(suffixes[i]);

		if (n > s && strcmp(buf + n - s, suffixes[i]) == 0) {
			buf[n - s] = '\0';
			break;
		}
	}
	if (!buf[0] || buf[0] == '.')
		snprintf(buf, len, "zpcidiag-report");
}

/* Blocks the CLP source saved (the --raw format) become members "clp/NAME". */
static void take_clp_blocks(const char *dir, const struct zpci_system *sys, json_object *gaps)
{
	struct dirent **ents;
	int n = dir ? scandir(dir, &ents, NULL, alphasort) : -1;

	for (int i = 0; i < n; i++) {
		char path[PATH_MAX], member[300];
		unsigned char blk[4096];
		FILE *f;
		size_t got;

		if (ents[i]->d_name[0] != '.' &&
		    (size_t)snprintf(path, sizeof(path), "%s/%s", dir, ents[i]->d_name) < sizeof(path)) {
			snprintf(member, sizeof(member), "clp/%s", ents[i]->d_name);
			f = fopen(path, "rb");
			if (f) {
				got = fread(blk, 1, sizeof(blk), f);
				fclose(f);
				zpci_record_blob(member, blk, got);
			}
		}
		free(ents[i]);
	}
	if (n >= 0)
		free(ents);
	if (sys->src_clp.state != ZS_OK)
		zpci_report_gap(gaps, "clp", "%s", sys->src_clp.reason ? sys->src_clp.reason :
				"the CLP source did not run");
}

/* Functions that were there when the report started and are gone now. */
static void note_vanished(const struct zpci_ctx *ctx, const struct zpci_system *sys, json_object *gaps)
{
	for (size_t i = 0; i < sys->nfns; i++) {
		char path[PATH_MAX], what[64];
		const struct zpci_fn *fn = &sys->fns[i];

		if (!fn->address[0])
			continue;
		snprintf(path, sizeof(path), "%s/bus/pci/devices/%s", ctx->sysfs_root, fn->address);
		if (access(path, F_OK) == 0)
			continue;
		snprintf(what, sizeof(what), "function %s", fn->address);
		zpci_report_gap(gaps, what, "FID 0x%08x disappeared while the report was being taken "
				"(hot-unplug or recovery); its data may be partial", fn->fid);
	}
}

static json_object *manifest_new(const struct zpci_ctx *ctx, int argc, const char **argv)
{
	json_object *m = json_object_new_object(), *devs = json_object_new_array();
	char host[256] = "", when[32];
	time_t t = time(NULL);
	struct tm tm;

	gethostname(host, sizeof(host) - 1);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	json_object_object_add(m, "format", json_object_new_string("zpcidiag-report"));
	json_object_object_add(m, "format_version", json_object_new_int(1));
	json_object_object_add(m, "zpcidiag_version", json_object_new_string(PACKAGE_VERSION));
	json_object_object_add(m, "created", json_object_new_string(when));
	json_object_object_add(m, "hostname", json_object_new_string(host));
	json_object_object_add(m, "byte_order", json_object_new_string(
		__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? "big" : "little"));
	json_object_object_add(m, "sysfs_root", json_object_new_string(ctx->sysfs_root));
	for (int i = 0; i < argc; i++)
		json_object_array_add(devs, json_object_new_string(argv[i]));
	json_object_object_add(m, "devices", devs);
	return m;
}

struct report_run {
	struct zpci_report_out out;
	struct zpci_system sys;
	char clp_tmp[PATH_MAX];
	json_object *manifest, *gaps, *commands;
};

/* The manifest's list of the functions a report for named ones covers. */
static void manifest_functions(json_object *m, const struct zpci_report_scope *scope)
{
	json_object *arr = json_object_new_array();

	for (size_t i = 0; i < scope->nfns; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "address", scope->fns[i]->address[0] ?
				       json_object_new_string(scope->fns[i]->address) : NULL);
		json_object_object_add(o, "fid", json_object_new_int64(scope->fns[i]->fid));
		json_object_array_add(arr, o);
	}
	json_object_object_add(m, "functions", arr);
}

/* Everything up to the archive: the sources with the recorder on, then the rest. */
static int gather(struct zpci_ctx *ctx, struct report_run *r, int argc, const char **argv)
{
	struct zpci_report_scope scope = { .sys = &r->sys, .argc = argc, .argv = argv };
	char clp_dir[PATH_MAX + 8];
	int rc;

	if (zpci_record_start(ctx->sysfs_root)) {
		zpci_err("%s: %s", ctx->sysfs_root, strerror(errno));
		return ZX_DATA;
	}
	if (!ctx->offline) {
		snprintf(r->clp_tmp, sizeof(r->clp_tmp), "%s/zpcidiag-clp.XXXXXX",
			 getenv("TMPDIR") && *getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		if (!mkdtemp(r->clp_tmp))
			r->clp_tmp[0] = '\0';
		snprintf(clp_dir, sizeof(clp_dir), "%s/clp", r->clp_tmp);
		if (r->clp_tmp[0])
			ctx->clp_save_dir = clp_dir;
	}
	progress("reading sysfs, config space, CLP, vfio and the kernel module");
	zpci_report_kdiag_start();
	rc = zpci_load_and_select(ctx, ZL_SYSFS | ZL_PCICONF | ZL_CLP | ZL_VFIO | ZL_KDIAG | ZL_KMSG |
				  ZL_PNET, argc, argv, &r->sys, &scope.fns, &scope.nfns);
	ctx->clp_save_dir = NULL;
	if (rc) {
		zpci_kdiag_answer_hook = NULL;
		return rc;
	}
	zpci_report_kdiag_finish(&r->sys, argc ? scope.fns : NULL, scope.nfns);
	zpci_sysfs_record_extras(ctx, &r->sys);
	zpci_stats_record(ctx, &r->sys);
	zpci_sysinfo_record(ctx);
	zpci_pt_record(ctx, &r->sys);
	take_clp_blocks(r->clp_tmp[0] ? clp_dir : NULL, &r->sys, r->gaps);
	zpci_record_blob("sysfs-root", ctx->sysfs_root, strlen(ctx->sysfs_root));
	zpci_record_blob("byte-order", __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? "big\n" : "little\n",
			 __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__ ? 4 : 7);
	if (argc)
		manifest_functions(r->manifest, &scope);
	if (!stop_signal) {
		if (ctx->offline)
			zpci_report_gap(r->gaps, "system", "a fake sysfs root (%s) describes another system: "
					"this kernel's facts are not collected", ctx->sysfs_root);
		else
			zpci_report_collect_system(r->gaps);
	}
	if (!stop_signal) {
		progress("running zpcidiag's read commands for the report");
		zpci_report_collect_commands(ctx, &scope, r->commands, r->gaps);
		note_vanished(ctx, &r->sys, r->gaps);
	}
	/* the sources read more than the named functions (CLP lists them all) */
	if (argc)
		zpci_report_keep_scope(&scope);
	free(scope.fns);
	return ZX_OK;
}

static int write_all(struct report_run *r)
{
	struct zpci_rec_entry *e;
	size_t n;
	int rc = ZX_OK;

	e = zpci_record_entries(&n);
	if (!e) {
		zpci_err("out of memory while recording the report");
		return ZX_INTERNAL;
	}
	progress("writing %zu members to %s", n, r->out.final);
	rc = zpci_report_out_begin(&r->out, e, n);
	for (size_t i = 0; i < n && rc == ZX_OK && !stop_signal; i++)
		rc = zpci_report_out_add(&r->out, &e[i]);
	if (rc || stop_signal)
		return rc;
	json_object_object_add(r->manifest, "commands", r->commands);
	json_object_object_add(r->manifest, "not_collected", r->gaps);
	r->commands = r->gaps = NULL;
	rc = zpci_report_out_finish(&r->out, r->manifest);
	r->manifest = NULL;
	return rc;
}

static int cmd_report(struct zpci_ctx *ctx, int argc, const char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal }, old[3];
	static const int sigs[3] = { SIGINT, SIGTERM, SIGHUP };
	struct report_run r;
	char path[PATH_MAX], top[256];
	int rc;

	if (ctx->report_file) {
		zpci_err("report: takes this system's data; it cannot re-read a report (--report)");
		return ZX_USAGE;
	}
	memset(&r, 0, sizeof(r));
	clock_gettime(CLOCK_MONOTONIC, &started);
	if (opt_output)
		snprintf(path, sizeof(path), "%s", opt_output);
	else
		default_name(path, sizeof(path));
	top_dir(path, top, sizeof(top));
	/* no SA_RESTART: a blocked read returns and the stop is seen at once */
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &sa, &old[i]);
	/* a file size limit must fail the write (EFBIG), not kill us with the temp file left */
	signal(SIGXFSZ, SIG_IGN);
	rc = zpci_report_out_open(&r.out, path, top);
	if (rc) {
		zpci_err("report: %s; no report written", r.out.error);
		zpci_report_out_abort(&r.out);
		goto out;
	}
	r.manifest = manifest_new(ctx, argc, argv);
	r.gaps = json_object_new_array();
	r.commands = json_object_new_array();
	rc = gather(ctx, &r, argc, argv);
	if (!rc && !stop_signal)
		rc = write_all(&r);
	if (!rc && !r.out.tmp[0])
		stop_signal = 0;	/* complete and renamed: a late signal changes nothing */
	if (rc || stop_signal) {
		if (stop_signal) {
			zpci_err("report: interrupted by %s; no report written", strsignal(stop_signal));
			rc = 128 + stop_signal;
		} else if (r.out.error[0]) {
			zpci_err("report: %s; no report written", r.out.error);
		}
		zpci_report_out_abort(&r.out);
	} else if (!opt_quiet) {
		printf("%s\n", path);
	}
out:
	for (int i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (r.clp_tmp[0])
		nftw(r.clp_tmp, rm_one, 8, FTW_DEPTH | FTW_PHYS);
	json_object_put(r.manifest);
	json_object_put(r.gaps);
	json_object_put(r.commands);
	zpci_record_stop();
	zpci_system_free(&r.sys);
	return rc;
}

ZPCI_COMMAND(report, .name = "report", .arg = "DEVICE", .max_args = ZPCI_ARGS_ANY,
	     .summary = "write everything zpcidiag sees into one archive for --report elsewhere",
	     .options = report_options, .run = cmd_report);
