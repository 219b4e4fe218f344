// SPDX-License-Identifier: MIT
/*
 * CLP source: List PCI Functions, then Query PCI Function for every listed
 * function and Query PCI Function Group once per group, through /dev/clp
 * (CLP_SYNC, root only) or from blocks saved earlier with --raw.
 *
 * Saved blocks are whole 4 KiB LPCBs (request + response) named
 *   list-NNN.bin         NNN-th List PCI Functions block (continuations)
 *   query-fn-FFFFFFFF.bin   Query PCI Function of FID FFFFFFFF
 *   query-grp-GG.bin     Query PCI Function Group of PFGID GG
 * so a directory from any machine can be decoded anywhere.
 *
 * Functions CLP lists that sysfs does not know (standby without a slot, or
 * configured but without a PCI device) are added to the model by FID.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "clp_decode.h"
#include "sources.h"
#include "sysaccess.h"

/* uapi asm/clp.h, redeclared so the tool builds on any host; the ioctl is
 * only issued where the kernel has /dev/clp (s390), in its native ABI. */
struct zpci_clp_req {
	unsigned int c : 1;
	unsigned int r : 1;
	unsigned int lps : 6;
	unsigned int cmd : 8;
	unsigned int : 16;
	unsigned int reserved;
	uint64_t data_p;
};
#define ZPCI_CLP_SYNC _IOWR('c', 0xC1, struct zpci_clp_req)

/* The list ends with resume token 0; a firmware that never says so is cut off. */
#define CLP_MAX_LIST_BLOCKS 64

struct clp_io {
	struct zpci_ctx *ctx;
	int fd;			/* /dev/clp, -1 when reading saved blocks */
	const char *from;	/* saved-block directory or NULL */
	const char *save;	/* --raw directory or NULL */
};

/* vsnprintf: messages may be cut at errlen, which is fine for messages */
static void set_err(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static int save_block(const struct clp_io *io, const char *name, const uint8_t *blk,
		      char *err, size_t errlen)
{
	char path[4096];
	struct stat st;
	FILE *f = NULL;
	int fd;

	if (!io->save)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", io->save, name);
	/* like -o: a regular file or a new name, never through a link, FIFO or
	 * device node that happens to have a block's name */
	if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		set_err(err, errlen, "%s: not a regular file; --raw writes only regular files", path);
		return -1;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY |
		  O_CLOEXEC, 0644);
	if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		set_err(err, errlen, "%s: not a regular file; --raw writes only regular files", path);
		return -1;
	}
	if (fd >= 0 && !(f = fdopen(fd, "wb")))
		close(fd);
	if (!f || fwrite(blk, 1, CLP_BLK_SIZE, f) != CLP_BLK_SIZE) {
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	if (fclose(f)) {
		set_err(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Fill blk with the answer to the request already built in it: either ask
 * firmware, or read the saved block of that name. *len: bytes available.
 * Returns a ZX_* code with err set.
 */
static int clp_exchange(const struct clp_io *io, const char *name, uint8_t *blk, size_t *len,
			char *err, size_t errlen)
{
	if (io->from) {
		char path[4096];
		ssize_t n;

		memset(blk, 0, CLP_BLK_SIZE);
		n = zpci_file_read(zpci_path(path, sizeof(path), io->from, "%s", name), blk,
				   CLP_BLK_SIZE, NULL);
		if (n < 0) {
			set_err(err, errlen, "%s: %s", path, zpci_sys_strerror((int)-n));
			return n == -ENOENT ? ZX_NODEV : ZX_DATA;
		}
		*len = (size_t)n;
		return ZX_OK;
	} else {
		struct zpci_clp_req req;

		memset(&req, 0, sizeof(req));
		req.lps = CLP_LPS_PCI;
		req.data_p = (uint64_t)(uintptr_t)blk;
		if (ioctl(io->fd, ZPCI_CLP_SYNC, &req) < 0) {
			snprintf(err, errlen, "CLP_SYNC (%s): %s", name, strerror(errno));
			return ZX_IO;
		}
		*len = CLP_BLK_SIZE;
		if (save_block(io, name, blk, err, errlen))
			return ZX_IO;
		return ZX_OK;
	}
}

static struct zpci_fn *fn_by_fid(struct zpci_system *sys, uint32_t fid)
{
	for (size_t i = 0; i < sys->nfns; i++)
		if (sys->fns[i].fid_known && sys->fns[i].fid == fid)
			return &sys->fns[i];
	return NULL;
}

static struct zpci_fn *fn_add(struct zpci_system *sys, uint32_t fid, bool configured)
{
	struct zpci_fn *fns = realloc(sys->fns, (sys->nfns + 1) * sizeof(*fns));
	struct zpci_fn *fn;

	if (!fns)
		return NULL;
	sys->fns = fns;
	fn = &fns[sys->nfns++];
	memset(fn, 0, sizeof(*fn));
	fn->fid = fid;
	fn->fid_known = true;
	/*
	 * Standby: the partition may configure it (slot power on). Configured
	 * per CLP but unknown to the kernel: nothing here can use it.
	 */
	fn->state = configured ? ZPCI_FN_RESERVED : ZPCI_FN_STANDBY;
	zpci_src_set(&fn->src_sysfs, ZS_UNAVAILABLE, configured ?
		     "listed by CLP as configured, but the kernel has no PCI device for it" :
		     "in standby: no PCI device while the slot is powered off");
	return fn;
}

/* Where sysfs and firmware disagree, the kernel copied a value wrongly or
 * the function changed since it was probed: worth a warning either way. */
static void cross_check(struct zpci_fn *fn)
{
	const struct zpci_sysfs_attrs *a = &fn->zattr;
	const struct zpci_clp_info *c = zpci_fn_clp(fn);
	const struct zpci_clp_fn_data *q = &c->fn;
	const struct {
		const char *name;
		const struct zv *sysfs;
		uint64_t clp;
	} pairs[] = {
		{ "uid", &a->uid, q->uid }, { "pchid", &a->pchid, q->pchid },
		{ "pfgid", &a->pfgid, q->pfgid }, { "vfn", &a->vfn, q->vfn },
		{ "pft", &a->pft, q->pft }, { "port", &a->port, q->port },
		{ "function_handle", &a->fh, c->list.fh },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		if (!zv_ok(*pairs[i].sysfs) || pairs[i].sysfs->v == pairs[i].clp)
			continue;
		if (i == 6 && !c->valid)
			continue;
		if (i < 6 && !c->fn_valid)
			continue;
		zpci_fn_problem(fn, ZSEV_WARNING, "clp-sysfs-differ",
				"%s: sysfs says 0x%llx, CLP says 0x%llx", pairs[i].name,
				(unsigned long long)pairs[i].sysfs->v,
				(unsigned long long)pairs[i].clp);
	}
}

static int query_group(const struct clp_io *io, uint8_t pfgid, struct zpci_clp_group_data *g,
		       struct zpci_clp_notes *notes, char *err, size_t errlen)
{
	static uint8_t blk[CLP_BLK_SIZE] __attribute__((aligned(4096)));
	char name[64];
	size_t len;
	int rc;

	snprintf(name, sizeof(name), "query-grp-%02x.bin", pfgid);
	clp_build_query_grp_req(blk, pfgid);
	rc = clp_exchange(io, name, blk, &len, err, errlen);
	if (rc)
		return rc;
	if (clp_decode_query_grp(blk, len, g, notes, err, errlen))
		return ZX_DATA;
	if (io->from && g->pfgid != pfgid) {
		snprintf(err, errlen, "%s holds the answer for group 0x%02x", name, g->pfgid);
		return ZX_DATA;
	}
	return ZX_OK;
}

static void query_function(const struct clp_io *io, struct zpci_fn *fn,
			   struct zpci_clp_group_data *groups, bool *group_done, int *group_rc,
			   char (*group_err)[200], struct zpci_clp_notes *group_notes)
{
	static uint8_t blk[CLP_BLK_SIZE] __attribute__((aligned(4096)));
	struct zpci_clp_info *c = fn->clp;	/* allocated when the list named it */
	char name[64], err[200] = "";
	size_t len;
	int rc;

	snprintf(name, sizeof(name), "query-fn-%08x.bin", fn->fid);
	clp_build_query_fn_req(blk, c->list.fh);
	rc = clp_exchange(io, name, blk, &len, err, sizeof(err));
	if (rc == ZX_OK && clp_decode_query_fn(blk, len, &c->fn, &c->notes, err, sizeof(err)))
		rc = ZX_DATA;
	if (rc == ZX_OK && c->fn.fid != fn->fid) {
		snprintf(err, sizeof(err), "Query PCI Function for FID 0x%08x answered FID 0x%08x",
			 fn->fid, c->fn.fid);
		rc = ZX_DATA;
	}
	if (rc) {
		if (io->from && rc == ZX_DATA)
			snprintf(c->error, sizeof(c->error), "%s: %s", name, err);
		else
			snprintf(c->error, sizeof(c->error), "%s", err);
		zpci_src_set(&fn->src_clp, ZS_ERROR, "%s", c->error);
		return;
	}
	c->fn_valid = true;
	if (!group_done[c->fn.pfgid]) {
		group_done[c->fn.pfgid] = true;
		group_rc[c->fn.pfgid] = query_group(io, c->fn.pfgid, &groups[c->fn.pfgid],
						    &group_notes[c->fn.pfgid],
						    group_err[c->fn.pfgid], sizeof(group_err[0]));
	}
	if (group_rc[c->fn.pfgid]) {
		snprintf(c->error, sizeof(c->error), "%s", group_err[c->fn.pfgid]);
		zpci_src_set(&fn->src_clp, ZS_ERROR, "function group: %s", group_err[c->fn.pfgid]);
		return;
	}
	c->group_valid = true;
	c->group = groups[c->fn.pfgid];
	for (size_t i = 0; i < group_notes[c->fn.pfgid].n && c->notes.n < ZPCI_CLP_MAX_NOTES; i++)
		snprintf(c->notes.text[c->notes.n++], sizeof(c->notes.text[0]), "group: %s",
			 group_notes[c->fn.pfgid].text[i]);
	if (io->from)
		zpci_src_set(&fn->src_clp, ZS_OK, "saved blocks in %s", io->from);
	else
		zpci_src_set(&fn->src_clp, ZS_OK, "/dev/clp");
}

static void fail_all(struct zpci_system *sys, enum zpci_src_state st, const char *why)
{
	sys->clp_rc = zpci_src_state_exit(st, ZX_DATA);
	zpci_src_set(&sys->src_clp, st, "%s", why);
	for (size_t i = 0; i < sys->nfns; i++)
		zpci_src_set(&sys->fns[i].src_clp, st, "%s", why);
}

static int list_functions(const struct clp_io *io, struct zpci_system *sys, char *err,
			  size_t errlen)
{
	static uint8_t blk[CLP_BLK_SIZE] __attribute__((aligned(4096)));
	static struct clp_list_block lb;
	uint64_t token = 0;
	int nblk = 0;

	do {
		char name[32];
		size_t len;
		int rc;

		if (nblk >= CLP_MAX_LIST_BLOCKS) {
			snprintf(err, errlen, "List PCI Functions still continues after %d blocks",
				 nblk);
			return ZX_DATA;
		}
		snprintf(name, sizeof(name), "list-%03d.bin", nblk);
		clp_build_list_req(blk, token);
		rc = clp_exchange(io, name, blk, &len, err, errlen);
		if (rc == ZX_NODEV && nblk > 0) {
			snprintf(err + strlen(err), errlen - strlen(err),
				 " (the previous block has resume token 0x%llx: the saved list is "
				 "incomplete)", (unsigned long long)token);
			return ZX_DATA;
		}
		if (rc)
			return rc == ZX_NODEV ? ZX_DATA : rc;
		if (clp_decode_list(blk, len, &lb, &sys->clp_notes, err, errlen)) {
			char tmp[200];

			snprintf(tmp, sizeof(tmp), "%s", err);
			snprintf(err, errlen, "%s: %s", name, tmp);
			return ZX_DATA;
		}
		sys->clp_uid_checking = lb.uid_checking;
		sys->clp_max_fn = lb.max_fn;
		sys->clp_list_blocks = ++nblk;
		for (size_t i = 0; i < lb.nentries; i++) {
			const struct zpci_clp_list_entry *e = &lb.entries[i];
			struct zpci_fn *fn = fn_by_fid(sys, e->fid);

			if (!fn)
				fn = fn_add(sys, e->fid, e->configured);
			if (!fn) {
				snprintf(err, errlen, "out of memory");
				return ZX_INTERNAL;
			}
			if (zpci_fn_clp(fn)->valid) {
				zpci_fn_problem(fn, ZSEV_WARNING, "clp-duplicate-fid",
						"FID 0x%08x is listed twice by CLP", e->fid);
				continue;
			}
			if (!zpci_fn_clp_fill(fn)) {
				snprintf(err, errlen, "out of memory");
				return ZX_INTERNAL;
			}
			fn->clp->valid = true;
			fn->clp->list = *e;
		}
		token = lb.resume_token;
	} while (token);
	return ZX_OK;
}

int zpci_clp_fill(struct zpci_ctx *ctx, struct zpci_system *sys)
{
	static struct zpci_clp_group_data groups[256];
	static struct zpci_clp_notes group_notes[256];
	static char group_err[256][200];
	bool group_done[256] = { false };
	int group_rc[256] = { 0 };
	struct clp_io io = { .ctx = ctx, .fd = -1, .from = ctx->clp_raw_dir,
			     .save = ctx->clp_save_dir };
	char err[512] = "", path[4096];
	int rc;

	if (!io.from) {
		if (ctx->offline) {
			fail_all(sys, ZS_UNAVAILABLE, "reading a saved or fake tree: no live /dev/clp");
			return ZX_UNAVAIL;
		}
		snprintf(path, sizeof(path), "%s/clp", ctx->dev_root);
		io.fd = open(path, O_RDWR | O_CLOEXEC);
		if (io.fd < 0) {
			int e = errno;

			if (e == EACCES || e == EPERM) {
				fail_all(sys, ZS_NO_PERMISSION, "/dev/clp needs root");
				return ZX_PERM;
			}
			set_err(err, sizeof(err), "%s: %s%s", path, strerror(e),
				 e == ENOENT ? " (not an IBM Z kernel, or CLP device missing)" : "");
			fail_all(sys, ZS_UNAVAILABLE, err);
			return ZX_UNAVAIL;
		}
		if (io.save && mkdir(io.save, 0755) && errno != EEXIST) {
			snprintf(err, sizeof(err), "%s: %s", io.save, strerror(errno));
			close(io.fd);
			fail_all(sys, ZS_ERROR, err);
			return ZX_IO;
		}
	}
	rc = list_functions(&io, sys, err, sizeof(err));
	if (rc) {
		if (io.fd >= 0)
			close(io.fd);
		fail_all(sys, ZS_ERROR, err);
		sys->clp_rc = rc;
		return rc;
	}
	if (io.from)
		zpci_src_set(&sys->src_clp, ZS_OK, "saved blocks in %s", io.from);
	else
		zpci_src_set(&sys->src_clp, ZS_OK, "/dev/clp");
	for (size_t i = 0; i < sys->nfns; i++) {
		struct zpci_fn *fn = &sys->fns[i];

		if (!zpci_fn_clp(fn)->valid) {
			if (fn->fid_known) {
				zpci_src_set(&fn->src_clp, ZS_ERROR,
					     "not in the CLP function list");
				zpci_fn_problem(fn, ZSEV_WARNING, "clp-not-listed",
						"the kernel has this function but CLP does not list it");
			}
			continue;
		}
		query_function(&io, fn, groups, group_done, group_rc, group_err, group_notes);
		cross_check(fn);
	}
	if (io.fd >= 0)
		close(io.fd);
	return ZX_OK;
}
