/* SPDX-License-Identifier: MIT */
/*
 * rules.h - the rule set's internals (private part of rules.c,
 * rules_compile.c and lexicon.c; the public part is <dtl/rules.h>).
 */
#ifndef DTL_RULES_PRIV_H
#define DTL_RULES_PRIV_H

#include <dtl/rules.h>
#include <dtl/timex.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "util.h"

struct pcre2_real_code_8;

enum {
    LEX_CASE = 1u,   /* match case-sensitively */
    LEX_ACTOR = 2u,  /* entries are actors */
    LEX_PLACE = 4u,  /* entries are places */
    LEX_ANAPHOR = 8u /* entries refer to an actor named before */
};

typedef struct lex_entry {
    const char *phrase; /* as written */
    const char *key;    /* lookup key: folded case, single spaces */
    const char *code;   /* "" when none */
    const char *canon;  /* canonical name; the phrase when none */
    const char *file;
    unsigned line;
} lex_entry;

typedef struct lexicon {
    const char *name;
    unsigned flags;
    lex_entry *entries;
    size_t count;
    size_t cap;
    size_t *slots; /* open-addressing index of entries + 1; 0 empty */
    size_t nslots;
    const char *file;
    unsigned line;
    /* era_until_YYYY-MM-DD: the day the names of this lexicon stop
     * meaning their codes; DTL_DAY_NONE for other lexicons. */
    dtl_day era_until;
    /* Its trie as a pattern (append_lexicon), made at the first
     * reference and copied at the others; NULL before. */
    char *pattern;
    size_t pattern_len;
} lexicon;

typedef struct macro {
    const char *name;
    const char *src;
    const char *file;
    unsigned line, col; /* of the pattern text */
    unsigned dir;
    int expanding; /* cycle detection */
    /* Its expansion, made at the first reference that expands without
     * an error and copied at the others; NULL before. */
    char *expansion;
    size_t expansion_len;
} macro;

typedef enum rule_kind {
    RULE_EVENT,
    RULE_TIMEX,
    RULE_REJECT,
    RULE_MODALITY
} rule_kind;

/* Fields a named group can fill; FIELD_NONE for timex captures. */
typedef enum field {
    FIELD_NONE,
    FIELD_SOURCE,
    FIELD_TARGET,
    FIELD_PARTICIPANT,
    FIELD_LOCATION,
    FIELD_WEAPON,
    FIELD_COUNT,
    FIELD_TRIGGER
} field;

typedef struct capture {
    const char *name; /* group name without digit suffix */
    unsigned group;   /* PCRE2 group number */
    field fld;
    const lexicon *lex; /* the lexicon of the same name, or NULL */
} capture;

/* PCRE2 options of every pattern; PATTERN_UCP is added for subjects
 * that are not all ASCII. */
#define PATTERN_OPTIONS                                                 \
    (PCRE2_UTF | PCRE2_CASELESS | PCRE2_DUPNAMES | PCRE2_NO_UTF_CHECK | \
     PCRE2_USE_OFFSET_LIMIT)
#define PATTERN_UCP PCRE2_UCP

#define RULES_JIT_LOCKS 16

/* Where the trigger words of a rule are in a sentence (prefilter_scan):
 * from the start of the first to the end of the last. */
typedef struct rule_reach {
    uint32_t from, to;
} rule_reach;

typedef struct pattern {
    const char *src;
    const char *file;
    unsigned line, col;
    /*
     * Two forms of one pattern, compiled from xsrc, the expanded source
     * (match.c).  code has Unicode properties, for subjects that are
     * not all ASCII; code_ascii has none, for subjects all in ASCII: the
     * same matches there, but \b, \w and \d test a table instead of a
     * property, and when xsrc is all ASCII too it is compiled without
     * UTF-8 mode, so that no character is decoded.  Loading compiles
     * the ASCII form when it can (it checks the pattern all the same),
     * else the other; a form not compiled at load is compiled on first
     * use (pattern_form) and stays NULL when it does not compile.
     */
    struct pcre2_real_code_8 *code;
    struct pcre2_real_code_8 *code_ascii;
    const char *xsrc; /* NULL: not compiled (a missing macro) */
    size_t xlen;
    /* Anchored at the start of the subject ("^..."): searched from there
     * whatever the trigger words (matcher_start). */
    int anchored;
    size_t jit_slot; /* index into dtl_rules.jit, of code */
    size_t jit_slot_ascii;
    capture *caps;
    size_t cap_count;
} pattern;

typedef struct example {
    const char *text;   /* the sentence */
    const char *expect; /* after "=>", or NULL */
    const char *dct;    /* "@YYYY-MM-DD", or NULL */
    int negative;       /* a counter-example */
    const char *file;
    unsigned line, col;
} example;

/*
 * A word of a trigger or require line.  The trigger lines of a rule are
 * one clause (clause 0): one of their words must be in a sentence for
 * the rule to be tried.  Each require line is a clause of its own
 * (1, 2 ...) that must be met too.
 */
typedef struct trigger {
    const char *word; /* folded; "@name" for a lexicon, "#digit", or one
                         punctuation character */
    int prefix;       /* "word*" */
    unsigned clause;
    unsigned line, col;
} trigger;

/* Whether trigger word w (n bytes) is one punctuation character: not
 * "@" or "#", which start lexicons and classes, nor "*". */
static inline int trigger_is_punct(const char *w, size_t n)
{
    return n == 1 && util_ispunct((unsigned char)w[0]) && w[0] != '@' &&
           w[0] != '#' && w[0] != '*';
}

/* The most require lines a rule may have. */
#define RULE_MAX_CLAUSES 8

typedef struct rule {
    rule_kind kind;
    const char *name;
    const char *type; /* event type, TIMEX3 type, or modality status */
    const char *cameo;
    int priority;
    int status; /* dtl_event_status */
    dtl_timex_type ttype;
    const char *resolver;  /* timex: resolver name */
    const char **defaults; /* timex: "name=value" pairs */
    size_t default_count;
    trigger *triggers;
    size_t trigger_count;
    unsigned clause_count; /* require lines */
    pattern *pats;
    size_t pat_count;
    example *ex;
    size_t ex_count;
    const char *file;
    unsigned line;
    unsigned dir;
    int dead;     /* replaced by a later rules directory */
    size_t index; /* position among live rules, after compiling */
    /* The prefilter bit of require clause k (1 ...) is clause_base+k-1. */
    size_t clause_base;
} rule;

/* Words that let a rule fire: a hash of folded words to rule lists. */
typedef struct prefilter prefilter;

/*
 * One form of a pattern as matched (match.c).  A form is matched by
 * PCRE2's interpreter until it has searched jit_after bytes
 * (DTL_JIT_AFTER unless dtl_rules_set_jit_after() says otherwise), then
 * by a JIT-compiled copy: compiling costs as much as searching some
 * thousands of bytes without it, and most patterns of a rule set search
 * less than that in a run on one article.  The copy is published once, with
 * release order, and never changed; so is a form compiled on first
 * use (ready).
 */
typedef struct jit_state {
    struct pcre2_real_code_8 *_Atomic code; /* JIT-compiled copy */
    _Atomic size_t spent;                   /* bytes searched before */
    _Atomic unsigned char ready;            /* the form is compiled */
} jit_state;

struct dtl_rules {
    arena mem;
    lexicon *lex;
    size_t lex_count, lex_cap;
    macro *macros;
    size_t macro_count, macro_cap;
    rule **rules;
    size_t rule_count, rule_cap;
    char **loaded; /* real paths of loaded files */
    size_t loaded_count, loaded_cap;
    unsigned dir; /* directories loaded so far */
    int compiled;
    int load_failed;
    /* After compiling: */
    rule **live; /* live rules in load order */
    size_t live_count;
    prefilter *pf;
    size_t word_count;     /* uint64_t words in a candidate bitset: a
                              bit per live rule, then one per require
                              clause (rule.clause_base) */
    struct gazetteer *gaz; /* actor, anaphor and place names */
    pattern attr_after;    /* attribution after a quotation */
    pattern attr_before;   /* attribution before a quotation */
    pattern repeat;        /* between two times of one event (anchor.c) */
    size_t max_groups;     /* most capture groups of any pattern */
    const lexicon *abbrev;
    const lexicon *starter;
    const lexicon *clock_follow;
    size_t *lex_slots; /* name index of lexicons, after compiling */
    size_t lex_nslots;
    /* Single words of the case-folded lexicons among the first 64, each
     * with the set of lexicons holding it (rules_word_lexicons). */
    struct word_slot *words;
    size_t nwords;
    /* JIT state of each form of each pattern (see match.c). */
    jit_state *jit;
    size_t jit_count;
    /* First-use compilation is serialised per pattern, not for all: a
     * pattern's slot takes lock slot % RULES_JIT_LOCKS, so that threads
     * starting on different patterns compile them side by side. */
    pthread_mutex_t jit_mu[RULES_JIT_LOCKS];
    size_t jit_mu_ready; /* how many are initialised */
    int no_jit;          /* dtl_rules_set_jit(rules, 0) */
    int no_reach;        /* dtl_rules_set_reach(rules, 0) */
    size_t jit_after;    /* dtl_rules_set_jit_after() */
    unsigned threads;    /* dtl_rules_set_threads() */
    char *cache_dir;     /* dtl_rules_set_cache(), or NULL */
};

/* lexicon.c */
lexicon *rules_lexicon(const dtl_rules *rules, const char *name);
/* Makes the lookup key of a phrase into dst (len+1 bytes). */
size_t lexicon_key(const char *s, size_t len, int fold_case, char *dst);
const lex_entry *lexicon_find(const lexicon *lex, const char *s, size_t len);
int lexicon_add(dtl_rules *rules, lexicon *lex, const char *phrase, size_t plen,
                const char *code, size_t clen, const char *canon, size_t nlen,
                const char *file, unsigned line);
int lexicon_index(lexicon *lex);
/* Indexes the lexicons by name (rules_lexicon() then hashes), and
 * their single words (rules_word_lexicons()). */
int rules_index_lexicons(dtl_rules *rules);
/* The set of lexicons (bit i: rules->lex[i], i < 64, case-folded) with
 * an entry that is the word w[0..n), without white space, in any case:
 * one lookup that answers lexicon_word_in() for all of them. */
uint64_t rules_word_lexicons(const dtl_rules *rules, const char *w, size_t n);
/* Whether lex has an entry that is the word w[0..n) (no white space),
 * given set = rules_word_lexicons(rules, w, n).  Same answer as
 * lexicon_find(lex, w, n) != NULL; a NULL lex has no word. */
int lexicon_word_in(const dtl_rules *rules, const lexicon *lex, uint64_t set,
                    const char *w, size_t n);
void lexicon_free(lexicon *lex);
/* Finds the entry for text in any lexicon having all of flags. */
const lex_entry *rules_lookup(const dtl_rules *rules, unsigned flags,
                              const char *s, size_t len, const lexicon **which);

/* rules_compile.c */
/* The two forms of a pattern (see pattern). */
typedef enum {
    PATTERN_FORM_UNICODE,
    PATTERN_FORM_ASCII
} pattern_form_kind;
/* Why a pattern did not compile: PCRE2's message, and the offset in the
 * expanded source. */
typedef struct pattern_error {
    char msg[160];
    size_t offset;
} pattern_error;
/* Compiles form kind of p from p->xsrc; NULL when it does not compile,
 * with the reason in *err unless err is NULL. */
struct pcre2_real_code_8 *pattern_compile_form(const pattern *p,
                                               pattern_form_kind kind,
                                               pattern_error *err);
macro *rules_macro(const dtl_rules *rules, const char *name, size_t len);
/*
 * Fills bits (rules->word_count words) with the rules that may fire on
 * the text and, when reach is not NULL, reach[i] (rules->live_count
 * entries) with the reach of each live rule i whose bit is set: from,
 * the offset in s of the start of its first trigger word, and to, of
 * the end of its last.  A match of the rule starts at or before to
 * (docs/rules.md), so the search stops there; a match of a time rule
 * starts at most DTL_TIMEX_LEAD bytes before from, so its search starts
 * there (matcher_start).
 */
void prefilter_scan(const dtl_rules *rules, const char *s, size_t len,
                    uint64_t *bits, rule_reach *reach);
void prefilter_free(prefilter *pf);
void pattern_free(pattern *p);
/* Frees the JIT-compiled copies of a rule set's patterns. */
void jit_free(dtl_rules *rules);

static inline int bit_test(const uint64_t *bits, size_t i)
{
    return (int)((bits[i / 64] >> (i % 64)) & 1u);
}

/* The first set bit at or after i, or n (bits past n, those of require
 * clauses, are not looked at).  Most words are zero (few rules can fire
 * on a sentence) and are skipped whole. */
static inline size_t bit_next(const uint64_t *bits, size_t i, size_t n)
{
    while (i < n) {
        uint64_t w = bits[i / 64] >> (i % 64);

        if (w == 0) {
            i = (i / 64 + 1) * 64;
            continue;
        }
        i += util_ctz64(w);
        return i < n ? i : n;
    }
    return n;
}

#endif
