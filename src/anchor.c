/* SPDX-License-Identifier: MIT */
/*
 * anchor.c - reference times.
 *
 * Input: sentences, quotations, time expressions and event mentions.
 * Output: every time expression and event with an interval of days.
 *
 * One walk serves "dtl times" and "dtl build": sentence by sentence, the
 * time expressions of a sentence are resolved first, then its events
 * take theirs.  A time expression counts from one of three references
 * (docs/design.md, "Reference times"):
 *   - the publication date, for narrative text ("two weeks ago");
 *   - the time a quotation was said, for speech: the time named in its
 *     attribution ("..., the minister said on Tuesday"), else the date
 *     of the last statement or briefing by the same speaker ("On
 *     Monday, Blinken addressed ..." then "... Blinken said"), else the
 *     publication date;
 *   - the last time mentioned before it, for anchor=context
 *     expressions ("a few days later", "the following day"), in a
 *     clause in the past the last one not after the reference; a
 *     period=yes or period=last expression ("the year-ago quarter")
 *     counts from the last quarter mentioned (timex.h).
 * An event takes the nearest date expression of its sentence; with none
 * it gets a window: the days before the reference for what has
 * happened, the days after it for what is planned.  Nothing reads the
 * clock: without a publication date, relative expressions stay
 * unresolved.
 */
#include "anchor.h"

#include <dtl/limits.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "diag.h"
#include "text.h"
#include "util.h"

/* Days of the windows given to events that have no time expression. */
#define PAST_WINDOW   30
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
 * vague interval as it is; an approximate one of up to a month as it is
 * too ("a few days later" than "two weeks ago" or "the following month"
 * holds every day the first could be), a longer one by its middle (an
 * offset from a wide estimate is an estimate; widening it again and
 * again would make it useless).
 */
static tx_ref ctx_ref(const dtl_timex *t)
{
    tx_ref r = ref_of(t);

    if (r.lo != DTL_DAY_NONE && t->certainty == DTL_CERT_APPROX &&
        r.hi - r.lo > 30)
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
static const tx_raw *timex_within(const tx_list *tx, size_t start, size_t end)
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
 * later", "that year"): a date or time of a day up to a year.  Not a
 * span of years ("the 1986/87 crop", "between 1994 and 1997"): "a year
 * earlier" or "the previous week" has no one reference in it. */
static int is_context(const dtl_timex *t)
{
    return is_dated(t) &&
           (t->type == DTL_TIMEX_DATE || t->type == DTL_TIMEX_TIME) &&
           t->granularity != DTL_GRAN_NONE && t->granularity <= DTL_GRAN_YEAR &&
           t->latest - t->earliest < 366;
}

/* Whether t is one calendar year, told as such ("in 2012"), not a
 * window that happens to span months of one. */
static int whole_year(const dtl_timex *t)
{
    return t->granularity == DTL_GRAN_YEAR && is_dated(t) &&
           t->earliest == date_year_start(date_year(t->earliest)) &&
           t->latest == date_year_end(date_year(t->earliest));
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

/* ------------------------------------------------------------------ */
/* The walk                                                            */
/* ------------------------------------------------------------------ */

typedef struct walker {
    const dtl_rules *rules;
    const dtl_text *text;
    const segmentation *seg;
    matcher *m;
    const tx_list *tx;
    dtl_timex *when; /* each time expression, resolved */
    ev_list *evs;    /* NULL for "dtl times" */
    tx_ref now;
    /* Whether an expression has been counted from now (a dateline
     * after it no longer moves now). */
    int counted;
    /* The last time mentioned, for anchor=context: in the narrative
     * (slot 0) and in each chain of quotations (slot q + 1). */
    struct prev {
        dtl_timex t;
        size_t start, end;
        size_t sent; /* the sentence of t */
        int have;
        /* The last time mentioned that is not after the reference,
         * for a clause in the past ("two days earlier, they had
         * spoken" after "will meet on Wednesday"). */
        dtl_timex pt;
        size_t pstart, pend;
        int phave;
        /* The last day mentioned, for "the following day" after "earlier
         * that week". */
        dtl_timex dt;
        size_t dstart, dend, dsent;
        int dhave;
        /* t opens its sentence ("In mid-March, a quarrel ...") */
        int lead;
        /* t starts a span ("since January 2") */
        int since;
    } * prev;
    /* The last year told in the narrative, alone or in a date ("in
     * 2020", "last year", "on June 3, 2019"), for "in September that
     * year" after days told without one. */
    struct {
        dtl_timex t;
        size_t start, end, sent;
        int have;
    } year;
    /* The last decade told in the narrative ("in the early 1970s"),
     * for "a decade later": no context for days or years, but the one
     * for decades. */
    struct {
        tx_ref r;
        size_t start, end;
        int have;
    } decade;
    /* A chronology told month by month under headings ("JUNE.
     * Washington imposed sanctions ... at the start of the month"):
     * the month of each paragraph (heads, by paragraph, 0 for none),
     * which is now while the paragraph is read (head_on; the story's
     * own now kept in head_saved). */
    dtl_day *heads;
    int head_on;
    tx_ref head_saved;
    size_t head_start, head_end; /* the heading, in the normalised text */
    /* The last quarter mentioned, for period expressions. */
    tx_ref period;
    size_t per_start, per_end;
    int per_reset;
    /* Per quotation: when it was said. */
    tx_ref *speech;
    char *speech_done;
    long *speech_at; /* time expression of the attribution, or -1 */
    /* The last dated event, for anchor_event. */
    long *last_in_quote;
    long last_narr;
    /* Lexicons that decide which time governs an event (governing()). */
    const lexicon *say, *brk, *cla, *pri, *cmp, *join, *det, *occ, *past;
    const lexicon *release; /* anchor_release */
    const lexicon *prep, *sched, *perf, *aft, *react, *present, *later;
    const lexicon *func, *evpres, *deed;
    /* Nouns naming events ("the summit"), and for each time expression
     * the event it counts from ("two days before the summit"), or -1. */
    const lexicon *noun;
    long *ev_ref;
    const lexicon *resp;    /* anchor_response */
    const lexicon *perfect; /* event_perfect */
    /* An interview told as questions and answers ("Q: ...", "A: ..."):
     * the first such paragraph (paras if none), and the day the
     * interview was held, told before it ("We spoke to the minister in
     * his office on Friday, June 12": lexicon anchor_interview), which
     * the times of the questions and answers count from. */
    const lexicon *intv;
    unsigned qa_first;
    tx_ref interview;
    long intv_at;
} walker;

static int is_statement(const ev_raw *e)
{
    return strncmp(e->ru->cameo, "01", 2) == 0;
}

/* The index of the date expression inside [start, end), or -1. */
static long timex_index_within(const tx_list *tx, size_t start, size_t end)
{
    const tx_raw *r = timex_within(tx, start, end);

    return r ? (long)(r - tx->v) : -1;
}

/* Whether the text from a to b holds word (of letters, in lower case). */
static int has_word(const walker *w, size_t a, size_t b, const char *word)
{
    size_t len, i, n = strlen(word);
    const char *t = text_norm(w->text, &len);

    if (b > len)
        b = len;
    for (i = a; i + n <= b; i++)
        if (memcmp(t + i, word, n) == 0 &&
            (i == 0 || !util_isalnum((unsigned char)t[i - 1])) &&
            (i + n == len || !util_isalnum((unsigned char)t[i + n])))
            return 1;
    return 0;
}

/*
 * The time quotation q (an owner) was said: the time in its
 * attribution, else the date of the last statement by the same speaker
 * (by name, then by state) before event index `before`, else the
 * publication date.
 */
/*
 * Without events ("dtl times"): a quotation said by "he", "she" or
 * "they" with no time of its own is dated by a telling in the sentence
 * right before it, a day after a verb of saying (lexicon say) there:
 * 'announced the deal in a televised address at 8 p.m. Friday.  "By
 * tomorrow these men will sleep in their own beds," she said.'  The
 * pronoun is that sentence's teller.  Sets *out and returns 1, or 0.
 */
static int told_before(const walker *w, const quote *qu, tx_ref *out)
{
    size_t len, k, j, b, e;
    const char *t = text_norm(w->text, &len);
    long best = -1;

    if (w->say == NULL || qu->sp_end <= qu->sp_start ||
        !(util_word_at(t, qu->sp_start, qu->sp_end, "he") ||
          util_word_at(t, qu->sp_start, qu->sp_end, "she") ||
          util_word_at(t, qu->sp_start, qu->sp_end, "they")) ||
        qu->sp_end - qu->sp_start > 4)
        return 0;
    for (k = 0; k < w->seg->count && w->seg->s[k].end <= qu->start; k++)
        ;
    if (k == 0 || k >= w->seg->count || w->seg->s[k].start > qu->start + 1)
        return 0;
    k--; /* the sentence before the quotation's */
    for (j = 0; j < w->tx->count; j++) {
        const tx_raw *r = &w->tx->v[j];
        const dtl_timex *o = &w->when[j];

        if (r->sent != k || segment_quote_at(w->seg, r->start) >= 0 ||
            !is_dated(o) || o->earliest != o->latest ||
            (o->type != DTL_TIMEX_DATE && o->type != DTL_TIMEX_TIME) ||
            (w->now.hi != DTL_DAY_NONE && o->latest > w->now.hi))
            continue;
        /* a verb of saying before it in the sentence */
        for (b = w->seg->s[k].start; b < r->start; b = e + 1) {
            while (b < r->start && !util_isalpha((unsigned char)t[b]))
                b++;
            for (e = b; e < r->start && util_isalpha((unsigned char)t[e]);)
                e++;
            if (e > b && lexicon_find(w->say, t + b, e - b) != NULL) {
                best = (long)j;
                break;
            }
        }
    }
    if (best < 0)
        return 0;
    *out = ref_of(&w->when[best]);
    return 1;
}

static tx_ref speech_time(walker *w, long q, size_t before)
{
    const quote *qu = &w->seg->q[q];
    ev_actor sp[EV_MAX_ACTORS];
    size_t nsp, i, k, s, len;
    const char *txt;
    long at;
    int pass;

    if (w->speech_done[q])
        return w->speech[q];
    w->speech_done[q] = 1;
    w->speech[q] = w->now;
    w->speech_at[q] = -1;
    if (qu->attr_end > qu->attr_start &&
        (at = timex_index_within(w->tx, qu->attr_start, qu->attr_end)) >= 0) {
        dtl_timex t;

        memset(&t, 0, sizeof(t));
        /* A time that can date the saying: "said on Monday", not "said
         * of the 1930s" or "of the 1981-82 recession", nor a time of
         * what is said after it ("said, adding that a declaration could
         * be ready before the end of the year"). */
        if (timex_resolve(&w->tx->v[at], w->now, &t) == 0 && is_context(&t) &&
            t.granularity <= DTL_GRAN_WEEK &&
            !has_word(w, qu->attr_start, w->tx->v[at].start, "that")) {
            w->speech[q] = ref_of(&t);
            w->speech_at[q] = at;
            return w->speech[q];
        }
    }
    if (w->evs == NULL || qu->sp_end <= qu->sp_start) {
        told_before(w, qu, &w->speech[q]);
        return w->speech[q];
    }
    txt = text_norm(w->text, &len);
    nsp = event_actors_in(w->rules, w->m, txt, qu->sp_start, qu->sp_end,
                          DTL_ROLE_SOURCE, sp, EV_MAX_ACTORS);
    for (pass = 0; pass < 2; pass++) {
        for (i = before; i-- > 0;) {
            const ev_raw *e = &w->evs->v[i];

            if (!is_statement(e) || !is_dated(&e->when) || e->quote >= 0)
                continue;
            for (k = 0; k < e->actor_count; k++) {
                if (e->actors[k].role != DTL_ROLE_SOURCE)
                    continue;
                for (s = 0; s < nsp; s++) {
                    if (strcmp(sp[s].code, e->actors[k].code) == 0 &&
                        (pass == 1 ||
                         strcmp(sp[s].name, e->actors[k].name) == 0)) {
                        w->speech[q] = ref_of(&e->when);
                        return w->speech[q];
                    }
                }
            }
        }
    }
    told_before(w, qu, &w->speech[q]);
    return w->speech[q];
}

/* Whether r is followed by "'s" or "'" ("Friday's attack", "last
 * week's talks", "two years' work"). */
static int possessive(const walker *w, const tx_raw *r)
{
    size_t len;
    const char *t = text_norm(w->text, &len);

    return r->end < len && t[r->end] == '\'' &&
           (r->end + 1 == len || t[r->end + 1] == 's' || t[r->end + 1] == 'S' ||
            !util_isalnum((unsigned char)t[r->end + 1]));
}

static size_t said_at(const walker *w, const tx_raw *r);
static size_t word_at_time(const walker *w, const tx_raw *r, const lexicon *lx);

/* Whether r, resolved to o, is the day or time of a telling right after
 * a verb of saying ("officials said on Sunday"), not "said February
 * sales rose". */
static int told_at(const walker *w, const tx_raw *r, const dtl_timex *o)
{
    return o->granularity == DTL_GRAN_DAY && said_at(w, r) != (size_t)-1;
}

/* Whether r follows "since": the start of a span ("rejected an offer
 * Tuesday, extending a walkout ... since April 6"), not the day the
 * story goes on from, unless "when" tells of it ("held since July 26,
 * when his guard detained him.  That evening, ..."). */
static int since_tx(const walker *w, const tx_raw *r)
{
    size_t len, b, e, i = r->end;
    const char *t = text_norm(w->text, &len);

    if ((e = util_word_before(t, 0, r->start, &b)) == 0 ||
        !util_word_at(t, b, e, "since"))
        return 0;
    if (i < len && t[i] == ',')
        i++;
    while (i < len && t[i] == ' ')
        i++;
    return !util_word_at(t, i, len, "when");
}

/* Whether a word of lexicon anchor_det comes right before r ("the
 * February 9 USDA report"). */
static int after_det(const walker *w, const tx_raw *r)
{
    size_t len, b, e;
    const char *t = text_norm(w->text, &len);

    return w->det != NULL && (e = util_word_before(t, 0, r->start, &b)) != 0 &&
           lexicon_find(w->det, t + b, e - b) != NULL;
}

/* Whether r is attributive: after a word of lexicon anchor_det and
 * before a noun of an event (lexicons event_noun, anchor_deed: "the
 * January coup", "the May 30 launch"); not a figure's period ("its
 * February load factor"), which later times count from. */
static int attributive_tx(const walker *w, const tx_raw *r)
{
    size_t len, i;
    const char *t = text_norm(w->text, &len);

    if (w->func == NULL || !after_det(w, r) || r->end + 1 >= len ||
        t[r->end] != ' ' || !util_islower(t[r->end + 1]))
        return 0;
    for (i = r->end + 1; i < len && util_isalpha((unsigned char)t[i]);)
        i++;
    return i - r->end - 1 >= 3 &&
           (i == len || (!util_isalnum((unsigned char)t[i]) && t[i] != '\'' &&
                         t[i] != '-')) &&
           ((w->noun &&
             lexicon_find(w->noun, t + r->end + 1, i - r->end - 1) != NULL) ||
            (w->deed &&
             lexicon_find(w->deed, t + r->end + 1, i - r->end - 1) != NULL));
}

/*
 * Whether r, a month or longer (o), is the time a figure is compared
 * with: a word of lexicon anchor_compare among the four words before
 * it, in its clause ("rose 0.5 pct in February from January", "three
 * pct in December against zero in November").  "a year earlier" later
 * in the sentence counts from the time compared, not from the one
 * compared with.  Not a day ("sold from March 23", "from yesterday"),
 * nor a time a clause of "when" tells of ("from December, when it rose
 * 3.6 pct from a month earlier").
 */
static int compared(const walker *w, const tx_raw *r, const dtl_timex *o)
{
    size_t len, i = r->start, b;
    const char *t = text_norm(w->text, &len);
    int words = 0;

    if (w->cmp == NULL || o->granularity < DTL_GRAN_MONTH)
        return 0;
    for (b = r->end; b < len && (t[b] == ' ' || t[b] == ','); b++)
        ;
    if (util_word_at(t, b, len, "when"))
        return 0;
    while (i > 0 && words < 4) {
        while (i > 0 && t[i - 1] == ' ')
            i--;
        if (i == 0 || !util_isalnum((unsigned char)t[i - 1]))
            return 0; /* punctuation ends the clause */
        /* a word, or a figure ("7.2", "1,736") */
        for (b = i; b > 0 && (util_isalnum((unsigned char)t[b - 1]) ||
                              ((t[b - 1] == '.' || t[b - 1] == ',') && b >= 2 &&
                               util_isdigit((unsigned char)t[b - 2]) &&
                               util_isdigit((unsigned char)t[b])));
             b--)
            ;
        if (lexicon_find(w->cmp, t + b, i - b) != NULL)
            return 1;
        i = b;
        words++;
    }
    return 0;
}

/* Is r the date of a dateline ("LONDON, March 12 - ...") or the time
 * stamp of a live report's entry ("18:42 - The Security Council will
 * meet on Thursday")?  It dates the report, not what the report tells. */
static int is_dateline(const walker *w, const tx_raw *r)
{
    size_t len, i, start = w->seg->s[r->sent].start;
    const char *t = text_norm(w->text, &len);
    int caps = 0;

    if (r->start < start || r->start - start > 48)
        return 0;
    for (i = start; i < r->start; i++) {
        if (util_islower(t[i]))
            return 0;
        caps += util_isupper(t[i]);
    }
    for (i = r->end; i < len && t[i] == ' '; i++)
        ;
    /* "NAIROBI, Feb 20 (Reuters) -": the agency's name between */
    if (i < len && t[i] == '(') {
        size_t k = i + 1;

        while (k < len && k - i < 32 && t[k] != ')' && t[k] != '\n')
            k++;
        if (k < len && t[k] == ')' && k > i + 1 && util_isupper(t[i + 1]))
            for (i = k + 1; i < len && t[i] == ' '; i++)
                ;
    }
    return (caps >= 2 || r->start == start) && i + 1 < len && t[i] == '-' &&
           (t[i + 1] == ' ' || t[i + 1] == '-');
}

/*
 * A wire story is told from the day of its dateline ("LONDON, March 12 -
 * The Soviet Union carried out a nuclear test early today" is March 12),
 * which may be a day or two from the date it was filed or published
 * under: when the dateline opens the story, before anything has been
 * counted from the publication date, and is at most DTL_DATELINE_DAYS
 * from it, it is now.
 */
static void dateline_now(walker *w, const dtl_timex *o)
{
    dtl_day d = o->earliest;

    if (o->granularity != DTL_GRAN_DAY || d == DTL_DAY_NONE || d != o->latest ||
        w->now.lo == DTL_DAY_NONE || w->now.lo != w->now.hi)
        return;
    if (d - w->now.lo <= DTL_DATELINE_DAYS &&
        w->now.lo - d <= DTL_DATELINE_DAYS)
        w->now = ref_day(d);
}

/*
 * "The following year, in October, Turkey test-fired the system", "Late
 * last year, efforts stalled again.  A meeting ... due in December was
 * cancelled": a month without a year (o, resolved from r) that falls
 * in the span of one year or month told last (p) at the opening of r's
 * sentence ("In mid-May, ... Tokyo protested ... on May 16"),
 * or of the one before when it is part of a year ("Late last year"; not
 * "Last year the surplus was ... It widened in January"), is of that
 * year ("since 1990" sets no scene); not a month with a direction ("last
 * January") or after a determiner ("In 1986, ... according to the
 * February 9 USDA report").
 */
static void in_years_told(const walker *w, const tx_raw *r,
                          const struct prev *p, dtl_timex *o)
{
    tx_raw copy = *r;
    dtl_timex t = *o;
    dtl_day first;
    int y, y2, m, d;
    /* A past clause read as after the publication, after a year told
     * in the sentence before: "The worst crisis came in 2008.  A
     * dispute turned violent on Sept. 14" (written in June). */
    int ahead = r->tense == TENSE_PAST && is_dated(o) &&
                w->now.hi != DTL_DAY_NONE && o->earliest > w->now.hi;

    if (strcmp(r->ru->resolver, "date") != 0 || r->parts.year >= 0 ||
        r->parts.month == 0 || r->parts.month2 != 0 || r->parts.has_dir ||
        after_det(w, r) || !p->have ||
        !(p->lead || (ahead && p->t.granularity == DTL_GRAN_YEAR &&
                      p->sent + 1 == r->sent)) ||
        (p->t.granularity != DTL_GRAN_YEAR &&
         p->t.granularity != DTL_GRAN_MONTH) ||
        !is_dated(&p->t) || p->sent + 1 < r->sent ||
        (p->sent != r->sent && p->t.latest - p->t.earliest >= 360 && !ahead) ||
        w->seg->s[p->sent].para != w->seg->s[r->sent].para)
        return;
    date_to_ymd(p->t.earliest, &y, &m, &d);
    date_to_ymd(p->t.latest, &y2, &m, &d);
    if (y != y2 ||
        !date_valid(y, r->parts.month, r->parts.day ? r->parts.day : 1))
        return;
    first = date_from_ymd(y, r->parts.month, r->parts.day ? r->parts.day : 1);
    if (first < p->t.earliest || first > p->t.latest ||
        (is_dated(o) && o->earliest >= p->t.earliest &&
         o->latest <= p->t.latest))
        return;
    copy.parts.year = y;
    copy.parts.year_digits = 4;
    if (timex_resolve(&copy, w->now, &t) != 0)
        return;
    t.start = o->start;
    t.end = o->end;
    t.anchor = DTL_ANCHOR_CONTEXT;
    t.anchor_start = p->start;
    t.anchor_end = p->end;
    *o = t;
}

/* How many sentences back "that year" looks for a year told. */
#define YEAR_REACH 5

/*
 * "That approach collapsed in 2020.  After troops moved in in the
 * spring, soldiers fought ... on the night of June 15. ...  In September
 * that year, the ministers met": "that year" (r, of unit year and no
 * direction) is the year told last (w->year, in the narrative, at most
 * YEAR_REACH sentences back), not that of a day told since without a
 * year, which was read as of the reference's year.  Sets *ref to it
 * and returns 1 when they differ; else 0.
 */
static int that_year(const walker *w, const tx_raw *r, long q, tx_ref *ref)
{
    tx_ref y;

    if (q >= 0 || r->parts.unit != UNIT_YEAR || !r->parts.has_dir ||
        r->parts.dir != 0 || !w->year.have || w->year.sent > r->sent ||
        w->year.sent + YEAR_REACH < r->sent)
        return 0;
    y = ctx_ref(&w->year.t);
    if (y.lo == DTL_DAY_NONE || (ref->lo >= y.lo && ref->hi <= y.hi))
        return 0;
    /* "maturities arising between January 1, 1985 and end-1988.  It had
     * signed agreements in March of that year": not a year to come */
    if (r->tense == TENSE_PAST && w->now.hi != DTL_DAY_NONE && y.lo > w->now.hi)
        return 0;
    *ref = y;
    return 1;
}

/* Whether o, counted from the time t its sentence gave, lies before
 * it: "accused Khartoum on April 30 of bombing villages the day before"
 * looks back from the story's time, which later expressions still count
 * from ("... denied the accusation the following day"). */
static int flashback(const dtl_timex *o, const dtl_timex *t)
{
    return o->anchor == DTL_ANCHOR_CONTEXT && is_dated(o) && is_dated(t) &&
           o->latest < t->earliest;
}

/* Whether the sentence of r is in the pluperfect: "had" among its words
 * ("The same boats had been seen in the area the day before", "The
 * previous day, the judges had rejected a request"). */
static int pluperfect(const walker *w, const tx_raw *r)
{
    const sent *st = &w->seg->s[r->sent];

    return has_word(w, st->start, st->end, "had");
}

/* Whether r starts with "that" or "the same", which point back to a
 * time told. */
static int back_to(const walker *w, const tx_raw *r)
{
    size_t len;
    const char *t = text_norm(w->text, &len);

    return util_word_at(t, r->start, r->end, "that") ||
           util_word_at(t, r->start, r->end, "the same");
}

static int value_of(dtl_timex *t);

/* Whether paragraph para opens with "Q:" or "A:", a question or an
 * answer of an interview. */
static int qa_para(const walker *w, unsigned para)
{
    size_t len;

    return segment_qa(w->seg, text_norm(w->text, &len), para) != 0;
}

/* Whether what is told in paragraph para, out of any quotation (q < 0),
 * was said on the day of an interview: a question or an answer after
 * the day the interview was held was told. */
static int in_interview(const walker *w, long q, unsigned para)
{
    return q < 0 && para >= w->qa_first && w->intv_at >= 0 && qa_para(w, para);
}

/* Whether sentence k has a word of lexicon anchor_interview. */
static int tells_interview(const walker *w, size_t k)
{
    size_t len, i, b;
    const char *t = text_norm(w->text, &len);

    if (w->intv == NULL)
        return 0;
    for (i = w->seg->s[k].start; i < w->seg->s[k].end;) {
        if (!util_isalpha((unsigned char)t[i])) {
            i++;
            continue;
        }
        for (b = i; i < w->seg->s[k].end && util_isalpha((unsigned char)t[i]);)
            i++;
        if (lexicon_find(w->intv, t + b, i - b) != NULL)
            return 1;
    }
    return 0;
}

/* The tense of the clause around r, by the nearest cue (timex_tense). */
static tx_tense tense_of(const walker *w, const tx_raw *r)
{
    size_t len;

    return timex_tense(w->rules, text_norm(w->text, &len), &w->seg->s[r->sent],
                       r->start, r->end);
}

/*
 * A bare weekday that no tense directs ("Sunday's prime-time shows
 * include ...") is the same day of that name told last, within a week
 * of the reference ("will launch two shows this Sunday ... Sunday's
 * prime-time shows"), rather than the last one before the reference.
 */
static void same_weekday(const walker *w, size_t i, tx_ref ref, dtl_timex *o)
{
    const tx_raw *r = &w->tx->v[i];
    const tx_parts *p = &r->parts;
    size_t j;
    char day[11];

    if (o->anchor == DTL_ANCHOR_CONTEXT ||
        strcmp(r->ru->resolver, "weekday") != 0 || p->has_dir ||
        p->weekday <= 0 || p->weekday2 || p->month > 0 || p->day > 0 ||
        ref.lo == DTL_DAY_NONE || ref.lo != ref.hi || !is_dated(o) ||
        o->earliest != o->latest || strlen(o->value) < 10)
        return;
    /* A possessive ("Sunday's debut") is the last such day by its
     * rule; in a clause that is not in the past, it may be one told
     * ahead ("after Sunday's debut" after "this Sunday"). */
    if (r->tense != TENSE_NONE &&
        (p->tense != PARTS_TENSE_PAST || tense_of(w, r) == TENSE_PAST))
        return;
    for (j = i; j-- > 0;) {
        const dtl_timex *t = &w->when[j];

        if (!is_dated(t) || t->earliest != t->latest ||
            date_weekday(t->earliest) != p->weekday ||
            t->earliest - ref.lo > 6 || ref.lo - t->earliest > 6)
            continue;
        if (t->earliest == o->earliest)
            return;
        dtl_date_format(t->earliest, day);
        memcpy(o->value, day, 10);
        o->earliest = o->latest = t->earliest;
        return;
    }
}

/* The minutes of the day of a TIMEX3 clock value ("1997-03-01T21:40"
 * is 1300), or -1 when v is no day and clock time. */
static int clock_minutes(const char *v)
{
    if (strlen(v) != 16 || v[10] != 'T' || v[13] != ':' ||
        !util_isdigit((unsigned char)v[11]) ||
        !util_isdigit((unsigned char)v[12]) ||
        !util_isdigit((unsigned char)v[14]) ||
        !util_isdigit((unsigned char)v[15]))
        return -1;
    return ((v[11] - '0') * 10 + (v[12] - '0')) * 60 + (v[14] - '0') * 10 +
           (v[15] - '0');
}

/* Whether TIMEX3 value v is an hour of the evening, 6 p.m. or later
 * ("1997-03-01T21:40"). */
static int late_hour(const char *v)
{
    return clock_minutes(v) >= 18 * 60;
}

/* Whether r is an hour of the small hours that a stretch of the day t
 * ran "until" ("Talks resumed Monday and ran until 1 a.m."): the next
 * day's. */
static int small_hours_until(const walker *w, const tx_raw *r,
                             const dtl_timex *t)
{
    const tx_parts *p = &r->parts;
    size_t len, b, e;
    const char *s = text_norm(w->text, &len);

    if (r->ru->ttype != DTL_TIMEX_TIME || p->weekday || p->month ||
        p->hour < 0 || p->hour >= 6 || p->ampm != 1 || p->tod ||
        t->granularity != DTL_GRAN_DAY || strchr(t->value, 'T') != NULL)
        return 0;
    e = util_word_before(s, w->seg->s[r->sent].start, r->start, &b);
    return e != 0 &&
           (util_word_at(s, b, e, "until") || util_word_at(s, b, e, "till"));
}

/* Whether r is a morning hour told after a night, an evening or an hour
 * of the evening t ("the ballots were counted overnight ... announced
 * at 7 a.m.", "touched down at 9:40 p.m. Saturday ... rain kept falling
 * until about 4 a.m.", "became sporadic on Sunday evening and broke off
 * shortly before 4 am"): the next day's; or a night before the day
 * ("overnight") told after a night, which is that one ("spent Tuesday
 * night on the roofs ... The river rose overnight"). */
static int after_night(const tx_raw *r, const dtl_timex *t)
{
    const tx_parts *p = &r->parts;
    size_t n = strlen(t->value);

    if (r->ru->ttype != DTL_TIMEX_TIME || p->weekday || p->month || n < 4 ||
        !(strcmp(t->value + n - 3, "TNI") == 0 ||
          strcmp(t->value + n - 3, "TEV") == 0 || late_hour(t->value)))
        return 0;
    if (p->tod == TX_TOD("NI") && p->has_dir && p->dir < 0)
        return 1;
    if (p->hour >= 0)
        return p->ampm == 1 || (p->ampm == 0 && p->hour < 12 && !p->tod);
    return p->tod == TX_TOD("MO");
}

/*
 * A clock time in parentheses right after another, the same moment in
 * another zone ("at 6.30 P.M. (0930 GMT)" in Tokyo, "at 11:52 pm local
 * time (0452 GMT)"): the days between them, -1, 0 or 1, from the hours
 * (zones lie 12 hours behind to 14 ahead); 2 when r is no such time.
 */
static int zone_day(const walker *w, const tx_raw *r, const struct prev *p)
{
    size_t len, a = text_raw_off(w->text, r->start);
    const char *t = text_norm(w->text, &len);
    long from = clock_minutes(p->t.value), d;

    if (r->ru->ttype != DTL_TIMEX_TIME || r->parts.hour < 0 ||
        r->parts.weekday || r->parts.month || from < 0 || a < p->end ||
        a - p->end > 3 || r->start == 0 || t[r->start - 1] != '(')
        return 2;
    d = from - (r->parts.hour % 24) * 60L -
        (r->parts.minute > 0 ? r->parts.minute : 0);
    return d > 14 * 60 ? 1 : d < -12 * 60 ? -1 : 0;
}

/*
 * Whether r counts from the last time told in the past (p->pt) rather
 * than from the last time told (p->t): when that lies ahead and r's
 * clause is in the past, but "that day", "the same month" name the
 * last time told.
 */
static int past_ref(const walker *w, const tx_raw *r, const struct prev *p,
                    tx_ref speech)
{
    size_t len;
    const char *t = text_norm(w->text, &len);

    if (!(p->phave && p->sent != r->sent && is_dated(&p->t) &&
          speech.hi != DTL_DAY_NONE && p->t.earliest > speech.hi))
        return 0;
    if (util_word_at(t, r->start, r->end, "that") ||
        util_word_at(t, r->start, r->end, "those") ||
        util_word_at(t, r->start, r->end, "the same"))
        return 0;
    if (r->tense == TENSE_NONE)
        return tense_of(w, r) == TENSE_PAST;
    return r->tense == TENSE_PAST;
}

/* Whether r is an hour of a clause that looks ahead, told after a day
 * before the time of speech: "requested by Meridia late Tuesday and is
 * scheduled to begin at 3 p.m." is today's 3 p.m. */
static int ahead_of_day(const walker *w, const tx_raw *r, tx_ref ref,
                        tx_ref speech)
{
    return r->ru->ttype == DTL_TIMEX_TIME && r->parts.hour >= 0 &&
           !r->parts.weekday && !r->parts.day && ref.hi != DTL_DAY_NONE &&
           speech.lo != DTL_DAY_NONE && ref.hi < speech.lo &&
           tense_of(w, r) == TENSE_FUTURE;
}

/* Whether "the year" at r is the year of the quarter reported on: not
 * in a clause that looks ahead ("should continue during the year"),
 * nor a part of it ("for the rest of the year", "the first three
 * months of the year"). */
static int year_of_period(const walker *w, const tx_raw *r)
{
    static const char *const part[] = {"rest",   "remainder", "balance",
                                       "months", "weeks",     "quarter",
                                       "half",   "part",      "end"};
    size_t len, b, e, k;
    const char *t = text_norm(w->text, &len);

    if (tense_of(w, r) == TENSE_FUTURE)
        return 0;
    if ((e = util_word_before(t, 0, r->start, &b)) != 0 &&
        util_word_at(t, b, e, "of") && (e = util_word_before(t, 0, b, &b)) != 0)
        for (k = 0; k < sizeof(part) / sizeof(part[0]); k++)
            if (util_word_at(t, b, e, part[k]))
                return 0;
    return 1;
}

/* Whether t is a year or longer, which a week, a month or a quarter
 * counted from it cannot name: "the next month" or "a week earlier"
 * after "last year" counts from the last day told, or from the time of
 * speech. */
static int wider_than_unit(const dtl_timex *t, int unit)
{
    return (unit == UNIT_WEEK || unit == UNIT_MONTH || unit == UNIT_QUARTER) &&
           t->granularity >= DTL_GRAN_YEAR;
}

/*
 * "The quake struck at 9:14 p.m. ...  About 40 minutes later": hours or
 * minutes counted from a clock time told are a clock time too (TIME,
 * "2013-08-01T23:54"), not only its day.  from is the time counted
 * from; o, resolved to a day, becomes the time.
 */
static void clock_offset(const tx_raw *r, const dtl_timex *from, dtl_timex *o)
{
    const tx_parts *p = &r->parts;
    int sign = p->sign ? p->sign : -1;
    long m = clock_minutes(from->value);
    dtl_day day;

    if (m < 0 || !p->has_num || p->num_lo != p->num_hi || p->frac_half ||
        p->unit2 != UNIT_NONE ||
        (p->unit != UNIT_HOUR && p->unit != UNIT_MINUTE) || !is_dated(from) ||
        from->earliest != from->latest)
        return;
    m += sign * p->num_lo * (p->unit == UNIT_HOUR ? 60L : 1L);
    day = from->earliest + (dtl_day)(m >= 0 ? m / 1440 : -((1439 - m) / 1440));
    m -= (long)(day - from->earliest) * 1440;
    if (!date_in_range(day))
        return;
    o->earliest = o->latest = day;
    o->type = DTL_TIMEX_TIME;
    o->granularity = DTL_GRAN_DAY;
    value_of(o);
    snprintf(o->value + 10, sizeof(o->value) - 10, "T%02ld:%02ld", m / 60,
             m % 60);
}

/* Resolves time expression i (its sentence's events come next). */
static void resolve_timex(walker *w, size_t i, size_t events_before)
{
    const tx_raw *r = &w->tx->v[i];
    dtl_timex *o = &w->when[i];
    long q = owner_of(w->seg, segment_quote_at(w->seg, r->start));
    tx_ref speech = q >= 0 ? speech_time(w, q, events_before) : w->now;
    long at = q >= 0 ? w->speech_at[q] : -1;
    tx_ref ref;
    int pmode = timex_period(r);
    int offset = strcmp(r->ru->resolver, "offset") == 0;
    int widen = 0;
    int by_speech =
        q >= 0 && (at >= 0 || speech.lo != w->now.lo || speech.hi != w->now.hi);
    /* In a quotation, the last time of that speech, else of the
     * narrative. */
    struct prev *p =
        q >= 0 && w->prev[q + 1].have ? &w->prev[q + 1] : &w->prev[0];
    const dtl_timex *ctx_from = NULL; /* the time counted from */

    unsigned para = w->seg->s[r->sent].para;

    if (at == (long)i) {
        /* The attribution's own time counts from the publication. */
        speech = w->now;
        by_speech = 0;
    }
    if (in_interview(w, q, para)) {
        /* a question or an answer: said on the day of the interview */
        speech = w->interview;
        at = w->intv_at;
        by_speech = 1;
    }
    if ((pmode == PERIOD_YES || pmode == PERIOD_LAST) &&
        w->period.lo != DTL_DAY_NONE) {
        ref = w->period;
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = w->per_start;
        o->anchor_end = w->per_end;
    } else if (pmode == PERIOD_RESET && w->period.lo != DTL_DAY_NONE &&
               r->parts.unit == UNIT_YEAR && year_of_period(w, r)) {
        /* "Sales in the October-December period rose ... For the full
         * year": the year of the quarter reported on */
        ref = w->period;
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = w->per_start;
        o->anchor_end = w->per_end;
    } else if (r->ru->ttype == DTL_TIMEX_TIME && timex_is_context(r) &&
               r->parts.hour >= 0 && !r->parts.weekday && !r->parts.day &&
               !r->parts.month && !r->parts.has_dir &&
               speech.lo != DTL_DAY_NONE &&
               (said_at(w, r) != (size_t)-1 ||
                word_at_time(w, r, w->release) != (size_t)-1)) {
        /* "will address parliament on Feb. 18, the presidency said in a
         * statement released at 2 p.m.": the hour of the telling, on
         * its day, not on the day told last */
        ref = speech;
        o->anchor = by_speech ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
    } else if (pmode == PERIOD_LAST && speech.lo != DTL_DAY_NONE) {
        ref = last_quarter(speech.lo);
        o->anchor = by_speech ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
    } else if (pmode == PERIOD_YES && w->per_reset) {
        ref = speech;
        o->anchor = by_speech ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
    } else if (timex_is_context(r) && offset && q < 0 &&
               r->parts.unit == UNIT_DECADE && w->decade.have &&
               (!p->have || p->start < w->decade.start)) {
        /* "In the early 1970s he moved to Paris.  A decade later":
         * the decade after the one told last, if no nearer time came
         * since. */
        ref = w->decade.r;
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = w->decade.start;
        o->anchor_end = w->decade.end;
    } else if (timex_is_context(r) && p->have && p->dhave &&
               r->ru->ttype != DTL_TIMEX_TIME && r->parts.unit == UNIT_DAY &&
               p->t.granularity >= DTL_GRAN_MONTH && is_dated(&p->t) &&
               is_dated(&p->dt) && p->t.latest < p->dt.earliest &&
               p->dstart < p->start &&
               (p->sent + 1 < r->sent || whole_year(&p->t)) &&
               (offset || (r->parts.has_dir && r->parts.dir != 0)) &&
               !back_to(w, r)) {
        /* "signed the protocol on April 12 ...  It builds on agreements
         * signed in September 2012 ...  The first breach came quickly.
         * Three days later, Sudan accused": a month or longer told
         * after a day but before it in time, and not in this sentence
         * or the one before, was a look back; days count on from the
         * day.  So was a year, even in the sentence before ("the first
         * launch since 2012, when a rocket broke apart.  Ostland
         * protested two days later"): days in a year are no date. */
        ref = ctx_ref(&p->dt);
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = p->dstart;
        o->anchor_end = p->dend;
    } else if (timex_is_context(r) && p->have && p->dhave &&
               r->ru->ttype != DTL_TIMEX_TIME && r->parts.unit == UNIT_DAY &&
               !offset && p->t.granularity != DTL_GRAN_DAY &&
               ((p->t.granularity == DTL_GRAN_WEEK &&
                 p->dt.earliest >= p->t.earliest &&
                 p->dt.latest <= p->t.latest) ||
                p->dsent + 1 >= r->sent)) {
        /* "The sixth round ... ended on Friday, November 24 ... Earlier
         * that week, Norway had pledged ... The following day": the day
         * told last, inside the week told since, or in this sentence or
         * the one before ("On February 13, ... a week earlier. Beijing
         * denied the account the following day"). */
        ref = ctx_ref(&p->dt);
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = p->dstart;
        o->anchor_end = p->dend;
    } else if (timex_is_context(r) && p->have && p->sent + 1 >= r->sent &&
               (r->parts.unit == UNIT_DAY ||
                (r->ru->ttype == DTL_TIMEX_TIME && r->parts.tod &&
                 r->parts.dir > 0)) &&
               r->parts.has_dir && r->parts.dir != 0 && !offset &&
               is_dated(&p->t) && p->t.latest - p->t.earliest <= 62 &&
               speech.lo != DTL_DAY_NONE && p->t.latest < speech.lo) {
        /* "The current phase began in January ...  The coast guard cut
         * the barrier loose a week later.  The following day, China
         * accused ...", "in June ... summoned the High Commissioner
         * the next morning": after a past time coarser than a day (up
         * to two months: not "last year"), told in this sentence or
         * the one before, it is that whole window a day on,
         * approximately (below: its middle would claim a day the text
         * does not), not the day after the publication. */
        ref = ref_of(&p->t);
        widen = ref.lo != ref.hi;
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = p->start;
        o->anchor_end = p->end;
    } else if (timex_is_context(r) && p->have &&
               ((r->ru->ttype != DTL_TIMEX_TIME &&
                 (r->parts.unit != UNIT_DAY || offset)) ||
                p->t.granularity == DTL_GRAN_DAY) &&
               (p->dhave ||
                !wider_than_unit(past_ref(w, r, p, speech) ? &p->pt : &p->t,
                                 r->parts.unit))) {
        /* A time of day, or "later in the day", "the next day", counts
         * from a day, never from a month ("February retail sales ...
         * was launched later in the day" is today).  "Three days
         * later" after a month stays a window in it, not a day after
         * the publication.  A week or a month counts from no year, but
         * from the last day told ("On March 18 of last year, ...
         * farmers in 1986 intended ...  Four months later"), else from
         * the time of speech (below). */
        int past = past_ref(w, r, p, speech);
        const dtl_timex *from = past ? &p->pt : &p->t;

        o->anchor_start = past ? p->pstart : p->start;
        o->anchor_end = past ? p->pend : p->end;
        if (wider_than_unit(from, r->parts.unit)) {
            from = &p->dt;
            o->anchor_start = p->dstart;
            o->anchor_end = p->dend;
        }
        int zone = zone_day(w, r, p);

        ref = ctx_ref(from);
        ctx_from = from;
        if (zone != 2 && ref.lo != DTL_DAY_NONE) {
            ref.lo += zone;
            ref.hi += zone;
        } else if (zone == 2 && !past &&
                   (after_night(r, &p->t) || small_hours_until(w, r, &p->t)) &&
                   ref.lo != DTL_DAY_NONE &&
                   /* not past the telling in a past clause ("were
                    * still in serious condition Sunday evening ... a jolt
                    * shortly after 9 a.m. brought down a minaret", told
                    * on Sunday: that morning) */
                   !(speech.hi != DTL_DAY_NONE && ref.hi >= speech.hi &&
                     tense_of(w, r) == TENSE_PAST)) {
            ref.lo++;
            ref.hi++;
        }
        o->anchor = DTL_ANCHOR_CONTEXT;
        if (ahead_of_day(w, r, ref, speech) ||
            (r->ru->ttype == DTL_TIMEX_TIME &&
             from->granularity != DTL_GRAN_DAY)) {
            /* a time of day counts from no year told in the past
             * ("its 1975 value ... came in midafternoon") */
            ref = speech;
            o->anchor = by_speech ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
        }
        if (that_year(w, r, q, &ref)) {
            o->anchor_start = w->year.start;
            o->anchor_end = w->year.end;
        }
    } else if (timex_is_context(r) && r->ru->ttype == DTL_TIMEX_TIME &&
               back_to(w, r) && p->dhave) {
        /* "Turkey said on Thursday it would hold exercises next week ...
         * Dendias condemned the announcement that afternoon": the day
         * told last, however far back ("shot outside a bar on the night
         * of Oct. 3, 2003 ...  In closing arguments this week, ...
         * placed him near the bar that night") */
        ref = ctx_ref(&p->dt);
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = p->dstart;
        o->anchor_end = p->dend;
    } else if (timex_is_context(r) && r->ru->ttype == DTL_TIMEX_TIME &&
               back_to(w, r)) {
        /* "the same evening" with no day told before it: some day told
         * of, not the publication's */
        ref.lo = ref.hi = DTL_DAY_NONE;
    } else {
        ref = speech;
        o->anchor = !timex_is_relative(r) ? DTL_ANCHOR_NONE
                    : by_speech           ? DTL_ANCHOR_SPEECH
                                          : DTL_ANCHOR_DOCUMENT;
        if (at >= 0 && at != (long)i) {
            o->anchor_start = text_raw_off(w->text, w->tx->v[at].start);
            o->anchor_end = text_raw_off(w->text, w->tx->v[at].end);
        }
    }
    timex_resolve(r, ref, o);
    if (offset && ctx_from != NULL && o->anchor == DTL_ANCHOR_CONTEXT)
        clock_offset(r, ctx_from, o);
    same_weekday(w, i, ref, o);
    if (widen && is_dated(o)) {
        dtl_day d = r->parts.dir > 0 ? 1 : -1;

        o->earliest = ref.lo + d;
        o->latest = ref.hi + d;
        o->certainty = DTL_CERT_APPROX;
        o->granularity = DTL_GRAN_NONE; /* no one unit */
        value_of(o);
    }
    if (ref.lo == DTL_DAY_NONE && timex_is_relative(r))
        o->anchor = DTL_ANCHOR_NONE;
    in_years_told(w, r, p, o);
    if (w->head_on && q < 0 && o->anchor == DTL_ANCHOR_DOCUMENT) {
        /* counted from the month of the paragraph's heading */
        o->anchor = DTL_ANCHOR_CONTEXT;
        o->anchor_start = text_raw_off(w->text, w->head_start);
        o->anchor_end = text_raw_off(w->text, w->head_end);
    }
    if (q < 0 && is_dated(o) &&
        ((o->granularity == DTL_GRAN_YEAR && o->latest - o->earliest < 366) ||
         r->parts.year >= 0)) {
        w->year.t = *o;
        w->year.start = text_raw_off(w->text, r->start);
        w->year.end = text_raw_off(w->text, r->end);
        w->year.sent = r->sent;
        w->year.have = 1;
    }
    if (q < 0 && is_dated(o) && o->granularity == DTL_GRAN_DECADE &&
        strlen(o->value) == 3 && o->value[2] >= '0' && o->value[2] <= '9') {
        int dec = atoi(o->value);

        w->decade.r.lo = date_from_ymd(dec * 10, 1, 1);
        w->decade.r.hi = date_year_end(dec * 10 + 9);
        w->decade.start = text_raw_off(w->text, r->start);
        w->decade.end = text_raw_off(w->text, r->end);
        w->decade.have = 1;
    }
    if (q < 0 && para < w->qa_first && is_dated(o) &&
        o->granularity == DTL_GRAN_DAY && o->latest == o->earliest &&
        (w->now.lo == DTL_DAY_NONE || o->latest <= w->now.hi) &&
        tells_interview(w, r->sent)) {
        w->interview = ref_of(o);
        w->intv_at = (long)i;
    }
    if (!w->counted && is_dateline(w, r))
        dateline_now(w, o);
    else if (o->anchor == DTL_ANCHOR_DOCUMENT)
        w->counted = 1;
    /* "followed some days later" after "in May": what has been told
     * happened by the time it was told, never after it. */
    if (o->anchor == DTL_ANCHOR_CONTEXT && r->parts.sign > 0 &&
        r->tense != TENSE_FUTURE && offset && is_dated(o) &&
        speech.hi != DTL_DAY_NONE && o->latest > speech.hi &&
        o->earliest <= speech.hi) {
        dtl_timex clipped = *o;

        /* a window of days across the turn of a month or a week may
         * now lie in one month ("a few days later" than March 28, told
         * on March 31: 2014-03, not 2014) */
        clipped.latest = speech.hi;
        if (strlen(o->value) == 4 && value_of(&clipped) == 0 &&
            strlen(clipped.value) > 4)
            clipped.granularity = clipped.earliest == clipped.latest
                                      ? DTL_GRAN_DAY
                                      : DTL_GRAN_MONTH;
        else
            memcpy(clipped.value, o->value, sizeof(o->value));
        *o = clipped;
    } else if (o->anchor == DTL_ANCHOR_CONTEXT && r->parts.sign > 0 &&
               r->tense != TENSE_FUTURE && offset && is_dated(o) &&
               speech.hi != DTL_DAY_NONE && o->earliest > speech.hi &&
               r->parts.unit >= UNIT_MONTH && r->parts.unit <= UNIT_YEAR &&
               o->earliest - speech.hi <=
                   (r->parts.unit == UNIT_YEAR ? 366 : 31)) {
        /* "shook hands at a summit in January.  Twelve months later,
         * the neighbours have expelled each other's diplomats", told in
         * late December: the count ends at the telling, not after it
         * (the month or the year of the telling so far), when it
         * overshoots by less than its unit */
        o->latest = speech.hi;
        o->earliest = r->parts.unit == UNIT_YEAR
                          ? date_year_start(date_year(speech.hi))
                          : date_month_start(speech.hi);
        o->certainty = DTL_CERT_APPROX;
        if (value_of(o) == 0)
            o->granularity =
                r->parts.unit == UNIT_YEAR ? DTL_GRAN_YEAR : DTL_GRAN_MONTH;
    }
    o->start = text_raw_off(w->text, r->start);
    o->end = text_raw_off(w->text, r->end);
    /* A window of speech ("a short while ago") is a reference too. */
    if (is_context(o) ||
        (q >= 0 && is_dated(o) && o->certainty == DTL_CERT_VAGUE &&
         o->type == DTL_TIMEX_DATE)) {
        struct prev *mine = &w->prev[q >= 0 ? q + 1 : 0];
        int since = since_tx(w, r);

        /* "attacked on Monday in retaliation for Friday's attack": a
         * possessive dates a noun, not the clause; nor does a time
         * compared with ("in February from January"), nor one that
         * looks back from it, nor the time of the telling ("stormed the
         * embassy on Saturday ..., officials said on Sunday.  The
         * attack began at 10:40 a.m."), nor "now" after a day that
         * starts no span ("On Wednesday, he said he would now seek
         * support.  The following day"); none
         * takes the place of a time its sentence has already given.  The start
         * of a span ("since April 6") does not either, and if it is longer than
         * a day it is no time to count on from at all ("had not flown since
         * 2019.  Hours later").  A time compared with that looks back
         * from the last one never does ("from 129,242 a year earlier.
         * ... from 49,365 a year before": both the year before the same
         * days). */
        /* Nor a day of a flashback in the pluperfect ("left port at 5
         * a.m. ...  The same boats had been seen there the day before.
         * ...  At 10:30 a.m."): what follows is the story again. */
        if (!(mine->have &&
              (flashback(o, &mine->t) ||
               (mine->dhave && flashback(o, &mine->dt))) &&
              pluperfect(w, r)) &&
            !(mine->have && mine->sent == r->sent &&
              (possessive(w, r) || compared(w, r, o) || attributive_tx(w, r) ||
               since || told_at(w, r, o) || flashback(o, &mine->t) ||
               (!mine->since && strcmp(o->value, "PRESENT_REF") == 0))) &&
            !(since && o->granularity > DTL_GRAN_DAY) &&
            !(mine->have && flashback(o, &mine->t) && compared(w, r, o))) {
            mine->t = *o;
            mine->start = o->start;
            mine->end = o->end;
            mine->sent = r->sent;
            mine->have = 1;
            mine->lead = r->start <= w->seg->s[r->sent].start + 3;
            mine->since = since;
            if (is_dated(o) && speech.hi != DTL_DAY_NONE &&
                o->latest <= speech.hi) {
                mine->pt = *o;
                mine->pstart = o->start;
                mine->pend = o->end;
                mine->phave = 1;
            }
            if (o->granularity == DTL_GRAN_DAY) {
                mine->dt = *o;
                mine->dstart = o->start;
                mine->dend = o->end;
                mine->dsent = r->sent;
                mine->dhave = 1;
            }
        }
    }
    /* A quarter reported on, what "a year ago" compares with; not one
     * more than a year ahead ("is now expected to be finished in the
     * first quarter of 2010", told in 2008), which no figure is of. */
    if (is_context(o) && o->granularity == DTL_GRAN_QUARTER &&
        pmode == PERIOD_NONE &&
        !(speech.hi != DTL_DAY_NONE && o->earliest > speech.hi + 366)) {
        w->period = ref_of(o);
        w->per_start = o->start;
        w->per_end = o->end;
        w->per_reset = 0;
    } else if (pmode == PERIOD_RESET) {
        w->period.lo = w->period.hi = DTL_DAY_NONE;
        w->per_reset = 1;
    }
}

/* Where the verb of saying right before r starts ("said today",
 * "announced on Monday": lexicon say), or (size_t)-1.  Such a time
 * dates the saying, not what is said. */
static size_t said_at(const walker *w, const tx_raw *r)
{
    return word_at_time(w, r, w->say);
}

/* Where the word of lexicon lx right before r starts (with "on", "at"
 * or "in" between), or (size_t)-1. */
static size_t word_at_time(const walker *w, const tx_raw *r, const lexicon *lx)
{
    size_t len, e = r->start, b;
    const char *t = text_norm(w->text, &len);

    if (lx == NULL)
        return (size_t)-1;
    while (e > 0 && t[e - 1] == ' ')
        e--;
    if (e >= 3 && (strncmp(t + e - 3, " on", 3) == 0 ||
                   strncmp(t + e - 3, " at", 3) == 0 ||
                   strncmp(t + e - 3, " in", 3) == 0))
        for (e -= 3; e > 0 && t[e - 1] == ' ';)
            e--;
    for (b = e; b > 0 && (util_islower(t[b - 1]) || util_isupper(t[b - 1]));)
        b--;
    if (b == e || lexicon_find(lx, t + b, e - b) == NULL)
        return (size_t)-1;
    return b;
}

static int is_future(const ev_raw *e);

/* Is there, between r and the event's trigger, which follows it, a word
 * of lexicon anchor_prior ("on Wednesday, only weeks after Reagan
 * imposed tariffs") whose phrase holds the event?  The event came
 * before r then. */
static int prior_clause(const walker *w, const ev_raw *e, const tx_raw *r)
{
    size_t len, i, b;
    const char *t = text_norm(w->text, &len);

    if (w->pri == NULL || r->end > e->trig_start)
        return 0;
    for (i = r->end; i < e->trig_start;) {
        if (!util_islower(t[i])) {
            i++;
            continue;
        }
        for (b = i; i < e->trig_start && util_islower(t[i]); i++)
            ;
        if ((b == 0 || !util_isalnum((unsigned char)t[b - 1])) &&
            lexicon_find(w->pri, t + b, i - b) != NULL) {
            /* "On Thursday, after an arrival ceremony, the two
             * governments issued": the phrase ends before the event's
             * subject, whose clause is the main one. */
            size_t k;

            for (k = i; k < e->start && t[k] != ','; k++)
                ;
            return k >= e->start;
        }
    }
    return 0;
}

/*
 * Is there in [from, to) a verb in the past tense (lexicon tense_past,
 * or a lower-case word in -ed) after at least one other word, its
 * subject: a clause of its own ("told a news conference about 600 wives
 * and children moved into the hostels last weekend"), not a participle
 * right after the phrase ("said in a statement issued on Monday")?
 */
static int past_clause(const walker *w, size_t from, size_t to)
{
    size_t len, i = from, b, words = 0;
    const char *t = text_norm(w->text, &len);

    while (i < to) {
        if (!util_isalnum((unsigned char)t[i])) {
            i++;
            continue;
        }
        for (b = i; i < to && (util_isalnum((unsigned char)t[i]) ||
                               t[i] == '-' || t[i] == '\'');)
            i++;
        if (words++ > 0 && util_islower(t[b]) &&
            timex_past_word(w->past, t + b, i - b))
            return 1;
    }
    return 0;
}

/* Whether s[0..n) opens with a preposition of time or place ("At a
 * meeting in ...", "During talks ..."). */
static int opening_prep(const char *s, size_t n)
{
    static const char *const prep[] = {"at",    "in",     "on",        "during",
                                       "after", "before", "following", "since"};
    size_t k;

    for (k = 0; k < sizeof(prep) / sizeof(prep[0]); k++)
        if (util_word_at(s, 0, n, prep[k]))
            return 1;
    return 0;
}

/*
 * Is r in what a statement (a CAMEO 01 event: "told a news conference",
 * "said in a statement") says rather than in its telling?  Before the
 * teller named after a comma ("agreed to extend the marketing years to
 * the end of May, the Belgian minister told a news conference"), or
 * after the trigger beyond a comma or quotation mark ("told a news
 * conference, 'the reform will be realised as agreed' in January").
 * The time of the telling is next to it ("told a news conference in
 * Lagos yesterday").
 */
static int told_content(const walker *w, const ev_raw *e, const tx_raw *r)
{
    size_t len, i;
    const char *t = text_norm(w->text, &len);

    if (!is_statement(e) || is_dateline(w, r))
        return 0;
    if (r->end <= e->start) {
        const sent *st = &w->seg->s[r->sent];
        size_t words = 0;

        /* Not a time that opens the sentence ("Earlier this year, the
         * government denied"): words of the content come before. */
        for (i = st->start; i < r->start; i++)
            words += util_isalnum((unsigned char)t[i]) &&
                     (i == st->start || t[i - 1] == ' ');
        if (words <= 2)
            return 0;
        /* Nor in a phrase that opens the sentence with a preposition
         * ("At a special meeting in Vientiane in late May, ASEAN
         * ministers issued a statement"): no content has a verb there. */
        for (i = st->start; i < r->start && t[i] != ','; i++)
            ;
        if (i == r->start && opening_prep(t + st->start, r->start - st->start))
            return 0;
        for (i = e->start; i > r->end && t[i - 1] == ' '; i--)
            ;
        return i > r->end && t[i - 1] == ',';
    }
    if (r->start < e->trig_end)
        return 0;
    for (i = e->trig_end; i < r->start; i++)
        if (t[i] == ',' || t[i] == '"' || t[i] == '`' ||
            (t[i] == '\'' && i + 1 < r->start && t[i + 1] == '\''))
            return 1;
    return past_clause(w, e->end > e->trig_end ? e->end : e->trig_end,
                       r->start);
}

/* What broken_off() finds between an event and a later time. */
enum {
    BREAK_NONE,
    BREAK_CLAUSE,
    BREAK_AFTER,
    BREAK_BEFORE
};

/* Is there, between the event's trigger and r, which follows it, a
 * word of lexicon anchor_break, a semicolon, or a word of lexicon
 * anchor_clause right after a comma (", and Soviet negotiators met
 * ... on Thursday")?  BREAK_AFTER for a word of lexicon anchor_after
 * ("destroyed a platform in response to an attack last Friday": the
 * event came after the time), BREAK_BEFORE for another word of
 * anchor_break ("ahead of talks on Monday"), BREAK_CLAUSE for the
 * rest, BREAK_NONE when there is none.  A time before the trigger is
 * bounded by such a word right before it ("Shortly before Christmas,
 * the two countries swapped prisoners"). */
static int broken_off(const walker *w, const ev_raw *e, const tx_raw *r)
{
    size_t len, i, b;
    const char *t = text_norm(w->text, &len);
    int comma = 0, gerund = 0, charge = 0, rel = 0;

    if (r->start < e->trig_end) {
        size_t end = util_word_before(t, 0, r->start, &b);
        int aft = end != 0 && w->aft && lexicon_find(w->aft, t + b, end - b);

        /* not from inside a quotation ("Until today we have announced
         * policies," the minister told reporters) */
        for (i = r->end; i < e->trig_start && t[i] != '"'; i++)
            ;
        if (r->end > e->trig_start || i < e->trig_start || end == 0 ||
            w->brk == NULL || lexicon_find(w->brk, t + b, end - b) == NULL ||
            !(aft || util_word_at(t, b, end, "before") ||
              util_word_at(t, b, end, "until")))
            return BREAK_NONE;
        return aft ? BREAK_AFTER : BREAK_BEFORE;
    }
    for (i = e->trig_end; i < r->start;) {
        if (t[i] == ';')
            return BREAK_CLAUSE;
        if (!util_islower(t[i])) {
            if (t[i] != ' ')
                comma = t[i] == ',';
            /* "reinforced its presence in Roraima, which borders both
             * countries, over the weekend": the relative clause is
             * over at its comma */
            if (comma)
                rel = 0;
            i++;
            continue;
        }
        for (b = i; i < r->start && util_islower(t[i]); i++)
            ;
        if (b > 0 && util_isupper(t[b - 1])) {
            comma = 0;
            continue;
        }
        if (w->brk && lexicon_find(w->brk, t + b, i - b) != NULL)
            return w->aft && lexicon_find(w->aft, t + b, i - b) != NULL
                       ? BREAK_AFTER
                       : BREAK_BEFORE;
        if (gerund && i - b > 4 && memcmp(t + i - 3, "ing", 3) == 0)
            charge = 1;
        gerund = e->ru->cameo[0] == '1' && e->ru->cameo[1] == '1' &&
                 ((i - b == 2 && memcmp(t + b, "of", 2) == 0) ||
                  (i - b == 3 && memcmp(t + b, "for", 3) == 0));
        if (comma && w->cla && lexicon_find(w->cla, t + b, i - b) != NULL) {
            if (i - b != 5 || memcmp(t + b, "which", 5) != 0)
                return BREAK_CLAUSE;
            rel = 1;
        }
        if (comma)
            charge = 0;
        comma = 0;
    }
    /* "accused Somalia of offering blocks ... on Feb. 7": a charge
     * (CAMEO 11) dates its deed after "of" or "for" and a gerund, and
     * "on" and the day in the same clause; it was made that day or
     * after */
    if (rel)
        return BREAK_CLAUSE;
    if (charge && (i = util_word_before(t, e->trig_end, r->start, &b)) != 0 &&
        i - b == 2 && memcmp(t + b, "on", 2) == 0)
        return BREAK_AFTER;
    return BREAK_NONE;
}

/*
 * The time that heads event e's paragraph, before a dash, a colon or the
 * end of its line, as the stamps of a live page do ("08:20 - ...", "26
 * May: ...", "07:42 KST" on a line of its own), when e is in a later
 * sentence of that paragraph: its index, or -1.
 */
static long heading_time(const walker *w, const ev_raw *e)
{
    size_t len, k = e->sent, end;
    const char *t = text_norm(w->text, &len);
    const tx_raw *r;

    while (k > 0 && w->seg->s[k - 1].para == w->seg->s[e->sent].para)
        k--;
    /* A stamp that is a paragraph of its own, the entry below it. */
    if (k > 0 && (k == 1 || w->seg->s[k - 2].para != w->seg->s[k - 1].para) &&
        (r = timex_within(w->tx, w->seg->s[k - 1].start,
                          w->seg->s[k - 1].end)) != NULL &&
        r->start == w->seg->s[k - 1].start && r->ru->ttype == DTL_TIMEX_TIME &&
        is_dated(&w->when[r - w->tx->v])) {
        for (end = r->end;
             end < w->seg->s[k - 1].end && util_isspace((unsigned char)t[end]);)
            end++;
        if (end == w->seg->s[k - 1].end)
            return r - w->tx->v;
    }
    if (k == e->sent ||
        (r = timex_within(w->tx, w->seg->s[k].start, w->seg->s[k].end)) ==
            NULL ||
        r->start != w->seg->s[k].start || !is_dated(&w->when[r - w->tx->v]))
        return -1;
    end = r->end;
    if (end + 2 <= len && t[end] == ' ' && t[end + 1] == '-')
        return r - w->tx->v;
    while (end < len && (t[end] == ' ' || t[end] == '\t'))
        end++;
    return end < len && (t[end] == ':' || t[end] == '\n') ? r - w->tx->v : -1;
}

/* Words of the clause before the trigger read for later_word(). */
#define LATER_WORDS 8

/* Is one of the words before event e's trigger in its sentence, at
 * most LATER_WORDS, of lexicon anchor_later, after no article ("She
 * later flew to Nairobi", "Then the envoy met", not "the then
 * president")? */
static int later_word(const walker *w, const ev_raw *e)
{
    size_t len, lo = w->seg->s[e->sent].start, at = e->trig_start, b, end, n,
                pb;
    const char *t = text_norm(w->text, &len);

    if (w->later == NULL)
        return 0;
    for (n = 0; n < LATER_WORDS && (end = util_word_before(t, lo, at, &b)) != 0;
         n++, at = b) {
        if (t[end] == '-' || lexicon_find(w->later, t + b, end - b) == NULL)
            continue;
        end = util_word_before(t, lo, b, &pb);
        return !(end == pb + 3 && strncasecmp(t + pb, "the", 3) == 0) &&
               !(end == pb + 1 && (t[pb] == 'a' || t[pb] == 'A'));
    }
    return 0;
}

/* Is the word before at one of lexicon anchor_occasion ("at an
 * October meeting", "at last week's meeting")? */
static int occasion_before(const walker *w, const char *t, size_t at)
{
    size_t b, e = util_word_before(t, 0, at, &b);

    return w->occ && e && lexicon_find(w->occ, t + b, e - b) != NULL;
}

/*
 * Is r, before the event's trigger, inside a relative or participial
 * clause set off by commas between the subject and its verb ("Harris,
 * who flew into Jakarta late Tuesday, met Widodo on Wednesday")?  That
 * clause has a verb of its own.
 */
static int aside(const walker *w, const ev_raw *e, const tx_raw *r)
{
    static const char *const subord[] = {
        "when",    "as",    "after", "before", "while",
        "because", "if",    "since", "until",  "where",
        "who",     "which", "that",  "though", "although"};
    const sent *st = &w->seg->s[e->sent];
    size_t len, i, b, k;
    const char *t = text_norm(w->text, &len);

    if (r->end > e->trig_start)
        return 0;
    for (i = r->end; i < e->trig_start && t[i] != ','; i++)
        if (t[i] == ';' || t[i] == ':' || t[i] == '"')
            return 0;
    if (i == e->trig_start)
        return 0; /* no comma after it */
    /* The main clause goes on after it: not "from 1968, when the
     * Soviets invaded", nor past another comma. */
    for (i++; i < e->trig_start && t[i] == ' ';)
        i++;
    for (k = 0; k < sizeof(subord) / sizeof(subord[0]); k++)
        if (util_word_at(t, i, e->trig_start, subord[k]))
            return 0;
    for (; i < e->trig_start; i++)
        if (t[i] == ',')
            return 0;
    for (b = r->start; b > st->start && t[b - 1] != ','; b--)
        if (t[b - 1] == ';' || t[b - 1] == ':' || t[b - 1] == '"')
            return 0;
    if (b == st->start)
        return 0; /* no comma before it */
    while (b < r->start && t[b] == ' ')
        b++;
    if (util_word_at(t, b, r->start, "who") ||
        util_word_at(t, b, r->start, "which"))
        return 1;
    /* "Li, standing in for Xi on Tuesday, spoke ..." */
    for (i = b; i < r->start && util_islower(t[i]); i++)
        ;
    return i - b > 4 && i < r->start && t[i] == ' ' &&
           strncmp(t + i - 3, "ing", 3) == 0;
}

/*
 * Is r, in an aside before the trigger of a cancelled event, the time
 * it was planned for ("A meeting of IGAD ministers, which had been
 * scheduled for Monday in Djibouti, was postponed")?  A word of lexicon
 * anchor_schedule right before it, "for" perhaps between, tells.
 */
static int planned_aside(const walker *w, const ev_raw *e, const tx_raw *r)
{
    size_t len, b, end, at = r->start;
    const char *t = text_norm(w->text, &len);

    if (e->status != DTL_STATUS_CANCELLED || w->sched == NULL)
        return 0;
    end = util_word_before(t, 0, at, &b);
    if (end && end - b == 3 && strncmp(t + b, "for", 3) == 0)
        end = util_word_before(t, 0, b, &b);
    return end && lexicon_find(w->sched, t + b, end - b) != NULL;
}

/*
 * Does r, after the event's trigger, date another verb?  Either a
 * participle right before it, or before a word of lexicon anchor_prep
 * right before it ("threatened tariffs over a pact on the microchip
 * trade signed last September"), that is neither right after the
 * event's phrase ("said in a statement issued on Monday") nor one of
 * lexicon anchor_schedule ("talks scheduled for Monday") or say (the
 * time of a saying, which said_at() finds); or, for an event in the
 * past perfect (a word of lexicon anchor_perfect before its trigger:
 * "a ship which Greece had threatened to tackle"), a verb in the past
 * between them ("... kept to Turkish waters yesterday").  What had
 * happened came before the time of the clause that tells it.
 */
static int other_verb(const walker *w, const ev_raw *e, const tx_raw *r)
{
    size_t len, b, end, from = e->end > e->trig_end ? e->end : e->trig_end;
    const char *t = text_norm(w->text, &len);

    if (r->start < from)
        return 0;
    end = util_word_before(t, from, r->start, &b);
    if (end && w->prep && lexicon_find(w->prep, t + b, end - b) != NULL)
        end = util_word_before(t, from, b, &b);
    if (end && util_islower(t[b]) && timex_past_word(w->past, t + b, end - b) &&
        !(w->sched && lexicon_find(w->sched, t + b, end - b) != NULL) &&
        !(w->say && lexicon_find(w->say, t + b, end - b) != NULL)) {
        size_t pb;

        /* Right after the event's phrase, the participle is its own
         * ("said in a statement issued on Monday"). */
        if (util_word_before(t, from, b, &pb) != 0)
            return 1;
    }
    end = util_word_before(t, 0, e->trig_start, &b);
    return end && w->perf && lexicon_find(w->perf, t + b, end - b) != NULL &&
           past_clause(w, from, r->start);
}

/*
 * Is r the attribute of a noun that is not the event's: after a word of
 * lexicon anchor_det or a possessive, or starting with such a word, or
 * itself a possessive ("last February's Louvre accord", not "today's
 * communique said"), and before a word that is not one of lexicon
 * anchor_join ("accused Greece of breaching the 1976 Berne agreement",
 * "the need to pass the 1987 budget")?  The event's trigger in the
 * words right after it makes the time the event's own ("the 1986 raid
 * on Tripoli"), and so does a word of lexicon anchor_occasion before
 * the determiner ("at an October meeting").
 */
static int attributive(const walker *w, const ev_raw *e, const tx_raw *r)
{
    size_t len, b = r->start, a, i, j;
    const char *t = text_norm(w->text, &len);
    int det = 0;

    if (w->det == NULL)
        return 0;
    while (b > 0 && t[b - 1] == ' ')
        b--;
    for (a = b; a > 0 && b - a < UTIL_WORD_MAX &&
                (util_isalnum((unsigned char)t[a - 1]) || t[a - 1] == '\'');)
        a--;
    if (a < b && (lexicon_find(w->det, t + a, b - a) != NULL ||
                  (b - a > 2 && t[b - 2] == '\'' && t[b - 1] == 's'))) {
        /* "at an October meeting": the occasion of the event */
        if (occasion_before(w, t, a))
            return 0;
        det = 1;
    }
    for (i = r->start; i < r->end && util_isalpha((unsigned char)t[i]);)
        i++;
    if (!det && i > r->start && i < r->end && t[i] == ' ' &&
        lexicon_find(w->det, t + r->start, i - r->start) != NULL)
        det = 1;
    /* "in line with last February's Louvre accord", but "at last
     * week's meeting" (the occasion) */
    if (possessive(w, r)) {
        if (occasion_before(w, t, r->start))
            return 0;
        det = 2;
    }
    if (!det)
        return 0;
    i = r->end;
    if (det == 2)
        for (i++; i < len && util_isalpha((unsigned char)t[i]);)
            i++;
    for (; i < len && t[i] == ' ';)
        i++;
    for (j = i; j < len && j - i < UTIL_WORD_MAX &&
                (util_isalpha((unsigned char)t[j]) || t[j] == '-');)
        j++;
    if (j == i || !util_isalpha((unsigned char)t[i]) ||
        (w->join && lexicon_find(w->join, t + i, j - i) != NULL) ||
        (w->func && lexicon_find(w->func, t + i, j - i) != NULL))
        return 0;
    /* The noun phrase runs to the next punctuation but the stops of
     * abbreviations ("U.S.": the event is in the same sentence), or a
     * few words on. */
    for (; j < len && j < i + 40 &&
           (util_isalnum((unsigned char)t[j]) || t[j] == ' ' || t[j] == '-' ||
            t[j] == '.' || t[j] == '\'');)
        j++;
    /* "today's communique said": the time of the saying */
    if (det == 2 && w->say) {
        size_t k, wb;

        for (k = i; k < j;) {
            for (wb = k; k < j && util_isalpha((unsigned char)t[k]);)
                k++;
            if (k > wb && lexicon_find(w->say, t + wb, k - wb) != NULL)
                return 0;
            k += k == wb;
        }
    }
    return !(e->trig_start >= i && e->trig_start < j);
}

/* Is the trigger of e a verb in the present tense of a schedule
 * (lexicon timex_present: "26 May: Chinese premier arrives in Seoul")?
 * A time to come then dates it, and it is planned. */
static int schedule_trigger(const walker *w, const ev_raw *e)
{
    size_t len, n = 0;
    const char *t = text_norm(w->text, &len);

    /* the verb of "arrives in" */
    while (e->trig_start + n < e->trig_end && t[e->trig_start + n] != ' ')
        n++;
    return w->present != NULL && e->tense != TENSE_PAST &&
           lexicon_find(w->present, t + e->trig_start, n) != NULL;
}

/* The date expression of the event's sentence that governs it: the
 * nearest to its trigger of the best rank.  Worse than the others:
 *   - a dateline, and a time of a verb of saying that is not the
 *     event's own ("announced today Nakasone will visit ... on April
 *     29"): they date the report; and a time after a word that starts
 *     another event's phrase ("in response to a missile strike
 *     Friday": lexicon anchor_break);
 *   - in a sentence with a dateline, what is coarser than a week for
 *     an event that has happened ("accused Moscow of breaking a 1972
 *     treaty"): it is more often an argument's time than the event's
 *     (a week or a weekend is the event's: "17:15 - Seoul deployed two
 *     destroyers over the weekend");
 * and never, for an event that has happened, a time wholly after now
 * ("threatened to stop imports from July 14"), but for a dateline (a
 * wire story may carry the next day's dateline) or an event called off
 * (the time it was planned for); nor, for one that will happen, a time
 * wholly before now. */
/* Is e's trigger in the present tense of lexicon event_present ("The
 * Government of Indonesia strongly condemns the attack ..."), in a
 * sentence that ends as sentences do?  A headline ("Tony Blinken
 * Condemns North Korea's Ballistic Missile Tests") tells in the present
 * what is past. */
static int present_trigger(const walker *w, const ev_raw *e)
{
    size_t len, end = w->seg->s[e->sent].end;
    const char *t = text_norm(w->text, &len);

    while (end > w->seg->s[e->sent].start &&
           (util_isspace((unsigned char)t[end - 1]) || t[end - 1] == '"' ||
            t[end - 1] == '\'' || (unsigned char)t[end - 1] >= 0x80))
        end--;
    if (end == w->seg->s[e->sent].start ||
        (t[end - 1] != '.' && t[end - 1] != '!' && t[end - 1] != '?'))
        return 0;
    return w->evpres != NULL &&
           lexicon_find(w->evpres, t + e->trig_start,
                        e->trig_end - e->trig_start) != NULL;
}

/*
 * Does r, a month or longer after e's trigger (or before it and "and"),
 * date a deed named in between (lexicons event_noun and anchor_deed) with
 * "of" or "by" at most DEED_WORDS words after it ("condemned the execution of
 * four activists by the military in July 2022", "the launches carried out by
 * the DPRK earlier this year")?
 */
#define DEED_REACH 240
#define DEED_WORDS 3
static int deed_time(const walker *w, const ev_raw *e, const tx_raw *r,
                     const dtl_timex *o)
{
    size_t len, i, b, from = e->trig_end, after = 0;
    const char *t = text_norm(w->text, &len);
    const lex_entry *ne;

    if (o->granularity < DTL_GRAN_MONTH)
        return 0;
    /* "condemned the launches carried out by the DPRK earlier this year
     * and urged the DPRK": before a verb joined by "and", the deed is
     * read from the sentence's start */
    if (r->end <= e->trig_start) {
        for (i = r->end; i + 5 <= e->trig_start; i++)
            if (memcmp(t + i, " and ", 5) == 0)
                break;
        if (i + 5 > e->trig_start)
            return 0;
        from = w->seg->s[e->sent].start;
    } else if (r->start < e->trig_end) {
        return 0;
    }
    if (r->start - from > DEED_REACH)
        return 0;
    /* after: words since a deed noun, up to DEED_WORDS */
    for (i = from; i < r->start;) {
        while (i < r->start && !util_isalpha((unsigned char)t[i]))
            i++;
        for (b = i; i < r->start && util_isalpha((unsigned char)t[i]);)
            i++;
        if (i == b)
            break;
        if (after > 0 && i - b == 2 &&
            (memcmp(t + b, "of", 2) == 0 || memcmp(t + b, "by", 2) == 0))
            return 1;
        ne = w->noun ? lexicon_find(w->noun, t + b, i - b) : NULL;
        if (ne != NULL && util_listed(ne->code, e->ru->type))
            /* "hosted a summit of Sudan's neighbours in mid-July": the
             * noun is the event itself */
            return 0;
        if (ne != NULL || (w->deed && lexicon_find(w->deed, t + b, i - b)))
            after = 1;
        else if (after > 0 && ++after > DEED_WORDS)
            after = 0;
    }
    return 0;
}

static long governing(const walker *w, const ev_raw *e, tx_ref now)
{
    const tx_list *tx = w->tx;
    long best = -1;
    size_t i, bd = (size_t)-1, d, v;
    int brank = 4, rank, dl, ref, told, brk, dateline = 0, fut = is_future(e);

    for (i = 0; i < tx->count; i++)
        if (tx->v[i].sent == e->sent && is_dateline(w, &tx->v[i]))
            dateline = 1;
    for (i = 0; i < tx->count; i++) {
        const tx_raw *r = &tx->v[i];
        const dtl_timex *o = &w->when[i];

        if (r->sent != e->sent)
            continue;
        /* The type as resolved: "two days before the summit" is a date */
        if (o->type != DTL_TIMEX_DATE && o->type != DTL_TIMEX_TIME)
            continue;
        /* "the same evening" with no day to count from dates nothing */
        if (!is_dated(o) && now.lo != DTL_DAY_NONE && timex_is_relative(r))
            continue;
        d = r->start >= e->trig_end ? r->start - e->trig_end
                                    : e->trig_start - r->end;
        if (r->start < e->trig_end && r->end > e->trig_start)
            d = 0;
        v = said_at(w, r);
        /* The time of a saying that is not the event's own. */
        told = v != (size_t)-1 && (v < e->trig_start || v >= e->trig_end);
        dl = is_dateline(w, r);
        /* "Germany will shut the consulates, Baerbock said on
         * Thursday": what is to come is not dated by its telling. */
        if (fut && told)
            continue;
        /* A cancelled event may keep the time it was planned for
         * ("cancelled talks planned for next week"). */
        if (!fut && !dl && e->status != DTL_STATUS_CANCELLED && is_dated(o) &&
            now.hi != DTL_DAY_NONE && o->earliest > now.hi &&
            !schedule_trigger(w, e))
            continue;
        /* "will hold talks ... during the visit, his first since he
         * assumed power in June 1982": what will be is not dated
         * before now. */
        if (e->tense == TENSE_FUTURE && e->status == DTL_STATUS_PLANNED &&
            is_dated(o) && now.lo != DTL_DAY_NONE && o->latest < now.lo)
            continue;
        /* "WASHINGTON, March 31 - Baldrige said the United States would
         * go ahead with sanctions": the dateline is when it was said,
         * not when what is to come will be. */
        if (dl && fut)
            continue;
        /* "condemns the attack on a health clinic ... on Sunday": a
         * past time after a trigger in the present dates its object. */
        if (r->start >= e->trig_end && is_dated(o) && now.lo != DTL_DAY_NONE &&
            o->latest < now.lo && present_trigger(w, e))
            continue;
        if (deed_time(w, e, r, o))
            continue;
        /* A reference far from the trigger qualifies something else
         * ("urged Japan to open its markets, a key issue in current
         * trade friction"). */
        ref = strcmp(r->ru->resolver, "ref") == 0;
        if (ref && d > DTL_REF_REACH)
            continue;
        brk = broken_off(w, e, r);
        /* "imposed sanctions on India after its 1998 nuclear tests":
         * the time of another event's noun still bounds this one. */
        if (told_content(w, e, r) ||
            (attributive(w, e, r) && brk != BREAK_AFTER &&
             brk != BREAK_BEFORE) ||
            other_verb(w, e, r) || (aside(w, e, r) && !planned_aside(w, e, r)))
            continue;
        if (dl || brk != BREAK_NONE)
            rank = 2;
        else if (told)
            rank = 1;
        else if (dateline && !fut && e->status != DTL_STATUS_CANCELLED &&
                 o->granularity > DTL_GRAN_WEEK)
            rank = 3; /* after the dateline too */
        else if (ref)
            /* "now", "recently", "current" (in "below current market
             * prices"): a time of the sentence that names a date is the
             * better one. */
            rank = 2;
        else
            rank = 0;
        if (rank < brank || (rank == brank && d < bd)) {
            bd = d;
            brank = rank;
            best = (long)i;
        }
    }
    return best;
}

/* How far back the window of an undated event may follow the story
 * told before it (anchor_one). */
#define NARRATIVE_DAYS  366
#define NARRATIVE_PARAS 3

/* How many sentences of one paragraph a story told years back holds
 * ("The rift opened on 5 June 2017, when ... severed relations.  The
 * four accused Doha ...  Qatar denied the charges"). */
#define NARRATIVE_SENTS 2

/* Whether time t, told in sentence told, may reach to the window of
 * undated event e: within NARRATIVE_DAYS, or further back when a day
 * told in e's paragraph at most NARRATIVE_SENTS sentences before e, in
 * the past tense. */
static int narrative_reach(const walker *w, const ev_raw *e, const dtl_timex *t,
                           size_t told)
{
    return t->earliest + NARRATIVE_DAYS >= e->when.latest ||
           (t->granularity == DTL_GRAN_DAY && e->tense == TENSE_PAST &&
            w->seg->s[told].para == w->seg->s[e->sent].para &&
            told + NARRATIVE_SENTS >= e->sent);
}

/* Whether e's trigger comes right after a word of lexicon
 * event_perfect ("has threatened", "had demanded", "has already
 * accused"): a deed told as done by now, or before another. */
static int perfect(const walker *w, const ev_raw *e)
{
    size_t len, b, end, at = e->trig_start;
    const char *t = text_norm(w->text, &len);
    int k;

    if (w->perfect == NULL)
        return 0;
    for (k = 0; k < 2 && (end = util_word_before(t, 0, at, &b)) != 0; k++) {
        if (lexicon_find(w->perfect, t + b, end - b) != NULL)
            return 1;
        at = b;
    }
    return 0;
}

/* Whether the last time told in the narrative, after the last dated
 * event prev (or with none), lies before undated event e's window, in a
 * sentence before e's in its paragraph, or opening a sentence of the
 * NARRATIVE_PARAS before ("In mid-March, a quarrel ... turned violent.
 * // Dushanbe accused ..."), and within reach (narrative_reach): the story is
 * told from that time on.  A day in the window does too, told in the
 * sentence right before ("Minsk responded on Wednesday. The Belarusian
 * Foreign Ministry summoned the Polish charge d'affaires"). */
static int narrative_time(const walker *w, const ev_raw *e, long prev)
{
    const struct prev *c = &w->prev[0];

    return c->have && is_dated(&c->t) && c->t.certainty != DTL_CERT_VAGUE &&
           (c->t.latest < e->when.earliest ||
            (c->sent + 1 == e->sent && c->t.granularity == DTL_GRAN_DAY &&
             c->t.earliest > e->when.earliest &&
             c->t.latest <= e->when.latest && !perfect(w, e))) &&
           narrative_reach(w, e, &c->t, c->sent) && c->sent < e->sent &&
           (prev < 0 || w->evs->v[prev].sent < c->sent) &&
           (w->seg->s[c->sent].para == w->seg->s[e->sent].para ||
            (c->lead && w->seg->s[c->sent].para + NARRATIVE_PARAS >=
                            w->seg->s[e->sent].para));
}

static void window(dtl_timex *t, tx_ref ref, int future)
{
    memset(t, 0, sizeof(*t));
    t->type = DTL_TIMEX_DATE;
    t->certainty = DTL_CERT_VAGUE;
    t->granularity = DTL_GRAN_NONE;
    t->earliest = t->latest = DTL_DAY_NONE;
    if (ref.lo == DTL_DAY_NONE)
        return;
    if (future) {
        t->earliest = ref.hi + 1;
        t->latest = ref.hi + FUTURE_WINDOW;
        memcpy(t->value, "FUTURE_REF", 11);
    } else {
        t->earliest = ref.lo - PAST_WINDOW;
        t->latest = ref.hi;
        memcpy(t->value, "PAST_REF", 9);
    }
}

static int is_future(const ev_raw *e)
{
    if (e->status == DTL_STATUS_THREATENED)
        return 0;
    return e->status == DTL_STATUS_PLANNED || e->tense == TENSE_FUTURE;
}

/* Bounds the time of e by now, the time it was told. */
static void bound(ev_raw *e, tx_ref now)
{
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
}

/* The TIMEX3 value of the interval of t: its day, month or year (the
 * smallest that holds it); -1 when it spans years. */
static int value_of(dtl_timex *t)
{
    int y, m, d, y2, m2, d2;

    date_to_ymd(t->earliest, &y, &m, &d);
    date_to_ymd(t->latest, &y2, &m2, &d2);
    if (t->earliest == t->latest)
        dtl_date_format(t->earliest, t->value);
    else if (y == y2 && m == m2)
        snprintf(t->value, sizeof(t->value), "%04d-%02d", y, m);
    else if (y == y2)
        snprintf(t->value, sizeof(t->value), "%04d", y);
    else
        return -1;
    return 0;
}

/*
 * The event that "the NOUN" at t[i..] (just after "the") names: the
 * noun one of the next three words (lexicon event_noun) and at the end
 * of its clause; the last event among the first n whose type the noun
 * may name, in a sentence before sentence s, dated and not vaguely.
 * Returns its index, with *end the end of the noun, or -1.
 */
static long named_event(const walker *w, size_t i, const sent *st, size_t s,
                        size_t n, size_t *end, int clause_end)
{
    size_t len, k, e = i, r, clen;
    const char *t = text_norm(w->text, &len);
    const lex_entry *le = NULL;
    const char *code;

    if (w->noun == NULL)
        return -1;
    for (k = 0; k < 3 && le == NULL; k++) {
        while (i < st->end && (t[i] == ' ' || t[i] == '.'))
            i++; /* and the stop of "the U.S. summit" */
        for (e = i;
             e < st->end && (util_isalnum((unsigned char)t[e]) || t[e] == '-' ||
                             t[e] == '.' || t[e] == '\'');)
            e++;
        while (e > i && t[e - 1] == '.')
            e--; /* a full stop */
        if (e == i)
            break;
        le = lexicon_find(w->noun, t + i, e - i);
        if (le == NULL)
            i = e;
    }
    if (le == NULL)
        return -1;
    *end = e;
    /* At the end of its clause. */
    while (clause_end && e < st->end && t[e] == ' ')
        e++;
    if (clause_end && e < st->end && strchr(".,;:)\"'", t[e]) == NULL)
        return -1;
    /* The types in the order the code lists them: "the summit" is the
     * last summit told, and only without one the last meeting. */
    for (code = le->code; *code; code += clen + (code[clen] == ',')) {
        clen = strcspn(code, ",");
        for (r = n; r-- > 0;) {
            const ev_raw *c = &w->evs->v[r];

            if (c->sent < s && is_dated(&c->when) &&
                c->when.certainty != DTL_CERT_VAGUE &&
                strlen(c->ru->type) == clen &&
                strncmp(c->ru->type, code, clen) == 0)
                return (long)r;
        }
    }
    return -1;
}

/*
 * "the day after the summit", "the day before the talks", "on the eve
 * of the summit", "hours after the strikes", "during the meeting", in
 * the sentence of event
 * i: the day after or before the event named (named_event), or the
 * days within hours of it, into *t, with the phrase's span; the index
 * of that event, or -1.  For an event no time expression dates.
 */
static long day_of_event(const walker *w, size_t i, dtl_timex *t, size_t *a0,
                         size_t *a1)
{
    /* The phrase, and the days from the event named: "hours after"
     * may run into the next day, "minutes after" hardly. */
    static const struct {
        const char *words;
        int lo, hi;
    } lead[] = {{"the day after", 1, 1},    {"the day following", 1, 1},
                {"the day before", -1, -1}, {"the eve of", -1, -1},
                {"hours after", 0, 1},      {"hours before", -1, 0},
                {"within hours of", 0, 1},  {"minutes after", 0, 0},
                {"minutes before", 0, 0},   {"during", 0, 0}};
    const ev_raw *e = &w->evs->v[i];
    const sent *st = &w->seg->s[e->sent];
    size_t len, p, k, end;
    const char *s = text_norm(w->text, &len);
    dtl_timex when;
    long r;
    int during;

    for (p = st->start; p < st->end; p++) {
        if (p > st->start && util_isalnum((unsigned char)s[p - 1]))
            continue;
        for (k = 0; k < sizeof(lead) / sizeof(lead[0]); k++)
            if (util_word_at(s, p, st->end, lead[k].words))
                break;
        if (k == sizeof(lead) / sizeof(lead[0]))
            continue;
        end = p + strlen(lead[k].words);
        while (end < st->end && s[end] == ' ')
            end++;
        if (!util_word_at(s, end, st->end, "the") ||
            (r = named_event(w, end + 3, st, e->sent, i, &end, 1)) < 0)
            continue;
        /* "during the meeting" names the one told right before: which
         * of several meetings it is, is not told */
        during = strcmp(lead[k].words, "during") == 0;
        if (during && w->evs->v[r].sent + 1 != e->sent)
            continue;
        when = w->evs->v[r].when;
        when.earliest += lead[k].lo;
        when.latest += lead[k].hi;
        if (lead[k].lo != lead[k].hi && when.certainty == DTL_CERT_EXACT)
            when.certainty = DTL_CERT_APPROX;
        if (!date_in_range(when.earliest) || !date_in_range(when.latest) ||
            value_of(&when) != 0)
            continue;
        *t = when;
        /* "during the meeting": its time as it is */
        if (!during)
            t->granularity = DTL_GRAN_DAY;
        t->anchor = DTL_ANCHOR_CONTEXT;
        *a0 = p;
        *a1 = end;
        return r;
    }
    return -1;
}

/*
 * The event told before that a reaction names right after its trigger
 * ("Kishida condemned the launch", event types of lexicon
 * anchor_reaction): its index, or -1.
 */
static long reacted_event(const walker *w, size_t i)
{
    const ev_raw *e = &w->evs->v[i];
    const sent *st = &w->seg->s[e->sent];
    size_t len, p = e->trig_end, end;
    const char *s = text_norm(w->text, &len);

    if (w->react == NULL ||
        lexicon_find(w->react, e->ru->type, strlen(e->ru->type)) == NULL)
        return -1;
    while (p < st->end && s[p] == ' ')
        p++;
    if (!util_word_at(s, p, st->end, "the"))
        return -1;
    return named_event(w, p + 3, st, e->sent, i, &end, 0);
}

/*
 * A reaction with no time of its own takes the days from the event it
 * names (r, from reacted_event) to now, into *t; r, or -1.
 */
static long reaction_to(const walker *w, long r, tx_ref now, dtl_timex *t)
{
    const ev_raw *c;

    if (now.hi == DTL_DAY_NONE || r < 0)
        return -1;
    c = &w->evs->v[r];
    if (c->when.earliest > now.hi)
        return -1;
    *t = c->when;
    t->latest = now.hi;
    t->anchor = DTL_ANCHOR_CONTEXT;
    if (t->earliest != t->latest || value_of(t) != 0) {
        t->certainty = DTL_CERT_APPROX;
        t->granularity = DTL_GRAN_NONE;
        memcpy(t->value, "PAST_REF", 9);
    }
    return r;
}

/* The code of the first source of e, or NULL. */
static const char *first_source(const ev_raw *e)
{
    size_t k;

    for (k = 0; k < e->actor_count; k++)
        if (e->actors[k].role == DTL_ROLE_SOURCE)
            return e->actors[k].code;
    return NULL;
}

/*
 * A reaction against (lexicon anchor_reaction) that names no one is
 * aimed at those who did what it names (r, from reacted_event): "North
 * Korea fired a missile. Kishida condemned the launch" condemns North
 * Korea.  Not those who react themselves ("Japan criticized the attack"
 * after a Japanese attack stays without a target).
 */
static void reaction_target(walker *w, size_t i, long r)
{
    ev_raw *e = &w->evs->v[i];
    const lex_entry *le;
    const ev_raw *c;
    const char *src;
    size_t k, j;

    if (r < 0 || w->react == NULL ||
        (le = lexicon_find(w->react, e->ru->type, strlen(e->ru->type))) ==
            NULL ||
        strcmp(le->code, "against") != 0)
        return;
    for (k = 0; k < e->actor_count; k++)
        if (e->actors[k].role == DTL_ROLE_TARGET)
            return;
    c = &w->evs->v[r];
    for (k = 0; k < c->actor_count; k++)
        for (j = 0; j < e->actor_count; j++)
            if (c->actors[k].role == DTL_ROLE_SOURCE &&
                strcmp(c->actors[k].code, e->actors[j].code) == 0)
                return;
    /* "condemned the weekend raids" after raids by both sides told:
     * which side's is not sure, and no one is named. */
    src = first_source(c);
    for (k = 0; k < i && src != NULL; k++) {
        const ev_raw *o = &w->evs->v[k];
        const char *a = first_source(o);

        if ((long)k != r && o->sent < e->sent &&
            strcmp(o->ru->type, c->ru->type) == 0 && a && strcmp(a, src) != 0)
            return;
    }
    for (k = 0; k < c->actor_count && e->actor_count < EV_MAX_ACTORS; k++)
        if (c->actors[k].role == DTL_ROLE_SOURCE) {
            e->actors[e->actor_count] = c->actors[k];
            e->actors[e->actor_count++].role = DTL_ROLE_TARGET;
        }
}

static long clause_after(const walker *w, const ev_raw *e, dtl_timex *t);
static long noun_came_after(const walker *w, size_t i, dtl_timex *t);

/* Dates t at now, the day of the text or of the speech (anchor); no
 * date, and no anchor, when now is unknown. */
static void at_now(dtl_timex *t, tx_ref now, dtl_anchor_kind anchor)
{
    memset(t, 0, sizeof(*t));
    t->type = DTL_TIMEX_DATE;
    t->earliest = now.lo;
    t->latest = now.hi;
    t->certainty = now.lo == now.hi ? DTL_CERT_EXACT : DTL_CERT_APPROX;
    t->granularity = DTL_GRAN_DAY;
    t->anchor = anchor;
    if (now.lo != DTL_DAY_NONE)
        dtl_date_format(now.lo, t->value);
    else
        t->anchor = DTL_ANCHOR_NONE;
}

/*
 * A deed told as done on a day or month written without a year that
 * fell after now (r read as due within months, as "payable May 12" is):
 * the last one before now ("On May 11 they signed a declaration", in an
 * April article looking back at the year, is last May).
 */
static void done_last_year(const tx_raw *r, tx_ref now, dtl_timex *when)
{
    tx_raw copy = *r;
    dtl_timex t = *when;
    int y, m, d;

    if (!is_dated(when) || now.hi == DTL_DAY_NONE || when->earliest <= now.hi ||
        strcmp(r->ru->resolver, "date") != 0 || r->parts.year >= 0 ||
        r->parts.month == 0 || r->parts.month2 != 0 || r->parts.has_dir)
        return;
    date_to_ymd(when->earliest, &y, &m, &d);
    copy.parts.year = y - 1;
    copy.parts.year_digits = 4;
    if (timex_resolve(&copy, now, &t) != 0 || !is_dated(&t) ||
        t.latest > now.hi)
        return;
    t.start = when->start;
    t.end = when->end;
    t.anchor = when->anchor;
    t.anchor_start = when->anchor_start;
    t.anchor_end = when->anchor_end;
    *when = t;
}

static void anchor_one(walker *w, size_t i)
{
    ev_raw *e = &w->evs->v[i];
    long q = owner_of(w->seg, e->quote);
    unsigned para = w->seg->s[e->sent].para;
    int answer = in_interview(w, q, para);
    /* told in a quotation: when it was said; in the answer of an
     * interview: the day of the interview */
    tx_ref now = q >= 0 ? speech_time(w, q, i) : answer ? w->interview : w->now;
    long prev = q >= 0 ? w->last_in_quote[q] : w->last_narr;
    long ri, react = reacted_event(w, i);

    reaction_target(w, i, react);
    if ((ri = clause_after(w, e, &e->when)) >= 0) {
        e->anchor_start = w->tx->v[ri].start;
        e->anchor_end = w->tx->v[ri].end;
        e->anchor_tx = -1; /* no repeats from it */
    } else if ((ri = noun_came_after(w, i, &e->when)) >= 0) {
        e->anchor_event = ri;
    } else if ((ri = governing(w, e, now)) >= 0) {
        const tx_raw *r = &w->tx->v[ri];

        e->anchor_start = r->start;
        e->anchor_end = r->end;
        e->anchor_tx = ri;
        e->when = w->when[ri];
        int brk = BREAK_NONE;

        if (!is_future(e) && is_dated(&e->when) && now.hi != DTL_DAY_NONE &&
            e->when.earliest > now.hi && schedule_trigger(w, e))
            e->status = DTL_STATUS_PLANNED;
        else if (!is_future(e) && e->status == DTL_STATUS_OCCURRED)
            done_last_year(r, now, &e->when);

        if (is_dated(&e->when) && !is_future(e))
            brk = broken_off(w, e, r);
        if (is_dated(&e->when) && !is_future(e) &&
            (prior_clause(w, e, r) || brk == BREAK_BEFORE)) {
            /* Before the time, not on it: the days up to it. */
            window(&e->when, ref_of(&w->when[ri]), 0);
            e->when.anchor = DTL_ANCHOR_CONTEXT;
            e->anchor_tx = -1; /* no repeats from it */
        } else if (brk == BREAK_AFTER && now.hi != DTL_DAY_NONE &&
                   e->when.earliest <= now.hi) {
            /* "destroyed a platform in response to an attack last
             * Friday": after the time, up to now. */
            tx_ref after = {e->when.earliest, now.hi};

            window(&e->when, after, 0);
            e->when.earliest = after.lo;
            e->when.anchor = DTL_ANCHOR_CONTEXT;
            e->anchor_tx = -1;
        } else if (w->ev_ref[ri] >= 0) {
            e->anchor_event = w->ev_ref[ri];
        } else if (e->when.anchor == DTL_ANCHOR_CONTEXT &&
                   !(w->head_on && e->when.anchor_start ==
                                       text_raw_off(w->text, w->head_start))) {
            /* counted from a time told before, not from the heading */
            if (prev < 0 && q >= 0)
                prev = w->last_narr;
            e->anchor_event = prev;
        }
    } else if (q < 0 && !is_future(e) && now.lo != DTL_DAY_NONE &&
               present_trigger(w, e)) {
        /* What the text does as it speaks: its date. */
        at_now(&e->when, now, DTL_ANCHOR_DOCUMENT);
    } else if ((ri = day_of_event(w, i, &e->when, &e->anchor_start,
                                  &e->anchor_end)) >= 0) {
        e->anchor_event = ri;
    } else if (!is_future(e) &&
               (ri = reaction_to(w, react, now, &e->when)) >= 0) {
        e->anchor_event = ri;
    } else if ((q >= 0 || answer) &&
               (e->tense != TENSE_PAST || e->status == DTL_STATUS_THREATENED) &&
               !is_future(e)) {
        /* Present tense in a quotation or an answer, or a threat made
         * in it: when it was said. */
        at_now(&e->when, now, DTL_ANCHOR_SPEECH);
    } else if (!is_future(e) && (ri = heading_time(w, e)) >= 0) {
        /* "19:30 - Reaction from Beijing and Moscow: ... In Moscow,
         * the Russian foreign ministry accused Washington ..." */
        e->when = w->when[ri];
        e->anchor_start = w->tx->v[ri].start;
        e->anchor_end = w->tx->v[ri].end;
    } else if (w->head_on && q < 0 && !is_future(e)) {
        /* "JUNE. ... the Jeddah talks were suspended": in that month */
        at_now(&e->when, now, DTL_ANCHOR_CONTEXT);
        e->when.value[7] = '\0'; /* "2023-06" */
        e->when.granularity = DTL_GRAN_MONTH;
        e->when.certainty = DTL_CERT_APPROX;
        e->anchor_start = w->head_start;
        e->anchor_end = w->head_end;
    } else {
        window(&e->when, now, is_future(e));
        e->when.anchor = q >= 0 ? DTL_ANCHOR_SPEECH : DTL_ANCHOR_DOCUMENT;
        if (now.lo == DTL_DAY_NONE)
            e->when.anchor = DTL_ANCHOR_NONE;
        /* A story told months back ("On March 3, ... Yerevan denied
         * it"): when the last dated event told, in this paragraph or
         * the three before and within a year, lies before the window,
         * the window reaches back to it. */
        /* "The first test came the following week. ... the group
         * denied any involvement": likewise with the last time told,
         * when no dated event was told since. */
        if (q < 0 && !is_future(e) && is_dated(&e->when) &&
            narrative_time(w, e, prev))
            e->when.earliest = w->prev[0].t.earliest;
        else if (q < 0 && !is_future(e) && prev >= 0 && is_dated(&e->when)) {
            const ev_raw *p = &w->evs->v[prev];

            if (p->when.certainty != DTL_CERT_VAGUE &&
                p->when.latest < e->when.earliest &&
                narrative_reach(w, e, &p->when, p->sent) &&
                w->seg->s[p->sent].para + NARRATIVE_PARAS >=
                    w->seg->s[e->sent].para)
                e->when.earliest = p->when.earliest;
            /* "She later flew to Nairobi": from that event's day on. */
            else if (p->when.certainty != DTL_CERT_VAGUE &&
                     p->when.earliest > e->when.earliest &&
                     p->when.earliest <= e->when.latest &&
                     w->seg->s[p->sent].para + 1 >= w->seg->s[e->sent].para &&
                     later_word(w, e)) {
                e->when.earliest = p->when.earliest;
                e->when.certainty = DTL_CERT_APPROX;
                e->anchor_event = prev;
            }
        }
    }
    bound(e, now);
    if (is_dated(&e->when) && ri >= 0) {
        if (q >= 0)
            w->last_in_quote[q] = (long)i;
        else
            w->last_narr = (long)i;
    }
}

/*
 * Resolves time expression k again as if the year were written with it
 * ("in March and August 1986", "the 1986/87 (Oct-Sept) season"): an
 * absolute date, with the same place in the text.  -1, and w->when[k]
 * as it was, when there is no such day ("February 29 and March 1,
 * 1987").
 */
static int resolve_in_year(walker *w, size_t k, int year)
{
    tx_raw copy = w->tx->v[k];
    dtl_timex t = w->when[k];

    copy.parts.year = year;
    copy.parts.year_digits = 4;
    if (timex_resolve(&copy, w->now, &t) != 0)
        return -1;
    t.anchor = DTL_ANCHOR_NONE;
    t.anchor_start = t.anchor_end = 0;
    t.start = w->when[k].start; /* resolve_range sets the whole */
    t.end = w->when[k].end;
    w->when[k] = t;
    return 0;
}

/*
 * "in May and December 1986", "on May 6 and August 15, 1987", "March,
 * April and May 1987", "in March and April next year": the year
 * written after the last of a list of months or days is the year of
 * each.  Expressions [t0, t1) are those
 * of one sentence, resolved; from the last back, an expression with no
 * year of its own, separated from the next by only a comma, "and" or
 * "or", takes the year of the next when that one has a year (its own,
 * or taken so).  The walk anchors events after this, so they see the
 * year too.
 */
static void list_year(walker *w, size_t t0, size_t t1)
{
    size_t len, k;
    const char *s = text_norm(w->text, &len);
    int year = -1;

    for (k = t1; k-- > t0;) {
        const tx_raw *r = &w->tx->v[k];
        dtl_timex *o = &w->when[k];
        /* One month, or one day of a month, resolved to one. */
        int month = strcmp(r->ru->resolver, "date") == 0 &&
                    r->parts.month > 0 && r->parts.month2 == 0 &&
                    r->parts.day2 == 0 && r->parts.weekday2 == 0 &&
                    r->parts.period == PERIOD_NONE;
        int gran =
            o->granularity == DTL_GRAN_MONTH || o->granularity == DTL_GRAN_DAY;
        /* Such a month with no "this year" or "of that year" that
         * dates it otherwise (or not resolved at all). */
        int own = month && !r->parts.has_dir && r->parts.unit == UNIT_NONE &&
                  r->parts.anchor == ANCHOR_NOW &&
                  (gran || o->value[0] == '\0');
        /* Such a month dated by a year of its own or by "next year",
         * "last year", "of that year". */
        int dated =
            month && gran && (r->parts.year >= 0 || r->parts.unit == UNIT_YEAR);
        int next_year = year;

        year = -1;
        if (dated) {
            if (util_isdigit((unsigned char)o->value[0]) &&
                util_isdigit((unsigned char)o->value[3]))
                year = atoi(o->value);
            continue;
        }
        if (!own || r->parts.year >= 0)
            continue;
        if (next_year < 0 || k + 1 >= t1)
            continue;
        /* Only a comma, "and" or "or" between the two. */
        {
            size_t a = r->end, b = w->tx->v[k + 1].start, j = a;
            int words = 0;

            if (b <= a || b - a > 8)
                continue;
            while (j < b) {
                if (s[j] == ' ' || s[j] == ',') {
                    j++;
                } else if (b - j >= 3 && strncmp(s + j, "and", 3) == 0 &&
                           (j + 3 == b || s[j + 3] == ' ')) {
                    j += 3;
                    words++;
                } else if (b - j >= 2 && strncmp(s + j, "or", 2) == 0 &&
                           (j + 2 == b || s[j + 2] == ' ')) {
                    j += 2;
                    words++;
                } else {
                    break;
                }
            }
            if (j < b || words > 1)
                continue;
        }
        if (resolve_in_year(w, k, next_year) == 0)
            year = next_year;
    }
}

/*
 * "at midnight EDT April Two", "before the midnight deadline of March
 * 31", "expired at midnight yesterday": a time of day with no day of
 * its own, followed closely (two words at most, in its clause) by a
 * day, is on that day, not on the day of the context.  Not when a word
 * between joins two times (lexicon anchor_join: "late tonight and
 * Wednesday", "at midday against Friday's close").
 */
static void time_day(walker *w, size_t t0, size_t t1)
{
    size_t len, k, j, b, m, from;
    const char *s = text_norm(w->text, &len);

    for (k = t0; k + 1 < t1; k++) {
        const tx_raw *r = &w->tx->v[k], *n;
        const dtl_timex *nd;
        dtl_timex t;
        int words = 0, inword = 0;

        /* "at 1500 est (2100 gmt) tomorrow": past the same time told
         * in another zone */
        m = k + 1;
        from = r->end;
        n = &w->tx->v[m];
        if (w->when[m].type == DTL_TIMEX_TIME && m + 1 < t1 &&
            n->start >= r->end && n->start - r->end <= 8 &&
            memchr(s + r->end, '(', n->start - r->end) != NULL) {
            from = n->end + (n->end < len && s[n->end] == ')');
            n = &w->tx->v[++m];
        }
        nd = &w->when[m];
        /* the day may be a part of one: "at 11:45 p.m. on Sunday night" */
        if (w->when[k].type != DTL_TIMEX_TIME || r->parts.weekday ||
            r->parts.day || r->parts.month || r->parts.has_dir ||
            (nd->type != DTL_TIMEX_DATE &&
             !(nd->type == DTL_TIMEX_TIME && n->parts.hour < 0 &&
               (n->parts.weekday || n->parts.day))) ||
            nd->granularity != DTL_GRAN_DAY || !is_dated(nd) ||
            n->start < from || n->start - from > 24 ||
            /* not across the end of a sentence hidden in "a.m." */
            n->sent != r->sent)
            continue;
        for (j = from; j < n->start; j++) {
            if (s[j] == '.' || s[j] == ';' || s[j] == ',' || s[j] == '"')
                break;
            if (util_isalnum((unsigned char)s[j]) && !inword) {
                words++;
                for (b = j; b < n->start && util_isalnum((unsigned char)s[b]);)
                    b++;
                if (w->join && lexicon_find(w->join, s + j, b - j) != NULL)
                    break;
            }
            inword = util_isalnum((unsigned char)s[j]);
        }
        if (j < n->start || words > 2)
            continue;
        if (timex_resolve(r, ref_of(nd), &t) != 0)
            continue;
        /* counted as the day is ("at 4 a.m. on Wednesday": from the
         * publication date, as "Wednesday") */
        t.anchor = nd->anchor;
        t.anchor_start = nd->anchor_start;
        t.anchor_end = nd->anchor_end;
        t.start = w->when[k].start;
        t.end = w->when[k].end;
        w->when[k] = t;
    }
}

/*
 * "the 1986/87 (Oct-Sept) season", "1987/88 (July-June)": a range of
 * months over the new year, with no year of its own, right after a span
 * of two years (within a few words) runs from the first of those years
 * into the second.  Without, it is placed by the tense (resolve_range),
 * which suits running totals ("exports for July 1-March 13") but not
 * the seasons of commodity reports.
 */
static void season_year(walker *w, size_t t0, size_t t1)
{
    size_t k, j;

    for (k = t0 + 1; k < t1; k++) {
        const tx_raw *r = &w->tx->v[k];
        int y1, y2, m, d;

        if (strcmp(r->ru->resolver, "range") != 0 || r->parts.month2 == 0 ||
            r->parts.month2 >= r->parts.month || r->parts.year >= 0 ||
            r->parts.year2 >= 0)
            continue;
        /* The span: the expression before the range (before its first
         * part, when k is the second). */
        j = k - 1;
        if (j > t0 && w->tx->v[j].ru == r->ru && w->tx->v[j].parts.month2)
            j--;
        if (strcmp(w->tx->v[j].ru->resolver, "range") != 0 ||
            w->tx->v[j].parts.month != 0 || w->tx->v[j].parts.year < 0 ||
            r->start - w->tx->v[j].end > 30 ||
            w->when[j].earliest == DTL_DAY_NONE)
            continue;
        date_to_ymd(w->when[j].earliest, &y1, &m, &d);
        date_to_ymd(w->when[j].latest, &y2, &m, &d);
        if (y2 != y1 + 1)
            continue;
        resolve_in_year(w, k, y1);
    }
}

/* Whether the word lit (lower case ASCII) of t[start..end) ends at
 * t[i], in any case: the word util_word_at finds, after start or a byte
 * that is not a letter or digit. */
static int word_ends_at(const char *t, size_t start, size_t i, size_t end,
                        const char *lit)
{
    size_t n = strlen(lit);

    return i >= start + n && util_word_at(t, i - n, end, lit) &&
           (i == start + n || !util_isalnum((unsigned char)t[i - n - 1]));
}

/* day moved by n units (days, or months when months is set). */
static dtl_day shift_day(dtl_day day, long n, int months)
{
    return months ? date_add_months(day, (int)n) : day + (dtl_day)n;
}

/*
 * The span and "after" or "before" that open the clause of event e
 * ("the day after", "two days before", "hours after"): 1 with *after,
 * the days [*lo, *hi] and the start of the span *s0; 0 when there are
 * none.
 */
static int span_before(const walker *w, const ev_raw *e, int *after, long *lo,
                       long *hi, size_t *s0)
{
    static const struct {
        const char *w;
        long lo, hi;
    } spans[] = {{"the day", 1, 1}, {"a day", 1, 1},   {"one day", 1, 1},
                 {"hours", 0, 1},   {"minutes", 0, 1}, {"shortly", 0, 1},
                 {"days", 2, 9},    {"weeks", 14, 63}};
    const sent *st = &w->seg->s[e->sent];
    size_t len, p = e->start, k;
    const char *tx = text_norm(w->text, &len);

    *lo = *hi = -1;
    while (p > st->start && tx[p - 1] == ' ')
        p--;
    /* "days after a senior U.S. delegation held talks": the subject's
     * determiner and words before its name */
    for (k = 0; k < 3 && !word_ends_at(tx, st->start, p, len, "after") &&
                !word_ends_at(tx, st->start, p, len, "before");
         k++) {
        size_t q = p;

        while (q > st->start && util_islower(tx[q - 1]))
            q--;
        if (q == p || q == st->start || tx[q - 1] != ' ')
            break;
        for (p = q; p > st->start && tx[p - 1] == ' ';)
            p--;
    }
    if (word_ends_at(tx, st->start, p, len, "after"))
        *after = 1, p -= 5;
    else if (word_ends_at(tx, st->start, p, len, "before"))
        *after = 0, p -= 6;
    else
        return 0;
    while (p > st->start && tx[p - 1] == ' ')
        p--;
    *s0 = p;
    for (k = 0; k < w->tx->count; k++) {
        const tx_raw *x = &w->tx->v[k];

        if (x->sent == e->sent && x->end == p &&
            x->ru->ttype == DTL_TIMEX_DURATION && x->parts.has_num &&
            (x->parts.unit == UNIT_DAY || x->parts.unit == UNIT_WEEK)) {
            long mul = x->parts.unit == UNIT_WEEK ? 7 : 1;

            *lo = x->parts.num_lo * mul;
            *hi = x->parts.num_hi * mul;
            *s0 = x->start;
        }
    }
    for (k = 0; *lo < 0 && k < sizeof(spans) / sizeof(spans[0]); k++)
        if (word_ends_at(tx, st->start, p, len, spans[k].w)) {
            *lo = spans[k].lo;
            *hi = spans[k].hi;
            *s0 = p - strlen(spans[k].w);
        }
    return *lo >= 0;
}

/* *t moved back (after) or on (before) by the span [lo, hi] of days,
 * a date of the context; 0, or -1 when it has no value. */
static int shift_span(dtl_timex *t, int after, long lo, long hi)
{
    if (after) {
        t->earliest -= (dtl_day)hi;
        t->latest -= (dtl_day)lo;
    } else {
        t->earliest += (dtl_day)lo;
        t->latest += (dtl_day)hi;
    }
    t->type = DTL_TIMEX_DATE;
    t->granularity = DTL_GRAN_DAY;
    t->anchor = DTL_ANCHOR_CONTEXT;
    if (t->earliest != t->latest && t->certainty == DTL_CERT_EXACT)
        t->certainty = DTL_CERT_APPROX;
    return value_of(t);
}

/*
 * "The raids came a day after the movement fired two missiles": an
 * event whose clause opens with a span and "after" or "before", after
 * a sentence that opens with "the" and a noun naming an event told
 * before (named_event) and a verb of lexicon-free words ("came",
 * "followed"), lies that span before or after that event.  Its index,
 * with *t, or -1.
 */
static long noun_came_after(const walker *w, size_t i, dtl_timex *t)
{
    static const char *const verbs[] = {"came",  "comes",   "followed",
                                        "began", "started", "happened"};
    const ev_raw *e = &w->evs->v[i];
    const sent *st = &w->seg->s[e->sent];
    size_t len, p, k, end;
    const char *tx = text_norm(w->text, &len);
    long lo, hi, r;
    int after;

    if (!span_before(w, e, &after, &lo, &hi, &p))
        return -1;
    while (p > st->start && tx[p - 1] == ' ')
        p--;
    for (k = 0; k < sizeof(verbs) / sizeof(verbs[0]); k++)
        if (word_ends_at(tx, st->start, p, len, verbs[k]))
            break;
    if (k == sizeof(verbs) / sizeof(verbs[0]))
        return -1;
    if (util_word_at(tx, st->start, st->end, "it")) {
        /* "North Korea test-fired a missile early on Thursday ... It
         * ... came hours after the ministers met": the first dated
         * event of the sentence before, in the same paragraph */
        for (r = 0; r < (long)i; r++)
            if (w->evs->v[r].sent + 1 == e->sent &&
                w->seg->s[e->sent - 1].para == st->para &&
                is_dated(&w->evs->v[r].when))
                break;
        if (r == (long)i)
            return -1;
    } else if (!util_word_at(tx, st->start, st->end, "the") ||
               (r = named_event(w, st->start + 3, st, e->sent, i, &end, 0)) <
                   0 ||
               end + 60 < p - strlen(verbs[k])) {
        return -1;
    }
    *t = w->evs->v[r].when;
    if (shift_span(t, after, lo, hi) != 0)
        return -1;
    return r;
}

/*
 * "exchanged prisoners on Wednesday, the day after Putin and Trump spoke
 * by phone": an event whose clause opens with a span and "after" or
 * "before", set off by a comma from a date before it, lies that span
 * before or after the date.  The span is a time expression ("two days",
 * "a week") or one of "the day", "a day", "hours", "minutes", "days",
 * "weeks" (lexicon-free: these are the words of the construction).  The
 * date's index among the time expressions, with *t, or -1.
 */
static long clause_after(const walker *w, const ev_raw *e, dtl_timex *t)
{
    const sent *st = &w->seg->s[e->sent];
    size_t len, k, s0;
    const char *tx = text_norm(w->text, &len);
    long lo, hi, best = -1;
    int after;

    if (!span_before(w, e, &after, &lo, &hi, &s0))
        return -1;
    while (s0 > st->start && tx[s0 - 1] == ' ')
        s0--;
    if (s0 == st->start || tx[s0 - 1] != ',')
        return -1;
    /* The date of the clause before the comma, the nearest. */
    for (k = 0; k < w->tx->count; k++) {
        const tx_raw *x = &w->tx->v[k];
        const dtl_timex *o = &w->when[k];

        if (x->sent == e->sent && x->end < s0 && !is_dateline(w, x) &&
            (o->type == DTL_TIMEX_DATE || o->type == DTL_TIMEX_TIME) &&
            is_dated(o) && o->granularity == DTL_GRAN_DAY)
            best = (long)k;
    }
    if (best < 0)
        return -1;
    *t = w->when[best];
    if (shift_span(t, after, lo, hi) != 0)
        return -1;
    return best;
}

/*
 * "fired two missiles two days before the summit", "held talks a week
 * after the summit": a span of time right before "before", "after",
 * "ahead of", "prior to" or "following" and "the" with a noun that
 * names an event (lexicon event_noun, whose code lists the event types
 * it may name), at the end of its clause, counts from the last event of
 * such a type in an earlier sentence that has a date, not vague; it is
 * then a date, whose events are linked to that one.  Without such an
 * event it stays a span ("dtl times" has no events: always).  "for two
 * days before" is a span, and "the attack on the embassy" may be
 * another attack than the last one told: both are left.
 */
static void event_relative(walker *w, size_t t0, size_t t1, size_t ev_before)
{
    static const char *const rel[] = {"before", "after", "ahead of", "prior to",
                                      "following"};
    size_t len, k, j, i, e;
    const char *t = text_norm(w->text, &len);
    long rn;

    if (w->evs == NULL || w->noun == NULL)
        return;
    for (k = t0; k < t1; k++) {
        const tx_raw *x = &w->tx->v[k];
        const sent *st = &w->seg->s[x->sent];
        const ev_raw *ref;
        dtl_timex o;
        long lo = x->parts.num_lo, hi = x->parts.num_hi, mul = 1;
        int after = 0, months = 0, hours = 0;

        if (x->ru->ttype != DTL_TIMEX_DURATION || !x->parts.has_num)
            continue;
        switch (x->parts.unit) {
        case UNIT_DAY:
            break;
        case UNIT_WEEK:
            mul = 7;
            break;
        case UNIT_FORTNIGHT:
            mul = 14;
            break;
        case UNIT_MONTH:
            months = 1;
            break;
        case UNIT_YEAR:
            months = 1;
            mul = 12;
            break;
        case UNIT_HOUR:
            hours = 1;
            break;
        default:
            continue;
        }
        /* Not "for two days before" nor "within a week after". */
        for (i = x->start; i > st->start && t[i - 1] == ' ';)
            i--;
        if (word_ends_at(t, st->start, i, len, "for") ||
            word_ends_at(t, st->start, i, len, "within"))
            continue;
        for (i = x->end; i < st->end && t[i] == ' ';)
            i++;
        for (j = 0; j < sizeof(rel) / sizeof(rel[0]); j++)
            if (util_word_at(t, i, st->end, rel[j]))
                break;
        if (j == sizeof(rel) / sizeof(rel[0]))
            continue;
        after = j == 1 || j == 4;
        for (i += strlen(rel[j]); i < st->end && t[i] == ' ';)
            i++;
        if (!util_word_at(t, i, st->end, "the") ||
            (rn = named_event(w, i + 3, st, x->sent, ev_before, &e, 1)) < 0)
            continue;
        ref = &w->evs->v[rn];
        memset(&o, 0, sizeof(o));
        o.type = DTL_TIMEX_DATE;
        o.granularity = DTL_GRAN_DAY;
        o.certainty = ref->when.certainty;
        o.rule = w->when[k].rule;
        o.start = w->when[k].start;
        o.end = w->when[k].end;
        if (hours) {
            /* Within a day or so of it. */
            dtl_day days = (dtl_day)((hi + 23) / 24);

            o.earliest = after ? ref->when.earliest : ref->when.earliest - days;
            o.latest = after ? ref->when.latest + days : ref->when.latest;
            o.certainty = DTL_CERT_APPROX;
        } else if (after) {
            o.earliest = shift_day(ref->when.earliest, lo * mul, months);
            o.latest = shift_day(ref->when.latest, hi * mul, months);
        } else {
            o.earliest = shift_day(ref->when.earliest, -hi * mul, months);
            o.latest = shift_day(ref->when.latest, -lo * mul, months);
        }
        if (months && o.certainty == DTL_CERT_EXACT)
            o.certainty = DTL_CERT_APPROX; /* "two months after" */
        if (!date_in_range(o.earliest) || !date_in_range(o.latest))
            continue;
        if (value_of(&o) != 0)
            continue;
        o.anchor = DTL_ANCHOR_CONTEXT;
        w->when[k] = o;
        w->ev_ref[k] = (long)(ref - w->evs->v);
    }
}

/* How many sentences back response_relative looks for the deed. */
#define RESPONSE_SENTS 6

/*
 * "The Polish Foreign Ministry on Wednesday declared the ambassador
 * persona non grata ...  Prosecutors charged the officer on Monday ...
 * Minsk responded the following day, expelling Poland's ambassador": a
 * count of days forward from the time told last ("the following day",
 * "two days later") right after a verb of lexicon anchor_response
 * counts from the deed answered instead: the last event of an earlier
 * sentence, at most RESPONSE_SENTS back, dated to one day, whose target
 * is the source of an event of this sentence (events [ev_before, ne)
 * are this sentence's and later ones).  Without such a deed it stays.
 */
static void response_relative(walker *w, size_t t0, size_t t1, size_t ev_before,
                              size_t ne)
{
    size_t len, k, i, j, b, end;
    const char *t = text_norm(w->text, &len);

    if (w->evs == NULL || w->resp == NULL)
        return;
    for (k = t0; k < t1; k++) {
        const tx_raw *x = &w->tx->v[k];
        const dtl_timex *o = &w->when[k];
        const ev_actor *src = NULL;
        const ev_raw *ref = NULL;
        long lo, hi;
        dtl_timex n;

        if (x->ru->ttype != DTL_TIMEX_DATE || !timex_is_context(x) ||
            x->parts.unit != UNIT_DAY || o->anchor != DTL_ANCHOR_CONTEXT)
            continue;
        if (x->parts.has_num && x->parts.sign > 0) {
            lo = x->parts.num_lo;
            hi = x->parts.num_hi;
        } else if (!x->parts.has_num && x->parts.has_dir && x->parts.dir > 0) {
            lo = hi = 1;
        } else {
            continue;
        }
        end = util_word_before(t, w->seg->s[x->sent].start, x->start, &b);
        if (end == 0 || lexicon_find(w->resp, t + b, end - b) == NULL)
            continue;
        for (i = ev_before; i < ne && w->evs->v[i].sent == x->sent && !src; i++)
            for (j = 0; j < w->evs->v[i].actor_count; j++)
                if (w->evs->v[i].actors[j].role == DTL_ROLE_SOURCE &&
                    w->evs->v[i].actors[j].code[0] != '\0' &&
                    w->evs->v[i].actors[j].code[0] != '@') {
                    src = &w->evs->v[i].actors[j];
                    break;
                }
        for (i = ev_before; src && i-- > 0 && !ref;) {
            const ev_raw *e = &w->evs->v[i];

            if (e->sent + RESPONSE_SENTS < x->sent)
                break;
            if (!is_dated(&e->when) || e->when.earliest != e->when.latest)
                continue;
            for (j = 0; j < e->actor_count; j++)
                if (e->actors[j].role == DTL_ROLE_TARGET &&
                    strcmp(e->actors[j].code, src->code) == 0) {
                    ref = e;
                    break;
                }
        }
        if (ref == NULL)
            continue;
        n = *o;
        n.earliest = ref->when.earliest + (dtl_day)lo;
        n.latest = ref->when.latest + (dtl_day)hi;
        n.certainty = ref->when.certainty;
        if (!date_in_range(n.earliest) || !date_in_range(n.latest) ||
            value_of(&n) != 0)
            continue;
        w->when[k] = n;
        w->ev_ref[k] = (long)(ref - w->evs->v);
    }
}

/* The month of a heading that opens sentence k ("JUNE. Washington
 * imposed ...", "MARCH:"), a month name in capitals: 1 to 12, or 0. */
static int heading_month(const walker *w, size_t k, size_t *end)
{
    const lexicon *month = rules_lexicon(w->rules, "month");
    size_t len, i, st = w->seg->s[k].start;
    const char *t = text_norm(w->text, &len);
    const lex_entry *le;
    char word[16];
    long m;

    for (i = st; i < len && i - st < 10 && util_isupper(t[i]); i++)
        word[i - st] = (char)(i == st ? t[i] : util_lower(t[i]));
    if (month == NULL || i - st < 3 || i - st >= 10 || i + 1 >= len ||
        (t[i] != '.' && t[i] != ':') || !util_isspace(t[i + 1]))
        return 0;
    if ((le = lexicon_find(month, word, i - st)) == NULL ||
        (m = util_parse_uint(le->code, strlen(le->code))) < 1 || m > 12)
        return 0;
    *end = i;
    return (int)m;
}

/*
 * The months of the headings of a chronology, each paragraph's in
 * w->heads: read back from the last, which is the last such month that
 * has begun by now, each earlier one the last such month before the
 * next ("APRIL. ... MAY. ... MARCH." in an April article: April of the
 * year before to March).
 */
static dtl_status chronology(walker *w)
{
    size_t k, n = 0, end;
    dtl_day next = w->now.hi;
    int y, m, d, hm;

    if (w->seg->count == 0 || next == DTL_DAY_NONE)
        return DTL_OK;
    for (k = 0; k < w->seg->count; k++)
        if ((k == 0 || w->seg->s[k - 1].para != w->seg->s[k].para) &&
            heading_month(w, k, &end) != 0)
            n++;
    if (n < 2)
        return DTL_OK;
    if ((w->heads = calloc(w->seg->paras, sizeof(*w->heads))) == NULL)
        return DTL_ENOMEM;
    for (k = w->seg->count; k-- > 0;) {
        if ((k > 0 && w->seg->s[k - 1].para == w->seg->s[k].para) ||
            (hm = heading_month(w, k, &end)) == 0)
            continue;
        date_to_ymd(next, &y, &m, &d);
        if (hm > m || (hm == m && next != w->now.hi))
            y--;
        next = date_from_ymd(y, hm, 1);
        w->heads[w->seg->s[k].para] = next;
    }
    return DTL_OK;
}

/* Out of a heading of the chronology: the story's now again. */
static void heading_off(walker *w)
{
    if (w->head_on) {
        w->now = w->head_saved;
        w->head_on = 0;
    }
}

/* At sentence k: under a heading of the chronology, its month is now;
 * out of one, the story's now again. */
static void heading_now(walker *w, size_t k)
{
    size_t para = w->seg->s[k].para, end;
    dtl_day d;

    if (w->heads == NULL || (k > 0 && w->seg->s[k - 1].para == para))
        return;
    d = w->heads[para];
    heading_off(w);
    if (d == 0)
        return;
    heading_month(w, k, &end); /* its end: the month is in heads */
    w->head_saved = w->now;
    w->head_on = 1;
    w->now.lo = d;
    w->now.hi = date_add_months(d, 1) - 1;
    w->head_start = w->seg->s[k].start;
    w->head_end = end;
}

/* Walks the sentences: time expressions first, then events. */
static dtl_status walk(walker *w)
{
    size_t nq = w->seg->qcount ? w->seg->qcount : 1, s, ti = 0, ei = 0, i;
    size_t ne = w->evs ? w->evs->count : 0;

    w->speech = calloc(nq, sizeof(*w->speech));
    w->speech_done = calloc(nq, 1);
    w->speech_at = calloc(nq, sizeof(long));
    w->last_in_quote = malloc(nq * sizeof(long));
    w->prev = calloc(nq + 1, sizeof(*w->prev));
    if (w->speech == NULL || w->speech_done == NULL || w->speech_at == NULL ||
        w->last_in_quote == NULL || w->prev == NULL)
        return DTL_ENOMEM;
    for (i = 0; i < nq; i++)
        w->last_in_quote[i] = -1;
    w->last_narr = -1;
    w->period.lo = w->period.hi = DTL_DAY_NONE;
    if (chronology(w) != DTL_OK)
        return DTL_ENOMEM;
    for (s = 0; s < w->seg->count; s++) {
        size_t t0 = ti;

        heading_now(w, s);
        for (; ti < w->tx->count && w->tx->v[ti].sent <= s; ti++)
            resolve_timex(w, ti, ei);
        list_year(w, t0, ti);
        season_year(w, t0, ti);
        time_day(w, t0, ti);
        event_relative(w, t0, ti, ei);
        response_relative(w, t0, ti, ei, ne);
        for (; ei < ne && w->evs->v[ei].sent <= s; ei++)
            anchor_one(w, ei);
    }
    heading_off(w);
    for (; ti < w->tx->count; ti++)
        resolve_timex(w, ti, ei);
    for (; ei < ne; ei++)
        anchor_one(w, ei);
    return DTL_OK;
}

static void walker_free(walker *w)
{
    free(w->heads);
    free(w->speech);
    free(w->speech_done);
    free(w->speech_at);
    free(w->last_in_quote);
    free(w->prev);
}

/* The lexicons a walker reads, for times alone as for events. */
static void walker_lexicons(walker *w, const dtl_rules *rs)
{
    w->say = rules_lexicon(rs, "say");
    w->release = rules_lexicon(rs, "anchor_release");
    w->brk = rules_lexicon(rs, "anchor_break");
    w->cla = rules_lexicon(rs, "anchor_clause");
    w->pri = rules_lexicon(rs, "anchor_prior");
    w->cmp = rules_lexicon(rs, "anchor_compare");
    w->join = rules_lexicon(rs, "anchor_join");
    w->det = rules_lexicon(rs, "anchor_det");
    w->occ = rules_lexicon(rs, "anchor_occasion");
    w->past = rules_lexicon(rs, "tense_past");
    w->prep = rules_lexicon(rs, "anchor_prep");
    w->sched = rules_lexicon(rs, "anchor_schedule");
    w->perf = rules_lexicon(rs, "anchor_perfect");
    w->aft = rules_lexicon(rs, "anchor_after");
    w->react = rules_lexicon(rs, "anchor_reaction");
    w->present = rules_lexicon(rs, "timex_present");
    w->later = rules_lexicon(rs, "anchor_later");
    w->func = rules_lexicon(rs, "anchor_function");
    w->evpres = rules_lexicon(rs, "event_present");
    w->deed = rules_lexicon(rs, "anchor_deed");
    w->noun = rules_lexicon(rs, "event_noun");
    w->resp = rules_lexicon(rs, "anchor_response");
    w->intv = rules_lexicon(rs, "anchor_interview");
    w->perfect = rules_lexicon(rs, "event_perfect");
}

/* Finds the first paragraph of questions and answers (walker.qa_first). */
static void walker_interview(walker *w)
{
    unsigned k;

    w->intv_at = -1;
    w->interview.lo = w->interview.hi = DTL_DAY_NONE;
    for (k = 0; k < w->seg->paras && !qa_para(w, k); k++)
        ;
    w->qa_first = k;
}

dtl_status dtl_times_find(const dtl_rules *rs, const dtl_text *t,
                          dtl_diag_fn diag, void *ctx, dtl_timex **out,
                          size_t *count)
{
    segmentation seg;
    tx_list tx = {NULL, 0, 0};
    walker w;
    dtl_status st = DTL_ENOMEM;
    size_t len;

    *out = NULL;
    *count = 0;
    memset(&w, 0, sizeof(w));
    w.m = matcher_new(rs, diag, ctx, dtl_text_name(t));
    if (w.m == NULL)
        return DTL_ENOMEM;
    if (segment(rs, t, w.m, &seg) != DTL_OK) {
        matcher_free(w.m);
        return DTL_ENOMEM;
    }
    segment_attribute(rs, w.m, text_norm(t, &len), &seg);
    if (timex_detect(rs, t, &seg, w.m, 0, seg.count, &tx) != DTL_OK)
        goto done;
    w.rules = rs;
    w.text = t;
    w.seg = &seg;
    w.tx = &tx;
    walker_lexicons(&w, rs);
    walker_interview(&w);
    w.now = ref_day(dtl_text_date(t));
    if (tx.count && (w.when = calloc(tx.count, sizeof(*w.when))) == NULL)
        goto done;
    if (walk(&w) != DTL_OK)
        goto done;
    if (w.now.lo == DTL_DAY_NONE && tx.count)
        diag_warn(diag, ctx, dtl_text_name(t),
                  "no publication date: relative time expressions are "
                  "left unresolved (give a Date: header or --date)");
    *out = w.when;
    *count = tx.count;
    w.when = NULL;
    st = DTL_OK;
done:
    free(w.when);
    walker_free(&w);
    free(tx.v);
    segmentation_free(&seg);
    matcher_free(w.m);
    return st;
}

/*
 * "They met on Monday and again two days later", "fired a missile on
 * Monday and another on Thursday": one mention of an event with two
 * times is two events.  When the words between the time an event was
 * anchored to and the next time of its sentence are those of the macro
 * event_repeat (base.rules), a copy of the event takes the next time,
 * and so on along the sentence; a time counted from the first ("two
 * days later") makes the copy relative to the event.
 */
static dtl_status repeats(walker *w)
{
    const pattern *rp = &w->rules->repeat;
    const tx_list *tx = w->tx;
    size_t n = w->evs->count, i, ri, len;
    const char *s = text_norm(w->text, &len);

    if (rp->xsrc == NULL) /* no macro event_repeat */
        return DTL_OK;
    for (i = 0; i < n; i++) {
        long q = owner_of(w->seg, w->evs->v[i].quote);

        if (w->evs->v[i].anchor_tx < 0)
            continue;
        for (ri = (size_t)w->evs->v[i].anchor_tx; ri + 1 < tx->count; ri++) {
            const tx_raw *a = &tx->v[ri], *b = &tx->v[ri + 1];
            ev_raw copy;
            match mt;

            if (b->sent != a->sent || b->start < a->end ||
                (b->ru->ttype != DTL_TIMEX_DATE &&
                 b->ru->ttype != DTL_TIMEX_TIME) ||
                !is_dated(&w->when[ri + 1]) ||
                matcher_find(w->m, rp, NULL, s + a->end, b->start - a->end, 0,
                             &mt) != 1 ||
                mt.start != 0 || mt.end != b->start - a->end)
                break;
            copy = w->evs->v[i];
            copy.when = w->when[ri + 1];
            copy.anchor_start = b->start;
            copy.anchor_end = b->end;
            copy.anchor_tx = (long)ri + 1;
            copy.anchor_event =
                copy.when.anchor == DTL_ANCHOR_CONTEXT ? (long)i : -1;
            bound(&copy, q >= 0 ? speech_time(w, q, i) : w->now);
            if (util_grow((void **)&w->evs->v, &w->evs->cap, w->evs->count + 1,
                          sizeof(copy)) != 0)
                return DTL_ENOMEM;
            w->evs->v[w->evs->count++] = copy;
        }
    }
    return DTL_OK;
}

dtl_status anchor_events(const dtl_rules *rs, const dtl_text *t,
                         const segmentation *seg, matcher *m, const tx_list *tx,
                         ev_list *evs)
{
    walker w;
    dtl_status st = DTL_ENOMEM;
    size_t i;

    memset(&w, 0, sizeof(w));
    w.rules = rs;
    w.text = t;
    w.seg = seg;
    w.m = m;
    w.tx = tx;
    w.evs = evs;
    walker_lexicons(&w, rs);
    walker_interview(&w);
    w.now = ref_day(dtl_text_date(t));
    w.when = calloc(tx->count + 1, sizeof(*w.when));
    w.ev_ref = malloc((tx->count + 1) * sizeof(*w.ev_ref));
    if (w.ev_ref != NULL)
        for (i = 0; i < tx->count; i++)
            w.ev_ref[i] = -1;
    if (w.when != NULL && w.ev_ref != NULL && (st = walk(&w)) == DTL_OK)
        st = repeats(&w);
    free(w.when);
    free(w.ev_ref);
    walker_free(&w);
    return st;
}
