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

#endif
