/* SPDX-License-Identifier: MIT */
/*
 * merge.c - one timeline from many (dtl_merge).
 *
 * Documents are united by id.  Every input entry is an item; items that
 * share a source uid are one event from the start (a merged timeline fed
 * back in).  Then pairs scoring ALIGN_THRESHOLD or more join, best score
 * first, unless that would put two different entries of one document
 * into one event.  Items and pairs are ordered by their content, never
 * by input position, so the result does not depend on the order of the
 * inputs.  Each group becomes one entry: the sources of all its items,
 * their evidence, the union of their actors, the status of the newest
 * source, and the intersection of the sources' dates when they overlap,
 * else their span with the conflict flag.  Its uid is the uid the
 * earliest source gave it, so a calendar updates the entry as newer
 * articles come in; SEQUENCE counts the sources after the first.
 */
#include <dtl/diff.h>

#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "diag.h"
#include "timeline.h"
#include "util.h"

typedef struct item {
    const dtl_timeline *tl;
    size_t input; /* index of tl among the inputs */
    const dtl_event *ev;
    size_t *docs; /* merged document index of each source */
    long group;
} item;

typedef struct merger {
    dtl_timeline *out;
    item *items;
    size_t count;
    long *parent; /* union-find over items */
    size_t ndocs;
    /* Per input: its documents' merged indexes. */
    size_t **docmap;
} merger;

static long find(long *parent, long i)
{
    while (parent[i] != i) {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    return i;
}

static int cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Content order of items: type, dates, uid, summary. */
static int cmp_item(const void *pa, const void *pb)
{
    const item *a = pa, *b = pb;
    int c = strcmp(a->ev->type, b->ev->type);

    if (c)
        return c;
    if (a->ev->date.earliest != b->ev->date.earliest)
        return a->ev->date.earliest < b->ev->date.earliest ? -1 : 1;
    if (a->ev->date.latest != b->ev->date.latest)
        return a->ev->date.latest < b->ev->date.latest ? -1 : 1;
    c = cmp_str0(a->ev->uid, b->ev->uid);
    if (c)
        return c;
    c = cmp_str0(a->ev->summary, b->ev->summary);
    if (c)
        return c;
    return (int)a->ev->source_count - (int)b->ev->source_count;
}

typedef struct pair {
    size_t a, b;
    int score;
} pair;

static int cmp_pair(const void *pa, const void *pb)
{
    const pair *x = pa, *y = pb;

    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

/* ------------------------------------------------------------------ */
/* Documents                                                           */
/* ------------------------------------------------------------------ */

static int cmp_doc(const void *pa, const void *pb)
{
    const dtl_document *a = *(const dtl_document *const *)pa;
    const dtl_document *b = *(const dtl_document *const *)pb;

    if (a->dct != b->dct) {
        if (a->dct == DTL_DAY_NONE)
            return 1;
        if (b->dct == DTL_DAY_NONE)
            return -1;
        return a->dct < b->dct ? -1 : 1;
    }
    return strcmp(a->id, b->id);
}

static int merge_docs(merger *m, const dtl_timeline *const *tls, size_t n)
{
    const dtl_document **all = NULL;
    size_t total = 0, i, j, k, u = 0;
    int rc = -1;

    for (i = 0; i < n; i++)
        total += dtl_timeline_document_count(tls[i]);
    all = malloc((total + 1) * sizeof(*all));
    m->docmap = calloc(n + 1, sizeof(*m->docmap));
    if (all == NULL || m->docmap == NULL)
        goto out;
    for (i = 0, k = 0; i < n; i++)
        for (j = 0; j < dtl_timeline_document_count(tls[i]); j++)
            all[k++] = dtl_timeline_document(tls[i], j);
    if (total > 1)
        qsort(all, total, sizeof(*all), cmp_doc);
    for (k = 0; k < total; k++) {
        if (k && strcmp(all[k]->id, all[u - 1]->id) == 0)
            continue;
        all[u++] = all[k];
    }
    /* Documents with the same id but different dates: keep the first
     * by date, as sorted. */
    for (k = 0; k < u; k++) {
        size_t q;

        for (q = 0; q < k; q++)
            if (strcmp(all[q]->id, all[k]->id) == 0)
                break;
        if (q < k)
            continue;
        if (timeline_add_document(m->out, all[k]) < 0)
            goto out;
    }
    m->ndocs = dtl_timeline_document_count(m->out);
    for (i = 0; i < n; i++) {
        size_t nd = dtl_timeline_document_count(tls[i]);

        m->docmap[i] = calloc(nd + 1, sizeof(size_t));
        if (m->docmap[i] == NULL)
            goto out;
        for (j = 0; j < nd; j++) {
            const char *id = dtl_timeline_document(tls[i], j)->id;

            for (k = 0; k < m->ndocs; k++)
                if (strcmp(dtl_timeline_document(m->out, k)->id, id) == 0)
                    m->docmap[i][j] = k;
        }
    }
    rc = 0;
out:
    free(all);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Grouping                                                            */
/* ------------------------------------------------------------------ */

static int shares_uid(const item *a, const item *b)
{
    size_t i, j;

    for (i = 0; i < a->ev->source_count; i++)
        for (j = 0; j < b->ev->source_count; j++)
            if (a->docs[i] == b->docs[j] && a->ev->sources[i].uid &&
                b->ev->sources[j].uid &&
                strcmp(a->ev->sources[i].uid, b->ev->sources[j].uid) == 0)
                return 1;
    return 0;
}

/* Whether groups ga and gb hold a document in common. */
static int groups_share_doc(merger *m, long ga, long gb)
{
    size_t i, j, k, l;

    for (i = 0; i < m->count; i++) {
        if (find(m->parent, (long)i) != ga)
            continue;
        for (j = 0; j < m->count; j++) {
            if (find(m->parent, (long)j) != gb)
                continue;
            for (k = 0; k < m->items[i].ev->source_count; k++)
                for (l = 0; l < m->items[j].ev->source_count; l++)
                    if (m->items[i].docs[k] == m->items[j].docs[l])
                        return 1;
        }
    }
    return 0;
}

static int group_items(merger *m)
{
    pair *pairs = NULL;
    size_t np = 0, cap = 0, i, j;

    for (i = 0; i < m->count; i++)
        for (j = i + 1; j < m->count; j++)
            if (shares_uid(&m->items[i], &m->items[j]))
                m->parent[find(m->parent, (long)j)] = find(m->parent, (long)i);
    for (i = 0; i < m->count; i++) {
        for (j = i + 1; j < m->count; j++) {
            int s = align_score(m->items[i].ev, m->items[j].ev);

            if (s < ALIGN_THRESHOLD)
                continue;
            if (util_grow((void **)&pairs, &cap, np + 1, sizeof(*pairs))) {
                free(pairs);
                return -1;
            }
            pairs[np].a = i;
            pairs[np].b = j;
            pairs[np].score = s;
            np++;
        }
    }
    if (np > 1)
        qsort(pairs, np, sizeof(*pairs), cmp_pair);
    for (i = 0; i < np; i++) {
        long ga = find(m->parent, (long)pairs[i].a);
        long gb = find(m->parent, (long)pairs[i].b);

        if (ga == gb || groups_share_doc(m, ga, gb))
            continue;
        m->parent[gb] = ga;
    }
    free(pairs);
    return 0;
}

/* ------------------------------------------------------------------ */
/* One entry per group                                                 */
/* ------------------------------------------------------------------ */

typedef struct acc {
    dtl_actor *actors;
    size_t nact, cact;
    dtl_evidence *ev;
    size_t nev, cev;
    dtl_source *src;
    size_t nsrc, csrc;
} acc;

static int add_actor(acc *a, const dtl_actor *x)
{
    size_t i;

    for (i = 0; i < a->nact; i++)
        if (strcmp(actor_key(&a->actors[i]), actor_key(x)) == 0 &&
            a->actors[i].role == x->role)
            return 0;
    if (util_grow((void **)&a->actors, &a->cact, a->nact + 1,
                  sizeof(*a->actors)))
        return -1;
    a->actors[a->nact++] = *x;
    return 0;
}

static int add_evidence(acc *a, const dtl_evidence *x, size_t doc)
{
    size_t i;

    for (i = 0; i < a->nev; i++)
        if (a->ev[i].doc == doc && a->ev[i].start == x->start &&
            strcmp(a->ev[i].text, x->text) == 0)
            return 0;
    if (util_grow((void **)&a->ev, &a->cev, a->nev + 1, sizeof(*a->ev)))
        return -1;
    a->ev[a->nev] = *x;
    a->ev[a->nev++].doc = doc;
    return 0;
}

static int add_source(acc *a, const dtl_source *x, size_t doc)
{
    size_t i;

    for (i = 0; i < a->nsrc; i++)
        if (a->src[i].doc == doc && cmp_str0(a->src[i].uid, x->uid) == 0)
            return 0;
    if (util_grow((void **)&a->src, &a->csrc, a->nsrc + 1, sizeof(*a->src)))
        return -1;
    a->src[a->nsrc] = *x;
    a->src[a->nsrc].doc = doc;
    a->src[a->nsrc].date.anchor_event = NULL;
    a->nsrc++;
    return 0;
}

static int cmp_actor(const void *pa, const void *pb)
{
    const dtl_actor *a = pa, *b = pb;

    if (a->role != b->role)
        return a->role < b->role ? -1 : 1;
    return strcmp(a->name, b->name);
}

static int cmp_evidence(const void *pa, const void *pb)
{
    const dtl_evidence *a = pa, *b = pb;

    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return strcmp(a->text, b->text);
}

static int cmp_source(const void *pa, const void *pb)
{
    const dtl_source *a = pa, *b = pb;

    if (a->doc != b->doc)
        return a->doc < b->doc ? -1 : 1;
    return cmp_str0(a->uid, b->uid);
}

/* The label of a summary: the text before ": ". */
static size_t label_len(const char *summary)
{
    const char *c = strstr(summary, ": ");

    return c ? (size_t)(c - summary) : strlen(summary);
}

static int emit_group(merger *m, long g)
{
    acc a;
    dtl_event e;
    const item *rep = NULL;
    size_t i, k, docs_seen = 0;
    int rc = -1, all_overlap = 1, newest_doc = -1;
    char label[128], *lab;
    unsigned char *seen = calloc(m->ndocs + 1, 1);

    memset(&a, 0, sizeof(a));
    if (seen == NULL)
        return -1;
    for (i = 0; i < m->count; i++) {
        const item *it = &m->items[i];

        if (find(m->parent, (long)i) != g)
            continue;
        /* The representative: the item of the earliest document. */
        if (rep == NULL || it->docs[0] < rep->docs[0])
            rep = it;
        for (k = 0; k < it->ev->actor_count; k++)
            if (add_actor(&a, &it->ev->actors[k]))
                goto out;
        for (k = 0; k < it->ev->evidence_count; k++) {
            size_t d = it->ev->evidence[k].doc;
            size_t nd = dtl_timeline_document_count(it->tl);

            if (add_evidence(&a, &it->ev->evidence[k],
                             m->docmap[it->input][d < nd ? d : 0]))
                goto out;
        }
        for (k = 0; k < it->ev->source_count; k++)
            if (add_source(&a, &it->ev->sources[k], it->docs[k]))
                goto out;
    }
    if (rep == NULL) {
        rc = 0;
        goto out;
    }
    if (a.nact > 1)
        qsort(a.actors, a.nact, sizeof(*a.actors), cmp_actor);
    if (a.nev > 1)
        qsort(a.ev, a.nev, sizeof(*a.ev), cmp_evidence);
    if (a.nsrc > 1)
        qsort(a.src, a.nsrc, sizeof(*a.src), cmp_source);
    e = *rep->ev;
    e.id = NULL;
    e.actors = a.actors;
    e.actor_count = a.nact;
    e.evidence = a.ev;
    e.evidence_count = a.nev;
    e.sources = a.src;
    e.source_count = a.nsrc;
    e.uid = a.src[0].uid ? a.src[0].uid : rep->ev->uid;
    e.date = a.src[0].date;
    e.date.anchor_event = NULL;
    for (i = 0; i < a.nsrc; i++) {
        if (!seen[a.src[i].doc]) {
            seen[a.src[i].doc] = 1;
            docs_seen++;
        }
        newest_doc = (int)a.src[i].doc; /* sources sorted by doc */
        for (k = 0; k < i; k++)
            if (!when_overlap(&a.src[i].date, &a.src[k].date))
                all_overlap = 0;
    }
    if (all_overlap) {
        for (i = 1; i < a.nsrc; i++)
            when_intersect(&e.date, &a.src[i].date);
        e.conflict = 0;
    } else {
        /* Disagreeing sources: the span of their claims. */
        for (i = 1; i < a.nsrc; i++) {
            if (a.src[i].date.earliest < e.date.earliest)
                e.date.earliest = a.src[i].date.earliest;
            if (a.src[i].date.latest > e.date.latest)
                e.date.latest = a.src[i].date.latest;
        }
        e.date.certainty = DTL_CERT_APPROX;
        e.date.anchor = DTL_ANCHOR_NONE;
        e.date.anchor_text = NULL;
        {
            char x[11], y[11];

            dtl_date_format(e.date.earliest, x);
            dtl_date_format(e.date.latest, y);
            snprintf(e.date.value, sizeof(e.date.value), "%s/%s", x, y);
        }
        e.conflict = 1;
    }
    /* The newest source tells what became of a plan. */
    for (i = a.nsrc; i-- > 0;) {
        if ((int)a.src[i].doc == newest_doc) {
            e.status = a.src[i].status;
            break;
        }
    }
    e.sequence = docs_seen ? (unsigned)(docs_seen - 1) : 0;
    snprintf(label, sizeof(label), "%.*s", (int)label_len(rep->ev->summary),
             rep->ev->summary);
    lab = timeline_summary(timeline_arena(m->out), label, &e);
    if (lab == NULL)
        goto out;
    e.summary = lab;
    rc = timeline_add_event(m->out, &e);
out:
    free(seen);
    free(a.actors);
    free(a.ev);
    free(a.src);
    return rc;
}

dtl_timeline *dtl_merge(const dtl_timeline *const *tls, size_t n,
                        dtl_error *err)
{
    merger m;
    size_t i, j, k, total = 0;
    int ok = 0;

    memset(&m, 0, sizeof(m));
    m.out = timeline_new();
    if (m.out == NULL || merge_docs(&m, tls, n) != 0)
        goto done;
    for (i = 0; i < n; i++)
        total += dtl_timeline_event_count(tls[i]);
    m.items = calloc(total + 1, sizeof(*m.items));
    m.parent = malloc((total + 1) * sizeof(long));
    if (m.items == NULL || m.parent == NULL)
        goto done;
    for (i = 0; i < n; i++) {
        for (j = 0; j < dtl_timeline_event_count(tls[i]); j++) {
            item *it = &m.items[m.count];
            const dtl_event *ev = dtl_timeline_event(tls[i], j);

            it->tl = tls[i];
            it->input = i;
            it->ev = ev;
            it->docs = calloc(ev->source_count + 1, sizeof(size_t));
            if (it->docs == NULL)
                goto done;
            for (k = 0; k < ev->source_count; k++)
                it->docs[k] =
                    m.docmap[i][ev->sources[k].doc <
                                        dtl_timeline_document_count(tls[i])
                                    ? ev->sources[k].doc
                                    : 0];
            m.count++;
        }
    }
    qsort(m.items, m.count, sizeof(*m.items), cmp_item);
    for (i = 0; i < m.count; i++)
        m.parent[i] = (long)i;
    if (group_items(&m) != 0)
        goto done;
    for (i = 0; i < m.count; i++)
        if (find(m.parent, (long)i) == (long)i && emit_group(&m, (long)i) != 0)
            goto done;
    if (timeline_finish(m.out, "merge", 1) != 0)
        goto done;
    ok = 1;
done:
    for (i = 0; i < m.count; i++)
        free(m.items[i].docs);
    free(m.items);
    free(m.parent);
    for (i = 0; m.docmap && i < n; i++)
        free(m.docmap[i]);
    free(m.docmap);
    if (!ok) {
        dtl_timeline_free(m.out);
        diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
        return NULL;
    }
    return m.out;
}
