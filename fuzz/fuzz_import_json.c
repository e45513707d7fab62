/* SPDX-License-Identifier: MIT */
/*
 * fuzz_import_json.c - the JSON timeline reader (diff and merge input);
 * what it accepts is written back out, compared with itself and merged
 * with itself.
 */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_sink = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    dtl_timeline *tl =
        dtl_timeline_read_json((const char *)data, size, "fuzz.json", NULL);
    const dtl_timeline *two[2];
    dtl_timeline *m;
    dtl_diff *d;

    if (tl == NULL)
        return 0;
    fuzz_write_all(tl);
    d = dtl_diff_new(tl, tl);
    if (d) {
        if (dtl_diff_differences(d) != 0)
            abort(); /* a timeline always equals itself */
        dtl_diff_free(d);
    }
    two[0] = two[1] = tl;
    m = dtl_merge(two, 2, NULL);
    if (m)
        fuzz_write_all(m);
    dtl_timeline_free(m);
    dtl_timeline_free(tl);
    fuzz_done();
    return 0;
}
