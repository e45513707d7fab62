/* SPDX-License-Identifier: MIT */
/*
 * fuzz_import_ics.c - the iCalendar reader (diff and merge input); what
 * it accepts is written back out.
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
        dtl_timeline_read_ics((const char *)data, size, "fuzz.ics", NULL);

    if (tl != NULL) {
        fuzz_write_all(tl);
        dtl_timeline_free(tl);
    }
    fuzz_done();
    return 0;
}
