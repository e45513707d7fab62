/* SPDX-License-Identifier: MIT */
/*
 * gazetteer.h - finding the entries of actor, anaphor and place lexicons
 * in text by hash lookup, longest first (private).
 */
#ifndef DTL_GAZETTEER_H
#define DTL_GAZETTEER_H

#include <stddef.h>

#include "rules.h"

typedef struct gaz_ent {
    const lexicon *lx;
    const lex_entry *e;
} gaz_ent;

/* One mention: every lexicon entry it is (a capital is also a place). */
typedef struct gaz_hit {
    size_t start, end;
    const gaz_ent *ents;
    size_t count;
} gaz_hit;

typedef struct gazetteer gazetteer;

/* Indexes every actor, anaphor and place lexicon of rules; NULL when
 * out of memory. */
gazetteer *gazetteer_new(const dtl_rules *rules);
void gazetteer_free(gazetteer *g);

/*
 * Finds the mentions in s[start, end), leftmost-longest, without
 * overlap, and stores up to max of them in hits.  Returns how many.
 */
size_t gazetteer_scan(const gazetteer *g, const char *s, size_t start,
                      size_t end, gaz_hit *hits, size_t max);

/* Is w[0, n) the family name of a person's name of several words, as
 * written: its last word ("Tusk" of "Donald Tusk"), or its first for
 * the states of lexicon family_first ("Yoon" of "Yoon Suk Yeol")? */
int gazetteer_last_word(const gazetteer *g, const char *w, size_t n);

/* The entry of hit h in a lexicon having any of flags, preferring
 * lexicons loaded later; NULL when it has none. */
const gaz_ent *gazetteer_pick(const gaz_hit *h, unsigned flags);

#endif
