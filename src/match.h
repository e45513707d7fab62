/* SPDX-License-Identifier: MIT */
/*
 * match.h - running compiled patterns over text (private).  A matcher
 * holds the per-thread state (PCRE2 match data and limits); the rule set
 * it reads is shared and never written.
 */
#ifndef DTL_MATCH_H
#define DTL_MATCH_H

#include <stddef.h>
#include <stdint.h>

#include "rules.h"

#define MATCH_MAX_CAPS 24

typedef struct match_cap {
    const capture *cap;
    size_t start, end; /* offsets into the subject */
} match_cap;

typedef struct match {
    size_t start, end; /* the whole match */
    size_t cap_count;
    match_cap caps[MATCH_MAX_CAPS];
} match;

typedef struct matcher matcher;

/* A matcher for rules; diag receives match-limit warnings (may be
 * NULL).  Returns NULL when out of memory. */
matcher *matcher_new(const dtl_rules *rules, dtl_diag_fn diag, void *ctx,
                     const char *docname);
void matcher_free(matcher *m);

/* Form ascii (1: for subjects all in ASCII) or Unicode (0) of p, compiled
 * on first use when loading did not; NULL when it does not compile. */
const struct pcre2_real_code_8 *pattern_form(const dtl_rules *rules,
                                             const pattern *p, int ascii);

/*
 * Finds the first match of p in subj[from..len).  Returns 1 and fills
 * *out, 0 when there is none, or -1 when PCRE2 gave up (match limit):
 * the rule is named in a warning and the caller goes on.  ru names the
 * rule in that warning (may be NULL).
 */
int matcher_find(matcher *m, const pattern *p, const rule *ru, const char *subj,
                 size_t len, size_t from, match *out);

/*
 * As matcher_find() for a match that starts at or before offset limit
 * (PCRE2's offset limit): the end of the rule's last trigger word in
 * the subject, past which a search of the rest would be in vain.
 */
int matcher_find_within(matcher *m, const pattern *p, const rule *ru,
                        const char *subj, size_t len, size_t from, size_t limit,
                        match *out);

/*
 * Tells m that subj[0..len) is the subject of the matcher_find calls to
 * come, until the next call: whether it is all ASCII is then found once
 * rather than at each call.  The caller must not change the subject in
 * between; matcher_subject(m, NULL, 0) forgets it.
 */
void matcher_subject(matcher *m, const char *subj, size_t len);

/* The candidate rule bitset of the matcher (rules->word_count words). */
uint64_t *matcher_bits(matcher *m);

/* The reach of each candidate rule (rules->live_count entries; see
 * prefilter_scan). */
rule_reach *matcher_reach(matcher *m);

/*
 * Where the search of pattern p of rule ru starts in a sentence where
 * the rule's trigger words are at r: DTL_TIMEX_LEAD bytes before the
 * first of them for a time or reject rule, else at the start (and at
 * the start with dtl_rules_set_reach(rules, 0), or when p is anchored
 * there).  Lookbehinds still see the text before it.
 */
size_t matcher_start(const matcher *m, const rule *ru, const pattern *p,
                     const rule_reach *r);

/* Returns the capture named name in mt, or NULL. */
const match_cap *match_get(const match *mt, const char *name);

#endif
