/* SPDX-License-Identifier: MIT */
/*
 * diff.c - comparing two timelines (dtl_diff_new) and writing the
 * result as text (like diff -u) or JSON.
 *
 * Alignment: every pair of entries scores with align_score(); pairs at
 * or above ALIGN_THRESHOLD are taken greedily, best score first, one to
 * one.  Ties are broken by the pair's uids, so swapping the two
 * timelines swaps "added" and "removed" and nothing else.  A matched
 * pair is "same" or "changed" (date refined, moved or in conflict;
 * status, actors, place or type changed).
 */
#include <dtl/diff.h>

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "buf.h"
#include "diag.h"
#include "timeline.h"
#include "util.h"

struct dtl_diff {
    dtl_diff_entry *v;
    size_t count;
    size_t differences;
};

typedef struct pair {
    size_t o, n;
    int score;
    const char *ko, *kn; /* uids, for ties */
} pair;

static int cmp_str0(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* Best score first; ties by the smaller, then the larger uid of the
 * pair, whichever side it is on. */
static int cmp_pair(const void *pa, const void *pb)
{
    const pair *a = pa, *b = pb;
    const char *a1, *a2, *b1, *b2;
    int c;

    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    a1 = cmp_str0(a->ko, a->kn) <= 0 ? a->ko : a->kn;
    a2 = a1 == a->ko ? a->kn : a->ko;
    b1 = cmp_str0(b->ko, b->kn) <= 0 ? b->ko : b->kn;
    b2 = b1 == b->ko ? b->kn : b->ko;
    c = cmp_str0(a1, b1);
    if (c)
        return c;
    c = cmp_str0(a2, b2);
    if (c)
        return c;
    /* Identical uids: fall back to positions (deterministic). */
    if (a->o != b->o)
        return a->o < b->o ? -1 : 1;
    return a->n < b->n ? -1 : a->n > b->n;
}

static int same_actors(const dtl_event *a, const dtl_event *b)
{
    size_t i, j;

    if (a->actor_count != b->actor_count)
        return 0;
    for (i = 0; i < a->actor_count; i++) {
        for (j = 0; j < b->actor_count; j++)
            if (strcmp(actor_key(&a->actors[i]), actor_key(&b->actors[j])) ==
                    0 &&
                a->actors[i].role == b->actors[j].role)
                break;
        if (j == b->actor_count)
            return 0;
    }
    return 1;
}

static unsigned changes_of(const dtl_event *o, const dtl_event *n)
{
    unsigned c = 0;

    if (o->date.earliest != n->date.earliest ||
        o->date.latest != n->date.latest) {
        if (when_gap(&o->date, &n->date) > 0 ||
            !when_overlap(&o->date, &n->date))
            c |= DTL_CHANGE_DATE_CONFLICT;
        else if (when_contains(&o->date, &n->date) ||
                 when_contains(&n->date, &o->date))
            c |= DTL_CHANGE_DATE_REFINED;
        else
            c |= DTL_CHANGE_DATE_MOVED;
    }
    if (o->status != n->status)
        c |= DTL_CHANGE_STATUS;
    if (!same_actors(o, n))
        c |= DTL_CHANGE_ACTORS;
    /* "Red Sea" in a timeline of an older version is "the Red Sea" */
    if (strcmp(timeline_place_key(o->location),
               timeline_place_key(n->location)) != 0)
        c |= DTL_CHANGE_LOCATION;
    if (strcmp(o->type, n->type) != 0)
        c |= DTL_CHANGE_TYPE;
    return c;
}

static const dtl_event *entry_event(const dtl_diff_entry *e)
{
    return e->new_ev ? e->new_ev : e->old_ev;
}

static int cmp_entry(const void *pa, const void *pb)
{
    const dtl_diff_entry *a = pa, *b = pb;
    int c = timeline_cmp_events(entry_event(a), entry_event(b));

    if (c)
        return c;
    return (int)a->kind - (int)b->kind;
}

dtl_diff *dtl_diff_new(const dtl_timeline *ot, const dtl_timeline *nt)
{
    size_t no = dtl_timeline_event_count(ot), nn = dtl_timeline_event_count(nt);
    size_t i, j, np = 0, cap = 0;
    pair *pairs = NULL;
    char *used_o = calloc(no + 1, 1), *used_n = calloc(nn + 1, 1);
    dtl_diff *d = calloc(1, sizeof(*d));

    if (used_o == NULL || used_n == NULL || d == NULL)
        goto fail;
    d->v = calloc(no + nn + 1, sizeof(*d->v));
    if (d->v == NULL)
        goto fail;
    for (i = 0; i < no; i++) {
        const dtl_event *a = dtl_timeline_event(ot, i);

        for (j = 0; j < nn; j++) {
            const dtl_event *b = dtl_timeline_event(nt, j);
            int s = align_score(a, b);

            if (s < ALIGN_THRESHOLD)
                continue;
            if (util_grow((void **)&pairs, &cap, np + 1, sizeof(*pairs)))
                goto fail;
            pairs[np].o = i;
            pairs[np].n = j;
            pairs[np].score = s;
            pairs[np].ko = a->uid;
            pairs[np].kn = b->uid;
            np++;
        }
    }
    if (np > 1)
        qsort(pairs, np, sizeof(*pairs), cmp_pair);
    for (i = 0; i < np; i++) {
        dtl_diff_entry *e;

        if (used_o[pairs[i].o] || used_n[pairs[i].n])
            continue;
        used_o[pairs[i].o] = used_n[pairs[i].n] = 1;
        e = &d->v[d->count++];
        e->old_ev = dtl_timeline_event(ot, pairs[i].o);
        e->new_ev = dtl_timeline_event(nt, pairs[i].n);
        e->score = pairs[i].score;
        e->changes = changes_of(e->old_ev, e->new_ev);
        e->kind = e->changes ? DTL_DIFF_CHANGED : DTL_DIFF_SAME;
    }
    for (i = 0; i < no; i++) {
        if (used_o[i])
            continue;
        d->v[d->count].kind = DTL_DIFF_REMOVED;
        d->v[d->count++].old_ev = dtl_timeline_event(ot, i);
    }
    for (j = 0; j < nn; j++) {
        if (used_n[j])
            continue;
        d->v[d->count].kind = DTL_DIFF_ADDED;
        d->v[d->count++].new_ev = dtl_timeline_event(nt, j);
    }
    if (d->count > 1)
        qsort(d->v, d->count, sizeof(*d->v), cmp_entry);
    for (i = 0; i < d->count; i++)
        d->differences += d->v[i].kind != DTL_DIFF_SAME;
    free(pairs);
    free(used_o);
    free(used_n);
    return d;
fail:
    free(pairs);
    free(used_o);
    free(used_n);
    dtl_diff_free(d);
    return NULL;
}

void dtl_diff_free(dtl_diff *d)
{
    if (d == NULL)
        return;
    free(d->v);
    free(d);
}

size_t dtl_diff_count(const dtl_diff *d)
{
    return d->count;
}

const dtl_diff_entry *dtl_diff_entry_at(const dtl_diff *d, size_t i)
{
    return i < d->count ? &d->v[i] : NULL;
}

size_t dtl_diff_differences(const dtl_diff *d)
{
    return d->differences;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

static const char *const change_names[] = {
    "date_refined", "date_conflict", "date_moved", "status",
    "actors",       "location",      "type"};

static void actors_str(buf *b, const dtl_event *e)
{
    size_t i;

    if (e->actor_count == 0)
        buf_puts(b, "(none)");
    for (i = 0; i < e->actor_count; i++)
        buf_printf(b, "%s%s (%s)", i ? ", " : "", e->actors[i].name,
                   dtl_role_name(e->actors[i].role));
}

#define RED   "\033[31m"
#define GREEN "\033[32m"
#define CYAN  "\033[36m"
#define BOLD  "\033[1m"
#define RESET "\033[0m"

static void line_event(buf *b, char sign, const dtl_event *e, int color)
{
    char w[32];

    timeline_when_text(&e->date, 0, w, sizeof(w));
    buf_printf(b, "%s%c %-4s %-22s %s%s\n",
               color ? (sign == '-' ? RED : GREEN) : "", sign, e->id, w,
               e->summary, color ? RESET : "");
}

dtl_status dtl_diff_write_text(const dtl_diff *d, const char *old_name,
                               const char *new_name, FILE *out, int color,
                               dtl_error *err)
{
    buf b;
    size_t i;
    char w1[32], w2[32];

    if (d->differences == 0)
        return DTL_OK;
    buf_init(&b, 0);
    buf_printf(&b, "%s--- %s\n+++ %s%s\n", color ? BOLD : "", old_name,
               new_name, color ? RESET : "");
    for (i = 0; i < d->count; i++) {
        const dtl_diff_entry *e = &d->v[i];

        if (e->kind == DTL_DIFF_SAME)
            continue;
        if (e->kind == DTL_DIFF_REMOVED) {
            line_event(&b, '-', e->old_ev, color);
            continue;
        }
        if (e->kind == DTL_DIFF_ADDED) {
            line_event(&b, '+', e->new_ev, color);
            continue;
        }
        buf_printf(&b, "%s@@ %s -> %s: %s @@%s\n", color ? CYAN : "",
                   e->old_ev->id, e->new_ev->id, e->new_ev->summary,
                   color ? RESET : "");
        if (e->changes & (DTL_CHANGE_DATE_REFINED | DTL_CHANGE_DATE_MOVED |
                          DTL_CHANGE_DATE_CONFLICT)) {
            timeline_when_text(&e->old_ev->date, 0, w1, sizeof(w1));
            timeline_when_text(&e->new_ev->date, 0, w2, sizeof(w2));
            buf_printf(&b, "  date: %s%s%s -> %s%s%s (%s)\n", color ? RED : "",
                       w1, color ? RESET : "", color ? GREEN : "", w2,
                       color ? RESET : "",
                       e->changes & DTL_CHANGE_DATE_CONFLICT  ? "conflict"
                       : e->changes & DTL_CHANGE_DATE_REFINED ? "refined"
                                                              : "moved");
        }
        if (e->changes & DTL_CHANGE_STATUS)
            buf_printf(&b, "  status: %s -> %s\n",
                       dtl_event_status_name(e->old_ev->status),
                       dtl_event_status_name(e->new_ev->status));
        if (e->changes & DTL_CHANGE_TYPE)
            buf_printf(&b, "  type: %s -> %s\n", e->old_ev->type,
                       e->new_ev->type);
        if (e->changes & DTL_CHANGE_ACTORS) {
            buf_puts(&b, "  actors: ");
            actors_str(&b, e->old_ev);
            buf_puts(&b, " -> ");
            actors_str(&b, e->new_ev);
            buf_puts(&b, "\n");
        }
        if (e->changes & DTL_CHANGE_LOCATION)
            buf_printf(&b, "  location: %s -> %s\n",
                       e->old_ev->location ? e->old_ev->location : "(none)",
                       e->new_ev->location ? e->new_ev->location : "(none)");
    }
    if (b.data == NULL || fwrite(b.data, 1, b.len, out) != b.len) {
        buf_free(&b);
        return diag_set(err, DTL_EIO, "", 0, 0, "write error");
    }
    buf_free(&b);
    return DTL_OK;
}

static cJSON *brief(const dtl_event *e)
{
    cJSON *o = cJSON_CreateObject(), *arr;
    char a[11], b[11];
    size_t i;

    if (o == NULL)
        return NULL;
    dtl_date_format(e->date.earliest, a);
    dtl_date_format(e->date.latest, b);
    cJSON_AddStringToObject(o, "id", e->id);
    cJSON_AddStringToObject(o, "uid", e->uid ? e->uid : "");
    cJSON_AddStringToObject(o, "type", e->type);
    cJSON_AddStringToObject(o, "status", dtl_event_status_name(e->status));
    cJSON_AddStringToObject(o, "summary", e->summary);
    if (e->date.earliest == DTL_DAY_NONE)
        cJSON_AddNullToObject(o, "earliest");
    else
        cJSON_AddStringToObject(o, "earliest", a);
    if (e->date.latest == DTL_DAY_NONE)
        cJSON_AddNullToObject(o, "latest");
    else
        cJSON_AddStringToObject(o, "latest", b);
    cJSON_AddStringToObject(o, "certainty",
                            dtl_certainty_name(e->date.certainty));
    arr = cJSON_AddArrayToObject(o, "actors");
    for (i = 0; arr && i < e->actor_count; i++) {
        cJSON *ac = cJSON_CreateObject();

        cJSON_AddStringToObject(ac, "name", e->actors[i].name);
        cJSON_AddStringToObject(ac, "code", e->actors[i].code);
        cJSON_AddStringToObject(ac, "role", dtl_role_name(e->actors[i].role));
        cJSON_AddItemToArray(arr, ac);
    }
    if (e->location)
        cJSON_AddStringToObject(o, "location", e->location);
    else
        cJSON_AddNullToObject(o, "location");
    return o;
}

dtl_status dtl_diff_write_json(const dtl_diff *d, const char *old_name,
                               const char *new_name, FILE *out, dtl_error *err)
{
    static const char *const kinds[] = {"same", "changed", "removed", "added"};
    cJSON *root = cJSON_CreateObject(), *arr;
    size_t i, k;
    char *s;

    if (root == NULL)
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    cJSON_AddNumberToObject(root, "dtl_diff", 1);
    cJSON_AddStringToObject(root, "old", old_name);
    cJSON_AddStringToObject(root, "new", new_name);
    cJSON_AddNumberToObject(root, "differences", (double)d->differences);
    arr = cJSON_AddArrayToObject(root, "entries");
    for (i = 0; arr && i < d->count; i++) {
        const dtl_diff_entry *e = &d->v[i];
        cJSON *o = cJSON_CreateObject(), *ch;

        cJSON_AddItemToArray(arr, o);
        cJSON_AddStringToObject(o, "kind", kinds[e->kind]);
        ch = cJSON_AddArrayToObject(o, "changes");
        for (k = 0; ch && k < sizeof(change_names) / sizeof(*change_names); k++)
            if (e->changes & (1u << k))
                cJSON_AddItemToArray(ch, cJSON_CreateString(change_names[k]));
        if (e->kind == DTL_DIFF_SAME || e->kind == DTL_DIFF_CHANGED)
            cJSON_AddNumberToObject(o, "score", e->score);
        if (e->old_ev)
            cJSON_AddItemToObject(o, "old", brief(e->old_ev));
        else
            cJSON_AddNullToObject(o, "old");
        if (e->new_ev)
            cJSON_AddItemToObject(o, "new", brief(e->new_ev));
        else
            cJSON_AddNullToObject(o, "new");
    }
    s = cJSON_Print(root);
    cJSON_Delete(root);
    if (s == NULL)
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    if (fputs(s, out) == EOF || fputc('\n', out) == EOF) {
        cJSON_free(s);
        return diag_set(err, DTL_EIO, "", 0, 0, "write error");
    }
    cJSON_free(s);
    return DTL_OK;
}
