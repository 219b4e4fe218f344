// SPDX-License-Identifier: MIT
/*
 * `make check` side of a fuzz target, built with the normal compiler: feeds
 * every file of the target's seed corpus and regression directory (or the
 * files and directories named on the command line) to its entry point. A
 * crash, a sanitizer report or a harness check fails the test; so does an
 * empty or missing corpus, which would otherwise pass by testing nothing.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (!f) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n);
	fclose(f);
	/* an exact-size copy, as libFuzzer gives, so overreads reach ASan */
	uint8_t *exact = malloc(len ? len : 1);

	if (!exact)
		abort();
	memcpy(exact, buf, len);
	free(buf);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file in dir (sorted, for stable logs); returns how many, -1 on error. */
static long replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	long done = 0;

	if (!d) {
		fprintf(stderr, "replay: %s: %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		names = realloc(names, (n + 1) * sizeof(*names));
		if (!names || !(names[n++] = strdup(de->d_name)))
			abort();
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(path))
				done = -1;
			else if (done >= 0)
				done++;
		}
		free(names[i]);
	}
	free(names);
	return done;
}

static long replay_path(const char *path)
{
	struct stat st;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return replay_dir(path);
	return replay_file(path) ? -1 : 1;
}

int main(int argc, char **argv)
{
	long n, total = 0;

	if (argc > 1) {
		for (int i = 1; i < argc; i++) {
			if ((n = replay_path(argv[i])) < 0)
				return 1;
			total += n;
		}
	} else {
		/* FUZZ_DIR and FUZZ_TARGET come from fuzz/local.mk */
		static const char *const sub[] = { "corpus", "regress" };

		for (size_t i = 0; i < 2; i++) {
			char dir[4096];

			snprintf(dir, sizeof(dir), "%s/%s/%s", FUZZ_DIR, sub[i], FUZZ_TARGET);
			/* regress/NAME exists once a crash was found */
			if (i == 1 && access(dir, F_OK) != 0)
				n = 0;
			else if ((n = replay_dir(dir)) < 0)
				return 1;
			if (i == 0 && n == 0) {
				fprintf(stderr, "replay: %s is empty: nothing would be tested\n", dir);
				return 1;
			}
			printf("%s: %ld inputs replayed from %s\n", FUZZ_TARGET, n, dir);
			total += n;
		}
	}
	printf("%s: %ld inputs, no failure\n", argc > 1 ? argv[0] : FUZZ_TARGET, total);
	return 0;
}
