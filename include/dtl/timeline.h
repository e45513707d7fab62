/* SPDX-License-Identifier: MIT */
/*
 * timeline.h - from an article to a timeline of dated events.
 *
 * dtl_timeline_build() runs the whole pipeline on one article: sentences,
 * time expressions, events, anchoring, merging of repeated mentions.
 * The result owns copies of every string it hands out, so it outlives
 * the article and can also come from a JSON or iCalendar file.
 */
#ifndef DTL_TIMELINE_H
#define DTL_TIMELINE_H

#include <stddef.h>

#include "error.h"
#include "event.h"
#include "rules.h"
#include "text.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dtl_timeline dtl_timeline;

/* A source article of a timeline; strings borrowed from the timeline. */
typedef struct dtl_document {
    const char *id;
    const char *title;  /* "" when unknown */
    const char *source; /* "" when unknown */
    const char *path;   /* "" when unknown */
    dtl_day dct;        /* publication date, DTL_DAY_NONE if unknown */
} dtl_document;

/*
 * Builds the timeline of text with a compiled rule set.  Warnings (a
 * missing publication date, a rule over its match limit) go to diag.
 * Returns NULL and fills err only when out of memory; an article with
 * no events gives an empty timeline.  Free with dtl_timeline_free().
 */
dtl_timeline *dtl_timeline_build(const dtl_rules *rules, const dtl_text *text,
                                 dtl_diag_fn diag, void *ctx, dtl_error *err);

/* Frees tl; NULL is a no-op. */
void dtl_timeline_free(dtl_timeline *tl);

size_t dtl_timeline_event_count(const dtl_timeline *tl);

/* Event i in date order, borrowed; NULL when i is out of range. */
const dtl_event *dtl_timeline_event(const dtl_timeline *tl, size_t i);

size_t dtl_timeline_document_count(const dtl_timeline *tl);

/* Document i, borrowed; NULL when i is out of range. */
const dtl_document *dtl_timeline_document(const dtl_timeline *tl, size_t i);

#ifdef __cplusplus
}
#endif
#endif
