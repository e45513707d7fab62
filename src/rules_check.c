/* SPDX-License-Identifier: MIT */
/*
 * rules_check.c - running the inline examples of a rule set
 * (dtl_rules_check()).
 *
 * An event rule's example runs the whole event stage on the sentence
 * (every rule, as in a real article) and must yield a mention made by
 * that rule with the expected fields; a counter-example must yield
 * none.  A timex example must give a time expression of that rule with
 * the expected value (and interval); reject and modality examples must
 * match their pattern, counter-examples must not.
 */
#include <dtl/rules.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor.h"
#include "event.h"
#include "match.h"
#include "rules.h"
#include "sentence.h"
#include "text.h"
#include "timex.h"
#include "util.h"

typedef struct checker {
    const dtl_rules *rules;
    dtl_diag_fn diag;
    void *ctx;
    dtl_check_summary *sum;
    matcher *m;
} checker;

/* Reports a failure at file:line:col. */
#if defined(__GNUC__)
__attribute__((format(printf, 5, 0)))
#endif
static void
vfail_at(checker *c, const char *file, unsigned line, unsigned col,
         const char *fmt, va_list ap)
{
    dtl_error e;

    c->sum->failed++;
    memset(&e, 0, sizeof(e));
    e.code = DTL_ERULE;
    snprintf(e.file, sizeof(e.file), "%s", file);
    e.line = line;
    e.col = col;
    vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
    if (c->diag)
        c->diag(c->ctx, &e);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
fail(checker *c, const example *ex, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail_at(c, ex->file, ex->line, ex->col, fmt, ap);
    va_end(ap);
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
pattern_fail(checker *c, const pattern *p, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail_at(c, p->file, p->line, p->col, fmt, ap);
    va_end(ap);
}

/* Whether both forms of p (match.c) compile; reports the one that
 * does not. */
static void check_forms(checker *c, const pattern *p)
{
    pattern_error perr;
    int uni;

    if (pattern_form(c->rules, p, 0) && pattern_form(c->rules, p, 1))
        return;
    uni = pattern_form(c->rules, p, 0) == NULL;
    pattern_compile_form(p, uni ? PATTERN_FORM_UNICODE : PATTERN_FORM_ASCII,
                         &perr);
    pattern_fail(c, p, "%s (in the form for %s)", perr.msg,
                 uni ? "text not all in ASCII" : "text in ASCII");
}

static dtl_text *example_text(const example *ex)
{
    const char *keys[1] = {"date"};
    const char *vals[1];

    vals[0] = ex->dct ? ex->dct : "";
    return text_new_parts(ex->file, ex->text, strlen(ex->text), keys, vals,
                          ex->dct ? 1 : 0, NULL);
}

/* Reads the next "key=value" of an expectation; returns 0 at the end. */
static int next_field(const char **p, char *key, size_t ksz, char *val,
                      size_t vsz)
{
    const char *s = *p, *k;
    size_t n;

    while (*s == ' ')
        s++;
    if (*s == '\0')
        return 0;
    k = s;
    while (*s && *s != '=')
        s++;
    n = (size_t)(s - k);
    if (*s != '=' || n >= ksz)
        return 0;
    memcpy(key, k, n);
    key[n] = '\0';
    s++;
    if (*s == '"') {
        k = ++s;
        while (*s && *s != '"')
            s++;
        n = (size_t)(s - k);
        if (*s)
            s++;
    } else {
        k = s;
        while (*s && *s != ' ')
            s++;
        n = (size_t)(s - k);
    }
    if (n >= vsz)
        n = vsz - 1;
    memcpy(val, k, n);
    val[n] = '\0';
    *p = s;
    return 1;
}

/* The codes of e's actors with role, sorted, comma-joined. */
static void role_codes(const ev_raw *e, dtl_role role, char *out, size_t size)
{
    const char *codes[EV_MAX_ACTORS];
    size_t n = 0, i, j, len = 0;

    for (i = 0; i < e->actor_count; i++)
        if (e->actors[i].role == role)
            codes[n++] =
                *e->actors[i].code ? e->actors[i].code : e->actors[i].name;
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && strcmp(codes[j - 1], codes[j]) > 0; j--) {
            const char *t = codes[j];

            codes[j] = codes[j - 1];
            codes[j - 1] = t;
        }
    out[0] = '\0';
    for (i = 0; i < n && len + 1 < size; i++) {
        int w = snprintf(out + len, size - len, "%s%s", i ? "," : "", codes[i]);

        if (w < 0)
            break;
        len += (size_t)w;
    }
}

/* Sorts a comma-separated list in place. */
static void sort_list(char *s)
{
    char *items[32], tmp[256];
    size_t n = 0, i, j, len = 0;
    char *p = s;

    if (strlen(s) >= sizeof(tmp))
        return;
    memcpy(tmp, s, strlen(s) + 1);
    p = tmp;
    while (p && n < 32) {
        items[n++] = p;
        p = strchr(p, ',');
        if (p)
            *p++ = '\0';
    }
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && strcmp(items[j - 1], items[j]) > 0; j--) {
            char *t = items[j];

            items[j] = items[j - 1];
            items[j - 1] = t;
        }
    for (i = 0; i < n; i++)
        len += (size_t)snprintf(s + len, 256, "%s%s", i ? "," : "", items[i]);
}

/* Compares mention e with the expectation; fills why on mismatch. */
static int fields_match(const char *expect, const ev_raw *e, const char *s,
                        char *why, size_t wsz)
{
    const char *p = expect;
    char key[32], val[256], got[256];

    if (expect == NULL)
        return 1;
    while (next_field(&p, key, sizeof(key), val, sizeof(val))) {
        if (strcmp(key, "type") == 0) {
            snprintf(got, sizeof(got), "%s", e->ru->type);
        } else if (strcmp(key, "status") == 0) {
            snprintf(got, sizeof(got), "%s",
                     dtl_event_status_name((dtl_event_status)e->status));
        } else if (strcmp(key, "source") == 0) {
            role_codes(e, DTL_ROLE_SOURCE, got, sizeof(got));
            sort_list(val);
        } else if (strcmp(key, "target") == 0) {
            role_codes(e, DTL_ROLE_TARGET, got, sizeof(got));
            sort_list(val);
        } else if (strcmp(key, "participant") == 0) {
            role_codes(e, DTL_ROLE_PARTICIPANT, got, sizeof(got));
            sort_list(val);
        } else if (strcmp(key, "location") == 0) {
            snprintf(got, sizeof(got), "%s", e->location ? e->location : "");
        } else if (strcmp(key, "weapon") == 0) {
            snprintf(got, sizeof(got), "%.*s",
                     (int)(e->weapon_end - e->weapon_start),
                     s + e->weapon_start);
        } else {
            snprintf(got, sizeof(got), "%ld", e->count);
        }
        if (strcmp(got, val) != 0) {
            snprintf(why, wsz, "%.20s=%.100s, expected %.100s", key, got, val);
            return 0;
        }
    }
    return 1;
}

/* Whether the prefilter tries ru on text (len bytes); *reach receives
 * where its trigger words are. */
static int tried(checker *c, const rule *ru, const char *text, size_t len,
                 rule_reach *reach)
{
    prefilter_scan(c->rules, text, len, matcher_bits(c->m),
                   matcher_reach(c->m));
    *reach = matcher_reach(c->m)[ru->index];
    return bit_test(matcher_bits(c->m), ru->index);
}

/*
 * Why an example of ru finds nothing, when the prefilter tells: the
 * rule is not tried on the text (a trigger word, or the word of a require
 * line, is missing), or its pattern matches there only starting past the
 * rule's last trigger word, or too far before its first, where no search
 * goes (docs/rules.md).  "" otherwise, or for an event rule, whose
 * patterns read names masked.
 */
static const char *why_missed(checker *c, const rule *ru, const char *text)
{
    size_t len = strlen(text), j, from;
    rule_reach reach;
    match mt;

    if (!tried(c, ru, text, len, &reach))
        return " (not tried: a trigger word, or the word of a require line, "
               "is missing)";
    if (ru->kind == RULE_EVENT)
        return "";
    for (j = 0; j < ru->pat_count; j++) {
        if (matcher_find(c->m, &ru->pats[j], ru, text, len, 0, &mt) != 1)
            continue;
        if (matcher_find_within(c->m, &ru->pats[j], ru, text, len, 0, reach.to,
                                &mt) == 0)
            return " (its pattern matches only past the rule's last trigger "
                   "word)";
        from = matcher_start(c->m, ru, &ru->pats[j], &reach);
        if (matcher_find_within(c->m, &ru->pats[j], ru, text, len, from,
                                reach.to, &mt) == 0)
            return " (its pattern matches only more than DTL_TIMEX_LEAD "
                   "bytes before the rule's first trigger word)";
    }
    return "";
}

static void check_event(checker *c, const rule *ru, const example *ex)
{
    dtl_text *t = example_text(ex);
    segmentation seg;
    tx_list tx = {NULL, 0, 0};
    ev_list evs = {NULL, 0, 0};
    size_t i, len, mine = 0;
    char why[300] = "";
    int ok = 0;
    const char *s;

    if (t == NULL) {
        fail(c, ex, "example of '%s' is not valid text", ru->name);
        return;
    }
    s = text_norm(t, &len);
    if (segment(c->rules, t, c->m, &seg) != DTL_OK)
        goto out;
    segment_attribute(c->rules, c->m, s, &seg);
    timex_detect(c->rules, t, &seg, c->m, 0, seg.count, &tx);
    event_detect(c->rules, t, &seg, c->m, 0, seg.count, &evs);
    anchor_events(c->rules, t, &seg, c->m, &tx, &evs);
    for (i = 0; i < evs.count; i++) {
        if (evs.v[i].ru != ru)
            continue;
        mine++;
        if (!ex->negative &&
            fields_match(ex->expect, &evs.v[i], s, why, sizeof(why)))
            ok = 1;
    }
    if (ex->negative && mine)
        fail(c, ex, "counter-example of rule '%s' matches", ru->name);
    else if (!ex->negative && !mine)
        fail(c, ex, "example of rule '%s' does not match%s", ru->name,
             why_missed(c, ru, ex->text));
    else if (!ex->negative && !ok)
        fail(c, ex, "example of rule '%s' gives %s", ru->name, why);
    else
        c->sum->passed++;
    segmentation_free(&seg);
out:
    free(tx.v);
    free(evs.v);
    dtl_text_free(t);
}

static void check_timex(checker *c, const rule *ru, const example *ex)
{
    dtl_text *t = example_text(ex);
    dtl_timex *tx = NULL;
    size_t n = 0, i, mine = 0;
    char want[64] = "", range[64] = "", got[128] = "";
    int ok = 0;

    if (t == NULL) {
        fail(c, ex, "example of '%s' is not valid text", ru->name);
        return;
    }
    if (ex->expect)
        sscanf(ex->expect, "%63s %63s", want, range);
    if (dtl_times_find(c->rules, t, NULL, NULL, &tx, &n) != DTL_OK)
        goto out;
    for (i = 0; i < n; i++) {
        char e[11], l[11], r[32];

        if (strcmp(tx[i].rule, ru->name) != 0)
            continue;
        mine++;
        dtl_date_format(tx[i].earliest, e);
        dtl_date_format(tx[i].latest, l);
        snprintf(r, sizeof(r), "%s..%s",
                 tx[i].earliest == DTL_DAY_NONE ? "?" : e,
                 tx[i].latest == DTL_DAY_NONE ? "?" : l);
        if ((!*want || strcmp(want, tx[i].value) == 0) &&
            (!*range || strcmp(range, r) == 0))
            ok = 1;
        else
            snprintf(got, sizeof(got), "%s %s", tx[i].value, r);
    }
    if (ex->negative && mine)
        fail(c, ex, "counter-example of timex '%s' matches", ru->name);
    else if (!ex->negative && !mine)
        fail(c, ex, "example of timex '%s' does not match%s", ru->name,
             why_missed(c, ru, ex->text));
    else if (!ex->negative && !ok)
        fail(c, ex, "example of timex '%s' gives %s, expected %s%s%s", ru->name,
             got, want, *range ? " " : "", range);
    else
        c->sum->passed++;
out:
    free(tx);
    dtl_text_free(t);
}

/*
 * Reject and modality rules: the pattern itself, a reject rule only
 * where its trigger words let it start, as when dates are found.
 */
static void check_pattern(checker *c, const rule *ru, const example *ex)
{
    size_t j, len = strlen(ex->text);
    rule_reach reach = {0, UINT32_MAX};
    int run = ru->kind != RULE_REJECT || tried(c, ru, ex->text, len, &reach);
    int hit = 0;
    match mt;

    for (j = 0; j < ru->pat_count && run && !hit; j++)
        hit = matcher_find_within(c->m, &ru->pats[j], ru, ex->text, len,
                                  matcher_start(c->m, ru, &ru->pats[j], &reach),
                                  reach.to == UINT32_MAX ? SIZE_MAX : reach.to,
                                  &mt) == 1;
    if (ex->negative && hit)
        fail(c, ex, "counter-example of %s '%s' matches",
             ru->kind == RULE_REJECT ? "reject" : "modality", ru->name);
    else if (!ex->negative && !hit)
        fail(c, ex, "example of %s '%s' does not match%s",
             ru->kind == RULE_REJECT ? "reject" : "modality", ru->name,
             ru->kind == RULE_REJECT ? why_missed(c, ru, ex->text) : "");
    else
        c->sum->passed++;
}

dtl_status dtl_rules_check(const dtl_rules *rs, dtl_diag_fn diag, void *ctx,
                           dtl_check_summary *sum)
{
    checker c;
    size_t i, j;

    memset(sum, 0, sizeof(*sum));
    memset(&c, 0, sizeof(c));
    c.rules = rs;
    c.diag = diag;
    c.ctx = ctx;
    c.sum = sum;
    c.m = matcher_new(rs, NULL, NULL, "");
    if (c.m == NULL)
        return DTL_ENOMEM;
    for (i = 0; i < rs->lex_count; i++)
        sum->lexicon_entries += rs->lex[i].count;
    for (i = 0; i < rs->live_count; i++) {
        const rule *ru = rs->live[i];

        sum->rules++;
        /* Loading compiled one form of each pattern; both must. */
        for (j = 0; j < ru->pat_count; j++)
            check_forms(&c, &ru->pats[j]);
        for (j = 0; j < ru->ex_count; j++) {
            const example *ex = &ru->ex[j];

            sum->examples++;
            if (ru->kind == RULE_EVENT)
                check_event(&c, ru, ex);
            else if (ru->kind == RULE_TIMEX)
                check_timex(&c, ru, ex);
            else
                check_pattern(&c, ru, ex);
        }
    }
    matcher_free(c.m);
    return sum->failed ? DTL_ERULE : DTL_OK;
}
