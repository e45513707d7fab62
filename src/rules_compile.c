/* SPDX-License-Identifier: MIT */
/*
 * rules_compile.c - turning loaded rules into something fast to run.
 *
 * Input: a dtl_rules as rules.c read it.  Output: the same, compiled:
 * macros and lexicon references expanded, every pattern compiled with
 * PCRE2 (UTF, caseless, JIT), named groups mapped to fields, and a
 * prefilter from trigger words to rules, so that the cost of a sentence
 * grows with the rules that can fire on it, not with the rule count.
 * Also builds the gazetteer patterns that find actors and places, and
 * the quotation attribution patterns.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules.h"

#include <dtl/limits.h>

#include <pcre2.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cache.h"
#include "diag.h"
#include "gazetteer.h"
#include "util.h"

typedef struct compiler {
    dtl_rules *rules;
    dtl_diag_fn diag;
    void *ctx;
    dtl_error *err;
    size_t errors;
} compiler;

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static void
cerror(compiler *c, const char *file, unsigned line, unsigned col,
       const char *fmt, ...)
{
    dtl_error e;
    va_list ap;

    c->errors++;
    memset(&e, 0, sizeof(e));
    e.code = DTL_ERULE;
    snprintf(e.file, sizeof(e.file), "%s", file ? file : "");
    e.line = line;
    e.col = col;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
    va_end(ap);
    if (c->err && c->err->code == DTL_OK)
        *c->err = e;
    if (c->diag)
        c->diag(c->ctx, &e);
}

/* ------------------------------------------------------------------ */
/* Expansion                                                           */
/* ------------------------------------------------------------------ */

macro *rules_macro(const dtl_rules *rs, const char *name, size_t len)
{
    size_t i;

    for (i = 0; i < rs->macro_count; i++)
        if (strlen(rs->macros[i].name) == len &&
            memcmp(rs->macros[i].name, name, len) == 0)
            return &rs->macros[i];
    return NULL;
}

static int is_meta(int c)
{
    return strchr("\\^$.|?*+()[]{}#-", c) != NULL;
}

/* Appends phrase as a literal; its spaces match any white space. */
static int append_literal(buf *b, const char *s)
{
    int space = 0;

    for (; *s; s++) {
        if (*s == ' ' || *s == '\t') {
            space = 1;
            continue;
        }
        if (space && buf_puts(b, "\\s+") != 0)
            return -1;
        space = 0;
        if (is_meta((unsigned char)*s) && buf_putc(b, '\\') != 0)
            return -1;
        if (buf_putc(b, *s) != 0)
            return -1;
    }
    return 0;
}

/*
 * Lexicon alternations are emitted as a trie of their phrases:
 * (?:a(?:bout|lmost|round)|nearly) rather than about|almost|around|
 * nearly, so that PCRE2 tries each letter of the text once, not once per
 * phrase; with lexicons of numbers, months and countries in most time
 * patterns this is where a pattern spends its time.  The trie is built
 * from the entries' lookup keys (lexicon_key): runs of white space are
 * one space (matched by \s+), and in a caseless lexicon ASCII letters
 * are lower-cased (the group is then (?i:...), as the lexicon is
 * caseless wherever it is used).  Keys are sorted bytewise, so phrases with a
 * common prefix are next to each other; a unit of the trie is a space or one
 * whole UTF-8 character, never part of one.
 *
 * The order of preference is the old one, longest first: a group of
 * branches that may also end here is (?:...)?, greedy, so the longer
 * phrases are tried before the shorter.
 */
/* Deeper tries are written as plain alternations (PCRE2 allows 250
 * nested groups in a whole pattern). */
#define LEXICON_MAX_NEST 64u

typedef struct trie {
    const char **keys;
    buf *b;
    unsigned max_nest;
} trie;

static int cmp_key(const void *pa, const void *pb)
{
    return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The length of the unit at k: a space or one UTF-8 character. */
static size_t unit_len(const char *k)
{
    unsigned char c = (unsigned char)*k;
    size_t n = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, i;

    for (i = 1; i < n; i++)
        if (k[i] == '\0')
            return i;
    return n;
}

static int put_unit(buf *b, const char *k, size_t len)
{
    if (*k == ' ')
        return buf_puts(b, "\\s+");
    if (len == 1 && is_meta((unsigned char)*k) && buf_putc(b, '\\') != 0)
        return -1;
    return buf_append(b, k, len);
}

/* The end of the run of keys from i that share unit u at depth. */
static size_t unit_run(const trie *t, size_t i, size_t hi, size_t depth,
                       size_t u)
{
    size_t j = i + 1;

    while (j < hi && strncmp(t->keys[j] + depth, t->keys[i] + depth, u) == 0)
        j++;
    return j;
}

/* Emits the phrases keys[lo..hi), which share their first depth bytes. */
static int emit_trie(trie *t, size_t lo, size_t hi, size_t depth, unsigned nest)
{
    for (;;) {
        int term = t->keys[lo][depth] == '\0';
        size_t from = lo + (size_t)term, i, j, groups = 0, u;

        if (from == hi)
            return 0;
        for (i = from; i < hi; i = j, groups++)
            j = unit_run(t, i, hi, depth, unit_len(t->keys[i] + depth));
        if (!term && groups == 1) {
            /* A chain: no group needed. */
            u = unit_len(t->keys[from] + depth);
            if (put_unit(t->b, t->keys[from] + depth, u) != 0)
                return -1;
            depth += u;
            continue;
        }
        if (++nest > t->max_nest)
            t->max_nest = nest;
        if (buf_puts(t->b, "(?:") != 0)
            return -1;
        for (i = from; i < hi; i = j) {
            u = unit_len(t->keys[i] + depth);
            j = unit_run(t, i, hi, depth, u);
            if (i > from && buf_putc(t->b, '|') != 0)
                return -1;
            if (put_unit(t->b, t->keys[i] + depth, u) != 0 ||
                emit_trie(t, i, j, depth + u, nest) != 0)
                return -1;
        }
        return buf_puts(t->b, term ? ")?" : ")");
    }
}

/*
 * Appends the phrases of lexicon lx as whole words:
 * (?<!\w)(?i:korea|north\s+korea)(?!\w), as a trie (above).  A trie
 * nested deeper than PCRE2 allows (phrases such as "a", "a a", "a a a"
 * ...) is written as a plain alternation, longest first, instead.
 */
static int cmp_longest(const void *pa, const void *pb)
{
    const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
    size_t la = strlen(a), lb = strlen(b);

    if (la != lb)
        return la > lb ? -1 : 1;
    return strcmp(a, b);
}

static int write_lexicon(buf *b, const lexicon *lx)
{
    const char *open =
        (lx->flags & LEX_CASE) ? "(?<!\\w)(?-i:" : "(?<!\\w)(?i:";
    size_t i, k = 0, m, mark = b->len;
    const char **keys = NULL;
    trie t;
    int rc = -1;

    if (lx->count && (keys = malloc(lx->count * sizeof(*keys))) == NULL)
        return -1;
    for (i = 0; i < lx->count; i++)
        if (lx->entries[i].key[0] != '\0')
            keys[k++] = lx->entries[i].key;
    if (k)
        qsort(keys, k, sizeof(*keys), cmp_key);
    for (i = 0, m = 0; i < k; i++) /* drop repeated keys */
        if (m == 0 || strcmp(keys[i], keys[m - 1]) != 0)
            keys[m++] = keys[i];
    k = m;
    t.keys = keys;
    t.b = b;
    t.max_nest = 0;
    if (buf_puts(b, open) != 0 || (k == 0 && buf_puts(b, "(*FAIL)") != 0) ||
        (k && emit_trie(&t, 0, k, 0, 0) != 0))
        goto out;
    if (t.max_nest > LEXICON_MAX_NEST) {
        b->len = mark;
        b->data[mark] = '\0';
        qsort(keys, k, sizeof(*keys), cmp_longest);
        if (buf_puts(b, open) != 0)
            goto out;
        for (i = 0; i < k; i++)
            if ((i && buf_putc(b, '|') != 0) || append_literal(b, keys[i]) != 0)
                goto out;
    }
    if (buf_puts(b, ")(?!\\w)") != 0)
        goto out;
    rc = 0;
out:
    free(keys);
    return rc;
}

/* Appends lexicon lx as write_lexicon does, writing it once for all the
 * patterns that refer to it (a lexicon does not change once loading is
 * over). */
static int append_lexicon(buf *b, lexicon *lx)
{
    size_t mark = b->len;

    if (lx->pattern == NULL) {
        if (write_lexicon(b, lx) != 0)
            return -1;
        lx->pattern = util_strndup(b->data + mark, b->len - mark);
        lx->pattern_len = b->len - mark;
        return 0; /* when no memory is left for the copy, made again */
    }
    return buf_append(b, lx->pattern, lx->pattern_len);
}

typedef struct expander {
    compiler *c;
    buf out;
    /* Where the expansion is, for messages. */
    const char *file;
    unsigned line, col;
    int failed;
} expander;

static void expand(expander *x, const char *src, unsigned col0, int top);

/* Whether the expansion so far is longer than DTL_MAX_PATTERN; if so,
 * reports it at col and stops the expansion. */
static int too_long(expander *x, unsigned col)
{
    if (x->out.len <= DTL_MAX_PATTERN)
        return 0;
    cerror(x->c, x->file, x->line, col,
           "pattern longer than %u bytes after expansion", DTL_MAX_PATTERN);
    x->failed = 1;
    return 1;
}

/*
 * Expands @name at src (after the '@'); returns the name length.
 */
static size_t expand_ref(expander *x, const char *src, unsigned col)
{
    const dtl_rules *rs = x->c->rules;
    size_t n = 0;
    macro *m;
    lexicon *lx;

    while ((src[n] >= 'a' && src[n] <= 'z') ||
           (src[n] >= '0' && src[n] <= '9') || src[n] == '_')
        n++;
    if (n == 0) {
        if (buf_putc(&x->out, '@') != 0)
            x->failed = 1;
        return 0;
    }
    m = rules_macro(rs, src, n);
    if (m && m->expansion) {
        if (buf_append(&x->out, m->expansion, m->expansion_len) != 0)
            x->failed = 1;
        else
            too_long(x, col);
        return n;
    }
    if (m) {
        size_t mark = x->out.len;
        size_t errors = x->c->errors;

        if (m->expanding) {
            cerror(x->c, x->file, x->line, col, "macro '%s' refers to itself",
                   m->name);
            x->failed = 1;
            return n;
        }
        m->expanding = 1;
        if (buf_puts(&x->out, "(?:") != 0)
            x->failed = 1;
        expand(x, m->src, col, 0);
        if (buf_putc(&x->out, ')') != 0)
            x->failed = 1;
        m->expanding = 0;
        /* When no memory is left for the copy, it is expanded again. */
        if (!x->failed && x->c->errors == errors) {
            m->expansion_len = x->out.len - mark;
            m->expansion = util_strndup(x->out.data + mark, m->expansion_len);
        }
        return n;
    }
    {
        char name[64];

        if (n >= sizeof(name)) {
            cerror(x->c, x->file, x->line, col, "macro name too long");
            x->failed = 1;
            return n;
        }
        memcpy(name, src, n);
        name[n] = '\0';
        lx = rules_lexicon(rs, name);
        if ((lx == NULL &&
             (strcmp(name, "actor") == 0 || strcmp(name, "place") == 0)) ||
            (lx && (lx->flags & (LEX_ACTOR | LEX_ANAPHOR | LEX_PLACE)))) {
            /* Names are masked with '_' before event patterns run
             * (gazetteer.c); the capture is resolved afterwards. */
            if (buf_puts(&x->out, "(?:(?<!_)_+(?!_))") != 0)
                x->failed = 1;
            return n;
        }
        if (lx == NULL) {
            cerror(x->c, x->file, x->line, col,
                   "unknown macro or lexicon '@%s'", name);
            x->failed = 1;
            return n;
        }
    }
    if (append_lexicon(&x->out, lx) != 0)
        x->failed = 1;
    return n;
}

/*
 * Copies src into x->out, expanding @references and turning each run of
 * literal spaces into \s+.  Escapes and character classes are copied as
 * they are.  col0 is the column of src[0] when top is set (for
 * messages), else the column of the reference being expanded.
 */
static void expand(expander *x, const char *src, unsigned col0, int top)
{
    const char *p = src;
    int in_class = 0;
    unsigned col;

    while (*p && !x->failed) {
        col = top ? col0 + (unsigned)(p - src) : col0;
        if (too_long(x, col))
            return;
        if (*p == '\\' && p[1]) {
            if (buf_append(&x->out, p, 2) != 0)
                x->failed = 1;
            p += 2;
            continue;
        }
        if (in_class) {
            /* Up to the end of the class or the next escape. */
            size_t n = strcspn(p, "]\\");

            if (p[n] == ']') {
                in_class = 0;
                n++;
            }
            if (n == 0)
                n = 1; /* a lone '\' at the end */
            if (n > DTL_MAX_PATTERN + 1 - x->out.len) {
                n = DTL_MAX_PATTERN + 1 - x->out.len; /* see above */
                in_class = 1;
            }
            if (buf_append(&x->out, p, n) != 0)
                x->failed = 1;
            p += n;
            continue;
        }
        if (*p == '[') {
            in_class = 1;
            if (buf_putc(&x->out, *p++) != 0)
                x->failed = 1;
            if (*p == '^' && buf_putc(&x->out, *p++) != 0)
                x->failed = 1;
            if (*p == ']' && buf_putc(&x->out, *p++) != 0)
                x->failed = 1;
            continue;
        }
        if (*p == ' ' || *p == '\t') {
            while (*p == ' ' || *p == '\t')
                p++;
            /* "a ?b": the quantifier applies to the whole gap. */
            if (buf_puts(&x->out,
                         strchr("?*+{", *p) && *p ? "(?:\\s+)" : "\\s+") != 0)
                x->failed = 1;
            continue;
        }
        if (*p == '@') {
            p++;
            p += expand_ref(x, p, col);
            continue;
        }
        {
            /* A run of characters copied as they are. */
            size_t n = strcspn(p, "\\[ \t@");

            if (n == 0)
                n = 1; /* a lone '\' at the end */
            if (n > DTL_MAX_PATTERN + 1 - x->out.len)
                n = DTL_MAX_PATTERN + 1 - x->out.len; /* see above */
            if (buf_append(&x->out, p, n) != 0)
                x->failed = 1;
            p += n;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Compiling                                                           */
/* ------------------------------------------------------------------ */

static const char *const timex_caps[] = {
    "year",    "month",     "day",     "weekday", "number",  "unit", "dir",
    "part",    "season",    "quarter", "decade",  "century", "hour", "minute",
    "ampm",    "tod",       "ordinal", "mod",     "sign",    "nth",  "endyear",
    "decimal", "subnumber", "subunit", "shift",   NULL};

static field field_of(const char *name)
{
    static const struct {
        const char *name;
        field f;
    } map[] = {
        {"source", FIELD_SOURCE},           {"target", FIELD_TARGET},
        {"participant", FIELD_PARTICIPANT}, {"location", FIELD_LOCATION},
        {"weapon", FIELD_WEAPON},           {"count", FIELD_COUNT},
        {"trigger", FIELD_TRIGGER},
    };
    size_t i;

    for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
        if (strcmp(map[i].name, name) == 0)
            return map[i].f;
    return FIELD_NONE;
}

/* Column of the group "(?<name>" in the source, or col0. */
static unsigned group_col(const pattern *p, const char *name)
{
    char probe[80];
    const char *at;

    snprintf(probe, sizeof(probe), "(?<%s>", name);
    at = strstr(p->src, probe);
    if (at == NULL) {
        snprintf(probe, sizeof(probe), "(?P<%s>", name);
        at = strstr(p->src, probe);
    }
    return at ? p->col + (unsigned)(at - p->src) : p->col;
}

/* Reads the named groups of a compiled pattern into p->caps. */
static int map_groups(compiler *c, rule *ru, pattern *p, const pcre2_code *code)
{
    uint32_t count = 0, size = 0;
    PCRE2_SPTR table;
    uint32_t i;
    int ok = 1;

    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    if (count == 0)
        return 0;
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &size);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    p->caps = calloc(count, sizeof(*p->caps));
    if (p->caps == NULL)
        return -1;
    for (i = 0; i < count; i++) {
        const unsigned char *e = table + (size_t)i * size;
        unsigned group = (unsigned)(e[0] << 8 | e[1]);
        const char *full = (const char *)e + 2;
        size_t n = strlen(full);
        char base[64];
        capture *cp;

        while (n > 1 && util_isdigit((unsigned char)full[n - 1]))
            n--;
        if (n >= sizeof(base))
            n = sizeof(base) - 1;
        memcpy(base, full, n);
        base[n] = '\0';
        cp = &p->caps[p->cap_count];
        cp->group = group;
        if (ru && ru->kind == RULE_EVENT) {
            cp->fld = field_of(base);
            if (cp->fld == FIELD_NONE) {
                cerror(c, p->file, p->line, group_col(p, full),
                       "unknown field '%s' (expected source, target, "
                       "participant, location, weapon, count or trigger)",
                       full);
                ok = 0;
                continue;
            }
        } else if (ru && ru->kind == RULE_TIMEX) {
            size_t k;

            for (k = 0; timex_caps[k]; k++)
                if (strcmp(timex_caps[k], base) == 0)
                    break;
            if (timex_caps[k] == NULL) {
                cerror(c, p->file, p->line, group_col(p, full),
                       "unknown time capture '%s'", full);
                ok = 0;
                continue;
            }
            cp->fld = FIELD_NONE;
        }
        cp->name = arena_strndup(&c->rules->mem, base, n);
        if (cp->name == NULL)
            return -1;
        /* "subnumber" and "subunit" read the words of "number" and
         * "unit" */
        cp->lex = rules_lexicon(c->rules, strncmp(base, "sub", 3) == 0 && ru &&
                                                  ru->kind == RULE_TIMEX
                                              ? base + 3
                                              : base);
        p->cap_count++;
    }
    return ok ? 0 : 1;
}

/* Expands p into p->xsrc, reporting errors at its file:line:col: 0, 1
 * when it does not expand (p->xsrc stays NULL), -1 out of memory. */
static int expand_pattern(compiler *c, pattern *p)
{
    expander x;

    memset(&x, 0, sizeof(x));
    x.c = c;
    x.file = p->file;
    x.line = p->line;
    p->xsrc = NULL;
    buf_init(&x.out, DTL_MAX_PATTERN + 1);
    expand(&x, p->src, p->col, 1);
    if (x.failed) {
        buf_free(&x.out);
        return 1;
    }
    p->xlen = x.out.len;
    p->xsrc =
        arena_strndup(&c->rules->mem, x.out.data ? x.out.data : "", x.out.len);
    buf_free(&x.out);
    return p->xsrc == NULL ? -1 : 0;
}

/*
 * Compiles expanded pattern p, reporting errors at its file:line:col.
 * Loading compiles one form of a pattern (see pattern), the one for
 * ASCII text, which checks the pattern as well as the other would; the
 * other only when that one does not compile, and to report the error.
 * The ASCII form may have been compiled already (compile_forms); it is
 * then p->code_ascii, or NULL when it did not compile.
 */
static int finish_pattern(compiler *c, rule *ru, pattern *p, int have_ascii)
{
    pattern_error perr;
    struct pcre2_real_code_8 *code;
    uint32_t groups = 0, opts = 0;

    p->code = NULL;
    if (!have_ascii)
        p->code_ascii = pattern_compile_form(p, PATTERN_FORM_ASCII, NULL);
    code = p->code_ascii;
    if (code == NULL)
        p->code = code = pattern_compile_form(p, PATTERN_FORM_UNICODE, &perr);
    if (code == NULL) {
        unsigned col = p->col;

        /* The offset is in the expansion; it is exact only when the
         * pattern had no macro before the error. */
        if (perr.offset <= strlen(p->src) &&
            strncmp(p->xsrc, p->src, perr.offset) == 0)
            col += (unsigned)perr.offset;
        cerror(c, p->file, p->line, col, "%s", perr.msg);
        p->xsrc = NULL;
        return 1;
    }
    p->jit_slot = c->rules->jit_count++;
    p->jit_slot_ascii = c->rules->jit_count++;
    atomic_store_explicit(
        &c->rules->jit[p->code_ascii ? p->jit_slot_ascii : p->jit_slot].ready,
        1, memory_order_relaxed);
    pcre2_pattern_info((pcre2_code *)code, PCRE2_INFO_CAPTURECOUNT, &groups);
    pcre2_pattern_info((pcre2_code *)code, PCRE2_INFO_ALLOPTIONS, &opts);
    p->anchored = (opts & PCRE2_ANCHORED) != 0;
    if (groups + 1 > c->rules->max_groups)
        c->rules->max_groups = groups + 1;
    return map_groups(c, ru, p, (pcre2_code *)code);
}

/* Expands and compiles p: 0, 1 on an error (reported), -1 out of
 * memory. */
static int compile_pattern(compiler *c, rule *ru, pattern *p)
{
    int rc = expand_pattern(c, p);

    return rc != 0 ? rc : finish_pattern(c, ru, p, 0);
}

/*
 * The ASCII form of pattern i of the list ctx, run on the threads of
 * dtl_rules_set_threads (util_parallel): PCRE2's compiling, most of the
 * time a rule set takes to load, needs nothing but the expanded source
 * of its pattern.
 */
static void compile_form(void *ctx, size_t i)
{
    pattern **v = ctx;

    v[i]->code_ascii = pattern_compile_form(v[i], PATTERN_FORM_ASCII, NULL);
}

struct pcre2_real_code_8 *pattern_compile_form(const pattern *p,
                                               pattern_form_kind kind,
                                               pattern_error *err)
{
    int errcode;
    PCRE2_SIZE erroff;
    pcre2_code *code = NULL;

    /* A pattern all in ASCII matches an ASCII subject alike with or
     * without UTF-8 mode; without, no character is decoded.  (Not so
     * for a pattern with other characters: "’?" would make only the
     * last byte optional.)  What needs UTF-8 mode, such as \x{100},
     * does not compile so and keeps UTF-8 mode. */
    if (kind == PATTERN_FORM_ASCII &&
        util_ascii_span((const unsigned char *)p->xsrc, p->xlen) == p->xlen)
        code = pcre2_compile((PCRE2_SPTR)p->xsrc, p->xlen,
                             PATTERN_OPTIONS &
                                 ~(uint32_t)(PCRE2_UTF | PCRE2_NO_UTF_CHECK),
                             &errcode, &erroff, NULL);
    if (code == NULL)
        code = pcre2_compile(
            (PCRE2_SPTR)p->xsrc, p->xlen,
            PATTERN_OPTIONS | (kind == PATTERN_FORM_UNICODE ? PATTERN_UCP : 0),
            &errcode, &erroff, NULL);
    if (code == NULL && err) {
        pcre2_get_error_message(errcode, (PCRE2_UCHAR *)err->msg,
                                sizeof(err->msg));
        err->offset = erroff;
    }
    return (struct pcre2_real_code_8 *)code;
}

void pattern_free(pattern *p)
{
    pcre2_code_free((pcre2_code *)p->code);
    pcre2_code_free((pcre2_code *)p->code_ascii);
    p->code = NULL;
    p->code_ascii = NULL;
    free(p->caps);
    p->caps = NULL;
}

void jit_free(dtl_rules *rs)
{
    size_t i;

    for (i = 0; rs->jit && i < rs->jit_count; i++)
        pcre2_code_free((pcre2_code *)rs->jit[i].code);
    free(rs->jit);
    rs->jit = NULL;
}

/* ------------------------------------------------------------------ */
/* Prefilter                                                           */
/* ------------------------------------------------------------------ */

typedef struct pf_slot {
    char *word;
    size_t len;
    size_t *rules;
    size_t count, cap;
} pf_slot;

typedef struct pf_table {
    pf_slot *slots;
    size_t n; /* power of two */
    size_t used;
} pf_table;

/* A list of rule (or clause) bits. */
struct pf_list {
    size_t *v;
    size_t count, cap;
};

struct prefilter {
    pf_table exact;
    pf_table prefix;
    size_t min_prefix, max_prefix;
    /* By the first two bytes of a token (the first and 0 for a token of
     * one), the lengths of the prefix triggers that start so: bit k for
     * k bytes (k < 15), bit 15 for 15 or more.  Most tokens start as no
     * prefix does and skip the prefix lookups; the others look up only
     * the lengths there are. */
    uint16_t plen[65536];
    struct pf_list digit; /* rules triggered by any number */
    /* Rules triggered by a punctuation character, by the character. */
    struct pf_list punct[128];
    /* Live rules with require clauses: when a rule's trigger fired but
     * one of its clauses did not, its bit is cleared. */
    struct pf_list conj;
    unsigned char fold[256]; /* token_fold of each byte */
};

static void table_free(pf_table *t)
{
    size_t i;

    for (i = 0; i < t->n; i++) {
        free(t->slots[i].word);
        free(t->slots[i].rules);
    }
    free(t->slots);
}

void prefilter_free(prefilter *pf)
{
    size_t i;

    if (pf == NULL)
        return;
    table_free(&pf->exact);
    table_free(&pf->prefix);
    free(pf->digit.v);
    for (i = 0; i < sizeof(pf->punct) / sizeof(pf->punct[0]); i++)
        free(pf->punct[i].v);
    free(pf->conj.v);
    free(pf);
}

/* The slot of w, whose hash is hash (util_fnv1a from UTIL_FNV_SEED). */
static pf_slot *table_find_hash(const pf_table *t, const char *w, size_t len,
                                uint64_t hash)
{
    size_t h;

    if (t->n == 0)
        return NULL;
    h = (size_t)hash & (t->n - 1);
    while (t->slots[h].word) {
        if (t->slots[h].len == len && memcmp(t->slots[h].word, w, len) == 0)
            return &t->slots[h];
        h = (h + 1) & (t->n - 1);
    }
    return NULL;
}

static pf_slot *table_find(const pf_table *t, const char *w, size_t len)
{
    return table_find_hash(t, w, len, util_fnv1a(w, len, UTIL_FNV_SEED));
}

static int table_rehash(pf_table *t)
{
    pf_table nt;
    size_t i, h;

    nt.n = t->n ? t->n * 2 : 64;
    nt.used = t->used;
    nt.slots = calloc(nt.n, sizeof(*nt.slots));
    if (nt.slots == NULL)
        return -1;
    for (i = 0; i < t->n; i++) {
        if (t->slots[i].word == NULL)
            continue;
        h = (size_t)util_fnv1a(t->slots[i].word, strlen(t->slots[i].word),
                               UTIL_FNV_SEED) &
            (nt.n - 1);
        while (nt.slots[h].word)
            h = (h + 1) & (nt.n - 1);
        nt.slots[h] = t->slots[i];
    }
    free(t->slots);
    *t = nt;
    return 0;
}

static int table_add(pf_table *t, const char *w, size_t len, size_t ri)
{
    pf_slot *s = table_find(t, w, len);
    size_t h;

    if (s == NULL) {
        if ((t->used + 1) * 2 > t->n && table_rehash(t) != 0)
            return -1;
        h = (size_t)util_fnv1a(w, len, UTIL_FNV_SEED) & (t->n - 1);
        while (t->slots[h].word)
            h = (h + 1) & (t->n - 1);
        s = &t->slots[h];
        s->word = util_strndup(w, len);
        if (s->word == NULL)
            return -1;
        s->len = len;
        t->used++;
    }
    if (s->count && s->rules[s->count - 1] == ri)
        return 0;
    if (util_grow((void **)&s->rules, &s->cap, s->count + 1, sizeof(size_t)) !=
        0)
        return -1;
    s->rules[s->count++] = ri;
    return 0;
}

/*
 * A byte of a token folded to lower case, or 0 for a byte between
 * tokens: tokens are runs of ASCII letters and digits and of bytes of
 * UTF-8.  Trigger words (longest_word) and sentences (prefilter_scan,
 * through the table prefilter.fold) are cut alike.
 */
static unsigned char token_fold(unsigned char c)
{
    return (unsigned char)(util_isalnum(c) || c >= 0x80 ? util_lower(c) : 0);
}

/* The longest token of a phrase, folded, into w. */
static size_t longest_word(const char *s, char *w, size_t size)
{
    size_t best = 0, bstart = 0, i = 0, start, n;

    while (s[i]) {
        while (s[i] && token_fold((unsigned char)s[i]) == 0)
            i++;
        start = i;
        while (s[i] && token_fold((unsigned char)s[i]) != 0)
            i++;
        if (i - start > best) {
            best = i - start;
            bstart = start;
        }
    }
    if (best >= size)
        best = size - 1;
    for (n = 0; n < best; n++)
        w[n] = (char)token_fold((unsigned char)s[bstart + n]);
    w[best] = '\0';
    return best;
}

/* The index into prefilter.plen of a word of n bytes. */
static size_t first2_key(const char *w, size_t n)
{
    return (size_t)(unsigned char)w[0] << 8 | (n > 1 ? (unsigned char)w[1] : 0);
}

static int list_add(struct pf_list *l, size_t bit)
{
    if (l->count && l->v[l->count - 1] == bit)
        return 0;
    if (util_grow((void **)&l->v, &l->cap, l->count + 1, sizeof(size_t)) != 0)
        return -1;
    l->v[l->count++] = bit;
    return 0;
}

/* Adds a word of ru's trigger or require lines to the prefilter. */
static int add_trigger(compiler *c, prefilter *pf, rule *ru, const trigger *t)
{
    size_t len = strlen(t->word), i;
    size_t bit = t->clause ? ru->clause_base + t->clause - 1 : ru->index;
    unsigned char ch = (unsigned char)t->word[0];

    if (strcmp(t->word, "#digit") == 0)
        return list_add(&pf->digit, bit);
    if (trigger_is_punct(t->word, len))
        return list_add(&pf->punct[ch], bit);
    if (t->word[0] == '@') {
        lexicon *lx = rules_lexicon(c->rules, t->word + 1);
        char w[64];

        if (lx == NULL) {
            cerror(c, ru->file, t->line, t->col, "%s '%s': unknown lexicon",
                   t->clause ? "require" : "trigger", t->word);
            return 0;
        }
        for (i = 0; i < lx->count; i++) {
            size_t n = longest_word(lx->entries[i].phrase, w, sizeof(w));

            /* A phrase matches whole words only, so its longest word
             * is a token of the sentence, figures too ("25th"). */
            if (n && table_add(&pf->exact, w, n, bit) != 0)
                return -1;
        }
        return 0;
    }
    if (t->prefix) {
        uint16_t lbit = util_len_bit(len);

        if (len >= 2) {
            pf->plen[first2_key(t->word, len)] |= lbit;
        } else {
            /* Every token that starts with this byte. */
            for (i = 0; i < 256; i++)
                pf->plen[(size_t)ch << 8 | i] |= lbit;
        }
        if (pf->min_prefix == 0 || len < pf->min_prefix)
            pf->min_prefix = len;
        if (len > pf->max_prefix)
            pf->max_prefix = len;
        return table_add(&pf->prefix, t->word, len, bit);
    }
    return table_add(&pf->exact, t->word, len, bit);
}

/* Sets the bits of n rules (or clauses) for a trigger word s[start..end),
 * the rules' reach too when it is not NULL. */
static void set_bits(const dtl_rules *rs, uint64_t *bits, const size_t *rules,
                     size_t n, rule_reach *reach, size_t start, size_t end)
{
    size_t i;

    for (i = 0; i < n; i++) {
        uint64_t bit = (uint64_t)1 << (rules[i] % 64);

        if (reach && rules[i] < rs->live_count) {
            if (!(bits[rules[i] / 64] & bit))
                reach[rules[i]].from = (uint32_t)start;
            reach[rules[i]].to = (uint32_t)end;
        }
        bits[rules[i] / 64] |= bit;
    }
}

/*
 * Tokens are runs of ASCII letters and digits and of non-ASCII bytes,
 * folded to lower case: "Test-fired 2 Scuds" gives test, fired, 2,
 * scuds.
 */
void prefilter_scan(const dtl_rules *rs, const char *s, size_t len,
                    uint64_t *bits, rule_reach *reach)
{
    const prefilter *pf = rs->pf;
    char tok[64];
    /* ph[k]: the hash of the first k bytes of the token (k <= 64). */
    uint64_t ph[sizeof(tok) + 1];
    size_t i = 0, n, k, ts;
    const pf_slot *slot;
    unsigned cl;

    memset(bits, 0, rs->word_count * sizeof(uint64_t));
    if (pf == NULL)
        return;
    ph[0] = UTIL_FNV_SEED;
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];

        if (pf->fold[ch] == 0) {
            if (ch < 128 && pf->punct[ch].count)
                set_bits(rs, bits, pf->punct[ch].v, pf->punct[ch].count, reach,
                         i, i + 1);
            i++;
            continue;
        }
        /* Folded and hashed in one pass; the hash of each prefix is
         * kept for the prefix triggers. */
        n = 0;
        ts = i;
        while (i < len && (ch = pf->fold[(unsigned char)s[i]]) != 0) {
            if (n < sizeof(tok)) {
                tok[n] = (char)ch;
                ph[n + 1] = util_fnv1a_byte(ph[n], ch);
            }
            n++;
            i++;
        }
        if (n > sizeof(tok))
            continue;
        if (util_isdigit((unsigned char)tok[0]))
            set_bits(rs, bits, pf->digit.v, pf->digit.count, reach, ts, i);
        slot = table_find_hash(&pf->exact, tok, n, ph[n]);
        if (slot)
            set_bits(rs, bits, slot->rules, slot->count, reach, ts, i);
        if (pf->max_prefix && n >= pf->min_prefix) {
            unsigned m = pf->plen[first2_key(tok, n)];

            for (; m != 0; m &= m - 1) {
                size_t lo = util_ctz64(m), hi = lo;

                if (lo > n)
                    break;
                if (lo == 15) /* 15 bytes or more */
                    hi = n < pf->max_prefix ? n : pf->max_prefix;
                for (k = lo; k <= hi; k++) {
                    slot = table_find_hash(&pf->prefix, tok, k, ph[k]);
                    if (slot)
                        set_bits(rs, bits, slot->rules, slot->count, reach, ts,
                                 i);
                }
            }
        }
    }
    /* A rule is tried when each of its clauses has fired. */
    for (k = 0; k < pf->conj.count; k++) {
        const rule *ru = rs->live[pf->conj.v[k]];

        if (!bit_test(bits, ru->index))
            continue;
        for (cl = 0; cl < ru->clause_count; cl++) {
            if (!bit_test(bits, ru->clause_base + cl)) {
                bits[ru->index / 64] &= ~((uint64_t)1 << (ru->index % 64));
                break;
            }
        }
    }
}

/* ------------------------------------------------------------------ */
/* The whole rule set                                                  */
/* ------------------------------------------------------------------ */

/* The pattern of macro name, when there is one (see base.rules). */
static int build_macro(compiler *c, pattern *p, const char *name)
{
    macro *m = rules_macro(c->rules, name, strlen(name));
    int rc;

    if (m == NULL)
        return 0;
    p->src = m->src;
    p->file = m->file;
    p->line = m->line;
    p->col = m->col;
    rc = compile_pattern(c, NULL, p);
    return rc;
}

/* A phrase listed twice in one file of one lexicon is a slip: the
 * later line would silently win (lexicon_index).  Another file may
 * list it again on purpose (--rules DIR overrides). */
static void check_twice(compiler *c, const lexicon *lex)
{
    size_t i;

    for (i = 0; i < lex->count; i++) {
        const lex_entry *e = &lex->entries[i];
        const lex_entry *last = lexicon_find(lex, e->phrase, strlen(e->phrase));

        if (last != NULL && last != e && last->file != NULL &&
            e->file != NULL && strcmp(last->file, e->file) == 0)
            cerror(c, last->file, last->line, 5,
                   "'%s' is listed twice in lexicon '%s' (first at line %u)",
                   e->phrase, lex->name, e->line);
    }
}

/*
 * The identity of the cache of the n patterns forms (cache.h): named by
 * the rule files loaded, keyed by PCRE2's version, the options and every
 * expanded source.  Two rule sets whose files differ keep two caches;
 * editing a file replaces its set's.
 */
static void cache_ident(const dtl_rules *rs, pattern *const *forms, size_t n,
                        cache_id *id)
{
    char ver[64] = "";
    uint64_t h = UTIL_FNV_SEED, len;
    uint32_t opts = PATTERN_OPTIONS;
    size_t i;

    pcre2_config(PCRE2_CONFIG_VERSION, ver);
    h = util_fnv1a(ver, strlen(ver) + 1, h);
    h = util_fnv1a(&opts, sizeof(opts), h);
    for (i = 0; i < n; i++) {
        len = forms[i]->xlen;
        h = util_fnv1a(&len, sizeof(len), h);
        h = util_fnv1a(forms[i]->xsrc, forms[i]->xlen, h);
    }
    id->key = h;
    id->count = n;
    h = UTIL_FNV_SEED;
    for (i = 0; i < rs->loaded_count; i++)
        h = util_fnv1a(rs->loaded[i], strlen(rs->loaded[i]) + 1, h);
    id->name = h;
}

/*
 * Gives the patterns forms (id->count of them) their ASCII forms from
 * the cache when it holds them: 1, or 0 when they are to be compiled.
 */
static int cache_open(const dtl_rules *rs, pattern **forms, const cache_id *id)
{
    struct pcre2_real_code_8 **codes;
    size_t i;
    int rc = 0;

    if (id->count == 0 || (codes = malloc(id->count * sizeof(*codes))) == NULL)
        return 0;
    if (cache_load(rs->cache_dir, id, codes) == 0) {
        for (i = 0; i < id->count; i++)
            forms[i]->code_ascii = codes[i];
        rc = 1;
    }
    free(codes);
    return rc;
}

/* Saves the ASCII forms just compiled of the patterns forms. */
static void cache_store(const dtl_rules *rs, pattern *const *forms,
                        const cache_id *id)
{
    struct pcre2_real_code_8 **codes;
    size_t i;

    if (id->count == 0 || (codes = malloc(id->count * sizeof(*codes))) == NULL)
        return; /* the next run compiles again */
    for (i = 0; i < id->count; i++)
        codes[i] = forms[i]->code_ascii;
    cache_save(rs->cache_dir, id, codes);
    free(codes);
}

dtl_status dtl_rules_compile(dtl_rules *rs, dtl_diag_fn diag, void *ctx,
                             dtl_error *err)
{
    compiler c;
    size_t i, j, k, n = 0;
    pattern **forms = NULL;
    cache_id cid;
    int rc, cached = 0;

    memset(&c, 0, sizeof(c));
    c.rules = rs;
    c.diag = diag;
    c.ctx = ctx;
    c.err = err;
    if (err)
        memset(err, 0, sizeof(*err));
    if (rs->compiled)
        return diag_set(err, DTL_EUSAGE, "", 0, 0, "already compiled");
    rs->compiled = 1;
    for (i = 0; i < rs->lex_count; i++) {
        if (lexicon_index(&rs->lex[i]) != 0)
            goto nomem;
        check_twice(&c, &rs->lex[i]);
    }
    /* The lexicons do not move any more: look them up by name through
     * a hash table (rules_lexicon is called for each expression). */
    if (rules_index_lexicons(rs) != 0)
        goto nomem;
    rs->live = malloc((rs->rule_count + 1) * sizeof(*rs->live));
    rs->pf = calloc(1, sizeof(*rs->pf));
    if (rs->live == NULL || rs->pf == NULL)
        goto nomem;
    for (i = 0; i < 256; i++)
        rs->pf->fold[i] = token_fold((unsigned char)i);
    for (i = 0; i < rs->rule_count; i++) {
        if (rs->rules[i]->dead)
            continue;
        rs->rules[i]->index = n;
        rs->live[n++] = rs->rules[i];
    }
    rs->live_count = n;
    /* The bits of the require clauses follow those of the rules. */
    for (i = 0, j = n; i < n; i++) {
        rs->live[i]->clause_base = j;
        j += rs->live[i]->clause_count;
        if (rs->live[i]->clause_count && list_add(&rs->pf->conj, i) != 0)
            goto nomem;
    }
    rs->word_count = j / 64 + 1;
    /* The JIT state of each form of each pattern: those of the rules and
     * of the three macros build_macro compiles. */
    for (i = 0, k = 0; i < n; i++)
        k += rs->live[i]->pat_count;
    rs->jit = calloc(2 * (k + 3), sizeof(*rs->jit));
    if (rs->jit == NULL)
        goto nomem;
    /* Expand every pattern (errors in the order of the rules), compile
     * their ASCII forms, on several threads when there are, then the
     * rest of each. */
    forms = malloc((k + 1) * sizeof(*forms));
    if (forms == NULL)
        goto nomem;
    for (i = 0, k = 0; i < n; i++) {
        rule *ru = rs->live[i];

        for (j = 0; j < ru->pat_count; j++) {
            rc = expand_pattern(&c, &ru->pats[j]);
            if (rc < 0)
                goto nomem;
            if (rc == 0)
                forms[k++] = &ru->pats[j];
        }
    }
    if (rs->cache_dir) {
        cache_ident(rs, forms, k, &cid);
        cached = cache_open(rs, forms, &cid);
    }
    if (!cached)
        util_parallel(k, rs->threads, compile_form, forms);
    for (i = 0; i < n; i++) {
        rule *ru = rs->live[i];

        for (j = 0; j < ru->pat_count; j++) {
            if (ru->pats[j].xsrc == NULL)
                continue; /* did not expand: reported */
            rc = finish_pattern(&c, ru, &ru->pats[j], 1);
            if (rc < 0)
                goto nomem;
        }
        for (j = 0; j < ru->trigger_count; j++)
            if (add_trigger(&c, rs->pf, ru, &ru->triggers[j]) != 0)
                goto nomem;
    }
    rs->gaz = gazetteer_new(rs);
    if (rs->gaz == NULL ||
        build_macro(&c, &rs->attr_after, "attribution_after") < 0 ||
        build_macro(&c, &rs->attr_before, "attribution_before") < 0 ||
        build_macro(&c, &rs->repeat, "event_repeat") < 0)
        goto nomem;
    for (; rs->jit_mu_ready < RULES_JIT_LOCKS; rs->jit_mu_ready++)
        if (pthread_mutex_init(&rs->jit_mu[rs->jit_mu_ready], NULL) != 0)
            goto nomem;
    rs->abbrev = rules_lexicon(rs, "abbreviation");
    rs->starter = rules_lexicon(rs, "sentence_start");
    rs->clock_follow = rules_lexicon(rs, "clock_follow");
    if (c.errors || rs->load_failed) {
        free(forms);
        return DTL_ERULE;
    }
    if (rs->cache_dir && !cached)
        cache_store(rs, forms, &cid);
    free(forms);
    return DTL_OK;
nomem:
    free(forms);
    return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
}
