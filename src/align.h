/* SPDX-License-Identifier: MIT */
/*
 * align.h - deciding when two event entries are the same real event,
 * and combining their dates (private).  Used to merge repeated mentions
 * in one article and to align timelines in diff and merge.
 */
#ifndef DTL_ALIGN_H
#define DTL_ALIGN_H

#include <dtl/event.h>

/* Whether two date intervals overlap; an open or missing bound
 * overlaps everything. */
int when_overlap(const dtl_when *a, const dtl_when *b);

/* Narrows dst to its intersection with b (which must overlap), keeping
 * the more precise value and certainty. */
void when_intersect(dtl_when *dst, const dtl_when *b);

/* Whether the actor codes of one event are a subset of the other's,
 * sharing at least one (or both have none). */
int actors_compatible(const dtl_event *a, const dtl_event *b);

/* Whether two places agree (equal, or one unknown). */
int places_compatible(const dtl_event *a, const dtl_event *b);

/*
 * How likely two entries of different timelines are the same event
 * (docs/diff-merge.md); ALIGN_NONE when they cannot be.  Pairs scoring
 * ALIGN_THRESHOLD or more are candidates.
 */
#define ALIGN_NONE      (-1000)
#define ALIGN_THRESHOLD 5
int align_score(const dtl_event *a, const dtl_event *b);

/* Days between two intervals that do not overlap (0 when they do). */
long when_gap(const dtl_when *a, const dtl_when *b);

/* Whether a's interval holds b's. */
int when_contains(const dtl_when *a, const dtl_when *b);

/* The key of an actor for comparisons: its code, else its name. */
const char *actor_key(const dtl_actor *a);

#endif
