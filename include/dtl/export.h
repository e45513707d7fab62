/* SPDX-License-Identifier: MIT */
/*
 * export.h - writing timelines and time expressions.
 *
 * JSON follows docs/json-schema.md; iCalendar follows RFC 5545 (all-day
 * events, stable UIDs); text is a table for people.  Writers return
 * DTL_EIO when the stream fails, DTL_ENOMEM when out of memory.
 */
#ifndef DTL_EXPORT_H
#define DTL_EXPORT_H

#include <stdio.h>

#include "error.h"
#include "timeline.h"
#include "timex.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The JSON timeline, pretty-printed, with a final newline. */
dtl_status dtl_timeline_write_json(const dtl_timeline *tl, FILE *out,
                                   dtl_error *err);

/* The JSON timeline on one line (JSON Lines), with a final newline. */
dtl_status dtl_timeline_write_jsonl(const dtl_timeline *tl, FILE *out,
                                    dtl_error *err);

typedef struct dtl_ics_options {
    /* DTSTAMP, seconds since the epoch; negative: midnight UTC of the
     * newest document's publication date (so output is reproducible). */
    long long dtstamp;
} dtl_ics_options;

/* The timeline as an iCalendar VCALENDAR; opts may be NULL. */
dtl_status dtl_timeline_write_ics(const dtl_timeline *tl, FILE *out,
                                  const dtl_ics_options *opts,
                                  dtl_error *err);

/* A table for reading on a terminal; colour when color is non-zero. */
dtl_status dtl_timeline_write_text(const dtl_timeline *tl, FILE *out,
                                   int color, dtl_error *err);

/* Time expressions as a JSON array (see docs/json-schema.md). */
dtl_status dtl_times_write_json(const dtl_text *text, const dtl_timex *tx,
                                size_t count, FILE *out, dtl_error *err);

/* The article text with <TIMEX3> tags, as TempEval tools expect. */
dtl_status dtl_times_write_timeml(const dtl_text *text, const dtl_timex *tx,
                                  size_t count, FILE *out, dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
