/* SPDX-License-Identifier: MIT */
/*
 * gazetteer.c - the names dtl knows (actors, anaphors, places), found in
 * text by hash lookup instead of one giant alternation.
 *
 * Every entry of an actor, anaphor or place lexicon is indexed under its
 * folded key (or its exact key for case-sensitive lexicons); a second
 * table records, for each first word, the most words an entry starting
 * with it has.  Scanning walks the tokens of the text; at a token that
 * can start an entry it tries the longest run of tokens first.  A token
 * may lose a trailing full stop or a possessive "'s" ("Korea's",
 * "States.") but keeps an inner one ("U.S.").
 */
#include "gazetteer.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

#define GAZ_MAX_WORDS 12
#define GAZ_KEY_MAX   256

typedef struct slot {
    const char *key;
    size_t len; /* of key */
    gaz_ent *ents;
    size_t count, cap;
    unsigned words; /* first-word table: most words after this one */
} slot;

typedef struct table {
    slot *slots;
    size_t n, used;
} table;

struct gazetteer {
    table folded, exact;    /* full keys */
    table ffirst, efirst;   /* first words */
    table fprefix, eprefix; /* the first words of longer keys */
    table last;             /* family names of persons named in full */
    arena mem;              /* first-word and prefix keys */
    /* By the first two bytes of a first word in lower case (the first
     * and 0 for a word of one), the lengths there are (util_len_bit).
     * A token whose length is not there begins no name, and is not
     * looked up (most tokens). */
    uint16_t flen[65536];
};

static size_t first2(unsigned char a, unsigned char b)
{
    return (size_t)(unsigned char)util_lower(a) << 8 |
           (unsigned char)util_lower(b);
}

static slot *find(const table *t, const char *k, size_t len)
{
    size_t h;

    if (t->n == 0)
        return NULL;
    h = (size_t)util_fnv1a(k, len, UTIL_FNV_SEED) & (t->n - 1);
    while (t->slots[h].key) {
        if (t->slots[h].len == len && memcmp(t->slots[h].key, k, len) == 0)
            return &t->slots[h];
        h = (h + 1) & (t->n - 1);
    }
    return NULL;
}

static int grow(table *t)
{
    table nt;
    size_t i, h;

    nt.n = t->n ? t->n * 2 : 256;
    nt.used = t->used;
    nt.slots = calloc(nt.n, sizeof(*nt.slots));
    if (nt.slots == NULL)
        return -1;
    for (i = 0; i < t->n; i++) {
        if (t->slots[i].key == NULL)
            continue;
        h = (size_t)util_fnv1a(t->slots[i].key, strlen(t->slots[i].key),
                               UTIL_FNV_SEED) &
            (nt.n - 1);
        while (nt.slots[h].key)
            h = (h + 1) & (nt.n - 1);
        nt.slots[h] = t->slots[i];
    }
    free(t->slots);
    *t = nt;
    return 0;
}

static slot *insert(table *t, const char *k)
{
    slot *s = find(t, k, strlen(k));
    size_t h;

    if (s)
        return s;
    if ((t->used + 1) * 2 > t->n && grow(t) != 0)
        return NULL;
    h = (size_t)util_fnv1a(k, strlen(k), UTIL_FNV_SEED) & (t->n - 1);
    while (t->slots[h].key)
        h = (h + 1) & (t->n - 1);
    t->slots[h].key = k;
    t->slots[h].len = strlen(k);
    t->used++;
    return &t->slots[h];
}

static void table_free(table *t)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        free(t->slots[i].ents);
    free(t->slots);
}

void gazetteer_free(gazetteer *g)
{
    if (g == NULL)
        return;
    table_free(&g->folded);
    table_free(&g->exact);
    table_free(&g->ffirst);
    table_free(&g->efirst);
    table_free(&g->fprefix);
    table_free(&g->eprefix);
    table_free(&g->last);
    arena_free(&g->mem);
    free(g);
}

/* Records that an entry starts with the first word of key. */
static int add_first(gazetteer *g, table *t, const char *key)
{
    const char *sp = strchr(key, ' ');
    size_t n = sp ? (size_t)(sp - key) : strlen(key);
    unsigned words = 1;
    const char *p;
    char *w;
    slot *s;

    for (p = key; *p; p++)
        words += *p == ' ';
    g->flen[first2((unsigned char)key[0], n > 1 ? (unsigned char)key[1] : 0)] |=
        util_len_bit(n);
    s = find(t, key, n);
    if (s == NULL) {
        w = arena_strndup(&g->mem, key, n);
        if (w == NULL || (s = insert(t, w)) == NULL)
            return -1;
    }
    if (words > s->words)
        s->words = words > GAZ_MAX_WORDS ? GAZ_MAX_WORDS : words;
    return 0;
}

/* Records the first words of key before each of its spaces ("north
 * korean" of "north korean navy"): a run of words that is none of
 * them cannot go on into a longer name. */
static int add_prefixes(gazetteer *g, table *t, const char *key)
{
    const char *sp;

    for (sp = strchr(key, ' '); sp; sp = strchr(sp + 1, ' ')) {
        size_t n = (size_t)(sp - key);
        char *w;

        if (find(t, key, n))
            continue;
        w = arena_strndup(&g->mem, key, n);
        if (w == NULL || insert(t, w) == NULL)
            return -1;
    }
    return 0;
}

/* Notes the family name of a name of several words, as written: its
 * last word (before a suffix of lexicon sfx: "Marcos" of "Ferdinand
 * Marcos Jr."), or its first when first (lexicon family_first). */
static int add_last(gazetteer *g, const char *phrase, int first,
                    const lexicon *sfx)
{
    const char *sp = first ? strchr(phrase, ' ') : strrchr(phrase, ' ');
    const char *w0;
    size_t n;
    char *w;

    if (sp == NULL || sp[1] == '\0')
        return 0;
    w0 = first ? phrase : sp + 1;
    n = first ? (size_t)(sp - phrase) : strlen(w0);
    if (!first && sfx != NULL && lexicon_find(sfx, w0, n) != NULL) {
        const char *e = sp;

        while (sp > phrase && sp[-1] != ' ')
            sp--;
        if (sp == phrase)
            return 0;
        w0 = sp;
        n = (size_t)(e - sp);
    }
    if (find(&g->last, w0, n))
        return 0;
    w = arena_strndup(&g->mem, w0, n);
    return w == NULL || insert(&g->last, w) == NULL ? -1 : 0;
}

int gazetteer_last_word(const gazetteer *g, const char *w, size_t n)
{
    return g != NULL && find(&g->last, w, n) != NULL;
}

gazetteer *gazetteer_new(const dtl_rules *rs)
{
    gazetteer *g = calloc(1, sizeof(*g));
    const lexicon *ff = rules_lexicon(rs, "family_first");
    const lexicon *sfx = rules_lexicon(rs, "name_suffix");
    size_t i, j;

    if (g == NULL)
        return NULL;
    arena_init(&g->mem);
    for (i = 0; i < rs->lex_count; i++) {
        const lexicon *lx = &rs->lex[i];
        int cased = (lx->flags & LEX_CASE) != 0;

        if (!(lx->flags & (LEX_ACTOR | LEX_ANAPHOR | LEX_PLACE)))
            continue;
        for (j = 0; j < lx->count; j++) {
            const lex_entry *e = &lx->entries[j];
            slot *s = insert(cased ? &g->exact : &g->folded, e->key);

            if (s == NULL ||
                add_first(g, cased ? &g->efirst : &g->ffirst, e->key) != 0 ||
                add_prefixes(g, cased ? &g->eprefix : &g->fprefix, e->key) != 0)
                goto fail;
            if (util_grow((void **)&s->ents, &s->cap, s->count + 1,
                          sizeof(*s->ents)) != 0)
                goto fail;
            s->ents[s->count].lx = lx;
            s->ents[s->count].e = e;
            s->count++;
            if (strcmp(lx->name, "person") == 0 &&
                add_last(g, e->phrase,
                         ff && lexicon_find(ff, e->code, strlen(e->code)),
                         sfx) != 0)
                goto fail;
        }
    }
    return g;
fail:
    gazetteer_free(g);
    return NULL;
}

/* ------------------------------------------------------------------ */
/* Scanning                                                            */
/* ------------------------------------------------------------------ */

typedef struct tok {
    size_t start, end; /* core, without surrounding punctuation */
    size_t alt[3];     /* possible ends, longest first */
    int nalt;
    int clean; /* may be followed by more words of a name */
} tok;

static int lead_punct(int c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[';
}

static int trail_punct(int c)
{
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == ',' ||
           c == ';' || c == ':' || c == '!' || c == '?';
}

/* Where a name ends before a hyphen and a participle that makes it an
 * adjective ("Greek-owned", "U.S.-drafted", "Iran-backed"), in
 * s[ts, ce); 0 when there is none. */
static size_t name_suffix(const char *s, size_t ts, size_t ce)
{
    static const char *const part[] = {
        "owned", "flagged", "drafted",    "sponsored", "backed",
        "led",   "based",   "registered", "operated",  "bound",
        "made",  "built",   "supplied",   "allied",    "brokered"};
    const char *h = memchr(s + ts, '-', ce - ts);
    size_t k, n;

    if (h == NULL || h == s + ts)
        return 0;
    n = (size_t)(s + ce - (h + 1));
    for (k = 0; k < sizeof(part) / sizeof(part[0]); k++)
        if (strlen(part[k]) == n && memcmp(h + 1, part[k], n) == 0)
            return (size_t)(h - s);
    return 0;
}

static size_t tokenize(const char *s, size_t start, size_t end, tok *t,
                       size_t max)
{
    size_t i = start, n = 0;

    while (i < end && n < max) {
        size_t ts, te, ce, h;

        while (i < end && util_isspace((unsigned char)s[i]))
            i++;
        if (i >= end)
            break;
        ts = i;
        while (i < end && !util_isspace((unsigned char)s[i]))
            i++;
        te = i;
        while (ts < te && lead_punct((unsigned char)s[ts]))
            ts++;
        ce = te;
        while (ce > ts && trail_punct((unsigned char)s[ce - 1]))
            ce--;
        if (ce <= ts)
            continue;
        t[n].start = ts;
        t[n].end = ce;
        t[n].clean = ce == te;
        t[n].nalt = 0;
        t[n].alt[t[n].nalt++] = ce;
        if (ce - ts > 2 && s[ce - 2] == '\'' && s[ce - 1] == 's')
            t[n].alt[t[n].nalt++] = ce - 2;
        else if (ce - ts > 1 && s[ce - 1] == '.')
            t[n].alt[t[n].nalt++] = ce - 1;
        if (t[n].nalt > 1 && !(ce - ts > 1 && s[ce - 1] == '.'))
            t[n].clean = 0; /* "Korea's North" is not one name */
        if (t[n].nalt < 3 && (h = name_suffix(s, ts, ce)) != 0) {
            t[n].alt[t[n].nalt++] = h; /* "a Greek-owned tanker" */
            t[n].clean = 0;
        }
        n++;
    }
    return n;
}

/* The words s[a..b) in table exact as written, else in table folded
 * folded. */
static const slot *find_words(const table *exact, const table *folded,
                              const char *s, size_t a, size_t b)
{
    char key[GAZ_KEY_MAX];
    size_t len;
    const slot *sl;

    if (b - a >= GAZ_KEY_MAX)
        return NULL;
    len = lexicon_key(s + a, b - a, 0, key);
    sl = find(exact, key, len);
    if (sl)
        return sl;
    len = lexicon_key(s + a, b - a, 1, key);
    return find(folded, key, len);
}

/* The entry that is the words s[a..b). */
static const slot *lookup(const gazetteer *g, const char *s, size_t a, size_t b)
{
    return find_words(&g->exact, &g->folded, s, a, b);
}

/* Whether the words s[a..b) begin a longer name (add_prefixes). */
static int goes_on(const gazetteer *g, const char *s, size_t a, size_t b)
{
    return find_words(&g->eprefix, &g->fprefix, s, a, b) != NULL;
}

/* Most words an entry starting with token t can have (0: none). */
static unsigned first_words(const gazetteer *g, const char *s, const tok *t)
{
    char key[GAZ_KEY_MAX];
    unsigned best = 0;
    int k;

    for (k = 0; k < t->nalt; k++) {
        size_t len = t->alt[k] - t->start, i;
        const slot *sl;

        if (len == 0 || len >= GAZ_KEY_MAX ||
            !(g->flen[first2((unsigned char)s[t->start],
                             len > 1 ? (unsigned char)s[t->start + 1] : 0)] &
              util_len_bit(len)))
            continue;
        memcpy(key, s + t->start, len);
        key[len] = '\0';
        sl = find(&g->efirst, key, len);
        if (sl && sl->words > best)
            best = sl->words;
        for (i = 0; i < len; i++)
            key[i] = (char)util_lower((unsigned char)key[i]);
        sl = find(&g->ffirst, key, len);
        if (sl && sl->words > best)
            best = sl->words;
    }
    return best;
}

/* Whether every entry of a hit has the code "-": words that are no
 * name, listed so that a shorter name inside them is not found
 * ("National Security Council" holds "Security Council"). */
static int no_name(const gaz_hit *h)
{
    size_t i;

    for (i = 0; i < h->count; i++)
        if (strcmp(h->ents[i].e->code, "-") != 0)
            return 0;
    return 1;
}

/* Sets hit h to the entry that is the words s[a..b), if any. */
static int hit_at(const gazetteer *g, const char *s, size_t a, size_t b,
                  gaz_hit *h)
{
    const slot *sl = b > a ? lookup(g, s, a, b) : NULL;

    if (sl == NULL)
        return 0;
    h->start = a;
    h->end = b;
    h->ents = sl->ents;
    h->count = sl->count;
    return !no_name(h);
}

/* Two names joined by a hyphen before a capital in token t, that is no
 * name itself ("the Polish-Belarusian commission", "U.S.-Japan talks",
 * "Greek-Turkish"): both into hits, or none.  The number of hits. */
static size_t pair(const gazetteer *g, const char *s, const tok *t,
                   gaz_hit *hits)
{
    size_t h;
    int a;

    for (h = t->start + 1; h + 1 < t->end; h++) {
        if (s[h] != '-' || !util_isupper((unsigned char)s[h + 1]) ||
            !(util_isalpha((unsigned char)s[h - 1]) || s[h - 1] == '.'))
            continue;
        if (!hit_at(g, s, t->start, h, &hits[0]))
            return 0;
        for (a = 0; a < t->nalt; a++)
            if (hit_at(g, s, h + 1, t->alt[a], &hits[1]))
                return 2;
        return 0;
    }
    return 0;
}

size_t gazetteer_scan(const gazetteer *g, const char *s, size_t start,
                      size_t end, gaz_hit *hits, size_t max)
{
    tok t[512];
    size_t nt, i = 0, nh = 0;

    if (g == NULL || end <= start)
        return 0;
    nt = tokenize(s, start, end, t, sizeof(t) / sizeof(t[0]));
    while (i < nt && nh < max) {
        size_t n = first_words(g, s, &t[i]), k, best = 0;

        if (n > nt - i)
            n = nt - i;
        /* Inner words must not end with punctuation, nor with "'s"
         * unless a name goes on with it ("People's Republic of China";
         * not "Korea's North"). */
        for (k = 0; k + 1 < n; k++)
            if (!t[i + k].clean &&
                !(t[i + k].end - t[i + k].start > 2 &&
                  s[t[i + k].end - 2] == '\'' && s[t[i + k].end - 1] == 's' &&
                  goes_on(g, s, t[i].start, t[i + k].end))) {
                n = k + 1;
                break;
            }
        /* The longest run of words that is a name (best of them), found
         * by adding words while the run can still begin one. */
        for (k = 1; k <= n; k++) {
            const tok *last = &t[i + k - 1];
            int a;

            for (a = 0; a < last->nalt; a++) {
                const slot *sl = lookup(g, s, t[i].start, last->alt[a]);

                if (sl) {
                    best = k;
                    hits[nh].start = t[i].start;
                    hits[nh].end = last->alt[a];
                    hits[nh].ents = sl->ents;
                    hits[nh].count = sl->count;
                    break;
                }
            }
            if (k < n && !goes_on(g, s, t[i].start, last->end))
                break;
        }
        if (best && !no_name(&hits[nh]))
            nh++;
        else if (!best && nh + 2 <= max)
            nh += pair(g, s, &t[i], hits + nh);
        i += best ? best : 1;
    }
    return nh;
}

const gaz_ent *gazetteer_pick(const gaz_hit *h, unsigned flags)
{
    size_t i;

    for (i = h->count; i-- > 0;)
        if (h->ents[i].lx->flags & flags)
            return &h->ents[i];
    return NULL;
}
