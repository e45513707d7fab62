/* SPDX-License-Identifier: MIT */
/*
 * limits.h - every limit dtl enforces, by name (docs/limits.md).  Going
 * past one is an error with status DTL_ELIMIT and a message naming it,
 * never a crash or a silent truncation.
 */
#ifndef DTL_LIMITS_H
#define DTL_LIMITS_H

/* Largest article, in bytes (a JSON Lines record counts its text). */
#define DTL_MAX_ARTICLE       (32u * 1024u * 1024u)
/* Longest sentence matched as one; longer runs are cut at a space. */
#define DTL_MAX_SENTENCE      8192u
/* Longest line of a rule file, in bytes. */
#define DTL_MAX_RULE_LINE     8192u
/* Longest pattern after macro expansion, in bytes. */
#define DTL_MAX_PATTERN       (1024u * 1024u)
/* Most rules (of all kinds) in one rule set. */
#define DTL_MAX_RULES         20000u
/* Deepest chain of include directives. */
#define DTL_MAX_INCLUDE_DEPTH 16u
/* Most diagnostics reported for one rule file. */
#define DTL_MAX_DIAGS         20u
/* PCRE2 match limit per pattern and sentence (backtracking steps). */
#define DTL_MATCH_LIMIT       200000u
/* PCRE2 depth limit (nested backtracking frames). */
#define DTL_DEPTH_LIMIT       2000u
/* Most threads that compile the patterns of a rule set. */
#define DTL_LOAD_THREADS      8u
/* Bytes a pattern searches with PCRE2's interpreter before it is
 * JIT-compiled (see jit_state in src/rules.h). */
#define DTL_JIT_AFTER         2048u
/* How far from an event's trigger, in bytes, "now", "recently" or
 * "current" may be and still date it. */
#define DTL_REF_REACH         30u
/* Bytes before the first trigger word of a time rule where its search
 * of a sentence starts (matcher_start, docs/design.md). */
#define DTL_TIMEX_LEAD        64u
/* How many days a story's dateline ("LONDON, March 12 - ") may be from
 * its publication date and still be the day the story counts from. */
#define DTL_DATELINE_DAYS     2
/* How far before a quotation its attribution ("The minister said: ")
 * may start, in bytes. */
#define DTL_ATTR_REACH        400u
/* Longest line, in bytes, of a text whose lines are wrapped: a text
 * with a longer line breaks lines only between paragraphs. */
#define DTL_WRAP_MAX          100u
/* Most events kept for one article. */
#define DTL_MAX_EVENTS        5000u
/* Largest JSON or iCalendar file read by diff and merge, in bytes. */
#define DTL_MAX_IMPORT        (256u * 1024u * 1024u)
/* Most events in one imported timeline. */
#define DTL_MAX_IMPORT_EVENTS 200000u
/* Nesting of BEGIN:/END: components in an iCalendar file read back. */
#define DTL_MAX_ICS_DEPTH     8u

#endif
