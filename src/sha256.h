/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4) for the report manifest's member checksums. */
#ifndef ZPCIDIAG_SHA256_H
#define ZPCIDIAG_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* hex receives 64 lowercase hex digits and a NUL. */
void zpci_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
