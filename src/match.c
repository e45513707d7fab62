/* SPDX-License-Identifier: MIT */
/*
 * match.c - running one compiled pattern over a subject with PCRE2's JIT
 * and reporting its named groups as spans.  Each thread has its own
 * matcher (match data, match context, candidate bitset); the compiled
 * rules are shared read-only.  A pattern that exceeds the match limit
 * is reported once per article and skipped, so a pathological user rule
 * cannot hang dtl.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "match.h"

#include <dtl/limits.h>

#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

struct matcher {
    const dtl_rules *rules;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    dtl_diag_fn diag;
    void *ctx;
    const char *docname;
    const rule *last_limited; /* warn once per rule */
    uint64_t *bits;
    rule_reach *reach;
    /* The subject of matcher_subject: whether it is all ASCII, known
     * once for the many patterns tried on it. */
    const char *subj;
    size_t subj_len;
    int subj_ascii;
};

matcher *matcher_new(const dtl_rules *rules, dtl_diag_fn diag, void *ctx,
                     const char *docname)
{
    matcher *m = calloc(1, sizeof(*m));

    if (m == NULL)
        return NULL;
    m->rules = rules;
    m->diag = diag;
    m->ctx = ctx;
    m->docname = docname ? docname : "";
    m->md = pcre2_match_data_create(
        (uint32_t)(rules->max_groups ? rules->max_groups : 1), NULL);
    m->mc = pcre2_match_context_create(NULL);
    m->bits =
        calloc(rules->word_count ? rules->word_count : 1, sizeof(uint64_t));
    m->reach =
        calloc(rules->live_count ? rules->live_count : 1, sizeof(rule_reach));
    if (m->md == NULL || m->mc == NULL || m->bits == NULL || m->reach == NULL) {
        matcher_free(m);
        return NULL;
    }
    pcre2_set_match_limit(m->mc, DTL_MATCH_LIMIT);
    pcre2_set_depth_limit(m->mc, DTL_DEPTH_LIMIT);
    return m;
}

void matcher_free(matcher *m)
{
    if (m == NULL)
        return;
    pcre2_match_data_free(m->md);
    pcre2_match_context_free(m->mc);
    free(m->bits);
    free(m->reach);
    free(m);
}

void matcher_subject(matcher *m, const char *subj, size_t len)
{
    m->subj = subj;
    m->subj_len = len;
    m->subj_ascii =
        subj && util_ascii_span((const unsigned char *)subj, len) == len;
}

uint64_t *matcher_bits(matcher *m)
{
    return m->bits;
}

rule_reach *matcher_reach(matcher *m)
{
    return m->reach;
}

size_t matcher_start(const matcher *m, const rule *ru, const pattern *p,
                     const rule_reach *r)
{
    if (m->rules->no_reach || p->anchored ||
        (ru->kind != RULE_TIMEX && ru->kind != RULE_REJECT) ||
        r->from <= DTL_TIMEX_LEAD)
        return 0;
    return r->from - DTL_TIMEX_LEAD;
}

/* The lock of a form's slot (the mutexes are in a const rule set). */
static pthread_mutex_t *slot_lock(const dtl_rules *rs, size_t slot)
{
    return (pthread_mutex_t *)(uintptr_t)&rs->jit_mu[slot % RULES_JIT_LOCKS];
}

/*
 * The JIT-compiled copy of code, a form of a pattern whose state is
 * js: made by the first thread to find that the form has searched
 * jit_after bytes without one (or by dtl_rules_jit), while a thread
 * that needs the same slot waits.  A copy, not code itself, so that no
 * thread matches a code that another is compiling.  When JIT compiling
 * fails (no executable memory, say), the copy is published all the
 * same and matched by the interpreter.  NULL only when no memory is
 * left for a copy.
 */
static pcre2_code *jit_copy(const dtl_rules *rs, const pcre2_code *code,
                            jit_state *js, size_t slot)
{
    pthread_mutex_t *mu = slot_lock(rs, slot);
    pcre2_code *jc;

    pthread_mutex_lock(mu);
    jc = (pcre2_code *)atomic_load_explicit(&js->code, memory_order_relaxed);
    /* With its own tables: codes read from the compiled-pattern cache
     * share theirs under a reference count that pcre2_code_copy()
     * raises without a lock, and threads copy side by side. */
    if (jc == NULL && (jc = pcre2_code_copy_with_tables(code)) != NULL) {
        pcre2_jit_compile(jc, PCRE2_JIT_COMPLETE);
        atomic_store_explicit(&js->code, (struct pcre2_real_code_8 *)jc,
                              memory_order_release);
    }
    pthread_mutex_unlock(mu);
    return jc;
}

/* The patterns dtl_rules_jit compiles. */
typedef struct jit_list {
    dtl_rules *rules;
    pattern **v;
    size_t n;
} jit_list;

/* JIT-compiles the ASCII form of pattern i of a dtl_rules_jit list
 * (when no memory is left for it, it is compiled on first use). */
static void jit_one(void *ctx, size_t i)
{
    jit_list *l = ctx;
    const pattern *p = l->v[i];

    jit_copy(l->rules, (const pcre2_code *)p->code_ascii,
             &l->rules->jit[p->jit_slot_ascii], p->jit_slot_ascii);
}

/* Adds p to v when it has an ASCII form. */
static void jit_add(pattern **v, size_t *n, pattern *p)
{
    if (p->xsrc && p->code_ascii)
        v[(*n)++] = p;
}

void dtl_rules_jit(dtl_rules *rs)
{
    jit_list job;
    size_t i, j, n = 3;

    if (!rs->compiled || rs->no_jit)
        return;
    for (i = 0; i < rs->live_count; i++)
        n += rs->live[i]->pat_count;
    job.v = malloc(n * sizeof(*job.v));
    if (job.v == NULL)
        return; /* each is compiled on first use */
    job.rules = rs;
    job.n = 0;
    for (i = 0; i < rs->live_count; i++)
        for (j = 0; j < rs->live[i]->pat_count; j++)
            jit_add(job.v, &job.n, &rs->live[i]->pats[j]);
    jit_add(job.v, &job.n, &rs->attr_after);
    jit_add(job.v, &job.n, &rs->attr_before);
    jit_add(job.v, &job.n, &rs->repeat);
    util_parallel(job.n, rs->threads, jit_one, &job);
    free(job.v);
}

/*
 * Form ascii (1) or Unicode (0) of p, compiled at load or on its first
 * use under the slot's lock, and published by the slot's ready flag;
 * NULL when it does not compile.  The ASCII form is used for subjects
 * all in ASCII: the same matches, without the property lookups (about
 * a tenth of a build on Reuters).
 */
const struct pcre2_real_code_8 *pattern_form(const dtl_rules *rs,
                                             const pattern *p, int ascii)
{
    size_t slot = ascii ? p->jit_slot_ascii : p->jit_slot;
    pthread_mutex_t *mu;

    if (p->xsrc == NULL)
        return NULL; /* did not compile at load */
    if (atomic_load_explicit(&rs->jit[slot].ready, memory_order_acquire))
        return ascii ? p->code_ascii : p->code;
    mu = slot_lock(rs, slot);
    pthread_mutex_lock(mu);
    if (!atomic_load_explicit(&rs->jit[slot].ready, memory_order_relaxed)) {
        pattern *w = (pattern *)(uintptr_t)p;

        if (ascii)
            w->code_ascii = pattern_compile_form(p, PATTERN_FORM_ASCII, NULL);
        else
            w->code = pattern_compile_form(p, PATTERN_FORM_UNICODE, NULL);
        /* The one write to a shared pattern, before the flag. */
        atomic_store_explicit(&rs->jit[slot].ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(mu);
    return ascii ? p->code_ascii : p->code;
}

int matcher_find(matcher *m, const pattern *p, const rule *ru, const char *subj,
                 size_t len, size_t from, match *out)
{
    return matcher_find_within(m, p, ru, subj, len, from, SIZE_MAX, out);
}

int matcher_find_within(matcher *m, const pattern *p, const rule *ru,
                        const char *subj, size_t len, size_t from, size_t limit,
                        match *out)
{
    int rc;
    PCRE2_SIZE *ov;
    size_t i;
    pcre2_code *code = NULL, *jc;
    size_t slot = p->jit_slot_ascii;
    jit_state *js;

    if (m->rules->no_reach)
        limit = SIZE_MAX;
    /* A search starts on a character: one DTL_TIMEX_LEAD bytes before a
     * trigger word, or a byte past an empty match, may fall inside one,
     * where PCRE2 (told not to check) would read a broken character. */
    while (from < len && ((unsigned char)subj[from] & 0xC0) == 0x80)
        from++;
    if (from > len || from > limit)
        return 0;
    if (subj == m->subj && len == m->subj_len
            ? m->subj_ascii
            : util_ascii_span((const unsigned char *)subj, len) == len)
        code = (pcre2_code *)(uintptr_t)pattern_form(m->rules, p, 1);
    if (code == NULL) {
        code = (pcre2_code *)(uintptr_t)pattern_form(m->rules, p, 0);
        slot = p->jit_slot;
    }
    if (code == NULL) {
        /* Loading compiled the other form ("dtl rules check" tells). */
        if (ru != m->last_limited) {
            m->last_limited = ru;
            diag_warn(m->diag, m->ctx, m->docname,
                      "rule '%s' (%s:%u) skipped on a sentence: its pattern "
                      "does not compile for text that is not all ASCII",
                      ru ? ru->name : p->file, ru ? ru->file : p->file,
                      ru ? ru->line : p->line);
        }
        return -1;
    }
    js = &m->rules->jit[slot];
    jc = (pcre2_code *)atomic_load_explicit(&js->code, memory_order_acquire);
    if (jc == NULL && !m->rules->no_jit &&
        atomic_fetch_add_explicit(&js->spent, len - from + 1,
                                  memory_order_relaxed) >= m->rules->jit_after)
        jc = jit_copy(m->rules, code, js, slot);
    pcre2_set_offset_limit(m->mc, limit < len ? limit : PCRE2_UNSET);
    /* JIT code is run directly, without pcre2_match()'s checks of what
     * is checked here (a million calls on Reuters); a copy that did not
     * JIT-compile says so and is interpreted. */
    rc = PCRE2_ERROR_JIT_BADOPTION;
    if (jc) {
        code = jc;
        rc =
            pcre2_jit_match(code, (PCRE2_SPTR)subj, len, from, 0, m->md, m->mc);
    }
    if (rc == PCRE2_ERROR_JIT_BADOPTION)
        rc = pcre2_match(code, (PCRE2_SPTR)subj, len, from, PCRE2_NO_UTF_CHECK,
                         m->md, m->mc);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        if (ru != m->last_limited) {
            char msg[120];

            m->last_limited = ru;
            pcre2_get_error_message(rc, (PCRE2_UCHAR *)msg, sizeof(msg));
            diag_warn(m->diag, m->ctx, m->docname,
                      "rule '%s' (%s:%u) skipped on a sentence: %s",
                      ru ? ru->name : p->file, ru ? ru->file : p->file,
                      ru ? ru->line : p->line, msg);
        }
        return -1;
    }
    ov = pcre2_get_ovector_pointer(m->md);
    out->start = ov[0];
    out->end = ov[1];
    out->cap_count = 0;
    for (i = 0; i < p->cap_count && out->cap_count < MATCH_MAX_CAPS; i++) {
        unsigned g = p->caps[i].group;

        if ((int)g >= rc || ov[2 * g] == PCRE2_UNSET)
            continue;
        out->caps[out->cap_count].cap = &p->caps[i];
        out->caps[out->cap_count].start = ov[2 * g];
        out->caps[out->cap_count].end = ov[2 * g + 1];
        out->cap_count++;
    }
    return 1;
}

const match_cap *match_get(const match *mt, const char *name)
{
    size_t i;

    for (i = 0; i < mt->cap_count; i++)
        if (strcmp(mt->caps[i].cap->name, name) == 0)
            return &mt->caps[i];
    return NULL;
}
