// SPDX-License-Identifier: MIT
/*
 * In-guest helper for tests/vm/cases/kmod-diag-vfio-holder-slot-off.sh: a
 * vfio user that does not let go. It opens a function through vfio (any
 * vfio-pci driver), registers no request eventfd, so a removal must wait for
 * it, and keeps the device open until SECONDS pass or it is signalled.
 *   vfio-hold ADDR SECONDS
 * Prints "holding" once the device is open. Exit 0 after the time or a
 * SIGTERM/SIGINT, 2 when the device cannot be opened.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "vfio_open.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };
	time_t end;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: vfio-hold ADDR SECONDS\n");
		return 2;
	}
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	fd = vfio_open_device(argv[1]);
	printf("holding %s\n", argv[1]);
	fflush(stdout);
	end = time(NULL) + atoi(argv[2]);
	while (!stop && time(NULL) < end)
		sleep(1);
	close(fd);
	printf("released %s\n", argv[1]);
	return 0;
}
