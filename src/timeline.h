/* SPDX-License-Identifier: MIT */
/*
 * timeline.h - building dtl_timeline objects (private part of
 * timeline.c; the public part is <dtl/timeline.h>).  Builders, readers
 * and merge all add documents and events through these functions, which
 * copy every string into the timeline's arena.
 */
#ifndef DTL_TIMELINE_PRIV_H
#define DTL_TIMELINE_PRIV_H

#include <dtl/timeline.h>

#include <stdint.h>

#include "arena.h"

dtl_timeline *timeline_new(void);

/* Adds a copy of doc; returns its index, or -1 when out of memory. */
long timeline_add_document(dtl_timeline *tl, const dtl_document *doc);

/* Adds a deep copy of ev (ids and uid are copied when set).  Returns 0,
 * or -1 when out of memory. */
int timeline_add_event(dtl_timeline *tl, const dtl_event *ev);

/*
 * With sort set, sorts the events by date and numbers them e1, e2...
 * (otherwise only events without an id are numbered); events without a
 * uid get one from uid_seed (the document id), their type, actors and
 * place.  Returns 0, or -1 when out of memory.
 */
int timeline_finish(dtl_timeline *tl, const char *uid_seed, int sort);

/*
 * The hash behind an event's uid: document id (seed), type, actor codes
 * and place; never the date or the wording.  The uid is
 * "<16 hex>@dtl", or "<16 hex>-N@dtl" for the Nth later event with the
 * same hash.
 */
uint64_t timeline_event_key(const char *seed, const dtl_event *e);

/* A place as events are matched by it: without a leading "the" ("the
 * Red Sea" and "Red Sea" are one place, whichever the rules make
 * canonical); "" for none. */
const char *timeline_place_key(const char *place);

/* The timeline order of events: by date, then by first evidence. */
int timeline_cmp_events(const dtl_event *a, const dtl_event *b);

/* The arena of tl, for callers that build strings in place. */
arena *timeline_arena(dtl_timeline *tl);

/* Mutable access for merge. */
dtl_event *timeline_event_mut(dtl_timeline *tl, size_t i);

/* A summary such as "Missile launch: North Korea (2 cruise missiles)". */
char *timeline_summary(arena *a, const char *label, const dtl_event *ev);

/*
 * The days of w for people: "2021-03-29", "2021-03-13..2021-03-19",
 * "..2021-03-30", "undated"; with prose, an en dash and "until"/"from".
 */
void timeline_when_text(const dtl_when *w, int prose, char *out, size_t size);

#endif
