/* SPDX-License-Identifier: MIT */
/*
 * timex.h - finding time expressions and resolving them (private part
 * of timex.c; the public part is <dtl/timex.h>).
 */
#ifndef DTL_TIMEX_PRIV_H
#define DTL_TIMEX_PRIV_H

#include <dtl/timex.h>

#include "match.h"
#include "rules.h"
#include "sentence.h"

typedef enum tx_tense {
    TENSE_PAST,
    TENSE_FUTURE,
    TENSE_NONE /* no cue: weekdays count as past, dates as nearest */
} tx_tense;

enum {
    UNIT_NONE,
    UNIT_SECOND,
    UNIT_MINUTE,
    UNIT_HOUR,
    UNIT_DAY,
    UNIT_WEEKEND,
    UNIT_WEEK,
    UNIT_FORTNIGHT,
    UNIT_MONTH,
    UNIT_QUARTER,
    UNIT_SEASON,
    UNIT_YEAR,
    UNIT_DECADE,
    UNIT_CENTURY
};

/* What a time expression counts from (the "anchor=" default of its
 * rule): the time of speech or the last time mentioned. */
enum {
    ANCHOR_NOW,
    ANCHOR_CONTEXT
};

/*
 * How a time expression relates to the reporting period under
 * discussion in an earnings report (the "period=" default of its rule):
 *   PERIOD_YES    the last quarter mentioned wins over the anchor ("a
 *                 year earlier" after "the third quarter" is the
 *                 year-ago quarter);
 *   PERIOD_LAST   the same, and with no quarter mentioned, the last
 *                 quarter completed before the time of speech ("the
 *                 year-ago period");
 *   PERIOD_RESET  the expression moves the discussion off quarters
 *                 ("the first nine months"): PERIOD_YES expressions
 *                 after it count from the time of speech.
 */
enum {
    PERIOD_NONE,
    PERIOD_YES,
    PERIOD_LAST,
    PERIOD_RESET
};

/* What turn= names: the turn of the century, or the year begun
 * nearest the reference ("in the new year"). */
enum {
    TURN_NONE,
    TURN_CENTURY,
    TURN_YEAR
};

/* The tense a value default gives (tense=past|future|done); "done" is
 * a period that ended on the day ("the year ended Oct. 31"). */
enum {
    PARTS_TENSE_NONE,
    PARTS_TENSE_PAST,
    PARTS_TENSE_FUTURE,
    PARTS_TENSE_DONE,
    PARTS_TENSE_ENDING,
    PARTS_TENSE_BEGINNING
};

/* What the captures of a time expression said, before resolution. */
typedef struct tx_parts {
    int year, year2, year_digits; /* year_digits: 2 for "'87" */
    int month, month2, day, day2, weekday, weekday2;
    int season, quarter, decade, century;
    long num_lo, num_hi;
    int has_num;
    int unit;
    int dir, has_dir;
    int sign;
    int anchor; /* ANCHOR_NOW or ANCHOR_CONTEXT */
    int period; /* PERIOD_NONE, _YES, _LAST or _RESET */
    int half;   /* 1 or 2: first or second half of a year */
    int halves; /* halves=yes: the period told may be a half-year */
    /* feast=NAME: the lexicon feast_NAME of the feast's days by year
     * (rules/feasts.rules); approx_ names are a day uncertain */
    const lexicon *feast;
    int feast_approx;
    int turn;      /* turn=century: the turn of the century (TURN_CENTURY);
                      turn=year: the year begun nearest the reference
                      (TURN_YEAR) */
    int same_year; /* sameyear=yes: in the year of the reference ("that
                      December") */
    int after;     /* after=yes: the weekday on or after the day */
    int easter;    /* easter=N: N days after Easter Sunday (-7..60), plus 8 */
    int shift;     /* shift: -1 before, +1 after the day ("the week before
                      Christmas"), 0 none */
    int next;      /* next=yes: the second weekday is the day after */
    int last_week; /* nth=last: the day is the month's last day - 6 */
    int frac_half; /* fraction=half: "2 1/2 years" */
    int named;     /* the month is the rule's ("Christmas", "Election
                      Day"): a holiday, not a date written out */
    int whole;     /* whole=yes: "for the full year" in a past clause of
                      January or February is the year before */
    /* "2.25 years": the digits after the point (dec_digits of them) */
    long dec;
    int dec_digits;
    /* "two years and three months": the smaller unit and its count */
    int unit2;
    long num2;
    int tense; /* tense=past|future|done|ending|beginning: PARTS_TENSE_ */
    /* A range's two ends as byte offsets in the sentence, so that it
     * can be reported as two expressions the way TimeML tags it
     * ("between [1994] and [1997]"); end2_end == 0 when there is none. */
    size_t end1_start, end1_end, end2_start, end2_end;
    int endpoint; /* 0 the whole range, 1 its start, 2 its end */
    char part[8]; /* START MID END EARLY LATE LASTDAY SAMEDAY W1..W4 WL */
    char mod[16]; /* TIMEX3 mod */
    int hour, minute, ampm;
    int tod;        /* part of the day, TX_TOD("MO") ...; 0 none */
    char value[24]; /* literal value (ref, set) */
    int span;       /* days: window of ref values */
} tx_parts;

/* A part of the day (the rules' tod=MO|AF|EV|NI|...) as one int. */
#define TX_TOD(code) ((code)[0] << 8 | (code)[1])

/* A time expression found in a sentence; offsets into text_norm(). */
typedef struct tx_raw {
    size_t start, end;
    const rule *ru;
    tx_parts parts;
    tx_tense tense;
    int happened; /* after a verb of lexicon timex_happened: it is past */
    size_t sent;
} tx_raw;

typedef struct tx_list {
    tx_raw *v;
    size_t count, cap;
} tx_list;

/* A reference time: an interval of days (lo == hi for a day). */
typedef struct tx_ref {
    dtl_day lo, hi;
} tx_ref;

/* Finds the time expressions of sentences [first, last) of seg. */
dtl_status timex_detect(const dtl_rules *rules, const dtl_text *text,
                        const segmentation *seg, matcher *m, size_t first,
                        size_t last, tx_list *out);

/*
 * Resolves rt against ref (lo == DTL_DAY_NONE when there is none) into
 * out (offsets left as they are).  Returns 0, or -1 when it cannot be
 * resolved (out then holds an underspecified value).
 */
int timex_resolve(const tx_raw *rt, tx_ref ref, dtl_timex *out);

/* Whether rt is relative to the time before it (anchor=context). */
int timex_is_context(const tx_raw *rt);

/* How rt relates to the reporting period under discussion: one of
 * PERIOD_NONE, PERIOD_YES, PERIOD_LAST, PERIOD_RESET. */
int timex_period(const tx_raw *rt);

/* Whether rt needs a reference time at all. */
int timex_is_relative(const tx_raw *rt);

/* Is w[0..n) a past-tense cue: a word of lexicon past (tense_past), or
 * a word of four letters or more ending in -ed? */
int timex_past_word(const lexicon *past, const char *w, size_t n);

/* The tense around offset off in sentence st. */
tx_tense timex_tense(const dtl_rules *rules, const char *s, const sent *st,
                     size_t off_start, size_t off_end);

#endif
