/* SPDX-License-Identifier: MIT */
/*
 * fuzz_rules.c - the rule-file reader and compiler: any bytes as a rule
 * file, compiled on top of nothing; when they compile, their inline
 * examples run too.
 */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_sink = fopen("/dev/null", "w");
    return 0;
}

static void ignore(void *ctx, const dtl_error *e)
{
    (void)ctx;
    fprintf(fuzz_sink, "%s:%u:%u: %s\n", e->file, e->line, e->col, e->msg);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    dtl_rules *rs = dtl_rules_new();
    dtl_check_summary sum;

    if (rs == NULL)
        return 0;
    if (dtl_rules_load_string(rs, "fuzz.rules", (const char *)data, size,
                              ignore, NULL, NULL) == DTL_OK &&
        dtl_rules_compile(rs, ignore, NULL, NULL) == DTL_OK)
        dtl_rules_check(rs, ignore, NULL, &sum);
    dtl_rules_free(rs);
    return 0;
}
