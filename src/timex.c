/* SPDX-License-Identifier: MIT */
/*
 * timex.c - time expressions: finding them and giving them a value.
 *
 * Input: the sentences of an article and the "timex" and "reject" rules.
 * Output: time expressions, each with a TIMEX3 type and value and an
 * interval of days [earliest, latest] with a granularity and a
 * certainty.
 *
 * Finding: every timex rule whose trigger words occur in a sentence is
 * run over it; a match overlapping a "reject" match is dropped ("Splice
 * Today"); overlapping matches are settled longest first, then by
 * priority.  The named groups of the match are read through the
 * lexicons of the same name (month, weekday, number, unit...) into a
 * tx_parts.
 *
 * Resolving: the rule's resolver (docs/rules.md) turns the parts and a
 * reference time into a value.  The reference is chosen by the caller:
 * the publication date, the time a quotation was said, or the last time
 * mentioned (anchor=context).  Calendar arithmetic is in date.c; nothing
 * here reads the clock.
 */
#include "timex.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "text.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* Reading captures                                                    */
/* ------------------------------------------------------------------ */

static int unit_from(const char *s)
{
    static const char *const names[] = {
        "",        "second", "minute",    "hour",    "day",
        "weekend", "week",   "fortnight", "month",   "quarter",
        "season",  "year",   "decade",    "century", NULL};
    int i;

    for (i = 1; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return UNIT_NONE;
}

/* Parses "2", "-1", "+1" or "2..5"; returns 0 on success. */
static int parse_range(const char *s, long *lo, long *hi)
{
    char *end;
    long a, b;

    a = strtol(s, &end, 10);
    if (end == s)
        return -1;
    b = a;
    if (end[0] == '.' && end[1] == '.') {
        const char *t = end + 2;

        b = strtol(t, &end, 10);
        if (end == t)
            return -1;
    }
    if (*end)
        return -1;
    *lo = a;
    *hi = b;
    return 0;
}

/* A number written in digits, possibly with an ordinal suffix, a
 * leading apostrophe or commas between groups of three: "25", "25th",
 * "'87", "1,020".  Sets *digits. */
static long digits_value(const char *s, size_t len, int *digits)
{
    size_t i = 0, n;
    long v = 0;

    if (s == NULL)
        return -1;
    if (len && s[0] == '\'')
        i = 1;
    for (n = 0; i < len && util_isdigit((unsigned char)s[i]); i++, n++) {
        if (n >= 9)
            return -1;
        v = v * 10 + (s[i] - '0');
        if (i + 4 < len && s[i + 1] == ',' &&
            util_isdigit((unsigned char)s[i + 2]) &&
            util_isdigit((unsigned char)s[i + 3]) &&
            util_isdigit((unsigned char)s[i + 4]))
            i++; /* "1,020": the comma of a group of three */
    }
    if (n == 0)
        return -1;
    if (i < len) {
        char suf[3] = {0, 0, 0};

        if (len - i != 2 && !(len - i == 1 && s[i] == 's'))
            return -1;
        if (len - i == 2) {
            suf[0] = (char)util_lower((unsigned char)s[i]);
            suf[1] = (char)util_lower((unsigned char)s[i + 1]);
            if (strcmp(suf, "st") && strcmp(suf, "nd") && strcmp(suf, "rd") &&
                strcmp(suf, "th") && strcmp(suf, "0s"))
                return -1;
        }
    }
    if (digits)
        *digits = (int)n;
    return v;
}

/* The value keys that take one of a few words ("after=yes",
 * "fraction=half", "turn=year"): the key, a word, the field in tx_parts
 * and the value that word sets it to. */
static const struct {
    const char *name, *word;
    size_t off;
    int val;
} part_flags[] = {
    {"after", "yes", offsetof(tx_parts, after), 1},
    {"next", "yes", offsetof(tx_parts, next), 1},
    {"whole", "yes", offsetof(tx_parts, whole), 1},
    {"fraction", "half", offsetof(tx_parts, frac_half), 1},
    {"sameyear", "yes", offsetof(tx_parts, same_year), 1},
    {"turn", "century", offsetof(tx_parts, turn), TURN_CENTURY},
    {"turn", "year", offsetof(tx_parts, turn), TURN_YEAR},
    {"halves", "yes", offsetof(tx_parts, halves), 1},
};

/* Sets the field of key name when it is one of these: 0 when code is
 * one of its words, -1 for any other code; 1 when name is none. */
static int set_flag(tx_parts *p, const char *name, const char *code)
{
    size_t i;
    int known = 0;

    for (i = 0; i < sizeof(part_flags) / sizeof(part_flags[0]); i++) {
        if (strcmp(name, part_flags[i].name) != 0)
            continue;
        known = 1;
        if (code == NULL || strcmp(code, part_flags[i].word) != 0)
            continue;
        *(int *)(void *)((char *)p + part_flags[i].off) = part_flags[i].val;
        return 0;
    }
    return known ? -1 : 1;
}

/*
 * Stores one value into parts.  code is a lexicon code or a default
 * from the rule's value line; text is the captured text when there is
 * no code.  Returns 0, or -1 when the value makes no sense.
 */
static int set_part(tx_parts *p, const char *name, const char *code,
                    const char *text, size_t tlen)
{
    long lo, hi, v = -1;
    int digits = 0, flag = set_flag(p, name, code);

    if (flag <= 0)
        return flag;
    if (code == NULL) {
        v = digits_value(text, tlen, &digits);
        if (v < 0)
            return -1;
        lo = hi = v;
    } else if (parse_range(code, &lo, &hi) == 0) {
        v = lo;
    } else {
        lo = hi = -1;
    }
    if (strcmp(name, "year") == 0) {
        if (v < 0 || v > 9999)
            return -1;
        p->year = (int)v;
        p->year_digits = code ? 4 : digits;
    } else if (strcmp(name, "month") == 0) {
        if (v < 1 || v > 12)
            return -1;
        if (p->month > 0)
            p->month2 = (int)v;
        else
            p->month = (int)v;
    } else if (strcmp(name, "day") == 0 || strcmp(name, "ordinal") == 0) {
        if (v < 1 || v > 31)
            return -1;
        if (p->day > 0)
            p->day2 = (int)v;
        else
            p->day = (int)v;
    } else if (strcmp(name, "weekday") == 0) {
        if (v < 1 || v > 7)
            return -1;
        if (p->weekday > 0)
            p->weekday2 = (int)v; /* "Thursday and Friday" */
        else
            p->weekday = (int)v;
    } else if (strcmp(name, "number") == 0) {
        if (lo < 0 || hi < lo || hi > 100000)
            return -1;
        if (p->has_num && hi > p->num_lo) {
            /* "12 to 18 months": the second number ends a range */
            p->num_hi = hi;
            return 0;
        }
        p->num_lo = lo;
        p->num_hi = hi;
        p->has_num = 1;
    } else if (strcmp(name, "unit") == 0) {
        p->unit = unit_from(code ? code : "");
        if (p->unit == UNIT_NONE)
            return -1;
    } else if (strcmp(name, "subnumber") == 0) {
        if (lo < 0 || lo != hi || lo > 100000)
            return -1;
        p->num2 = lo;
    } else if (strcmp(name, "subunit") == 0) {
        p->unit2 = unit_from(code ? code : "");
        if (p->unit2 == UNIT_NONE)
            return -1;
    } else if (strcmp(name, "decimal") == 0) {
        /* "38.5 hours": a half; other fractions are kept as written */
        if (code != NULL || digits > 6)
            return -1;
        if (digits == 1 && v == 5)
            p->frac_half = 1;
        else
            p->dec = v, p->dec_digits = digits;
    } else if (strcmp(name, "dir") == 0) {
        if (code == NULL || v < -100 || v > 100)
            return -1;
        p->dir = (int)v;
        p->has_dir = 1;
    } else if (strcmp(name, "sign") == 0) {
        if (code == NULL || (strcmp(code, "-") && strcmp(code, "+")))
            return -1;
        p->sign = code[0] == '-' ? -1 : 1;
    } else if (strcmp(name, "anchor") == 0) {
        if (code == NULL)
            return -1;
        if (strcmp(code, "now") == 0)
            p->anchor = ANCHOR_NOW;
        else if (strcmp(code, "context") == 0)
            p->anchor = ANCHOR_CONTEXT;
        else
            return -1;
    } else if (strcmp(name, "nth") == 0) {
        /* "the first Monday of May": the weekday on or after day 1, 8,
         * 15, 22 or 29; "the last" one: in the last seven days. */
        if (code && strcmp(code, "last") == 0)
            p->last_week = 1;
        else if (v < 1 || v > 5)
            return -1;
        p->day = p->last_week ? 22 : (int)(1 + 7 * (v - 1));
        p->after = 1;
    } else if (strcmp(name, "shift") == 0) {
        if (v != -1 && v != 1)
            return -1;
        p->shift = (int)v;
    } else if (strcmp(name, "easter") == 0) {
        if (v < -7 || v > 60)
            return -1;
        p->easter = (int)v + 8;
    } else if (strcmp(name, "tense") == 0) {
        if (code == NULL || (strcmp(code, "past") && strcmp(code, "future") &&
                             strcmp(code, "done") && strcmp(code, "ending") &&
                             strcmp(code, "beginning")))
            return -1;
        p->tense = code[0] == 'p'   ? PARTS_TENSE_PAST
                   : code[0] == 'f' ? PARTS_TENSE_FUTURE
                   : code[0] == 'd' ? PARTS_TENSE_DONE
                   : code[0] == 'e' ? PARTS_TENSE_ENDING
                                    : PARTS_TENSE_BEGINNING;
    } else if (strcmp(name, "period") == 0) {
        if (code == NULL)
            return -1;
        if (strcmp(code, "yes") == 0)
            p->period = PERIOD_YES;
        else if (strcmp(code, "last") == 0)
            p->period = PERIOD_LAST;
        else if (strcmp(code, "reset") == 0)
            p->period = PERIOD_RESET;
        else
            return -1;
    } else if (strcmp(name, "feast") == 0) {
        /* read by read_parts(), which has the lexicons */
        if (code == NULL)
            return -1;
    } else if (strcmp(name, "half") == 0) {
        if (v < 1 || v > 2)
            return -1;
        p->half = (int)v;
    } else if (strcmp(name, "part") == 0) {
        if (code == NULL || strlen(code) >= sizeof(p->part))
            return -1;
        memcpy(p->part, code, strlen(code) + 1);
    } else if (strcmp(name, "mod") == 0) {
        if (code == NULL || strlen(code) >= sizeof(p->mod))
            return -1;
        memcpy(p->mod, code, strlen(code) + 1);
    } else if (strcmp(name, "season") == 0) {
        if (code == NULL)
            return -1;
        p->season = !strcmp(code, "SP")   ? 1
                    : !strcmp(code, "SU") ? 2
                    : !strcmp(code, "FA") ? 3
                    : !strcmp(code, "WI") ? 4
                                          : 0;
        if (p->season == 0)
            return -1;
    } else if (strcmp(name, "quarter") == 0) {
        if (v < 1 || v > 4)
            return -1;
        p->quarter = (int)v;
    } else if (strcmp(name, "decade") == 0) {
        /* "1990s" -> 199; "90s", "'90s", "nineties" (code 9) -> 9 */
        if (v < 0)
            return -1;
        p->decade = (int)(v >= 10 ? v / 10 : v);
        p->year_digits = v >= 100 ? 4 : 2;
    } else if (strcmp(name, "century") == 0) {
        if (v < 1 || v > 99)
            return -1;
        p->century = (int)v;
    } else if (strcmp(name, "hour") == 0) {
        if (v < 0 || v > 24)
            return -1;
        p->hour = (int)v;
    } else if (strcmp(name, "minute") == 0) {
        if (v < 0 || v > 59)
            return -1;
        p->minute = (int)v;
    } else if (strcmp(name, "ampm") == 0) {
        if (code == NULL)
            return -1;
        /* ampm=day: the hours of a working day, 7 to 6 */
        p->ampm = code[0] == 'p' || code[0] == 'P' ? 2 : code[0] == 'd' ? 3 : 1;
    } else if (strcmp(name, "tod") == 0) {
        if (code == NULL || strlen(code) != 2)
            return -1;
        p->tod = TX_TOD(code);
    } else if (strcmp(name, "value") == 0) {
        if (code == NULL || strlen(code) >= sizeof(p->value))
            return -1;
        memcpy(p->value, code, strlen(code) + 1);
    } else if (strcmp(name, "span") == 0) {
        if (v < 0 || v > 3660)
            return -1;
        p->span = (int)v;
    } else {
        return -1;
    }
    return 0;
}

static void parts_init(tx_parts *p)
{
    memset(p, 0, sizeof(*p));
    p->year = p->year2 = -1;
    p->hour = p->minute = -1;
}

/*
 * A year written in words, with the words of lexicon "number": the
 * hundreds, then the rest ("nineteen ninety-six" is 1996, "nineteen
 * hundred" 1900), or the thousands ("two thousand one" is 2001).
 * Returns -1 when the text is no such year.
 */
static long spelled_year(const dtl_rules *rs, const char *t, size_t len)
{
    const lexicon *lx = rules_lexicon(rs, "number");
    const lex_entry *e;
    size_t i = 0, w;
    long hi, lo = 0, mul = 100;

    if (lx == NULL)
        return -1;
    while (i < len && t[i] != ' ')
        i++;
    if (i == len || (e = lexicon_find(lx, t, i)) == NULL ||
        parse_range(e->code, &hi, &lo) != 0 || hi < 1 || hi > 99)
        return -1;
    lo = 0;
    t += i + 1;
    len -= i + 1;
    for (w = 0; w < len && t[w] != ' '; w++)
        ;
    if (w == 8 && memcmp(t, "thousand", 8) == 0) {
        mul = 1000;
    } else if (w == 7 && memcmp(t, "hundred", 7) == 0) {
        mul = 100;
    } else {
        w = (size_t)-1;
    }
    if (w != (size_t)-1) {
        t += w < len ? w + 1 : len;
        len -= w < len ? w + 1 : len;
        if (len > 4 && memcmp(t, "and ", 4) == 0) {
            t += 4;
            len -= 4;
        }
    }
    if (len > 3 && (memcmp(t, "oh ", 3) == 0 || memcmp(t, "oh-", 3) == 0)) {
        t += 3;
        len -= 3;
    }
    if (len > 0) {
        long a;

        if ((e = lexicon_find(lx, t, len)) == NULL ||
            parse_range(e->code, &lo, &a) != 0 || lo < 0 || lo > 99)
            return -1;
    }
    return hi * mul + lo;
}

/* Widens the range [*s, *e) of captured bytes to hold [cs, ce). */
static void span_add(size_t *s, size_t *e, size_t cs, size_t ce)
{
    if (*e == 0 || cs < *s)
        *s = cs;
    if (ce > *e)
        *e = ce;
}

/*
 * The last year of a span written after the first, whole or by its
 * last one or two digits: "1986/87", "1985-90", "1999-2000", "1986/7".
 * Later than the first, by ten years at most when written short
 * ("1987-12" is no span) and thirty in full.
 */
static int end_year(tx_parts *p, const char *txt, size_t len)
{
    int digits = 0;
    long v = digits_value(txt, len, &digits);

    if (p->year < 0 || v < 0 || digits == 3 || digits > 4)
        return -1;
    if (digits < 4) {
        int unit = digits == 1 ? 10 : 100;

        v += p->year / unit * unit;
        if (v <= p->year)
            v += unit;
    }
    if (v <= p->year || v - p->year > (digits == 2 ? 10 : 30))
        return -1;
    p->year2 = (int)v;
    return 0;
}

/*
 * Whether the parts can name a day of the calendar: no "September 31"
 * or "February 30, 2021" (a leap day only in a leap year, or with no
 * year; a day found from a weekday, "the fifth Monday of February", is
 * left to the resolver), and the second day of a range in one month
 * after the first ("March 12 - 4th qtr" is a dateline, no range).  What
 * fails here is no time expression; a shorter one may take its place
 * ("September").
 */
static int compound_duration(const tx_parts *p, char *v, size_t vn);

static int plausible(const tx_parts *p)
{
    char v[24];

    /* "1 MONTH 3 MONTHS": no duration of two counts */
    if (p->unit2 != UNIT_NONE && compound_duration(p, v, sizeof(v)) != 0)
        return 0;
    /* "2.3 decades": decimals of units that count in others */
    if (p->dec_digits > 0 &&
        (p->unit == UNIT_DECADE || p->unit == UNIT_CENTURY ||
         p->unit == UNIT_FORTNIGHT || p->unit == UNIT_WEEKEND ||
         p->unit == UNIT_QUARTER || p->unit == UNIT_SEASON))
        return 0;
    if (p->month > 0 && p->day > 0 && !p->after &&
        p->day > date_days_in_month(p->year >= 0 ? p->year : 2000, p->month))
        return 0;
    if (p->month > 0 && p->month2 == 0 && p->day2 > 0 && p->day2 <= p->day)
        return 0;
    /* "Monday and Tuesday" is a stretch of days, "Friday and Thursday"
     * or "Monday and Wednesday" two days apart (next=yes). */
    if (p->weekday2 && (p->weekday2 == p->weekday ||
                        (p->next && p->weekday2 != p->weekday % 7 + 1)))
        return 0;
    return 1;
}

/* Fills parts from the rule's defaults, then from the captures. */
static int read_parts(const dtl_rules *rs, const rule *ru, const char *s,
                      const match *mt, tx_parts *p)
{
    size_t i;
    const match_cap *end = NULL;

    parts_init(p);
    for (i = 0; i < ru->default_count; i++) {
        const char *d = ru->defaults[i], *eq = strchr(d, '=');
        char name[16];
        size_t n = (size_t)(eq - d);

        if (n >= sizeof(name))
            return -1;
        memcpy(name, d, n);
        name[n] = '\0';
        if (strcmp(name, "feast") == 0) {
            char lex[48];

            snprintf(lex, sizeof(lex), "feast_%s", eq + 1);
            if ((p->feast = rules_lexicon(rs, lex)) == NULL)
                return -1;
            p->feast_approx = strncmp(eq + 1, "approx_", 7) == 0;
            continue;
        }
        if (set_part(p, name, eq + 1, NULL, 0) != 0)
            return -1;
        if (strcmp(name, "month") == 0)
            p->named = 1;
    }
    for (i = 0; i < mt->cap_count; i++) {
        const match_cap *c = &mt->caps[i];
        const char *name = c->cap->name;
        const lexicon *lx = c->cap->lex;
        const lex_entry *e = NULL;
        const char *txt = s + c->start;
        size_t len = c->end - c->start;

        if (len == 0)
            continue;
        if (lx)
            e = lexicon_find(lx, txt, len);
        if (strcmp(name, "year") == 0 && util_isalnum((unsigned char)*txt) &&
            !util_isdigit((unsigned char)*txt)) {
            long v = spelled_year(rs, txt, len);
            char num[8];

            if (v < 0 || v > 9999)
                return -1;
            snprintf(num, sizeof(num), "%ld", v);
            if (p->year >= 0) {
                p->year2 = (int)v;
                span_add(&p->end2_start, &p->end2_end, c->start, c->end);
            } else if (set_part(p, name, num, NULL, 0) != 0) {
                return -1;
            } else {
                span_add(&p->end1_start, &p->end1_end, c->start, c->end);
            }
            continue;
        }
        if (strcmp(name, "endyear") == 0) {
            /* Read once the first year is known (below). */
            end = c;
            continue;
        }
        if (strcmp(name, "year") == 0 &&
            (p->year >= 0 ||
             (p->month2 && p->end2_end && c->start >= p->end2_start))) {
            /* A second year: the end of a range.  So is the year after
             * the second month of a range ("from Dec. 28 to Jan. 3,
             * 1987"); resolve_range gives the first its year. */
            long v = digits_value(txt, len, NULL);

            if (v < 0 || v > 9999)
                return -1;
            p->year2 = (int)v;
            span_add(&p->end2_start, &p->end2_end, c->start, c->end);
            continue;
        }
        {
            int d2 = p->day2, m2 = p->month2, w2 = p->weekday2;

            if (set_part(p, name, e && *e->code ? e->code : NULL, txt, len) !=
                0)
                return -1;
            if (p->day2 != d2 || p->month2 != m2 || p->weekday2 != w2)
                span_add(&p->end2_start, &p->end2_end, c->start, c->end);
            else
                span_add(&p->end1_start, &p->end1_end, c->start, c->end);
        }
    }
    if (end && end_year(p, s + end->start, end->end - end->start) != 0)
        return -1;
    return plausible(p) ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* Tense                                                               */
/* ------------------------------------------------------------------ */

/*
 * The lexicons of tense cues (time-words.rules, base.rules), looked up
 * once per expression rather than once per word: a missing one holds
 * no word.
 */
typedef struct tense_lex {
    const dtl_rules *rs;
    const lexicon *future, *past;         /* tense_future, tense_past */
    const lexicon *tx_future, *future_to; /* timex_future, _future_to */
    const lexicon *modal, *passive, *det; /* timex_modal, ... */
    const lexicon *tx_past, *not_past;    /* timex_past, timex_not_past */
    const lexicon *report, *plan_past;    /* timex_report, _plan_past */
    const lexicon *until, *defer;         /* timex_until, timex_defer */
    const lexicon *target;                /* timex_target */
    const lexicon *directive;             /* timex_directive */
    const lexicon *happened;              /* timex_happened */
    const lexicon *present, *aux;         /* timex_present, timex_aux */
    const lexicon *participle;            /* timex_participle */
    const lexicon *be_present;            /* timex_be_present */
    const lexicon *light;                 /* timex_light_verb */
    const lexicon *prep;                  /* timex_preposition */
} tense_lex;

static void tense_lex_init(const dtl_rules *rs, tense_lex *tl)
{
    tl->rs = rs;
    tl->future = rules_lexicon(rs, "tense_future");
    tl->past = rules_lexicon(rs, "tense_past");
    tl->tx_future = rules_lexicon(rs, "timex_future");
    tl->future_to = rules_lexicon(rs, "timex_future_to");
    tl->modal = rules_lexicon(rs, "timex_modal");
    tl->passive = rules_lexicon(rs, "timex_passive");
    tl->det = rules_lexicon(rs, "timex_determiner");
    tl->light = rules_lexicon(rs, "timex_light_verb");
    tl->tx_past = rules_lexicon(rs, "timex_past");
    tl->not_past = rules_lexicon(rs, "timex_not_past");
    tl->report = rules_lexicon(rs, "timex_report");
    tl->plan_past = rules_lexicon(rs, "timex_plan_past");
    tl->until = rules_lexicon(rs, "timex_until");
    tl->defer = rules_lexicon(rs, "timex_defer");
    tl->target = rules_lexicon(rs, "timex_target");
    tl->directive = rules_lexicon(rs, "timex_directive");
    tl->happened = rules_lexicon(rs, "timex_happened");
    tl->present = rules_lexicon(rs, "timex_present");
    tl->aux = rules_lexicon(rs, "timex_aux");
    tl->participle = rules_lexicon(rs, "timex_participle");
    tl->be_present = rules_lexicon(rs, "timex_be_present");
    tl->prep = rules_lexicon(rs, "timex_preposition");
}

static int word_in(const lexicon *lx, const char *w, size_t n)
{
    return lx && lexicon_find(lx, w, n) != NULL;
}

int timex_past_word(const lexicon *past, const char *w, size_t n)
{
    return word_in(past, w, n) ||
           (n >= 4 && w[n - 2] == 'e' && w[n - 1] == 'd');
}

/*
 * The tense of the verb nearest to a time expression in its sentence:
 * future when the nearest cue is a "tense_future" word (will, 'll,
 * scheduled...), past when it is a "tense_past" word or ends in -ed,
 * none when there is no cue.
 */
tx_tense timex_tense(const dtl_rules *rs, const char *s, const sent *st,
                     size_t ts, size_t te)
{
    size_t i = st->start, best = (size_t)-1;
    tx_tense tense = TENSE_NONE;
    const lexicon *lfut = rules_lexicon(rs, "tense_future");
    const lexicon *lpast = rules_lexicon(rs, "tense_past");

    while (i < st->end) {
        size_t ws, n, dist;
        int fut, past;

        while (i < st->end &&
               !(util_isalnum((unsigned char)s[i]) || s[i] == '\''))
            i++;
        ws = i;
        while (i < st->end && (util_isalnum((unsigned char)s[i]) ||
                               s[i] == '\'' || s[i] == '-'))
            i++;
        n = i - ws;
        if (n == 0 || (ws >= ts && ws < te))
            continue;
        fut = word_in(lfut, s + ws, n);
        past = !fut && timex_past_word(lpast, s + ws, n);
        if (!fut && !past)
            continue;
        dist = ws >= te ? ws - te : ts - i;
        if (dist < best) {
            best = dist;
            tense = fut ? TENSE_FUTURE : TENSE_PAST;
        }
    }
    return tense;
}

/* A word of a sentence, for clause_tense(), with the lexicons that
 * hold it (rules_word_lexicons). */
typedef struct tword {
    size_t start, end;
    uint64_t lex;
} tword;

/* Whether lexicon lx holds word w. */
static int tw_in(const tense_lex *tl, const lexicon *lx, const char *s,
                 const tword *w)
{
    return lexicon_word_in(tl->rs, lx, w->lex, s + w->start, w->end - w->start);
}

#define TENSE_WORDS 96

/* Whether word w is lit (lower case ASCII), in any case. */
static int word_is(const char *s, const tword *w, const char *lit)
{
    size_t n = strlen(lit), i;

    if (w->end - w->start != n)
        return 0;
    for (i = 0; i < n; i++)
        if (util_lower((unsigned char)s[w->start + i]) != lit[i])
            return 0;
    return 1;
}

/* Whether word w, of min letters at least, ends in suf (as written). */
static int word_ends(const char *s, const tword *w, const char *suf, size_t min)
{
    size_t n = strlen(suf);

    return w->end - w->start >= min && memcmp(s + w->end - n, suf, n) == 0;
}

/* Whether a present tense of a schedule after word prev is none: "did
 * not meet", "to leave" (lexicon timex_aux: the words before decide),
 * "remained open Monday", "is open", "be open" (an adjective after a
 * verb in the past or a form of "be"). */
static int not_schedule_after(const tense_lex *tl, const char *s,
                              const tword *prev)
{
    return tw_in(tl, tl->aux, s, prev) || tw_in(tl, tl->past, s, prev) ||
           tw_in(tl, tl->tx_past, s, prev) ||
           tw_in(tl, tl->be_present, s, prev) || word_is(s, prev, "be") ||
           (word_ends(s, prev, "ed", 4) && !tw_in(tl, tl->not_past, s, prev));
}

/* What a word says about tense: 1 future, -1 past, 0 nothing. */
static int word_tense(const tense_lex *tl, const char *s, const tword *w,
                      const tword *prev, const tword *next)
{
    const char *p = s + w->start;
    size_t n = w->end - w->start;

    /* "may have been": a modal before "have" tells of the past */
    if (next && tw_in(tl, tl->modal, s, w) && word_is(s, next, "have"))
        return -1;
    /* "could not be reached Friday": an ability that failed, in the
     * past ("couldn't" is in timex_past) */
    if (next && word_is(s, w, "could") && word_is(s, next, "not"))
        return -1;
    /* "next to the embassy"; "flown to Bamako the next morning": the
     * day after another, no future */
    if (word_is(s, w, "next") &&
        ((next && word_is(s, next, "to")) || (prev && word_is(s, prev, "the"))))
        return 0;
    /* "in April and May": the month, not the modal (which news seldom
     * puts first in a sentence) */
    if (p[0] == 'M' && word_is(s, w, "may"))
        return 0;
    /* "American Can sold": a name */
    if (p[0] == 'C' && word_is(s, w, "can"))
        return 0;
    /* "fallen more sharply than expected", "as planned": no plan */
    if (prev && (word_is(s, prev, "than") || word_is(s, prev, "as")) &&
        tw_in(tl, tl->tx_future, s, w))
        return 0;
    if (tw_in(tl, tl->tx_future, s, w))
        return 1;
    /* "she'll be here until Thursday" */
    if (n > 3 && p[n - 3] == '\'' &&
        util_lower((unsigned char)p[n - 2]) == 'l' &&
        util_lower((unsigned char)p[n - 1]) == 'l')
        return 1;
    if (next && tw_in(tl, tl->tx_future, s, next))
        return 0; /* "were planning": the next word tells */
    if (next && next->end - next->start == 2 &&
        util_lower((unsigned char)s[next->start]) == 't' &&
        util_lower((unsigned char)s[next->start + 1]) == 'o' &&
        tw_in(tl, tl->future_to, s, w))
        return 1; /* "is to", "planned to", "set to" */
    /* "will be named", "the reduced dividend", "will hold closed
     * consultations" */
    if (prev && (tw_in(tl, tl->passive, s, prev) ||
                 tw_in(tl, tl->det, s, prev) || tw_in(tl, tl->light, s, prev)))
        return 0;
    /* "Japan's alleged failure": an adjective after a possessive */
    if (prev && prev->end - prev->start > 2 && s[prev->end - 2] == '\'' &&
        util_lower((unsigned char)s[prev->end - 1]) == 's')
        return 0;
    /* "a trade fair to be held in September", "to be shipped": a plan
     * (not "found their value to be 851 mln as at Dec 31") */
    if (prev && next && word_is(s, w, "be") && word_is(s, prev, "to") &&
        (tw_in(tl, tl->participle, s, next) || tw_in(tl, tl->past, s, next) ||
         word_ends(s, next, "ed", 4) || word_ends(s, next, "en", 4)))
        return 1;
    /* "can cut", "will set", "to put": a plain form after a modal or
     * "to", whatever it looks like; the word before tells */
    if (prev && (tw_in(tl, tl->tx_future, s, prev) || word_is(s, prev, "to")) &&
        (tw_in(tl, tl->past, s, w) || tw_in(tl, tl->tx_past, s, w)))
        return 0;
    /* "Wester Host Inc", "in return for": a name or a noun (not "on
     * Tuesday starts", where the time lies between the two words) */
    if (tw_in(tl, tl->present, s, w) &&
        ((p[0] >= 'A' && p[0] <= 'Z') ||
         (prev && prev->end + 1 == w->start &&
          (word_is(s, prev, "in") || word_is(s, prev, "on") ||
           word_is(s, prev, "of") || word_is(s, prev, "for")))))
        return 0;
    /* "leaves on Wednesday", "talks resume Monday": a present tense of
     * a schedule; "did not meet", "to leave", "remained open": the word
     * before tells */
    if (tw_in(tl, tl->present, s, w))
        return (prev && not_schedule_after(tl, s, prev)) ||
                       (next && word_is(s, next, "back"))
                   ? 0 /* "goes back to the spring": the past */
                   : 1;
    /* "to be held in October", "will be held": a passive, which the
     * word before tells; "40 jailed comrades": an adjective */
    if (prev && (word_is(s, prev, "be") ||
                 (prev->end + 1 == w->start &&
                  util_isdigit((unsigned char)s[prev->end - 1]))))
        return 0;
    if (tw_in(tl, tl->past, s, w) || tw_in(tl, tl->tx_past, s, w))
        return -1;
    /* -ed, but not "United" or "Ahmed": a capital starts a name */
    if (word_ends(s, w, "ed", 4) && !(p[0] >= 'A' && p[0] <= 'Z') &&
        !tw_in(tl, tl->not_past, s, w))
        return -1;
    return 0;
}

/* Whether word k is "due" in "due to" a cause ("shut down on Saturday
 * due to an undetermined leak"), not a plan ("due to meet Friday"). */
static int due_to_cause(const tense_lex *tl, const char *s, const tword *w,
                        size_t k, size_t nw)
{
    return k + 2 < nw && word_is(s, &w[k], "due") &&
           word_is(s, &w[k + 1], "to") &&
           (tw_in(tl, tl->det, s, &w[k + 2]) ||
            word_ends(s, &w[k + 2], "ing", 5));
}

/* Whether word k follows "had been" or "previously": a plan of the
 * past ("had been scheduled to expire at midnight Friday"). */
static int had_been(const tense_lex *tl, const char *s, const tword *w,
                    size_t k)
{
    return (k >= 1 && tw_in(tl, tl->plan_past, s, &w[k - 1])) ||
           (k >= 2 && w[k - 1].end - w[k - 1].start == 4 &&
            strncmp(s + w[k - 1].start, "been", 4) == 0 &&
            tw_in(tl, tl->plan_past, s, &w[k - 2]));
}

/* Whether words w[0..nw) put off a plan now: "has postponed", "has
 * been called off", "have been delayed".  A plan of the past that is
 * put off now had not come ("who had been due to visit Lilongwe on
 * Wednesday, has postponed his trip": the Wednesday ahead). */
static int put_off_now(const tense_lex *tl, const char *s, const tword *w,
                       size_t nw)
{
    size_t k, j;

    for (k = 0; k + 1 < nw; k++) {
        if (!word_is(s, &w[k], "has") && !word_is(s, &w[k], "have"))
            continue;
        j = k + 1;
        if (j + 1 < nw && word_is(s, &w[j], "been"))
            j++;
        if (tw_in(tl, tl->defer, s, &w[j]) || word_is(s, &w[j], "cancelled") ||
            word_is(s, &w[j], "canceled") ||
            (j + 1 < nw && word_is(s, &w[j], "called") &&
             word_is(s, &w[j + 1], "off")))
            return 1;
    }
    return 0;
}

/* Whether word k, a word of the future, tells a plan of the past
 * (had_been) that was not put off now (put_off_now). */
static int plan_past(const tense_lex *tl, const char *s, const tword *w,
                     size_t k, size_t nw)
{
    return had_been(tl, s, w, k) && !put_off_now(tl, s, w, nw);
}

/* Whether w is an adverb in -ly ("formally", "quickly"; not "early",
 * "only", "daily" and the like, nor a name). */
static int adverb_ly(const char *s, const tword *w)
{
    static const char *const no[] = {"early",   "only",   "daily",  "weekly",
                                     "monthly", "yearly", "hourly", "likely",
                                     "family",  "supply", "apply",  "rally",
                                     "reply",   "nearly", NULL};
    size_t i;

    if (!word_ends(s, w, "ly", 5) || !util_islower(s[w->start]))
        return 0;
    for (i = 0; no[i]; i++)
        if (word_is(s, w, no[i]))
            return 0;
    return 1;
}

/* What word k of w[0..nw) says about tense (word_tense), a plan of
 * the past (plan_past) counting as past and "due to" a cause
 * (due_to_cause) as nothing. */
static int word_cue(const tense_lex *tl, const char *s, const tword *w,
                    size_t k, size_t nw)
{
    /* "will be formally introduced", "is not re-established": the
     * word before an adverb or "not" */
    size_t pk =
        k > 1 && (adverb_ly(s, &w[k - 1]) || word_is(s, &w[k - 1], "not"))
            ? k - 2
            : k - 1;
    int t = word_tense(tl, s, &w[k], k > 0 ? &w[pk] : NULL,
                       k + 1 < nw ? &w[k + 1] : NULL);

    /* "layoffs could not begin before April": a bar ahead, not a
     * failure ("could not be reached", "could not immediately") */
    if (t < 0 && k + 2 < nw && word_is(s, &w[k], "could") &&
        word_is(s, &w[k + 1], "not") && !word_is(s, &w[k + 2], "be") &&
        !word_is(s, &w[k + 2], "immediately") && !word_is(s, &w[k + 2], "have"))
        return 0;
    if (t > 0 && plan_past(tl, s, w, k, nw))
        return -1;
    if (t > 0 && due_to_cause(tl, s, w, k, nw))
        return 0;
    return t;
}

/* Whether word k is a participle after "be" or "is": "figures to be
 * reported Tuesday" is no report (word_tense() says nothing of it). */
static int passive_at(const tense_lex *tl, const char *s, const tword *w,
                      size_t k)
{
    return k > 0 && tw_in(tl, tl->passive, s, &w[k - 1]);
}

/* Whether word k is a past participle that is no passive ("chosen on
 * Monday", not "to be chosen on Monday"). */
static int participle_at(const tense_lex *tl, const char *s, const tword *w,
                         size_t k)
{
    return tw_in(tl, tl->participle, s, &w[k]) && !passive_at(tl, s, w, k);
}

/*
 * Whether the full stop at s[i] ends a clause.  Inside a sentence a
 * stop mostly ends an abbreviation ("the U.S. from Cuba", "Mr. Bush",
 * "Inc."); only one after a lower-case word of two letters or more
 * counts ("...said. Then").
 */
static int stop_ends_clause(const char *s, size_t i)
{
    size_t n = 0;

    while (n < i && util_isalnum((unsigned char)s[i - n - 1]))
        n++;
    return n >= 2 && s[i - n] >= 'a' && s[i - n] <= 'z';
}

/* Whether the text between two words ends a clause (not the colon of a
 * clock time, "11:59"). */
static int clause_break(const char *s, size_t from, size_t to, int comma)
{
    size_t i;

    for (i = from; i < to; i++)
        if ((s[i] == '.' && stop_ends_clause(s, i)) || s[i] == ';' ||
            (s[i] == ':' && !(i > 0 && util_isdigit((unsigned char)s[i - 1]) &&
                              util_isdigit((unsigned char)s[i + 1]))) ||
            s[i] == '"' || s[i] == '?' || s[i] == '!' || s[i] == '(' ||
            s[i] == ')' || s[i] == '`' || (comma && s[i] == ',') ||
            (s[i] == '\'' && i + 1 < to && s[i + 1] == '\''))
            return 1;
    return 0;
}

/*
 * The tense of the clause around a time expression [ts, te), for the
 * direction of bare weekdays and months.  The nearest cue wins, words
 * before the expression counting as nearer ("will meet on Friday"); a
 * clause ends at sentence punctuation and quotation marks, and after
 * the expression also at a comma unless the expression opens the
 * sentence ("as soon as Tuesday, Castro said" is future; "On Friday,
 * officials will meet" too).  A reporting verb (lexicon timex_report)
 * just before the expression makes it the time of the report ("said
 * Friday it would investigate" is past); further away it counts only
 * when there is no other cue.  "until" (lexicon timex_until) after a
 * verb of deferral (timex_defer) sets a deadline ahead, whatever the
 * tense of the verb ("postponed until Tuesday").  An expression that
 * is all of a parenthesis takes the tense of the clause around it
 * ("will leave at 4 in the morning (4 a.m. EDT Thursday)").
 */
static tx_tense clause_tense(const tense_lex *tl, const char *s, const sent *st,
                             size_t ts, size_t te, int *happened)
{
    tword w[TENSE_WORDS];
    size_t nw = 0, i = st->start, left = 0, k, u, a = ts, b = te;
    long best = -1, dist;
    int tense = 0, report = 0, t;

    while (a > st->start && s[a - 1] == ' ')
        a--;
    while (b < st->end && s[b] == ' ')
        b++;
    if (a > st->start && s[a - 1] == '(' && b < st->end && s[b] == ')') {
        ts = a - 1;
        te = b + 1;
    }
    while (i < st->end && nw < TENSE_WORDS) {
        size_t ws;

        /* A word starts with a letter or digit, so that closing ''
         * quotes stay between words, where clause_break() sees them. */
        while (i < st->end && !util_isalnum((unsigned char)s[i]))
            i++;
        ws = i;
        while (i < st->end && (util_isalnum((unsigned char)s[i]) ||
                               s[i] == '\'' || s[i] == '-'))
            i++;
        while (i > ws && s[i - 1] == '\'')
            i--;
        if (i == ws)
            break;
        if (ws >= ts && ws < te)
            continue;
        w[nw].start = ws;
        w[nw].end = i;
        w[nw].lex = rules_word_lexicons(tl->rs, s + ws, i - ws);
        if (i <= ts)
            left = nw + 1;
        nw++;
    }
    /* "where he has been since Thursday": a span that began before */
    if (left > 0 && word_is(s, &w[left - 1], "since") &&
        !clause_break(s, w[left - 1].end, ts, 0))
        return TENSE_PAST;
    /* "postponed until Tuesday", "extended its deadline until 9 a.m.
     * Tuesday", "gave them until Friday", "has given shippers until
     * close of business on Thursday", "delayed its meeting to June 22":
     * a new deadline is ahead. */
    for (u = left; u > 0 && left - u < 8; u--) {
        if (clause_break(s, w[u - 1].end, u < left ? w[u].start : ts, 0))
            break;
        /* Further back than the word before, "through" is no deadline
         * ("sell arms through Israel in August"). */
        int inf =
            word_is(s, &w[u - 1], "until") || word_is(s, &w[u - 1], "till");

        /* "ordered visitors off the island by noon Tuesday", "urged
         * residents to leave by Tuesday evening": the deadline of an
         * order or a pledge lies ahead */
        if (u == left && word_is(s, &w[u - 1], "by")) {
            for (k = u - 1; k-- > 0 && u - k <= 9;) {
                if (clause_break(s, w[k].end, w[k + 1].start, 0))
                    break;
                if (tw_in(tl, tl->directive, s, &w[k]))
                    return TENSE_FUTURE;
            }
            continue;
        }
        if (!(tw_in(tl, tl->until, s, &w[u - 1]) ||
              (u == left && tw_in(tl, tl->target, s, &w[u - 1]))) ||
            (u < left && word_is(s, &w[u - 1], "through")))
            continue;
        for (k = u - 1; k-- > 0 && u - k <= 6;) {
            if (clause_break(s, w[k].end, w[k + 1].start, 0))
                break;
            if (tw_in(tl, tl->defer, s, &w[k]))
                return TENSE_FUTURE;
            /* "told not to try to return until Friday morning", "agreed
             * to reopen its offer until March 25": what one is to do
             * until then (not "had been expected to stay until the
             * weekend") */
            if (inf && word_is(s, &w[k], "to") && k + 2 < u &&
                util_islower((unsigned char)s[w[k + 1].start]) &&
                !tw_in(tl, tl->det, s, &w[k + 1]) &&
                !(k > 0 && word_is(s, &w[k - 1], "had")) &&
                !(k > 1 && word_is(s, &w[k - 2], "had")) &&
                !(k > 2 && word_is(s, &w[k - 3], "had")))
                return TENSE_FUTURE;
        }
        break;
    }
    /* Before the expression: nearest first. */
    for (k = left; k-- > 0;) {
        if (clause_break(s, w[k].end, k + 1 < left ? w[k + 1].start : ts, 0))
            break;
        if (tw_in(tl, tl->report, s, &w[k]) && !passive_at(tl, s, w, k)) {
            /* "said on Friday (that ...)": the time of the report */
            if (left - k <= 5)
                return TENSE_PAST;
            report = report ? report : -1;
            continue;
        }
        /* "unless the government frees them by noon Thursday", "if the
         * Senate passes a bill on Monday": a condition ahead (not "as
         * if the December pact held") */
        if (word_is(s, &w[k], "unless") ||
            (word_is(s, &w[k], "if") &&
             !(k > 0 && word_is(s, &w[k - 1], "as"))) ||
            /* "will try again no earlier than Tuesday"; "a 70 percent
             * chance of acceptable weather for Tuesday evening" */
            (left - k == 1 && k >= 2 && word_is(s, &w[k], "than") &&
             word_is(s, &w[k - 2], "no") &&
             (word_is(s, &w[k - 1], "earlier") ||
              word_is(s, &w[k - 1], "sooner"))) ||
            ((word_is(s, &w[k], "chance") || word_is(s, &w[k], "chances")) &&
             left - k <= 6)) {
            tense = 1;
            best = 2 * (long)(left - k);
            break;
        }
        t = word_cue(tl, s, w, k, nw);
        if (t == 0 && left - k <= 2 && participle_at(tl, s, w, k))
            t = -1;
        /* "will be open today but closed Monday": a participle after
         * "but" or "and" shares the verb before it, which tells */
        if (t < 0 && k > 0 &&
            (word_is(s, &w[k - 1], "but") || word_is(s, &w[k - 1], "and")))
            continue;
        if (t) {
            best = 2 * (long)(left - k);
            tense = t;
            /* "The first rupture came on January 24" */
            if (t < 0 && happened != NULL && left - k <= 2 &&
                tw_in(tl, tl->happened, s, &w[k]))
                *happened = 1;
            /* "a draft circulated on Monday would renew": a past verb
             * right before the time, or before a preposition and the
             * time, is its verb (not "thought that June would") */
            if (t < 0 && (left - k == 1 ||
                          (left - k == 2 && tw_in(tl, tl->prep, s, &w[k + 1]))))
                return TENSE_PAST;
            break;
        }
        /* "the first round is on Sunday", "when the case is heard in
         * May": the present of a schedule (a past tense further back
         * is another clause's). */
        if (left - k <= 4 && tw_in(tl, tl->be_present, s, &w[k])) {
            best = 2 * (long)(left - k);
            tense = 1;
            break;
        }
    }
    /* After it; a word at distance d is as near as one at 1.5 d before. */
    for (k = left; k < nw; k++) {
        dist = 3 * (long)(k - left + 1);
        /* "relinquished the title in July but continues as ...",
         * "raise pensions from January if re-elected": another clause */
        if (word_is(s, &w[k], "but") || word_is(s, &w[k], "if") ||
            word_is(s, &w[k], "unless") ||
            /* "will begin a recount Monday after the final tally
             * released Tuesday night": another clause, when the time
             * has a verb before it */
            (best >= 0 && word_is(s, &w[k], "after") && k + 1 < nw &&
             tw_in(tl, tl->det, s, &w[k + 1])))
            break;
        /* "in early December and no other offer is likely": a clause
         * with a subject of its own; "rose early Sunday and is expected
         * to crest": a verb of its own, when one came shortly before */
        if (word_is(s, &w[k], "and") && k + 1 < nw &&
            (word_is(s, &w[k + 1], "no") || tw_in(tl, tl->det, s, &w[k + 1]) ||
             (best >= 0 && best <= 12 &&
              (tw_in(tl, tl->be_present, s, &w[k + 1]) ||
               tw_in(tl, tl->tx_future, s, &w[k + 1]) ||
               /* "would be held in September and warned that": a
                * predicate of its own, when the time has its verb */
               word_cue(tl, s, w, k + 1, nw) < 0))))
            break;
        /* "against Friday closes of 142.35": a noun */
        if (k == left && k + 1 < nw && word_is(s, &w[k + 1], "of") &&
            tw_in(tl, tl->present, s, &w[k]))
            continue;
        if (best >= 0 && dist >= best)
            break;
        /* "told supporters at a rally in Suva Monday night that the
         * councils would publish": what was told, after the telling */
        if (report < 0 && k == left && word_is(s, &w[k], "that"))
            break;
        if (clause_break(s, k > left ? w[k - 1].end : te, w[k].start, left > 2))
            break;
        if (tw_in(tl, tl->report, s, &w[k]) && !passive_at(tl, s, w, k)) {
            /* "In September, it announced plans to ..." */
            if (k - left < 3)
                return TENSE_PAST;
            /* "at an October meeting ... and said his people could not
             * endure it": what follows is what was said, a clause of
             * its own. */
            report = report ? report : -1;
            break;
        }
        /* "Monday is a public holiday", "Thursday coincides with the
         * parade": a time that opens its sentence as the subject of a
         * present verb lies ahead */
        if (k == left && left == 0 &&
            (tw_in(tl, tl->be_present, s, &w[k]) ||
             tw_in(tl, tl->present, s, &w[k]))) {
            tense = 1;
            break;
        }
        t = word_cue(tl, s, w, k, nw);
        /* "On Friday, Dixons agreed to reopen its offer": a plan made
         * then, in the past ("agreed to meet on Friday" is ahead) */
        if (t > 0 && k + 1 < nw && word_is(s, &w[k + 1], "to") &&
            word_ends(s, &w[k], "ed", 4) &&
            tw_in(tl, tl->future_to, s, &w[k]) &&
            !tw_in(tl, tl->tx_future, s, &w[k]))
            t = -1;
        /* "arrived on Wednesday promising to shake up the race": a
         * participle right after the time tells of the subject's aim,
         * not of the time */
        if (t > 0 && k == left && word_ends(s, &w[k], "ing", 5) &&
            !word_is(s, &w[k], "going") && best >= 0)
            continue;
        if (t) {
            tense = t;
            break;
        }
    }
    if (tense == 0)
        tense = report;
    return tense > 0 ? TENSE_FUTURE : tense < 0 ? TENSE_PAST : TENSE_NONE;
}

/* Whether "last", "previous" or "prior" is one of the four words
 * before s[ts]. */
static int last_before(const char *s, const sent *st, size_t ts)
{
    size_t i = ts, b, e;
    int n;

    for (n = 0; n < 4; n++) {
        while (i > st->start && !util_isalpha((unsigned char)s[i - 1]))
            i--;
        if ((e = util_word_before(s, st->start, i, &b)) == 0)
            return 0;
        if (util_word_at(s, b, e, "last") ||
            util_word_at(s, b, e, "previous") || util_word_at(s, b, e, "prior"))
            return 1;
        i = b;
    }
    return 0;
}

/*
 * The tense around a time of a period that "ended" (tense=done): past,
 * unless the clause speaks of the future ("expects to report earnings
 * for the quarter ended March 31" before March 31 is over).  The word
 * "ended" itself, just before or after the expression, is no cue.
 */
static tx_tense ended_tense(const tense_lex *tl, const char *s, const sent *st,
                            size_t ts, size_t te)
{
    size_t a = ts, b = te;

    while (a > st->start && s[a - 1] == ' ')
        a--;
    if (a >= st->start + 5 && util_word_at(s, a - 5, st->end, "ended") &&
        (a == st->start + 5 || !util_isalnum((unsigned char)s[a - 6])))
        ts = a - 5;
    while (b < st->end && s[b] == ' ')
        b++;
    if (util_word_at(s, b, st->end, "that"))
        for (b += 4; b < st->end && s[b] == ' ';)
            b++;
    if (util_word_at(s, b, st->end, "ended"))
        te = b + 5;
    /* "the level of its last full year ended September 30" */
    if (last_before(s, st, ts))
        return TENSE_PAST;
    return clause_tense(tl, s, st, ts, te, NULL) == TENSE_FUTURE ? TENSE_FUTURE
                                                                 : TENSE_PAST;
}

/* ------------------------------------------------------------------ */
/* Finding                                                             */
/* ------------------------------------------------------------------ */

typedef struct tspan {
    size_t start, end;
} tspan;

static int cmp_cand(const void *pa, const void *pb)
{
    const tx_raw *a = pa, *b = pb;
    size_t la = a->end - a->start, lb = b->end - b->start;

    if (la != lb)
        return la > lb ? -1 : 1;
    if (a->ru->priority != b->ru->priority)
        return a->ru->priority > b->ru->priority ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->ru->index < b->ru->index ? -1 : a->ru->index > b->ru->index;
}

static int cmp_start(const void *pa, const void *pb)
{
    const tx_raw *a = pa, *b = pb;

    return a->start < b->start ? -1 : a->start > b->start;
}

static int push_raw(tx_list *l, const tx_raw *r)
{
    if (util_grow((void **)&l->v, &l->cap, l->count + 1, sizeof(*l->v)))
        return -1;
    l->v[l->count++] = *r;
    return 0;
}

static int overlaps(size_t a0, size_t a1, size_t b0, size_t b1)
{
    return a0 < b1 && b0 < a1;
}

/*
 * Whether the value of r depends on the tense around it: bare weekdays,
 * dates without a year ("in March"), the weekend, times of day.
 */
static int needs_tense(const tx_raw *r)
{
    const char *rv = r->ru->resolver;

    if (strcmp(rv, "date") == 0 || strcmp(rv, "range") == 0)
        return r->parts.year < 0;
    return strcmp(rv, "weekday") == 0 || strcmp(rv, "relative") == 0 ||
           strcmp(rv, "time") == 0 ||
           (strcmp(rv, "offset") == 0 && r->parts.anchor == ANCHOR_CONTEXT);
}

/* Finds the time expressions of one sentence, appending to out. */
static dtl_status detect_sentence(const dtl_rules *rs, const tense_lex *tl,
                                  const char *s, const sent *st, size_t si,
                                  matcher *m, tx_list *out)
{
    uint64_t *bits = matcher_bits(m);
    rule_reach *reach = matcher_reach(m);
    tx_list cand = {NULL, 0, 0};
    tspan *rej = NULL;
    size_t nrej = 0, rcap = 0, i, j, k, len = st->end - st->start;
    const char *sub = s + st->start;
    size_t first = out->count;
    match mt;

    sent_prefilter(rs, s, st, bits, reach);
    matcher_subject(m, sub, len);
    for (i = bit_next(bits, 0, rs->live_count); i < rs->live_count;
         i = bit_next(bits, i + 1, rs->live_count)) {
        const rule *ru = rs->live[i];

        if (ru->kind != RULE_TIMEX && ru->kind != RULE_REJECT)
            continue;
        for (j = 0; j < ru->pat_count; j++) {
            size_t from = matcher_start(m, ru, &ru->pats[j], &reach[ru->index]);

            while (matcher_find_within(m, &ru->pats[j], ru, sub, len, from,
                                       reach[ru->index].to, &mt) == 1) {
                from = mt.end > mt.start ? mt.end : mt.end + 1;
                if (mt.end == mt.start)
                    continue;
                if (ru->kind == RULE_REJECT) {
                    if (util_grow((void **)&rej, &rcap, nrej + 1, sizeof(*rej)))
                        goto nomem;
                    rej[nrej].start = mt.start;
                    rej[nrej].end = mt.end;
                    nrej++;
                    continue;
                }
                {
                    tx_raw r;

                    memset(&r, 0, sizeof(r));
                    r.start = mt.start;
                    r.end = mt.end;
                    r.ru = ru;
                    r.sent = si;
                    if (read_parts(rs, ru, sub, &mt, &r.parts) != 0)
                        continue;
                    if (push_raw(&cand, &r) != 0)
                        goto nomem;
                }
            }
        }
    }
    if (cand.count > 1)
        qsort(cand.v, cand.count, sizeof(*cand.v), cmp_cand);
    for (i = 0; i < cand.count; i++) {
        tx_raw *c = &cand.v[i];
        int keep = 1;

        for (k = 0; k < nrej && keep; k++)
            if (overlaps(c->start, c->end, rej[k].start, rej[k].end))
                keep = 0;
        for (k = first; k < out->count && keep; k++)
            if (overlaps(c->start + st->start, c->end + st->start,
                         out->v[k].start, out->v[k].end))
                keep = 0;
        if (!keep)
            continue;
        if (c->parts.tense == PARTS_TENSE_DONE)
            c->tense = ended_tense(tl, s, st, c->start + st->start,
                                   c->end + st->start);
        else if (c->parts.tense)
            c->tense =
                c->parts.tense == PARTS_TENSE_PAST ? TENSE_PAST : TENSE_FUTURE;
        else if (needs_tense(c))
            c->tense = clause_tense(tl, s, st, c->start + st->start,
                                    c->end + st->start, &c->happened);
        else
            c->tense = TENSE_NONE;
        if (strcmp(c->ru->resolver, "range") == 0 && c->parts.end2_end &&
            c->parts.end1_end <= c->parts.end2_start) {
            /* TimeML tags each end of a range: "between [1994] and
             * [1997]"; both keep the whole interval. */
            tx_raw two = *c;

            if (c->parts.end1_end > c->parts.end1_start)
                c->start = c->parts.end1_start; /* not "from" */
            c->end = c->parts.end1_end;
            c->parts.endpoint = 1;
            two.start = two.parts.end2_start + st->start;
            two.end = two.parts.end2_end + st->start;
            two.parts.endpoint = 2;
            c->start += st->start;
            c->end += st->start;
            if (push_raw(out, c) != 0 || push_raw(out, &two) != 0)
                goto nomem;
            continue;
        }
        c->start += st->start;
        c->end += st->start;
        if (push_raw(out, c) != 0)
            goto nomem;
    }
    if (out->count - first > 1)
        qsort(out->v + first, out->count - first, sizeof(*out->v), cmp_start);
    free(cand.v);
    free(rej);
    return DTL_OK;
nomem:
    free(cand.v);
    free(rej);
    return DTL_ENOMEM;
}

dtl_status timex_detect(const dtl_rules *rs, const dtl_text *t,
                        const segmentation *seg, matcher *m, size_t first,
                        size_t last, tx_list *out)
{
    size_t len, i;
    const char *s = text_norm(t, &len);
    tense_lex tl;

    tense_lex_init(rs, &tl);
    for (i = first; i < last && i < seg->count; i++)
        if (detect_sentence(rs, &tl, s, &seg->s[i], i, m, out) != DTL_OK)
            return DTL_ENOMEM;
    return DTL_OK;
}

/* ------------------------------------------------------------------ */
/* Values                                                              */
/* ------------------------------------------------------------------ */

static void fmt_day(char *v, size_t n, dtl_day d)
{
    char b[11];

    dtl_date_format(d, b);
    snprintf(v, n, "%s", b);
}

static void fmt_week(char *v, size_t n, dtl_day d)
{
    int wy, w;

    date_iso_week(d, &wy, &w);
    snprintf(v, n, "%04d-W%02d", wy, w);
}

/* The weekend of the ISO week of d: "2021-W12-WE". */
static void fmt_weekend(char *v, size_t n, dtl_day d)
{
    int wy, w;

    date_iso_week(d, &wy, &w);
    snprintf(v, n, "%04d-W%02d-WE", wy, w);
}

static void fmt_month(char *v, size_t n, dtl_day d)
{
    int y, m, dd;

    date_to_ymd(d, &y, &m, &dd);
    snprintf(v, n, "%04d-%02d", y, m);
}

static void fmt_year(char *v, size_t n, dtl_day d)
{
    snprintf(v, n, "%04d", date_year(d));
}

/*
 * Whether [a, b] is exactly one calendar unit: a week (Monday to
 * Sunday), a month, a quarter, a half year, a year or a decade.  If so,
 * writes its value and granularity.  Example: 1988-07-01..1988-09-30
 * gives 1988-Q3 (what "a year earlier" is after "the third quarter").
 */
static int exact_unit(dtl_day a, dtl_day b, char *v, size_t n,
                      dtl_granularity *g)
{
    int y, m, d, wy, w;

    date_to_ymd(a, &y, &m, &d);
    if (b - a == 6 && date_weekday(a) == 1) {
        date_iso_week(a, &wy, &w);
        snprintf(v, n, "%04d-W%02d", wy, w);
        *g = DTL_GRAN_WEEK;
        return 1;
    }
    if (d != 1 || b != date_month_end(b))
        return 0;
    if (b == date_month_end(a)) {
        snprintf(v, n, "%04d-%02d", y, m);
        *g = DTL_GRAN_MONTH;
    } else if ((m - 1) % 3 == 0 && b == date_add_months(a, 3) - 1) {
        snprintf(v, n, "%04d-Q%d", y, (m - 1) / 3 + 1);
        *g = DTL_GRAN_QUARTER;
    } else if ((m == 1 || m == 7) && b == date_add_months(a, 6) - 1) {
        snprintf(v, n, "%04d-H%d", y, m == 1 ? 1 : 2);
        *g = DTL_GRAN_QUARTER;
    } else if (m == 1 && b == date_year_end(y)) {
        snprintf(v, n, "%04d", y);
        *g = DTL_GRAN_YEAR;
    } else if (m == 1 && y % 10 == 0 && b == date_year_end(y + 9)) {
        snprintf(v, n, "%03d", y / 10);
        *g = DTL_GRAN_DECADE;
    } else {
        return 0;
    }
    return 1;
}

/*
 * The value of an interval: the finest calendar unit that holds it.
 * Example: 2021-03-18..2021-03-21 gives 2021-W11 (granularity week).
 */
static void value_of_interval(dtl_timex *out)
{
    dtl_day a = out->earliest, b = out->latest;
    int wa, wb, ya, yb;
    size_t n = sizeof(out->value);

    if (a == b) {
        fmt_day(out->value, n, a);
        out->granularity = DTL_GRAN_DAY;
        return;
    }
    if (exact_unit(a, b, out->value, n, &out->granularity))
        return;
    date_iso_week(a, &ya, &wa);
    date_iso_week(b, &yb, &wb);
    if (ya == yb && wa == wb) {
        fmt_week(out->value, n, a);
        out->granularity = DTL_GRAN_WEEK;
    } else if (date_month_start(a) == date_month_start(b)) {
        fmt_month(out->value, n, a);
        out->granularity = DTL_GRAN_MONTH;
    } else if (date_year(a) == date_year(b)) {
        fmt_year(out->value, n, a);
        out->granularity = DTL_GRAN_YEAR;
    } else {
        snprintf(out->value, n, "%04d", date_year(a));
        memset(out->value + 3, 'X', 1);
        out->granularity = DTL_GRAN_DECADE;
    }
}

/* Easter Sunday of year y in the Gregorian calendar (the anonymous
 * algorithm of 1876, as in Meeus, "Astronomical Algorithms"). */
static dtl_day easter_sunday(int y)
{
    int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4;
    int f = (b + 8) / 25, g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31,
        day = (h + l - 7 * m + 114) % 31 + 1;

    return date_from_ymd(y, month, day);
}

/* The two letters of season s (1 spring ... 4 winter) in a value. */
static const char *season_code(int s)
{
    return s == 1 ? "SP" : s == 2 ? "SU" : s == 3 ? "FA" : "WI";
}

static const char unit_letter[][3] = {"",  "S", "M", "H", "D", "WE", "W",
                                      "W", "M", "Q", "S", "Y", "DE", "CE"};

/*
 * Narrows [*a, *b] to a part of it: START, MID or END.  A year splits
 * into four-month parts, a month into days 1-10, 11-20 and 21-end,
 * anything else into thirds.  A month has weeks too: W1 to W4 and WL,
 * its last seven days.
 */
static void apply_part(const char *part, dtl_day *a, dtl_day *b, char *mod,
                       size_t modsz)
{
    dtl_day len = *b - *a + 1, third = len / 3;
    int k = !strcmp(part, "START") ? 0
            : !strcmp(part, "MID") ? 1
            : !strcmp(part, "END") ? 2
                                   : -1;
    int y = date_year(*a);

    /* "the first week of April": days 1-7, ... "the last week": the
     * month's last seven days. */
    if (part[0] == 'W' &&
        (part[1] == 'L' || (part[1] >= '1' && part[1] <= '4')) &&
        part[2] == '\0' && *a == date_month_start(*a) &&
        *b == date_month_end(*a)) {
        if (part[1] == 'L')
            *a = *b - 6;
        else {
            *a += 7 * (part[1] - '1');
            *b = *a + 6;
        }
        return;
    }
    if (k < 0 || len < 3)
        return;
    if (*a == date_year_start(y) && *b == date_year_end(y)) {
        *a = date_from_ymd(y, 1 + 4 * k, 1);
        *b = date_add_months(*a, 4) - 1;
    } else if (*a == date_month_start(*a) && *b == date_month_end(*a)) {
        dtl_day m0 = *a;

        *a = m0 + 10 * k;
        *b = k < 2 ? m0 + 10 * k + 9 : date_month_end(m0);
    } else if (k == 0) {
        *b = *a + third - 1;
    } else if (k == 1) {
        *a += third;
        *b -= third;
    } else {
        *a = *b - third + 1;
    }
    if (mod[0] == '\0')
        snprintf(mod, modsz, "%s", part);
}

/* Season s (1 spring ... 4 winter) of year y as days. */
static void season_days(int y, int s, dtl_day *a, dtl_day *b)
{
    static const int start_month[] = {0, 3, 6, 9, 12};

    *a = date_from_ymd(y, start_month[s], 1);
    *b = date_add_months(*a, 3) - 1;
}

static int ref_known(tx_ref r)
{
    return r.lo != DTL_DAY_NONE;
}

static dtl_day ref_mid(tx_ref r)
{
    return r.lo + (r.hi - r.lo) / 2;
}

/* Day day of month in year y, or the month's last day when it has
 * fewer ("February 29" in 1987 is February 28). */
static dtl_day day_in_month(int y, int month, int day)
{
    int last = date_days_in_month(y, month);

    return date_from_ymd(y, month, day > last ? last : day);
}

/*
 * Picks the year of a month (and day) written without one: the year of
 * the reference, unless that puts the date too far ahead of it or too
 * far behind.  How far is too far depends on the tense: a past-tense
 * sentence allows four months ahead and eight back, a future one ten
 * ahead and three back, no cue five ahead and seven back.  News writes
 * the year of a date that is not in the current one, and a past tense
 * often reports what is set for a date to come ("said the dividend is
 * payable June 19", "said it delayed the meeting to June 22"); read on
 * Reuters, narrower windows put most such dates in the year before,
 * and "will review their February 22 accord" in April in the year
 * after.  A month alone follows the tense strictly: "they met in
 * December" in September is last December;
 * but in a future clause the two months before the reference's are
 * the months just past ("the February trade figures will be released
 * on Tuesday" in April), which news tells of far more often than of
 * plans ten months ahead.
 * Example: "Nov. 6" in a past sentence of 1989-11-02 is 1989-11-06;
 * "Dec. 28" in one of 2021-01-03 is 2020-12-28.
 */
static int pick_year(tx_ref ref, int month, int day, tx_tense tense,
                     int happened, int named, int weekday)
{
    dtl_day r = ref_mid(ref), c;
    int y, m, d;
    long ahead = 153, back = 212;

    date_to_ymd(r, &y, &m, &d);
    if (day == 0) {
        if (tense == TENSE_PAST)
            return month - m <= 1 ? y : y - 1;
        if (tense == TENSE_FUTURE)
            return month >= m - 2 ? y : y + 1;
        if (month - m > 4)
            return y - 1;
        return month - m < -10 ? y + 1 : y;
    }
    if (tense == TENSE_PAST) {
        /* "came on January 24" happened: at most a month ahead, where
         * "declared a split, payable May 12" may lie four months on */
        ahead = happened ? 31 : 122;
        back = happened ? 334 : 243;
    } else if (tense == TENSE_FUTURE) {
        /* "will campaign until Election Day" told after it: the next
         * one (a date written out may be a period's end reported on:
         * "will report on the quarter ended Jan. 31") */
        ahead = 305;
        back = named ? 0 : 90;
    }
    c = day_in_month(y, month, day);
    /* "Thanksgiving": the weekday on or after the day */
    while (weekday && date_weekday(c) != weekday)
        c++;
    if (c > r + ahead)
        return y - 1;
    return c < r - back ? y + 1 : y;
}

/*
 * The year of a quarter written without one: the reference's, unless
 * the quarter has not begun yet and the sentence is not about the
 * future ("the fourth quarter" in a January article is last year's).
 */
static int pick_quarter_year(tx_ref ref, int q, tx_tense tense)
{
    int y, m, d;

    date_to_ymd(ref_mid(ref), &y, &m, &d);
    if (q > (m - 1) / 3 + 1 && tense != TENSE_FUTURE)
        return y - 1;
    return y;
}

/* The quarter (1 to 4) that ref is exactly, or 0 when it is none. */
static int quarter_of(tx_ref ref)
{
    int y, m, d;

    if (ref.lo == DTL_DAY_NONE)
        return 0;
    date_to_ymd(ref.lo, &y, &m, &d);
    if (d != 1 || (m - 1) % 3 != 0 || ref.hi != date_add_months(ref.lo, 3) - 1)
        return 0;
    return (m - 1) / 3 + 1;
}

/* A two-digit year near the reference year. */
static int full_year(int yy, tx_ref ref)
{
    int ry = ref_known(ref) ? date_year(ref_mid(ref)) : 1950;
    int y = (ry / 100) * 100 + yy;

    if (y > ry + 20)
        y -= 100;
    else if (y < ry - 80)
        y += 100;
    return y;
}

/*
 * The year of a date written without one.  "next year's first
 * quarter", "March last year": the reference's year moved by dir;
 * "last March": the last March before the reference's month, "next
 * March" the first after it; otherwise by pick_year().
 */
static int implicit_year(const tx_raw *rt, tx_ref ref)
{
    const tx_parts *p = &rt->parts;
    int y, m, d;

    date_to_ymd(ref_mid(ref), &y, &m, &d);
    if (p->has_dir && p->unit == UNIT_YEAR)
        return y + p->dir;
    if (p->has_dir && p->month && p->day) {
        /* "last Christmas": the last one before the reference */
        dtl_day c = date_from_ymd(y, p->month, p->day), r = ref_mid(ref);

        if (p->dir < 0)
            return c < r ? y : y - 1;
        if (p->dir > 0)
            return c > r ? y : y + 1;
        return y;
    }
    if (p->has_dir && p->month) {
        if (p->dir < 0)
            return p->month < m ? y : y - 1;
        if (p->dir > 0)
            return p->month > m ? y : y + 1;
        return y;
    }
    if (p->has_dir && p->season) {
        /* "last summer": the last one that has ended; January and
         * February are in the winter that began the year before. */
        int cur = m == 12 ? 4 : m / 3;

        if (m <= 2) {
            y--;
            cur = 4;
        }

        /* "last spring" told on June 10: the one just ended is "this
         * spring", so a year back */
        if (p->dir < 0 && p->season == cur - 1 && m % 3 == 0)
            return y - 1;
        if (p->dir < 0)
            return p->season < cur ? y : y - 1;
        if (p->dir > 0)
            return p->season > cur ? y : y + 1;
        return y;
    }
    if (p->season && p->month == 0) {
        /* "face elections in the spring" in October: the next one.
         * (A past clause says less: "will be formally introduced over
         * the summer", "was purchased for the fall season".) */
        int cur = m == 12 ? 4 : m / 3;

        /* "had met several times since the autumn" in January: last
         * year's */
        if (m <= 2)
            return rt->tense == TENSE_PAST && p->season < 4 ? y - 1 : y;
        return rt->tense == TENSE_FUTURE && p->season < cur ? y + 1 : y;
    }
    if (p->quarter)
        return pick_quarter_year(ref, p->quarter, rt->tense);
    if (p->tense == PARTS_TENSE_DONE && p->month) {
        /* "the quarter ended Oct. 31": a time that is over, so the
         * last such day up to the reference; in a clause about the
         * future ("expects to report on the year ended Jan. 31") the
         * nearest one, half a year either way. */
        dtl_day r = ref_mid(ref),
                c = day_in_month(y, p->month, p->day ? p->day : 1);

        if (rt->tense != TENSE_FUTURE)
            return c <= r ? y : y - 1;
        if (c > r + 183)
            return y - 1;
        return c < r - 183 ? y + 1 : y;
    }
    if ((p->tense == PARTS_TENSE_ENDING || p->tense == PARTS_TENSE_BEGINNING) &&
        p->month) {
        /* "in the year ending March 31": a period that runs still or
         * has just ended, so the first such day from a month before
         * the reference; "the year starting March 1": one that is to
         * come or runs already, so from three months before. */
        dtl_day r = ref_mid(ref),
                c = day_in_month(y, p->month, p->day ? p->day : 1);

        return c >= r - (p->tense == PARTS_TENSE_ENDING ? 31 : 92) ? y : y + 1;
    }
    if (p->month)
        return pick_year(ref, p->month, p->day, rt->tense, rt->happened,
                         p->named && !p->easter && p->feast == NULL,
                         p->after ? p->weekday : 0);
    return y;
}

/*
 * The year near y in which month/day falls on the given weekday
 * ("Saturday, April 25" is 1998-04-25, not 1997's Friday), or y when
 * no year near it does.
 */
static int year_of_weekday(int y, int month, int day, int weekday)
{
    static const int tries[] = {0, -1, 1, -2, 2, -3, 3};
    size_t i;

    for (i = 0; i < sizeof(tries) / sizeof(tries[0]); i++) {
        int k = y + tries[i];

        if (date_valid(k, month, day) &&
            date_weekday(date_from_ymd(k, month, day)) == weekday)
            return k;
    }
    return y;
}

/* The day of a number YYYYMMDD; returns 0, or -1 when there is none. */
static int yyyymmdd_day(long v, dtl_day *d)
{
    int y = (int)(v / 10000), m = (int)(v / 100 % 100), dd = (int)(v % 100);

    if (!date_valid(y, m, dd))
        return -1;
    *d = date_from_ymd(y, m, dd);
    return 0;
}

/* The first and last days of a feast in lexicon lx under key ("2008",
 * "1997.2"): "YYYYMMDD..YYYYMMDD".  Returns 0, or -1 when there is none. */
static int feast_days(const lexicon *lx, const char *key, dtl_day *a,
                      dtl_day *b)
{
    const lex_entry *e = lexicon_find(lx, key, strlen(key));
    long lo, hi;

    if (e == NULL || parse_range(e->code, &lo, &hi) != 0 || lo < 10000101 ||
        hi < lo || hi > 99991231)
        return -1;
    return yyyymmdd_day(lo, a) != 0 || yyyymmdd_day(hi, b) != 0 ? -1 : 0;
}

/*
 * "during Ramadan", "on Yom Kippur", "before the Lunar New Year": the
 * feast of the year named, else the one the tense points to from the
 * reference (the last begun in the past, the next not over in the
 * future, else the one running or the nearest).  A feast of one day is
 * that day; a longer one is named by the month that holds most of it,
 * with all its days as the interval (an Islamic one, "approx_", a day
 * wider on each side).
 */
static int resolve_feast(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    dtl_day r = 0, a, b, ba = DTL_DAY_NONE, bb = DTL_DAY_NONE;
    long best = -1, score;
    int y, y0, y1, k, m, most = 0, mm = 0, my = 0;
    char key[16];

    if (p->year >= 0) {
        y0 = y1 = p->year;
    } else {
        if (!ref_known(ref))
            return -1;
        r = ref_mid(ref);
        y0 = date_year(r) - 1;
        y1 = y0 + 2;
    }
    for (y = y0; y <= y1; y++) {
        for (k = 0; k < 2; k++) {
            snprintf(key, sizeof(key), k ? "%d.2" : "%d", y);
            if (feast_days(p->feast, key, &a, &b) != 0)
                continue;
            if (p->year >= 0) {
                score = 0;
            } else if (rt->tense == TENSE_PAST) {
                if (a > r)
                    continue;
                score = r - a;
            } else if (rt->tense == TENSE_FUTURE) {
                if (b < r)
                    continue;
                score = a > r ? a - r : 0;
            } else {
                score = a > r ? a - r : b < r ? r - b : 0;
            }
            if (best < 0 || score < best) {
                best = score;
                ba = a;
                bb = b;
            }
        }
    }
    if (best < 0)
        return -1;
    /* a day either way where the moon is sighted */
    o->earliest = ba - (p->feast_approx ? 1 : 0);
    o->latest = bb + (p->feast_approx ? 1 : 0);
    o->certainty = p->feast_approx ? DTL_CERT_APPROX : DTL_CERT_EXACT;
    if (ba == bb) {
        fmt_day(o->value, sizeof(o->value), ba);
        o->granularity = DTL_GRAN_DAY;
        return 0;
    }
    for (a = ba; a <= bb; a = date_month_end(a) + 1) {
        int yy, dd;

        b = date_month_end(a) < bb ? date_month_end(a) : bb;
        date_to_ymd(a, &yy, &m, &dd);
        if ((int)(b - a) + 1 > most) {
            most = (int)(b - a) + 1;
            mm = m;
            my = yy;
        }
    }
    snprintf(o->value, sizeof(o->value), "%04d-%02d", my, mm);
    o->granularity = DTL_GRAN_MONTH;
    return 0;
}

/*
 * The day p->shift moves day d to, before or after it: "the Tuesday
 * after Easter" (the first such weekday; a holiday that is a weekday
 * itself takes the one told as its second), "the day before
 * Thanksgiving", "the week before Christmas" (a day in that week), "the
 * weekend after Christmas" (the Saturday after it, or the Sunday before:
 * read as a weekend by the caller).
 */
static dtl_day shift_day(const tx_parts *p, dtl_day d)
{
    int wd = p->after ? p->weekday2 : p->weekday;

    if (wd || p->unit == UNIT_WEEKEND) {
        if (!wd)
            wd = p->shift > 0 ? 6 : 7;
        do
            d += p->shift;
        while (date_weekday(d) != wd);
        return d;
    }
    return d + (p->unit == UNIT_WEEK ? 7 : 1) * p->shift;
}

static int resolve_date(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    int y = p->year, q = p->quarter;
    size_t vn = sizeof(o->value);
    dtl_day a, b;

    if (p->feast)
        return resolve_feast(rt, ref, o);
    if (p->turn == TURN_CENTURY) {
        /* "by the turn of the century": the year a century begins,
         * the last begun in the past, the next in the future, else
         * the nearest; a year either way */
        int c;

        if (!ref_known(ref))
            return -1;
        y = date_year(ref_mid(ref));
        c = y / 100 * 100;
        if (rt->tense == TENSE_FUTURE ? c < y
                                      : rt->tense != TENSE_PAST && y - c > 50)
            c += 100;
        if (c - 1 < DATE_MIN_YEAR || c + 1 > DATE_MAX_YEAR)
            return -1;
        o->earliest = date_year_start(c - 1);
        o->latest = date_year_end(c + 1);
        snprintf(o->value, vn, "%04d", c);
        o->granularity = DTL_GRAN_YEAR;
        o->certainty = DTL_CERT_APPROX;
        return 0;
    }
    if (p->turn == TURN_YEAR) {
        /* "in the new year": the year whose first day is nearest */
        dtl_day r;

        if (!ref_known(ref))
            return -1;
        r = ref_mid(ref);
        y = date_year(r);
        if (r - date_year_start(y) > date_year_end(y) - r)
            y++;
    }
    if (y >= 0 && p->year_digits == 2)
        y = full_year(y, ref);
    if (p->decade) {
        int dec = p->decade;

        if (p->year_digits == 2)
            dec = full_year(dec * 10, ref) / 10;
        a = date_year_start(dec * 10);
        b = date_year_end(dec * 10 + 9);
        snprintf(o->value, vn, "%03d", dec);
        o->granularity = DTL_GRAN_DECADE;
        goto part;
    }
    if (p->century) {
        a = date_year_start((p->century - 1) * 100 + 1);
        b = date_year_end(p->century * 100);
        snprintf(o->value, vn, "%02d", p->century - 1);
        o->granularity = DTL_GRAN_CENTURY;
        goto part;
    }
    /* "on the 25th": the 25th of the reference's month, or of the month
     * before (after, in the future tense) when that is the nearer one in
     * the direction of the tense. */
    if (y < 0 && p->month == 0 && p->day > 0 && ref_known(ref)) {
        int fut = rt->tense == TENSE_FUTURE, ry, rm, rd;
        dtl_day r = fut ? ref.lo : ref.hi, m0;

        date_to_ymd(r, &ry, &rm, &rd);
        m0 = date_from_ymd(ry, rm, 1);
        if (fut ? p->day < rd : p->day > rd)
            date_to_ymd(date_add_months(m0, fut ? 1 : -1), &ry, &rm, &rd);
        if (!date_valid(ry, rm, p->day))
            return -1;
        a = b = date_from_ymd(ry, rm, p->day);
        snprintf(o->value, vn, "%04d-%02d-%02d", ry, rm, p->day);
        o->granularity = DTL_GRAN_DAY;
        goto part;
    }
    /* "the 1988 period": the quarter under discussion, in 1988 */
    if (q == 0 && (p->period == PERIOD_YES || p->period == PERIOD_LAST))
        q = quarter_of(ref);
    if (y < 0 && p->month == 0 && p->season == 0 && q == 0 && p->half == 0 &&
        !(p->has_dir && p->unit == UNIT_YEAR))
        return -1;
    /* "that December": of the (last) year told */
    if (y < 0 && p->same_year && ref_known(ref))
        y = date_year(ref.hi);
    if (y < 0) {
        if (!ref_known(ref)) {
            if (p->month && p->day)
                snprintf(o->value, vn, "XXXX-%02d-%02d", p->month, p->day);
            else if (p->month)
                snprintf(o->value, vn, "XXXX-%02d", p->month);
            else if (q)
                snprintf(o->value, vn, "XXXX-Q%d", q);
            return -1;
        }
        y = implicit_year(rt, ref);
        /* "February 29" alone: the nearest leap year that way in time
         * (back, unless the sentence speaks of the future) */
        if (p->month == 2 && p->day == 29 && !p->after) {
            int step = rt->tense == TENSE_FUTURE ? 1 : -1, k = 0;

            while (k < 8 && !date_valid(y + step * k, 2, 29))
                k++;
            y += step * k;
        }
    }
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        return -1;
    if (p->season) {
        season_days(y, p->season, &a, &b);
        snprintf(o->value, vn, "%04d-%s", y, season_code(p->season));
        o->granularity = DTL_GRAN_SEASON;
        o->certainty = DTL_CERT_APPROX;
    } else if (q) {
        a = date_from_ymd(y, (q - 1) * 3 + 1, 1);
        b = date_add_months(a, 3) - 1;
        snprintf(o->value, vn, "%04d-Q%d", y, q);
        o->granularity = DTL_GRAN_QUARTER;
    } else if (p->half) {
        a = date_from_ymd(y, p->half == 1 ? 1 : 7, 1);
        b = date_add_months(a, 6) - 1;
        snprintf(o->value, vn, "%04d-H%d", y, p->half);
        o->granularity = DTL_GRAN_QUARTER;
    } else if (p->month && p->day) {
        int day = p->last_week ? date_days_in_month(y, p->month) - 6 : p->day;
        int ay, am, ad;

        if (!date_valid(y, p->month, day))
            return -1;
        if (p->weekday && !p->after && !p->shift && p->year < 0)
            y = year_of_weekday(y, p->month, day, p->weekday);
        a = b = date_from_ymd(y, p->month, day);
        if (p->easter)
            a = b = easter_sunday(y) + (p->easter - 8);
        if (p->after && p->weekday) {
            a = b = a + (p->weekday - date_weekday(a) + 7) % 7;
            date_to_ymd(a, &ay, &am, &ad);
            if (am != p->month)
                return -1; /* no fifth Monday this month */
        }
        if (p->shift)
            a = b = shift_day(p, a);
        fmt_day(o->value, vn, a);
        o->granularity = DTL_GRAN_DAY;
        if (p->unit == UNIT_WEEK) {
            /* "the week of March 6" */
            a -= date_weekday(a) - 1;
            b = a + 6;
            fmt_week(o->value, vn, a);
            o->granularity = DTL_GRAN_WEEK;
        } else if (p->unit == UNIT_WEEKEND) {
            /* "the weekend of March 9": the Saturday and Sunday of the
             * day's week (a Sunday's is the day before); a Monday
             * holiday's ("the Labor Day weekend") is the one before */
            int wd = date_weekday(a);

            a = wd == 7 ? a - 1 : wd == 1 && p->after ? a - 2 : a + (6 - wd);
            b = a + 1;
            fmt_weekend(o->value, vn, a);
            o->granularity = DTL_GRAN_WEEK;
        } else if (p->unit == UNIT_QUARTER) {
            /* "the quarter ended Sept. 30": the three months up to the
             * day, named by the calendar quarter that holds most of
             * them, the one of their middle ("ended July 31" is May to
             * July, 1989-Q2; "ended Jan. 31" is the year before's Q4) */
            int my, mm, md;

            date_to_ymd(a - 45, &my, &mm, &md);
            a = date_from_ymd(my, (mm - 1) / 3 * 3 + 1, 1);
            b = date_add_months(a, 3) - 1;
            snprintf(o->value, vn, "%04d-Q%d", my, (mm - 1) / 3 + 1);
            o->granularity = DTL_GRAN_QUARTER;
        }
    } else if (p->month) {
        a = date_from_ymd(y, p->month, 1);
        b = date_month_end(a);
        snprintf(o->value, vn, "%04d-%02d", y, p->month);
        o->granularity = DTL_GRAN_MONTH;
    } else {
        a = date_year_start(y);
        b = date_year_end(y);
        snprintf(o->value, vn, "%04d", y);
        o->granularity = DTL_GRAN_YEAR;
    }
part:
    apply_part(p->part, &a, &b, o->mod, sizeof(o->mod));
    o->earliest = a;
    o->latest = b;
    return 0;
}

/* The day that weekday p->weekday names, counted from reference day r
 * by its direction ("last", "next") or the tense. */
static dtl_day weekday_day(const tx_parts *p, tx_tense tense, dtl_day r)
{
    int w = date_weekday(r);

    if (p->has_dir && p->dir == 0)
        return r + (p->weekday - w); /* this Monday: in the same week */
    if (p->has_dir && p->dir < 0) {
        dtl_day d = r - ((w - p->weekday + 7) % 7);

        return d >= r ? d - 7 : d; /* last Monday: strictly before */
    }
    if (p->has_dir && p->dir > 0) {
        dtl_day d = r + ((p->weekday - w + 7) % 7);

        return d <= r ? d + 7 : d; /* next Monday: strictly after */
    }
    if (tense == TENSE_FUTURE)
        /* "will meet on Monday" written on a Monday is that day: a
         * week ahead would be "next Monday" or "a week from Monday". */
        return r + ((p->weekday - w + 7) % 7);
    return r - ((w - p->weekday + 7) % 7);
}

/* Day d as the value of o, widened as the reference is wide. */
static void day_timex(dtl_day d, tx_ref ref, dtl_timex *o)
{
    dtl_day r = ref_mid(ref);

    o->earliest = o->latest = d;
    if (ref.lo != ref.hi) {
        o->earliest = d - (r - ref.lo);
        o->latest = d + (ref.hi - r);
        o->certainty = DTL_CERT_APPROX;
    }
    fmt_day(o->value, sizeof(o->value), d);
    o->granularity = DTL_GRAN_DAY;
}

static int resolve_weekday(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;

    if (!ref_known(ref)) {
        snprintf(o->value, sizeof(o->value), "XXXX-WXX-%d", p->weekday);
        return -1;
    }
    day_timex(weekday_day(p, rt->tense, ref_mid(ref)), ref, o);
    return 0;
}

/* Moves day d by n units (calendar units for month and up). */
static dtl_day shift(dtl_day d, int unit, long n)
{
    switch (unit) {
    case UNIT_SECOND:
    case UNIT_MINUTE:
    case UNIT_HOUR:
        return d;
    case UNIT_DAY:
        return d + (dtl_day)n;
    case UNIT_WEEK:
    case UNIT_WEEKEND:
        return d + (dtl_day)(7 * n);
    case UNIT_FORTNIGHT:
        return d + (dtl_day)(14 * n);
    case UNIT_MONTH:
        return date_add_months(d, (int)n);
    case UNIT_QUARTER:
    case UNIT_SEASON:
        return date_add_months(d, (int)(3 * n));
    case UNIT_YEAR:
        return date_add_months(d, (int)(12 * n));
    case UNIT_DECADE:
        return date_add_months(d, (int)(120 * n));
    case UNIT_CENTURY:
        return date_add_months(d, (int)(1200 * n));
    default:
        return d;
    }
}

/* "two weeks ago", "a few days later", "three years earlier" */
/*
 * An offset of n units and a half as one of the next smaller unit ("a
 * year and a half ago" is eighteen months back); two counts ("two
 * years and three months ago") likewise when the smaller unit divides
 * the larger.  Returns 0, or -1 when there is no such unit.
 */
static int offset_in_smaller(tx_parts *p)
{
    static const struct {
        int unit, smaller;
        long times, half;
    } conv[] = {
        {UNIT_CENTURY, UNIT_YEAR, 100, 50}, {UNIT_DECADE, UNIT_YEAR, 10, 5},
        {UNIT_YEAR, UNIT_MONTH, 12, 6},     {UNIT_FORTNIGHT, UNIT_DAY, 14, 7},
        {UNIT_WEEK, UNIT_DAY, 7, 3},        {UNIT_DAY, UNIT_HOUR, 24, 12},
        {UNIT_HOUR, UNIT_MINUTE, 60, 30},
    };
    size_t i;

    for (i = 0; i < sizeof(conv) / sizeof(conv[0]); i++) {
        if (conv[i].unit != p->unit)
            continue;
        if (p->unit2 != UNIT_NONE && p->unit2 != conv[i].smaller)
            return -1;
        p->num_lo =
            p->num_lo * conv[i].times + (p->frac_half ? conv[i].half : p->num2);
        p->num_hi =
            p->num_hi * conv[i].times + (p->frac_half ? conv[i].half : p->num2);
        p->unit = conv[i].smaller;
        p->unit2 = UNIT_NONE;
        p->frac_half = 0;
        return 0;
    }
    return -1;
}

static int resolve_offset(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    tx_parts smaller;
    long lo, hi;
    int sign = p->sign ? p->sign : -1;
    dtl_day a, b, c;
    size_t vn = sizeof(o->value);

    if (p->frac_half || p->unit2 != UNIT_NONE) {
        smaller = *p;
        if (!p->has_num || offset_in_smaller(&smaller) != 0)
            return -1;
        p = &smaller;
    }
    lo = p->has_num ? p->num_lo : 1;
    hi = p->has_num ? p->num_hi : 1;
    if (!ref_known(ref) || p->unit == UNIT_NONE)
        return -1;
    if (lo > 3000 || hi > 3000)
        return -1;
    if (p->weekday && sign > 0 && lo == hi &&
        (p->unit == UNIT_DAY || p->unit == UNIT_WEEK)) {
        /* "a week from Tuesday": days or weeks after the weekday to
         * come (written on a Tuesday, that Tuesday), an exact day. */
        tx_raw wd = *rt;

        wd.tense = TENSE_FUTURE;
        if (resolve_weekday(&wd, ref, o) != 0)
            return -1;
        c = shift(o->earliest, p->unit, lo);
        if (!date_in_range(c))
            return -1;
        o->latest = c + (o->latest - o->earliest);
        o->earliest = c;
        fmt_day(o->value, vn, c);
        return 0;
    }
    if (strcmp(p->part, "SAMEDAY") == 0 && lo == hi && ref.lo == ref.hi) {
        /* "seventy years ago today": that day of the year */
        c = shift(ref.lo, p->unit, sign < 0 ? -lo : lo);
        if (!date_in_range(c))
            return -1;
        day_timex(c, ref, o);
        o->certainty = DTL_CERT_EXACT;
        return 0;
    }
    if (sign < 0) {
        a = shift(ref.lo, p->unit, -hi);
        b = shift(ref.hi, p->unit, -lo);
    } else {
        a = shift(ref.lo, p->unit, lo);
        b = shift(ref.hi, p->unit, hi);
    }
    /* An interval moves by its end-exclusive bound, so that a month or
     * a quarter stays whole (Feb 1..29 plus a month is Mar 1..31). */
    if (ref.lo != ref.hi)
        b = shift(ref.hi + 1, p->unit, sign < 0 ? -lo : hi) - 1;
    if (!date_in_range(a) || !date_in_range(b))
        return -1;
    o->certainty = (lo != hi || ref.lo != ref.hi || p->unit > UNIT_DAY)
                       ? DTL_CERT_APPROX
                       : DTL_CERT_EXACT;
    if (lo == hi && ref.lo == ref.hi) {
        c = a;
        switch (p->unit) {
        case UNIT_WEEK:
        case UNIT_FORTNIGHT:
            /* "two weeks ago" on a Tuesday: fourteen days back give or
             * take three, and the calendar week its value names (a
             * Sunday nine days back is still "two weeks ago") */
            a = c - (date_weekday(c) - 1);
            b = a + 6;
            if (a > c - 3)
                a = c - 3;
            if (b < c + 3)
                b = c + 3;
            fmt_week(o->value, vn, c);
            o->granularity = DTL_GRAN_WEEK;
            break;
        case UNIT_MONTH:
            a = date_month_start(c);
            b = date_month_end(c);
            fmt_month(o->value, vn, c);
            o->granularity = DTL_GRAN_MONTH;
            break;
        case UNIT_QUARTER:
        case UNIT_SEASON:
            a = date_month_start(c);
            b = date_add_months(a, 3) - 1;
            fmt_month(o->value, vn, c);
            o->granularity = DTL_GRAN_MONTH;
            break;
        case UNIT_YEAR:
        case UNIT_DECADE:
        case UNIT_CENTURY:
            a = date_year_start(date_year(c));
            b = date_year_end(date_year(c));
            fmt_year(o->value, vn, c);
            o->granularity = DTL_GRAN_YEAR;
            break;
        default:
            fmt_day(o->value, vn, c);
            o->granularity = DTL_GRAN_DAY;
            break;
        }
        o->earliest = a;
        o->latest = b;
        return 0;
    }
    /* "a year earlier" than a quarter: the same quarter a year before. */
    if (lo == hi && exact_unit(a, b, o->value, vn, &o->granularity)) {
        o->earliest = a;
        o->latest = b;
        o->certainty = DTL_CERT_EXACT;
        return 0;
    }
    /* "a couple of weeks ago": each week count is itself approximate. */
    if (p->unit == UNIT_WEEK || p->unit == UNIT_FORTNIGHT) {
        a -= 3;
        b += 3;
    }
    o->earliest = a;
    o->latest = b;
    value_of_interval(o);
    return 0;
}

/* "last week", "next month", "this year", "yesterday", "the following
 * day": the calendar unit dir units away from the reference. */
static int resolve_relative(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    int dir = p->has_dir ? p->dir : 0;
    dtl_day r, a, b;
    size_t vn = sizeof(o->value);
    int y, m, d;

    if (!ref_known(ref))
        return -1;
    r = ref_mid(ref);
    switch (p->unit) {
    case UNIT_DAY:
        a = b = r + dir;
        fmt_day(o->value, vn, a);
        o->granularity = DTL_GRAN_DAY;
        break;
    case UNIT_WEEK:
    case UNIT_WEEKEND:
        /* "the weekend" early in a week is the one just past */
        if (p->unit == UNIT_WEEKEND && !p->has_dir && date_weekday(r) <= 4 &&
            rt->tense != TENSE_FUTURE)
            dir = -1;
        /* "will meet this week" on a Sunday: the days ahead, not the
         * week that ends today */
        if (p->unit == UNIT_WEEK && dir == 0 && date_weekday(r) == 7 &&
            rt->tense == TENSE_FUTURE)
            dir = 1;
        a = r - (date_weekday(r) - 1) + 7 * dir;
        b = a + 6;
        if (p->unit == UNIT_WEEKEND) {
            a += 5;
            fmt_weekend(o->value, vn, a);
        } else {
            fmt_week(o->value, vn, a);
        }
        o->granularity = DTL_GRAN_WEEK;
        break;
    case UNIT_MONTH:
        a = date_add_months(date_month_start(r), dir);
        b = date_month_end(a);
        fmt_month(o->value, vn, a);
        o->granularity = DTL_GRAN_MONTH;
        break;
    case UNIT_QUARTER:
        /* "the same period last year" after "the first half of this
         * year": a half-year, as the period told */
        date_to_ymd(ref.lo, &y, &m, &d);
        if (p->halves && p->period != PERIOD_NONE && dir % 2 == 0 && d == 1 &&
            (m == 1 || m == 7) && ref.hi - ref.lo >= 180 &&
            ref.hi - ref.lo <= 183) {
            a = date_add_months(ref.lo, 3 * dir);
            b = date_add_months(a, 6) - 1;
            date_to_ymd(a, &y, &m, &d);
            snprintf(o->value, vn, "%04d-H%d", y, m < 7 ? 1 : 2);
            o->granularity = DTL_GRAN_QUARTER;
            break;
        }
        date_to_ymd(r, &y, &m, &d);
        a = date_add_months(date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1), 3 * dir);
        b = date_add_months(a, 3) - 1;
        date_to_ymd(a, &y, &m, &d);
        snprintf(o->value, vn, "%04d-Q%d", y, (m - 1) / 3 + 1);
        o->granularity = DTL_GRAN_QUARTER;
        break;
    case UNIT_YEAR:
        /* "For the full year, sales were up" told in January: no whole
         * year of this one is past yet */
        date_to_ymd(r, &y, &m, &d);
        if (p->whole && dir == 0 && rt->tense == TENSE_PAST &&
            ref.lo == ref.hi && m <= 2)
            dir = -1;
        y = date_year(r) + dir;
        if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
            return -1;
        a = date_year_start(y);
        b = date_year_end(y);
        snprintf(o->value, vn, "%04d", y);
        o->granularity = DTL_GRAN_YEAR;
        break;
    case UNIT_DECADE:
        y = date_year(r) / 10 * 10 + 10 * dir;
        if (y < DATE_MIN_YEAR || y + 9 > DATE_MAX_YEAR)
            return -1;
        a = date_year_start(y);
        b = date_year_end(y + 9);
        snprintf(o->value, vn, "%03d", y / 10);
        o->granularity = DTL_GRAN_DECADE;
        break;
    case UNIT_CENTURY:
        y = date_year(r) / 100 * 100 + 100 * dir;
        if (y < DATE_MIN_YEAR || y + 99 > DATE_MAX_YEAR)
            return -1;
        a = date_year_start(y);
        b = date_year_end(y + 99);
        snprintf(o->value, vn, "%02d", y / 100);
        o->granularity = DTL_GRAN_CENTURY;
        break;
    default:
        return -1;
    }
    if (!date_in_range(a) || !date_in_range(b))
        return -1;
    /* "earlier this month" / "later this year" */
    if (strcmp(p->part, "EARLY") == 0 && r > a) {
        b = r - 1 < b ? r - 1 : b;
        snprintf(o->mod, sizeof(o->mod), "START");
    } else if (strcmp(p->part, "LATE") == 0 && r < b) {
        a = r + 1 > a ? r + 1 : a;
        snprintf(o->mod, sizeof(o->mod), "END");
    } else if (strcmp(p->part, "LASTDAY") == 0) {
        /* "since year-end": the period's last day */
        a = b;
        fmt_day(o->value, vn, a);
        o->granularity = DTL_GRAN_DAY;
    } else {
        apply_part(p->part, &a, &b, o->mod, sizeof(o->mod));
    }
    if (ref.lo != ref.hi)
        o->certainty = DTL_CERT_APPROX;
    o->earliest = a;
    o->latest = b;
    return 0;
}

static int resolve_ref(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    int win = p->span;

    snprintf(o->value, sizeof(o->value), "%s",
             p->value[0] ? p->value : "PRESENT_REF");
    o->certainty = DTL_CERT_VAGUE;
    o->granularity = DTL_GRAN_NONE;
    if (!ref_known(ref))
        return 0;
    if (strcmp(o->value, "PAST_REF") == 0) {
        /* "a short while ago": before the reference, within win days */
        o->latest = win ? ref.hi - 1 : ref.hi;
        o->earliest = win ? ref.lo - win : DTL_DAY_NONE;
    } else if (strcmp(o->value, "FUTURE_REF") == 0) {
        o->earliest = ref.lo;
        o->latest = win ? ref.hi + win : DTL_DAY_NONE;
    } else {
        o->earliest = ref.lo - win;
        o->latest = ref.hi;
        o->certainty = win ? DTL_CERT_VAGUE : DTL_CERT_EXACT;
        o->granularity = win ? DTL_GRAN_NONE : DTL_GRAN_DAY;
    }
    return 0;
}

/*
 * Rewrites duration v of n units as n and a half units: "2 1/2 years"
 * is P2Y6M, "5 1/2 hours" PT5H30M, "a minute and a half" PT1M30S,
 * "half an hour" (n = 0) PT30M; n counts years for decades and
 * centuries.
 */
static void half_more(char *v, size_t vn, int unit, long n)
{
    char whole[24] = "";

    /* "half an hour" is PT30M, not PT0H30M */
    switch (unit) {
    case UNIT_MINUTE:
        if (n > 0)
            snprintf(whole, sizeof(whole), "%ldM", n);
        snprintf(v, vn, "PT%s30S", whole);
        break;
    case UNIT_HOUR:
        if (n > 0)
            snprintf(whole, sizeof(whole), "%ldH", n);
        snprintf(v, vn, "PT%s30M", whole);
        break;
    case UNIT_DAY:
        if (n > 0)
            snprintf(whole, sizeof(whole), "%ldD", n);
        snprintf(v, vn, "P%sT12H", whole);
        break;
    case UNIT_WEEK:
        snprintf(v, vn, "P%ldDT12H", 7 * n + 3);
        break;
    case UNIT_MONTH:
        if (n > 0)
            snprintf(whole, sizeof(whole), "%ldM", n);
        snprintf(v, vn, "P%s15D", whole);
        break;
    case UNIT_YEAR:
        if (n > 0)
            snprintf(whole, sizeof(whole), "%ldY", n);
        snprintf(v, vn, "P%s6M", whole);
        break;
    case UNIT_DECADE:
        snprintf(v, vn, "P%ldY", n + 5);
        break;
    case UNIT_CENTURY:
        snprintf(v, vn, "P%ldY", n + 50);
        break;
    default:
        break;
    }
}

/*
 * "two years and three months" (P2Y3M), "an hour and 40 minutes"
 * (PT1H40M): a duration of two counts, the second of a smaller unit.
 * Weeks are written as days beside another unit, decades and centuries
 * as years.  Returns 0, or -1 when the two make no duration.
 */
static int compound_duration(const tx_parts *p, char *v, size_t vn)
{
    /* Each unit's field (Y M D, H M S) and how many of it one makes. */
    static const struct {
        int unit, field;
        long times;
    } fields[] = {
        {UNIT_CENTURY, 0, 100}, {UNIT_DECADE, 0, 10},    {UNIT_YEAR, 0, 1},
        {UNIT_MONTH, 1, 1},     {UNIT_FORTNIGHT, 2, 14}, {UNIT_WEEK, 2, 7},
        {UNIT_DAY, 2, 1},       {UNIT_HOUR, 3, 1},       {UNIT_MINUTE, 4, 1},
        {UNIT_SECOND, 5, 1},
    };
    long c[6] = {0};
    const int unit[2] = {p->unit, p->unit2};
    const long n[2] = {p->num_lo, p->num2};
    size_t len, k;
    int i;

    if (!p->has_num || p->num_lo != p->num_hi || p->unit2 >= p->unit)
        return -1;
    for (i = 0; i < 2; i++) {
        for (k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
            if (fields[k].unit == unit[i])
                break;
        if (k == sizeof(fields) / sizeof(fields[0]))
            return -1;
        c[fields[k].field] += fields[k].times * n[i];
    }
    len = (size_t)snprintf(v, vn, "P");
    for (i = 0; i < 6 && len < vn; i++) {
        if (c[i] == 0)
            continue;
        if (i >= 3 && (i == 3 || (c[3] == 0 && (i == 4 || c[4] == 0))))
            len += (size_t)snprintf(v + len, vn - len, "T");
        if (len < vn)
            len +=
                (size_t)snprintf(v + len, vn - len, "%ld%c", c[i], "YMDHMS"[i]);
    }
    return len < vn ? 0 : -1;
}

/*
 * A TIMEX3 duration: "P2W", "PT5H", "PXD" for a fuzzy quantity.
 * Decades and centuries count in years ("two decades" is P20Y), a
 * fortnight in weeks.  "the past three years" also gets the span that
 * ends at the reference, "the next two weeks" the one that starts there.
 */
static int resolve_duration(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    size_t vn = sizeof(o->value);
    long n = p->has_num ? p->num_lo : 1, mul = 1;
    int fuzzy = p->has_num && p->num_lo != p->num_hi;
    const char *letter = unit_letter[p->unit];

    if (p->unit == UNIT_NONE)
        return -1;
    if (p->unit == UNIT_FORTNIGHT)
        mul = 2;
    else if (p->unit == UNIT_DECADE)
        mul = 10;
    else if (p->unit == UNIT_CENTURY)
        mul = 100;
    if (p->unit == UNIT_DECADE || p->unit == UNIT_CENTURY)
        letter = "Y";
    if (p->unit == UNIT_HOUR || p->unit == UNIT_MINUTE ||
        p->unit == UNIT_SECOND) {
        if (fuzzy)
            snprintf(o->value, vn, "PTX%s", letter);
        else
            snprintf(o->value, vn, "PT%ld%s", n, letter);
    } else if (fuzzy) {
        snprintf(o->value, vn, "PX%s", letter);
    } else {
        snprintf(o->value, vn, "P%ld%s", n * mul, letter);
    }
    if (p->frac_half && !fuzzy)
        half_more(o->value, vn, p->unit, n * mul);
    if (p->dec_digits > 0 && !fuzzy) {
        /* "7.25 years", as written */
        snprintf(o->value, vn, "P%s%ld.%0*ld%s",
                 p->unit <= UNIT_HOUR ? "T" : "", n, p->dec_digits, p->dec,
                 letter);
    }
    if (p->unit2 != UNIT_NONE && compound_duration(p, o->value, vn) != 0)
        return -1;
    o->granularity = DTL_GRAN_NONE;
    o->certainty = fuzzy ? DTL_CERT_APPROX : DTL_CERT_EXACT;
    if (!p->has_dir || p->dir == 0 || !ref_known(ref) || p->unit < UNIT_DAY)
        return 0;
    n = p->has_num ? p->num_hi : 1;
    if (p->dir < 0) {
        o->latest = ref.hi;
        o->earliest = shift(ref.lo, p->unit, -n);
    } else {
        o->earliest = ref.lo;
        o->latest = shift(ref.hi, p->unit, n);
    }
    if (!date_in_range(o->earliest) || !date_in_range(o->latest))
        o->earliest = o->latest = DTL_DAY_NONE;
    return 0;
}

/* The two letters of a part of day ("MO"), in b; the library is
 * called from several threads, so no static buffer. */
static const char *tod_name(int tod, char b[3])
{
    b[0] = (char)(tod >> 8);
    b[1] = (char)(tod & 0xFF);
    b[2] = '\0';
    return b;
}

/*
 * A TIMEX3 set: "XXXX-WXX-1" (every Monday), "XXXX-WXX-2TNI" (Tuesday
 * nights), "XXXX-07" (each July), "P1W" (weekly), "P2Y" (every two
 * years).
 */
static int resolve_set(const tx_raw *rt, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    size_t vn = sizeof(o->value);
    long n = p->has_num ? p->num_lo : 1;
    char todb[3];

    if (p->weekday && p->tod)
        snprintf(o->value, vn, "XXXX-WXX-%dT%s", p->weekday,
                 tod_name(p->tod, todb));
    else if (p->weekday)
        snprintf(o->value, vn, "XXXX-WXX-%d", p->weekday);
    else if (p->month && p->day)
        snprintf(o->value, vn, "XXXX-%02d-%02d", p->month, p->day);
    else if (p->month)
        snprintf(o->value, vn, "XXXX-%02d", p->month);
    else if (p->season)
        snprintf(o->value, vn, "XXXX-%s", season_code(p->season));
    else if (p->tod)
        snprintf(o->value, vn, "XXXX-XX-XXT%s", tod_name(p->tod, todb));
    else if (p->unit == UNIT_WEEKEND)
        snprintf(o->value, vn, "XXXX-WXX-WE");
    else if (p->value[0])
        snprintf(o->value, vn, "%s", p->value);
    else if (p->has_num && p->num_lo != p->num_hi && p->unit)
        /* "every few days": some number of them */
        snprintf(o->value, vn, "P%sX%s", p->unit <= UNIT_HOUR ? "T" : "",
                 p->unit == UNIT_DECADE ? "DE" : unit_letter[p->unit]);
    else if (p->unit == UNIT_HOUR || p->unit == UNIT_MINUTE ||
             p->unit == UNIT_SECOND)
        snprintf(o->value, vn, "PT%ld%s", n, unit_letter[p->unit]);
    else if (p->unit == UNIT_DECADE)
        snprintf(o->value, vn, "P%ldY", 10 * n);
    else if (p->unit == UNIT_FORTNIGHT)
        snprintf(o->value, vn, "P%ldW", 2 * n);
    else if (p->unit)
        snprintf(o->value, vn, "P%ld%s", n, unit_letter[p->unit]);
    else
        return -1;
    o->granularity = DTL_GRAN_NONE;
    return 0;
}

/* "Tuesday morning", "at 3 p.m.", "this afternoon", "tonight" */
static int resolve_time(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    const tx_parts *p = &rt->parts;
    char day[24], todb[3];
    int hour = p->hour, minute = p->minute, unknown = 0;

    if (p->weekday) {
        if (resolve_weekday(rt, ref, o) != 0)
            return -1;
    } else if (p->month && p->day) {
        if (resolve_date(rt, ref, o) != 0)
            return -1;
    } else if (!ref_known(ref)) {
        /* "that night" with no day told: some day's night */
        snprintf(o->value, sizeof(o->value), "XXXX-XX-XX");
        unknown = 1;
    } else {
        o->earliest = o->latest = ref_mid(ref) + (p->has_dir ? p->dir : 0);
        fmt_day(o->value, sizeof(o->value), o->earliest);
    }
    snprintf(day, sizeof(day), "%.20s", o->value);
    if (hour >= 0 && p->minute >= 0 && p->sign < 0) {
        /* "a quarter to five": the minutes before the hour */
        int m = hour * 60 - p->minute;

        if (m < 0)
            return -1;
        hour = m / 60;
        minute = m % 60;
    }
    if (hour >= 0) {
        if (p->ampm == 2 && hour < 12)
            hour += 12;
        else if (p->ampm == 0 && hour < 12 &&
                 (p->tod == TX_TOD("AF") || p->tod == TX_TOD("EV") ||
                  (p->tod == TX_TOD("NI") && hour >= 6)))
            hour += 12; /* "5 in the afternoon", "seven o'clock Tuesday
                         * night" */
        else if (p->ampm == 1 && hour == 12)
            hour = 0;
        else if (p->ampm == 3 && hour >= 1 && hour <= 6)
            hour += 12;
        snprintf(o->value, sizeof(o->value), "%.20sT%02d:%02d", day, hour % 100,
                 (minute >= 0 ? minute : 0) % 100);
    } else if (p->tod) {
        snprintf(o->value, sizeof(o->value), "%.20sT%s", day,
                 tod_name(p->tod, todb));
    }
    if (unknown)
        return -1;
    o->granularity = DTL_GRAN_DAY;
    return 0;
}

/*
 * Two weekdays of one stretch of days: "will meet Thursday and Friday",
 * "talks from Monday to Wednesday".  What has happened ends on the
 * last such day before the reference; what is to come starts on the
 * first one after it.
 */
static int resolve_weekdays(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    tx_parts one = rt->parts;
    dtl_timex a, b;
    dtl_day d;
    int gap = (rt->parts.weekday2 - rt->parts.weekday + 7) % 7;

    if (gap == 0 || !ref_known(ref))
        return -1;
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    if (rt->tense == TENSE_PAST)
        one.weekday = rt->parts.weekday2;
    d = weekday_day(&one, rt->tense, ref_mid(ref));
    if (rt->tense == TENSE_PAST)
        d -= gap;
    day_timex(d, ref, &a);
    day_timex(d + gap, ref, &b);
    *o = rt->parts.endpoint == 2 ? b : a;
    o->earliest = a.earliest;
    o->latest = b.latest;
    return 0;
}

/* "from March 3 to 5", "between 2019 and 2021", "March 3-5" */
static int resolve_range(const tx_raw *rt, tx_ref ref, dtl_timex *o)
{
    tx_raw first = *rt, second = *rt;
    dtl_timex a, b;

    if (rt->parts.weekday2 && !rt->parts.month && !rt->parts.day)
        return resolve_weekdays(rt, ref, o);
    memset(&a, 0, sizeof(a));
    memset(&b, 0, sizeof(b));
    first.parts.day2 = first.parts.month2 = 0;
    first.parts.year2 = -1;
    if (rt->parts.day2)
        second.parts.day = rt->parts.day2;
    if (rt->parts.month2) {
        second.parts.month = rt->parts.month2;
        if (!rt->parts.day2)
            second.parts.day = 0; /* "from April 1 to September" */
    }
    if (rt->parts.year2 >= 0)
        second.parts.year = rt->parts.year2;
    else if (rt->parts.year >= 0 && rt->parts.month2 &&
             rt->parts.month2 < rt->parts.month)
        second.parts.year = rt->parts.year + 1; /* "Dec 28, 1986 to Jan 3" */
    if (rt->parts.year < 0 && rt->parts.year2 >= 0 && rt->parts.month2) {
        /* Only the second end has a year: the first is in it, or in
         * the year before when its month comes later. */
        first.parts.year =
            rt->parts.year2 - (rt->parts.month2 < rt->parts.month ? 1 : 0);
        first.parts.year_digits = 4;
    }
    if (rt->parts.year < 0 && rt->parts.year2 < 0 && rt->parts.month2 &&
        rt->parts.month2 < rt->parts.month) {
        /* Over the new year ("between Sept 9 and March 6", "the April
         * through February period"): the second end as the tense
         * places it, the first in the year before. */
        int y, m, d;

        if (resolve_date(&second, ref, &b) != 0)
            return -1;
        date_to_ymd(b.earliest, &y, &m, &d);
        first.parts.year = y - 1;
        first.parts.year_digits = 4;
        if (resolve_date(&first, ref, &a) != 0 || b.latest < a.earliest)
            return -1;
    } else {
        if (resolve_date(&first, ref, &a) != 0)
            return -1;
        if (rt->parts.year < 0 && rt->parts.year2 < 0) {
            /* Both ends in the year the first end is taken to be in,
             * not each in the year nearest to it: "July 1-10" must not
             * straddle two years. */
            int y, m, d;

            date_to_ymd(a.earliest, &y, &m, &d);
            second.parts.year = y;
        }
        if (resolve_date(&second, ref, &b) != 0 || b.latest < a.earliest)
            return -1;
    }
    *o = rt->parts.endpoint == 2 ? b : a;
    o->earliest = a.earliest;
    o->latest = b.latest;
    return 0;
}

/* The value of an expression that could not be resolved ("next week"
 * with no publication date): the unit it names, unknown ("XXXX-WXX"),
 * never an empty value. */
static void unknown_value(const tx_raw *rt, dtl_timex *o)
{
    const char *v;

    switch (rt->parts.unit) {
    case UNIT_DAY:
        v = "XXXX-XX-XX";
        break;
    case UNIT_WEEKEND:
        v = "XXXX-WXX-WE";
        break;
    case UNIT_WEEK:
    case UNIT_FORTNIGHT:
        v = "XXXX-WXX";
        break;
    case UNIT_MONTH:
        v = "XXXX-XX";
        break;
    case UNIT_QUARTER:
        v = "XXXX-QX";
        break;
    case UNIT_DECADE:
        v = "XXX";
        break;
    case UNIT_CENTURY:
        v = "XX";
        break;
    default:
        v = rt->ru->ttype == DTL_TIMEX_TIME ? "XXXX-XX-XXTXX:XX" : "XXXX";
        break;
    }
    snprintf(o->value, sizeof(o->value), "%s", v);
}

int timex_resolve(const tx_raw *rt, tx_ref ref, dtl_timex *out)
{
    const char *r = rt->ru->resolver;
    const tx_parts *p = &rt->parts;
    int rc;

    out->type = rt->ru->ttype;
    out->value[0] = '\0';
    out->mod[0] = '\0';
    out->earliest = out->latest = DTL_DAY_NONE;
    out->granularity = DTL_GRAN_NONE;
    out->certainty = DTL_CERT_EXACT;
    out->rule = rt->ru->name;
    if (p->mod[0])
        snprintf(out->mod, sizeof(out->mod), "%s", p->mod);
    if (strcmp(r, "date") == 0)
        rc = resolve_date(rt, ref, out);
    else if (strcmp(r, "weekday") == 0)
        rc = resolve_weekday(rt, ref, out);
    else if (strcmp(r, "offset") == 0)
        rc = resolve_offset(rt, ref, out);
    else if (strcmp(r, "relative") == 0)
        rc = resolve_relative(rt, ref, out);
    else if (strcmp(r, "ref") == 0)
        rc = resolve_ref(rt, ref, out);
    else if (strcmp(r, "duration") == 0)
        rc = resolve_duration(rt, ref, out);
    else if (strcmp(r, "set") == 0)
        rc = resolve_set(rt, out);
    else if (strcmp(r, "time") == 0)
        rc = resolve_time(rt, ref, out);
    else
        rc = resolve_range(rt, ref, out);
    out->type = rt->ru->ttype;
    out->rule = rt->ru->name;
    if (rc != 0) {
        out->earliest = out->latest = DTL_DAY_NONE;
        out->certainty = DTL_CERT_VAGUE;
        if (out->value[0] == '\0')
            unknown_value(rt, out);
        return -1;
    }
    if (strcmp(out->mod, "APPROX") == 0 && out->certainty == DTL_CERT_EXACT)
        out->certainty = DTL_CERT_APPROX;
    return 0;
}

int timex_is_context(const tx_raw *rt)
{
    /* "9 a.m. Tuesday" names its own day */
    if (rt->ru->ttype == DTL_TIMEX_TIME &&
        (rt->parts.weekday || rt->parts.month))
        return 0;
    return rt->parts.anchor == ANCHOR_CONTEXT;
}

int timex_period(const tx_raw *rt)
{
    return rt->parts.period;
}

int timex_is_relative(const tx_raw *rt)
{
    const char *r = rt->ru->resolver;

    if (strcmp(r, "set") == 0)
        return 0;
    if (strcmp(r, "duration") == 0)
        return rt->parts.has_dir;
    if (strcmp(r, "date") == 0 || strcmp(r, "range") == 0)
        return rt->parts.year < 0 ||
               (rt->parts.year_digits == 2 && rt->parts.decade == 0);
    return 1;
}

/* ------------------------------------------------------------------ */
/* Names                                                               */
/* ------------------------------------------------------------------ */

const char *dtl_timex_type_name(dtl_timex_type type)
{
    static const char *const n[] = {"DATE", "TIME", "DURATION", "SET"};

    return (unsigned)type < 4 ? n[type] : "DATE";
}

const char *dtl_granularity_name(dtl_granularity g)
{
    static const char *const n[] = {"none",  "day",     "week",
                                    "month", "quarter", "season",
                                    "year",  "decade",  "century"};

    return (unsigned)g < 9 ? n[g] : "none";
}

const char *dtl_certainty_name(dtl_certainty c)
{
    static const char *const n[] = {"exact", "approximate", "vague"};

    return (unsigned)c < 3 ? n[c] : "vague";
}

const char *dtl_anchor_kind_name(dtl_anchor_kind k)
{
    static const char *const n[] = {"none", "document", "speech", "context"};

    return (unsigned)k < 4 ? n[k] : "none";
}
