/* SPDX-License-Identifier: MIT */
/*
 * export.h - writing timelines and time expressions.
 *
 * JSON follows docs/json-schema.md; iCalendar follows RFC 5545 (all-day
 * events, stable UIDs); text is a table for people; HTML is one
 * self-contained page with a chart (no scripts, fonts or images loaded
 * from anywhere).  Writers return DTL_EIO when the stream fails,
 * DTL_ENOMEM when out of memory.
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
                                  const dtl_ics_options *opts, dtl_error *err);

/* A table for reading on a terminal; colour when color is non-zero. */
dtl_status dtl_timeline_write_text(const dtl_timeline *tl, FILE *out, int color,
                                   dtl_error *err);

/* How the HTML chart groups entries into horizontal lanes. */
typedef enum dtl_html_lanes {
    DTL_HTML_LANES_ACTOR, /* one lane per actor (the default) */
    DTL_HTML_LANES_TYPE   /* one lane per event type */
} dtl_html_lanes;

typedef struct dtl_html_options {
    dtl_html_lanes lanes;
    /* The page's title (borrowed, UTF-8); NULL: the article's title, or
     * "Timeline of N articles" for a merged timeline. */
    const char *title;
} dtl_html_options;

/*
 * The timeline as one HTML page (UTF-8, no external resources): a chart
 * with a time axis and one lane per actor or type, where exact days are
 * points and intervals are bars, then every entry with its evidence.
 * All text is HTML-escaped.  opts may be NULL (lanes by actor, derived
 * title).  The output does not depend on the clock.
 */
dtl_status dtl_timeline_write_html(const dtl_timeline *tl, FILE *out,
                                   const dtl_html_options *opts,
                                   dtl_error *err);

/* Time expressions as a JSON array (see docs/json-schema.md). */
dtl_status dtl_times_write_json(const dtl_text *text, const dtl_timex *tx,
                                size_t count, FILE *out, dtl_error *err);

/* As dtl_times_write_json() on one line: {"id": ..., "times": [...]}. */
dtl_status dtl_times_write_jsonl(const dtl_text *text, const dtl_timex *tx,
                                 size_t count, FILE *out, dtl_error *err);

/* The article text with <TIMEX3> tags, as TempEval tools expect. */
dtl_status dtl_times_write_timeml(const dtl_text *text, const dtl_timex *tx,
                                  size_t count, FILE *out, dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
