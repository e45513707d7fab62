/* SPDX-License-Identifier: MIT */
/*
 * build.c - the pipeline, end to end: dtl_timeline_build().
 *
 * reading (text.c) -> sentences and quotations (sentence.c) -> time
 * expressions (timex.c) -> event mentions (event.c) -> anchoring
 * (anchor.c) -> one entry per real event (here) -> dtl_timeline.
 *
 * Mentions of the same event (the same type and status, overlapping
 * dates, actors one of which holds the other, places that agree) become
 * one entry whose date is the intersection of theirs and whose evidence
 * lists every sentence that reports it.
 */
#include <dtl/limits.h>
#include <dtl/timeline.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "align.h"
#include "anchor.h"
#include "buf.h"
#include "diag.h"
#include "event.h"
#include "sentence.h"
#include "text.h"
#include "timeline.h"
#include "timex.h"
#include "util.h"

/* An entry being built: a public event with arrays we can grow. */
typedef struct draft {
    dtl_event ev;
    dtl_actor *actors;
    size_t acap;
    dtl_evidence *evid;
    size_t ecap;
    long anchor;  /* index of the mention it is relative to, or -1 */
    long self;    /* index before sorting */
    char *weapon; /* malloc'd */
} draft;

typedef struct builder {
    const dtl_rules *rules;
    const dtl_text *text;
    const segmentation *seg;
    const ev_list *evs;
    const char *s;         /* normalised body */
    const lexicon *person; /* lexicon person, for persons_clash() */
    draft *d;
    size_t count, cap;
    long *group_of; /* mention -> draft */
    arena strings;  /* evidence texts, labels */
} builder;

/* The sentence as written, white space collapsed. */
static char *sentence_text(builder *b, const sent *st, size_t *cs, size_t *ce)
{
    size_t rlen, r0 = text_raw_off(b->text, st->start),
                 r1 = text_raw_off(b->text, st->end), i, o = 0;
    const char *raw = dtl_text_data(b->text, &rlen);
    char *out = arena_alloc(&b->strings, r1 - r0 + 1);
    int space = 0;

    if (out == NULL)
        return NULL;
    for (i = r0; i < r1; i++) {
        if (util_isspace((unsigned char)raw[i])) {
            space = 1;
            continue;
        }
        if (space && o)
            out[o++] = ' ';
        space = 0;
        out[o++] = raw[i];
    }
    out[o] = '\0';
    *cs = dtl_text_cp_offset(b->text, r0);
    *ce = dtl_text_cp_offset(b->text, r1);
    return out;
}

static const char *label_of(builder *b, const char *type)
{
    const lexicon *lx = rules_lexicon(b->rules, "event_type");
    const lex_entry *e = lx ? lexicon_find(lx, type, strlen(type)) : NULL;
    char *l;
    size_t i;

    if (e && e->canon != e->phrase)
        return e->canon;
    l = arena_strdup(&b->strings, type);
    if (l == NULL)
        return type;
    for (i = 0; l[i]; i++)
        if (l[i] == '_')
            l[i] = ' ';
    if (l[0] >= 'a' && l[0] <= 'z')
        l[0] = (char)(l[0] - 'a' + 'A');
    return l;
}

static int add_actor(draft *d, const char *name, const char *code,
                     dtl_role role)
{
    size_t i;

    for (i = 0; i < d->ev.actor_count; i++) {
        const dtl_actor *a = &d->actors[i];

        if (strcmp(a->code, code) == 0 && strcmp(a->name, name) == 0) {
            /* A source or target beats a mere participant. */
            if (a->role == DTL_ROLE_PARTICIPANT && role != a->role)
                d->actors[i].role = role;
            return 0;
        }
    }
    if (util_grow((void **)&d->actors, &d->acap, d->ev.actor_count + 1,
                  sizeof(*d->actors)) != 0)
        return -1;
    d->actors[d->ev.actor_count].name = name;
    d->actors[d->ev.actor_count].code = code;
    d->actors[d->ev.actor_count].role = role;
    d->ev.actor_count++;
    d->ev.actors = d->actors;
    return 0;
}

static int add_evidence(builder *b, draft *d, const ev_raw *e)
{
    const sent *st = &b->seg->s[e->sent];
    dtl_evidence *v;
    size_t i, cs, ce;
    char *txt = sentence_text(b, st, &cs, &ce);

    if (txt == NULL)
        return -1;
    for (i = 0; i < d->ev.evidence_count; i++)
        if (d->evid[i].start == cs)
            return 0;
    if (util_grow((void **)&d->evid, &d->ecap, d->ev.evidence_count + 1,
                  sizeof(*d->evid)) != 0)
        return -1;
    v = &d->evid[d->ev.evidence_count++];
    v->text = txt;
    v->start = cs;
    v->end = ce;
    v->rule = e->ru->name;
    v->doc = 0;
    d->ev.evidence = d->evid;
    return 0;
}

static void set_when(builder *b, dtl_when *w, const ev_raw *e)
{
    memset(w, 0, sizeof(*w));
    memcpy(w->value, e->when.value, sizeof(w->value));
    w->earliest = e->when.earliest;
    w->latest = e->when.latest;
    w->granularity = e->when.granularity;
    w->certainty = e->when.certainty;
    w->anchor = e->when.anchor;
    if (e->anchor_end > e->anchor_start)
        w->anchor_text = arena_strndup(&b->strings, b->s + e->anchor_start,
                                       e->anchor_end - e->anchor_start);
}

/* Makes a one-mention draft of e into *d. */
static int draft_of(builder *b, const ev_raw *e, draft *d)
{
    size_t i;

    memset(d, 0, sizeof(*d));
    d->ev.type = e->ru->type;
    d->ev.cameo = e->ru->cameo;
    d->ev.status = (dtl_event_status)e->status;
    d->anchor = e->anchor_event;
    set_when(b, &d->ev.date, e);
    for (i = 0; i < e->actor_count; i++)
        if (add_actor(d, e->actors[i].name, e->actors[i].code,
                      e->actors[i].role) != 0)
            return -1;
    d->ev.location = e->location;
    d->ev.location_code =
        e->location_code && *e->location_code ? e->location_code : NULL;
    if (e->weapon_end > e->weapon_start) {
        d->weapon = util_strndup(b->s + e->weapon_start,
                                 e->weapon_end - e->weapon_start);
        if (d->weapon == NULL)
            return -1;
        d->ev.weapon = d->weapon;
    }
    d->ev.count = e->count;
    return add_evidence(b, d, e);
}

/* Weapons agree when one is unknown or they are the same words. */
static int weapons_compatible(const char *a, const char *b)
{
    size_t la, lb;

    if (a == NULL || b == NULL)
        return 1;
    la = strlen(a);
    lb = strlen(b);
    /* Ignore a plural s. */
    if (la && (a[la - 1] == 's' || a[la - 1] == 'S'))
        la--;
    if (lb && (b[lb - 1] == 's' || b[lb - 1] == 'S'))
        lb--;
    return la == lb && strncasecmp(a, b, la) == 0;
}

static int same_event(const draft *a, const draft *b)
{
    if (strcmp(a->ev.type, b->ev.type) != 0 || a->ev.status != b->ev.status)
        return 0;
    if (!weapons_compatible(a->weapon, b->weapon))
        return 0;
    if (!when_overlap(&a->ev.date, &b->ev.date))
        return 0;
    if (!actors_compatible(&a->ev, &b->ev) ||
        !places_compatible(&a->ev, &b->ev))
        return 0;
    if (a->ev.count && b->ev.count && a->ev.count != b->ev.count)
        return 0;
    return 1;
}

/* Whether draft x names a person of the lexicons of state code, and
 * whether one of those is named name (*same). */
static int persons_of(const lexicon *person, const draft *x, const char *code,
                      const char *name, int *same)
{
    size_t i;
    int any = 0;

    for (i = 0; i < x->ev.actor_count; i++) {
        const dtl_actor *a = &x->actors[i];

        if (strcmp(a->code, code) != 0 ||
            lexicon_find(person, a->name, strlen(a->name)) == NULL)
            continue;
        any = 1;
        if (strcmp(a->name, name) == 0)
            *same = 1;
    }
    return any;
}

/*
 * Whether x and y name different persons of one state and none in
 * common ("Pashinyan spoke by phone with Putin"; "Shoigu held separate
 * calls with his Armenian and Azerbaijani counterparts"): two events,
 * though their states agree.
 */
static int persons_clash(const builder *b, const draft *x, const draft *y)
{
    const lexicon *person = b->person;
    size_t i;

    if (person == NULL)
        return 0;
    for (i = 0; i < y->ev.actor_count; i++) {
        const dtl_actor *a = &y->actors[i];
        size_t j;
        int same = 0, in_y = 0;

        if (*a->code == '\0' ||
            lexicon_find(person, a->name, strlen(a->name)) == NULL ||
            !persons_of(person, x, a->code, a->name, &same) || same)
            continue;
        /* none of x's persons of that state in y */
        for (j = 0; j < x->ev.actor_count && !in_y; j++) {
            const dtl_actor *o = &x->actors[j];

            if (strcmp(o->code, a->code) == 0 &&
                lexicon_find(person, o->name, strlen(o->name)) != NULL)
                persons_of(person, y, o->code, o->name, &in_y);
        }
        if (!in_y)
            return 1;
    }
    return 0;
}

static int absorb(builder *b, draft *into, draft *from, const ev_raw *e)
{
    size_t i;

    when_intersect(&into->ev.date, &from->ev.date);
    for (i = 0; i < from->ev.actor_count; i++)
        if (add_actor(into, from->actors[i].name, from->actors[i].code,
                      from->actors[i].role) != 0)
            return -1;
    if (into->ev.location == NULL) {
        into->ev.location = from->ev.location;
        into->ev.location_code = from->ev.location_code;
    }
    if (into->weapon == NULL && from->weapon) {
        into->weapon = from->weapon;
        into->ev.weapon = into->weapon;
        from->weapon = NULL;
    }
    if (into->ev.count == 0)
        into->ev.count = from->ev.count;
    if (into->anchor < 0)
        into->anchor = from->anchor;
    return add_evidence(b, into, e);
}

static void draft_free(draft *d)
{
    free(d->actors);
    free(d->evid);
    free(d->weapon);
}

/* Groups the mentions into drafts. */
static int group(builder *b)
{
    size_t i, j;

    for (i = 0; i < b->evs->count; i++) {
        draft d;
        long into = -1;

        if (draft_of(b, &b->evs->v[i], &d) != 0) {
            draft_free(&d);
            return -1;
        }
        for (j = 0; j < b->count; j++) {
            long anc = b->evs->v[i].anchor_event;

            /* "A few days later" than an event is not that event; "at
             * 7 a.m." on the day of an event, with the same dates, may
             * be. */
            if (anc >= 0 && b->group_of[anc] == (long)j &&
                (b->d[j].ev.date.earliest != d.ev.date.earliest ||
                 b->d[j].ev.date.latest != d.ev.date.latest))
                continue;
            if (same_event(&b->d[j], &d) && !persons_clash(b, &b->d[j], &d)) {
                into = (long)j;
                break;
            }
        }
        if (into >= 0) {
            int rc = absorb(b, &b->d[into], &d, &b->evs->v[i]);

            draft_free(&d);
            if (rc != 0)
                return -1;
            b->group_of[i] = into;
            continue;
        }
        if (b->count >= DTL_MAX_EVENTS) {
            draft_free(&d);
            b->group_of[i] = -1;
            continue;
        }
        if (util_grow((void **)&b->d, &b->cap, b->count + 1, sizeof(*b->d)) !=
            0) {
            draft_free(&d);
            return -1;
        }
        b->group_of[i] = (long)b->count;
        b->d[b->count++] = d;
    }
    return 0;
}

static int cmp_draft(const void *pa, const void *pb)
{
    const draft *a = pa, *b = pb;

    return timeline_cmp_events(&a->ev, &b->ev);
}

static const char *doc_id(const dtl_text *t, char *out, size_t size)
{
    const char *id = dtl_text_meta(t, "id"), *name = dtl_text_name(t);
    const char *base, *dot;
    size_t len, n;

    if (id && *id)
        return id;
    if (strcmp(name, "<stdin>") != 0) {
        base = strrchr(name, '/');
        base = base ? base + 1 : name;
        dot = strrchr(base, '.');
        n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
        snprintf(out, size, "%.*s", (int)n, base);
        return out;
    }
    id = dtl_text_data(t, &len);
    snprintf(out, size, "doc-%016llx",
             (unsigned long long)util_fnv1a(id, len, UTIL_FNV_SEED));
    return out;
}

static int cmp_role(const void *pa, const void *pb)
{
    const dtl_actor *a = pa, *b = pb;

    if (a->role != b->role)
        return a->role < b->role ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int emit(builder *b, dtl_timeline *tl, const char *seed)
{
    size_t i, k;
    long *post = NULL, g;
    uint64_t *keys = NULL;
    unsigned dup;
    char id[32], aid[32], uid[48];
    dtl_source src;

    for (i = 0; i < b->count; i++) {
        b->d[i].self = (long)i;
        b->d[i].ev.summary = timeline_summary(
            &b->strings, label_of(b, b->d[i].ev.type), &b->d[i].ev);
        if (b->d[i].ev.summary == NULL)
            return -1;
    }
    if (b->count > 1)
        qsort(b->d, b->count, sizeof(*b->d), cmp_draft);
    post = malloc((b->count + 1) * sizeof(long));
    keys = malloc((b->count + 1) * sizeof(*keys));
    if (post == NULL || keys == NULL) {
        free(post);
        free(keys);
        return -1;
    }
    for (i = 0; i < b->count; i++)
        post[b->d[i].self] = (long)i;
    for (i = 0; i < b->count; i++) {
        draft *d = &b->d[i];

        /* Sources first, then targets, then participants. */
        if (d->ev.actor_count > 1)
            qsort(d->actors, d->ev.actor_count, sizeof(*d->actors), cmp_role);
        snprintf(id, sizeof(id), "e%zu", i + 1);
        d->ev.id = id;
        /* The uid, and the event's one claim (sources[0]). */
        keys[i] = timeline_event_key(seed, &d->ev);
        for (k = 0, dup = 0; k < i; k++)
            dup += keys[k] == keys[i];
        if (dup)
            snprintf(uid, sizeof(uid), "%016" PRIx64 "-%u@dtl", keys[i], dup);
        else
            snprintf(uid, sizeof(uid), "%016" PRIx64 "@dtl", keys[i]);
        d->ev.uid = uid;
        src.doc = 0;
        src.uid = uid;
        src.status = d->ev.status;
        src.date = d->ev.date;
        d->ev.sources = &src;
        d->ev.source_count = 1;
        d->ev.date.anchor_event = NULL;
        if (d->anchor >= 0 && (g = b->group_of[d->anchor]) >= 0 &&
            post[g] != (long)i) {
            snprintf(aid, sizeof(aid), "e%ld", post[g] + 1);
            d->ev.date.anchor_event = aid;
        }
        src.date.anchor_event = d->ev.date.anchor_event;
        if (timeline_add_event(tl, &d->ev) != 0) {
            free(post);
            free(keys);
            return -1;
        }
    }
    free(post);
    free(keys);
    return timeline_finish(tl, seed, 0);
}

dtl_timeline *dtl_timeline_build(const dtl_rules *rules, const dtl_text *t,
                                 dtl_diag_fn diag, void *ctx, dtl_error *err)
{
    builder b;
    segmentation seg;
    tx_list tx = {NULL, 0, 0};
    ev_list evs = {NULL, 0, 0};
    matcher *m = NULL;
    dtl_timeline *tl = NULL;
    dtl_document doc;
    char idbuf[80];
    size_t len, i;
    int ok = 0;

    memset(&b, 0, sizeof(b));
    memset(&seg, 0, sizeof(seg));
    arena_init(&b.strings);
    m = matcher_new(rules, diag, ctx, dtl_text_name(t));
    tl = timeline_new();
    if (m == NULL || tl == NULL)
        goto done;
    memset(&doc, 0, sizeof(doc));
    doc.id = doc_id(t, idbuf, sizeof(idbuf));
    doc.title = dtl_text_meta(t, "title");
    doc.source = dtl_text_meta(t, "source");
    doc.path = dtl_text_name(t);
    doc.dct = dtl_text_date(t);
    if (timeline_add_document(tl, &doc) < 0)
        goto done;
    if (doc.dct == DTL_DAY_NONE)
        diag_warn(diag, ctx, dtl_text_name(t),
                  "no publication date: relative dates are left "
                  "unresolved (give a Date: header or --date)");
    /* Events first: the times of a text with no event are not needed,
     * and most texts of a feed have none (all but 279 of the 21,578
     * Reuters stories), so finding them is skipped there. */
    if (segment(rules, t, m, &seg) != DTL_OK ||
        event_detect(rules, t, &seg, m, 0, seg.count, &evs) != DTL_OK)
        goto done;
    if (evs.count > 0) {
        segment_attribute(rules, m, text_norm(t, &len), &seg);
        if (timex_detect(rules, t, &seg, m, 0, seg.count, &tx) != DTL_OK)
            goto done;
        event_eras(rules, text_norm(t, &len), doc.dct, &evs);
        if (anchor_events(rules, t, &seg, m, &tx, &evs) != DTL_OK)
            goto done;
    }
    b.rules = rules;
    b.person = rules_lexicon(rules, "person");
    b.text = t;
    b.seg = &seg;
    b.evs = &evs;
    b.s = text_norm(t, &len);
    b.group_of = malloc((evs.count + 1) * sizeof(long));
    if (b.group_of == NULL || group(&b) != 0 || emit(&b, tl, doc.id) != 0)
        goto done;
    ok = 1;
done:
    for (i = 0; i < b.count; i++)
        draft_free(&b.d[i]);
    free(b.d);
    free(b.group_of);
    arena_free(&b.strings);
    free(tx.v);
    free(evs.v);
    segmentation_free(&seg);
    matcher_free(m);
    if (!ok) {
        dtl_timeline_free(tl);
        diag_set(err, DTL_ENOMEM, dtl_text_name(t), 0, 0, "out of memory");
        return NULL;
    }
    return tl;
}
