/* SPDX-License-Identifier: MIT */
/*
 * Pure CLP block codec: builds the three PCI requests this tool sends and
 * decodes a response block (request + response, as /dev/clp returns it or as
 * saved with --raw) into the model's structures. No I/O: the same code runs
 * on s390 against live blocks and on any host against saved ones.
 *
 * Every decoder checks what the block says about itself (command, response
 * code, lengths) and returns one of enum clp_dec_rc with a sentence in err;
 * things that are odd but decodable (emulator quirks) become notes.
 */
#ifndef ZPCIDIAG_CLP_DECODE_H
#define ZPCIDIAG_CLP_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include "clp_blocks.h"
#include "model.h"

enum clp_dec_rc {
	CLP_DEC_OK = 0,
	CLP_DEC_TRUNCATED,	/* fewer bytes than the block's own lengths need */
	CLP_DEC_WRONG_CMD,	/* the block holds another command's request */
	CLP_DEC_RSP_CODE,	/* firmware answered with an error response code */
	CLP_DEC_FORMAT,		/* lengths or sizes inconsistent */
};

#define CLP_LIST_MAX_ENTRIES ((CLP_RSP_AREA - CLP_LIST_RSP_HDR_LEN) / CLP_FHE_LEN)

struct clp_list_block {
	uint64_t resume_token;
	uint16_t max_fn;
	bool uid_checking;
	uint8_t entry_size;
	size_t nentries;
	struct zpci_clp_list_entry entries[CLP_LIST_MAX_ENTRIES];
};

/* Fill blk (CLP_BLK_SIZE bytes) with a request; the response area offered
 * is the whole rest of the page (see clp_decode.c for why). */
void clp_build_list_req(uint8_t *blk, uint64_t resume_token);
void clp_build_query_fn_req(uint8_t *blk, uint32_t fh);
void clp_build_query_grp_req(uint8_t *blk, uint8_t pfgid);

/* The response code of a block (0 if too short to hold one). */
uint16_t clp_block_rsp(const uint8_t *blk, size_t len);
const char *clp_rsp_name(uint16_t rsp);

int clp_decode_list(const uint8_t *blk, size_t len, struct clp_list_block *out,
		    struct zpci_clp_notes *notes, char *err, size_t errlen);
int clp_decode_query_fn(const uint8_t *blk, size_t len, struct zpci_clp_fn_data *out,
			struct zpci_clp_notes *notes, char *err, size_t errlen);
int clp_decode_query_grp(const uint8_t *blk, size_t len, struct zpci_clp_group_data *out,
			 struct zpci_clp_notes *notes, char *err, size_t errlen);

/* 2^log2 bytes; 0 for log2 0 (BAR not implemented). */
uint64_t clp_bar_size(uint8_t log2);

#endif
