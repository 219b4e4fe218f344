// SPDX-License-Identifier: MIT
/*
 * The FMB statistics file as arch/s390/pci/pci_debug.c writes it
 * (6.12 and 6.1; pci_perf_show: seq_puts "FMB statistics disabled\n"; seq_printf
 * "Update interval: %u ms\n", "Samples: %u\n", "Last update TOD: %Lx\n";
 * pci_fmb_show "%26s:\t%llu\n"; "Unknown format\n"), and what is not.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fmb_stats.h"
#include "unit.h"

static int parse(const char *text, struct zpci_fmb *m)
{
	return zpci_fmb_parse(text, strlen(text), m);
}

#define HDR "Update interval: 4000 ms\nSamples: 7\nLast update TOD: d9a8b7c6e5f40000\n"
#define COMMON "           Load operations:\t1200\n          Store operations:\t340\n" \
	"    Store block operations:\t0\n        Refresh operations:\t7\n"

int main(void)
{
	struct zpci_fmb m;
	char big[512];

	CHECK(parse("FMB statistics disabled\n", &m) == 0 && m.state == ZPCI_FMB_DISABLED);
	CHECK_STREQ(zpci_fmb_state_name(m.state), "disabled");

	/* format 0 with its DMA counters and the kernel's IOMMU counters */
	CHECK(parse(HDR COMMON "            DMA read bytes:\t8589934592\n"
		    "           DMA write bytes:\t4096000\n"
		    "              Mapped pages:\t250\n           Sync Map RPCITs:\t0\n", &m) == 0);
	CHECK(m.state == ZPCI_FMB_ENABLED);
	CHECK(m.update_ms == 4000 && m.samples == 7);
	CHECK_EQ_U64(m.last_update_tod, 0xd9a8b7c6e5f40000ULL);
	CHECK(m.n == 8);
	CHECK_STREQ(m.c[0].name, "Load operations");
	CHECK_STREQ(m.c[0].key, "load_operations");
	CHECK_EQ_U64(zpci_fmb_find(&m, "dma_read_bytes")->value, 8589934592ULL);
	CHECK_STREQ(zpci_fmb_find(&m, "sync_map_rpcits")->name, "Sync Map RPCITs");
	CHECK(zpci_fmb_find(&m, "received_bytes") == NULL);
	CHECK(!m.unknown_format);

	/* 6.1's software counters (pci_sw_names: Allocated, Mapped, Unmapped pages),
	 * as the normal-6.1 guest printed them for rng0 */
	CHECK(parse(HDR COMMON "           Allocated pages:\t0\n              Mapped pages:\t0\n"
		    "            Unmapped pages:\t0\n", &m) == 0 && m.n == 7);
	CHECK(zpci_fmb_find(&m, "allocated_pages") != NULL);
	CHECK(zpci_fmb_find(&m, "global_rpcits") == NULL);

	/* format 0 without valid DMA counters prints no block; an unknown format says so */
	CHECK(parse(HDR COMMON, &m) == 0 && m.n == 4);
	CHECK(parse(HDR COMMON "Unknown format\n      Mapped pages:\t1\n", &m) == 0 && m.unknown_format && m.n == 5);

	/* what the kernel never writes */
	CHECK(parse("", &m) == -1 && m.state == ZPCI_FMB_MALFORMED);
	CHECK(parse("FMB statistics disabled", &m) == -1);		/* no newline */
	CHECK(parse("FMB statistics disabled\nSamples: 1\n", &m) == -1);
	CHECK(parse("Update interval: 4000\nSamples: 7\nLast update TOD: 0\n" COMMON, &m) == -1);
	CHECK(strstr(m.why, "line 1") != NULL);
	CHECK(parse("Update interval: 4000 ms\nSamples: x\nLast update TOD: 0\n" COMMON, &m) == -1);
	CHECK(parse("Update interval: 4000 ms\nSamples: 4294967296\nLast update TOD: 0\n" COMMON, &m) == -1);
	CHECK(parse(HDR "           Load operations:\t1200\n", &m) == -1);	/* common counters cut */
	CHECK(parse(HDR COMMON "           DMA read bytes:\t-1\n", &m) == -1);
	CHECK(parse(HDR COMMON "           DMA read bytes: 5\n", &m) == -1);	/* space, not tab */
	CHECK(parse(HDR COMMON "           DMA read bytes:\t18446744073709551616\n", &m) == -1);
	CHECK(strstr(m.why, "line 8") != NULL);
	CHECK(zpci_fmb_parse("FMB statistics disabled\n\0", 25, &m) == -1);
	memset(big, 'a', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	CHECK(zpci_fmb_parse(big, sizeof(big), &m) == -1);
	/* more counter lines than the kernel has names for */
	{
		char many[4096];
		size_t n = (size_t)snprintf(many, sizeof(many), "%s", HDR);

		for (int i = 0; i < ZPCI_FMB_MAX_COUNTERS + 1; i++)
			n += (size_t)snprintf(many + n, sizeof(many) - n, "%26s:\t%d\n", "Load operations", i);
		CHECK(zpci_fmb_parse(many, n, &m) == -1);
	}
	return unit_done("test-fmb-stats");
}
