/* SPDX-License-Identifier: MIT */
/*
 * text.c - reading an article.
 *
 * Input: bytes from a file, standard input or a JSON Lines record.
 * Output: a dtl_text that owns the bytes, knows the header fields
 * (Title:, Date:, Source:, Id:...), the publication date, and a
 * normalised copy of the body for matching, in which curly quotes,
 * dashes and Unicode spaces are folded to ASCII.  A sorted list of edits
 * maps normalised offsets back to the original bytes; a table of marks
 * turns byte offsets into code-point offsets.
 */
#include "text.h"

#include <dtl/limits.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "diag.h"
#include "util.h"

#define CP_STEP 256u

struct meta {
    char *key;
    char *value;
};

/* For normalised offsets >= norm_off, raw = norm + delta. */
struct edit {
    size_t norm_off;
    size_t delta;
};

struct dtl_text {
    char *name;
    char *raw;
    size_t raw_len;
    size_t body_off;
    char *norm;
    size_t norm_len;
    struct edit *edits;
    size_t edit_count;
    size_t edit_cap;
    struct meta *meta;
    size_t meta_count;
    dtl_day date;
    size_t *cp_marks;
};

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

/*
 * Checks that data is UTF-8 without NUL bytes.  On failure, fills err
 * with the 1-based line and character column of the bad byte.
 */
static dtl_status validate(const char *name, const unsigned char *s, size_t len,
                           dtl_error *err)
{
    size_t i = 0, n, j;
    unsigned line = 1, col = 1;
    uint32_t cp;

    for (;;) {
        i += util_ascii_span(s + i, len - i);
        if (i >= len)
            return DTL_OK;
        n = s[i] ? util_utf8_decode(s + i, len - i, &cp) : 0;
        if (n == 0)
            break;
        i += n;
    }
    /* Where the bad byte is: everything before it is valid, so each
     * byte that does not continue a character starts one. */
    for (j = 0; j < i; j++) {
        if (s[j] == '\n') {
            line++;
            col = 1;
        } else if ((s[j] & 0xC0) != 0x80) {
            col++;
        }
    }
    if (s[i] == '\0')
        return diag_set(err, DTL_EINPUT, name, line, col,
                        "NUL byte in text (is this a binary file?)");
    return diag_set(err, DTL_EINPUT, name, line, col,
                    "invalid UTF-8 (byte 0x%02X)", s[i]);
}

/* ------------------------------------------------------------------ */
/* Header                                                              */
/* ------------------------------------------------------------------ */

static int known_key(const char *k, size_t len)
{
    static const char *const keys[] = {"title", "date", "source", "id", "url"};
    size_t i, j;

    for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        if (strlen(keys[i]) != len)
            continue;
        for (j = 0; j < len; j++)
            if (util_lower((unsigned char)k[j]) != keys[i][j])
                break;
        if (j == len)
            return 1;
    }
    return 0;
}

/*
 * Measures "Key: value" at s: returns the key length and sets *vstart,
 * *vend to the value (trimmed), or returns 0 when the line is not one.
 */
static size_t header_line(const char *s, size_t len, size_t *vstart,
                          size_t *vend)
{
    size_t k = 0, v;

    if (len == 0 ||
        !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z')))
        return 0;
    while (k < len && k < 64 &&
           (util_isalnum((unsigned char)s[k]) || s[k] == '_' || s[k] == '-'))
        k++;
    if (k >= len || s[k] != ':')
        return 0;
    v = k + 1;
    while (v < len && (s[v] == ' ' || s[v] == '\t'))
        v++;
    *vstart = v;
    while (len > v && util_isspace((unsigned char)s[len - 1]))
        len--;
    *vend = len;
    return k;
}

static int add_meta(dtl_text *t, const char *k, size_t klen, const char *v,
                    size_t vlen)
{
    struct meta *m;
    size_t i;

    m = realloc(t->meta, (t->meta_count + 1) * sizeof(*m));
    if (m == NULL)
        return -1;
    t->meta = m;
    m = &t->meta[t->meta_count];
    m->key = util_strndup(k, klen);
    m->value = util_strndup(v, vlen);
    if (m->key == NULL || m->value == NULL) {
        free(m->key);
        free(m->value);
        return -1;
    }
    for (i = 0; i < klen; i++)
        m->key[i] = (char)util_lower((unsigned char)m->key[i]);
    t->meta_count++;
    return 0;
}

/*
 * Reads the header block at raw[off..]: "Key: value" lines ended by a
 * blank line, with at least one known key.  Returns the offset of the
 * body (off when there is no header), or (size_t)-1 when out of memory.
 */
static size_t parse_header(dtl_text *t, size_t off)
{
    const char *s = t->raw;
    size_t p = off, known = 0, lines = 0, vs, ve, k, eol, body;

    /* First pass: is there a header at all? */
    for (;;) {
        eol = p;
        while (eol < t->raw_len && s[eol] != '\n')
            eol++;
        if (eol == t->raw_len && p == eol)
            return off; /* EOF before the blank line */
        {
            size_t q = p;

            while (q < eol && util_isspace((unsigned char)s[q]))
                q++;
            if (q == eol) {
                if (lines == 0 || known == 0)
                    return off;
                body = eol < t->raw_len ? eol + 1 : eol;
                break;
            }
        }
        k = header_line(s + p, eol - p, &vs, &ve);
        if (k == 0 || eol == t->raw_len)
            return off;
        known += (size_t)known_key(s + p, k);
        lines++;
        p = eol + 1;
    }
    /* Second pass: store the fields. */
    p = off;
    while (p < body) {
        eol = p;
        while (eol < t->raw_len && s[eol] != '\n')
            eol++;
        k = header_line(s + p, eol - p, &vs, &ve);
        if (k && add_meta(t, s + p, k, s + p + vs, ve - vs) != 0)
            return (size_t)-1;
        p = eol + 1;
    }
    return body;
}

/* ------------------------------------------------------------------ */
/* Normalisation                                                       */
/* ------------------------------------------------------------------ */

/* The ASCII replacement of code point cp: a character, 0 to keep cp,
 * or -1 to drop it. */
static int fold(uint32_t cp)
{
    switch (cp) {
    case 0x00A0:
    case 0x2000:
    case 0x2001:
    case 0x2002:
    case 0x2003:
    case 0x2004:
    case 0x2005:
    case 0x2006:
    case 0x2007:
    case 0x2008:
    case 0x2009:
    case 0x200A:
    case 0x202F:
    case 0x205F:
    case 0x3000:
        return ' ';
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
        return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033:
    case 0x00AB:
    case 0x00BB:
        return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
        return '-';
    case 0xFEFF:
    case 0x00AD:
    case 0x200B:
        return -1;
    default:
        return 0;
    }
}

static int push_edit(dtl_text *t, size_t norm_off, size_t delta)
{
    if (util_grow((void **)&t->edits, &t->edit_cap, t->edit_count + 1,
                  sizeof(*t->edits)) != 0)
        return -1;
    t->edits[t->edit_count].norm_off = norm_off;
    t->edits[t->edit_count].delta = delta;
    t->edit_count++;
    return 0;
}

static dtl_status normalise(dtl_text *t)
{
    const unsigned char *s = (const unsigned char *)t->raw;
    size_t i = t->body_off, o = 0, n;
    uint32_t cp;
    int r;

    t->norm = malloc(t->raw_len - t->body_off + 1);
    if (t->norm == NULL)
        return DTL_ENOMEM;
    while (i < t->raw_len) {
        n = util_ascii_span(s + i, t->raw_len - i);
        if (n) {
            memcpy(t->norm + o, s + i, n);
            o += n;
            i += n;
            continue;
        }
        n = util_utf8_decode(s + i, t->raw_len - i, &cp);
        r = fold(cp);
        if (r == 0) {
            memcpy(t->norm + o, s + i, n);
            o += n;
            i += n;
            continue;
        }
        if (r > 0)
            t->norm[o++] = (char)r;
        i += n;
        if (push_edit(t, o, i - o) != 0)
            return DTL_ENOMEM;
    }
    t->norm[o] = '\0';
    t->norm_len = o;
    return DTL_OK;
}

static dtl_status make_cp_marks(dtl_text *t)
{
    size_t marks = t->raw_len / CP_STEP + 1, i, cp = 0;

    t->cp_marks = malloc(marks * sizeof(size_t));
    if (t->cp_marks == NULL)
        return DTL_ENOMEM;
    for (i = 0; i < t->raw_len; i += CP_STEP) {
        size_t end = i + CP_STEP < t->raw_len ? i + CP_STEP : t->raw_len, j;

        t->cp_marks[i / CP_STEP] = cp;
        /* A block all in ASCII has as many characters as bytes. */
        j = i + util_ascii_span((const unsigned char *)t->raw + i, end - i);
        cp += j - i;
        for (; j < end; j++)
            if (((unsigned char)t->raw[j] & 0xC0) != 0x80)
                cp++;
    }
    if (t->raw_len % CP_STEP == 0)
        t->cp_marks[t->raw_len / CP_STEP] = cp;
    return DTL_OK;
}

/* ------------------------------------------------------------------ */
/* Construction                                                        */
/* ------------------------------------------------------------------ */

/* Reads the Date: field, if any, into t->date. */
static dtl_status read_date(dtl_text *t, dtl_error *err)
{
    const char *d = dtl_text_meta(t, "date");
    char head[11];

    t->date = DTL_DAY_NONE;
    if (d == NULL || *d == '\0')
        return DTL_OK;
    if (strlen(d) >= 10 && (d[10] == '\0' || d[10] == 'T' || d[10] == ' ')) {
        memcpy(head, d, 10);
        head[10] = '\0';
        if (dtl_date_parse(head, &t->date) == DTL_OK)
            return DTL_OK;
    }
    return diag_set(err, DTL_EINPUT, t->name, 0, 0,
                    "bad Date: header '%.40s' (want a real date as "
                    "YYYY-MM-DD, years 1-9999; or give --date)",
                    d);
}

static dtl_text *text_alloc(const char *name, const char *data, size_t len,
                            dtl_error *err)
{
    dtl_text *t;

    if (len > DTL_MAX_ARTICLE) {
        diag_set(err, DTL_ELIMIT, name ? name : "<stdin>", 0, 0,
                 "article is %zu bytes, over the limit of %u "
                 "(DTL_MAX_ARTICLE)",
                 len, DTL_MAX_ARTICLE);
        return NULL;
    }
    t = calloc(1, sizeof(*t));
    if (t == NULL)
        goto fail;
    t->name =
        util_strndup(name ? name : "<stdin>", strlen(name ? name : "<stdin>"));
    t->raw = util_strndup(data, len);
    if (t->name == NULL || t->raw == NULL)
        goto fail;
    t->raw_len = len;
    t->date = DTL_DAY_NONE;
    return t;
fail:
    dtl_text_free(t);
    diag_set(err, DTL_ENOMEM, name, 0, 0, "out of memory");
    return NULL;
}

static dtl_text *text_finish(dtl_text *t, dtl_error *err)
{
    dtl_status st;

    st = normalise(t);
    if (st == DTL_OK)
        st = make_cp_marks(t);
    if (st != DTL_OK) {
        diag_set(err, st, t->name, 0, 0, "out of memory");
        dtl_text_free(t);
        return NULL;
    }
    return t;
}

dtl_text *dtl_text_new(const char *data, size_t len, const char *name,
                       dtl_error *err)
{
    dtl_text *t;
    size_t off = 0, body;

    if (len > DTL_MAX_ARTICLE)
        return text_alloc(name, data, len, err);
    if (validate(name ? name : "<stdin>", (const unsigned char *)data, len,
                 err) != DTL_OK)
        return NULL;
    t = text_alloc(name, data, len, err);
    if (t == NULL)
        return NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        off = 3;
    body = parse_header(t, off);
    if (body == (size_t)-1) {
        diag_set(err, DTL_ENOMEM, t->name, 0, 0, "out of memory");
        dtl_text_free(t);
        return NULL;
    }
    t->body_off = body;
    {
        size_t i = body;

        while (i < len && util_isspace((unsigned char)data[i]))
            i++;
        if (i == len) {
            diag_set(err, DTL_EINPUT, t->name, 0, 0,
                     "empty article (no text%s)",
                     body > off ? " after the header" : "");
            dtl_text_free(t);
            return NULL;
        }
    }
    if (read_date(t, err) != DTL_OK) {
        dtl_text_free(t);
        return NULL;
    }
    return text_finish(t, err);
}

dtl_text *text_new_parts(const char *name, const char *body, size_t len,
                         const char *const *keys, const char *const *vals,
                         size_t count, dtl_error *err)
{
    dtl_text *t;
    size_t i;

    if (len <= DTL_MAX_ARTICLE &&
        validate(name, (const unsigned char *)body, len, err) != DTL_OK)
        return NULL;
    t = text_alloc(name, body, len, err);
    if (t == NULL)
        return NULL;
    for (i = 0; i < count; i++) {
        if (add_meta(t, keys[i], strlen(keys[i]), vals[i], strlen(vals[i])) !=
            0) {
            diag_set(err, DTL_ENOMEM, name, 0, 0, "out of memory");
            dtl_text_free(t);
            return NULL;
        }
    }
    if (read_date(t, err) != DTL_OK) {
        dtl_text_free(t);
        return NULL;
    }
    return text_finish(t, err);
}

dtl_text *dtl_text_load(const char *path, dtl_error *err)
{
    FILE *f;
    buf b;
    char chunk[65536];
    size_t n;
    struct stat st;
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? "<stdin>" : path;
    dtl_text *t;

    if (is_stdin) {
        f = stdin;
    } else {
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            diag_set(err, DTL_EIO, path, 0, 0, "is a directory");
            return NULL;
        }
        /* A FIFO or device could block forever or never end. */
        if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
            diag_set(err, DTL_EIO, path, 0, 0,
                     "not a regular file (to read a pipe, give '-' and "
                     "redirect standard input)");
            return NULL;
        }
        f = fopen(path, "rb");
        if (f == NULL) {
            diag_set(err, DTL_EIO, path, 0, 0, "%s", strerror(errno));
            return NULL;
        }
    }
    buf_init(&b, DTL_MAX_ARTICLE);
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
        if (buf_append(&b, chunk, n) != 0) {
            if (b.toobig)
                diag_set(err, DTL_ELIMIT, name, 0, 0,
                         "article is over the limit of %u bytes "
                         "(DTL_MAX_ARTICLE)",
                         DTL_MAX_ARTICLE);
            else
                diag_set(err, DTL_ENOMEM, name, 0, 0, "out of memory");
            goto fail;
        }
    }
    if (ferror(f)) {
        diag_set(err, DTL_EIO, name, 0, 0, "read error: %s", strerror(errno));
        goto fail;
    }
    if (!is_stdin)
        fclose(f);
    t = dtl_text_new(b.data ? b.data : "", b.len, name, err);
    buf_free(&b);
    return t;
fail:
    if (!is_stdin)
        fclose(f);
    buf_free(&b);
    return NULL;
}

void dtl_text_free(dtl_text *t)
{
    size_t i;

    if (t == NULL)
        return;
    for (i = 0; i < t->meta_count; i++) {
        free(t->meta[i].key);
        free(t->meta[i].value);
    }
    free(t->meta);
    free(t->name);
    free(t->raw);
    free(t->norm);
    free(t->edits);
    free(t->cp_marks);
    free(t);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */

const char *dtl_text_meta(const dtl_text *t, const char *key)
{
    size_t i;

    for (i = 0; i < t->meta_count; i++)
        if (util_strcaseeq(t->meta[i].key, key))
            return t->meta[i].value;
    return NULL;
}

dtl_day dtl_text_date(const dtl_text *t)
{
    return t->date;
}

void dtl_text_set_date(dtl_text *t, dtl_day day)
{
    t->date = day;
}

const char *dtl_text_name(const dtl_text *t)
{
    return t->name;
}

const char *dtl_text_data(const dtl_text *t, size_t *len)
{
    if (len)
        *len = t->raw_len;
    return t->raw;
}

size_t dtl_text_cp_offset(const dtl_text *t, size_t byte_off)
{
    size_t i, cp;

    if (byte_off > t->raw_len)
        byte_off = t->raw_len;
    cp = t->cp_marks[byte_off / CP_STEP];
    for (i = byte_off - byte_off % CP_STEP; i < byte_off; i++)
        if (((unsigned char)t->raw[i] & 0xC0) != 0x80)
            cp++;
    return cp;
}

const char *text_norm(const dtl_text *t, size_t *len)
{
    *len = t->norm_len;
    return t->norm;
}

size_t text_raw_off(const dtl_text *t, size_t norm_off)
{
    size_t lo = 0, hi = t->edit_count;

    /* Find the last edit with norm_off <= the offset. */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (t->edits[mid].norm_off <= norm_off)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == 0)
        return norm_off + t->body_off;
    return norm_off + t->edits[lo - 1].delta;
}

int text_quote_kind(const dtl_text *t, size_t norm_off)
{
    size_t r;
    const unsigned char *p;

    if (norm_off >= t->norm_len || t->norm[norm_off] != '"')
        return 0;
    r = text_raw_off(t, norm_off);
    p = (const unsigned char *)t->raw + r;
    if (r + 3 <= t->raw_len && p[0] == 0xE2 && p[1] == 0x80) {
        if (p[2] == 0x9C)
            return 1;
        if (p[2] == 0x9D)
            return 2;
    }
    if (r + 2 <= t->raw_len && p[0] == 0xC2)
        return p[1] == 0xAB ? 1 : p[1] == 0xBB ? 2 : 0;
    return 0;
}
