/* SPDX-License-Identifier: MIT */
/*
 * anchor.c - reference times.
 *
 * Input: sentences, quotations, time expressions and event mentions.
 * Output: every time expression and event with an interval of days.
 *
 * A time expression is resolved against one of three references
 * (docs/design.md, "Anchoring"):
 *   - the publication date, for narrative text ("two weeks ago");
 *   - the time a quotation was said, for speech: the time named in its
 *     attribution ("..., the minister said on Tuesday"), else the date
 *     of the last statement or briefing by the same speaker ("On
 *     Monday, Blinken addressed ..." then "... Blinken said"), else the
 *     publication date;
 *   - the time before it, for anchor=context expressions ("a few days
 *     later"): the previous dated event in the same voice (the same
 *     chain of quotations, or the narrative), else the previous time
 *     expression.
 * An event takes the nearest date expression of its sentence; with none
 * it inherits a window: the days before the reference for what has
 * happened, the days after it for what is planned.  Nothing reads the
 * clock: without a publication date, relative expressions stay
 * unresolved.
 */
#include "anchor.h"

#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "diag.h"
#include "text.h"
#include "util.h"

/* Days of the windows given to events that have no time expression. */
#define PAST_WINDOW 30
#define FUTURE_WINDOW 30

static tx_ref ref_day(dtl_day d)
{
    tx_ref r;

    r.lo = r.hi = d;
    return r;
}

static tx_ref ref_of(const dtl_timex *t)
{
    tx_ref r;

    r.lo = t->earliest;
    r.hi = t->latest;
    if (r.lo == DTL_DAY_NONE || r.hi == DTL_DAY_NONE)
        r.lo = r.hi = DTL_DAY_NONE;
    return r;
}

/*
 * The reference a context-anchored expression counts from: an exact or
 * vague interval as it is, an approximate one by its middle (an offset
 * from an estimate is an estimate; widening it again and again would
 * make it useless).
 */
static tx_ref ctx_ref(const dtl_timex *t)
{
    tx_ref r = ref_of(t);

    if (r.lo != DTL_DAY_NONE && t->certainty == DTL_CERT_APPROX)
        r.lo = r.hi = r.lo + (r.hi - r.lo) / 2;
    return r;
}

static int is_dated(const dtl_timex *t)
{
    return t->earliest != DTL_DAY_NONE && t->latest != DTL_DAY_NONE;
}

static long owner_of(const segmentation *seg, long q)
{
    if (q < 0)
        return -1;
    return seg->q[q].from >= 0 ? seg->q[q].from : q;
}

/* The time expressions of tx inside [start, end). */
static const tx_raw *timex_within(const tx_list *tx, size_t start,
                                  size_t end)
{
    size_t i;

    for (i = 0; i < tx->count; i++)
        if (tx->v[i].start >= start && tx->v[i].end <= end &&
            (tx->v[i].ru->ttype == DTL_TIMEX_DATE ||
             tx->v[i].ru->ttype == DTL_TIMEX_TIME))
            return &tx->v[i];
    return NULL;
}

/* ------------------------------------------------------------------ */
/* dtl times                                                           */
/* ------------------------------------------------------------------ */

/* Whether t can be what later expressions count from ("a few days
 * later", "that year"): a date or time of a day up to a year. */
static int is_context(const dtl_timex *t)
{
    return is_dated(t) &&
           (t->type == DTL_TIMEX_DATE || t->type == DTL_TIMEX_TIME) &&
           t->granularity != DTL_GRAN_NONE &&
           t->granularity <= DTL_GRAN_YEAR;
}

/* The last calendar quarter that ended before day d. */
static tx_ref last_quarter(dtl_day d)
{
    tx_ref r;
    int y, m, dd;

    date_to_ymd(d, &y, &m, &dd);
    r.hi = date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1) - 1;
    r.lo = date_add_months(r.hi + 1, -3);
    return r;
}

/*
 * Resolves every time expression of text, in order.  Each counts from
 * the publication date, or the time its quotation was said when the
 * attribution names one ("..., the minister said on Tuesday"), or, for
 * anchor=context, the last dated expression before it; a period=yes
 * or period=last expression ("the year-ago quarter") counts from the
 * last quarter mentioned ("third-quarter profit"), see timex.h.
 */
dtl_status dtl_times_find(const dtl_rules *rs, const dtl_text *t,
                          dtl_diag_fn diag, void *ctx, dtl_timex **out,
                          size_t *count)
{
    segmentation seg;
    tx_list tx = {NULL, 0, 0};
    matcher *m;
    dtl_timex *res = NULL, prev_t;
    tx_ref now = ref_day(dtl_text_date(t)), ref, period;
    size_t i, prev_start = 0, prev_end = 0, per_start = 0, per_end = 0;
    int have_prev = 0, per_reset = 0;
    dtl_status st = DTL_ENOMEM;

    memset(&prev_t, 0, sizeof(prev_t));
    period.lo = period.hi = DTL_DAY_NONE;
    *out = NULL;
    *count = 0;
    m = matcher_new(rs, diag, ctx, dtl_text_name(t));
    if (m == NULL)
        return DTL_ENOMEM;
    if (segment(rs, t, m, &seg) != DTL_OK) {
        matcher_free(m);
        return DTL_ENOMEM;
    }
    if (timex_detect(rs, t, &seg, m, 0, seg.count, &tx) != DTL_OK)
        goto done;
    if (tx.count && (res = calloc(tx.count, sizeof(*res))) == NULL)
        goto done;
    for (i = 0; i < tx.count; i++) {
        const tx_raw *r = &tx.v[i];
        dtl_timex *o = &res[i];
        long q = owner_of(&seg, segment_quote_at(&seg, r->start));
        tx_ref speech = now;
        const tx_raw *at = NULL;
        int pmode;

        if (q >= 0 && seg.q[q].attr_end > seg.q[q].attr_start &&
            (at = timex_within(&tx, seg.q[q].attr_start,
                               seg.q[q].attr_end)) != NULL &&
            at != r) {
            dtl_timex sp;

            memset(&sp, 0, sizeof(sp));
            if (timex_resolve(at, now, &sp) == 0 && is_dated(&sp))
                speech = ref_of(&sp);
            else
                at = NULL;
        } else {
            at = NULL;
        }
        pmode = timex_period(r);
        if ((pmode == PERIOD_YES || pmode == PERIOD_LAST) &&
            period.lo != DTL_DAY_NONE) {
            ref = period;
            o->anchor = DTL_ANCHOR_CONTEXT;
            o->anchor_start = per_start;
            o->anchor_end = per_end;
        } else if (pmode == PERIOD_LAST && speech.lo != DTL_DAY_NONE) {
            ref = last_quarter(speech.lo);
            o->anchor = at ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
        } else if (pmode == PERIOD_YES && per_reset) {
            ref = speech;
            o->anchor = at ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
        } else if (timex_is_context(r) && have_prev &&
                   (r->ru->ttype != DTL_TIMEX_TIME ||
                    prev_t.granularity == DTL_GRAN_DAY)) {
            /* a time of day counts from a day, never from a month */
            ref = ctx_ref(&prev_t);
            o->anchor = DTL_ANCHOR_CONTEXT;
            o->anchor_start = prev_start;
            o->anchor_end = prev_end;
        } else {
            ref = speech;
            o->anchor = !timex_is_relative(r) ? DTL_ANCHOR_NONE
                        : at                  ? DTL_ANCHOR_SPEECH
                                              : DTL_ANCHOR_DOCUMENT;
            if (at) {
                o->anchor_start = text_raw_off(t, at->start);
                o->anchor_end = text_raw_off(t, at->end);
            }
        }
        timex_resolve(r, ref, o);
        if (ref.lo == DTL_DAY_NONE && timex_is_relative(r))
            o->anchor = DTL_ANCHOR_NONE;
        o->start = text_raw_off(t, r->start);
        o->end = text_raw_off(t, r->end);
        if (is_context(o)) {
            prev_t = *o;
            prev_start = o->start;
            prev_end = o->end;
            have_prev = 1;
        }
        if (is_context(o) && o->granularity == DTL_GRAN_QUARTER &&
            pmode == PERIOD_NONE) {
            period = ref_of(o);
            per_start = o->start;
            per_end = o->end;
            per_reset = 0;
        } else if (pmode == PERIOD_RESET) {
            period.lo = period.hi = DTL_DAY_NONE;
            per_reset = 1;
        }
    }
    if (now.lo == DTL_DAY_NONE && tx.count)
        diag_warn(diag, ctx, dtl_text_name(t),
                  "no publication date: relative time expressions are "
                  "left unresolved (give a Date: header or --date)");
    *out = res;
    *count = tx.count;
    res = NULL;
    st = DTL_OK;
done:
    free(res);
    free(tx.v);
    segmentation_free(&seg);
    matcher_free(m);
    return st;
}

/* ------------------------------------------------------------------ */
/* Events                                                              */
/* ------------------------------------------------------------------ */

typedef struct anchorer {
    const dtl_rules *rules;
    const dtl_text *text;
    const segmentation *seg;
    matcher *m;
    const tx_list *tx;
    ev_list *evs;
    tx_ref now;
    tx_ref *speech; /* per quotation, lo == hi == 0 until computed */
    char *speech_done;
    dtl_timex *tx_when; /* each time expression, resolved once */
    long *tx_event;     /* the event it was first resolved for */
    long *last_in_quote;
    long last_narr;
} anchorer;

static int is_statement(const ev_raw *e)
{
    return strncmp(e->ru->cameo, "01", 2) == 0;
}

/* The time quotation q (an owner) was said; see the file comment. */
static tx_ref speech_time(anchorer *a, long q, size_t before)
{
    const quote *qu = &a->seg->q[q];
    const tx_raw *at;
    ev_actor sp[EV_MAX_ACTORS];
    size_t nsp = 0, i, k, s;
    int pass;
    const char *txt;
    size_t len;

    if (a->speech_done[q])
        return a->speech[q];
    a->speech_done[q] = 1;
    a->speech[q] = a->now;
    if (qu->attr_end > qu->attr_start &&
        (at = timex_within(a->tx, qu->attr_start, qu->attr_end)) != NULL) {
        dtl_timex t;

        memset(&t, 0, sizeof(t));
        if (timex_resolve(at, a->now, &t) == 0 && is_dated(&t)) {
            a->speech[q] = ref_of(&t);
            return a->speech[q];
        }
    }
    if (qu->sp_end <= qu->sp_start)
        return a->speech[q];
    txt = text_norm(a->text, &len);
    nsp = event_actors_in(a->rules, a->m, txt, qu->sp_start, qu->sp_end,
                          DTL_ROLE_SOURCE, sp, EV_MAX_ACTORS);
    /* The last statement by the same person, else by the same state. */
    for (pass = 0; pass < 2; pass++) {
        for (i = before; i-- > 0;) {
            const ev_raw *e = &a->evs->v[i];

            if (!is_statement(e) || !is_dated(&e->when) || e->quote >= 0)
                continue;
            for (k = 0; k < e->actor_count; k++) {
                if (e->actors[k].role != DTL_ROLE_SOURCE)
                    continue;
                for (s = 0; s < nsp; s++) {
                    if (strcmp(sp[s].code, e->actors[k].code) == 0 &&
                        (pass == 1 ||
                         strcmp(sp[s].name, e->actors[k].name) == 0)) {
                        a->speech[q] = ref_of(&e->when);
                        return a->speech[q];
                    }
                }
            }
        }
    }
    return a->speech[q];
}

/* The date expression of the sentence nearest to the trigger. */
static long governing(const tx_list *tx, const ev_raw *e)
{
    long best = -1;
    size_t i, bd = (size_t)-1, d;

    for (i = 0; i < tx->count; i++) {
        const tx_raw *r = &tx->v[i];

        if (r->sent != e->sent)
            continue;
        if (r->ru->ttype != DTL_TIMEX_DATE && r->ru->ttype != DTL_TIMEX_TIME)
            continue;
        d = r->start >= e->trig_end ? r->start - e->trig_end
                                    : e->trig_start - r->end;
        if (r->start < e->trig_end && r->end > e->trig_start)
            d = 0;
        if (d < bd) {
            bd = d;
            best = (long)i;
        }
    }
    return best;
}

static void window(dtl_timex *w, tx_ref ref, int future)
{
    memset(w, 0, sizeof(*w));
    w->type = DTL_TIMEX_DATE;
    w->certainty = DTL_CERT_VAGUE;
    w->granularity = DTL_GRAN_NONE;
    w->earliest = w->latest = DTL_DAY_NONE;
    if (ref.lo == DTL_DAY_NONE)
        return;
    if (future) {
        w->earliest = ref.hi + 1;
        w->latest = ref.hi + FUTURE_WINDOW;
        memcpy(w->value, "FUTURE_REF", 11);
    } else {
        w->earliest = ref.lo - PAST_WINDOW;
        w->latest = ref.hi;
        memcpy(w->value, "PAST_REF", 9);
    }
}

static int is_future(const ev_raw *e)
{
    return e->status == DTL_STATUS_PLANNED ||
           e->status == DTL_STATUS_THREATENED ||
           e->tense == TENSE_FUTURE;
}

static void anchor_one(anchorer *a, size_t i)
{
    ev_raw *e = &a->evs->v[i];
    long q = owner_of(a->seg, e->quote);
    tx_ref now = q >= 0 ? speech_time(a, q, i) : a->now;
    long prev = q >= 0 ? a->last_in_quote[q] : a->last_narr;
    long ri = governing(a->tx, e);
    const tx_raw *r = ri >= 0 ? &a->tx->v[ri] : NULL;
    tx_ref ref;

    if (r && a->tx_event[ri] >= 0) {
        /* Resolved already, for an earlier event of the sentence. */
        e->anchor_start = r->start;
        e->anchor_end = r->end;
        e->when = a->tx_when[ri];
        e->anchor_event = a->evs->v[a->tx_event[ri]].anchor_event;
    } else if (r) {
        e->anchor_start = r->start;
        e->anchor_end = r->end;
        if (timex_is_context(r)) {
            if (prev < 0 && q >= 0)
                prev = a->last_narr;
            ref = prev >= 0 ? ctx_ref(&a->evs->v[prev].when) : now;
            e->when.anchor = DTL_ANCHOR_CONTEXT;
            e->anchor_event = prev;
        } else {
            ref = now;
            e->when.anchor = !timex_is_relative(r) ? DTL_ANCHOR_NONE
                             : q >= 0              ? DTL_ANCHOR_SPEECH
                                                   : DTL_ANCHOR_DOCUMENT;
        }
        timex_resolve(r, ref, &e->when);
        if (ref.lo == DTL_DAY_NONE && timex_is_relative(r))
            e->when.anchor = DTL_ANCHOR_NONE;
        a->tx_when[ri] = e->when;
        a->tx_event[ri] = (long)i;
    } else if (q >= 0 && e->tense != TENSE_PAST && !is_future(e)) {
        /* Present tense in a quotation: when it was said. */
        memset(&e->when, 0, sizeof(e->when));
        e->when.type = DTL_TIMEX_DATE;
        e->when.earliest = now.lo;
        e->when.latest = now.hi;
        e->when.certainty = now.lo == now.hi ? DTL_CERT_EXACT
                                             : DTL_CERT_APPROX;
        e->when.granularity = DTL_GRAN_DAY;
        e->when.anchor = DTL_ANCHOR_SPEECH;
        if (now.lo != DTL_DAY_NONE)
            dtl_date_format(now.lo, e->when.value);
        else
            e->when.anchor = DTL_ANCHOR_NONE;
    } else {
        window(&e->when, now, is_future(e));
        e->when.anchor = q >= 0 ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
        if (now.lo == DTL_DAY_NONE)
            e->when.anchor = DTL_ANCHOR_NONE;
    }
    /* What has happened happened before it was reported. */
    if (!is_future(e) && is_dated(&e->when) && now.hi != DTL_DAY_NONE &&
        e->when.latest > now.hi && e->when.earliest <= now.hi) {
        e->when.latest = now.hi;
        if (e->when.certainty == DTL_CERT_EXACT)
            e->when.certainty = DTL_CERT_APPROX;
    }
    /* What is planned comes after it was said. */
    if (e->status == DTL_STATUS_PLANNED && is_dated(&e->when) &&
        now.hi != DTL_DAY_NONE && e->when.earliest <= now.hi &&
        e->when.latest > now.hi)
        e->when.earliest = now.hi + 1;
    if (is_dated(&e->when)) {
        if (q >= 0)
            a->last_in_quote[q] = (long)i;
        else
            a->last_narr = (long)i;
    }
}

dtl_status anchor_events(const dtl_rules *rs, const dtl_text *t,
                         const segmentation *seg, matcher *m,
                         const tx_list *tx, ev_list *evs)
{
    anchorer a;
    size_t i, nq = seg->qcount ? seg->qcount : 1;
    dtl_status st = DTL_ENOMEM;

    memset(&a, 0, sizeof(a));
    a.rules = rs;
    a.text = t;
    a.seg = seg;
    a.m = m;
    a.tx = tx;
    a.evs = evs;
    a.now = ref_day(dtl_text_date(t));
    a.last_narr = -1;
    a.speech = calloc(nq, sizeof(*a.speech));
    a.speech_done = calloc(nq, 1);
    a.last_in_quote = malloc(nq * sizeof(long));
    a.tx_when = calloc(tx->count + 1, sizeof(*a.tx_when));
    a.tx_event = malloc((tx->count + 1) * sizeof(long));
    if (a.speech == NULL || a.speech_done == NULL ||
        a.last_in_quote == NULL || a.tx_when == NULL || a.tx_event == NULL)
        goto done;
    for (i = 0; i < nq; i++)
        a.last_in_quote[i] = -1;
    for (i = 0; i < tx->count; i++)
        a.tx_event[i] = -1;
    for (i = 0; i < evs->count; i++)
        anchor_one(&a, i);
    st = DTL_OK;
done:
    free(a.speech);
    free(a.speech_done);
    free(a.last_in_quote);
    free(a.tx_when);
    free(a.tx_event);
    return st;
}
