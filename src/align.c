/* SPDX-License-Identifier: MIT */
/*
 * align.c - comparing event entries: date intervals that overlap, actor
 * sets where one holds the other, places that agree.  These are the
 * building blocks of one rule: two mentions are the same event when
 * their type and status agree and nothing they say contradicts.
 */
#include "align.h"

#include <string.h>

static int known(dtl_day d)
{
    return d != DTL_DAY_NONE;
}

int when_overlap(const dtl_when *a, const dtl_when *b)
{
    if (known(a->earliest) && known(b->latest) && a->earliest > b->latest)
        return 0;
    if (known(b->earliest) && known(a->latest) && b->earliest > a->latest)
        return 0;
    return 1;
}

static dtl_day width(const dtl_when *w)
{
    if (!known(w->earliest) || !known(w->latest))
        return 1 << 30;
    return w->latest - w->earliest;
}

void when_intersect(dtl_when *dst, const dtl_when *b)
{
    dtl_when keep = width(b) < width(dst) ||
                            (width(b) == width(dst) &&
                             b->certainty < dst->certainty)
                        ? *b
                        : *dst;

    if (known(b->earliest) &&
        (!known(dst->earliest) || b->earliest > dst->earliest))
        keep.earliest = b->earliest;
    else
        keep.earliest = dst->earliest;
    if (known(b->latest) && (!known(dst->latest) || b->latest < dst->latest))
        keep.latest = b->latest;
    else
        keep.latest = dst->latest;
    *dst = keep;
}

static int has_code(const dtl_event *e, const char *code, const char *name)
{
    size_t i;

    for (i = 0; i < e->actor_count; i++) {
        const char *c = *e->actors[i].code ? e->actors[i].code
                                           : e->actors[i].name;

        if (strcmp(c, *code ? code : name) == 0)
            return 1;
    }
    return 0;
}

static int subset(const dtl_event *a, const dtl_event *b, size_t *shared)
{
    size_t i;

    *shared = 0;
    for (i = 0; i < a->actor_count; i++) {
        if (!has_code(b, a->actors[i].code, a->actors[i].name))
            return 0;
        (*shared)++;
    }
    return 1;
}

int actors_compatible(const dtl_event *a, const dtl_event *b)
{
    size_t shared = 0;

    if (a->actor_count == 0 || b->actor_count == 0)
        return a->actor_count == b->actor_count;
    if (a->actor_count <= b->actor_count)
        return subset(a, b, &shared) && shared > 0;
    return subset(b, a, &shared) && shared > 0;
}

int places_compatible(const dtl_event *a, const dtl_event *b)
{
    return a->location == NULL || b->location == NULL ||
           strcmp(a->location, b->location) == 0;
}
