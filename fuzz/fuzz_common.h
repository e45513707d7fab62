/* SPDX-License-Identifier: MIT */
/*
 * fuzz_common.h - what the libFuzzer targets share: the rule set, loaded
 * once from $DTL_RULES or rules/, and a sink for outputs.
 */
#ifndef DTL_FUZZ_COMMON_H
#define DTL_FUZZ_COMMON_H

#include <dtl/dtl.h>

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

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

#endif
