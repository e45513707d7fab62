/* SPDX-License-Identifier: MIT */
/*
 * timex.h - time expressions found in an article and their values.
 *
 * dtl_times_find() tags every time expression of an article with the
 * time rules of a compiled rule set and resolves it against the
 * publication date, the time a quotation was said, or the last time
 * mentioned, as the rule says.  Each expression gets a TIMEX3 value and,
 * for dtl's own use, an interval of days [earliest, latest].
 */
#ifndef DTL_TIMEX_H
#define DTL_TIMEX_H

#include <stddef.h>

#include "error.h"
#include "rules.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dtl_timex_type {
    DTL_TIMEX_DATE,
    DTL_TIMEX_TIME,
    DTL_TIMEX_DURATION,
    DTL_TIMEX_SET
} dtl_timex_type;

typedef enum dtl_granularity {
    DTL_GRAN_NONE,
    DTL_GRAN_DAY,
    DTL_GRAN_WEEK,
    DTL_GRAN_MONTH,
    DTL_GRAN_QUARTER,
    DTL_GRAN_SEASON,
    DTL_GRAN_YEAR,
    DTL_GRAN_DECADE,
    DTL_GRAN_CENTURY
} dtl_granularity;

typedef enum dtl_certainty {
    DTL_CERT_EXACT,  /* the interval is what the text says */
    DTL_CERT_APPROX, /* a fuzzy quantity or "about": interval widened */
    DTL_CERT_VAGUE   /* only a direction in time is known */
} dtl_certainty;

typedef enum dtl_anchor_kind {
    DTL_ANCHOR_NONE,     /* absolute, or unresolved */
    DTL_ANCHOR_DOCUMENT, /* the publication date */
    DTL_ANCHOR_SPEECH,   /* the time a quotation was said */
    DTL_ANCHOR_CONTEXT   /* the last time or event mentioned before */
} dtl_anchor_kind;

/* One time expression.  Offsets are bytes into dtl_text_data(). */
typedef struct dtl_timex {
    size_t start, end;
    dtl_timex_type type;
    char value[40];   /* TIMEX3 value, "" when unresolved */
    char mod[16];     /* TIMEX3 mod (START, MID, END, APPROX...) */
    dtl_day earliest; /* DTL_DAY_NONE when open or unresolved */
    dtl_day latest;
    dtl_granularity granularity;
    dtl_certainty certainty;
    dtl_anchor_kind anchor;
    size_t anchor_start; /* span of what it is relative to, if any */
    size_t anchor_end;
    const char *rule; /* borrowed from the rule set */
} dtl_timex;

/*
 * Finds and resolves every time expression of text.  On success *out
 * receives a malloc'd array of *count entries in text order (the caller
 * frees it with free(); NULL when *count is 0).  Warnings (such as a
 * missing publication date) go to diag.  Returns DTL_OK or DTL_ENOMEM.
 */
dtl_status dtl_times_find(const dtl_rules *rules, const dtl_text *text,
                          dtl_diag_fn diag, void *ctx, dtl_timex **out,
                          size_t *count);

const char *dtl_timex_type_name(dtl_timex_type type);
const char *dtl_granularity_name(dtl_granularity gran);
const char *dtl_certainty_name(dtl_certainty cert);
const char *dtl_anchor_kind_name(dtl_anchor_kind kind);

#ifdef __cplusplus
}
#endif
#endif
