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
    dtl_when keep = width(b) < width(dst) || (width(b) == width(dst) &&
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

/* Whether the roles of one actor in two events can both be true: a
 * source is not a target, a participant is either. */
static int roles_agree(dtl_role x, dtl_role y)
{
    return x == y || x == DTL_ROLE_PARTICIPANT || y == DTL_ROLE_PARTICIPANT;
}

/* Whether e names the actor with this code (or name) in a role that
 * agrees with role. */
static int has_actor(const dtl_event *e, const char *code, const char *name,
                     dtl_role role)
{
    size_t i;

    for (i = 0; i < e->actor_count; i++) {
        const char *c =
            *e->actors[i].code ? e->actors[i].code : e->actors[i].name;

        if (strcmp(c, *code ? code : name) == 0 &&
            roles_agree(e->actors[i].role, role))
            return 1;
    }
    return 0;
}

static int subset(const dtl_event *a, const dtl_event *b, size_t *shared)
{
    size_t i;

    *shared = 0;
    for (i = 0; i < a->actor_count; i++) {
        if (!has_actor(b, a->actors[i].code, a->actors[i].name,
                       a->actors[i].role))
            return 0;
        (*shared)++;
    }
    return 1;
}

/*
 * The actors of one event are among the other's, each in a role that
 * agrees: "USA threatens Iran" and "Iran threatens USA" are two events.
 */
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

const char *actor_key(const dtl_actor *a)
{
    return *a->code ? a->code : a->name;
}

long when_gap(const dtl_when *a, const dtl_when *b)
{
    if (known(a->earliest) && known(b->latest) && a->earliest > b->latest)
        return (long)a->earliest - (long)b->latest;
    if (known(b->earliest) && known(a->latest) && b->earliest > a->latest)
        return (long)b->earliest - (long)a->latest;
    return 0;
}

int when_contains(const dtl_when *a, const dtl_when *b)
{
    return (!known(a->earliest) ||
            (known(b->earliest) && a->earliest <= b->earliest)) &&
           (!known(a->latest) || (known(b->latest) && a->latest >= b->latest));
}

/* Distinct actor keys of e into keys (at most max); returns how many. */
static size_t distinct_keys(const dtl_event *e, const char **keys, size_t max)
{
    size_t i, j, n = 0;

    for (i = 0; i < e->actor_count && n < max; i++) {
        const char *k = actor_key(&e->actors[i]);

        for (j = 0; j < n && strcmp(keys[j], k) != 0; j++)
            ;
        if (j == n)
            keys[n++] = k;
    }
    return n;
}

/* Jaccard index of the actor keys, in quarters (0..4); -1 when neither
 * event names an actor. */
static int actor_overlap(const dtl_event *a, const dtl_event *b)
{
    const char *ka[64], *kb[64];
    size_t na = distinct_keys(a, ka, 64), nb = distinct_keys(b, kb, 64);
    size_t i, j, inter = 0, uni;

    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++)
            if (strcmp(ka[i], kb[j]) == 0)
                inter++;
    uni = na + nb - inter;
    if (uni == 0)
        return -1;
    return (int)((4 * inter + uni / 2) / uni);
}

/*
 * Type: the same type 4, the same CAMEO root 2, else no match.
 * Actors: 0..4 by the share of actors in common; none in common, no
 * match.  Dates: overlapping +2; apart by up to 14 days -1 (a
 * conflict); further apart, no match.  Place: the same +1, different
 * -2.  Weapon: different -3.  The same uid (one article's event seen
 * twice) +3.
 */
int align_score(const dtl_event *a, const dtl_event *b)
{
    int score, ov;
    long gap;

    if (strcmp(a->type, b->type) == 0)
        score = 4;
    else if (strlen(a->cameo) >= 2 && strncmp(a->cameo, b->cameo, 2) == 0)
        score = 2;
    else
        return ALIGN_NONE;
    ov = actor_overlap(a, b);
    if (ov == 0)
        return ALIGN_NONE;
    if (ov > 0)
        score += ov;
    gap = when_gap(&a->date, &b->date);
    if (gap == 0)
        score += 2;
    else if (gap <= 14)
        score -= 1;
    else
        return ALIGN_NONE;
    if (a->location && b->location)
        score += strcmp(a->location, b->location) == 0 ? 1 : -2;
    if (a->weapon && b->weapon && strcmp(a->weapon, b->weapon) != 0)
        score -= 3;
    if (a->uid && b->uid && strcmp(a->uid, b->uid) == 0)
        score += 3;
    return score;
}
