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

struct matcher {
    const dtl_rules *rules;
    pcre2_match_data *md;
    pcre2_match_context *mc;
    dtl_diag_fn diag;
    void *ctx;
    const char *docname;
    const rule *last_limited; /* warn once per rule */
    uint64_t *bits;
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
    if (m->md == NULL || m->mc == NULL || m->bits == NULL) {
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
    free(m);
}

uint64_t *matcher_bits(matcher *m)
{
    return m->bits;
}

/* The lock of a form's slot (the mutexes are in a const rule set). */
static pthread_mutex_t *slot_lock(const dtl_rules *rs, size_t slot)
{
    return (pthread_mutex_t *)(uintptr_t)&rs->jit_mu[slot % RULES_JIT_LOCKS];
}

/*
 * The JIT-compiled copy of code, a form of a pattern whose state is
 * js: made by the first thread to find that the form has searched
 * DTL_JIT_AFTER bytes without one.  A copy, not code itself, so that
 * other threads can go on matching code with the interpreter meanwhile.
 * When JIT compiling fails (no executable memory, say), the copy is
 * published all the same and matched by the interpreter.  NULL only
 * when no memory is left for a copy.
 */
static pcre2_code *jit_copy(const dtl_rules *rs, const pcre2_code *code,
                            jit_state *js, size_t slot)
{
    pthread_mutex_t *mu = slot_lock(rs, slot);
    pcre2_code *jc;

    pthread_mutex_lock(mu);
    jc = (pcre2_code *)atomic_load_explicit(&js->code, memory_order_relaxed);
    if (jc == NULL && (jc = pcre2_code_copy(code)) != NULL) {
        pcre2_jit_compile(jc, PCRE2_JIT_COMPLETE);
        atomic_store_explicit(&js->code, (struct pcre2_real_code_8 *)jc,
                              memory_order_release);
    }
    pthread_mutex_unlock(mu);
    return jc;
}

/*
 * Whether s[0..len) is all ASCII, eight bytes at a time.  A pattern then
 * matches the same with or without Unicode properties: for ASCII
 * characters \w, \d, \s, \b and caseless letters agree; only the
 * property lookups are saved (about a tenth of a build on Reuters).
 */
static int all_ascii(const char *s, size_t len)
{
    uint64_t acc = 0, w;
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        memcpy(&w, s + i, 8);
        acc |= w;
    }
    for (; i < len; i++)
        acc |= (unsigned char)s[i];
    return (acc & UINT64_C(0x8080808080808080)) == 0;
}

/*
 * The ASCII form of p, compiled on its first use under the mutex and
 * published like a JIT-compiled copy; NULL when it does not compile
 * (the Unicode form is used then).
 */
static pcre2_code *ascii_code(const dtl_rules *rs, const pattern *p)
{
    size_t slot = p->jit_slot_ascii;
    pthread_mutex_t *mu = slot_lock(rs, slot);

    if (atomic_load_explicit(&rs->jit[slot].ready, memory_order_acquire))
        return (pcre2_code *)p->code_ascii;
    pthread_mutex_lock(mu);
    if (!atomic_load_explicit(&rs->jit[slot].ready, memory_order_relaxed)) {
        int errcode;
        PCRE2_SIZE erroff;
        pcre2_code *code = NULL;

        /* A pattern all in ASCII matches an ASCII subject alike with
         * or without UTF-8 mode; without, no character is decoded.
         * (Not so for a pattern with other characters: "’?" would make
         * only the last byte optional.)  What needs UTF-8 mode, such as
         * \x{100}, does not compile and takes the UTF-8 form. */
        if (all_ascii(p->xsrc, p->xlen))
            code = pcre2_compile(
                (PCRE2_SPTR)p->xsrc, p->xlen,
                PATTERN_OPTIONS & ~(uint32_t)(PCRE2_UTF | PCRE2_NO_UTF_CHECK),
                &errcode, &erroff, NULL);
        if (code == NULL)
            code = pcre2_compile((PCRE2_SPTR)p->xsrc, p->xlen, PATTERN_OPTIONS,
                                 &errcode, &erroff, NULL);

        /* The one write to a shared pattern, before the flag. */
        ((pattern *)(uintptr_t)p)->code_ascii =
            (struct pcre2_real_code_8 *)code;
        atomic_store_explicit(&rs->jit[slot].ready, 1, memory_order_release);
    }
    pthread_mutex_unlock(mu);
    return (pcre2_code *)p->code_ascii;
}

int matcher_find(matcher *m, const pattern *p, const rule *ru, const char *subj,
                 size_t len, size_t from, match *out)
{
    int rc;
    PCRE2_SIZE *ov;
    size_t i;
    pcre2_code *code = (pcre2_code *)p->code, *ascii = NULL, *jc;
    size_t slot = p->jit_slot;
    jit_state *js;

    if (code == NULL || from > len)
        return 0;
    if (p->xsrc && all_ascii(subj, len))
        ascii = ascii_code(m->rules, p);
    if (ascii) {
        code = ascii;
        slot = p->jit_slot_ascii;
    }
    js = &m->rules->jit[slot];
    jc = (pcre2_code *)atomic_load_explicit(&js->code, memory_order_acquire);
    if (jc == NULL && !m->rules->no_jit &&
        atomic_fetch_add_explicit(&js->spent, len - from + 1,
                                  memory_order_relaxed) >= DTL_JIT_AFTER)
        jc = jit_copy(m->rules, code, js, slot);
    if (jc)
        code = jc;
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
