/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - what the libFuzzer targets share: the rule set, loaded
 * once from $DTL_RULES or rules/, and a sink for outputs.
 */
#ifndef DTL_FUZZ_COMMON_H
#define DTL_FUZZ_COMMON_H

#include <dtl/dtl.h>
#include <libical/ical.h>

#include <stdio.h>
#include <stdlib.h>

static dtl_rules *fuzz_rules;
static FILE *fuzz_sink;

static inline void fuzz_init(void)
{
    const char *dir = getenv("DTL_RULES");

    fuzz_rules = dtl_rules_new();
    if (fuzz_rules == NULL ||
        dtl_rules_load_dir(fuzz_rules, dir ? dir : "rules", NULL, NULL, NULL) !=
            DTL_OK ||
        dtl_rules_compile(fuzz_rules, NULL, NULL, NULL) != DTL_OK) {
        fprintf(stderr, "fuzz: cannot load the rules (run from the source "
                        "tree or set DTL_RULES)\n");
        abort();
    }
    fuzz_sink = fopen("/dev/null", "w");
    if (fuzz_sink == NULL)
        abort();
}

/* Writes tl in every format to the sink. */
static inline void fuzz_write_all(const dtl_timeline *tl)
{
    dtl_ics_options o;

    o.dtstamp = -1;
    dtl_timeline_write_json(tl, fuzz_sink, NULL);
    dtl_timeline_write_jsonl(tl, fuzz_sink, NULL);
    dtl_timeline_write_ics(tl, fuzz_sink, &o, NULL);
    dtl_timeline_write_text(tl, fuzz_sink, 1, NULL);
}

/*
 * libical keeps a ring of temporary strings per thread and frees them
 * only when the ring turns over; free it after each input so that every
 * run frees what it allocates.  Otherwise libFuzzer sees unbalanced
 * mallocs on every run and pays for a full leak scan each time.
 */
static inline void fuzz_done(void)
{
    icalmemory_free_ring();
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#endif
