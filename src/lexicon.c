/* SPDX-License-Identifier: MIT */
/*
 * lexicon.c - named word lists with codes (docs/rules.md, "lexicon").
 *
 * Entries are kept in load order with a folded lookup key (ASCII case
 * folded unless the lexicon is case-sensitive, white space collapsed)
 * and indexed by an open-addressing hash table once loading is done.
 * A later entry with the same key replaces an earlier one, so a user's
 * rules directory can recode a phrase.
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

lexicon *rules_lexicon(const dtl_rules *rs, const char *name)
{
    size_t i, h;

    if (rs->lex_nslots) {
        /* Compiled: the lexicons do not move any more. */
        h = (size_t)util_fnv1a(name, strlen(name), UTIL_FNV_SEED) &
            (rs->lex_nslots - 1);
        while (rs->lex_slots[h]) {
            lexicon *lx = &rs->lex[rs->lex_slots[h] - 1];

            if (strcmp(lx->name, name) == 0)
                return lx;
            h = (h + 1) & (rs->lex_nslots - 1);
        }
        return NULL;
    }
    for (i = 0; i < rs->lex_count; i++)
        if (strcmp(rs->lex[i].name, name) == 0)
            return &rs->lex[i];
    return NULL;
}

struct word_slot {
    const char *key; /* NULL: empty */
    size_t len;
    uint64_t set;
};

#define WORD_LEXICONS 64 /* lexicons with a bit in a word's set */
#define WORD_MAX      64 /* longest word in the table of words */

/* Adds key (folded, no white space) to the set of lexicon i. */
static void word_add(dtl_rules *rs, const char *key, size_t len, size_t i)
{
    size_t h = (size_t)util_fnv1a(key, len, UTIL_FNV_SEED) & (rs->nwords - 1);

    while (rs->words[h].key && !(rs->words[h].len == len &&
                                 memcmp(rs->words[h].key, key, len) == 0))
        h = (h + 1) & (rs->nwords - 1);
    rs->words[h].key = key;
    rs->words[h].len = len;
    rs->words[h].set |= UINT64_C(1) << i;
}

int rules_index_lexicons(dtl_rules *rs)
{
    size_t n = 16, i, h, k, total = 0;

    while (n < rs->lex_count * 2 + 1)
        n *= 2;
    rs->lex_slots = calloc(n, sizeof(size_t));
    if (rs->lex_slots == NULL)
        return -1;
    for (i = 0; i < rs->lex_count; i++) {
        h = (size_t)util_fnv1a(rs->lex[i].name, strlen(rs->lex[i].name),
                               UTIL_FNV_SEED) &
            (n - 1);
        while (rs->lex_slots[h])
            h = (h + 1) & (n - 1);
        rs->lex_slots[h] = i + 1;
    }
    rs->lex_nslots = n;
    for (i = 0; i < rs->lex_count && i < WORD_LEXICONS; i++)
        total += rs->lex[i].count;
    for (n = 16; n < total * 2 + 1;)
        n *= 2;
    rs->words = calloc(n, sizeof(*rs->words));
    if (rs->words == NULL)
        return -1;
    rs->nwords = n;
    for (i = 0; i < rs->lex_count && i < WORD_LEXICONS; i++) {
        if (rs->lex[i].flags & LEX_CASE)
            continue;
        for (k = 0; k < rs->lex[i].count; k++) {
            const char *key = rs->lex[i].entries[k].key;

            if (*key && strchr(key, ' ') == NULL)
                word_add(rs, key, strlen(key), i);
        }
    }
    return 0;
}

uint64_t rules_word_lexicons(const dtl_rules *rs, const char *w, size_t n)
{
    char key[WORD_MAX];
    size_t i, h;
    uint64_t hash = UTIL_FNV_SEED;

    if (rs->nwords == 0 || n == 0 || n > WORD_MAX)
        return 0;
    for (i = 0; i < n; i++) {
        key[i] = (char)util_lower((unsigned char)w[i]);
        hash = util_fnv1a_byte(hash, (unsigned char)key[i]);
    }
    h = (size_t)hash & (rs->nwords - 1);
    while (rs->words[h].key) {
        if (rs->words[h].len == n && memcmp(rs->words[h].key, key, n) == 0)
            return rs->words[h].set;
        h = (h + 1) & (rs->nwords - 1);
    }
    return 0;
}

int lexicon_word_in(const dtl_rules *rs, const lexicon *lex, uint64_t set,
                    const char *w, size_t n)
{
    size_t i;

    if (lex == NULL)
        return 0;
    i = (size_t)(lex - rs->lex);
    if (rs->nwords && i < WORD_LEXICONS && !(lex->flags & LEX_CASE) && n > 0 &&
        n <= WORD_MAX)
        return (int)((set >> i) & 1u);
    return lexicon_find(lex, w, n) != NULL;
}

/*
 * Example: "  North\t Korea's " with fold_case gives "north korea's".
 * Returns the key length; dst must hold len + 1 bytes.
 */
size_t lexicon_key(const char *s, size_t len, int fold_case, char *dst)
{
    size_t i, o = 0;
    int space = 0;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (util_isspace(c)) {
            space = o > 0;
            continue;
        }
        if (space)
            dst[o++] = ' ';
        space = 0;
        dst[o++] = (char)(fold_case ? util_lower(c) : c);
    }
    dst[o] = '\0';
    return o;
}

int lexicon_add(dtl_rules *rs, lexicon *lex, const char *phrase, size_t plen,
                const char *code, size_t clen, const char *canon, size_t nlen,
                const char *file, unsigned line)
{
    lex_entry *e;
    char *key;

    if (util_grow((void **)&lex->entries, &lex->cap, lex->count + 1,
                  sizeof(*lex->entries)) != 0)
        return -1;
    e = &lex->entries[lex->count];
    key = arena_alloc(&rs->mem, plen + 1);
    e->phrase = arena_strndup(&rs->mem, phrase, plen);
    e->code = arena_strndup(&rs->mem, code, clen);
    e->canon = nlen ? arena_strndup(&rs->mem, canon, nlen) : e->phrase;
    if (key == NULL || e->phrase == NULL || e->code == NULL || e->canon == NULL)
        return -1;
    lexicon_key(phrase, plen, !(lex->flags & LEX_CASE), key);
    e->key = key;
    e->file = file;
    e->line = line;
    lex->count++;
    return 0;
}

static uint64_t key_hash(const char *key)
{
    return util_fnv1a(key, strlen(key), UTIL_FNV_SEED);
}

int lexicon_index(lexicon *lex)
{
    size_t n = 16, i, mask;

    while (n < lex->count * 2 + 1)
        n *= 2;
    free(lex->slots);
    lex->slots = calloc(n, sizeof(size_t));
    if (lex->slots == NULL)
        return -1;
    lex->nslots = n;
    mask = n - 1;
    for (i = 0; i < lex->count; i++) {
        size_t h = (size_t)key_hash(lex->entries[i].key) & mask;

        while (lex->slots[h] && strcmp(lex->entries[lex->slots[h] - 1].key,
                                       lex->entries[i].key) != 0)
            h = (h + 1) & mask;
        lex->slots[h] = i + 1; /* later entries replace earlier ones */
    }
    return 0;
}

const lex_entry *lexicon_find(const lexicon *lex, const char *s, size_t len)
{
    char small[256], *key = small;
    const lex_entry *found = NULL;
    size_t h, mask, klen = 0, i;
    uint64_t hash = UTIL_FNV_SEED;
    int fold = !(lex->flags & LEX_CASE), space = 0;

    if (lex->nslots == 0)
        return NULL;
    if (len >= sizeof(small)) {
        key = malloc(len + 1);
        if (key == NULL)
            return NULL;
    }
    /* The key of lexicon_key(), hashed as it is made. */
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];

        if (util_isspace(c)) {
            space = klen > 0;
            continue;
        }
        if (space) {
            key[klen++] = ' ';
            hash = util_fnv1a_byte(hash, ' ');
        }
        space = 0;
        c = (unsigned char)(fold ? util_lower(c) : c);
        key[klen++] = (char)c;
        hash = util_fnv1a_byte(hash, c);
    }
    mask = lex->nslots - 1;
    h = (size_t)hash & mask;
    while (lex->slots[h]) {
        const lex_entry *e = &lex->entries[lex->slots[h] - 1];

        if (strncmp(e->key, key, klen) == 0 && e->key[klen] == '\0') {
            found = e;
            break;
        }
        h = (h + 1) & mask;
    }
    if (key != small)
        free(key);
    return found;
}

void lexicon_free(lexicon *lex)
{
    free(lex->entries);
    free(lex->slots);
    free(lex->pattern);
}

const lex_entry *rules_lookup(const dtl_rules *rs, unsigned flags,
                              const char *s, size_t len, const lexicon **which)
{
    size_t i;
    const lex_entry *e;

    /* Later lexicons first: a user's words win. */
    for (i = rs->lex_count; i-- > 0;) {
        if ((rs->lex[i].flags & flags) != flags)
            continue;
        e = lexicon_find(&rs->lex[i], s, len);
        if (e) {
            if (which)
                *which = &rs->lex[i];
            return e;
        }
    }
    return NULL;
}
