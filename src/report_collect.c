// SPDX-License-Identifier: MIT
/*
 * What a report holds besides the sources' data: the kernel's facts (release,
 * command line, modules and their versions, the kernel log lines about PCI,
 * the s390 debug feature views for PCI) and zpcidiag's own output. Each
 * collector records into the report (report_record.h) or says why it could
 * not in the manifest's "not_collected" list.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd.h"
#include "report_collect.h"
#include "report_record.h"

extern char **environ;

void zpci_report_gap(json_object *not_collected, const char *what, const char *fmt, ...)
{
	json_object *o = json_object_new_object();
	char why[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	json_object_object_add(o, "what", json_object_new_string(what));
	json_object_object_add(o, "why", json_object_new_string(why));
	json_object_array_add(not_collected, o);
}

/* A whole file into the report; -errno when unreadable. */
static int copy_file(const char *path, const char *member, size_t cap)
{
	char *buf = malloc(cap);
	size_t got = 0;
	ssize_t n = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;

	if (fd < 0 || !buf) {
		e = fd < 0 ? errno : ENOMEM;
		if (fd >= 0)
			close(fd);
		free(buf);
		return -e;
	}
	while (got < cap && ((n = read(fd, buf + got, cap - got)) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			got += (size_t)n;
	e = n < 0 ? errno : 0;
	close(fd);
	if (!e)
		zpci_record_blob(member, buf, got);
	free(buf);
	return -e;
}

static void collect_modules(json_object *gaps)
{
	char line[512], path[300], ver[128];
	FILE *f = fopen("/proc/modules", "re");

	if (copy_file("/proc/modules", "system/modules", 1 << 20)) {
		zpci_report_gap(gaps, "system/modules", "/proc/modules: %s", strerror(errno));
		if (f)
			fclose(f);
		return;
	}
	zpci_record_blob("system/module-versions", "", 0);
	while (f && fgets(line, sizeof(line), f)) {
		char name[128], out[400];

		if (sscanf(line, "%127s", name) != 1)
			continue;
		/* out-of-tree and many in-tree modules carry a version, all a srcversion */
		snprintf(out, sizeof(out), "%s", name);
		for (int i = 0; i < 2; i++) {
			FILE *v;

			snprintf(path, sizeof(path), "/sys/module/%s/%s", name, i ? "srcversion" : "version");
			v = fopen(path, "re");
			if (v && fgets(ver, sizeof(ver), v)) {
				ver[strcspn(ver, "\n")] = '\0';
				snprintf(out + strlen(out), sizeof(out) - strlen(out), " %s=%s",
					 i ? "srcversion" : "version", ver);
			}
			if (v)
				fclose(v);
		}
		strcat(out, "\n");
		zpci_record_append("system/module-versions", out, strlen(out));
	}
	if (f)
		fclose(f);
}

/* PCI, zPCI, vfio, ISM, mlx5, NVMe; "ism" only as a word ("mechanism" is not ISM). */
static bool about_pci(const char *msg)
{
	static const char *const words[] = { "pci", "vfio", "mlx5", "nvme", NULL };
	const char *p;

	for (int i = 0; words[i]; i++)
		if (strcasestr(msg, words[i]))
			return true;
	for (p = msg; (p = strcasestr(p, "ism")); p++)
		if ((p == msg || !isalnum((unsigned char)p[-1])) && !isalpha((unsigned char)p[3]))
			return true;
	return false;
}

/* /dev/kmsg records: "prio,seq,usec,flags;text"; non-blocking read ends at EAGAIN. */
static void collect_kmsg(json_object *gaps)
{
	char rec[8192], line[8400];
	int fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	ssize_t n;

	if (fd < 0) {
		zpci_report_gap(gaps, "system/dmesg", "/dev/kmsg: %s%s", strerror(errno),
				errno == EPERM || errno == EACCES ? " (needs root, or kernel.dmesg_restrict=0)" : "");
		return;
	}
	zpci_record_blob("system/dmesg", "", 0);
	while ((n = read(fd, rec, sizeof(rec) - 1)) != 0) {
		unsigned long long usec;
		char *text, *nl;

		if (n < 0) {
			if (errno == EPIPE)	/* overwritten while reading: go on */
				continue;
			break;
		}
		rec[n] = '\0';
		text = strchr(rec, ';');
		if (!text || sscanf(rec, "%*u,%*u,%llu", &usec) != 1)
			continue;
		text++;
		nl = strchr(text, '\n');
		if (nl)
			*nl = '\0';
		if (!about_pci(text))
			continue;
		snprintf(line, sizeof(line), "[%5llu.%06llu] %s\n", usec / 1000000, usec % 1000000, text);
		zpci_record_append("system/dmesg", line, strlen(line));
	}
	close(fd);
}

void zpci_report_collect_system(json_object *gaps)
{
	static const struct { const char *path, *member; } dbf[] = {
		{ "/sys/kernel/debug/s390dbf/pci_msg/sprintf", "system/s390dbf/pci_msg" },
		{ "/sys/kernel/debug/s390dbf/pci_error/hex_ascii", "system/s390dbf/pci_error" },
	};
	struct utsname u;
	char buf[1024];
	int rc;

	if (uname(&u) == 0) {
		snprintf(buf, sizeof(buf), "%s %s %s %s %s\n", u.sysname, u.nodename, u.release,
			 u.version, u.machine);
		zpci_record_blob("system/uname", buf, strlen(buf));
	}
	if ((rc = copy_file("/proc/cmdline", "system/cmdline", 65536)))
		zpci_report_gap(gaps, "system/cmdline", "/proc/cmdline: %s", strerror(-rc));
	collect_modules(gaps);
	collect_kmsg(gaps);
	for (size_t i = 0; i < sizeof(dbf) / sizeof(dbf[0]); i++)
		if ((rc = copy_file(dbf[i].path, dbf[i].member, 16 << 20)))
			zpci_report_gap(gaps, dbf[i].member, "%s: %s%s", dbf[i].path, strerror(-rc),
					rc == -ENOENT ? " (debugfs not mounted, or no s390 PCI)" : "");
}

/* What a run printed on stderr: the file's contents as one member. */
static void record_fd(int fd, const char *member)
{
	char buf[4096];
	ssize_t n;

	lseek(fd, 0, SEEK_SET);
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		zpci_record_append(member, buf, (size_t)n);
}

/* Runs this very binary; its stdout into *out (malloc'd), its stderr into
 * errfd. Returns the exit code or -1. */
static int run_self(const char *const *args, char **out, size_t *outlen, int errfd)
{
	const char **argv;
	int pipefd[2], status, n = 0;
	posix_spawn_file_actions_t fa;
	size_t cap = 65536, len = 0;
	char *buf = malloc(cap);
	pid_t pid;
	ssize_t r;

	*out = NULL;
	while (args[n])
		n++;
	argv = calloc((size_t)n + 2, sizeof(*argv));
	if (!buf || !argv || pipe2(pipefd, O_CLOEXEC)) {
		free(buf);
		free(argv);
		return -1;
	}
	n = 0;
	argv[n++] = ZPCI_PROG;
	for (int i = 0; args[i]; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	if (errfd >= 0)
		posix_spawn_file_actions_adddup2(&fa, errfd, 2);
	if (posix_spawn(&pid, "/proc/self/exe", &fa, NULL, (char *const *)argv, environ)) {
		posix_spawn_file_actions_destroy(&fa);
		close(pipefd[0]);
		close(pipefd[1]);
		free(buf);
		free(argv);
		return -1;
	}
	free(argv);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	while ((r = read(pipefd[0], buf + len, cap - len)) > 0 || (r < 0 && errno == EINTR)) {
		if (r > 0)
			len += (size_t)r;
		if (len == cap) {
			char *nb = realloc(buf, cap *= 2);

			if (!nb)
				break;
			buf = nb;
		}
	}
	close(pipefd[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	*out = buf;
	*outlen = len;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void run_one(const struct zpci_ctx *ctx, const char *member, const char *const *cmd,
		    const char *const *extra, int nextra, json_object *commands, json_object *gaps)
{
	const char **args = NULL;
	char line[4096] = "", errname[300];
	size_t len, n = 0;
	char *out;
	int rc, errfd = memfd_create("zpcidiag-stderr", MFD_CLOEXEC);

	for (n = 0; cmd[n]; n++)
		;
	args = calloc(n + (size_t)nextra + 4, sizeof(*args));
	if (!args) {
		close(errfd);
		return;
	}
	n = 0;
	if (strcmp(ctx->sysfs_root, "/sys") != 0) {
		args[n++] = "--sysfs-root";
		args[n++] = ctx->sysfs_root;
	}
	for (int i = 0; cmd[i]; i++)
		args[n++] = cmd[i];
	for (int i = 0; i < nextra; i++)
		args[n++] = extra[i];
	args[n] = NULL;
	for (size_t i = 0; i < n; i++)
		snprintf(line + strlen(line), sizeof(line) - strlen(line), "%s%s", i ? " " : "", args[i]);
	rc = run_self(args, &out, &len, errfd);
	free(args);
	if (rc < 0) {
		zpci_report_gap(gaps, member, "running zpcidiag %s failed", line);
		free(out);
		if (errfd >= 0)
			close(errfd);
		return;
	}
	zpci_record_blob(member, out, len);
	free(out);
	if (errfd >= 0 && lseek(errfd, 0, SEEK_END) > 0) {
		snprintf(errname, sizeof(errname), "%s.stderr", member);
		record_fd(errfd, errname);
	}
	if (errfd >= 0)
		close(errfd);
	json_object *c = json_object_new_object();

	json_object_object_add(c, "member", json_object_new_string(member));
	json_object_object_add(c, "arguments", json_object_new_string(line));
	json_object_object_add(c, "exit_code", json_object_new_int(rc));
	json_object_array_add(commands, c);
}

/* cmd followed by a selector for every function (only vfio-bound ones: vfio_only). */
static void run_per_function(const struct zpci_ctx *ctx, const struct zpci_report_scope *scope,
			     const char *member, const char *const *cmd, bool vfio_only,
			     json_object *commands, json_object *gaps)
{
	const char **sel = calloc(scope->nfns + 1, sizeof(*sel));
	char (*words)[32] = calloc(scope->nfns + 1, sizeof(*words));
	int nsel = 0;

	if (!sel || !words) {
		zpci_report_gap(gaps, member, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < scope->nfns; i++) {
		const struct zpci_fn *fn = scope->fns[i];

		if (vfio_only && (!fn->address[0] || !strstr(fn->pci.driver, "vfio")))
			continue;
		if (fn->address[0])
			snprintf(words[nsel], sizeof(words[0]), "%s", fn->address);
		else
			snprintf(words[nsel], sizeof(words[0]), "fid:0x%x", fn->fid);
		sel[nsel] = words[nsel];
		nsel++;
	}
	if (nsel)
		run_one(ctx, member, cmd, sel, nsel, commands, gaps);
out:
	free(sel);
	free(words);
}

void zpci_report_collect_commands(const struct zpci_ctx *ctx, const struct zpci_report_scope *scope,
				  json_object *commands, json_object *gaps)
{
	static const struct { const char *member; const char *argv[4]; } reads[] = {
		{ "commands/list.json", { "--json", "list" } },
		{ "commands/list.txt", { "list" } },
		{ "commands/bars.json", { "--json", "bars" } },
		{ "commands/vf.json", { "--json", "vf" } },
		{ "commands/clp-list.json", { "--json", "clp", "list" } },
		{ "commands/check.json", { "--json", "check" } },
	};
	char version[64];

	snprintf(version, sizeof(version), "%s %s\n", ZPCI_PROG, PACKAGE_VERSION);
	zpci_record_blob("version", version, strlen(version));
	for (size_t i = 0; i < sizeof(reads) / sizeof(reads[0]); i++) {
		const char *word = reads[i].argv[0][0] == '-' ? reads[i].argv[1] : reads[i].argv[0];

		if (!zpci_cmd_find(NULL, word)) {
			zpci_report_gap(gaps, reads[i].member, "this zpcidiag has no %s command", word);
			continue;
		}
		/* the same DEVICE words as the report: the same functions */
		run_one(ctx, reads[i].member, reads[i].argv, scope->argv, scope->argc, commands, gaps);
	}
	/* show, clp show and caps name their functions: one run each, all reported functions */
	run_per_function(ctx, scope, "commands/show.json", (const char *[]){ "--json", "show", NULL },
			 false, commands, gaps);
	if (scope->sys->src_clp.state == ZS_OK)
		run_per_function(ctx, scope, "commands/clp-show.json",
				 (const char *[]){ "--json", "clp", "show", NULL }, false, commands, gaps);
	run_per_function(ctx, scope, "commands/caps.json", (const char *[]){ "--json", "caps", NULL },
			 true, commands, gaps);
}

/* "DDDD:BB:DD.F" exactly: a PCI address as sysfs names a function. */
static bool is_pci_address(const char *s, size_t len)
{
	unsigned int d, b, dv, f;
	int n = -1;
	char buf[32];

	if (len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return sscanf(buf, "%x:%2x:%2x.%1x%n", &d, &b, &dv, &f, &n) == 4 && n == (int)len;
}

static bool in_scope_address(const struct zpci_report_scope *scope, const char *s, size_t len)
{
	for (size_t i = 0; i < scope->nfns; i++)
		if (strlen(scope->fns[i]->address) == len && strncmp(scope->fns[i]->address, s, len) == 0)
			return true;
	return false;
}

static bool in_scope_fid(const struct zpci_report_scope *scope, unsigned long fid)
{
	for (size_t i = 0; i < scope->nfns; i++)
		if (scope->fns[i]->fid == fid)
			return true;
	return false;
}

static bool in_scope_group(const struct zpci_report_scope *scope, unsigned long pfgid)
{
	for (size_t i = 0; i < scope->nfns; i++)
		if (zpci_fn_clp(scope->fns[i])->fn_valid && zpci_fn_clp(scope->fns[i])->fn.pfgid == pfgid)
			return true;
	return false;
}

/*
 * Per-function members name their function: a PCI address as a path
 * component (sys/devices/..., sys/bus/pci/devices/..., vfio/ADDR), a FID
 * (sys/bus/pci/slots/FID, clp/query-fn-FID.bin) or a function group
 * (clp/query-grp-PFGID.bin). Everything else is the system's.
 */
static bool member_in_scope(const char *name, void *arg)
{
	const struct zpci_report_scope *scope = arg;
	unsigned long v;
	const char *p;
	int n = -1;

	for (p = name; *p; p += *p == '/') {
		size_t len = strcspn(p, "/");

		if (is_pci_address(p, len) && !in_scope_address(scope, p, len))
			return false;
		p += len;
	}
	if (sscanf(name, "sys/bus/pci/slots/%8lx%n", &v, &n) == 1 && n > 0 && (name[n] == '/' || !name[n]))
		return in_scope_fid(scope, v);
	if (sscanf(name, "clp/query-fn-%8lx.bin%n", &v, &n) == 1 && n > 0 && !name[n])
		return in_scope_fid(scope, v);
	if (sscanf(name, "clp/query-grp-%2lx.bin%n", &v, &n) == 1 && n > 0 && !name[n])
		return in_scope_group(scope, v);
	return true;
}

void zpci_report_keep_scope(const struct zpci_report_scope *scope)
{
	zpci_record_filter(member_in_scope, (void *)scope);
}
