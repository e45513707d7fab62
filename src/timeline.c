/* SPDX-License-Identifier: MIT */
/*
 * timeline.c - the dtl_timeline object: documents and events, every
 * string owned by one arena, events sorted by date and numbered.
 * Stable identifiers: an event's UID hashes its document id, type,
 * actor codes and place (plus a counter when two events share them),
 * never its date or wording, so an updated article updates the
 * calendar entry instead of adding one.
 */
#include "timeline.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "util.h"

struct dtl_timeline {
    arena mem;
    dtl_document *docs;
    size_t doc_count, doc_cap;
    dtl_event *events;
    size_t count, cap;
};

dtl_timeline *timeline_new(void)
{
    dtl_timeline *tl = calloc(1, sizeof(*tl));

    if (tl)
        arena_init(&tl->mem);
    return tl;
}

void dtl_timeline_free(dtl_timeline *tl)
{
    if (tl == NULL)
        return;
    arena_free(&tl->mem);
    free(tl->docs);
    free(tl->events);
    free(tl);
}

arena *timeline_arena(dtl_timeline *tl)
{
    return &tl->mem;
}

static const char *dup0(arena *a, const char *s)
{
    return s ? arena_strdup(a, s) : NULL;
}

long timeline_add_document(dtl_timeline *tl, const dtl_document *doc)
{
    dtl_document *d;

    if (util_grow((void **)&tl->docs, &tl->doc_cap, tl->doc_count + 1,
                  sizeof(*tl->docs)) != 0)
        return -1;
    d = &tl->docs[tl->doc_count];
    d->id = dup0(&tl->mem, doc->id ? doc->id : "");
    d->title = dup0(&tl->mem, doc->title ? doc->title : "");
    d->source = dup0(&tl->mem, doc->source ? doc->source : "");
    d->path = dup0(&tl->mem, doc->path ? doc->path : "");
    d->dct = doc->dct;
    if (!d->id || !d->title || !d->source || !d->path)
        return -1;
    return (long)tl->doc_count++;
}

static int copy_when(arena *a, dtl_when *dst, const dtl_when *src)
{
    *dst = *src;
    if (src->anchor_event &&
        (dst->anchor_event = arena_strdup(a, src->anchor_event)) == NULL)
        return -1;
    if (src->anchor_text &&
        (dst->anchor_text = arena_strdup(a, src->anchor_text)) == NULL)
        return -1;
    return 0;
}

int timeline_add_event(dtl_timeline *tl, const dtl_event *ev)
{
    arena *a = &tl->mem;
    dtl_event *e;
    dtl_actor *ac;
    dtl_evidence *evd;
    dtl_source *so;
    size_t i;

    if (util_grow((void **)&tl->events, &tl->cap, tl->count + 1,
                  sizeof(*tl->events)) != 0)
        return -1;
    e = &tl->events[tl->count];
    *e = *ev;
    if ((ev->id && !(e->id = arena_strdup(a, ev->id))) ||
        (ev->uid && !(e->uid = arena_strdup(a, ev->uid))) ||
        !(e->type = arena_strdup(a, ev->type ? ev->type : "")) ||
        !(e->cameo = arena_strdup(a, ev->cameo ? ev->cameo : "")) ||
        !(e->summary = arena_strdup(a, ev->summary ? ev->summary : "")) ||
        (ev->location && !(e->location = arena_strdup(a, ev->location))) ||
        (ev->location_code &&
         !(e->location_code = arena_strdup(a, ev->location_code))) ||
        (ev->weapon && !(e->weapon = arena_strdup(a, ev->weapon))) ||
        copy_when(a, &e->date, &ev->date) != 0)
        return -1;
    ac = ev->actor_count ? arena_alloc(a, ev->actor_count * sizeof(*ac)) : NULL;
    if (ev->actor_count && ac == NULL)
        return -1;
    for (i = 0; i < ev->actor_count; i++) {
        ac[i].role = ev->actors[i].role;
        if (!(ac[i].name = arena_strdup(a, ev->actors[i].name)) ||
            !(ac[i].code = arena_strdup(a, ev->actors[i].code)))
            return -1;
    }
    e->actors = ac;
    evd = ev->evidence_count ? arena_alloc(a, ev->evidence_count * sizeof(*evd))
                             : NULL;
    if (ev->evidence_count && evd == NULL)
        return -1;
    for (i = 0; i < ev->evidence_count; i++) {
        evd[i] = ev->evidence[i];
        if (!(evd[i].text = arena_strdup(a, ev->evidence[i].text)) ||
            !(evd[i].rule = arena_strdup(a, ev->evidence[i].rule)))
            return -1;
    }
    e->evidence = evd;
    so = ev->source_count ? arena_alloc(a, ev->source_count * sizeof(*so))
                          : NULL;
    if (ev->source_count && so == NULL)
        return -1;
    for (i = 0; i < ev->source_count; i++) {
        so[i] = ev->sources[i];
        if ((ev->sources[i].uid &&
             !(so[i].uid = arena_strdup(a, ev->sources[i].uid))) ||
            copy_when(a, &so[i].date, &ev->sources[i].date) != 0)
            return -1;
    }
    e->sources = so;
    tl->count++;
    return 0;
}

/* Date order: earliest day, then latest, undated last; ties keep the
 * order of the text (first evidence). */
static int cmp_event(const void *pa, const void *pb)
{
    const dtl_event *a = pa, *b = pb;
    dtl_day ea = a->date.earliest, eb = b->date.earliest;
    size_t sa, sb;

    if (ea != eb) {
        if (ea == DTL_DAY_NONE)
            return 1;
        if (eb == DTL_DAY_NONE)
            return -1;
        return ea < eb ? -1 : 1;
    }
    if (a->date.latest != b->date.latest) {
        if (a->date.latest == DTL_DAY_NONE)
            return 1;
        if (b->date.latest == DTL_DAY_NONE)
            return -1;
        return a->date.latest < b->date.latest ? -1 : 1;
    }
    sa = a->evidence_count
             ? a->evidence[0].doc * 0x100000000ULL + a->evidence[0].start
             : 0;
    sb = b->evidence_count
             ? b->evidence[0].doc * 0x100000000ULL + b->evidence[0].start
             : 0;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    if (strcmp(a->type, b->type) != 0)
        return strcmp(a->type, b->type);
    return strcmp(a->summary ? a->summary : "", b->summary ? b->summary : "");
}

int timeline_cmp_events(const dtl_event *a, const dtl_event *b)
{
    return cmp_event(a, b);
}

static int cmp_code(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

uint64_t timeline_event_key(const char *seed, const dtl_event *e)
{
    const char *codes[64];
    size_t n = 0, i;
    uint64_t h = util_fnv1a(seed, strlen(seed) + 1, UTIL_FNV_SEED);

    h = util_fnv1a(e->type, strlen(e->type) + 1, h);
    for (i = 0; i < e->actor_count && n < 64; i++)
        codes[n++] = *e->actors[i].code ? e->actors[i].code : e->actors[i].name;
    if (n > 1)
        qsort(codes, n, sizeof(*codes), cmp_code);
    for (i = 0; i < n; i++) {
        if (i && strcmp(codes[i], codes[i - 1]) == 0)
            continue;
        h = util_fnv1a(codes[i], strlen(codes[i]) + 1, h);
    }
    if (e->location) {
        const char *loc = timeline_place_key(e->location);

        h = util_fnv1a(loc, strlen(loc) + 1, h);
    }
    return h;
}

const char *timeline_place_key(const char *place)
{
    if (place == NULL)
        return "";
    return strncmp(place, "the ", 4) == 0 ? place + 4 : place;
}

int timeline_finish(dtl_timeline *tl, const char *seed, int sort)
{
    size_t i, j;
    uint64_t *keys = NULL;
    char idb[48];

    if (sort && tl->count > 1)
        qsort(tl->events, tl->count, sizeof(*tl->events), cmp_event);
    if (tl->count && (keys = malloc(tl->count * sizeof(*keys))) == NULL)
        return -1;
    for (i = 0; i < tl->count; i++) {
        dtl_event *e = &tl->events[i];
        unsigned dup = 0;

        snprintf(idb, sizeof(idb), "e%zu", i + 1);
        if ((sort || e->id == NULL) &&
            (e->id = arena_strdup(&tl->mem, idb)) == NULL)
            goto fail;
        keys[i] = timeline_event_key(seed ? seed : "", e);
        if (e->uid)
            continue;
        for (j = 0; j < i; j++)
            dup += keys[j] == keys[i];
        if (dup)
            snprintf(idb, sizeof(idb), "%016" PRIx64 "-%u@dtl", keys[i], dup);
        else
            snprintf(idb, sizeof(idb), "%016" PRIx64 "@dtl", keys[i]);
        if ((e->uid = arena_strdup(&tl->mem, idb)) == NULL)
            goto fail;
    }
    free(keys);
    return 0;
fail:
    free(keys);
    return -1;
}

size_t dtl_timeline_event_count(const dtl_timeline *tl)
{
    return tl->count;
}

const dtl_event *dtl_timeline_event(const dtl_timeline *tl, size_t i)
{
    return i < tl->count ? &tl->events[i] : NULL;
}

dtl_event *timeline_event_mut(dtl_timeline *tl, size_t i)
{
    return i < tl->count ? &tl->events[i] : NULL;
}

size_t dtl_timeline_document_count(const dtl_timeline *tl)
{
    return tl->doc_count;
}

const dtl_document *dtl_timeline_document(const dtl_timeline *tl, size_t i)
{
    return i < tl->doc_count ? &tl->docs[i] : NULL;
}

/* Appends the names of ev's actors with role, after sep; returns how
 * many were appended. */
static size_t append_names(buf *b, const dtl_event *ev, dtl_role role,
                           const char *sep)
{
    size_t i, n = 0;

    for (i = 0; i < ev->actor_count; i++) {
        if (ev->actors[i].role != role)
            continue;
        buf_puts(b, n ? ", " : sep);
        buf_puts(b, ev->actors[i].name);
        n++;
    }
    return n;
}

/* "Label: sources -> targets with participants (count weapon) in place" */
char *timeline_summary(arena *a, const char *label, const dtl_event *ev)
{
    buf b;
    size_t s, t;
    char *out;

    buf_init(&b, 0);
    buf_puts(&b, label);
    s = append_names(&b, ev, DTL_ROLE_SOURCE, ": ");
    t = append_names(&b, ev, DTL_ROLE_TARGET, s ? " -> " : ": -> ");
    append_names(&b, ev, DTL_ROLE_PARTICIPANT, s || t ? " with " : ": ");
    if (ev->weapon && ev->count)
        buf_printf(&b, " (%ld %s)", ev->count, ev->weapon);
    else if (ev->weapon)
        buf_printf(&b, " (%s)", ev->weapon);
    if (ev->location)
        buf_printf(&b, " in %s", ev->location);
    out = b.data ? arena_strndup(a, b.data, b.len) : NULL;
    buf_free(&b);
    return out;
}

void timeline_when_text(const dtl_when *w, int prose, char *out, size_t size)
{
    char a[11], b[11];

    dtl_date_format(w->earliest, a);
    dtl_date_format(w->latest, b);
    if (w->earliest == DTL_DAY_NONE && w->latest == DTL_DAY_NONE)
        snprintf(out, size, "undated");
    else if (w->earliest == DTL_DAY_NONE)
        snprintf(out, size, prose ? "until %s" : "..%s", b);
    else if (w->latest == DTL_DAY_NONE)
        snprintf(out, size, prose ? "from %s" : "%s..", a);
    else if (w->earliest == w->latest)
        snprintf(out, size, "%s", a);
    else
        snprintf(out, size, prose ? "%s \xE2\x80\x93 %s" : "%s..%s", a, b);
}
