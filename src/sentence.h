/* SPDX-License-Identifier: MIT */
/*
 * sentence.h - paragraphs, sentences and quotations of an article
 * (private).  All offsets are into the normalised body (text_norm()).
 */
#ifndef DTL_SENTENCE_H
#define DTL_SENTENCE_H

#include <dtl/text.h>

#include <stddef.h>
#include <stdint.h>

#include "match.h"
#include "rules.h"

typedef struct sent {
    size_t start, end;
    unsigned para;
    const uint64_t *bits; /* the rules its trigger words allow */
    /* The reach of each rule of bits, in rule order (prefilter_scan). */
    const rule_reach *reach;
} sent;

typedef struct quote {
    size_t start, end;           /* inside the quotation marks */
    size_t sp_start, sp_end;     /* the speaker, or equal when none */
    size_t attr_start, attr_end; /* the attribution clause */
    int speech;                  /* reported speech, not scare quotes */
    size_t words;
    unsigned para;
    long from; /* quote whose attribution it shares */
} quote;

typedef struct segmentation {
    sent *s;
    size_t count, cap;
    uint64_t *bits;    /* count x rules->word_count prefilter words */
    rule_reach *reach; /* the sentences' reach, one per rule bit set */
    quote *q;
    size_t qcount, qcap;
    /* Who said each quotation is found on demand (segment_attribute):
     * the paragraphs' starts until then. */
    size_t *para_start;
    unsigned paras;
    size_t len; /* of the normalised text */
    int attributed;
} segmentation;

/* Splits text into sentences and finds its quotations.  Returns DTL_OK
 * or DTL_ENOMEM.  Who said them, and so which are speech, is found by
 * segment_attribute(), before anything asks about quotations. */
dtl_status segment(const dtl_rules *rules, const dtl_text *text, matcher *m,
                   segmentation *out);
/* Finds who said each quotation of seg (s: the normalised text), once:
 * the attribution patterns cost some 4 % of a build of Reuters, and a
 * text with no event does not need them. */
void segment_attribute(const dtl_rules *rules, matcher *m, const char *s,
                       segmentation *seg);
void segmentation_free(segmentation *seg);

/* The prefilter of sentence st of text s: its rule bits and their reach
 * (see prefilter_scan), as found by segment() or found now. */
void sent_prefilter(const dtl_rules *rules, const char *s, const sent *st,
                    uint64_t *bits, rule_reach *reach);

/* Index of the speech quotation holding offset off, or -1. */
long segment_quote_at(const segmentation *seg, size_t off);

/* The quotation whose attribution q uses (itself when it has one). */
const quote *segment_quote_owner(const segmentation *seg, long q);

/* 'Q' or 'A' when paragraph para of s (the normalised text) opens with
 * "Q:" or "A:", a question or an answer of an interview; else 0. */
int segment_qa(const segmentation *seg, const char *s, unsigned para);

#endif
