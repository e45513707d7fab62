/* SPDX-License-Identifier: MIT */
/*
 * event.h - event mentions found in sentences, before anchoring and
 * merging (private; the public view is <dtl/event.h>).
 */
#ifndef DTL_EVENT_PRIV_H
#define DTL_EVENT_PRIV_H

#include <dtl/event.h>

#include "match.h"
#include "rules.h"
#include "sentence.h"

#define EV_MAX_ACTORS 12

typedef struct ev_actor {
    const char *name; /* canonical, borrowed from the rules */
    const char *code;
    dtl_role role;
    size_t start, end; /* where it was named */
} ev_actor;

/* One mention of an event.  Offsets are into text_norm(). */
typedef struct ev_raw {
    const rule *ru;
    size_t sent;
    size_t start, end;           /* the match */
    size_t trig_start, trig_end; /* the trigger, or the match */
    ev_actor actors[EV_MAX_ACTORS];
    size_t actor_count;
    const char *location;
    const char *location_code;
    size_t weapon_start, weapon_end;
    long count;
    int status;
    long quote; /* speech quotation holding the trigger, or -1 */
    int tense;  /* tx_tense at the trigger */
    /* Set by anchoring: */
    dtl_timex when;
    long anchor_event; /* index of the event it is relative to, or -1 */
    size_t anchor_start, anchor_end; /* the governing time expression */
    long anchor_tx; /* its index among the time expressions, or -1 */
} ev_raw;

typedef struct ev_list {
    ev_raw *v;
    size_t count, cap;
} ev_list;

/*
 * Finds the event mentions of sentences [first, last) of seg and
 * appends them to out, in text order.  Anaphora ("the same regime",
 * "we") are resolved against what came before in out.  Finds who said
 * seg's quotations (segment_attribute) at the first mention.
 */
dtl_status event_detect(const dtl_rules *rules, const dtl_text *text,
                        segmentation *seg, matcher *m, size_t first,
                        size_t last, ev_list *out);

/*
 * Names tied to an era: in a text dated before the day of a lexicon
 * era_until_YYYY-MM-DD, an actor or place named by one of its phrases
 * takes the code and name given there ("Moscow" in 1987 is the Soviet
 * Union).  s is text_norm() of the text.
 */
void event_eras(const dtl_rules *rules, const char *s, dtl_day dct,
                ev_list *evs);

/* Resolves the actors named in s[start..end) into a (up to max). */
size_t event_actors_in(const dtl_rules *rules, matcher *m, const char *s,
                       size_t start, size_t end, dtl_role role, ev_actor *a,
                       size_t max);

#endif
