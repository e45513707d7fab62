/* SPDX-License-Identifier: MIT */
/*
 * rules.c - reading rule files (docs/rules.md).
 *
 * Input: rules directories and files.  Output: the lexicons, macros and
 * rules of a dtl_rules, not yet compiled (rules_compile.c does that).
 * The reader is line-oriented: a line in column 1 opens a block or is a
 * directive, an indented line is a property or a lexicon entry.  Every
 * error goes to the caller's diagnostic callback as file:line:col, and
 * reading goes on, so one run shows all the errors of a file.  Also
 * here: dtl_rules_new/free, dtl_rules_count/info.
 */
#define _XOPEN_SOURCE 700 /* realpath() */
#include "rules.h"

#include <dtl/event.h>
#include <dtl/limits.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "gazetteer.h"
#include "util.h"

/* ------------------------------------------------------------------ */
/* The reading state                                                   */
/* ------------------------------------------------------------------ */

typedef struct reader {
    dtl_rules *rules;
    dtl_diag_fn diag;
    void *ctx;
    dtl_error *err;   /* first error, for the caller */
    const char *file; /* in rules->mem */
    const char *dir;  /* directory of file, for include */
    unsigned lineno;
    const char *line;  /* current line (without newline) */
    size_t errors;     /* in this file */
    size_t any_errors; /* in this load */
    unsigned depth;
    char **stack; /* files being read, for include cycles */
    /* Current block */
    rule *cur;
    lexicon *lex;
    int skip; /* the block header was wrong: ignore its lines */
} reader;

static unsigned char_col(const char *line, size_t byte_off)
{
    unsigned col = 1;
    size_t i;

    for (i = 0; i < byte_off && line[i]; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    return col;
}

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
rerror(reader *r, size_t byte_col, const char *fmt, ...)
{
    dtl_error e;
    va_list ap;

    r->any_errors++;
    r->rules->load_failed = 1;
    if (r->errors++ >= DTL_MAX_DIAGS)
        return;
    memset(&e, 0, sizeof(e));
    e.code = DTL_ERULE;
    snprintf(e.file, sizeof(e.file), "%s", r->file);
    e.line = r->lineno;
    e.col = r->line ? char_col(r->line, byte_col) : 0;
    va_start(ap, fmt);
    vsnprintf(e.msg, sizeof(e.msg), fmt, ap);
    va_end(ap);
    if (r->errors == DTL_MAX_DIAGS + 0u) {
        size_t n = strlen(e.msg);

        snprintf(e.msg + n, sizeof(e.msg) - n,
                 " (too many errors; stopping reports for this file)");
    }
    if (r->err && r->err->code == DTL_OK)
        *r->err = e;
    if (r->diag)
        r->diag(r->ctx, &e);
}

static void oom(reader *r)
{
    rerror(r, 0, "out of memory");
    if (r->err)
        r->err->code = DTL_ENOMEM;
}

/* ------------------------------------------------------------------ */
/* Small parsers                                                       */
/* ------------------------------------------------------------------ */

static int is_name_char(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

/* Length of the rule/lexicon name at s, 0 when s does not start one. */
static size_t name_len(const char *s)
{
    size_t n = 0;

    if (!(s[0] >= 'a' && s[0] <= 'z'))
        return 0;
    while (is_name_char((unsigned char)s[n]))
        n++;
    return n;
}

static const char *skip_ws(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

static size_t word_len(const char *s)
{
    size_t n = 0;

    while (s[n] && s[n] != ' ' && s[n] != '\t')
        n++;
    return n;
}

static char *rdup(reader *r, const char *s, size_t len)
{
    char *d = arena_strndup(&r->rules->mem, s, len);

    if (d == NULL)
        oom(r);
    return d;
}

static const char *const status_names[] = {
    "occurred", "planned", "denied", "cancelled", "threatened", "hypothetical"};

static int status_from_name(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < DTL_STATUS_COUNT; i++)
        if (strlen(status_names[i]) == len &&
            memcmp(status_names[i], s, len) == 0)
            return (int)i;
    return -1;
}

const char *dtl_event_status_name(dtl_event_status status)
{
    if ((unsigned)status >= DTL_STATUS_COUNT)
        return "occurred";
    return status_names[status];
}

static const char *const resolvers[] = {
    "date",     "weekday", "offset", "relative", "ref",
    "duration", "set",     "time",   "range",    NULL};

static const char *const timex_types[] = {"DATE", "TIME", "DURATION", "SET",
                                          NULL};

static int find_word(const char *const *list, const char *s, size_t len)
{
    int i;

    for (i = 0; list[i]; i++)
        if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
            return i;
    return -1;
}

/*
 * Reads a double-quoted string at s with \", \\ and \n (a line break,
 * for a text of several lines) escapes into a new arena string; *end
 * receives the byte after the closing quote.
 * Example: "\"say \\\"hi\\\"\" => x" gives `say "hi"` and points at " =>".
 */
static char *read_quoted(reader *r, const char *s, const char **end)
{
    buf b;
    const char *p = s + 1;
    char *out;

    buf_init(&b, DTL_MAX_RULE_LINE);
    while (*p && *p != '"') {
        char c = *p;

        if (*p == '\\' && (p[1] == '"' || p[1] == '\\' || p[1] == 'n')) {
            p++;
            c = *p == 'n' ? '\n' : *p;
        }
        if (buf_putc(&b, c) != 0) {
            buf_free(&b);
            oom(r);
            return NULL;
        }
        p++;
    }
    if (*p != '"') {
        buf_free(&b);
        rerror(r, (size_t)(s - r->line), "unterminated string");
        return NULL;
    }
    *end = p + 1;
    out = rdup(r, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

/* ------------------------------------------------------------------ */
/* Blocks                                                              */
/* ------------------------------------------------------------------ */

static rule *find_rule(dtl_rules *rs, rule_kind kind, const char *name)
{
    size_t i;

    for (i = 0; i < rs->rule_count; i++)
        if (!rs->rules[i]->dead && rs->rules[i]->kind == kind &&
            strcmp(rs->rules[i]->name, name) == 0)
            return rs->rules[i];
    return NULL;
}

static void open_rule(reader *r, rule_kind kind, const char *args,
                      size_t args_col)
{
    dtl_rules *rs = r->rules;
    size_t n = name_len(args);
    rule *ru, *old;
    char *name;

    r->skip = 1; /* until the block is open */
    if (n == 0 || (args[n] && args[n] != ' ' && args[n] != '\t')) {
        rerror(r, args_col,
               "expected a name ([a-z][a-z0-9_.-]*) after the keyword");
        return;
    }
    if (*skip_ws(args + n))
        rerror(r, (size_t)(skip_ws(args + n) - r->line),
               "unexpected text after the name");
    if (rs->rule_count >= DTL_MAX_RULES) {
        rerror(r, args_col, "too many rules (DTL_MAX_RULES is %u)",
               DTL_MAX_RULES);
        return;
    }
    name = rdup(r, args, n);
    if (name == NULL)
        return;
    old = find_rule(rs, kind, name);
    if (old && old->dir == rs->dir) {
        rerror(r, args_col, "duplicate name '%s' (first defined at %s:%u)",
               name, old->file, old->line);
        return;
    }
    ru = arena_alloc(&rs->mem, sizeof(*ru));
    if (ru == NULL || util_grow((void **)&rs->rules, &rs->rule_cap,
                                rs->rule_count + 1, sizeof(*rs->rules)) != 0) {
        oom(r);
        return;
    }
    if (old)
        old->dead = 1;
    ru->kind = kind;
    ru->name = name;
    ru->file = r->file;
    ru->line = r->lineno;
    ru->dir = rs->dir;
    ru->type = "";
    ru->cameo = "";
    ru->resolver = "";
    ru->status = 0;
    rs->rules[rs->rule_count++] = ru;
    r->cur = ru;
    r->skip = 0;
}

static void open_lexicon(reader *r, const char *args, size_t args_col)
{
    dtl_rules *rs = r->rules;
    size_t n = name_len(args), fl;
    const char *p;
    unsigned flags = 0;
    lexicon *lex;
    char *name;

    if (n == 0) {
        rerror(r, args_col, "expected a lexicon name");
        r->skip = 1;
        return;
    }
    for (p = skip_ws(args + n); *p; p = skip_ws(p + fl)) {
        fl = word_len(p);
        if (fl == 4 && memcmp(p, "case", 4) == 0)
            flags |= LEX_CASE;
        else if (fl == 5 && memcmp(p, "actor", 5) == 0)
            flags |= LEX_ACTOR;
        else if (fl == 5 && memcmp(p, "place", 5) == 0)
            flags |= LEX_PLACE;
        else if (fl == 7 && memcmp(p, "anaphor", 7) == 0)
            flags |= LEX_ANAPHOR;
        else
            rerror(r, (size_t)(p - r->line),
                   "unknown lexicon flag '%.*s' (expected case, actor, "
                   "place or anaphor)",
                   (int)fl, p);
    }
    name = rdup(r, args, n);
    if (name == NULL)
        return;
    lex = rules_lexicon(rs, name);
    if (lex) {
        if (lex->flags != flags)
            rerror(r, args_col,
                   "lexicon '%s' continued with other flags (first at "
                   "%s:%u)",
                   name, lex->file, lex->line);
        r->lex = lex;
        return;
    }
    if (util_grow((void **)&rs->lex, &rs->lex_cap, rs->lex_count + 1,
                  sizeof(*rs->lex)) != 0) {
        oom(r);
        return;
    }
    lex = &rs->lex[rs->lex_count++];
    memset(lex, 0, sizeof(*lex));
    lex->name = name;
    lex->flags = flags;
    lex->file = r->file;
    lex->line = r->lineno;
    lex->era_until = DTL_DAY_NONE;
    if (strncmp(name, "era_until_", 10) == 0 &&
        dtl_date_parse(name + 10, &lex->era_until) != DTL_OK) {
        rerror(r, args_col + 10,
               "an era lexicon is named era_until_YYYY-MM-DD, a valid day");
        lex->era_until = DTL_DAY_NONE;
    }
    r->lex = lex;
}

static void define_macro(reader *r, const char *args, size_t args_col)
{
    dtl_rules *rs = r->rules;
    size_t n = name_len(args), i;
    const char *pat;
    macro *m = NULL;
    char *name;

    if (n == 0 || (args[n] != ' ' && args[n] != '\t')) {
        rerror(r, args_col, "expected 'macro NAME PATTERN'");
        return;
    }
    pat = skip_ws(args + n);
    if (*pat == '\0') {
        rerror(r, args_col + n, "macro '%.*s' has no pattern", (int)n, args);
        return;
    }
    name = rdup(r, args, n);
    if (name == NULL)
        return;
    for (i = 0; i < rs->macro_count; i++) {
        if (strcmp(rs->macros[i].name, name) == 0) {
            m = &rs->macros[i];
            break;
        }
    }
    if (m && m->dir == rs->dir) {
        rerror(r, args_col, "duplicate macro '%s' (first defined at %s:%u)",
               name, m->file, m->line);
        return;
    }
    if (m == NULL) {
        if (util_grow((void **)&rs->macros, &rs->macro_cap, rs->macro_count + 1,
                      sizeof(*rs->macros)) != 0) {
            oom(r);
            return;
        }
        m = &rs->macros[rs->macro_count++];
    }
    memset(m, 0, sizeof(*m));
    m->name = name;
    m->src = rdup(r, pat, strlen(pat));
    m->file = r->file;
    m->line = r->lineno;
    m->col = char_col(r->line, (size_t)(pat - r->line));
    m->dir = rs->dir;
}

/* ------------------------------------------------------------------ */
/* Properties                                                          */
/* ------------------------------------------------------------------ */

static int grow_array(reader *r, void **p, size_t count, size_t size)
{
    void *np = realloc(*p, (count + 1) * size);

    if (np == NULL) {
        oom(r);
        return -1;
    }
    *p = np;
    return 0;
}

/*
 * The arrays of a rule grow by one with realloc; they are freed in
 * dtl_rules_free().  Rules have few properties, so this stays cheap.
 */
static void add_pattern(reader *r, rule *ru, const char *v, size_t vcol)
{
    pattern *p;

    if (grow_array(r, (void **)&ru->pats, ru->pat_count, sizeof(*p)) != 0)
        return;
    p = &ru->pats[ru->pat_count];
    memset(p, 0, sizeof(*p));
    p->src = rdup(r, v, strlen(v));
    if (p->src == NULL)
        return;
    p->file = r->file;
    p->line = r->lineno;
    p->col = char_col(r->line, vcol);
    ru->pat_count++;
}

static void add_triggers(reader *r, rule *ru, const char *v, unsigned clause,
                         const char *key)
{
    const char *p;
    size_t n, i;
    trigger *t;
    char *w;

    for (p = v; *p; p = skip_ws(p + n)) {
        n = word_len(p);
        if (grow_array(r, (void **)&ru->triggers, ru->trigger_count,
                       sizeof(*t)) != 0)
            return;
        t = &ru->triggers[ru->trigger_count];
        t->col = char_col(r->line, (size_t)(p - r->line));
        t->line = r->lineno;
        t->clause = clause;
        t->prefix = n > 1 && p[n - 1] == '*';
        w = rdup(r, p, n - (size_t)t->prefix);
        if (w == NULL)
            return;
        if (trigger_is_punct(w, n)) {
            /* One punctuation character: "/" for "3/25/2021". */
        } else if (w[0] != '@' && w[0] != '#') {
            for (i = 0; w[i]; i++) {
                if (!util_isalnum((unsigned char)w[i]) &&
                    (unsigned char)w[i] < 0x80) {
                    rerror(r, (size_t)(p - r->line) + i,
                           "%s '%.*s' may only hold letters and "
                           "digits (write 'fired' for 'test-fired'), or be "
                           "one punctuation character",
                           key, (int)n, p);
                    return;
                }
                w[i] = (char)util_lower((unsigned char)w[i]);
            }
        } else if (w[0] == '#' && strcmp(w, "#digit") != 0) {
            rerror(r, (size_t)(p - r->line),
                   "unknown %s class '%s' (only #digit)", key, w);
            return;
        }
        t->word = w;
        ru->trigger_count++;
    }
}

/*
 * Checks the text after "=>" of an event example: key=value pairs,
 * values bare or double-quoted.
 */
static void check_event_expect(reader *r, const char *s)
{
    static const char *const keys[] = {"type",   "status",      "source",
                                       "target", "participant", "location",
                                       "weapon", "count",       NULL};
    const char *p = skip_ws(s), *q;
    size_t n;

    while (*p) {
        q = p;
        while (*q && *q != '=' && *q != ' ')
            q++;
        n = (size_t)(q - p);
        if (*q != '=' || find_word(keys, p, n) < 0) {
            rerror(r, (size_t)(p - r->line),
                   "expected field=value with a field of: type status "
                   "source target participant location weapon count");
            return;
        }
        q++;
        if (*q == '"') {
            const char *e = q + 1;

            while (*e && *e != '"')
                e++;
            if (*e != '"') {
                rerror(r, (size_t)(q - r->line), "unterminated string");
                return;
            }
            q = e + 1;
        } else {
            while (*q && *q != ' ')
                q++;
        }
        p = skip_ws(q);
    }
}

static int check_day(const char *s, size_t n)
{
    char tmp[11];
    dtl_day d;

    if (n == 1 && s[0] == '?')
        return 1;
    if (n != 10)
        return 0;
    memcpy(tmp, s, 10);
    tmp[10] = '\0';
    return dtl_date_parse(tmp, &d) == DTL_OK;
}

/* Checks "VALUE [EARLIEST..LATEST]" of a timex example. */
static void check_timex_expect(reader *r, const char *s)
{
    const char *p = skip_ws(s), *dots;
    size_t n;

    n = word_len(p);
    if (n == 0) {
        rerror(r, (size_t)(p - r->line), "expected a TIMEX3 value");
        return;
    }
    p = skip_ws(p + n);
    if (*p == '\0')
        return;
    n = word_len(p);
    dots = strstr(p, "..");
    if (dots == NULL || dots > p + n || !check_day(p, (size_t)(dots - p)) ||
        !check_day(dots + 2, n - (size_t)(dots + 2 - p))) {
        rerror(r, (size_t)(p - r->line),
               "expected an interval YYYY-MM-DD..YYYY-MM-DD ('?' for "
               "open)");
        return;
    }
    if (*skip_ws(p + n))
        rerror(r, (size_t)(skip_ws(p + n) - r->line),
               "unexpected text after the interval");
}

static void add_example(reader *r, rule *ru, const char *v, int negative)
{
    const char *end = NULL, *p;
    example *ex;
    char *text;

    if (*v != '"') {
        rerror(r, (size_t)(v - r->line), "expected a double-quoted sentence");
        return;
    }
    text = read_quoted(r, v, &end);
    if (text == NULL)
        return;
    if (grow_array(r, (void **)&ru->ex, ru->ex_count, sizeof(*ex)) != 0)
        return;
    ex = &ru->ex[ru->ex_count];
    memset(ex, 0, sizeof(*ex));
    ex->text = text;
    ex->negative = negative;
    ex->file = r->file;
    ex->line = r->lineno;
    ex->col = char_col(r->line, (size_t)(v - r->line));
    p = skip_ws(end);
    if (*p == '@') {
        size_t n = word_len(p + 1);

        if (!check_day(p + 1, n) || p[1] == '?') {
            rerror(r, (size_t)(p - r->line),
                   "expected @YYYY-MM-DD (the publication date)");
            return;
        }
        ex->dct = rdup(r, p + 1, n);
        p = skip_ws(p + 1 + n);
    }
    if (p[0] == '=' && p[1] == '>') {
        if (negative) {
            rerror(r, (size_t)(p - r->line),
                   "a counter-example takes no expected fields");
            return;
        }
        p = skip_ws(p + 2);
        if (ru->kind == RULE_EVENT)
            check_event_expect(r, p);
        else if (ru->kind == RULE_TIMEX)
            check_timex_expect(r, p);
        ex->expect = rdup(r, p, strlen(p));
    } else if (*p) {
        rerror(r, (size_t)(p - r->line), "expected '=>' or end of line");
        return;
    }
    ru->ex_count++;
}

static const char *block_name(rule_kind kind);

static void add_defaults(reader *r, rule *ru, const char *v)
{
    const char *p = skip_ws(v);
    size_t n;

    n = word_len(p);
    if (*ru->resolver != '\0') {
        /* a second line would merge its keys into the first's */
        rerror(r, (size_t)(p - r->line),
               "%s '%s' has a value already (one value line per rule)",
               block_name(ru->kind), ru->name);
        return;
    }
    if (find_word(resolvers, p, n) < 0) {
        rerror(r, (size_t)(p - r->line),
               "unknown resolver '%.*s' (expected date, weekday, offset, "
               "relative, ref, duration, set, time or range)",
               (int)n, p);
        return;
    }
    ru->resolver = rdup(r, p, n);
    for (p = skip_ws(p + n); *p; p = skip_ws(p + n)) {
        const char *eq;

        n = word_len(p);
        eq = memchr(p, '=', n);
        if (eq == NULL || eq == p) {
            rerror(r, (size_t)(p - r->line),
                   "expected name=value after the resolver");
            return;
        }
        if (grow_array(r, (void **)&ru->defaults, ru->default_count,
                       sizeof(*ru->defaults)) != 0)
            return;
        ru->defaults[ru->default_count] = rdup(r, p, n);
        if (ru->defaults[ru->default_count])
            ru->default_count++;
    }
}

static int allowed(rule_kind kind, const char *key)
{
    static const char *const ev[] = {
        "type",    "cameo",   "priority", "status",  "trigger",
        "require", "pattern", "example",  "counter", NULL};
    static const char *const tx[] = {"type",    "priority", "trigger",
                                     "require", "pattern",  "value",
                                     "example", "counter",  NULL};
    static const char *const rj[] = {"trigger", "require", "pattern",
                                     "example", "counter", NULL};
    static const char *const md[] = {"status", "pattern", "example", "counter",
                                     NULL};
    const char *const *list = kind == RULE_EVENT    ? ev
                              : kind == RULE_TIMEX  ? tx
                              : kind == RULE_REJECT ? rj
                                                    : md;

    return find_word(list, key, strlen(key)) >= 0;
}

static const char *kind_name(rule_kind kind)
{
    static const char *const names[] = {"event", "timex", "reject", "modality"};

    return names[kind];
}

/* The keyword that opens a block of this kind, for messages. */
static const char *block_name(rule_kind kind)
{
    static const char *const names[] = {"rule", "timex", "reject", "modality"};

    return names[kind];
}

static void property(reader *r, const char *p)
{
    rule *ru = r->cur;
    size_t kn = word_len(p);
    const char *v = skip_ws(p + kn);
    size_t vcol = (size_t)(v - r->line);
    char key[16];
    int st;

    if (kn >= sizeof(key))
        kn = sizeof(key) - 1;
    memcpy(key, p, kn);
    key[kn] = '\0';
    if (!allowed(ru->kind, key)) {
        rerror(r, (size_t)(p - r->line), "unknown property '%s' in %s '%s'",
               key, block_name(ru->kind), ru->name);
        return;
    }
    if (*v == '\0') {
        rerror(r, (size_t)(p - r->line) + kn, "property '%s' needs a value",
               key);
        return;
    }
    if (strcmp(key, "type") == 0) {
        size_t n = word_len(v);

        if (ru->kind == RULE_TIMEX) {
            int t = find_word(timex_types, v, n);

            if (t < 0) {
                rerror(r, vcol,
                       "unknown TIMEX3 type '%.*s' (expected "
                       "DATE, TIME, DURATION or SET)",
                       (int)n, v);
                return;
            }
            ru->ttype = (dtl_timex_type)t;
        } else {
            size_t i;

            for (i = 0; i < n; i++) {
                if (!is_name_char((unsigned char)v[i])) {
                    rerror(r, vcol + i,
                           "an event type is lower-case letters, digits "
                           "and '_'");
                    return;
                }
            }
        }
        ru->type = rdup(r, v, n);
    } else if (strcmp(key, "cameo") == 0) {
        size_t n = word_len(v), i;

        for (i = 0; i < n; i++)
            if (!util_isdigit((unsigned char)v[i]))
                break;
        if (i != n || n < 2 || n > 4) {
            rerror(r, vcol, "a CAMEO code is 2 to 4 digits");
            return;
        }
        ru->cameo = rdup(r, v, n);
    } else if (strcmp(key, "priority") == 0) {
        char *end;
        long pr;

        errno = 0;
        pr = strtol(v, &end, 10);
        if (end == v || *skip_ws(end) || errno || pr < -1000 || pr > 1000) {
            rerror(r, vcol, "a priority is an integer from -1000 to 1000");
            return;
        }
        ru->priority = (int)pr;
    } else if (strcmp(key, "status") == 0) {
        st = status_from_name(v, word_len(v));
        if (st < 0) {
            rerror(r, vcol,
                   "unknown status '%s' (expected occurred, "
                   "planned, denied, cancelled, threatened or "
                   "hypothetical)",
                   v);
            return;
        }
        ru->status = st;
        if (ru->kind == RULE_MODALITY)
            ru->type = status_names[st];
    } else if (strcmp(key, "trigger") == 0) {
        add_triggers(r, ru, v, 0, key);
    } else if (strcmp(key, "require") == 0) {
        /* Each line is a clause of its own: one of its words too. */
        if (ru->clause_count == RULE_MAX_CLAUSES) {
            rerror(r, (size_t)(p - r->line), "more than %d require lines",
                   RULE_MAX_CLAUSES);
            return;
        }
        add_triggers(r, ru, v, ++ru->clause_count, key);
    } else if (strcmp(key, "pattern") == 0) {
        add_pattern(r, ru, v, vcol);
    } else if (strcmp(key, "example") == 0) {
        add_example(r, ru, v, 0);
    } else if (strcmp(key, "counter") == 0) {
        add_example(r, ru, v, 1);
    } else if (strcmp(key, "value") == 0) {
        add_defaults(r, ru, v);
    }
}

/* Reports what a finished block lacks. */
static void close_block(reader *r)
{
    rule *ru = r->cur;
    unsigned save = r->lineno;
    const char *sline = r->line;

    r->cur = NULL;
    r->lex = NULL;
    if (ru == NULL)
        return;
    r->lineno = ru->line;
    r->line = NULL;
    if (ru->pat_count == 0)
        rerror(r, 0, "%s '%s' has no pattern", block_name(ru->kind), ru->name);
    if (ru->kind == RULE_EVENT) {
        if (*ru->type == '\0')
            rerror(r, 0, "rule '%s' has no type", ru->name);
        if (*ru->cameo == '\0')
            rerror(r, 0, "rule '%s' has no cameo code", ru->name);
        if (ru->trigger_count == 0)
            rerror(r, 0, "rule '%s' has no trigger words", ru->name);
    } else if (ru->kind == RULE_TIMEX) {
        if (*ru->type == '\0')
            rerror(r, 0, "timex '%s' has no type", ru->name);
        if (*ru->resolver == '\0')
            rerror(r, 0, "timex '%s' has no value resolver", ru->name);
        if (ru->trigger_count == 0)
            rerror(r, 0, "timex '%s' has no trigger words", ru->name);
    } else if (ru->kind == RULE_REJECT) {
        if (ru->trigger_count == 0)
            rerror(r, 0, "reject '%s' has no trigger words", ru->name);
    } else if (*ru->type == '\0') {
        rerror(r, 0, "modality '%s' has no status", ru->name);
    }
    r->lineno = save;
    r->line = sline;
}

/* A lexicon entry: "phrase [= code [| canonical]]". */
static void entry(reader *r, const char *p)
{
    const char *eq = strchr(p, '='), *bar, *end;
    const char *code = "", *canon = "";
    size_t plen, clen = 0, nlen = 0;

    end = eq ? eq : p + strlen(p);
    plen = (size_t)(end - p);
    while (plen && (p[plen - 1] == ' ' || p[plen - 1] == '\t'))
        plen--;
    if (plen == 0) {
        rerror(r, (size_t)(p - r->line), "empty lexicon phrase");
        return;
    }
    if (eq) {
        code = skip_ws(eq + 1);
        bar = strchr(code, '|');
        clen = bar ? (size_t)(bar - code) : strlen(code);
        while (clen && (code[clen - 1] == ' ' || code[clen - 1] == '\t'))
            clen--;
        if (bar) {
            canon = skip_ws(bar + 1);
            nlen = strlen(canon);
            while (nlen && (canon[nlen - 1] == ' ' || canon[nlen - 1] == '\t'))
                nlen--;
        }
        if (memchr(code, ' ', clen)) {
            rerror(r, (size_t)(code - r->line),
                   "a lexicon code is one word (canonical names go after "
                   "'|')");
            return;
        }
    }
    if (lexicon_add(r->rules, r->lex, p, plen, code, clen, canon, nlen, r->file,
                    r->lineno) != 0)
        oom(r);
}

/* ------------------------------------------------------------------ */
/* Files                                                               */
/* ------------------------------------------------------------------ */

static dtl_status read_file(reader *r, const char *path);

static void include(reader *r, const char *args, size_t col)
{
    char *path;
    size_t dl = strlen(r->dir), al = word_len(args);
    const char *save_file = r->file, *save_dir = r->dir, *save_line = r->line;
    unsigned save_no = r->lineno;
    size_t save_errors = r->errors;

    if (al == 0) {
        rerror(r, col, "include needs a file name");
        return;
    }
    if (args[0] == '/')
        dl = 0;
    path = malloc(dl + al + 2);
    if (path == NULL) {
        oom(r);
        return;
    }
    if (dl) {
        memcpy(path, r->dir, dl);
        path[dl] = '/';
        memcpy(path + dl + 1, args, al);
        path[dl + 1 + al] = '\0';
    } else {
        memcpy(path, args, al);
        path[al] = '\0';
    }
    if (r->depth >= DTL_MAX_INCLUDE_DEPTH) {
        rerror(r, col, "includes nested deeper than %u", DTL_MAX_INCLUDE_DEPTH);
    } else if (read_file(r, path) == DTL_EIO) {
        r->file = save_file;
        r->lineno = save_no;
        r->line = save_line;
        rerror(r, col, "cannot include '%s': %s", path, strerror(errno));
    }
    free(path);
    r->file = save_file;
    r->dir = save_dir;
    r->lineno = save_no;
    r->line = save_line;
    r->errors = save_errors;
    r->cur = NULL;
    r->lex = NULL;
}

static void line(reader *r, const char *s)
{
    const char *p;
    size_t kn;

    r->line = s;
    p = skip_ws(s);
    if (*p == '\0' || *p == '#')
        return;
    if (p != s) {
        if (r->skip)
            return;
        if (r->lex) {
            entry(r, p);
        } else if (r->cur) {
            property(r, p);
        } else {
            rerror(r, (size_t)(p - s),
                   "indented line outside a block (blocks start in "
                   "column 1)");
        }
        return;
    }
    close_block(r);
    r->skip = 0;
    kn = word_len(s);
    p = skip_ws(s + kn);
    if (kn == 4 && memcmp(s, "rule", 4) == 0)
        open_rule(r, RULE_EVENT, p, (size_t)(p - s));
    else if (kn == 5 && memcmp(s, "timex", 5) == 0)
        open_rule(r, RULE_TIMEX, p, (size_t)(p - s));
    else if (kn == 6 && memcmp(s, "reject", 6) == 0)
        open_rule(r, RULE_REJECT, p, (size_t)(p - s));
    else if (kn == 8 && memcmp(s, "modality", 8) == 0)
        open_rule(r, RULE_MODALITY, p, (size_t)(p - s));
    else if (kn == 7 && memcmp(s, "lexicon", 7) == 0)
        open_lexicon(r, p, (size_t)(p - s));
    else if (kn == 5 && memcmp(s, "macro", 5) == 0)
        define_macro(r, p, (size_t)(p - s));
    else if (kn == 7 && memcmp(s, "include", 7) == 0)
        include(r, p, (size_t)(p - s));
    else
        rerror(r, 0,
               "unknown keyword '%.*s' (expected rule, timex, reject, "
               "modality, lexicon, macro or include)",
               (int)(kn > 40 ? 40 : kn), s);
}

static int already_loaded(dtl_rules *rs, const char *real)
{
    size_t i;

    for (i = 0; i < rs->loaded_count; i++)
        if (strcmp(rs->loaded[i], real) == 0)
            return 1;
    return 0;
}

/* Reads the lines of b (its data is modified in place). */
static void parse_lines(reader *r, buf *b)
{
    size_t i, start = 0;

    r->lineno = 0;
    for (i = 0; i <= b->len; i++) {
        if (i < b->len && b->data[i] != '\n')
            continue;
        if (i == b->len && i == start)
            break;
        r->lineno++;
        if (i > start && b->data[i - 1] == '\r')
            b->data[i - 1] = '\0';
        if (i < b->len)
            b->data[i] = '\0';
        r->line = b->data + start;
        if (i - start > DTL_MAX_RULE_LINE) {
            rerror(r, 0, "line longer than %u bytes", DTL_MAX_RULE_LINE);
        } else {
            uint32_t cp;
            size_t k, m;

            for (k = start; k < i; k += m) {
                m = util_utf8_decode((unsigned char *)b->data + k, i - k, &cp);
                if (m == 0 || cp == 0) {
                    rerror(r, k - start, "invalid UTF-8 or NUL byte");
                    break;
                }
            }
            if (k >= i)
                line(r, b->data + start);
        }
        if (r->errors > DTL_MAX_DIAGS)
            break;
        start = i + 1;
    }
    r->line = NULL;
    close_block(r);
}

/* Parses a whole rule file held in b, named path; include lines are
 * relative to dir. */
static dtl_status parse_buffer(reader *r, const char *path, const char *dir,
                               buf *b)
{
    r->file = rdup(r, path, strlen(path));
    r->dir = rdup(r, dir, strlen(dir));
    if (r->file == NULL || r->dir == NULL)
        return DTL_ENOMEM;
    r->errors = 0;
    r->cur = NULL;
    r->lex = NULL;
    r->skip = 0;
    if (b->len)
        parse_lines(r, b);
    return DTL_OK;
}

static dtl_status read_file(reader *r, const char *path)
{
    dtl_rules *rs = r->rules;
    char *real = realpath(path, NULL), *slash, *dir;
    FILE *f = NULL;
    buf b;
    char chunk[8192];
    size_t n;
    unsigned d;
    dtl_status st;

    if (real == NULL)
        return DTL_EIO;
    for (d = 0; d < r->depth; d++) {
        if (strcmp(r->stack[d], real) == 0) {
            rerror(r, 0, "'%s' includes itself (through %s)", path, r->file);
            free(real);
            return DTL_ERULE;
        }
    }
    if (already_loaded(rs, real)) {
        free(real);
        return DTL_OK;
    }
    f = fopen(path, "rb");
    if (f == NULL) {
        free(real);
        return DTL_EIO;
    }
    if (util_grow((void **)&rs->loaded, &rs->loaded_cap, rs->loaded_count + 1,
                  sizeof(char *)) != 0) {
        free(real);
        fclose(f);
        oom(r);
        return DTL_ENOMEM;
    }
    rs->loaded[rs->loaded_count++] = real;
    buf_init(&b, 64u * 1024u * 1024u);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (buf_append(&b, chunk, n) != 0) {
            fclose(f);
            buf_free(&b);
            oom(r);
            return DTL_ENOMEM;
        }
    }
    fclose(f);
    dir = util_strndup(path, strlen(path));
    if (dir == NULL) {
        buf_free(&b);
        return DTL_ENOMEM;
    }
    slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    r->stack[r->depth++] = real;
    st = parse_buffer(r, path, slash ? dir : ".", &b);
    r->depth--;
    free(dir);
    buf_free(&b);
    return st;
}

static reader reader_init(dtl_rules *rules, dtl_diag_fn diag, void *ctx,
                          dtl_error *err, char **stack)
{
    reader r;

    memset(&r, 0, sizeof(r));
    r.rules = rules;
    r.diag = diag;
    r.ctx = ctx;
    r.err = err;
    r.stack = stack;
    if (err)
        memset(err, 0, sizeof(*err));
    return r;
}

dtl_status dtl_rules_load_file(dtl_rules *rules, const char *path,
                               dtl_diag_fn diag, void *ctx, dtl_error *err)
{
    char *stack[DTL_MAX_INCLUDE_DEPTH + 1];
    reader r = reader_init(rules, diag, ctx, err, stack);
    dtl_status st;

    if (rules->compiled)
        return diag_set(err, DTL_EUSAGE, path, 0, 0, "rules already compiled");
    rules->dir++;
    st = read_file(&r, path);
    if (st == DTL_EIO)
        return diag_set(err, DTL_EIO, path, 0, 0, "%s", strerror(errno));
    if (err && err->code == DTL_ENOMEM)
        return DTL_ENOMEM;
    return r.any_errors ? DTL_ERULE : DTL_OK;
}

dtl_status dtl_rules_load_string(dtl_rules *rules, const char *name,
                                 const char *data, size_t len, dtl_diag_fn diag,
                                 void *ctx, dtl_error *err)
{
    char *stack[DTL_MAX_INCLUDE_DEPTH + 1];
    reader r = reader_init(rules, diag, ctx, err, stack);
    buf b;
    dtl_status st;

    if (rules->compiled)
        return diag_set(err, DTL_EUSAGE, name, 0, 0, "rules already compiled");
    buf_init(&b, 0);
    if (buf_append(&b, data, len) != 0)
        return diag_set(err, DTL_ENOMEM, name, 0, 0, "out of memory");
    rules->dir++;
    st = parse_buffer(&r, name, ".", &b);
    buf_free(&b);
    if (st != DTL_OK || (err && err->code == DTL_ENOMEM))
        return DTL_ENOMEM;
    return r.any_errors ? DTL_ERULE : DTL_OK;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

dtl_status dtl_rules_load_dir(dtl_rules *rules, const char *dirname,
                              dtl_diag_fn diag, void *ctx, dtl_error *err)
{
    char *stack[DTL_MAX_INCLUDE_DEPTH + 1];
    reader r = reader_init(rules, diag, ctx, err, stack);
    DIR *d;
    struct dirent *de;
    char **names = NULL;
    size_t count = 0, cap = 0, i, dl = strlen(dirname);
    dtl_status st = DTL_OK;

    if (rules->compiled)
        return diag_set(err, DTL_EUSAGE, dirname, 0, 0,
                        "rules already compiled");
    d = opendir(dirname);
    if (d == NULL)
        return diag_set(err, DTL_EIO, dirname, 0, 0,
                        "cannot read rules directory: %s", strerror(errno));
    while ((de = readdir(d)) != NULL) {
        size_t nl = strlen(de->d_name);
        char *p;

        if (nl < 7 || strcmp(de->d_name + nl - 6, ".rules") != 0 ||
            de->d_name[0] == '.')
            continue;
        if (util_grow((void **)&names, &cap, count + 1, sizeof(*names)) ||
            (p = malloc(dl + nl + 2)) == NULL) {
            st = DTL_ENOMEM;
            break;
        }
        memcpy(p, dirname, dl);
        p[dl] = '/';
        memcpy(p + dl + 1, de->d_name, nl + 1);
        names[count++] = p;
    }
    closedir(d);
    if (st == DTL_OK && count)
        qsort(names, count, sizeof(*names), cmp_str);
    rules->dir++;
    for (i = 0; st == DTL_OK && i < count; i++) {
        dtl_status fs = read_file(&r, names[i]);

        if (fs == DTL_EIO) {
            st = diag_set(err, DTL_EIO, names[i], 0, 0, "%s", strerror(errno));
        } else if (fs == DTL_ENOMEM || (err && err->code == DTL_ENOMEM)) {
            st = DTL_ENOMEM;
        }
    }
    for (i = 0; i < count; i++)
        free(names[i]);
    free(names);
    if (st != DTL_OK)
        return st;
    return r.any_errors ? DTL_ERULE : DTL_OK;
}

/* ------------------------------------------------------------------ */
/* The rule set                                                        */
/* ------------------------------------------------------------------ */

dtl_rules *dtl_rules_new(void)
{
    dtl_rules *rs = calloc(1, sizeof(*rs));

    if (rs) {
        arena_init(&rs->mem);
        rs->jit_after = DTL_JIT_AFTER;
    }
    return rs;
}

void dtl_rules_free(dtl_rules *rs)
{
    size_t i, j;

    if (rs == NULL)
        return;
    for (i = 0; i < rs->rule_count; i++) {
        rule *ru = rs->rules[i];

        for (j = 0; j < ru->pat_count; j++)
            pattern_free(&ru->pats[j]);
        free(ru->pats);
        free(ru->triggers);
        free(ru->ex);
        free(ru->defaults);
    }
    for (i = 0; i < rs->lex_count; i++)
        lexicon_free(&rs->lex[i]);
    for (i = 0; i < rs->loaded_count; i++)
        free(rs->loaded[i]);
    gazetteer_free(rs->gaz);
    pattern_free(&rs->attr_after);
    pattern_free(&rs->attr_before);
    pattern_free(&rs->repeat);
    prefilter_free(rs->pf);
    free(rs->loaded);
    free(rs->lex);
    free(rs->lex_slots);
    free(rs->words);
    jit_free(rs);
    while (rs->jit_mu_ready > 0)
        pthread_mutex_destroy(&rs->jit_mu[--rs->jit_mu_ready]);
    for (i = 0; i < rs->macro_count; i++)
        free(rs->macros[i].expansion);
    free(rs->macros);
    free(rs->rules);
    free(rs->live);
    free(rs->cache_dir);
    arena_free(&rs->mem);
    free(rs);
}

void dtl_rules_set_jit(dtl_rules *rs, int on)
{
    rs->no_jit = !on;
}

void dtl_rules_set_reach(dtl_rules *rs, int on)
{
    rs->no_reach = !on;
}

void dtl_rules_set_jit_after(dtl_rules *rs, size_t bytes)
{
    rs->jit_after = bytes;
}

void dtl_rules_set_threads(dtl_rules *rs, unsigned n)
{
    rs->threads = n;
}

dtl_status dtl_rules_set_cache(dtl_rules *rs, const char *dir)
{
    char *d = NULL;

    if (dir && *dir && (d = util_strndup(dir, strlen(dir))) == NULL)
        return DTL_ENOMEM;
    free(rs->cache_dir);
    rs->cache_dir = d;
    return DTL_OK;
}

size_t dtl_rules_count(const dtl_rules *rs)
{
    size_t i, n = 0;

    for (i = 0; i < rs->rule_count; i++)
        n += !rs->rules[i]->dead;
    return n;
}

dtl_status dtl_rules_info(const dtl_rules *rs, size_t idx, dtl_rule_info *info)
{
    size_t i, n = 0, j;

    for (i = 0; i < rs->rule_count; i++) {
        const rule *ru = rs->rules[i];

        if (ru->dead)
            continue;
        if (n++ != idx)
            continue;
        memset(info, 0, sizeof(*info));
        info->name = ru->name;
        info->kind = kind_name(ru->kind);
        info->type = ru->kind == RULE_TIMEX ? timex_types[ru->ttype] : ru->type;
        info->cameo = ru->cameo;
        info->status = ru->kind == RULE_EVENT ? status_names[ru->status] : "";
        info->file = ru->file;
        info->line = ru->line;
        info->priority = ru->priority;
        info->pattern_count = ru->pat_count;
        for (j = 0; j < ru->ex_count; j++) {
            if (ru->ex[j].negative)
                info->counter_count++;
            else
                info->example_count++;
        }
        return DTL_OK;
    }
    return DTL_EUSAGE;
}
