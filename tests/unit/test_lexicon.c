/* SPDX-License-Identifier: MIT */
/*
 * test_lexicon.c - lexicon lookups: by name, by phrase, and the one-pass
 * word membership (rules_word_lexicons, lexicon_word_in) that must give
 * the same answers as lexicon_find for every lexicon.
 */
#include <dtl/dtl.h>

#include <stdio.h>
#include <string.h>

#include "check.h"
#include "rules.h"

static const char *src = "lexicon past\n"
                         "    said\n"
                         "    Met\n"
                         "    called off\n"
                         "lexicon future\n"
                         "    will\n"
                         "    said\n"
                         "lexicon names case\n"
                         "    May\n"
                         "    said\n"
                         "lexicon empty\n";

/* lexicon_word_in and lexicon_find agree on word w for every lexicon. */
static void agree(const dtl_rules *rs, const char *w)
{
    size_t i, n = strlen(w);
    uint64_t set = rules_word_lexicons(rs, w, n);

    for (i = 0; i < rs->lex_count; i++) {
        const lexicon *lx = &rs->lex[i];
        int want = lexicon_find(lx, w, n) != NULL;

        if (lexicon_word_in(rs, lx, set, w, n) != want)
            fprintf(stderr, "word '%s', lexicon %s: want %d\n", w, lx->name,
                    want);
        CHECK(lexicon_word_in(rs, lx, set, w, n) == want);
    }
}

int main(void)
{
    dtl_rules *rs = dtl_rules_new();
    dtl_error err;
    const lexicon *past, *future, *names;
    /* Words without white space, as the callers pass them. */
    static const char *words[] = {"said", "SAID", "Said",  "met", "will",
                                  "May",  "may",  "MAY",   "off", "called",
                                  "",     "x",    "saidx", "sai"};
    size_t i;

    CHECK(rs != NULL);
    CHECK(dtl_rules_load_string(rs, "t.rules", src, strlen(src), NULL, NULL,
                                &err) == DTL_OK);
    CHECK(dtl_rules_compile(rs, NULL, NULL, &err) == DTL_OK);
    past = rules_lexicon(rs, "past");
    future = rules_lexicon(rs, "future");
    names = rules_lexicon(rs, "names");
    CHECK(past != NULL && future != NULL && names != NULL);
    CHECK(rules_lexicon(rs, "nothing") == NULL);
    CHECK(rules_lexicon(rs, "empty") != NULL);

    /* Case is folded, except in a case-sensitive lexicon. */
    CHECK(lexicon_find(past, "MET", 3) != NULL);
    CHECK(lexicon_find(names, "may", 3) == NULL);
    CHECK(lexicon_find(names, "May", 3) != NULL);
    /* White space is collapsed. */
    CHECK(lexicon_find(past, "called \t off", 12) != NULL);
    CHECK(lexicon_find(past, "called", 6) == NULL);

    /* One lookup names every lexicon holding a word. */
    {
        uint64_t set = rules_word_lexicons(rs, "SAID", 4);

        CHECK(lexicon_word_in(rs, past, set, "SAID", 4));
        CHECK(lexicon_word_in(rs, future, set, "SAID", 4));
        CHECK(!lexicon_word_in(rs, names, set, "SAID", 4));
        CHECK(lexicon_word_in(rs, names, rules_word_lexicons(rs, "said", 4),
                              "said", 4));
        CHECK(!lexicon_word_in(rs, NULL, set, "SAID", 4));
    }
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        agree(rs, words[i]);
    dtl_rules_free(rs);
    return CHECK_DONE();
}
