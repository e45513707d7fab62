/* SPDX-License-Identifier: MIT */
/*
 * rules.h - loading, compiling, listing and checking rule files.
 *
 * A dtl_rules holds every lexicon, macro and rule of one or more rules
 * directories (docs/rules.md).  Load the directories in order, then
 * compile once; a compiled dtl_rules is read-only and may be shared by
 * any number of threads.
 */
#ifndef DTL_RULES_H
#define DTL_RULES_H

#include <stddef.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct dtl_rules dtl_rules;

/* Returns an empty rule set, or NULL when out of memory. */
dtl_rules *dtl_rules_new(void);

/* Frees rules; NULL is a no-op. */
void dtl_rules_free(dtl_rules *rules);

/*
 * Loads every "*.rules" file of dir, in name order.  Each problem is
 * passed to diag (may be NULL) as a file:line:col diagnostic, up to
 * DTL_MAX_DIAGS per file; loading goes on after an error.  Rules of a
 * directory loaded later replace earlier ones of the same name.
 * Returns DTL_OK, DTL_ERULE when any rule was invalid, DTL_EIO when dir
 * cannot be read, or DTL_ENOMEM.  err receives the first error.
 */
dtl_status dtl_rules_load_dir(dtl_rules *rules, const char *dir,
                              dtl_diag_fn diag, void *ctx, dtl_error *err);

/* As dtl_rules_load_dir() for one file. */
dtl_status dtl_rules_load_file(dtl_rules *rules, const char *path,
                               dtl_diag_fn diag, void *ctx, dtl_error *err);

/* As dtl_rules_load_file() for len bytes of data named name ("include"
 * lines are relative to the current directory). */
dtl_status dtl_rules_load_string(dtl_rules *rules, const char *name,
                                 const char *data, size_t len, dtl_diag_fn diag,
                                 void *ctx, dtl_error *err);

/*
 * Expands macros, compiles every pattern (PCRE2 with JIT) and builds the
 * trigger prefilter.  Must be called once after loading and before use.
 * Reports every error through diag; returns DTL_ERULE if any.
 */
dtl_status dtl_rules_compile(dtl_rules *rules, dtl_diag_fn diag, void *ctx,
                             dtl_error *err);

/*
 * Turns PCRE2's JIT off (on is the default) for a rule set not yet
 * compiled: for systems that forbid executable memory, and for valgrind,
 * which cannot follow JIT code.  Matching is then several times slower.
 */
void dtl_rules_set_jit(dtl_rules *rules, int on);

/*
 * Whether a rule's search of a sentence stops at the end of the rule's
 * last trigger word there (on, the default), where its matches start at
 * the latest (docs/rules.md).  Off, the whole sentence is searched: the
 * same timelines when every word that can start a match of a rule is
 * one of its trigger words, which is what turning it off checks.
 */
void dtl_rules_set_reach(dtl_rules *rules, int on);

/*
 * How many bytes a pattern searches with PCRE2's interpreter before it
 * is JIT-compiled: DTL_JIT_AFTER by default, which spares one article
 * the compiling of patterns that search little; 0 compiles each
 * pattern on its first use, which pays for a batch of many articles
 * (the interpreter is some forty times slower than JIT code).  Set
 * before matching starts.
 */
void dtl_rules_set_jit_after(dtl_rules *rules, size_t bytes);

/*
 * JIT-compiles now the form for ASCII text (most text) of every pattern
 * of a compiled rule set, on the threads of dtl_rules_set_threads,
 * rather than each on its first use: for a batch on several threads,
 * which would otherwise wait for each other's compiling of the patterns
 * they all start with.  Call before matching starts.
 */
void dtl_rules_jit(dtl_rules *rules);

/*
 * How many threads compile the patterns when the rule set is compiled
 * (dtl_rules_compile): 1 by default, at most DTL_LOAD_THREADS.  PCRE2's
 * compiling is most of the time a rule set takes to load.
 */
void dtl_rules_set_threads(dtl_rules *rules, unsigned n);

/*
 * Keeps the compiled patterns of the rule set in directory dir between
 * runs (made when missing; NULL or "" keeps none, the default), for a
 * rule set not yet compiled.  dtl_rules_compile then reads them from
 * there instead of compiling them when they were compiled from the
 * same patterns by the same PCRE2, and writes them there when it
 * compiled them; a cache that cannot be read or written is passed
 * over.  Compiling is most of what a run on one article costs.  The
 * directory should be the user's own: its files are trusted as the
 * rule files are.  Returns DTL_OK or DTL_ENOMEM.
 */
dtl_status dtl_rules_set_cache(dtl_rules *rules, const char *dir);

/* What dtl_rules_info() tells of one rule; strings borrowed from rules. */
typedef struct dtl_rule_info {
    const char *name;
    const char *kind;   /* "event", "timex", "reject" or "modality" */
    const char *type;   /* event type, TIMEX3 type or status */
    const char *cameo;  /* CAMEO code, or "" */
    const char *status; /* default status of an event rule, or "" */
    const char *file;
    unsigned line;
    int priority;
    size_t pattern_count;
    size_t example_count; /* sentences the rule must match */
    size_t counter_count; /* sentences it must not match */
} dtl_rule_info;

/* Number of rules of every kind. */
size_t dtl_rules_count(const dtl_rules *rules);

/* Fills *info for rule i (0 <= i < count); returns DTL_EUSAGE if out of
 * range. */
dtl_status dtl_rules_info(const dtl_rules *rules, size_t i,
                          dtl_rule_info *info);

/* Totals of dtl_rules_check(). */
typedef struct dtl_check_summary {
    size_t rules;
    size_t examples;
    size_t passed;
    size_t failed;
    size_t lexicon_entries;
} dtl_check_summary;

/*
 * Runs every inline example and counter-example of a compiled rule set.
 * Each failure goes to diag with the example's file:line.  Returns
 * DTL_OK when all pass, DTL_ERULE otherwise; *sum receives the totals.
 */
dtl_status dtl_rules_check(const dtl_rules *rules, dtl_diag_fn diag, void *ctx,
                           dtl_check_summary *sum);

#ifdef __cplusplus
}
#endif
#endif
