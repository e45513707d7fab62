/* SPDX-License-Identifier: MIT */
/*
 * event.c - event mentions: which rule matched where, who acted, on
 * whom, where, with what, and how sure the text is that it happened.
 *
 * Input: the sentences of an article, the event and modality rules.
 * Output: ev_raw mentions in text order, not yet dated.
 *
 * For each sentence the prefilter names the rules whose trigger words
 * occur; their patterns run over it.  When two matches share their
 * trigger, the most specific wins: higher priority, then the longer
 * match, then more fields filled, then the rule loaded first.  Actor
 * groups are searched for entries of the actor lexicons; anaphors
 * ("the same regime", "we") are resolved from what came before or from
 * who is speaking.  A mention with no known actor is dropped: a wrong
 * event costs more than a missing one.  The status is the rule's, or
 * that of the modality cue nearest before the trigger ("will", "denied",
 * "called off").
 */
#include "event.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "gazetteer.h"
#include "text.h"
#include "timex.h"
#include "util.h"

#define MODALITY_WORDS 8
#define EV_MAX_HITS    128

/* The length of a possessive "'s", or "'" after a plural ("the
 * Department of Foreign Affairs' undersecretary"), at s[i, end), or 0.
 * The normalised text has no other apostrophes. */
static size_t possessive_at(const char *s, size_t i, size_t end)
{
    if (i + 2 <= end && s[i] == '\'' && s[i + 1] == 's')
        return 2;
    if (i > 0 && s[i - 1] == 's' && i + 2 <= end && s[i] == '\'' &&
        s[i + 1] == ' ')
        return 1;
    return 0;
}

/* The state whose possessive comes right before hit i, an office of a
 * state ("Pakistan's Foreign Office", which alone is Britain's): its
 * entry, or NULL. */
static const gaz_ent *possessor(const char *s, const gaz_hit *hits, size_t i)
{
    const gaz_ent *ge, *own;
    size_t k;

    if (i == 0 || (k = possessive_at(s, hits[i - 1].end, hits[i].start)) == 0 ||
        hits[i - 1].end + k + 1 != hits[i].start ||
        s[hits[i - 1].end + k] != ' ')
        return NULL;
    ge = gazetteer_pick(&hits[i], LEX_ACTOR);
    own = gazetteer_pick(&hits[i - 1], LEX_ACTOR);
    if (ge == NULL || own == NULL || strcmp(ge->lx->name, "title") != 0 ||
        (strcmp(own->lx->name, "country") != 0 &&
         strcmp(own->lx->name, "demonym") != 0) ||
        !*own->e->code || strcmp(own->e->code, ge->e->code) == 0)
        return NULL;
    return own;
}

/* Whether the words of hit h are those of entry e, in any case. */
static int names_entry(const char *s, const gaz_hit *h, const lex_entry *e)
{
    size_t n = h->end - h->start;

    return strlen(e->phrase) == n &&
           strncasecmp(s + h->start, e->phrase, n) == 0;
}

/* Appends the actors among hits[0..n) inside [start, end) to a. */
static size_t actors_of_hits(const char *s, const gaz_hit *hits, size_t n,
                             size_t start, size_t end, dtl_role role,
                             ev_actor *a, size_t max)
{
    size_t i, k, count = 0;
    unsigned char person[64] = {0};

    if (max > sizeof(person))
        max = sizeof(person);
    for (i = 0; i < n && count < max; i++) {
        const gaz_ent *ge, *own;
        int dup = 0, is_person;

        if (hits[i].start < start || hits[i].end > end)
            continue;
        ge = gazetteer_pick(&hits[i], LEX_ACTOR | LEX_ANAPHOR);
        if (ge == NULL)
            continue;
        own = possessor(s, hits, i);
        if (own != NULL)
            ge = own;
        /* a person the lexicons do not know, named for the state or
         * body an office gives (alias_find, appos_find) */
        is_person = strcmp(ge->lx->name, "person") == 0 ||
                    (own == NULL && !names_entry(s, &hits[i], ge->e));
        /* Two names of one actor ("Secretary of State Tony Blinken"):
         * keep the last, the head of the phrase, but a person before a
         * title ("Antony Blinken, the U.S. Secretary of State"). */
        for (k = 0; k < count; k++) {
            if (*ge->e->code && strcmp(a[k].code, ge->e->code) == 0 &&
                a[k].role == role) {
                dup = 1;
                if (person[k] && !is_person)
                    continue;
                a[k].name = ge->e->canon;
                a[k].start = hits[i].start;
                a[k].end = hits[i].end;
                person[k] = (unsigned char)is_person;
            }
        }
        if (dup)
            continue;
        a[count].name = ge->e->canon;
        a[count].code = ge->e->code;
        a[count].role = role;
        a[count].start = hits[i].start;
        a[count].end = hits[i].end;
        person[count] = (unsigned char)is_person;
        count++;
    }
    return count;
}

size_t event_actors_in(const dtl_rules *rs, matcher *m, const char *s,
                       size_t start, size_t end, dtl_role role, ev_actor *a,
                       size_t max)
{
    gaz_hit hits[64];
    size_t n = gazetteer_scan(rs->gaz, s, start, end, hits, 64);

    (void)m;
    return actors_of_hits(s, hits, n, start, end, role, a, max);
}

/* ------------------------------------------------------------------ */
/* Candidates                                                          */
/* ------------------------------------------------------------------ */

typedef struct cand {
    const rule *ru;
    match mt;
    size_t ts, te; /* trigger, relative to the sentence */
    int dead;
} cand;

static int better(const cand *a, const cand *b)
{
    size_t la = a->mt.end - a->mt.start, lb = b->mt.end - b->mt.start;

    if (a->ru->priority != b->ru->priority)
        return a->ru->priority > b->ru->priority;
    if (la != lb)
        return la > lb;
    if (a->mt.cap_count != b->mt.cap_count)
        return a->mt.cap_count > b->mt.cap_count;
    return a->ru->index < b->ru->index;
}

static int cmp_cand_pos(const void *pa, const void *pb)
{
    const cand *a = pa, *b = pb;

    return a->ts < b->ts ? -1 : a->ts > b->ts;
}

static void settle(cand *c, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        for (j = i + 1; j < n; j++) {
            if (c[i].dead || c[j].dead)
                continue;
            if (c[i].ts < c[j].te && c[j].ts < c[i].te) {
                if (better(&c[i], &c[j]))
                    c[j].dead = 1;
                else
                    c[i].dead = 1;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* Filling a mention                                                   */
/* ------------------------------------------------------------------ */

/* How far into the sentence before its subject may be named (bytes:
 * "Iranian foreign ministry spokesman Esmaeil Baghaei"). */
#define HE_REACH 80

/*
 * "He" or "She" opening a sentence (person_wanted; "It": a state or
 * body, not a person): the person who is the first actor of
 * the first event of the sentence before, in the same paragraph, named
 * in its first words (its subject: "Baghaei rejected the criticism. He
 * denied that ...").  Anything else is left unresolved, and a mention
 * with no other actor is dropped.
 */
/* Whether actor a, named at s[a->start, a->end), is a person: one of
 * the lexicon's, or named by words no lexicon knows as an actor (the
 * name of a person the lexicons do not know, given a state or body by
 * an office: "Amina Diallo-Keita, the African Union's envoy ...";
 * "She", resolved to such a person). */
static int is_person(const dtl_rules *rs, const lexicon *person, const char *s,
                     const ev_actor *a)
{
    gaz_hit h;

    if (lexicon_find(person, a->name, strlen(a->name)) != NULL)
        return 1;
    return gazetteer_scan(rs->gaz, s, a->start, a->end, &h, 1) == 0 ||
           h.start != a->start || h.end != a->end ||
           gazetteer_pick(&h, LEX_ACTOR) == NULL;
}

/* Whether a mention at s[a] opens its sentence, which starts at b, or
 * follows there a phrase of at most HE_LEAD bytes and a comma, the
 * only one ("Yesterday, she held ...", "On Monday, he met ..."), or no
 * comma after a phrase that opens with a word of lexicon lead ("At the
 * weekend he accused NATO ...", "On Tuesday he travelled"). */
#define HE_LEAD 24
static int opens_clause(const lexicon *lead, const char *s, size_t b, size_t a)
{
    size_t i;

    if (a == b)
        return 1;
    if (a - b > HE_LEAD || a < b + 3 || s[a - 1] != ' ')
        return 0;
    if (s[a - 2] != ',') {
        for (i = b; i < a && util_isalpha((unsigned char)s[i]);)
            i++;
        if (lead == NULL || lexicon_find(lead, s + b, i - b) == NULL)
            return 0;
        a += 1; /* no comma to leave out below */
    }
    for (i = b; i < a - 2; i++)
        if (s[i] == ',' || s[i] == '"')
            return 0;
    return 1;
}

/* The index of the sentence that holds or follows offset at, or
 * seg->count. */
static size_t sent_at(const segmentation *seg, size_t at)
{
    size_t k;

    for (k = 0; k < seg->count && seg->s[k].end <= at; k++)
        ;
    return k;
}

static int titled_name(const lexicon *office, const lexicon *no, const char *s,
                       size_t end, const gaz_hit *h, size_t *n0, size_t *b,
                       size_t *e);

/* Whether actor a, a state, is named with a person not in the lexicons
 * who acts for it ("Brazilian Foreign Minister Helena Duarte"): a
 * titled name up to end. */
static int titled_person(const dtl_rules *rs, const char *s, size_t end,
                         const ev_actor *a)
{
    gaz_hit h;
    size_t n0, b, e;

    return gazetteer_scan(rs->gaz, s, a->start, end, &h, 1) == 1 &&
           h.start == a->start &&
           titled_name(rules_lexicon(rs, "alias_office"),
                       rules_lexicon(rs, "alias_not_name"), s, end, &h, &n0, &b,
                       &e);
}

static size_t resolve_he(const dtl_rules *rs, const char *s,
                         const segmentation *seg, const ev_list *out,
                         const ev_actor *a, ev_actor *extra, int person_wanted)
{
    const lexicon *person = rules_lexicon(rs, "person");
    const ev_raw *first = NULL;
    const ev_actor *who;
    size_t k, i;

    k = sent_at(seg, a->start);
    if (person == NULL || k == 0 || k == seg->count ||
        !opens_clause(rules_lexicon(rs, "he_lead"), s, seg->s[k].start,
                      a->start) ||
        seg->s[k - 1].para != seg->s[k].para)
        return 0;
    for (i = out->count; i-- > 0 && out->v[i].sent + 1 >= k;)
        if (out->v[i].sent + 1 == k &&
            (first == NULL || out->v[i].start < first->start))
            first = &out->v[i];
    if (first == NULL || first->actor_count == 0)
        return 0;
    /* the actor named first (a meeting lists its other side first) */
    for (who = &first->actors[0], i = 1; i < first->actor_count; i++)
        if (first->actors[i].start < who->start)
            who = &first->actors[i];
    /* "Brazilian Foreign Minister Helena Duarte arrived in Abuja ...
     * She met ...": she is the titled person, who acts for Brazil */
    if (who->role != DTL_ROLE_SOURCE ||
        who->start > seg->s[k - 1].start + HE_REACH || who->code[0] == '\0' ||
        (is_person(rs, person, s, who) != person_wanted &&
         !(person_wanted && titled_person(rs, s, seg->s[k - 1].end, who))))
        return 0;
    extra[0] = *who;
    extra[0].role = a->role;
    extra[0].start = a->start;
    extra[0].end = a->end;
    return 1;
}

/* Puts into extra[0] the actor of entry ge, named by reference a, in
 * a's role and place; returns 1. */
static size_t stand_in(const gaz_ent *ge, const ev_actor *a, ev_actor *extra)
{
    memset(&extra[0], 0, sizeof(extra[0]));
    extra[0].name = ge->e->canon;
    extra[0].code = ge->e->code;
    extra[0].role = a->role;
    extra[0].start = a->start;
    extra[0].end = a->end;
    return 1;
}

/* How many sentences back "the alliance" looks for the alliance. */
#define LAST_REACH 8

/*
 * The last actor (not a person) before anaphor a, in its sentence or at
 * most LAST_REACH sentences back, that want() takes (1); want() may also
 * end the search with none (-1).  NULL when none is taken.
 */
typedef int (*want_fn)(void *ctx, const char *s, size_t from, const gaz_hit *h,
                       const gaz_ent *ge);

static const gaz_ent *look_back(const dtl_rules *rs, const char *s,
                                const segmentation *seg, const ev_actor *a,
                                want_fn want, void *ctx)
{
    gaz_hit hits[64];
    size_t k, j, n, h;
    int r;

    k = sent_at(seg, a->start);
    for (j = k + 1; k < seg->count && j-- > 0 && k - j <= LAST_REACH;) {
        size_t end = j == k ? a->start : seg->s[j].end;

        n = gazetteer_scan(rs->gaz, s, seg->s[j].start, end, hits, 64);
        for (h = n; h-- > 0;) {
            const gaz_ent *ge = gazetteer_pick(&hits[h], LEX_ACTOR);

            /* the state, not its president ("Bazoum") */
            if (ge == NULL || ge->e->code[0] == '\0' || ge->e->code[0] == '@' ||
                strcmp(ge->lx->name, "person") == 0)
                continue;
            if ((r = want(ctx, s, seg->s[j].start, &hits[h], ge)) != 0)
                return r > 0 ? ge : NULL;
        }
    }
    return NULL;
}

/* look_back() for "@last:": an actor of the list. */
static int want_listed(void *ctx, const char *s, size_t from, const gaz_hit *h,
                       const gaz_ent *ge)
{
    const char *const *list = ctx;

    (void)s;
    (void)from;
    (void)h;
    return util_listed(*list, ge->e->code);
}

/*
 * "the alliance", "the bloc", "the group" (code "@last:NATO,CSTO,..."):
 * the actor of the list named last before it, in its sentence or at
 * most LAST_REACH sentences before ("NATO ministers met ... A Kremlin
 * spokesman accused the alliance of ...").  Unresolved when none is.
 */
static size_t resolve_last(const dtl_rules *rs, const char *s,
                           const segmentation *seg, const ev_actor *a,
                           ev_actor *extra)
{
    gaz_hit hit;
    const gaz_ent *found;
    const char *list;
    size_t k;

    k = sent_at(seg, a->start);
    /* "the regional bloc IGAD": the name that follows is the one */
    if (k == seg->count ||
        (gazetteer_scan(rs->gaz, s, a->end, seg->s[k].end, &hit, 1) == 1 &&
         hit.start == a->end + 1 && s[a->end] == ' '))
        return 0;
    list = a->code + 6;
    found = look_back(rs, s, seg, a, want_listed, &list);
    return found != NULL ? stand_in(found, a, extra) : 0;
}

/* Whether one of the comma-separated phrases of list ('_' for a
 * space) is written at s[at], case aside, and ends a word there; its
 * length, or 0. */
static size_t phrase_at(const char *list, const char *s, size_t at)
{
    size_t k, i;

    for (; *list; list += k + (list[k] == ',')) {
        k = strcspn(list, ",");
        for (i = 0; i < k; i++)
            if (list[i] == '_' ? s[at + i] != ' '
                               : tolower((unsigned char)s[at + i]) !=
                                     tolower((unsigned char)list[i]))
                break;
        if (k > 0 && i == k && !isalnum((unsigned char)s[at + k]))
            return k;
    }
    return 0;
}

/* Whether the mention s[h0, h1) of a state or body owns one of the
 * offices of list: "Sudan's army", "Niger' military", "the Sudanese
 * army", "the Ministry of Foreign Affairs of Japan". */
static int owns_office(const char *list, const char *s, size_t from, size_t h0,
                       size_t h1)
{
    static const char *const before[] = {" of the ", " of "};
    size_t at = h1, i;

    if (s[at] == '\'')
        at += s[at + 1] == 's' ? 2 : 1;
    if (s[at] == ' ' && phrase_at(list, s, at + 1) > 0)
        return 1;
    for (i = 0; i < sizeof(before) / sizeof(before[0]); i++) {
        size_t b = strlen(before[i]), p, n;

        if (h0 < from + b || strncmp(s + h0 - b, before[i], b) != 0)
            continue;
        /* the start of the word run before " of ", as far as the
         * longest phrase might reach, tried at each word */
        for (p = h0 - b; p > from && h0 - b - p < 40; p--) {
            if (s[p - 1] != ' ')
                continue;
            n = phrase_at(list, s, p);
            if (n > 0 && p + n == h0 - b)
                return 1;
        }
    }
    return 0;
}

/* Whether the mention s[h0, h1) owns an office of any entry of
 * lexicon anaphor_office. */
static int owns_any_office(const dtl_rules *rs, const char *s, size_t from,
                           size_t h0, size_t h1)
{
    const lexicon *lx = rules_lexicon(rs, "anaphor_office");
    size_t i;

    for (i = 0; lx != NULL && i < lx->count; i++)
        if (strncmp(lx->entries[i].code, "@office:", 8) == 0 &&
            owns_office(lx->entries[i].code + 8, s, from, h0, h1))
            return 1;
    return 0;
}

/* look_back() for "@office:": the state or body that owns one of the
 * offices of the list, unless another's office was named since. */
typedef struct office_want {
    const dtl_rules *rs;
    const char *list;
    const gaz_ent *other; /* the last other office's owner */
} office_want;

static int want_office(void *ctx, const char *s, size_t from, const gaz_hit *h,
                       const gaz_ent *ge)
{
    office_want *ow = ctx;

    if (owns_office(ow->list, s, from, h->start, h->end))
        return ow->other != NULL && strcmp(ow->other->e->code, ge->e->code) != 0
                   ? -1
                   : 1;
    if (ow->other == NULL && owns_any_office(ow->rs, s, from, h->start, h->end))
        ow->other = ge;
    return 0;
}

/*
 * "the army", "the ministry", "the government" (code
 * "@office:army,armed_forces,..."): the state or body whose office of
 * the list was named last before, in the sentence or at most
 * LAST_REACH sentences back ("Sudan's army accused the RSF ... The army
 * said it had launched air strikes").  Unresolved when none was, when
 * another state's office was named since ("Japan's government
 * protested ... The army of Mali accused ... The government denied":
 * whose?), and when a name follows ("the army of Sudan", "the
 * government in Khartoum" name their state themselves).
 */
static size_t resolve_office(const dtl_rules *rs, const char *s,
                             const segmentation *seg, const ev_actor *a,
                             ev_actor *extra)
{
    office_want ow;
    const gaz_ent *found;

    /* "the army of Sudan", "the government in Khartoum" */
    if (strncmp(s + a->end, " of ", 4) == 0 ||
        (strncmp(s + a->end, " in ", 4) == 0 && util_isupper(s[a->end + 4])))
        return 0;
    ow.rs = rs;
    ow.list = a->code + 8;
    ow.other = NULL;
    found = look_back(rs, s, seg, a, want_office, &ow);
    return found != NULL ? stand_in(found, a, extra) : 0;
}

/* Whether the office of hit h (entry ge, code @office:) resolves. */
static int office_known(const dtl_rules *rs, const char *s,
                        const segmentation *seg, const gaz_hit *h,
                        const gaz_ent *ge)
{
    ev_actor a, extra;

    memset(&a, 0, sizeof(a));
    a.code = ge->e->code;
    a.start = h->start;
    a.end = h->end;
    return resolve_office(rs, s, seg, &a, &extra) == 1;
}

/* How many sentences open a text where its issuer is named. */
#define ISSUER_SENTS 3

/*
 * "The Ministry", "the Minister" with a capital (code @issuer), in the
 * release of a ministry: the state or body named first in the text's
 * first sentences ("Tallinn, 9 March 2021 // The Ministry of Foreign
 * Affairs of the Republic of Estonia hereby informs ..."), a person not
 * counted.  Not when "of" follows: "The Ministry of Foreign Affairs of
 * the Russian Federation" names its state itself.
 */
static size_t resolve_issuer(const dtl_rules *rs, const char *s,
                             const segmentation *seg, const ev_actor *a,
                             ev_actor *extra)
{
    gaz_hit hits[64];
    size_t k, n, h;

    if (strncmp(s + a->end, " of ", 4) == 0)
        return 0;
    for (k = 0; k < seg->count && k < ISSUER_SENTS; k++) {
        n = gazetteer_scan(rs->gaz, s, seg->s[k].start, seg->s[k].end, hits,
                           64);
        for (h = 0; h < n; h++) {
            const gaz_ent *ge = gazetteer_pick(&hits[h], LEX_ACTOR);

            if (hits[h].start >= a->start)
                return 0;
            if (ge == NULL || strcmp(ge->lx->name, "person") == 0 ||
                ge->e->code[0] == '\0' || ge->e->code[0] == '@')
                continue;
            return stand_in(ge, a, extra);
        }
    }
    return 0;
}

/*
 * Whether offset at lies in an answer of an interview: a paragraph that
 * opens with "A:" ("Q: Last week Moldova expelled a Russian diplomat.
 * // A: On Wednesday we declared an employee of the Russian embassy
 * persona non grata"), where "we" is the state of the one interviewed,
 * named first in the text (resolve_issuer).
 */
static int answer_at(const char *s, const segmentation *seg, size_t at)
{
    size_t k = sent_at(seg, at);

    return k < seg->count && seg->s[k].start <= at &&
           segment_qa(seg, s, seg->s[k].para) == 'A';
}

/* Does the match name a source (a capture of the source field)? */
static int has_source(const match *mt)
{
    size_t i;

    for (i = 0; i < mt->cap_count; i++)
        if (mt->caps[i].cap->fld == FIELD_SOURCE &&
            mt->caps[i].end > mt->caps[i].start)
            return 1;
    return 0;
}

/* The name of the state of code, from lexicon country ("United
 * States" for USA); dflt when there is none. */
static const char *state_name(const dtl_rules *rs, const char *code,
                              const char *dflt)
{
    const lexicon *lx = rules_lexicon(rs, "country");
    size_t i;

    for (i = 0; lx != NULL && i < lx->count; i++)
        if (strcmp(lx->entries[i].code, code) == 0)
            return lx->entries[i].canon;
    return dflt;
}

/* Appends to extra[0, got) the state of actor c, standing for anaphor
 * a, unless it is there or c is no state ("the International Court",
 * a reference); with bodies, any actor as named ("the RSF"); returns
 * the new count. */
static size_t add_side(const dtl_rules *rs, const ev_actor *c,
                       const ev_actor *a, ev_actor *extra, size_t got,
                       int bodies)
{
    const char *name = c->name;
    size_t q;

    if (c->code[0] == '@' || c->code[0] == '\0' ||
        (!bodies && (name = state_name(rs, c->code, NULL)) == NULL))
        return got;
    for (q = 0; q < got; q++)
        if (strcmp(extra[q].code, c->code) == 0)
            return got;
    extra[got] = *c;
    extra[got].name = name;
    extra[got].role = a->role;
    extra[got].start = a->start;
    extra[got].end = a->end;
    return got + 1;
}

/* Resolves an anaphor actor (code "@...") in place; 0 when it cannot
 * be resolved. */
/* The surnames of persons named in full before (alias_note). */
typedef struct alias_tab alias_tab;
static size_t alias_find(const alias_tab *tab, const char *s, size_t start,
                         size_t end, gaz_hit *hits, size_t nh, size_t max);

/* Whether e is a dispute or a fight between its actors: CAMEO 11
 * (disapprove) to 20. */
static int adversarial(const ev_raw *e)
{
    const char *c = e->ru->cameo;

    return (c[0] == '1' && c[1] >= '1') || (c[0] == '2' && c[1] == '0');
}

/* Whether e is what a third party says, appeals or demands (CAMEO 01,
 * 02, 10): "Macron said that Azerbaijani forces must withdraw.
 * Washington has urged both sides to pull back" makes France no side. */
static int third_party(const ev_raw *e)
{
    const char *c = e->ru->cameo;

    return c[0] == '0' ? (c[1] == '1' || c[1] == '2')
                       : (c[0] == '1' && c[1] == '0');
}

static size_t resolve_anaphor(const dtl_rules *rs, const char *s,
                              const segmentation *seg, const ev_list *out,
                              const alias_tab *tab, const rule *ru, long qidx,
                              ev_actor *a, ev_actor *extra, size_t max)
{
    size_t i, n;

    if (strcmp(a->code, "@speaker") == 0) {
        const quote *q = segment_quote_owner(seg, qidx);
        gaz_hit hits[64];

        if (q == NULL && answer_at(s, seg, a->start))
            return resolve_issuer(rs, s, seg, a, extra);
        if (q == NULL || q->sp_end <= q->sp_start)
            return 0;
        /* "Villanueva-Cruz said:", named in full before */
        n = gazetteer_scan(rs->gaz, s, q->sp_start, q->sp_end, hits, 64);
        n = alias_find(tab, s, q->sp_start, q->sp_end, hits, n, 64);
        n = actors_of_hits(s, hits, n, q->sp_start, q->sp_end, a->role, extra,
                           max);
        for (i = 0; i < n; i++)
            if (extra[i].code[0] == '@')
                return 0;
        return n;
    }
    if (strcmp(a->code, "@sides") == 0) {
        /* "both sides": first the two of the last dispute or fight told
         * (CAMEO 11 to 20: "Azerbaijani troops attacked Armenian
         * positions ... Pashinyan spoke by phone with Putin ... France
         * urges both sides"), else as "the two countries" */
        size_t got, k;

        for (i = out->count; i-- > 0;) {
            const ev_raw *e = &out->v[i];

            if (!adversarial(e))
                continue;
            for (k = got = 0; k < e->actor_count && got < max; k++)
                got = add_side(rs, &e->actors[k], a, extra, got, 0);
            if (got == 2)
                return got;
            /* a side that is no state ("Sudan's army accused the RSF
             * ... urged both sides"): the two as named */
            for (k = got = 0; k < e->actor_count && got < max; k++)
                got = add_side(rs, &e->actors[k], a, extra, got, 1);
            if (got == 2)
                return got;
        }
    }
    if (strcmp(a->code, "@pair") == 0 || strcmp(a->code, "@three") == 0 ||
        strcmp(a->code, "@sides") == 0) {
        /* "the two countries": the last two states named by earlier
         * events, a person standing for the state ("Biden met Modi ...
         * the two governments": India and the United States); "the
         * three countries" the last three. */
        size_t got = 0, k, want = a->code[1] == 't' ? 3 : 2;

        /* First the last event that names so many states itself ("South
         * Korea, Japan and the United States staged drills, two days
         * after North Korea launched ... the three countries"). */
        for (i = out->count; i-- > 0;) {
            const ev_raw *e = &out->v[i];

            if (third_party(e))
                continue;
            for (k = got = 0; k < e->actor_count && got < max; k++)
                got = add_side(rs, &e->actors[k], a, extra, got, 0);
            if (got == want)
                return got;
        }
        /* Three are named together or not at all; two may be named by
         * two events. */
        if (want == 3)
            return 0;
        got = 0;
        for (i = out->count; i-- > 0 && got < want;) {
            const ev_raw *e = &out->v[i];

            if (third_party(e))
                continue;

            for (k = 0; k < e->actor_count && got < want && got < max; k++)
                got = add_side(rs, &e->actors[k], a, extra, got, 0);
        }
        return got == want ? got : 0;
    }
    if (strcmp(a->code, "@he") == 0)
        return resolve_he(rs, s, seg, out, a, extra, 1);
    if (strcmp(a->code, "@issuer") == 0)
        return resolve_issuer(rs, s, seg, a, extra);
    if (strcmp(a->code, "@it") == 0)
        return resolve_he(rs, s, seg, out, a, extra, 0);
    if (strncmp(a->code, "@last:", 6) == 0)
        return resolve_last(rs, s, seg, a, extra);
    if (strncmp(a->code, "@office:", 8) == 0)
        return resolve_office(rs, s, seg, a, extra);
    if (strcmp(a->code, "@same") == 0 || strcmp(a->code, "@prev") == 0) {
        int same = strcmp(a->code, "@same") == 0;

        for (i = out->count; i-- > 0;) {
            const ev_raw *e = &out->v[i];
            size_t k;

            if (same && strcmp(e->ru->type, ru->type) != 0)
                continue;
            for (k = 0; k < e->actor_count; k++) {
                if (e->actors[k].role == DTL_ROLE_SOURCE ||
                    e->actors[k].role == DTL_ROLE_PARTICIPANT) {
                    extra[0] = e->actors[k];
                    extra[0].role = a->role;
                    extra[0].start = a->start;
                    extra[0].end = a->end;
                    return 1;
                }
            }
        }
        return 0;
    }
    return 0;
}

static dtl_role role_of(field f)
{
    return f == FIELD_SOURCE   ? DTL_ROLE_SOURCE
           : f == FIELD_TARGET ? DTL_ROLE_TARGET
                               : DTL_ROLE_PARTICIPANT;
}

/* Is the trigger one past-tense word ("threatened", "met")?  Then the
 * event's tense is past, whatever follows ("threatened to block ..."). */
static int trigger_is_past(const dtl_rules *rs, const char *s, const ev_raw *ev)
{
    size_t a = ev->trig_start, b = ev->trig_end, i;

    if (a == ev->start && b == ev->end)
        return 0; /* no trigger: the whole match */
    for (i = a; i < b; i++)
        if (!util_islower(s[i]) && !util_isupper(s[i]))
            return 0;
    return timex_past_word(rules_lexicon(rs, "tense_past"), s + a, b - a);
}

/* Whether the trigger is a verb in the present tense (lexicon
 * event_present): then no cue around it says future or past. */
static int trigger_is_present(const dtl_rules *rs, const char *s,
                              const ev_raw *ev)
{
    const lexicon *lx = rules_lexicon(rs, "event_present");

    return lx != NULL && lexicon_find(lx, s + ev->trig_start,
                                      ev->trig_end - ev->trig_start) != NULL;
}

/* Is offset p of s right after "in ", "at ", "in the " or "at the "? */
static int after_in_at(const char *s, size_t p)
{
    if (p >= 4 && strncmp(s + p - 4, "the ", 4) == 0)
        p -= 4;
    return p >= 3 &&
           (strncmp(s + p - 3, "in ", 3) == 0 ||
            strncmp(s + p - 3, "at ", 3) == 0) &&
           (p == 3 || s[p - 4] == ' ' || s[p - 4] == '(' || s[p - 4] == ',');
}

/* Whether rule ru tells of force: CAMEO 17 (coerce) to 20. */
static int forceful(const rule *ru)
{
    return (ru->cameo[0] == '1' && ru->cameo[1] >= '7') ||
           (ru->cameo[0] == '2' && ru->cameo[1] == '0');
}

/*
 * Adds the actors of match mt to ev, anaphors resolved, each once.
 * Returns 1 when a deed other than force is done to its doer's own
 * state (a target of the code of a source: "Washington ... summoned the
 * U.S. ambassador", read where a clause was misattached), which is no
 * event between states; else 0.
 */
static int add_actors(const dtl_rules *rs, const char *s,
                      const segmentation *seg, const ev_list *out,
                      const alias_tab *tab, ev_raw *ev, size_t base,
                      const match *mt, const gaz_hit *hits, size_t nh)
{
    size_t i, j, k, n;
    ev_actor tmp[EV_MAX_ACTORS], res[EV_MAX_ACTORS];
    int self = 0;

    for (i = 0; i < mt->cap_count; i++) {
        field f = mt->caps[i].cap->fld;

        if (f != FIELD_SOURCE && f != FIELD_TARGET && f != FIELD_PARTICIPANT)
            continue;
        /* A place where an actor was expected ("in Anchorage"): the
         * masks of names do not tell actors from places.  Only after
         * "in" or "at": "counterparts from Europe" names no place; but
         * a place that is the target of force (CAMEO 17 to 20) is where
         * it was hit ("missiles struck residential districts of
         * Kharkiv"), not one that is criticised ("the Geneva format"). */
        for (j = 0; j < nh && ev->location == NULL; j++) {
            if (hits[j].start < base + mt->caps[i].start ||
                hits[j].end > base + mt->caps[i].end ||
                ((f != FIELD_TARGET || !forceful(ev->ru)) &&
                 !after_in_at(s, hits[j].start)) ||
                gazetteer_pick(&hits[j], LEX_ACTOR | LEX_ANAPHOR))
                continue;
            {
                const gaz_ent *pl = gazetteer_pick(&hits[j], LEX_PLACE);

                if (pl) {
                    ev->location = pl->e->canon;
                    ev->location_code = pl->e->code;
                }
            }
        }
        n = actors_of_hits(s, hits, nh, base + mt->caps[i].start,
                           base + mt->caps[i].end, role_of(f), tmp,
                           EV_MAX_ACTORS);
        for (j = 0; j < n; j++) {
            size_t r = 1;

            res[0] = tmp[j];
            if (tmp[j].code[0] == '@')
                r = resolve_anaphor(rs, s, seg, out, tab, ev->ru, ev->quote,
                                    &tmp[j], res, EV_MAX_ACTORS);
            for (k = 0; k < r && ev->actor_count < EV_MAX_ACTORS; k++) {
                size_t q;
                int dup = 0;

                for (q = 0; q < ev->actor_count; q++) {
                    if (strcmp(ev->actors[q].code, res[k].code) != 0)
                        continue;
                    if (strcmp(ev->actors[q].name, res[k].name) == 0)
                        dup = 1;
                    /* force on a place of one's own state is told
                     * in a civil war ("the army struck positions near
                     * Khartoum"): the place was named as a target */
                    if (!forceful(ev->ru) &&
                        ((ev->actors[q].role == DTL_ROLE_SOURCE &&
                          res[k].role == DTL_ROLE_TARGET) ||
                         (ev->actors[q].role == DTL_ROLE_TARGET &&
                          res[k].role == DTL_ROLE_SOURCE)))
                        self = 1;
                }
                if (!dup)
                    ev->actors[ev->actor_count++] = res[k];
            }
        }
    }
    return self;
}

/* A place, or a country or capital named where a place was expected
 * ("an exercise in Lithuania"). */
static const gaz_ent *pick_place(const gaz_hit *h)
{
    const gaz_ent *ge = gazetteer_pick(h, LEX_PLACE);
    size_t i;

    if (ge)
        return ge;
    for (i = h->count; i-- > 0;)
        if (strcmp(h->ents[i].lx->name, "country") == 0 ||
            strcmp(h->ents[i].lx->name, "capital") == 0)
            return &h->ents[i];
    return NULL;
}

static void add_location(ev_raw *ev, const gaz_hit *hits, size_t nh,
                         size_t start, size_t end)
{
    size_t i;

    for (i = 0; i < nh; i++) {
        const gaz_ent *ge;

        if (hits[i].start < start || hits[i].end > end)
            continue;
        ge = pick_place(&hits[i]);
        if (ge == NULL)
            continue;
        ev->location = ge->e->canon;
        ev->location_code = ge->e->code;
        return;
    }
}

static void later_location(ev_raw *ev, const char *s, const gaz_hit *hits,
                           size_t nh, size_t from)
{
    size_t i;

    for (i = 0; i < nh; i++) {
        const gaz_ent *pl;
        size_t p = hits[i].start;

        if (p < from + 3)
            continue;
        if (!((p >= 3 && strncmp(s + p - 3, "in ", 3) == 0) ||
              (p >= 3 && strncmp(s + p - 3, "at ", 3) == 0)))
            continue;
        pl = gazetteer_pick(&hits[i], LEX_PLACE);
        if (pl == NULL)
            continue;
        ev->location = pl->e->canon;
        ev->location_code = pl->e->code;
        return;
    }
}

static long count_of(const dtl_rules *rs, const char *s, size_t len)
{
    const lexicon *lx = rules_lexicon(rs, "number");
    const lex_entry *e = lx ? lexicon_find(lx, s, len) : NULL;

    if (e)
        return strtol(e->code, NULL, 10);
    return util_parse_uint(s, len);
}

/* Is there the word "and" in s[from, to)? */
static int has_and(const char *s, size_t from, size_t to)
{
    size_t i;

    for (i = from; i + 5 <= to; i++)
        if (s[i] == ' ' && strncmp(s + i + 1, "and ", 4) == 0)
            return 1;
    return 0;
}

/* Whether e's trigger is a verb of the third person ("accuses", not
 * "discuss"): after "and", like a past tense, a predicate of its own
 * ("denies starting the fighting and accuses Armenian units"). */
static int third_person(const char *s, const ev_raw *e)
{
    size_t n = e->trig_end - e->trig_start;
    const char *w = s + e->trig_start;

    return n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
           util_islower((unsigned char)w[0]);
}

/*
 * Whether a condition goes with the trigger at [trig_start, trig_end):
 * "if" or "unless" after it before the sentence ends, a semicolon or a
 * quotation mark ("would impose a full trade embargo if the junta did
 * not release him"), or a conditional clause that opens the sentence.
 */
static int conditional(const char *s, const sent *st, size_t trig_start,
                       size_t trig_end)
{
    static const char *const cond[] = {"if", "should", "unless", "were"};
    size_t i, k, from = st->start;

    /* "A: If there is another kidnapping, we would close ...": the
     * answer of an interview opens after its "A:" */
    if (from + 3 <= trig_start && s[from] == 'A' && s[from + 1] == ':' &&
        s[from + 2] == ' ')
        from += 3;
    /* "Should negotiations be concluded in time, the two sides would
     * also sign ...": a condition that opens the sentence, up to a
     * comma before the trigger */
    for (k = 0; k < sizeof(cond) / sizeof(cond[0]); k++)
        if (util_word_at(s, from, trig_start, cond[k])) {
            for (i = from; i < trig_start && s[i] != ','; i++)
                ;
            if (i < trig_start)
                return 1;
        }

    for (i = trig_end; i + 4 <= st->end; i++) {
        if (s[i] == ';' || s[i] == '"')
            return 0;
        if (s[i] == ' ' &&
            (strncmp(s + i + 1, "if ", 3) == 0 ||
             (i + 8 <= st->end && strncmp(s + i + 1, "unless ", 7) == 0)))
            return 1;
    }
    return 0;
}

/*
 * The status from the modality cue nearest before the trigger, within
 * MODALITY_WORDS words of the same sentence part.  A plan told with
 * "would" and a condition (conditional()) is a threat when the event
 * coerces (CAMEO 16 and up: "Australia would impose sanctions if the
 * violence did not stop"), else only a hypothesis ("would join the
 * talks if invited").  A trigger in the
 * past tense, or in the third person of the present, after "and" has a
 * predicate of its own, which a cue before the "and" does not rule:
 * "denied the accusation and summoned the ambassador" (but "will visit
 * Seoul and meet", "refused to meet and sign": the bare verb shares the
 * cue).
 */
static int modality(const dtl_rules *rs, matcher *m, const char *s,
                    const sent *st, const ev_raw *ev, int past, int status)
{
    size_t trig = ev->trig_start;
    size_t from = trig, words = 0, i;
    size_t best_end = 0, best_start = 0, deny_end = 0;
    int best = -1;
    match mt;

    while (from > st->start && words <= MODALITY_WORDS) {
        char c = s[from - 1];

        if (c == '.' || c == ';' || c == ':' || c == '!' || c == '?' ||
            c == '"')
            break;
        if (util_isspace((unsigned char)c) &&
            !util_isspace((unsigned char)s[from]))
            words++;
        if (words > MODALITY_WORDS)
            break;
        from--;
    }
    for (i = 0; i < rs->live_count; i++) {
        const rule *ru = rs->live[i];
        size_t j;

        if (ru->kind != RULE_MODALITY)
            continue;
        for (j = 0; j < ru->pat_count; j++) {
            size_t pos = from - st->start;

            /* The whole sentence before the trigger is the subject, so
             * that lookbehinds see the words before the window. */
            while (matcher_find(m, &ru->pats[j], ru, s + st->start,
                                trig - st->start, pos, &mt) == 1) {
                pos = mt.end > mt.start ? mt.end : mt.end + 1;
                if (ru->status == DTL_STATUS_DENIED &&
                    (deny_end == 0 || mt.end < deny_end))
                    deny_end = mt.end;
                if (best < 0 || mt.end >= best_end) {
                    best_end = mt.end;
                    best_start = mt.start;
                    best = ru->status;
                }
            }
        }
    }
    if (best >= 0 && past && has_and(s, st->start + best_end, trig))
        best = -1;
    /* "denied a report in a Lebanese newspaper that the kingdom's crown
     * prince would travel": a denial of a report that ends in "that"
     * holds the clause after it, however far back it begins. */
    for (i = 0; i < rs->live_count && deny_end == 0 && from > st->start; i++) {
        const rule *ru = rs->live[i];
        size_t j;

        if (ru->kind != RULE_MODALITY || ru->status != DTL_STATUS_DENIED)
            continue;
        for (j = 0; j < ru->pat_count && deny_end == 0; j++) {
            size_t pos = 0;

            while (deny_end == 0 &&
                   matcher_find(m, &ru->pats[j], ru, s + st->start,
                                trig - st->start, pos, &mt) == 1) {
                pos = mt.end > mt.start ? mt.end : mt.end + 1;
                if (mt.end >= 4 && mt.start < from - st->start &&
                    strncmp(s + st->start + mt.end - 4, "that", 4) == 0)
                    deny_end = mt.end;
            }
        }
    }
    if (best < 0 && deny_end > 0 && !has_and(s, st->start + deny_end, trig))
        best = DTL_STATUS_DENIED;
    /* "denied that Washington had agreed to lift sanctions": what the
     * denial holds is denied, plan or threat though it be. */
    if (best >= 0 && best != DTL_STATUS_DENIED && deny_end > 0 &&
        deny_end <= best_start && !has_and(s, st->start + deny_end, trig))
        best = DTL_STATUS_DENIED;
    /* "A meeting ... that was to follow has been postponed": what is
     * called off was planned; the plan does not undo the calling off. */
    if (best == DTL_STATUS_PLANNED && status == DTL_STATUS_CANCELLED)
        best = DTL_STATUS_CANCELLED;
    if (best == DTL_STATUS_PLANNED && best_end - best_start == 5 &&
        strncmp(s + st->start + best_start, "would", 5) == 0 &&
        conditional(s, st, ev->trig_start, ev->trig_end))
        best = strcmp(ev->ru->cameo, "16") >= 0 ? DTL_STATUS_THREATENED
                                                : DTL_STATUS_HYPOTHETICAL;
    return best >= 0 ? best : status;
}

/* ------------------------------------------------------------------ */
/* Sentences                                                           */
/* ------------------------------------------------------------------ */

/* The word of lower-case letters that ends at s[e] (spaces skipped),
 * as [*b, e'), or 0. */
static size_t lower_word_before(const char *s, size_t e, size_t *b)
{
    while (e > 0 && s[e - 1] == ' ')
        e--;
    for (*b = e; *b > 0 && (util_islower(s[*b - 1]) || s[*b - 1] == '-');)
        (*b)--;
    return *b < e && (*b == 0 || !util_isalnum((unsigned char)s[*b - 1])) ? e
                                                                          : 0;
}

/*
 * Is the source of mt the object of a verb in a relative clause ("The
 * US envoy, who visited Belgrade and Pristina last week, urged ...":
 * not Belgrade and Pristina)?  Right before it a word, "had", "has" or
 * "have" perhaps, and "who", "which" or "that".
 */
static int relative_object(const char *s, const match *mt)
{
    static const char *const rel[] = {"who", "which", "that"};
    size_t i, b, e, k;

    for (i = 0; i < mt->cap_count; i++) {
        size_t at = mt->caps[i].start, n;

        if (mt->caps[i].cap->fld != FIELD_SOURCE ||
            mt->caps[i].end <= mt->caps[i].start)
            continue;
        /* the last of a list of names: "who visited Belgrade and
         * Pristina" (names are masked with '_') */
        for (n = 0; n < 4; n++) {
            size_t p = at;

            if ((e = lower_word_before(s, p, &b)) != 0 && e - b == 3 &&
                strncmp(s + b, "and", 3) == 0)
                p = b;
            else if (p >= 2 && s[p - 1] == ' ' && s[p - 2] == ',')
                p -= 2;
            else
                break;
            while (p > 0 && s[p - 1] == ' ')
                p--;
            if (p == 0 || s[p - 1] != '_')
                break;
            while (p > 0 && s[p - 1] == '_')
                p--;
            at = p;
        }
        if ((e = lower_word_before(s, at, &b)) == 0 ||
            (e = lower_word_before(s, b, &b)) == 0)
            return 0;
        if ((e - b == 3 && (strncmp(s + b, "had", 3) == 0 ||
                            strncmp(s + b, "has", 3) == 0)) ||
            (e - b == 4 && strncmp(s + b, "have", 4) == 0))
            if ((e = lower_word_before(s, b, &b)) == 0)
                return 0;
        for (k = 0; k < sizeof(rel) / sizeof(rel[0]); k++)
            if (e - b == strlen(rel[k]) && strncmp(s + b, rel[k], e - b) == 0)
                return 1;
        return 0;
    }
    return 0;
}

/*
 * Is a target group of mt, right after "into", only places of no
 * state, a sea or a strait ("fired a missile into the Sea of Japan")?
 * Then nothing was hit: the words are not the rule's event, and a rule
 * that needs no target (a missile launch) may have them.  After "on"
 * or "in" such a place says where something was hit ("attacks on the
 * Gulf war front", "hit a vessel in the Gulf").
 */
static int target_nowhere(const match *mt, const char *masked,
                          const gaz_hit *hits, size_t nh, size_t base)
{
    size_t i, j;

    for (i = 0; i < mt->cap_count; i++) {
        size_t names = 0, nowhere = 0, p = mt->caps[i].start;

        if (mt->caps[i].cap->fld != FIELD_TARGET)
            continue;
        if (p >= 4 && strncmp(masked + p - 4, "the ", 4) == 0)
            p -= 4;
        if (p < 5 || strncmp(masked + p - 5, "into ", 5) != 0 ||
            (p > 5 && util_isalnum((unsigned char)masked[p - 6])))
            continue;
        for (j = 0; j < nh; j++) {
            const gaz_ent *pl;

            if (hits[j].start < base + mt->caps[i].start ||
                hits[j].end > base + mt->caps[i].end)
                continue;
            names++;
            pl = gazetteer_pick(&hits[j], LEX_PLACE);
            nowhere +=
                pl != NULL && pl->e->code[0] == '\0' &&
                gazetteer_pick(&hits[j], LEX_ACTOR | LEX_ANAPHOR) == NULL;
        }
        if (names > 0 && nowhere == names)
            return 1;
    }
    return 0;
}

/*
 * Whether the source of match mt starts inside a list of names that
 * begins before it ("allies West Germany, France, Britain, Japan and
 * Canada met": not Japan meeting Canada): a masked name and a comma
 * before it, and a comma before that name.
 */
static int list_tail(const char *masked, const match *mt)
{
    size_t i, k;

    for (k = 0; k < mt->cap_count; k++)
        if (mt->caps[k].cap->fld == FIELD_SOURCE)
            break;
    if (k == mt->cap_count)
        return 0;
    i = mt->caps[k].start;
    if (i < 4 || masked[i - 1] != ' ' || masked[i - 2] != ',' ||
        masked[i - 3] != '_')
        return 0;
    for (i -= 3; i > 0 && masked[i - 1] == '_';)
        i--;
    return i >= 2 && masked[i - 1] == ' ' && masked[i - 2] == ',';
}

/* ------------------------------------------------------------------ */
/* Surnames                                                            */
/* ------------------------------------------------------------------ */

/*
 * A person named in full earlier in the text ("Donald Tusk") is named
 * later by the last word alone ("Tusk spoke by phone with Macron").
 * The table holds those words for one text; a word that two persons
 * share is dropped.
 */
#define ALIAS_MAX 64
#define ALIAS_LEN 32

struct alias_tab {
    struct alias {
        char w[ALIAS_LEN];
        size_t n;
        const gaz_ent *ents;
        size_t count;
        const lex_entry *who; /* NULL: shared, not an alias */
    } v[ALIAS_MAX];
    size_t count;
    size_t upto; /* sentences [0, upto) have been read for names */
};

/* The person entry of hit h, or NULL. */
static const lex_entry *person_of(const gaz_hit *h)
{
    const gaz_ent *ge = gazetteer_pick(h, LEX_ACTOR);

    return ge != NULL && strcmp(ge->lx->name, "person") == 0 ? ge->e : NULL;
}

/* Is s[b, e) a word that can stand for a surname: a capital, then at
 * least min - 1 lower-case letters or hyphens? */
static int surname_word(const char *s, size_t b, size_t e, size_t min)
{
    size_t i;

    if (e - b < min || e - b >= ALIAS_LEN || !util_isupper(s[b]))
        return 0;
    for (i = b + 1; i < e; i++)
        if (!util_islower(s[i]) && s[i] != '-')
            return 0;
    return 1;
}

/* Is s[b, e) a word of a name: a capital, then lower-case letters,
 * hyphens or letters beyond ASCII ("Ilić"), a capital after a hyphen
 * ("Diallo-Keita")? */
static int name_word_at(const char *s, size_t b, size_t e)
{
    size_t i;

    if (e - b < 2 || !util_isupper(s[b]))
        return 0;
    for (i = b + 1; i < e; i++)
        if (!util_islower(s[i]) && s[i] != '-' && (unsigned char)s[i] < 0x80 &&
            !(util_isupper(s[i]) && s[i - 1] == '-'))
            return 0;
    return 1;
}

/* The end of the word at s[i, end): letters, digits beyond ASCII,
 * hyphens, full stops and apostrophes ("U.S.", "Ilić"). */
static size_t word_end(const char *s, size_t i, size_t end)
{
    while (i < end &&
           (util_isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == '.' ||
            s[i] == '\'' || (unsigned char)s[i] >= 0x80))
        i++;
    return i;
}

/* Notes s[b, e) as a name of who, whose mention is h; a word two
 * persons share names neither. */
static void note_one(alias_tab *tab, const char *s, size_t b, size_t e,
                     const gaz_hit *h, const lex_entry *who)
{
    size_t k;

    if (e - b >= ALIAS_LEN)
        return;
    for (k = 0; k < tab->count; k++)
        if (tab->v[k].n == e - b && memcmp(tab->v[k].w, s + b, e - b) == 0)
            break;
    if (k < tab->count) {
        if (tab->v[k].who != NULL &&
            strcmp(tab->v[k].who->canon, who->canon) != 0)
            tab->v[k].who = NULL;
        return;
    }
    if (tab->count == ALIAS_MAX)
        return;
    tab->v[k].n = e - b;
    memcpy(tab->v[k].w, s + b, tab->v[k].n);
    tab->v[k].ents = h->ents;
    tab->v[k].count = h->count;
    tab->v[k].who = who;
    tab->count++;
}

/*
 * A person not in the lexicons, named after the state and office
 * ("Kosovo Prime Minister Arben Krasniqi", "Britain's defence secretary,
 * Alistair Hume"): the words after hit h (an actor that is no person),
 * "'s", one to four words of lexicon alias_office, perhaps a comma, and
 * two or three words of a name.  Returns the bounds of the last word of
 * the name [*b, *e), or 0.
 */
static int titled_name(const lexicon *office, const lexicon *no, const char *s,
                       size_t end, const gaz_hit *h, size_t *n0, size_t *b,
                       size_t *e)
{
    size_t i = h->end, w, k, offices = 0, names = 0;

    /* a title of the lexicons: "Australian Foreign Minister" */
    for (w = i; w > h->start && s[w - 1] != ' ';)
        w--;
    if (w > h->start && lexicon_find(office, s + w, i - w) != NULL)
        offices = 1;
    if (i + 2 <= end && s[i] == '\'' && s[i + 1] == 's')
        i += 2;
    for (k = 0; k < 6; k++) {
        while (i < end && s[i] == ' ')
            i++;
        w = word_end(s, i, end);
        if (w == i || offices == 4 ||
            lexicon_find(office, s + i, w - i) == NULL)
            break;
        offices++;
        i = w;
    }
    if (offices == 0)
        return 0;
    if (i < end && s[i] == ',')
        i++;
    for (k = 0; k < 3; k++) {
        while (i < end && s[i] == ' ')
            i++;
        w = word_end(s, i, end);
        if (w == i || !name_word_at(s, i, w) ||
            (no != NULL && lexicon_find(no, s + i, w - i) != NULL))
            break;
        if (names == 0)
            *n0 = i;
        *b = i;
        *e = w;
        names++;
        i = w;
    }
    /* "President Joe Biden", not "President Biden" (a word that may be
     * anything) */
    return names >= 2;
}

/*
 * A person not in the lexicons named before "of" and the state, hit h
 * ("Narek Avetisyan of Armenia"): two or three words of a name before
 * " of ".  Returns the bounds of the last word [*b, *e), or 0.
 */
static int name_of_state(const lexicon *no, const char *s, const gaz_hit *h,
                         size_t *b, size_t *e)
{
    size_t p = h->start, names = 0, w;

    if (p < 4 || strncmp(s + p - 4, " of ", 4) != 0)
        return 0;
    p -= 3;
    while (names < 3) {
        if (p == 0 || s[p - 1] != ' ')
            break;
        w = --p;
        while (p > 0 && !util_isspace((unsigned char)s[p - 1]) &&
               s[p - 1] != ',' && s[p - 1] != '(')
            p--;
        if (!name_word_at(s, p, w) ||
            (no != NULL && lexicon_find(no, s + p, w - p) != NULL))
            break;
        if (names == 0) {
            *b = p;
            *e = w;
        }
        names++;
    }
    return names >= 2;
}

/* Whether s[b, e) names a month or a day ("Theresa May" does not make
 * every "May" a person). */
static int date_word(const lexicon *month, const lexicon *wday, const char *s,
                     size_t b, size_t e)
{
    return (month && lexicon_find(month, s + b, e - b)) ||
           (wday && lexicon_find(wday, s + b, e - b));
}

/* The words of lexicon office in s[*i, end), at most four, each after
 * one space (the first after at most one); how many. */
static size_t office_words(const lexicon *office, const char *s, size_t *i,
                           size_t end)
{
    size_t n = 0, j, w;

    while (n < 4) {
        j = *i;
        if (j < end && s[j] == ' ')
            j++;
        w = word_end(s, j, end);
        if (w == j || lexicon_find(office, s + j, w - j) == NULL)
            break;
        *i = w;
        n++;
    }
    return n;
}

/*
 * A person the lexicons do not know, named before an apposition that
 * gives the office and the state or body of hit i ("Amina Diallo-Keita,
 * the African Union's special envoy for the Horn of Africa, met ...";
 * "Tom Reyes, a senior U.S. official, said"): two or three words of a
 * name outside other hits, a comma, perhaps an article and words of
 * lexicon office, hit i, perhaps "'s", words of that lexicon, and a
 * comma within APPOS_REACH bytes.  Returns the name's bounds [*n0, *n1)
 * and its last word's [*b, *e), or 0.
 */
#define APPOS_REACH 80
static int appos_name(const lexicon *office, const lexicon *no,
                      const lexicon *month, const lexicon *wday, const char *s,
                      size_t end, const gaz_hit *hits, size_t nh, size_t i,
                      size_t *n0, size_t *n1, size_t *b, size_t *e)
{
    size_t p = hits[i].start, k, w, names = 0, j;
    int of = 0, office_before = 0, titled = 0;

    for (j = 0; j < hits[i].count; j++)
        titled |= strcmp(hits[i].ents[j].lx->name, "title") == 0;
    /* back over "a senior" and "the" to ", "; or over an office and
     * "of" ("Kenichi Takeda, Minister for Foreign Affairs of Japan,",
     * "the foreign minister of Japan") */
    for (k = 0;; k++) {
        if (p >= 2 && s[p - 1] == ' ' && s[p - 2] == ',')
            break;
        if (k == 6 || p == 0 || s[p - 1] != ' ')
            return 0;
        for (w = --p; p > 0 && !util_isspace((unsigned char)s[p - 1]) &&
                      s[p - 1] != ',';)
            p--;
        if (w - p == 2 && memcmp(s + p, "of", 2) == 0 && k <= 1 && !of) {
            of = 1;
            continue;
        }
        if (of && ((w - p == 3 && memcmp(s + p, "for", 3) == 0) ||
                   (w - p == 7 && strncasecmp(s + p, "affairs", 7) == 0)))
            continue;
        if (w > p && lexicon_find(office, s + p, w - p) != NULL) {
            office_before |= of;
            continue;
        }
        if (!((w - p == 3 && memcmp(s + p, "the", 3) == 0) ||
              (w - p == 1 && s[p] == 'a') ||
              (w - p == 2 && memcmp(s + p, "an", 2) == 0)))
            return 0;
    }
    if (of && !office_before)
        return 0;
    *n1 = p -= 2;
    for (; names < 3; names++) {
        for (w = p; p > 0 && !util_isspace((unsigned char)s[p - 1]) &&
                    s[p - 1] != ',' && s[p - 1] != '(' && s[p - 1] != '"';)
            p--;
        if (!name_word_at(s, p, w) || date_word(month, wday, s, p, w) ||
            (no != NULL && lexicon_find(no, s + p, w - p) != NULL))
            break;
        if (names == 0) {
            *b = p;
            *e = w;
        }
        *n0 = p;
        if (p < 2 || s[p - 1] != ' ') {
            names++;
            break;
        }
        p--;
    }
    if (names < 2 || *e - *b < 3)
        return 0;
    for (j = 0; j < nh; j++)
        if (hits[j].start < *n1 && hits[j].end > *n0)
            return 0;
    /* the office after the body: "'s special envoy", "official"; none
     * after an office told before it or a title of the lexicons ("the
     * Japanese Foreign Minister,") */
    k = hits[i].end;
    if (!office_before && !titled) {
        k += possessive_at(s, k, end);
        if (office_words(office, s, &k, end) == 0)
            return 0;
    }
    for (j = k; j < end && j - k < APPOS_REACH; j++) {
        if (s[j] == ',')
            return 1;
        if (s[j] == ';' || s[j] == '"' || s[j] == '(' || s[j] == '.')
            return 0;
    }
    return 0;
}

/* Whether "former " or "ex-" comes right before s[p]. */
static int former_before(const char *s, size_t p)
{
    return (p >= 7 && (memcmp(s + p - 7, "former ", 7) == 0 ||
                       memcmp(s + p - 7, "Former ", 7) == 0)) ||
           (p >= 3 && (memcmp(s + p - 3, "ex-", 3) == 0 ||
                       memcmp(s + p - 3, "Ex-", 3) == 0));
}

/*
 * A person the lexicons do not know, named after an office of the
 * state or body of hit h ("the Minister for Foreign Affairs of
 * Australia, James Whitcombe, ..."): a word of lexicon office and "of"
 * (perhaps "of the") before h, or h a title of the lexicons itself
 * ("the Australian Foreign Minister, James Whitcombe,"), then a comma
 * and two or three words of a name, and a comma.  Returns the bounds of
 * the last word [*b, *e), or 0.
 */
static int office_of_name(const lexicon *office, const lexicon *no,
                          const char *s, size_t end, const gaz_hit *h,
                          int title, size_t *b, size_t *e)
{
    size_t p = h->start, w, i, names = 0;

    if (!title) {
        if (p >= 4 && memcmp(s + p - 4, "the ", 4) == 0)
            p -= 4;
        if (p < 4 || memcmp(s + p - 4, " of ", 4) != 0)
            return 0;
        for (w = p -= 4; p > 0 && s[p - 1] != ' ';)
            p--;
        if (lexicon_find(office, s + p, w - p) == NULL)
            return 0;
    }
    i = h->end;
    if (i + 2 > end || s[i] != ',' || s[i + 1] != ' ')
        return 0;
    for (i += 2; names < 3; names++) {
        w = word_end(s, i, end);
        if (!name_word_at(s, i, w) ||
            (no != NULL && lexicon_find(no, s + i, w - i) != NULL))
            break;
        *b = i;
        *e = w;
        if (w < end && s[w] == ',')
            return names >= 1 && *e - *b >= 3;
        if (w >= end || s[w] != ' ')
            break;
        i = w + 1;
    }
    return 0;
}

/* Notes the family names of the persons named in full among hits (the
 * last word, or the first for the states of lexicon family_first: "Yoon"
 * of "Yoon Suk Yeol"), but names of months and days ("Theresa May" does
 * not make every "May" a person). */
static void alias_note(const dtl_rules *rs, alias_tab *tab, const char *s,
                       size_t end, const gaz_hit *hits, size_t nh)
{
    const lexicon *month = rules_lexicon(rs, "month");
    const lexicon *wday = rules_lexicon(rs, "weekday");
    const lexicon *ff = rules_lexicon(rs, "family_first");
    const lexicon *office = rules_lexicon(rs, "alias_office");
    const lexicon *no = rules_lexicon(rs, "alias_not_name");
    const lexicon *sfx = rules_lexicon(rs, "name_suffix");
    size_t i, b, e, n0, n1, min;

    for (i = 0; i < nh; i++) {
        const lex_entry *who = person_of(&hits[i]);
        const gaz_ent *ge;

        /* "Kosovo Prime Minister Arben Krasniqi", "Narek Avetisyan of
         * Armenia": the state stands for the person named with it, later
         * by "Krasniqi". */
        if (who == NULL) {
            if (office == NULL ||
                (ge = gazetteer_pick(&hits[i], LEX_ACTOR)) == NULL ||
                ge->e->code[0] == '@' || ge->e->code[0] == '\0')
                continue;
            /* Not "the Foreign Minister of Iran" nor "West German
             * Finance Minister Gerhard Stoltenberg": the name may not
             * be (in) a hit, a person the lexicons know. */
            if (name_of_state(no, s, &hits[i], &b, &e)) {
                if (e - b >= 3 && !(i > 0 && hits[i - 1].end > b) &&
                    !date_word(month, wday, s, b, e))
                    note_one(tab, s, b, e, &hits[i], ge->e);
            } else if (titled_name(office, no, s, end, &hits[i], &n0, &b, &e)) {
                /* "South Korean Foreign Minister Han Dong-su" is later
                 * "Han": the family name first (lexicon family_first),
                 * and it may have two letters */
                min = 3;
                if (ff && lexicon_find(ff, ge->e->code, strlen(ge->e->code))) {
                    for (b = e = n0; e < end && s[e] != ' ';)
                        e++;
                    min = 2;
                }
                /* not "Former White House aide Michael Deaver": he no
                 * longer acts for the state */
                if (e - b >= min && !former_before(s, hits[i].start) &&
                    !(i + 1 < nh && hits[i + 1].start < e &&
                      hits[i + 1].end > n0) &&
                    !date_word(month, wday, s, b, e))
                    note_one(tab, s, b, e, &hits[i], ge->e);
            } else if (appos_name(office, no, month, wday, s, end, hits, nh, i,
                                  &n0, &n1, &b, &e)) {
                note_one(tab, s, b, e, &hits[i], ge->e);
            } else if (office_of_name(office, no, s, end, &hits[i],
                                      strcmp(ge->lx->name, "title") == 0, &b,
                                      &e) &&
                       !date_word(month, wday, s, b, e) &&
                       !(i + 1 < nh && hits[i + 1].start < e)) {
                note_one(tab, s, b, e, &hits[i], ge->e);
            }
            continue;
        }
        /* Family names written first may have two letters ("Li"). */
        if (ff && lexicon_find(ff, who->code, strlen(who->code))) {
            for (b = hits[i].start, e = b; e < hits[i].end && s[e] != ' ';)
                e++;
            if (e == hits[i].end)
                continue;
            min = 2;
        } else {
            for (b = e = hits[i].end; b > hits[i].start && s[b - 1] != ' ';)
                b--;
            /* "Ferdinand Marcos Jr.": "Marcos" */
            if (sfx && b > hits[i].start + 1 &&
                lexicon_find(sfx, s + b, e - b) != NULL)
                for (e = b - 1; b > hits[i].start && s[b - 1] != ' ';)
                    b--;
            if (b == hits[i].start)
                continue;
            min = 3;
        }
        if (!surname_word(s, b, e, min) || date_word(month, wday, s, b, e))
            continue;
        note_one(tab, s, b, e, &hits[i], who);
    }
}

/* The next word of s[*i, end) that starts with a capital, is not
 * followed by a digit and lies outside hits (sorted by start; *h walks
 * them): [*b, *i).  0 when there is none. */
static int next_name_word(const char *s, size_t *i, size_t end,
                          const gaz_hit *hits, size_t nh, size_t *h, size_t *b)
{
    while (*i < end) {
        if (!util_isupper(s[*i]) ||
            (*i > 0 && util_isalnum((unsigned char)s[*i - 1]))) {
            (*i)++;
            continue;
        }
        for (*b = (*i)++;
             *i < end && (util_isalpha((unsigned char)s[*i]) || s[*i] == '-');)
            (*i)++;
        if (*i < end && util_isdigit((unsigned char)s[*i]))
            continue;
        while (*h < nh && hits[*h].end <= *b)
            (*h)++;
        if (*h == nh || hits[*h].start >= *i)
            return 1;
    }
    return 0;
}

/* Adds to hits (sorted by start) the surnames of the table found in
 * s[start, end) outside other hits; returns the new count. */
static size_t alias_find(const alias_tab *tab, const char *s, size_t start,
                         size_t end, gaz_hit *hits, size_t nh, size_t max)
{
    size_t i = start, b, h = 0, k;

    if (tab->count == 0)
        return nh;
    while (nh < max && next_name_word(s, &i, end, hits, nh, &h, &b)) {
        for (k = 0; k < tab->count; k++)
            if (tab->v[k].who != NULL && tab->v[k].n == i - b &&
                memcmp(tab->v[k].w, s + b, i - b) == 0)
                break;
        if (k == tab->count)
            continue;
        memmove(hits + h + 1, hits + h, (nh - h) * sizeof(*hits));
        hits[h].start = b;
        hits[h].end = i;
        hits[h].ents = tab->v[k].ents;
        hits[h].count = tab->v[k].count;
        nh++;
        h++;
    }
    return nh;
}

/* Adds to hits (sorted by start) the names of persons the lexicons do
 * not know, given their body or state by an apposition (appos_name), as
 * mentions of that actor, and notes their last words; returns the new
 * count. */
static size_t appos_find(const dtl_rules *rs, alias_tab *tab, const char *s,
                         size_t end, gaz_hit *hits, size_t nh, size_t max)
{
    const lexicon *office = rules_lexicon(rs, "alias_office");
    const lexicon *no = rules_lexicon(rs, "alias_not_name");
    const lexicon *month = rules_lexicon(rs, "month");
    const lexicon *wday = rules_lexicon(rs, "weekday");
    size_t i, k, n0, n1, b, e;
    const gaz_ent *ge;

    if (office == NULL)
        return nh;
    for (i = 0; i < nh && nh < max; i++) {
        if (person_of(&hits[i]) != NULL ||
            (ge = gazetteer_pick(&hits[i], LEX_ACTOR)) == NULL ||
            ge->e->code[0] == '@' || ge->e->code[0] == '\0' ||
            !appos_name(office, no, month, wday, s, end, hits, nh, i, &n0, &n1,
                        &b, &e))
            continue;
        note_one(tab, s, b, e, &hits[i], ge->e);
        for (k = 0; k < nh && hits[k].start < n0; k++)
            ;
        memmove(hits + k + 1, hits + k, (nh - k) * sizeof(*hits));
        hits[k].start = n0;
        hits[k].end = n1;
        hits[k].ents = hits[i + 1].ents;
        hits[k].count = hits[i + 1].count;
        nh++;
        i++;
    }
    return nh;
}

/* Is there in s[start, end), outside hits, a word that is the last
 * word of some person's name in the lexicons, or a word of a name after
 * the first word (a person the lexicons do not know, named in full
 * before with an office: alias_note)? */
static int surname_in(const dtl_rules *rs, const char *s, size_t start,
                      size_t end, const gaz_hit *hits, size_t nh)
{
    size_t i = start, b, h = 0;

    while (next_name_word(s, &i, end, hits, nh, &h, &b))
        if (gazetteer_last_word(rs->gaz, s + b, i - b) ||
            (i - b >= 3 && name_word_at(s, b, i)))
            return 1;
    return 0;
}

/* The mentions of sentence si, with the surnames of persons named in
 * full before it.  The sentences before are read for names
 * (tab->upto) only when si has a word that may be such a surname:
 * most sentences have none, and a text is read once at most. */
static size_t names_of(const dtl_rules *rs, const char *s,
                       const segmentation *seg, size_t si, alias_tab *tab,
                       gaz_hit *hits, size_t max)
{
    const sent *st = &seg->s[si];
    size_t nh = gazetteer_scan(rs->gaz, s, st->start, st->end, hits, max);
    const lexicon *lead = rules_lexicon(rs, "he_lead");
    size_t i, k;
    const gaz_ent *ge;

    /* "he" and "she" name someone only where a clause opens; "The
     * Ministry of Foreign Affairs of ..." is no issuer's; "the
     * government" is no name unless its state was named with the
     * office (else "leaders called on the government" would be a call
     * on no one, by whoever is named before) */
    for (i = k = 0; i < nh; i++) {
        ge = gazetteer_pick(&hits[i], LEX_ANAPHOR);
        if (ge != NULL && ((util_islower(s[hits[i].start]) &&
                            strcmp(ge->e->code, "@he") == 0 &&
                            !opens_clause(lead, s, st->start, hits[i].start)) ||
                           (strcmp(ge->e->code, "@issuer") == 0 &&
                            strncmp(s + hits[i].end, " of ", 4) == 0) ||
                           (strncmp(ge->e->code, "@office:", 8) == 0 &&
                            !office_known(rs, s, seg, &hits[i], ge))))
            continue;
        hits[k++] = hits[i];
    }
    nh = k;

    if (tab->upto < si) {
        gaz_hit before[EV_MAX_HITS];

        if (!surname_in(rs, s, st->start, st->end, hits, nh))
            return nh;
        for (; tab->upto < si; tab->upto++) {
            const sent *o = &seg->s[tab->upto];

            alias_note(rs, tab, s, o->end, before,
                       gazetteer_scan(rs->gaz, s, o->start, o->end, before,
                                      EV_MAX_HITS));
        }
    }
    nh = alias_find(tab, s, st->start, st->end, hits, nh, max);
    nh = appos_find(rs, tab, s, st->end, hits, nh, max);
    alias_note(rs, tab, s, st->end, hits, nh);
    tab->upto = si + 1;
    return nh;
}

/* A visit (CAMEO 042) to a place of the visitor's own state that names
 * no other side is no diplomatic visit ("Dole visited the New York Stock
 * Exchange"). */
static int domestic_visit(const ev_raw *ev)
{
    size_t k;
    int own = 0;

    if (strcmp(ev->ru->cameo, "042") != 0 || ev->location_code == NULL ||
        ev->location_code[0] == '\0')
        return 0;
    for (k = 0; k < ev->actor_count; k++) {
        if (ev->actors[k].role != DTL_ROLE_SOURCE)
            return 0;
        if (strcmp(ev->actors[k].code, ev->location_code) == 0)
            own = 1;
    }
    return own;
}

static dtl_status detect_sentence(const dtl_rules *rs, const char *s,
                                  segmentation *seg, size_t si, matcher *m,
                                  alias_tab *tab, ev_list *out)
{
    const sent *st = &seg->s[si];
    uint64_t *bits = matcher_bits(m);
    rule_reach *reach = matcher_reach(m);
    cand *c = NULL;
    size_t n = 0, cap = 0, i, j, len = st->end - st->start, nh;
    const char *sub = s + st->start;
    char *masked;
    gaz_hit hits[EV_MAX_HITS];
    match mt;
    int any = 0;

    sent_prefilter(rs, s, st, bits, reach);
    for (i = bit_next(bits, 0, rs->live_count); i < rs->live_count && !any;
         i = bit_next(bits, i + 1, rs->live_count))
        any = rs->live[i]->kind == RULE_EVENT;
    if (!any)
        return DTL_OK;
    /* Names become runs of '_' of the same length: @actor is "_+". */
    nh = names_of(rs, s, seg, si, tab, hits, EV_MAX_HITS);
    /* A mention with no actor is dropped anyway: without a name of an
     * actor in the sentence, no rule needs to run. */
    for (i = 0, any = 0; i < nh && !any; i++)
        any = gazetteer_pick(&hits[i], LEX_ACTOR | LEX_ANAPHOR) != NULL;
    if (!any)
        return DTL_OK;
    masked = malloc(len + 1);
    if (masked == NULL)
        return DTL_ENOMEM;
    memcpy(masked, sub, len);
    masked[len] = '\0';
    for (i = 0; i < nh; i++)
        memset(masked + (hits[i].start - st->start), '_',
               hits[i].end - hits[i].start);
    matcher_subject(m, masked, len);
    for (i = bit_next(bits, 0, rs->live_count); i < rs->live_count;
         i = bit_next(bits, i + 1, rs->live_count)) {
        const rule *ru = rs->live[i];

        if (ru->kind != RULE_EVENT)
            continue;
        for (j = 0; j < ru->pat_count; j++) {
            size_t from = 0;

            while (matcher_find_within(m, &ru->pats[j], ru, masked, len, from,
                                       reach[ru->index].to, &mt) == 1) {
                const match_cap *tc = match_get(&mt, "trigger");

                from = mt.end > mt.start ? mt.end : mt.end + 1;
                if (mt.end == mt.start || list_tail(masked, &mt) ||
                    target_nowhere(&mt, masked, hits, nh, st->start) ||
                    relative_object(masked, &mt))
                    continue;
                if (util_grow((void **)&c, &cap, n + 1, sizeof(*c)) != 0) {
                    free(c);
                    matcher_subject(m, NULL, 0);
                    free(masked);
                    return DTL_ENOMEM;
                }
                c[n].ru = ru;
                c[n].mt = mt;
                c[n].ts = tc ? tc->start : mt.start;
                c[n].te = tc ? tc->end : mt.end;
                c[n].dead = 0;
                n++;
            }
        }
    }
    settle(c, n);
    if (n > 1)
        qsort(c, n, sizeof(*c), cmp_cand_pos);
    /* Who said the quotations, now that a mention may be in one. */
    if (n > 0)
        segment_attribute(rs, m, s, seg);
    for (i = 0; i < n; i++) {
        ev_raw ev;
        const match_cap *w;
        int past;

        if (c[i].dead)
            continue;
        memset(&ev, 0, sizeof(ev));
        ev.ru = c[i].ru;
        ev.sent = si;
        ev.start = st->start + c[i].mt.start;
        ev.end = st->start + c[i].mt.end;
        ev.trig_start = st->start + c[i].ts;
        ev.trig_end = st->start + c[i].te;
        ev.quote = segment_quote_at(seg, ev.trig_start);
        ev.anchor_event = -1;
        ev.anchor_tx = -1;
        if (add_actors(rs, s, seg, out, tab, &ev, st->start, &c[i].mt, hits,
                       nh))
            continue;
        /* With no one who acted ("He" unresolved): no event. */
        for (j = 0; j < ev.actor_count; j++)
            if (ev.actors[j].role == DTL_ROLE_SOURCE)
                break;
        if (ev.actor_count == 0 ||
            (j == ev.actor_count && has_source(&c[i].mt)))
            continue;
        for (j = 0; j < c[i].mt.cap_count; j++) {
            const match_cap *mc = &c[i].mt.caps[j];

            if (mc->cap->fld == FIELD_LOCATION && ev.location == NULL) {
                add_location(&ev, hits, nh, st->start + mc->start,
                             st->start + mc->end);
                /* The group caught an actor ("at the Security
                 * Council"): the first place named after "in" or "at"
                 * later in the sentence. */
                if (ev.location == NULL)
                    later_location(&ev, s, hits, nh, st->start + mc->end);
            }
        }
        if (domestic_visit(&ev))
            continue;
        w = NULL;
        for (j = 0; j < c[i].mt.cap_count; j++) {
            if (c[i].mt.caps[j].cap->fld == FIELD_WEAPON)
                w = &c[i].mt.caps[j];
            if (c[i].mt.caps[j].cap->fld == FIELD_COUNT)
                ev.count =
                    count_of(rs, sub + c[i].mt.caps[j].start,
                             c[i].mt.caps[j].end - c[i].mt.caps[j].start);
        }
        if (ev.count < 0)
            ev.count = 0;
        if (w) {
            ev.weapon_start = st->start + w->start;
            ev.weapon_end = st->start + w->end;
        }
        past = trigger_is_past(rs, s, &ev);
        ev.status = modality(rs, m, s, st, &ev, past || third_person(s, &ev),
                             ev.ru->status);
        ev.tense =
            past ? (int)TENSE_PAST
            : trigger_is_present(rs, s, &ev)
                ? (int)TENSE_NONE
                : (int)timex_tense(rs, s, st, ev.trig_start, ev.trig_end);
        if (util_grow((void **)&out->v, &out->cap, out->count + 1,
                      sizeof(*out->v)) != 0) {
            free(c);
            matcher_subject(m, NULL, 0);
            free(masked);
            return DTL_ENOMEM;
        }
        out->v[out->count++] = ev;
    }
    free(c);
    matcher_subject(m, NULL, 0);
    free(masked);
    return DTL_OK;
}

dtl_status event_detect(const dtl_rules *rs, const dtl_text *t,
                        segmentation *seg, matcher *m, size_t first,
                        size_t last, ev_list *out)
{
    size_t len, i;
    const char *s = text_norm(t, &len);
    alias_tab tab;

    tab.count = 0;
    tab.upto = 0;
    for (i = first; i < last && i < seg->count; i++)
        if (detect_sentence(rs, s, seg, i, m, &tab, out) != DTL_OK)
            return DTL_ENOMEM;
    return DTL_OK;
}

const char *dtl_role_name(dtl_role role)
{
    static const char *const n[] = {"source", "target", "participant"};

    return (unsigned)role < 3 ? n[role] : "participant";
}

void event_eras(const dtl_rules *rules, const char *s, dtl_day dct,
                ev_list *evs)
{
    size_t l, i, k;

    if (dct == DTL_DAY_NONE)
        return;
    for (l = 0; l < rules->lex_count; l++) {
        const lexicon *lx = &rules->lex[l];

        if (lx->era_until == DTL_DAY_NONE || dct >= lx->era_until)
            continue;
        for (i = 0; i < evs->count; i++) {
            ev_raw *e = &evs->v[i];
            const lex_entry *le;

            for (k = 0; k < e->actor_count; k++) {
                ev_actor *a = &e->actors[k];

                if (a->end <= a->start)
                    continue;
                le = lexicon_find(lx, s + a->start, a->end - a->start);
                if (le && *le->code) {
                    a->code = le->code;
                    a->name = le->canon;
                }
            }
            if (e->location &&
                (le = lexicon_find(lx, e->location, strlen(e->location))) !=
                    NULL &&
                *le->code)
                e->location_code = le->code;
        }
    }
}
