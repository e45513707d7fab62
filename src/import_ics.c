/* SPDX-License-Identifier: MIT */
/*
 * import_ics.c - reading an iCalendar file back into a dtl_timeline, with
 * libical, so that diff and merge accept the .ics files dtl writes.
 * The X-DTL-* properties give back what iCalendar has no field for
 * (status, actors, CAMEO code, date value and certainty); a VEVENT from
 * another program still reads, with what it has.  DTEND is exclusive.
 */
#include <dtl/diff.h>
#include <dtl/limits.h>

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "date.h"
#include "diag.h"
#include "import.h"
#include "timeline.h"
#include "util.h"

static dtl_day day_of(struct icaltimetype t)
{
    if (icaltime_is_null_time(t) || !date_valid(t.year, t.month, t.day))
        return DTL_DAY_NONE;
    return date_from_ymd(t.year, t.month, t.day);
}

/* The value of parameter xname of p, or NULL. */
static const char *xparam(icalproperty *p, const char *xname)
{
    icalparameter *par;

    for (par = icalproperty_get_first_parameter(p, ICAL_X_PARAMETER); par;
         par = icalproperty_get_next_parameter(p, ICAL_X_PARAMETER)) {
        const char *n = icalparameter_get_xname(par);

        if (n && strcmp(n, xname) == 0)
            return icalparameter_get_xvalue(par);
    }
    return NULL;
}

/* The value of X-property p, or "" when it has none (an X-property whose
 * value libical could not read, as in a damaged file). */
static const char *xvalue(icalproperty *p)
{
    const char *s = p ? icalproperty_get_x(p) : NULL;

    return s ? s : "";
}

/* The first X-property named name of c, or NULL. */
static icalproperty *xprop(icalcomponent *c, const char *name,
                           icalproperty *after)
{
    icalproperty *p =
        after ? icalcomponent_get_next_property(c, ICAL_X_PROPERTY)
              : icalcomponent_get_first_property(c, ICAL_X_PROPERTY);

    for (; p; p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY)) {
        const char *n = icalproperty_get_x_name(p);

        if (n && strcmp(n, name) == 0)
            return p;
    }
    return NULL;
}

/* The TEXT value of the first property of kind k, owned by c (never
 * libical's ring buffer), or NULL. */
static const char *text_prop(icalcomponent *c, icalproperty_kind k)
{
    icalproperty *p = icalcomponent_get_first_property(c, k);
    icalvalue *v = p ? icalproperty_get_value(p) : NULL;

    if (v == NULL || icalvalue_isa(v) != ICAL_TEXT_VALUE)
        return NULL;
    return icalvalue_get_text(v);
}

/* Evidence lines of a DESCRIPTION written by dtl:
 * "Evidence (DOC): sentence". */
static size_t evidence_of(const char *desc, dtl_evidence *ev, size_t max,
                          char **copies)
{
    const char *p = desc;
    size_t n = 0;

    while (p && *p && n < max) {
        const char *eol = strchr(p, '\n'), *close;
        size_t len = eol ? (size_t)(eol - p) : strlen(p);

        if (len > 11 && strncmp(p, "Evidence (", 10) == 0 &&
            (close = memchr(p, ')', len)) != NULL && close + 2 < p + len &&
            close[1] == ':') {
            copies[n] = util_strndup(close + 3, len - (size_t)(close + 3 - p));
            if (copies[n] == NULL)
                break;
            ev[n].text = copies[n];
            ev[n].rule = "";
            ev[n].doc = 0;
            n++;
        }
        p = eol ? eol + 1 : NULL;
    }
    return n;
}

static int read_vevent(dtl_timeline *tl, icalcomponent *v, const char *name,
                       long index, dtl_error *err)
{
    dtl_event e;
    dtl_actor ac[32];
    dtl_evidence evd[16];
    char *copies[16];
    dtl_source src;
    icalproperty *p;
    const char *s;
    size_t n = 0, i;
    int rc;

    memset(&e, 0, sizeof(e));
    e.uid = text_prop(v, ICAL_UID_PROPERTY);
    e.date.earliest = day_of(icalcomponent_get_dtstart(v));
    if (e.date.earliest == DTL_DAY_NONE) {
        diag_set(err, DTL_EFORMAT, name, 0, 0,
                 "VEVENT %ld has no valid DTSTART", index + 1);
        return -1;
    }
    e.date.latest = day_of(icalcomponent_get_dtend(v));
    if (e.date.latest == DTL_DAY_NONE)
        e.date.latest = e.date.earliest;
    else if (e.date.latest > e.date.earliest)
        e.date.latest--; /* DTEND is exclusive */
    e.summary = text_prop(v, ICAL_SUMMARY_PROPERTY);
    e.location = text_prop(v, ICAL_LOCATION_PROPERTY);
    s = text_prop(v, ICAL_CATEGORIES_PROPERTY);
    e.type = s ? s : "event";
    p = icalcomponent_get_first_property(v, ICAL_SEQUENCE_PROPERTY);
    e.sequence = p ? (unsigned)icalproperty_get_sequence(p) : 0;
    p = xprop(v, "X-DTL-CAMEO", NULL);
    e.cameo = xvalue(p);
    p = xprop(v, "X-DTL-STATUS", NULL);
    if (p) {
        e.status =
            (dtl_event_status)import_status(xvalue(p), DTL_STATUS_OCCURRED);
    } else {
        p = icalcomponent_get_first_property(v, ICAL_STATUS_PROPERTY);
        e.status = p && icalproperty_get_status(p) == ICAL_STATUS_CANCELLED
                       ? DTL_STATUS_CANCELLED
                       : DTL_STATUS_OCCURRED;
    }
    p = xprop(v, "X-DTL-DATE", NULL);
    if (p) {
        snprintf(e.date.value, sizeof(e.date.value), "%s", xvalue(p));
        e.date.certainty = (dtl_certainty)import_certainty(
            xparam(p, "X-CERTAINTY"), DTL_CERT_APPROX);
        e.date.granularity = (dtl_granularity)import_granularity(
            xparam(p, "X-GRANULARITY"), DTL_GRAN_NONE);
    } else {
        dtl_date_format(e.date.earliest, e.date.value);
        e.date.certainty =
            e.date.earliest == e.date.latest ? DTL_CERT_EXACT : DTL_CERT_APPROX;
        e.date.granularity =
            e.date.earliest == e.date.latest ? DTL_GRAN_DAY : DTL_GRAN_NONE;
    }
    for (p = xprop(v, "X-DTL-ACTOR", NULL); p && n < 32;
         p = xprop(v, "X-DTL-ACTOR", p)) {
        const char *code = xparam(p, "X-CODE");

        ac[n].name = xvalue(p);
        ac[n].code = code ? code : "";
        ac[n].role =
            (dtl_role)import_role(xparam(p, "X-ROLE"), DTL_ROLE_PARTICIPANT);
        n++;
    }
    e.actors = ac;
    e.actor_count = n;
    p = xprop(v, "X-DTL-WEAPON", NULL);
    e.weapon = p ? xvalue(p) : NULL;
    s = text_prop(v, ICAL_DESCRIPTION_PROPERTY);
    e.evidence_count = s ? evidence_of(s, evd, 16, copies) : 0;
    e.evidence = evd;
    src.doc = 0;
    src.uid = e.uid;
    src.status = e.status;
    src.date = e.date;
    e.sources = &src;
    e.source_count = 1;
    rc = timeline_add_event(tl, &e);
    for (i = 0; i < e.evidence_count; i++)
        free(copies[i]);
    if (rc != 0)
        diag_set(err, DTL_ENOMEM, name, 0, 0, "out of memory");
    return rc;
}

/*
 * The name and value of one content line, "BEGIN:VEVENT" or
 * "end;x=y:vevent", read as libical reads it: the name ends at ':' or
 * ';', the value follows the first ':'.  Returns 1 for BEGIN, 0 for END,
 * -1 for any other line.
 */
static int ics_begin_end(const char *p, size_t n, const char **value,
                         size_t *vlen)
{
    size_t k = 0;
    const char *colon;
    int kind;

    while (k < n && p[k] != ':' && p[k] != ';')
        k++;
    if (k == 5 && strncasecmp(p, "BEGIN", 5) == 0)
        kind = 1;
    else if (k == 3 && strncasecmp(p, "END", 3) == 0)
        kind = 0;
    else
        return -1;
    colon = memchr(p, ':', n);
    *value = colon ? colon + 1 : p + n;
    *vlen = (size_t)(p + n - *value);
    return kind;
}

/* The component structure, checked line by line before libical parses
 * the file: every END: closes the BEGIN: it follows (libical would only
 * print a warning to standard error for a stray END:, and builds a
 * truncated file's components without a word), no deeper nesting than
 * DTL_MAX_ICS_DEPTH.  Lines are unfolded first, as libical does: a line
 * that starts with a space or a tab continues the one before.  Counts
 * the VEVENTs, so that a huge file is refused before libical builds it
 * in memory.  Returns 0, or -1 with err set. */
static int ics_structure(const char *data, size_t len, const char *name,
                         size_t *nevents, dtl_error *err)
{
    struct {
        char name[64];
        size_t len;
        unsigned line;
    } open[DTL_MAX_ICS_DEPTH];
    char logical[128]; /* enough of a line to name a component */
    size_t depth = 0, i = 0, ln = 0, vlen;
    unsigned line = 0, lline = 0;
    const char *v;

    *nevents = 0;
    for (;;) {
        const char *p = data + i,
                   *eol = i < len ? memchr(p, '\n', len - i) : NULL;
        size_t n = i < len ? (eol ? (size_t)(eol - p) : len - i) : 0;
        int kind, more = i < len;

        if (more) {
            i += n + (eol != NULL);
            line++;
            if (n && p[n - 1] == '\r')
                n--;
            if (n && (p[0] == ' ' || p[0] == '\t')) {
                /* A folded line: the rest of the logical line. */
                n--;
                p++;
                if (n > sizeof(logical) - ln)
                    n = sizeof(logical) - ln;
                memcpy(logical + ln, p, n);
                ln += n;
                continue;
            }
        }
        /* The logical line before this one is complete. */
        kind = lline ? ics_begin_end(logical, ln, &v, &vlen) : -1;
        if (kind == 1) {
            if (depth == DTL_MAX_ICS_DEPTH) {
                diag_set(err, DTL_EFORMAT, name, lline, 0,
                         "components nested deeper than %u (DTL_MAX_ICS_DEPTH)",
                         DTL_MAX_ICS_DEPTH);
                return -1;
            }
            if (vlen == 0 || vlen > sizeof(open[depth].name)) {
                diag_set(err, DTL_EFORMAT, name, lline, 0,
                         vlen ? "BEGIN: with a component name over %zu bytes"
                              : "BEGIN: without a component name",
                         sizeof(open[depth].name));
                return -1;
            }
            memcpy(open[depth].name, v, vlen);
            open[depth].len = vlen;
            open[depth].line = lline;
            depth++;
            if (vlen == 6 && strncasecmp(v, "VEVENT", 6) == 0)
                ++*nevents;
        } else if (kind == 0) {
            if (vlen == 0) {
                diag_set(err, DTL_EFORMAT, name, lline, 0,
                         "END: without a component name");
                return -1;
            }
            if (depth == 0 || open[depth - 1].len != vlen ||
                strncasecmp(open[depth - 1].name, v, vlen) != 0) {
                diag_set(err, DTL_EFORMAT, name, lline, 0,
                         "END:%.*s without a matching BEGIN:%.*s", (int)vlen, v,
                         (int)vlen, v);
                return -1;
            }
            depth--;
        }
        if (!more)
            break;
        if (n > sizeof(logical))
            n = sizeof(logical);
        memcpy(logical, p, n);
        ln = n;
        lline = line;
    }
    if (depth) {
        diag_set(err, DTL_EFORMAT, name, open[depth - 1].line, 0,
                 "BEGIN:%.*s is never ended (truncated file?)",
                 (int)open[depth - 1].len, open[depth - 1].name);
        return -1;
    }
    return 0;
}

dtl_timeline *dtl_timeline_read_ics(const char *data, size_t len,
                                    const char *name, dtl_error *err)
{
    icalcomponent *root = NULL, *cal, *v;
    dtl_timeline *tl = NULL;
    dtl_document doc;
    char *copy = NULL, idbuf[128];
    const char *base, *dot, *nul;
    long k = 0;
    int errors;
    size_t nv;

    name = name ? name : "<stdin>";
    if (len > DTL_MAX_IMPORT) {
        diag_set(err, DTL_ELIMIT, name, 0, 0,
                 "%zu bytes, over the limit of %u (DTL_MAX_IMPORT)", len,
                 DTL_MAX_IMPORT);
        return NULL;
    }
    if (len < 15 || memcmp(data, "BEGIN:VCALENDAR", 15) != 0) {
        diag_set(err, DTL_EFORMAT, name, 0, 0,
                 "not an iCalendar file (no BEGIN:VCALENDAR)");
        return NULL;
    }
    if ((nul = memchr(data, '\0', len)) != NULL) {
        diag_set(err, DTL_EFORMAT, name, 0, 0, "NUL byte at offset %zu",
                 (size_t)(nul - data));
        return NULL;
    }
    if (ics_structure(data, len, name, &nv, err) != 0)
        return NULL;
    if (nv > DTL_MAX_IMPORT_EVENTS) {
        diag_set(err, DTL_ELIMIT, name, 0, 0,
                 "%zu events, over the limit of %u (DTL_MAX_IMPORT_EVENTS)", nv,
                 DTL_MAX_IMPORT_EVENTS);
        return NULL;
    }
    copy = util_strndup(data, len);
    if (copy == NULL)
        goto nomem;
    root = icalparser_parse_string(copy);
    free(copy);
    if (root == NULL) {
        diag_set(err, DTL_EFORMAT, name, 0, 0, "malformed iCalendar file");
        return NULL;
    }
    cal =
        icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT
            ? root
            : icalcomponent_get_first_component(root, ICAL_VCALENDAR_COMPONENT);
    errors = icalcomponent_count_errors(root);
    if (cal == NULL || errors > 0) {
        diag_set(err, DTL_EFORMAT, name, 0, 0,
                 "malformed iCalendar file (%d error%s; truncated?)", errors,
                 errors == 1 ? "" : "s");
        icalcomponent_free(root);
        return NULL;
    }
    tl = timeline_new();
    if (tl == NULL)
        goto nomem;
    memset(&doc, 0, sizeof(doc));
    base = strrchr(name, '/');
    base = base ? base + 1 : name;
    dot = strrchr(base, '.');
    snprintf(idbuf, sizeof(idbuf), "%.*s",
             (int)(dot && dot != base ? (size_t)(dot - base) : strlen(base)),
             base);
    doc.id = idbuf;
    doc.path = name;
    doc.dct = DTL_DAY_NONE;
    v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    if (v) {
        icalproperty *st =
            icalcomponent_get_first_property(v, ICAL_DTSTAMP_PROPERTY);

        if (st)
            doc.dct = day_of(icalproperty_get_dtstamp(st));
    }
    {
        icalproperty *p = xprop(cal, "X-WR-CALNAME", NULL);

        doc.title = xvalue(p);
    }
    if (timeline_add_document(tl, &doc) < 0)
        goto nomem;
    for (; v; v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        if (read_vevent(tl, v, name, k++, err) != 0)
            goto fail;
    if (timeline_finish(tl, idbuf, 0) != 0)
        goto nomem;
    icalcomponent_free(root);
    return tl;
nomem:
    diag_set(err, DTL_ENOMEM, name, 0, 0, "out of memory");
fail:
    icalcomponent_free(root);
    dtl_timeline_free(tl);
    return NULL;
}
