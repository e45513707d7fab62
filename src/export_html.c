/* SPDX-License-Identifier: MIT */
/*
 * export_html.c - a timeline, or the diff of two, as one self-contained
 * HTML page.  The page holds an inline SVG chart drawn here (a time axis
 * with ticks fitted to the span, one lane per actor or event type, exact
 * days as points and intervals as bars, statuses told apart by shape,
 * pattern and a word, not by colour alone), a legend, and below them
 * every entry with its date, actors, claims and evidence.  Marks link to
 * their entry, carry an SVG <title> and take the keyboard focus; a few
 * lines of inline script copy the entry under the chart on hover or
 * focus, and the page works without them.  Nothing is loaded from
 * anywhere (a Content-Security-Policy forbids it), all text is escaped,
 * and the output depends only on the input.  Exports
 * dtl_timeline_write_html() and dtl_diff_write_html().
 */
#include <dtl/diff.h>
#include <dtl/export.h>

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"
#include "timeline.h"
#include "util.h"

/* Chart geometry, in SVG user units (the chart scales to the page). */
#define CHART_W       1200.0
#define GUTTER        196.0 /* lane names */
#define PLOT_X0       206.0 /* the time axis starts here */
#define PLOT_PAD      14.0  /* right margin */
#define UNDATED_W     136.0 /* a column for undated entries, when any */
#define AXIS_H        44.0  /* tick labels above the lanes */
#define FOOT_H        24.0  /* publication dates below them */
#define ROW_H         24.0  /* one row of marks */
#define LANE_PAD      8.0   /* above and below the rows of a lane */
#define MARK_R        6.0   /* point radius, half the bar height */
#define CHAR_W        6.3   /* mean width of a character of an 11px label */
#define MARK_GAP      8.0   /* between two marks on one row */
#define TICK_MIN_PX   62.0  /* closest ticks */
#define LABEL_CHARS   24    /* longest text of a mark label */
#define LANE_CHARS    27    /* longest lane name */
#define MAX_DCT_LINES 12    /* publication dates drawn, at most */

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

typedef struct html {
    buf b;
    int fail; /* an append failed: out of memory */
} html;

static void put(html *h, const char *s)
{
    if (buf_puts(&h->b, s) != 0)
        h->fail = 1;
}

#if defined(__GNUC__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif
static void putf(html *h, const char *fmt, ...) PRINTF_LIKE(2, 3);

static void putf(html *h, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    /* Formats here print numbers and short fixed words only. */
    if (n < 0 || (size_t)n >= sizeof(small) ||
        buf_append(&h->b, small, (size_t)n) != 0)
        h->fail = 1;
}

/*
 * Appends s escaped for HTML text and attribute values, at most
 * max_chars characters (0: all) and an ellipsis when cut.  Invalid UTF-8
 * becomes U+FFFD, control characters other than tab and newline a
 * space.  Example: "a<b & \"c\"" -> "a&lt;b &amp; &quot;c&quot;".
 */
static void esc_n(html *h, const char *s, size_t max_chars)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, run = 0, chars = 0, n;
    uint32_t cp;
    const char *rep;

    while (i < len) {
        if (max_chars && chars == max_chars) {
            if (buf_append(&h->b, s + run, i - run) != 0)
                h->fail = 1;
            put(h, "\xE2\x80\xA6");
            return;
        }
        rep = NULL;
        n = 1;
        if (p[i] < 0x80) {
            switch (p[i]) {
            case '&':
                rep = "&amp;";
                break;
            case '<':
                rep = "&lt;";
                break;
            case '>':
                rep = "&gt;";
                break;
            case '"':
                rep = "&quot;";
                break;
            case '\'':
                rep = "&#39;";
                break;
            default:
                if ((p[i] < 0x20 && p[i] != '\n' && p[i] != '\t') ||
                    p[i] == 0x7F)
                    rep = " ";
            }
        } else {
            n = util_utf8_decode(p + i, len - i, &cp);
            if (n == 0) {
                rep = "\xEF\xBF\xBD";
                n = 1;
            } else if (cp < 0xA0) {
                rep = " "; /* C1 controls */
            }
        }
        if (rep) {
            if (buf_append(&h->b, s + run, i - run) != 0)
                h->fail = 1;
            put(h, rep);
            run = i + n;
        }
        i += n;
        chars++;
    }
    if (buf_append(&h->b, s + run, i - run) != 0)
        h->fail = 1;
}

static void esc(html *h, const char *s)
{
    esc_n(h, s ? s : "", 0);
}

/* Number of characters (code points) of a UTF-8 string. */
static size_t utf8_chars(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Bytes of the first max characters of s; *cut set when s is longer. */
static size_t utf8_prefix(const char *s, size_t max, int *cut)
{
    size_t i = 0, chars = 0;

    while (s[i] && chars < max) {
        i++;
        while (((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    *cut = s[i] != '\0';
    return i;
}

/* ------------------------------------------------------------------ */
/* Words                                                               */
/* ------------------------------------------------------------------ */

static const char *const month_abbr[12] = {"Jan", "Feb", "Mar", "Apr",
                                           "May", "Jun", "Jul", "Aug",
                                           "Sep", "Oct", "Nov", "Dec"};

/* A type for people: "missile_test" -> "Missile test". */
static void type_name(const char *type, char *out, size_t size)
{
    size_t i;

    snprintf(out, size, "%s", *type ? type : "(no type)");
    for (i = 0; out[i]; i++)
        if (out[i] == '_')
            out[i] = ' ';
    if (out[0] >= 'a' && out[0] <= 'z')
        out[0] = (char)(out[0] - 'a' + 'A');
}

/*
 * The label of an event's type: the summary up to its colon ("Missile
 * test: Russia" -> "Missile test"), else the type with spaces.  Writes
 * at most size-1 bytes to out.
 */
static void type_label(const dtl_event *e, char *out, size_t size)
{
    const char *colon = e->summary ? strstr(e->summary, ": ") : NULL;
    size_t n;

    if (colon && colon > e->summary) {
        n = (size_t)(colon - e->summary);
        if (n >= size)
            n = size - 1;
        memcpy(out, e->summary, n);
        out[n] = '\0';
        return;
    }
    type_name(e->type ? e->type : "", out, size);
}

static const char *kind_name(dtl_diff_kind k)
{
    switch (k) {
    case DTL_DIFF_SAME:
        return "same";
    case DTL_DIFF_CHANGED:
        return "changed";
    case DTL_DIFF_REMOVED:
        return "removed";
    default:
        return "added";
    }
}

/* The sign of a diff entry in labels (minus is U+2212). */
static const char *kind_sign(dtl_diff_kind k)
{
    switch (k) {
    case DTL_DIFF_SAME:
        return "=";
    case DTL_DIFF_CHANGED:
        return "\xCE\x94"; /* Greek capital delta */
    case DTL_DIFF_REMOVED:
        return "\xE2\x88\x92";
    default:
        return "+";
    }
}

/* ------------------------------------------------------------------ */
/* The chart's model: lanes and marks                                  */
/* ------------------------------------------------------------------ */

typedef struct lane {
    const char *key;  /* actor code or name, or event type */
    const char *name; /* shown; NULL: type_name */
    const char *code; /* actor code, or NULL */
    char type_name[64];
    size_t rows[2];   /* rows of each band */
    double y;         /* top */
    double band_y[2]; /* top of each band's rows */
    double h;
} lane;

enum {
    LABEL_LEFT = 1,
    LABEL_INSIDE = 2
};

typedef struct mark {
    const dtl_event *ev;
    const dtl_timeline *tl;
    const char *href_prefix; /* "ev-" or "d-" */
    size_t target;           /* 1-based number of the linked entry */
    size_t lane;
    int band;      /* 0; in a diff, 0 old and 1 new */
    int echo;      /* the event again, in another actor's lane */
    int diff_kind; /* a dtl_diff_kind, or -1 */
    int dated;     /* earliest or latest known */
    int point;     /* a single day */
    int open_l, open_r;
    double x0, x1; /* the mark */
    double l0, l1; /* the mark with its label */
    int label_at;  /* 0 right of the mark, or LABEL_LEFT, LABEL_INSIDE */
    size_t row;
    char label[160];
} mark;

typedef struct chart {
    mark *m;
    size_t n, cap;
    lane *lanes;
    size_t lane_count, lane_cap;
    int bands;
    dtl_html_lanes by;
    long d0, d1;  /* axis days [d0, d1) */
    int has_axis; /* any dated mark or document */
    int has_undated;
    double px0, px1; /* plot area */
    double height;
    dtl_day dct[MAX_DCT_LINES];
    const char *dct_id[MAX_DCT_LINES];
    size_t dct_count;
    int dct_skip; /* more than MAX_DCT_LINES documents: none drawn */
} chart;

static void chart_free(chart *c)
{
    free(c->m);
    free(c->lanes);
}

/* Index of the lane of key, added when new; SIZE_MAX when out of
 * memory. */
static size_t lane_get(chart *c, const char *key, const char *name,
                       const char *code)
{
    size_t i;
    lane *l;

    for (i = 0; i < c->lane_count; i++)
        if (strcmp(c->lanes[i].key, key) == 0)
            return i;
    if (util_grow((void **)&c->lanes, &c->lane_cap, c->lane_count + 1,
                  sizeof(*c->lanes)) != 0)
        return SIZE_MAX;
    l = &c->lanes[c->lane_count];
    memset(l, 0, sizeof(*l));
    l->key = key;
    l->name = name;
    l->code = code && *code ? code : NULL;
    if (c->by == DTL_HTML_LANES_TYPE)
        type_name(key, l->type_name, sizeof(l->type_name));
    return c->lane_count++;
}

static const char *actor_key(const dtl_actor *a)
{
    return a->code && *a->code ? a->code : a->name;
}

/* The lane of an event's first actor (sources come first), or of its
 * type. */
static size_t lane_of(chart *c, const dtl_event *e)
{
    if (c->by == DTL_HTML_LANES_TYPE)
        return lane_get(c, e->type ? e->type : "", NULL, NULL);
    if (e->actor_count == 0)
        return lane_get(c, "", "(no actor)", NULL);
    return lane_get(c, actor_key(&e->actors[0]), e->actors[0].name,
                    e->actors[0].code);
}

static mark *mark_add(chart *c, const dtl_event *e, const dtl_timeline *tl,
                      size_t lane_i, int band)
{
    mark *m;

    if (lane_i == SIZE_MAX ||
        util_grow((void **)&c->m, &c->cap, c->n + 1, sizeof(*c->m)) != 0)
        return NULL;
    m = &c->m[c->n++];
    memset(m, 0, sizeof(*m));
    m->ev = e;
    m->tl = tl;
    m->lane = lane_i;
    m->band = band;
    m->diff_kind = -1;
    m->href_prefix = "ev-";
    return m;
}

/* ------------------------------------------------------------------ */
/* Layout                                                              */
/* ------------------------------------------------------------------ */

static double x_of(const chart *c, long day)
{
    return c->px0 +
           (double)(day - c->d0) * (c->px1 - c->px0) / (double)(c->d1 - c->d0);
}

static void range_add(long *lo, long *hi, dtl_day d)
{
    if (d == DTL_DAY_NONE)
        return;
    if ((long)d < *lo)
        *lo = d;
    if ((long)d + 1 > *hi)
        *hi = (long)d + 1;
}

/* The axis: every known day of the marks and documents, padded. */
static void layout_axis(chart *c)
{
    long lo = LONG_MAX, hi = LONG_MIN, span, pad;
    long first = date_from_ymd(DATE_MIN_YEAR, 1, 1);
    long last = (long)date_from_ymd(DATE_MAX_YEAR, 12, 31) + 1;
    size_t i;

    for (i = 0; i < c->n; i++) {
        range_add(&lo, &hi, c->m[i].ev->date.earliest);
        range_add(&lo, &hi, c->m[i].ev->date.latest);
    }
    for (i = 0; i < c->dct_count; i++)
        range_add(&lo, &hi, c->dct[i]);
    c->px0 = PLOT_X0;
    c->px1 = CHART_W - PLOT_PAD - (c->has_undated ? UNDATED_W : 0);
    c->has_axis = lo < hi;
    if (!c->has_axis) {
        c->d0 = 0;
        c->d1 = 1;
        return;
    }
    span = hi - lo;
    pad = span / 24 > 1 ? span / 24 : 1;
    if (span + 2 * pad < 7)
        pad = (7 - span + 1) / 2;
    c->d0 = lo - pad < first ? first : lo - pad;
    c->d1 = hi + pad > last ? last : hi + pad;
}

/*
 * Composes the label of a mark: "e3 Threat", then a middle dot and the
 * status when it is not "occurred", a warning sign when the sources
 * disagree on the date; in front, the diff sign (+, minus, delta, =)
 * and an almost-equal sign (approximate) or a question mark (vague).
 * An echo's label is its id.
 */
static void mark_label(const chart *c, mark *m)
{
    const dtl_event *e = m->ev;
    char what[64], idb[64];
    const char *text = what, *cert = "", *sign = "";
    char more[32] = "";
    size_t wl, il;
    int cut, icut;

    il = utf8_prefix(e->id ? e->id : "", 10, &icut);
    snprintf(idb, sizeof(idb), "%.*s%s", (int)il, e->id ? e->id : "",
             icut ? "\xE2\x80\xA6" : "");
    if (m->diff_kind >= 0)
        sign = kind_sign((dtl_diff_kind)m->diff_kind);
    if (m->echo) {
        snprintf(m->label, sizeof(m->label), "%s", idb);
        return;
    }
    if (e->date.earliest == DTL_DAY_NONE && e->date.latest == DTL_DAY_NONE) {
        /* The undated column is narrow: the id and the status. */
        snprintf(
            m->label, sizeof(m->label), "%s%s%s%s%s", sign, *sign ? " " : "",
            idb, e->status != DTL_STATUS_OCCURRED ? " \xC2\xB7 " : "",
            e->status != DTL_STATUS_OCCURRED ? dtl_event_status_name(e->status)
                                             : "");
        return;
    }
    if (e->date.certainty == DTL_CERT_APPROX)
        cert = "\xE2\x89\x88"; /* almost equal to */
    else if (e->date.certainty == DTL_CERT_VAGUE)
        cert = "?";
    if (c->by == DTL_HTML_LANES_TYPE) {
        text = e->actor_count ? e->actors[0].name : "(no actor)";
        if (e->actor_count > 1)
            snprintf(more, sizeof(more), " +%zu", e->actor_count - 1);
    } else {
        type_label(e, what, sizeof(what));
    }
    wl = utf8_prefix(text, LABEL_CHARS, &cut);
    snprintf(m->label, sizeof(m->label), "%s%s%s%s%s %.*s%s%s%s%s", sign,
             *sign ? " " : "", cert, *cert ? " " : "", idb, (int)wl, text,
             cut ? "\xE2\x80\xA6" : "", more,
             e->status != DTL_STATUS_OCCURRED ? " \xC2\xB7 " : "",
             e->status != DTL_STATUS_OCCURRED ? dtl_event_status_name(e->status)
                                              : "");
    if (e->conflict) {
        size_t n = strlen(m->label);

        snprintf(m->label + n, sizeof(m->label) - n, " \xE2\x9A\xA0 conflict");
    }
}

/* Where a mark and its label go on the x axis. */
static void layout_mark(const chart *c, mark *m)
{
    const dtl_when *w = &m->ev->date;
    double lw, cx, right = CHART_W - PLOT_PAD;

    mark_label(c, m);
    m->dated = w->earliest != DTL_DAY_NONE || w->latest != DTL_DAY_NONE;
    if (!m->dated) {
        m->point = 1;
        cx = c->px1 + 14.0;
        m->x0 = cx - MARK_R;
        m->x1 = cx + MARK_R;
    } else if (w->earliest != DTL_DAY_NONE && w->earliest == w->latest) {
        m->point = 1;
        cx = x_of(c, w->earliest) +
             (x_of(c, (long)w->earliest + 1) - x_of(c, w->earliest)) / 2;
        m->x0 = cx - MARK_R;
        m->x1 = cx + MARK_R;
    } else {
        m->open_l = w->earliest == DTL_DAY_NONE;
        m->open_r = w->latest == DTL_DAY_NONE;
        m->x0 = m->open_l ? c->px0 : x_of(c, w->earliest);
        m->x1 = m->open_r ? c->px1 : x_of(c, (long)w->latest + 1);
        if (m->x1 - m->x0 < 3.0)
            m->x1 = m->x0 + 3.0;
    }
    if (m->echo) {
        m->x0 += 1.0;
        m->x1 -= 1.0;
    }
    lw = (double)utf8_chars(m->label) * CHAR_W;
    if (c->has_undated)
        right = c->px1;
    if (!m->dated) {
        /* Undated marks stack in their column, labels on the right. */
        m->l0 = m->x0;
        m->l1 = CHART_W - PLOT_PAD;
    } else if (m->x1 + 4.0 + lw <= right) {
        m->l0 = m->x0;
        m->l1 = m->x1 + 4.0 + lw;
    } else if (m->x0 - 4.0 - lw >= c->px0) {
        m->label_at = LABEL_LEFT;
        m->l0 = m->x0 - 4.0 - lw;
        m->l1 = m->x1;
    } else if (!m->point && m->x1 - m->x0 >= lw + 8.0) {
        m->label_at = LABEL_INSIDE;
        m->l0 = m->x0;
        m->l1 = m->x1;
    } else {
        /* Nowhere is wide enough: the side with more room. */
        m->label_at = m->x0 - c->px0 > right - m->x1 ? LABEL_LEFT : 0;
        m->l0 = m->label_at ? m->x0 - 4.0 - lw : m->x0;
        m->l1 = m->label_at ? m->x1 : m->x1 + 4.0 + lw;
    }
}

static const chart *sort_chart; /* qsort has no context argument */

static int cmp_mark(const void *pa, const void *pb)
{
    const mark *a = &sort_chart->m[*(const size_t *)pa];
    const mark *b = &sort_chart->m[*(const size_t *)pb];
    size_t ia = *(const size_t *)pa, ib = *(const size_t *)pb;

    if (a->lane != b->lane)
        return a->lane < b->lane ? -1 : 1;
    if (a->band != b->band)
        return a->band < b->band ? -1 : 1;
    if (a->l0 != b->l0)
        return a->l0 < b->l0 ? -1 : 1;
    if (a->echo != b->echo)
        return a->echo ? 1 : -1;
    return ia < ib ? -1 : ia > ib;
}

/*
 * Puts every mark of a lane's band, from left to right, on the first row
 * where it does not overlap the marks before it, then stacks the lanes. Returns
 * -1 when out of memory.
 */
static int layout_rows(chart *c)
{
    size_t *order = NULL, i, k, start, r, nrows;
    double *ends = NULL, y;
    int rc = -1;

    for (i = 0; i < c->n; i++)
        layout_mark(c, &c->m[i]);
    if (c->n) {
        order = malloc(c->n * sizeof(*order));
        ends = malloc(c->n * sizeof(*ends));
        if (order == NULL || ends == NULL)
            goto done;
        for (i = 0; i < c->n; i++)
            order[i] = i;
        sort_chart = c;
        qsort(order, c->n, sizeof(*order), cmp_mark);
        sort_chart = NULL;
    }
    for (start = 0; start < c->n; start = k) {
        mark *first = &c->m[order[start]];

        nrows = 0;
        for (k = start; k < c->n; k++) {
            mark *m = &c->m[order[k]];

            if (m->lane != first->lane || m->band != first->band)
                break;
            for (r = 0; r < nrows && ends[r] + MARK_GAP > m->l0; r++)
                ;
            if (r == nrows)
                nrows++;
            ends[r] = m->l1;
            m->row = r;
        }
        c->lanes[first->lane].rows[first->band] = nrows;
    }
    y = AXIS_H;
    for (i = 0; i < c->lane_count; i++) {
        lane *l = &c->lanes[i];
        int b;

        l->y = y;
        y += LANE_PAD;
        for (b = 0; b < c->bands; b++) {
            if (l->rows[b] == 0)
                l->rows[b] = 1;
            l->band_y[b] = y;
            y += (double)l->rows[b] * ROW_H;
        }
        y += LANE_PAD;
        l->h = y - l->y;
    }
    c->height = y + FOOT_H;
    rc = 0;
done:
    free(order);
    free(ends);
    return rc;
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */
/* ------------------------------------------------------------------ */

/*
 * One status glyph: a point (circle, triangle for threats, diamond for
 * the hypothetical, a cross for denials, a slash for cancellations) or a
 * bar from x0 to x1 filled by the status's pattern.  r is the radius or
 * half the bar's height.
 */
static void glyph(html *h, dtl_event_status st, int point, double x0, double x1,
                  double cy, double r, int open_l, int open_r)
{
    double cx = (x0 + x1) / 2;

    if (point) {
        switch (st) {
        case DTL_STATUS_THREATENED:
            putf(h,
                 "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
                 cx, cy - r - 1, cx + r + 1, cy + r, cx - r - 1, cy + r);
            break;
        case DTL_STATUS_HYPOTHETICAL:
            putf(h,
                 "<path class=\"mk\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1f"
                 "L%.1f %.1fZ\"/>",
                 cx, cy - r - 1, cx + r + 1, cy, cx, cy + r + 1, cx - r - 1,
                 cy);
            break;
        default:
            putf(h, "<circle class=\"mk\" cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>",
                 cx, cy, r);
        }
        if (st == DTL_STATUS_DENIED)
            putf(h,
                 "<path class=\"x\" d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1f"
                 "L%.1f %.1f\"/>",
                 cx - r * .6, cy - r * .6, cx + r * .6, cy + r * .6,
                 cx - r * .6, cy + r * .6, cx + r * .6, cy - r * .6);
        else if (st == DTL_STATUS_CANCELLED)
            putf(h, "<path class=\"x\" d=\"M%.1f %.1fL%.1f %.1f\"/>",
                 cx - r - 2, cy + r + 2, cx + r + 2, cy - r - 2);
        return;
    }
    putf(h,
         "<rect class=\"mk\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
         "height=\"%.1f\"/>",
         x0, cy - r, x1 - x0, 2 * r);
    if (st == DTL_STATUS_CANCELLED)
        putf(h, "<path class=\"x\" d=\"M%.1f %.1fL%.1f %.1f\"/>", x0 - 2, cy,
             x1 + 2, cy);
    if (open_l)
        putf(h, "<path class=\"open\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
             x0, cy - r - 2, x0 - 6, cy, x0, cy + r + 2);
    if (open_r)
        putf(h, "<path class=\"open\" d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\"/>",
             x1, cy - r - 2, x1 + 6, cy, x1, cy + r + 2);
}

/* The tooltip of a mark: when, status, summary, first evidence. */
static void mark_title(html *h, const mark *m)
{
    const dtl_event *e = m->ev;
    char when[48];
    const dtl_document *d;

    timeline_when_text(&e->date, 1, when, sizeof(when));
    put(h, "<title>");
    if (m->diff_kind >= 0) {
        put(h, m->band ? "NEW " : "OLD ");
        put(h, kind_name((dtl_diff_kind)m->diff_kind));
        put(h, ": ");
    }
    esc(h, e->id);
    putf(h, " \xC2\xB7 %s \xC2\xB7 %s \xC2\xB7 %s", when,
         dtl_certainty_name(e->date.certainty),
         dtl_event_status_name(e->status));
    if (e->conflict)
        put(h, " \xC2\xB7 date conflict");
    put(h, "\n");
    esc(h, e->summary);
    if (e->evidence_count) {
        put(h, "\n\xE2\x80\x9C");
        esc(h, e->evidence[0].text);
        put(h, "\xE2\x80\x9D");
        d = m->tl ? dtl_timeline_document(m->tl, e->evidence[0].doc) : NULL;
        if (d) {
            put(h, "\n\xE2\x80\x94 ");
            if (*d->source) {
                esc(h, d->source);
                put(h, ", ");
            }
            esc(h, *d->title ? d->title : d->id);
        }
        if (e->evidence_count > 1)
            putf(h, " (+%zu more)", e->evidence_count - 1);
    }
    put(h, "</title>");
}

static void draw_mark(html *h, const chart *c, const mark *m)
{
    const lane *l = &c->lanes[m->lane];
    const dtl_event *e = m->ev;
    double top = l->band_y[m->band] + (double)m->row * ROW_H;
    double cy = top + 10.0, r = m->echo ? MARK_R * .6 : MARK_R;
    size_t k;

    putf(h, "<a class=\"mark st-%s", dtl_event_status_name(e->status));
    if (m->echo)
        put(h, " echo");
    if (e->date.certainty == DTL_CERT_VAGUE)
        put(h, " vague");
    if (e->conflict && !m->echo)
        put(h, " conflict");
    if (m->diff_kind >= 0)
        putf(h, " k-%s", kind_name((dtl_diff_kind)m->diff_kind));
    putf(h, "\" href=\"#%s%zu\"", m->href_prefix, m->target);
    if (m->echo)
        put(h, " tabindex=\"-1\" aria-hidden=\"true\"");
    else
        put(h, " tabindex=\"0\"");
    put(h, " data-event=\"");
    esc(h, e->id);
    put(h, "\" data-uid=\"");
    esc(h, e->uid);
    put(h, "\"");
    if (m->diff_kind >= 0)
        putf(h, " data-side=\"%s\"", m->band ? "new" : "old");
    put(h, ">");
    mark_title(h, m);
    glyph(h, e->status, m->point, m->x0, m->x1, cy, r, m->open_l, m->open_r);
    if (e->conflict && !m->echo) {
        putf(h,
             "<rect class=\"cf\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
             "height=\"%.1f\"/>",
             m->x0 - 3, cy - r - 3, m->x1 - m->x0 + 6, 2 * r + 6);
        /* Each source's claim, as a line under the mark. */
        for (k = 0; k < e->source_count; k++) {
            const dtl_when *w = &e->sources[k].date;
            double a, b;

            if (w->earliest == DTL_DAY_NONE && w->latest == DTL_DAY_NONE)
                continue;
            a = w->earliest == DTL_DAY_NONE ? c->px0 : x_of(c, w->earliest);
            b = w->latest == DTL_DAY_NONE ? c->px1
                                          : x_of(c, (long)w->latest + 1);
            if (b - a < 2.0)
                b = a + 2.0;
            putf(h, "<path class=\"claim\" d=\"M%.1f %.1fV%.1fH%.1fV%.1f\"/>",
                 a, cy + r + 3, cy + r + 7, b, cy + r + 3);
        }
    }
    if (m->label_at == LABEL_LEFT)
        putf(h,
             "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\" "
             "text-anchor=\"end\">",
             m->x0 - 4.0, cy + 4.0);
    else if (m->label_at == LABEL_INSIDE)
        putf(h, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\">", m->x0 + 4.0,
             cy + 4.0);
    else
        putf(h, "<text class=\"lbl\" x=\"%.1f\" y=\"%.1f\">", m->x1 + 4.0,
             cy + 4.0);
    esc(h, m->label);
    put(h, "</text></a>\n");
}

typedef struct unit {
    int kind; /* 0 days, 1 weeks, 2 months, 3 years */
    int step;
    double days;
} unit;

static const unit units[] = {
    {0, 1, 1},         {0, 2, 2},        {1, 1, 7},       {1, 2, 14},
    {2, 1, 30.44},     {2, 3, 91.31},    {2, 6, 182.62},  {3, 1, 365.25},
    {3, 2, 730.5},     {3, 5, 1826.2},   {3, 10, 3652.5}, {3, 20, 7305},
    {3, 50, 18262},    {3, 100, 36525},  {3, 200, 73050}, {3, 500, 182621},
    {3, 1000, 365250}, {3, 2000, 730500}};

/* One tick: a grid line and its label; the year above it when new. */
static void tick(html *h, const chart *c, long day, const unit *u,
                 int *last_year)
{
    int y, m, d;
    double x = x_of(c, day);

    date_to_ymd((dtl_day)day, &y, &m, &d);
    putf(h, "<path class=\"grid\" d=\"M%.1f %.1fV%.1f\"/>", x, AXIS_H - 6,
         c->height - FOOT_H);
    if (c->has_undated && x > c->px1 - 30.0)
        return; /* its label would run into "undated" */
    if (u->kind == 3) {
        putf(h, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%d</text>", x,
             AXIS_H - 10, y);
        return;
    }
    if (u->kind == 2)
        putf(h, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%s</text>", x,
             AXIS_H - 10, month_abbr[m - 1]);
    else
        putf(h, "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">%d %s</text>", x,
             AXIS_H - 10, d, month_abbr[m - 1]);
    if (y != *last_year)
        putf(h, "<text class=\"year\" x=\"%.1f\" y=\"%.1f\">%d</text>", x,
             AXIS_H - 26, y);
    *last_year = y;
}

/* Ticks at whole days, Mondays, months or years, at least TICK_MIN_PX
 * apart. */
static void draw_axis(html *h, const chart *c)
{
    double px_day = (c->px1 - c->px0) / (double)(c->d1 - c->d0);
    const unit *u = &units[sizeof(units) / sizeof(units[0]) - 1];
    size_t i;
    long d;
    int y, m, dd, last_year = 0, count = 0;

    for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
        if (units[i].days * px_day >= TICK_MIN_PX) {
            u = &units[i];
            break;
        }
    put(h, "<g class=\"axis\">");
    if (u->kind == 0 || u->kind == 1) {
        d = c->d0;
        if (u->kind == 1)
            d += (8 - date_weekday((dtl_day)d)) % 7;
        for (; d < c->d1 && count < 200; d += u->kind ? 7 : 1) {
            /* Day 4 (1970-01-05) is a Monday: even weeks from it. */
            long idx = u->kind ? (d - 4) / 7 : d;

            if (((idx % u->step) + u->step) % u->step)
                continue;
            tick(h, c, d, u, &last_year);
            count++;
        }
    } else {
        date_to_ymd((dtl_day)c->d0, &y, &m, &dd);
        if (u->kind == 2) {
            long mi = (long)y * 12 + (m - 1) + (dd > 1);

            mi += (u->step - mi % u->step) % u->step;
            for (; count < 200; mi += u->step, count++) {
                d = date_from_ymd((int)(mi / 12), (int)(mi % 12) + 1, 1);
                if (d >= c->d1 || mi / 12 > DATE_MAX_YEAR)
                    break;
                tick(h, c, d, u, &last_year);
            }
        } else {
            if (dd > 1 || m > 1)
                y++;
            y += (u->step - y % u->step) % u->step;
            for (; y <= DATE_MAX_YEAR && count < 200; y += u->step, count++) {
                d = date_year_start(y);
                if (d >= c->d1)
                    break;
                tick(h, c, d, u, &last_year);
            }
        }
    }
    put(h, "</g>\n");
}

static const char *lane_name(const lane *l)
{
    return l->name ? l->name : l->type_name;
}

static void draw_lanes(html *h, const chart *c)
{
    size_t i;
    int b;

    for (i = 0; i < c->lane_count; i++) {
        const lane *l = &c->lanes[i];

        if (i % 2 == 0)
            putf(h,
                 "<rect class=\"lane-bg\" x=\"0\" y=\"%.1f\" "
                 "width=\"%.1f\" height=\"%.1f\"/>",
                 l->y, CHART_W, l->h);
        putf(h, "<text class=\"lane-name\" x=\"6\" y=\"%.1f\"><title>",
             l->y + LANE_PAD + 14.0);
        esc(h, lane_name(l));
        if (l->code) {
            put(h, " (");
            esc(h, l->code);
            put(h, ")");
        }
        put(h, "</title>");
        esc_n(h, lane_name(l), c->bands > 1 ? LANE_CHARS - 5 : LANE_CHARS);
        put(h, "</text>\n");
        for (b = 0; c->bands > 1 && b < c->bands; b++)
            putf(h,
                 "<text class=\"band-name\" x=\"%.1f\" y=\"%.1f\" "
                 "text-anchor=\"end\">%s</text>",
                 GUTTER - 4, l->band_y[b] + 14.0, b ? "new" : "old");
    }
    if (c->lane_count && c->bands > 1)
        put(h, "\n");
}

static void draw_dcts(html *h, const chart *c)
{
    size_t i;
    double x;

    for (i = 0; i < c->dct_count; i++) {
        x = x_of(c, c->dct[i]) +
            (x_of(c, (long)c->dct[i] + 1) - x_of(c, c->dct[i])) / 2;
        putf(h, "<path class=\"dct\" d=\"M%.1f %.1fV%.1f\"/>", x, AXIS_H,
             c->height - FOOT_H + 4);
        putf(h,
             "<text class=\"dct-name\" x=\"%.1f\" y=\"%.1f\" "
             "text-anchor=\"middle\">\xE2\x96\xB2 ",
             x, c->height - FOOT_H + 16);
        esc_n(h, c->dct_id[i], 16);
        put(h, "<title>published: ");
        esc(h, c->dct_id[i]);
        put(h, "</title></text>\n");
    }
}

/* Pairs of a diff that changed: a dashed line from OLD to NEW (the
 * marks of an entry are added one after the other, OLD first). */
static void draw_pairs(html *h, const chart *c)
{
    size_t i;

    for (i = 0; i + 1 < c->n; i++) {
        const mark *a = &c->m[i], *b = &c->m[i + 1];

        if (a->diff_kind != DTL_DIFF_CHANGED || a->band != 0 || b->band != 1 ||
            b->target != a->target)
            continue;
        putf(h, "<path class=\"pair\" d=\"M%.1f %.1fL%.1f %.1f\"/>\n",
             (a->x0 + a->x1) / 2,
             c->lanes[a->lane].band_y[0] + (double)a->row * ROW_H + 10.0 +
                 MARK_R,
             (b->x0 + b->x1) / 2,
             c->lanes[b->lane].band_y[1] + (double)b->row * ROW_H + 10.0 -
                 MARK_R);
    }
}

static void draw_chart(html *h, const chart *c, const char *label)
{
    size_t i;

    putf(h,
         "<figure class=\"chart\"><svg class=\"chart\" "
         "viewBox=\"0 0 %.0f %.0f\" role=\"group\" aria-label=\"",
         CHART_W, c->height);
    esc(h, label);
    put(h, "\">\n");
    draw_lanes(h, c);
    if (c->has_axis)
        draw_axis(h, c);
    if (c->has_undated) {
        putf(h,
             "<path class=\"grid\" d=\"M%.1f %.1fV%.1f\"/>"
             "<text class=\"tick\" x=\"%.1f\" y=\"%.1f\">undated</text>\n",
             c->px1 + 4, AXIS_H - 6, c->height - FOOT_H, c->px1 + 8,
             AXIS_H - 10);
    }
    draw_dcts(h, c);
    draw_pairs(h, c);
    for (i = 0; i < c->n; i++)
        if (c->m[i].echo)
            draw_mark(h, c, &c->m[i]);
    for (i = 0; i < c->n; i++)
        if (!c->m[i].echo)
            draw_mark(h, c, &c->m[i]);
    put(h, "</svg></figure>\n");
}

/* ------------------------------------------------------------------ */
/* The page                                                            */
/* ------------------------------------------------------------------ */

static const char css[] =
    "body{font:15px/1.45 system-ui,\"Segoe UI\",\"DejaVu Sans\",sans-serif;"
    "color:#111;background:#fff;margin:0 auto;max-width:1280px;"
    "padding:12px 24px}\n"
    "h1{font-size:1.45em;margin:.3em 0}h2{font-size:1.15em;"
    "margin:1.2em 0 .3em}\n"
    ".meta{margin:.2em 0;color:#333}.docs{margin:.2em 0;padding-left:1.3em}"
    "\n"
    "figure.chart{margin:10px 0}svg.chart{display:block;width:100%;"
    "height:auto;font:11px system-ui,\"DejaVu Sans\",sans-serif}\n"
    ".lane-bg{fill:#f2f2f2}.lane-name{font-weight:700;font-size:12px}"
    ".band-name{fill:#444;font-size:10px}\n"
    ".grid{stroke:#c8c8c8;stroke-width:1}.tick{fill:#222}"
    ".year{fill:#000;font-weight:700}\n"
    ".dct{stroke:#666;stroke-dasharray:5 3}.dct-name{fill:#444;"
    "font-size:10px}\n"
    ".lbl{fill:#111;paint-order:stroke;stroke:#fff;stroke-width:3px;"
    "stroke-linejoin:round}.mk{stroke:#111;stroke-width:1.2}"
    ".x{stroke:#111;stroke-width:1.6;fill:none}.open{fill:#111}\n"
    ".st-occurred .mk{fill:#1f4e79}\n"
    ".st-planned .mk{fill:#fff;stroke:#1f4e79;stroke-width:1.8;"
    "stroke-dasharray:3 2}\n"
    ".st-threatened .mk{fill:url(#dtl-hatch);stroke:#8a4200}\n"
    ".st-denied .mk{fill:url(#dtl-cross);stroke:#4b2a73}\n"
    ".st-cancelled .mk{fill:#fff;stroke:#555}\n"
    ".st-hypothetical .mk{fill:url(#dtl-dots);stroke:#555;"
    "stroke-dasharray:1 2}\n"
    ".vague .mk{fill-opacity:.5}\n"
    ".echo .mk{fill:#fff;stroke:#777;stroke-width:1;stroke-dasharray:none}"
    ".echo .lbl{fill:#555;font-size:10px}.echo .x{stroke:#777}\n"
    ".cf{fill:none;stroke:#b00000;stroke-width:2;stroke-dasharray:3 2}"
    ".claim{fill:none;stroke:#b00000;stroke-width:1.5}\n"
    ".k-same{opacity:.5}.k-added .lbl,.k-removed .lbl,.k-changed .lbl{"
    "font-weight:700}.k-removed .mk{stroke-width:2}"
    ".pair{stroke:#333;stroke-dasharray:2 2}\n"
    "a.mark{cursor:pointer}a.mark:hover .mk,a.mark:focus .mk{"
    "stroke:#c00000;stroke-width:2.6}a.mark:focus{outline:2px solid "
    "#c00000}a.mark:hover .lbl,a.mark:focus .lbl{text-decoration:"
    "underline}\n"
    ".legend{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;"
    "padding:0;margin:6px 0;font-size:.9em}.legend li{display:flex;"
    "align-items:center;gap:6px}\n"
    ".hint{display:none;color:#444;font-size:.9em;margin:4px 0}"
    ".js .hint{display:block}\n"
    ".tip{position:sticky;bottom:0;z-index:1;background:#fffbe8;border:1px "
    "solid #b9a44c;padding:6px 12px;margin:6px 0;max-height:45vh;"
    "overflow:auto}\n"
    "ol.events{list-style:none;padding:0;margin:0}li.event{border-top:1px "
    "solid #ccc;padding:8px 4px}li.event:target{background:#fff2b8}\n"
    ".head{margin:0}.eid{font-weight:700;margin-right:.4em}"
    ".when{font-variant-numeric:tabular-nums;margin-right:.4em}\n"
    ".tag{display:inline-block;border:1px solid #555;border-radius:3px;"
    "padding:0 5px;margin-right:.3em;font-size:.85em}"
    ".tag.warn{border:2px solid #b00000;color:#900;font-weight:700}\n"
    ".summary{margin:.1em 0;font-weight:600}dl{display:grid;"
    "grid-template-columns:max-content 1fr;gap:0 12px;margin:.3em 0}"
    "dt{font-weight:600}dd{margin:0}dd ul{margin:0;padding-left:1.2em}\n"
    "ul.evidence{margin:.3em 0;padding-left:1.2em}ul.evidence li{"
    "margin:.2em 0}q{font-style:italic}cite{display:block;"
    "font-style:normal;color:#444;font-size:.88em}\n"
    ".sides{display:grid;grid-template-columns:1fr 1fr;gap:18px}"
    ".side h3{font-size:1em;margin:.2em 0}.none{color:#555;"
    "font-style:italic}\n"
    ".changes{margin:.2em 0;padding-left:1.2em}\n"
    "@media print{body{max-width:none;padding:0}.tip,.hint{display:none}"
    "a{color:inherit;text-decoration:none}li.event{break-inside:avoid}"
    "figure.chart{break-inside:avoid}*{-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}}\n";

/*
 * Shows the entry of a hovered or focused mark under the chart.  The
 * page does not need it: marks link to their entry and have titles.
 * The class "js" on <html> shows the hint that goes with it.
 */
static const char script[] =
    "(function(){var d=document,tip=d.getElementById('dtl-tip');"
    "d.documentElement.className='js';"
    "function show(ev){var t=ev.target,a=t&&t.closest?"
    "t.closest('a.mark'):null,id,li,card;if(!a||!tip)return;"
    "id=(a.getAttribute('href')||'').slice(1);li=d.getElementById(id);"
    "card=li&&li.querySelector('.card');if(!card)return;"
    "tip.textContent='';tip.appendChild(card.cloneNode(true));"
    "tip.hidden=false;}"
    "d.addEventListener('focusin',show);"
    "d.addEventListener('mouseover',show);})();\n";

static void page_start(html *h, const char *title)
{
    put(h, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
           "<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" "
           "content=\"default-src 'none'; style-src 'unsafe-inline'; "
           "script-src 'unsafe-inline'\">\n"
           "<meta name=\"generator\" content=\"dtl\">\n<title>");
    esc(h, title);
    put(h, "</title>\n<style>\n");
    put(h, css);
    put(h, "</style>\n</head>\n<body>\n");
    /* Patterns shared by the chart and the legend. */
    put(h, "<svg width=\"0\" height=\"0\" style=\"position:absolute\" "
           "aria-hidden=\"true\"><defs>"
           "<pattern id=\"dtl-hatch\" width=\"5\" height=\"5\" "
           "patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"5\" height=\"5\" "
           "fill=\"#fff\"/><path d=\"M0 0V5\" stroke=\"#8a4200\" "
           "stroke-width=\"3\"/></pattern>"
           "<pattern id=\"dtl-cross\" width=\"6\" height=\"6\" "
           "patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" "
           "fill=\"#fff\"/><path d=\"M0 0V6M0 0H6\" stroke=\"#4b2a73\" "
           "stroke-width=\"2\"/></pattern>"
           "<pattern id=\"dtl-dots\" width=\"4\" height=\"4\" "
           "patternUnits=\"userSpaceOnUse\"><rect width=\"4\" height=\"4\" "
           "fill=\"#fff\"/><circle cx=\"2\" cy=\"2\" r=\"1\" "
           "fill=\"#333\"/></pattern>"
           "</defs></svg>\n");
}

static void page_end(html *h)
{
    put(h, "<script>\n");
    put(h, script);
    put(h, "</script>\n</body>\n</html>\n");
}

/* One legend entry: a point and a bar of a status. */
static void legend_status(html *h, dtl_event_status st)
{
    putf(h,
         "<li><svg width=\"54\" height=\"18\" viewBox=\"0 0 54 18\" "
         "aria-hidden=\"true\"><g class=\"st-%s\">",
         dtl_event_status_name(st));
    glyph(h, st, 1, 4, 16, 9, MARK_R, 0, 0);
    glyph(h, st, 0, 24, 52, 9, MARK_R, 0, 0);
    putf(h, "</g></svg>%s</li>", dtl_event_status_name(st));
}

static void legend(html *h, int diff, int echoes)
{
    int st;

    put(h, "<ul class=\"legend\" aria-label=\"Legend\">");
    for (st = 0; st < DTL_STATUS_COUNT; st++)
        legend_status(h, (dtl_event_status)st);
    put(h, "<li>point: one day; bar: the days it may have been "
           "[earliest, latest]</li>"
           "<li>\xE2\x89\x88 approximate, ? vague (lighter)</li>"
           "<li><svg width=\"30\" height=\"18\" aria-hidden=\"true\">"
           "<rect class=\"cf\" x=\"3\" y=\"2\" width=\"24\" height=\"11\"/>"
           "<path class=\"claim\" d=\"M3 14V17H14V14M12 14V17H27V14\"/>"
           "</svg>\xE2\x9A\xA0 date conflict: each source's claim drawn "
           "under the bar</li>"
           "<li>\xE2\x96\xB2 publication date of an article</li>");
    if (echoes)
        put(h, "<li><svg width=\"14\" height=\"18\" aria-hidden=\"true\">"
               "<g class=\"echo\"><circle class=\"mk\" cx=\"7\" cy=\"9\" "
               "r=\"3.6\"/></g></svg>small: the entry again, in the lane "
               "of another actor</li>");
    if (diff)
        put(h,
            "<li>+ added (only in NEW)</li><li>\xE2\x88\x92 removed "
            "(only in OLD)</li><li>\xCE\x94 changed (dashed line joins OLD and "
            "NEW)</li><li>= the same (faded)</li>");
    put(h, "</ul>\n<p class=\"hint\">Point at an entry or move to it with "
           "Tab to read its evidence here; Enter goes to its details.</p>\n"
           "<div id=\"dtl-tip\" class=\"tip\" hidden aria-live=\"polite\">"
           "</div>\n");
}

static void doc_line(html *h, const dtl_document *d, const char *side)
{
    char day[11];

    put(h, "<li>");
    if (side) {
        put(h, side);
        put(h, ": ");
    }
    put(h, "\xE2\x80\x9C");
    esc(h, *d->title ? d->title : d->id);
    put(h, "\xE2\x80\x9D");
    if (*d->source) {
        put(h, " \xE2\x80\x94 ");
        esc(h, d->source);
    }
    if (d->dct != DTL_DAY_NONE) {
        dtl_date_format(d->dct, day);
        putf(h, ", %s", day);
    }
    put(h, " (");
    esc(h, d->id);
    put(h, ")</li>\n");
}

static void docs_list(html *h, const dtl_timeline *tl, const char *side)
{
    size_t i, n = tl ? dtl_timeline_document_count(tl) : 0;

    for (i = 0; i < n; i++)
        doc_line(h, dtl_timeline_document(tl, i), side);
}

static void chart_dcts(chart *c, const dtl_timeline *tl)
{
    size_t i, j, n = tl ? dtl_timeline_document_count(tl) : 0;

    for (i = 0; i < n && !c->dct_skip; i++) {
        const dtl_document *d = dtl_timeline_document(tl, i);

        if (d->dct == DTL_DAY_NONE)
            continue;
        for (j = 0; j < c->dct_count; j++)
            if (strcmp(c->dct_id[j], d->id) == 0)
                break;
        if (j < c->dct_count)
            continue;
        if (c->dct_count == MAX_DCT_LINES) {
            c->dct_count = 0; /* too many to draw */
            c->dct_skip = 1;
            return;
        }
        c->dct[c->dct_count] = d->dct;
        c->dct_id[c->dct_count++] = d->id;
    }
}

/* How a date was found: "day, exact; "April 5", relative to ...". */
static void date_details(html *h, const dtl_when *w)
{
    char when[48];

    timeline_when_text(w, 1, when, sizeof(when));
    putf(h, "%s (", when);
    esc(h, w->value);
    putf(h, "; %s, %s", dtl_granularity_name(w->granularity),
         dtl_certainty_name(w->certainty));
    if (w->anchor_text) {
        put(h, "; \xE2\x80\x9C");
        esc(h, w->anchor_text);
        put(h, "\xE2\x80\x9D");
    }
    switch (w->anchor) {
    case DTL_ANCHOR_DOCUMENT:
        put(h, ", from the publication date");
        break;
    case DTL_ANCHOR_SPEECH:
        put(h, ", from when it was said");
        break;
    case DTL_ANCHOR_CONTEXT:
        put(h, ", after ");
        esc(h, w->anchor_event ? w->anchor_event : "the event before");
        break;
    default:
        break;
    }
    put(h, ")");
}

static const char *doc_name(const dtl_timeline *tl, size_t i)
{
    const dtl_document *d = tl ? dtl_timeline_document(tl, i) : NULL;

    return d ? d->id : "?";
}

/* The body of an entry: the card shown under the chart on focus. */
static void event_card(html *h, const dtl_timeline *tl, const dtl_event *e)
{
    size_t i;
    char when[48];
    const dtl_document *d;

    timeline_when_text(&e->date, 1, when, sizeof(when));
    put(h, "<p class=\"head\"><span class=\"eid\">");
    esc(h, e->id);
    putf(h, "</span><span class=\"when\">%s</span>", when);
    putf(h, "<span class=\"tag\">%s</span><span class=\"tag\">%s</span>",
         dtl_event_status_name(e->status),
         dtl_certainty_name(e->date.certainty));
    if (e->conflict)
        put(h, "<span class=\"tag warn\">\xE2\x9A\xA0 date conflict</span>");
    put(h, "</p>\n<p class=\"summary\">");
    esc(h, e->summary);
    put(h, "</p>\n<dl><dt>Date</dt><dd>");
    date_details(h, &e->date);
    put(h, "</dd>");
    if (e->actor_count) {
        put(h, "<dt>Actors</dt><dd>");
        for (i = 0; i < e->actor_count; i++) {
            if (i)
                put(h, "; ");
            esc(h, e->actors[i].name);
            put(h, " (");
            if (e->actors[i].code && *e->actors[i].code) {
                esc(h, e->actors[i].code);
                put(h, ", ");
            }
            put(h, dtl_role_name(e->actors[i].role));
            put(h, ")");
        }
        put(h, "</dd>");
    }
    if (e->location) {
        put(h, "<dt>Place</dt><dd>");
        esc(h, e->location);
        if (e->location_code) {
            put(h, " (");
            esc(h, e->location_code);
            put(h, ")");
        }
        put(h, "</dd>");
    }
    if (e->weapon || e->count) {
        put(h, "<dt>Weapon</dt><dd>");
        if (e->count)
            putf(h, "%ld ", e->count);
        esc(h, e->weapon ? e->weapon : "");
        put(h, "</dd>");
    }
    putf(h, "<dt>Type</dt><dd>");
    esc(h, e->type);
    if (e->cameo && *e->cameo) {
        put(h, " (CAMEO ");
        esc(h, e->cameo);
        put(h, ")");
    }
    put(h, "</dd>");
    if (e->source_count > 1 || e->conflict) {
        putf(h, "<dt>%s</dt><dd><ul>",
             e->conflict ? "Claims (disagree)" : "Claims");
        for (i = 0; i < e->source_count; i++) {
            put(h, "<li>");
            esc(h, doc_name(tl, e->sources[i].doc));
            put(h, ": ");
            date_details(h, &e->sources[i].date);
            putf(h, ", %s</li>", dtl_event_status_name(e->sources[i].status));
        }
        put(h, "</ul></dd>");
    }
    put(h, "</dl>\n<ul class=\"evidence\">");
    for (i = 0; i < e->evidence_count; i++) {
        const dtl_evidence *ev = &e->evidence[i];

        put(h, "<li><q>");
        esc(h, ev->text);
        put(h, "</q><cite>");
        d = tl ? dtl_timeline_document(tl, ev->doc) : NULL;
        if (d) {
            if (*d->source) {
                esc(h, d->source);
                put(h, ", ");
            }
            put(h, "\xE2\x80\x9C");
            esc(h, *d->title ? d->title : d->id);
            put(h, "\xE2\x80\x9D (");
            esc(h, d->id);
            put(h, ")");
        } else {
            putf(h, "document %zu", ev->doc + 1);
        }
        putf(h, ", characters %zu\xE2\x80\x93%zu, rule ", ev->start, ev->end);
        esc(h, ev->rule);
        put(h, "</cite></li>");
    }
    put(h, "</ul>\n");
}

static dtl_status finish(html *h, FILE *out, dtl_error *err)
{
    dtl_status st = DTL_OK;

    if (h->fail || h->b.data == NULL)
        st = diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    else if (fwrite(h->b.data, 1, h->b.len, out) != h->b.len)
        st = diag_set(err, DTL_EIO, "", 0, 0, "write error");
    buf_free(&h->b);
    return st;
}

/* ------------------------------------------------------------------ */
/* Timelines                                                           */
/* ------------------------------------------------------------------ */

/* A mark per event, in its first actor's lane, and an echo in the lane
 * of every other actor. */
static int timeline_marks(chart *c, const dtl_timeline *tl)
{
    size_t i, k, n = dtl_timeline_event_count(tl);

    for (i = 0; i < n; i++) {
        const dtl_event *e = dtl_timeline_event(tl, i);
        mark *m = mark_add(c, e, tl, lane_of(c, e), 0);

        if (m == NULL)
            return -1;
        m->target = i + 1;
        if (e->date.earliest == DTL_DAY_NONE && e->date.latest == DTL_DAY_NONE)
            c->has_undated = 1;
        for (k = 1; c->by == DTL_HTML_LANES_ACTOR && k < e->actor_count; k++) {
            const char *key = actor_key(&e->actors[k]);
            size_t j, l;

            for (j = 0; j < k; j++)
                if (strcmp(actor_key(&e->actors[j]), key) == 0)
                    break;
            if (j < k)
                continue;
            l = lane_get(c, key, e->actors[k].name, e->actors[k].code);
            m = mark_add(c, e, tl, l, 0);
            if (m == NULL)
                return -1;
            m->target = i + 1;
            m->echo = 1;
        }
    }
    return 0;
}

dtl_status dtl_timeline_write_html(const dtl_timeline *tl, FILE *out,
                                   const dtl_html_options *opts, dtl_error *err)
{
    html h;
    chart c;
    size_t i, n = dtl_timeline_event_count(tl);
    size_t nd = dtl_timeline_document_count(tl);
    const dtl_document *d0 = dtl_timeline_document(tl, 0);
    char title[96];
    const char *t;

    memset(&h, 0, sizeof(h));
    memset(&c, 0, sizeof(c));
    buf_init(&h.b, 0);
    c.bands = 1;
    c.by = opts ? opts->lanes : DTL_HTML_LANES_ACTOR;
    if (opts && opts->title)
        t = opts->title;
    else if (nd == 1)
        t = *d0->title ? d0->title : d0->id;
    else if (nd == 0)
        t = "Timeline";
    else {
        snprintf(title, sizeof(title), "Timeline of %zu articles", nd);
        t = title;
    }
    chart_dcts(&c, tl);
    if (timeline_marks(&c, tl) != 0) {
        chart_free(&c);
        buf_free(&h.b);
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    }
    layout_axis(&c);
    if (layout_rows(&c) != 0)
        h.fail = 1;
    page_start(&h, t);
    put(&h, "<header><h1>");
    esc(&h, t);
    putf(&h,
         "</h1>\n<p class=\"meta\">%zu event%s, lanes by %s, from %zu "
         "article%s:</p>\n<ul class=\"docs\">\n",
         n, n == 1 ? "" : "s",
         c.by == DTL_HTML_LANES_TYPE ? "event type" : "actor", nd,
         nd == 1 ? "" : "s");
    docs_list(&h, tl, NULL);
    put(&h, "</ul></header>\n<main>\n");
    if (n)
        draw_chart(&h, &c, "Timeline chart");
    legend(&h, 0, c.by == DTL_HTML_LANES_ACTOR);
    put(&h, "<h2 id=\"events\">Events</h2>\n");
    if (n == 0)
        put(&h, "<p>No events were found.</p>\n");
    put(&h, "<ol class=\"events\">\n");
    for (i = 0; i < n; i++) {
        const dtl_event *e = dtl_timeline_event(tl, i);

        putf(&h, "<li class=\"event st-%s%s\" id=\"ev-%zu\" data-uid=\"",
             dtl_event_status_name(e->status), e->conflict ? " conflict" : "",
             i + 1);
        esc(&h, e->uid);
        put(&h, "\"><div class=\"card\">\n");
        event_card(&h, tl, e);
        put(&h, "</div></li>\n");
    }
    put(&h, "</ol>\n</main>\n");
    page_end(&h);
    chart_free(&c);
    return finish(&h, out, err);
}

/* ------------------------------------------------------------------ */
/* Diffs                                                               */
/* ------------------------------------------------------------------ */

static void change_list(html *h, const dtl_diff_entry *e)
{
    char a[48], b[48];

    if (e->kind != DTL_DIFF_CHANGED)
        return;
    put(h, "<ul class=\"changes\">");
    if (e->changes & (DTL_CHANGE_DATE_REFINED | DTL_CHANGE_DATE_MOVED |
                      DTL_CHANGE_DATE_CONFLICT)) {
        timeline_when_text(&e->old_ev->date, 1, a, sizeof(a));
        timeline_when_text(&e->new_ev->date, 1, b, sizeof(b));
        putf(h, "<li>date: %s \xE2\x86\x92 %s (%s)</li>", a, b,
             e->changes & DTL_CHANGE_DATE_CONFLICT  ? "conflict"
             : e->changes & DTL_CHANGE_DATE_REFINED ? "refined"
                                                    : "moved");
    }
    if (e->changes & DTL_CHANGE_STATUS)
        putf(h, "<li>status: %s \xE2\x86\x92 %s</li>",
             dtl_event_status_name(e->old_ev->status),
             dtl_event_status_name(e->new_ev->status));
    if (e->changes & DTL_CHANGE_TYPE) {
        put(h, "<li>type: ");
        esc(h, e->old_ev->type);
        put(h, " \xE2\x86\x92 ");
        esc(h, e->new_ev->type);
        put(h, "</li>");
    }
    if (e->changes & DTL_CHANGE_ACTORS)
        put(h, "<li>actors changed</li>");
    if (e->changes & DTL_CHANGE_LOCATION) {
        put(h, "<li>place: ");
        esc(h, e->old_ev->location ? e->old_ev->location : "(none)");
        put(h, " \xE2\x86\x92 ");
        esc(h, e->new_ev->location ? e->new_ev->location : "(none)");
        put(h, "</li>");
    }
    put(h, "</ul>\n");
}

static int diff_marks(chart *c, const dtl_diff *d, const dtl_timeline *o,
                      const dtl_timeline *nw)
{
    size_t i, n = dtl_diff_count(d);
    int side;

    for (i = 0; i < n; i++) {
        const dtl_diff_entry *e = dtl_diff_entry_at(d, i);
        size_t l = lane_of(c, e->new_ev ? e->new_ev : e->old_ev);

        for (side = 0; side < 2; side++) {
            const dtl_event *ev = side ? e->new_ev : e->old_ev;
            mark *m;

            if (ev == NULL)
                continue;
            m = mark_add(c, ev, side ? nw : o, l, side);
            if (m == NULL)
                return -1;
            m->target = i + 1;
            m->href_prefix = "d-";
            m->diff_kind = (int)e->kind;
            if (ev->date.earliest == DTL_DAY_NONE &&
                ev->date.latest == DTL_DAY_NONE)
                c->has_undated = 1;
        }
    }
    return 0;
}

dtl_status dtl_diff_write_html(const dtl_diff *d, const dtl_timeline *old_tl,
                               const dtl_timeline *new_tl, const char *old_name,
                               const char *new_name, FILE *out,
                               const dtl_html_options *opts, dtl_error *err)
{
    html h;
    chart c;
    size_t i, n = dtl_diff_count(d), count[4] = {0, 0, 0, 0};
    const char *t = opts && opts->title ? opts->title : NULL;
    int side;

    memset(&h, 0, sizeof(h));
    memset(&c, 0, sizeof(c));
    buf_init(&h.b, 0);
    c.bands = 2;
    c.by = opts ? opts->lanes : DTL_HTML_LANES_ACTOR;
    old_name = old_name ? old_name : "OLD";
    new_name = new_name ? new_name : "NEW";
    chart_dcts(&c, old_tl);
    chart_dcts(&c, new_tl);
    if (diff_marks(&c, d, old_tl, new_tl) != 0) {
        chart_free(&c);
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    }
    layout_axis(&c);
    if (layout_rows(&c) != 0)
        h.fail = 1;
    for (i = 0; i < n; i++)
        count[dtl_diff_entry_at(d, i)->kind]++;
    if (t == NULL) {
        buf tb;

        buf_init(&tb, 0);
        buf_printf(&tb, "Timeline diff: %s \xE2\x86\x92 %s", old_name,
                   new_name);
        if (tb.data == NULL) {
            chart_free(&c);
            return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
        }
        page_start(&h, tb.data);
        put(&h, "<header><h1>");
        esc(&h, tb.data);
        buf_free(&tb);
    } else {
        page_start(&h, t);
        put(&h, "<header><h1>");
        esc(&h, t);
    }
    put(&h, "</h1>\n<p class=\"meta\">OLD: ");
    esc(&h, old_name);
    put(&h, ", NEW: ");
    esc(&h, new_name);
    putf(&h,
         ". %zu added, %zu removed, %zu changed, %zu the same; lanes by "
         "%s.</p>\n<ul class=\"docs\">\n",
         count[DTL_DIFF_ADDED], count[DTL_DIFF_REMOVED],
         count[DTL_DIFF_CHANGED], count[DTL_DIFF_SAME],
         c.by == DTL_HTML_LANES_TYPE ? "event type" : "actor");
    docs_list(&h, old_tl, "OLD");
    docs_list(&h, new_tl, "NEW");
    put(&h, "</ul></header>\n<main>\n");
    if (n)
        draw_chart(&h, &c, "Timeline diff chart");
    legend(&h, 1, 0);
    put(&h, "<h2 id=\"entries\">Entries</h2>\n");
    if (n == 0)
        put(&h, "<p>Neither timeline has events.</p>\n");
    put(&h, "<ol class=\"events\">\n");
    for (i = 0; i < n; i++) {
        const dtl_diff_entry *e = dtl_diff_entry_at(d, i);
        const dtl_event *any = e->new_ev ? e->new_ev : e->old_ev;

        putf(&h,
             "<li class=\"event entry k-%s\" id=\"d-%zu\" "
             "data-kind=\"%s\"><div class=\"card\">\n"
             "<p class=\"head\"><span class=\"tag\">%s %s</span>",
             kind_name(e->kind), i + 1, kind_name(e->kind), kind_sign(e->kind),
             kind_name(e->kind));
        esc(&h, any->summary);
        put(&h, "</p>\n");
        change_list(&h, e);
        put(&h, "<div class=\"sides\">");
        for (side = 0; side < 2; side++) {
            const dtl_event *ev = side ? e->new_ev : e->old_ev;

            put(&h, "<div class=\"side\">");
            if (ev == NULL) {
                putf(&h, "<p class=\"none\">not in %s</p></div>",
                     side ? "NEW" : "OLD");
                continue;
            }
            putf(&h, "<h3>%s</h3>", side ? "NEW" : "OLD");
            event_card(&h, side ? new_tl : old_tl, ev);
            put(&h, "</div>");
        }
        put(&h, "</div></div></li>\n");
    }
    put(&h, "</ol>\n</main>\n");
    page_end(&h);
    chart_free(&c);
    return finish(&h, out, err);
}
