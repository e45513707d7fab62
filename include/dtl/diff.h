/* SPDX-License-Identifier: MIT */
/*
 * diff.h - reading timelines back, comparing and merging them.
 *
 * Timelines come from dtl's JSON (docs/json-schema.md) or from the .ics
 * files dtl writes.  dtl_diff() aligns the entries of two timelines one
 * to one (docs/diff-merge.md) and says what changed; dtl_merge() makes
 * one timeline of many, the same whatever the order of its inputs.
 */
#ifndef DTL_DIFF_H
#define DTL_DIFF_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "export.h"
#include "timeline.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Reads a JSON timeline from len bytes of data; name is used in
 * messages.  Returns NULL and fills err: DTL_EFORMAT for invalid JSON or
 * JSON of another shape, DTL_ELIMIT past DTL_MAX_IMPORT(_EVENTS).
 */
dtl_timeline *dtl_timeline_read_json(const char *data, size_t len,
                                     const char *name, dtl_error *err);

/* Reads an iCalendar file written by dtl (or any VCALENDAR of VEVENTs);
 * errors as dtl_timeline_read_json(). */
dtl_timeline *dtl_timeline_read_ics(const char *data, size_t len,
                                    const char *name, dtl_error *err);

typedef enum dtl_diff_kind {
    DTL_DIFF_SAME,
    DTL_DIFF_CHANGED,
    DTL_DIFF_REMOVED, /* only in the old timeline */
    DTL_DIFF_ADDED    /* only in the new timeline */
} dtl_diff_kind;

/* What changed in a matched pair (bits). */
enum {
    DTL_CHANGE_DATE_REFINED = 1 << 0,  /* overlapping, one narrower */
    DTL_CHANGE_DATE_CONFLICT = 1 << 1, /* disjoint intervals */
    DTL_CHANGE_DATE_MOVED = 1 << 2,    /* overlapping, neither holds the
                                          other */
    DTL_CHANGE_STATUS = 1 << 3,
    DTL_CHANGE_ACTORS = 1 << 4,
    DTL_CHANGE_LOCATION = 1 << 5,
    DTL_CHANGE_TYPE = 1 << 6
};

typedef struct dtl_diff_entry {
    dtl_diff_kind kind;
    const dtl_event *old_ev; /* borrowed; NULL for ADDED */
    const dtl_event *new_ev; /* borrowed; NULL for REMOVED */
    unsigned changes;        /* DTL_CHANGE_* bits */
    int score;               /* alignment score of the pair */
} dtl_diff_entry;

typedef struct dtl_diff dtl_diff;

/*
 * Compares two timelines.  The result borrows their events: free it
 * before them.  Returns NULL when out of memory.
 */
dtl_diff *dtl_diff_new(const dtl_timeline *old_tl, const dtl_timeline *new_tl);
void dtl_diff_free(dtl_diff *d);
size_t dtl_diff_count(const dtl_diff *d);
const dtl_diff_entry *dtl_diff_entry_at(const dtl_diff *d, size_t i);
/* Number of entries that are not DTL_DIFF_SAME. */
size_t dtl_diff_differences(const dtl_diff *d);

/* Writes the differences like diff -u (nothing when there are none). */
dtl_status dtl_diff_write_text(const dtl_diff *d, const char *old_name,
                               const char *new_name, FILE *out, int color,
                               dtl_error *err);
/* Writes every entry, same ones included, as JSON. */
dtl_status dtl_diff_write_json(const dtl_diff *d, const char *old_name,
                               const char *new_name, FILE *out, dtl_error *err);

/*
 * Writes the comparison as one HTML page (see dtl_timeline_write_html()):
 * both timelines on one time axis, each lane split into an OLD and a
 * NEW band, entries marked added, removed, changed or the same, then
 * every entry side by side.  old_tl and new_tl must be the timelines d
 * was made from (they name the documents of the evidence; either may be
 * NULL).  opts may be NULL.
 */
dtl_status dtl_diff_write_html(const dtl_diff *d, const dtl_timeline *old_tl,
                               const dtl_timeline *new_tl, const char *old_name,
                               const char *new_name, FILE *out,
                               const dtl_html_options *opts, dtl_error *err);

/*
 * Merges n timelines into a new one (the caller frees it).  Entries of
 * different timelines that are the same event become one entry whose
 * sources list every document's claim; dates narrow to the
 * intersection when sources agree and are flagged as a conflict when
 * they do not.  The result does not depend on the order of the inputs,
 * and merging it again with one of them changes nothing.
 */
dtl_timeline *dtl_merge(const dtl_timeline *const *tls, size_t n,
                        dtl_error *err);

#ifdef __cplusplus
}
#endif
#endif
