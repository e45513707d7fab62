/* SPDX-License-Identifier: MIT */
/*
 * fuzz_text.c - the article reader and everything after it: header,
 * UTF-8, sentences, quotations, time expressions, events, anchoring,
 * merging of mentions and every exporter.
 */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    dtl_text *t = dtl_text_new((const char *)data, size, "fuzz", NULL);
    dtl_timex *tx = NULL;
    size_t n = 0;
    dtl_timeline *tl;

    if (t == NULL)
        return 0;
    if (dtl_text_date(t) == DTL_DAY_NONE)
        dtl_text_set_date(t, 18716); /* 2021-03-30 */
    if (dtl_times_find(fuzz_rules, t, NULL, NULL, &tx, &n) == DTL_OK) {
        dtl_times_write_json(t, tx, n, fuzz_sink, NULL);
        dtl_times_write_timeml(t, tx, n, fuzz_sink, NULL);
    }
    free(tx);
    tl = dtl_timeline_build(fuzz_rules, t, NULL, NULL, NULL);
    if (tl)
        fuzz_write_all(tl);
    dtl_timeline_free(tl);
    dtl_text_free(t);
    fuzz_done();
    return 0;
}
