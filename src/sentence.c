/* SPDX-License-Identifier: MIT */
/*
 * sentence.c - paragraphs, sentences and quotations.
 *
 * Input: the normalised body of a dtl_text and the rule set (for the
 * "abbreviation" and "sentence_start" lexicons and the attribution
 * macros).  Output: a segmentation: sentences in text order with their
 * paragraph, and the quotations with who said them.
 *
 * A paragraph ends at a blank line, or at every line break in a text
 * whose lines are not wrapped.  A sentence ends after . ! or ?
 * (and any closing quotes or brackets) followed by white space and a
 * capital, a digit or an opening quote, unless the word before the
 * full stop is an abbreviation ("Mr.", "Gen.", "Jan.") or an initial
 * ("George W. Bush").  An acronym with inner dots ("U.S.") ends a
 * sentence only when the next word usually starts one ("The", "He").
 * Quotations are found by their marks, curly ones telling opening from
 * closing; a quotation with no attribution of its own shares the one of
 * its paragraph, or of the quotation it continues.
 */
#include "sentence.h"

#include <dtl/limits.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static int add_sent(segmentation *seg, const char *s, size_t start, size_t end,
                    unsigned para)
{
    /* Trim white space. */
    while (start < end && util_isspace((unsigned char)s[start]))
        start++;
    while (end > start && util_isspace((unsigned char)s[end - 1]))
        end--;
    if (start == end)
        return 0;
    /* Cut over-long runs at a space (DTL_MAX_SENTENCE). */
    while (end - start > DTL_MAX_SENTENCE) {
        size_t cut = start + DTL_MAX_SENTENCE;

        while (cut > start + DTL_MAX_SENTENCE / 2 &&
               !util_isspace((unsigned char)s[cut]))
            cut--;
        if (cut <= start + DTL_MAX_SENTENCE / 2)
            cut = start + DTL_MAX_SENTENCE;
        /* Do not cut inside a UTF-8 sequence. */
        while (cut > start && ((unsigned char)s[cut] & 0xC0) == 0x80)
            cut--;
        if (add_sent(seg, s, start, cut, para) != 0)
            return -1;
        start = cut;
        while (start < end && util_isspace((unsigned char)s[start]))
            start++;
    }
    if (start == end)
        return 0;
    if (util_grow((void **)&seg->s, &seg->cap, seg->count + 1,
                  sizeof(*seg->s)) != 0)
        return -1;
    seg->s[seg->count].start = start;
    seg->s[seg->count].end = end;
    seg->s[seg->count].para = para;
    seg->count++;
    return 0;
}

/* The word that ends at the full stop at dot (included), after any
 * opening bracket or quote, or a hyphen ("then-U.S. House Speaker"). */
static size_t word_before(const char *s, size_t from, size_t dot,
                          size_t *wstart)
{
    size_t i = dot;

    while (i > from && !util_isspace((unsigned char)s[i - 1]) &&
           s[i - 1] != '(' && s[i - 1] != '"' && s[i - 1] != '-')
        i--;
    *wstart = i;
    return dot + 1 - i;
}

static int next_word_in(const dtl_rules *rs, const lexicon *lx, const char *s,
                        size_t at, size_t end)
{
    size_t e = at;

    if (lx == NULL)
        return 0;
    while (e < end && (util_isalnum((unsigned char)s[e]) || s[e] == '\''))
        e++;
    (void)rs;
    return e > at && lexicon_find(lx, s + at, e - at) != NULL;
}

/* Whether the word at s[at], or it and the next, are followed by
 * "time" ("Moscow time", "New York time"). */
static int zone_time(const char *s, size_t at, size_t end)
{
    size_t e = at;
    int words;

    for (words = 0; words < 2; words++) {
        size_t b = e;

        while (e < end && util_isalpha((unsigned char)s[e]))
            e++;
        if (e == b || e + 5 > end || s[e] != ' ')
            return 0;
        if (strncmp(s + e + 1, "time", 4) == 0 &&
            (e + 5 == end || !util_isalnum((unsigned char)s[e + 5])))
            return 1;
        e++;
    }
    return 0;
}

/*
 * Decides whether the full stop at dot ends a sentence whose next word
 * starts at next.
 */
static int stop_ends_sentence(const dtl_rules *rs, const char *s, size_t from,
                              size_t dot, size_t next, size_t end)
{
    size_t ws, wl, i, dots = 0, letters = 0;

    wl = word_before(s, from, dot, &ws);
    for (i = ws; i < dot; i++) {
        if (s[i] == '.')
            dots++;
        else if (util_isalnum((unsigned char)s[i]))
            letters++;
    }
    /* An initial: "W." */
    if (letters == 1 && dots == 0 && util_isupper((unsigned char)s[ws]))
        return 0;
    if (rs->abbrev && lexicon_find(rs->abbrev, s + ws, wl)) {
        if (dots == 0)
            return 0;
        /* "at 6:40 a.m. Ostland protested": a clock time ends a
         * sentence unless a day or a zone follows ("8 p.m. Tuesday",
         * "9 a.m. EST", "10 p.m. Moscow time") */
        if (letters == 2 && dots == 1 && wl == 4 &&
            (s[ws + 2] == 'm' || s[ws + 2] == 'M') &&
            (s[ws] == 'a' || s[ws] == 'p' || s[ws] == 'A' || s[ws] == 'P'))
            return !next_word_in(rs, rs->clock_follow, s, next, end) &&
                   !zone_time(s, next, end);
        /* "U.S." may end a sentence. */
        return next_word_in(rs, rs->starter, s, next, end);
    }
    /* Unlisted acronyms with inner dots behave the same way. */
    if (dots > 0 && letters <= dots + 1 && letters > 0)
        return next_word_in(rs, rs->starter, s, next, end);
    return 1;
}

/*
 * Splits the paragraph s[ps..pe) into sentences.  *stop is the offset
 * of the first '.', '!' or '?' at or after where it was last looked
 * for, kept from paragraph to paragraph so that no byte of the text is
 * looked at twice for them (the text ends with a NUL: text_norm).
 */
static int split_paragraph(const dtl_rules *rs, segmentation *seg,
                           const char *s, size_t ps, size_t pe, unsigned para,
                           size_t *stop)
{
    size_t i, j, k, start = ps;

    for (i = ps; i < pe; i++) {
        char c;

        if (*stop < i)
            *stop = i + strcspn(s + i, ".!?");
        i = *stop;
        if (i >= pe)
            break;
        c = s[i];
        if (c != '.' && c != '!' && c != '?')
            continue;
        j = i + 1;
        while (j < pe && (s[j] == '.' || s[j] == '!' || s[j] == '?'))
            j++;
        while (j < pe &&
               (s[j] == '"' || s[j] == '\'' || s[j] == ')' || s[j] == ']'))
            j++;
        if (j < pe && !util_isspace((unsigned char)s[j]))
            continue;
        k = j;
        while (k < pe && util_isspace((unsigned char)s[k]))
            k++;
        if (k >= pe)
            break;
        if (!(util_isupper((unsigned char)s[k]) ||
              util_isdigit((unsigned char)s[k]) || s[k] == '"' ||
              s[k] == '\'' || s[k] == '(' || (unsigned char)s[k] >= 0xC0))
            continue;
        if (c == '.' && j == i + 1 &&
            !stop_ends_sentence(rs, s, start, i, k, pe))
            continue;
        if (add_sent(seg, s, start, j, para) != 0)
            return -1;
        start = k;
        i = k - 1;
    }
    return add_sent(seg, s, start, pe, para);
}

/* ------------------------------------------------------------------ */
/* Quotations                                                          */
/* ------------------------------------------------------------------ */

static int add_quote(segmentation *seg, const char *s, size_t start, size_t end,
                     unsigned para)
{
    quote *q;
    size_t i, words = 0;
    int in_word = 0, stop = 0;

    if (util_grow((void **)&seg->q, &seg->qcap, seg->qcount + 1,
                  sizeof(*seg->q)) != 0)
        return -1;
    q = &seg->q[seg->qcount++];
    memset(q, 0, sizeof(*q));
    q->start = start;
    q->end = end;
    q->para = para;
    q->from = -1;
    for (i = start; i < end; i++) {
        int w = !util_isspace((unsigned char)s[i]);

        if (w && !in_word)
            words++;
        in_word = w;
        if ((s[i] == '.' || s[i] == '?' || s[i] == '!') && i + 1 < end)
            stop = 1;
    }
    /* Scare quotes ("ironclad") are not speech; a short quotation is
     * when someone is said to have said it (see attribute()). */
    q->speech = words >= 5 || stop;
    q->words = words;
    return 0;
}

static int find_quotes(segmentation *seg, const dtl_text *t, const char *s,
                       size_t ps, size_t pe, unsigned para)
{
    size_t i;
    long open = -1;

    for (i = ps; i < pe; i++) {
        int kind;
        const char *q = memchr(s + i, '"', pe - i);

        if (q == NULL)
            break;
        i = (size_t)(q - s);
        kind = text_quote_kind(t, i);
        if (kind == 1 || (kind == 0 && open < 0)) {
            if (open < 0)
                open = (long)i;
        } else if (open >= 0) {
            if (add_quote(seg, s, (size_t)open + 1, i, para) != 0)
                return -1;
            open = -1;
        }
    }
    if (open >= 0 && add_quote(seg, s, (size_t)open + 1, pe, para) != 0)
        return -1;
    return 0;
}

static int speaker_of(const match *mt, size_t *st, size_t *en)
{
    const match_cap *c = match_get(mt, "speaker");

    if (c == NULL)
        return 0;
    *st = c->start;
    *en = c->end;
    return 1;
}

/* Finds who said quotation q, from the text around it. */
static void attribute(const dtl_rules *rs, matcher *m, const char *s, size_t ps,
                      size_t pe, quote *q)
{
    match mt;
    size_t after = q->end < pe ? q->end + 1 : pe, st, en;
    /* A quotation that ends its sentence ('... retaliate."') is not
     * attributed by the next sentence ('A broadcast said ...'). */
    int closed =
        q->end > q->start && (s[q->end - 1] == '.' || s[q->end - 1] == '!');

    if (rs->attr_after.xsrc &&
        matcher_find(m, &rs->attr_after, NULL, s + after, pe - after, 0, &mt) ==
            1 &&
        speaker_of(&mt, &st, &en) &&
        !(closed && util_isupper((unsigned char)s[after + st]))) {
        q->sp_start = after + st;
        q->sp_end = after + en;
        q->attr_start = after + mt.start;
        q->attr_end = after + mt.end;
        return;
    }
    /* An attribution before a quotation ends just before it; it is
     * looked for only where it could start, in the DTL_ATTR_REACH bytes
     * before the quotation (lookbehinds still see the whole text). */
    if (rs->attr_before.xsrc && q->start > ps + 1 &&
        matcher_find(m, &rs->attr_before, NULL, s + ps, q->start - 1 - ps,
                     q->start - 1 - ps > DTL_ATTR_REACH
                         ? q->start - 1 - ps - DTL_ATTR_REACH
                         : 0,
                     &mt) == 1 &&
        speaker_of(&mt, &st, &en)) {
        q->sp_start = ps + st;
        q->sp_end = ps + en;
        q->attr_start = ps + mt.start;
        q->attr_end = ps + mt.end;
    }
}

static int has_speaker(const quote *q)
{
    return q->sp_end > q->sp_start;
}

/* Quotations without an attribution share one (see the file comment). */
static void share_attributions(segmentation *seg, const char *s,
                               const size_t *para_start)
{
    size_t i, j;

    for (i = 0; i < seg->qcount; i++) {
        quote *q = &seg->q[i];

        if (!q->speech || has_speaker(q))
            continue;
        /* The previous attributed speech in the paragraph. */
        for (j = i; j-- > 0 && seg->q[j].para == q->para;) {
            if (seg->q[j].speech && has_speaker(&seg->q[j])) {
                q->from = (long)j;
                break;
            }
        }
        if (q->from >= 0)
            continue;
        /* The next one in the paragraph. */
        for (j = i + 1; j < seg->qcount && seg->q[j].para == q->para; j++) {
            if (seg->q[j].speech && has_speaker(&seg->q[j])) {
                q->from = (long)j;
                break;
            }
        }
        if (q->from >= 0)
            continue;
        /* A paragraph opening with a quotation continues the last one. */
        if (i > 0 && q->para > 0 && seg->q[i - 1].para == q->para - 1 &&
            s[para_start[q->para]] == '"' &&
            q->start == para_start[q->para] + 1) {
            const quote *p = &seg->q[i - 1];

            q->from = p->from >= 0 ? p->from : (long)(i - 1);
        }
    }
}

/*
 * The prefilter of each sentence, once for every later stage: its rule
 * bits, and the reach of each rule whose bit is set, one after the
 * other in rule order (some tens of a sentence's hundreds of rules).
 */
static int prefilter_all(const dtl_rules *rs, const char *s, matcher *m,
                         segmentation *seg)
{
    rule_reach *reach = matcher_reach(m);
    size_t i, k, n = 0, cap = 0, *at;

    seg->bits = malloc(seg->count * rs->word_count * sizeof(uint64_t));
    at = malloc(seg->count * sizeof(*at));
    if (seg->bits == NULL || at == NULL) {
        free(at);
        return -1;
    }
    for (i = 0; i < seg->count; i++) {
        uint64_t *b = seg->bits + i * rs->word_count;

        prefilter_scan(rs, s + seg->s[i].start, seg->s[i].end - seg->s[i].start,
                       b, reach);
        seg->s[i].bits = b;
        at[i] = n;
        for (k = bit_next(b, 0, rs->live_count); k < rs->live_count;
             k = bit_next(b, k + 1, rs->live_count)) {
            if (util_grow((void **)&seg->reach, &cap, n + 1,
                          sizeof(*seg->reach)) != 0) {
                free(at);
                return -1;
            }
            seg->reach[n++] = reach[k];
        }
    }
    /* Pointers once the array has stopped moving. */
    for (i = 0; i < seg->count; i++)
        seg->s[i].reach = seg->reach ? seg->reach + at[i] : NULL;
    free(at);
    return 0;
}

void segment_attribute(const dtl_rules *rs, matcher *m, const char *s,
                       segmentation *seg)
{
    size_t i, len = seg->len;

    if (seg->attributed)
        return;
    seg->attributed = 1;
    for (i = 0; i < seg->qcount; i++) {
        quote *q = &seg->q[i];

        if (!q->speech && q->words < 3)
            continue;
        attribute(rs, m, s, seg->para_start[q->para],
                  q->para + 1 < seg->paras ? seg->para_start[q->para + 1] : len,
                  q);
        /* "We have condemned them," Blinken said: speech. */
        if (q->sp_end > q->sp_start)
            q->speech = 1;
    }
    if (seg->qcount)
        share_attributions(seg, s, seg->para_start);
}

void sent_prefilter(const dtl_rules *rs, const char *s, const sent *st,
                    uint64_t *bits, rule_reach *reach)
{
    size_t k, n = 0;

    if (st->bits == NULL) {
        prefilter_scan(rs, s + st->start, st->end - st->start, bits, reach);
        return;
    }
    memcpy(bits, st->bits, rs->word_count * sizeof(*bits));
    for (k = bit_next(bits, 0, rs->live_count); k < rs->live_count;
         k = bit_next(bits, k + 1, rs->live_count))
        reach[k] = st->reach[n++];
}

/*
 * Is every line of s a paragraph of its own?  So it is when a line is
 * longer than a wrapped one can be (DTL_WRAP_MAX bytes): a text whose
 * lines are not wrapped breaks a line only where a paragraph ends (a
 * wire story, one paragraph a line, "... interest rates" and then
 * "Stoltenberg quickly issued a statement").
 */
static int line_paragraphs(const char *s, size_t len)
{
    size_t i = 0;

    while (i < len) {
        const char *nl = memchr(s + i, '\n', len - i);
        size_t e = nl ? (size_t)(nl - s) : len;

        if (e - i > DTL_WRAP_MAX)
            return 1;
        i = e + 1;
    }
    return 0;
}

dtl_status segment(const dtl_rules *rs, const dtl_text *t, matcher *m,
                   segmentation *seg)
{
    size_t len, i = 0, ps, pe, ls, stop = 0;
    const char *s = text_norm(t, &len);
    unsigned para = 0;
    size_t *pstart = NULL, pcap = 0;
    int lines = line_paragraphs(s, len);

    memset(seg, 0, sizeof(*seg));
    while (i < len) {
        /* Skip blank lines. */
        while (i < len && util_isspace((unsigned char)s[i]))
            i++;
        if (i >= len)
            break;
        ps = i;
        /* The paragraph ends at a line holding only white space. */
        pe = len;
        while (i < len) {
            const char *nl = memchr(s + i, '\n', len - i);

            if (nl == NULL) {
                i = len;
                break;
            }
            i = (size_t)(nl - s);
            ls = i + 1;
            while (ls < len && s[ls] != '\n' &&
                   util_isspace((unsigned char)s[ls]))
                ls++;
            if (ls >= len || s[ls] == '\n' || lines) {
                pe = i;
                break;
            }
            i++;
        }
        if (util_grow((void **)&pstart, &pcap, para + 1, sizeof(size_t)))
            goto nomem;
        pstart[para] = ps;
        if (split_paragraph(rs, seg, s, ps, pe, para, &stop) != 0 ||
            find_quotes(seg, t, s, ps, pe, para) != 0)
            goto nomem;
        para++;
    }
    seg->para_start = pstart;
    seg->paras = para;
    seg->len = len;
    if (seg->count && prefilter_all(rs, s, m, seg) != 0) {
        segmentation_free(seg);
        return DTL_ENOMEM;
    }
    return DTL_OK;
nomem:
    free(pstart);
    segmentation_free(seg);
    return DTL_ENOMEM;
}

void segmentation_free(segmentation *seg)
{
    free(seg->bits);
    free(seg->reach);
    free(seg->s);
    free(seg->q);
    free(seg->para_start);
    memset(seg, 0, sizeof(*seg));
}

long segment_quote_at(const segmentation *seg, size_t off)
{
    size_t i;

    for (i = 0; i < seg->qcount; i++)
        if (seg->q[i].speech && off >= seg->q[i].start && off < seg->q[i].end)
            return (long)i;
    return -1;
}

const quote *segment_quote_owner(const segmentation *seg, long q)
{
    if (q < 0 || (size_t)q >= seg->qcount)
        return NULL;
    if (seg->q[q].from >= 0)
        return &seg->q[seg->q[q].from];
    return &seg->q[q];
}

int segment_qa(const segmentation *seg, const char *s, unsigned para)
{
    size_t at;

    if (para >= seg->paras)
        return 0;
    at = seg->para_start[para];
    return at + 1 < seg->len && (s[at] == 'Q' || s[at] == 'A') &&
                   s[at + 1] == ':'
               ? s[at]
               : 0;
}
