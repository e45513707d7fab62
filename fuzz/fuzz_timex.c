/* SPDX-License-Identifier: MIT */
/*
 * fuzz_timex.c - the time-expression normaliser: the first two bytes
 * choose a publication date (any day of years 1930 to 2109), the rest is
 * the text.  Calendar arithmetic at month ends, leap years and year
 * boundaries gets every reference date.
 */
#include "fuzz_common.h"

#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_init();
    return 0;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    dtl_text *t;
    dtl_timex *tx = NULL;
    size_t n = 0, i;
    dtl_day dct;

    if (size < 3)
        return 0;
    dct = (dtl_day)(-14610 + (data[0] << 8 | data[1])); /* from 1930 */
    t = dtl_text_new((const char *)data + 2, size - 2, "fuzz", NULL);
    if (t == NULL)
        return 0;
    dtl_text_set_date(t, dct);
    if (dtl_times_find(fuzz_rules, t, NULL, NULL, &tx, &n) == DTL_OK) {
        for (i = 0; i < n; i++) {
            /* An interval is never reversed. */
            if (tx[i].earliest != DTL_DAY_NONE &&
                tx[i].latest != DTL_DAY_NONE && tx[i].earliest > tx[i].latest)
                abort();
            if (memchr(tx[i].value, '\0', sizeof(tx[i].value)) == NULL)
                abort();
        }
    }
    free(tx);
    dtl_text_free(t);
    return 0;
}
