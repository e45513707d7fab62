/* SPDX-License-Identifier: MIT */
/*
 * export_ics.c - a timeline as an iCalendar file, with libical.
 *
 * Each dated entry becomes an all-day VEVENT: DTSTART;VALUE=DATE is the
 * earliest day, DTEND the day after the latest (exclusive, RFC 5545
 * 3.6.1).  UID is the entry's stable uid, so a calendar that imports an
 * updated timeline updates the event; SEQUENCE and LAST-MODIFIED grow
 * with the sources behind it.  STATUS is CONFIRMED only for what
 * happened on a known day, TENTATIVE for the planned, the approximate
 * and the vague, CANCELLED for the called off.  X-DTL-* properties keep
 * what iCalendar has no field for, so import_ics.c can read the file
 * back.  Article text only ever goes into TEXT values, which libical
 * escapes: it cannot add properties or components.  Entries without a
 * bounded interval are left out (a calendar needs a day).
 */
#include <dtl/dtl.h>

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "diag.h"

static struct icaltimetype ical_day(dtl_day d)
{
    struct icaltimetype t = icaltime_null_date();
    int y, m, dd;

    date_to_ymd(d, &y, &m, &dd);
    t.year = y;
    t.month = m;
    t.day = dd;
    t.is_date = 1;
    return t;
}

static int add_x(icalcomponent *c, const char *name, const char *value,
                 const char *pname, const char *pvalue, const char *pname2,
                 const char *pvalue2)
{
    icalproperty *p = icalproperty_new_x(value);

    if (p == NULL)
        return -1;
    icalproperty_set_x_name(p, name);
    if (pname) {
        icalparameter *par = icalparameter_new_x(pvalue);

        if (par == NULL) {
            icalproperty_free(p);
            return -1;
        }
        icalparameter_set_xname(par, pname);
        icalproperty_add_parameter(p, par);
    }
    if (pname2 && pvalue2 && *pvalue2) {
        icalparameter *par = icalparameter_new_x(pvalue2);

        if (par == NULL) {
            icalproperty_free(p);
            return -1;
        }
        icalparameter_set_xname(par, pname2);
        icalproperty_add_parameter(p, par);
    }
    icalcomponent_add_property(c, p);
    return 0;
}

static void describe_date(buf *b, const dtl_when *w)
{
    char e[11], l[11];

    dtl_date_format(w->earliest, e);
    dtl_date_format(w->latest, l);
    if (w->earliest == w->latest)
        buf_printf(b, "Date: %s (%s)", e, dtl_certainty_name(w->certainty));
    else
        buf_printf(b, "Date: between %s and %s (%s)", e, l,
                   dtl_certainty_name(w->certainty));
    if (w->anchor_text)
        buf_printf(b, ", from \"%s\"", w->anchor_text);
    if (w->anchor == DTL_ANCHOR_CONTEXT && w->anchor_event)
        buf_printf(b, " after event %s", w->anchor_event);
    else if (w->anchor == DTL_ANCHOR_SPEECH)
        buf_puts(b, " relative to when it was said");
    else if (w->anchor == DTL_ANCHOR_DOCUMENT)
        buf_puts(b, " relative to the publication date");
    buf_puts(b, "\n");
}

static char *description(const dtl_timeline *tl, const dtl_event *e)
{
    buf b;
    size_t i;

    buf_init(&b, 0);
    buf_printf(&b, "%s\n", e->summary);
    describe_date(&b, &e->date);
    buf_printf(&b, "Status: %s\n", dtl_event_status_name(e->status));
    if (e->conflict)
        buf_puts(&b, "Sources disagree on the date.\n");
    for (i = 0; i < e->evidence_count; i++) {
        const dtl_document *d = dtl_timeline_document(tl, e->evidence[i].doc);

        buf_printf(&b, "Evidence (%s): %s\n", d ? d->id : "",
                   e->evidence[i].text);
    }
    return buf_take(&b);
}

static icalproperty_status ical_status(const dtl_event *e)
{
    if (e->status == DTL_STATUS_CANCELLED)
        return ICAL_STATUS_CANCELLED;
    if (e->status == DTL_STATUS_OCCURRED && e->date.certainty == DTL_CERT_EXACT)
        return ICAL_STATUS_CONFIRMED;
    return ICAL_STATUS_TENTATIVE;
}

static dtl_day newest_dct(const dtl_timeline *tl)
{
    dtl_day best = DTL_DAY_NONE;
    size_t i;

    for (i = 0; i < dtl_timeline_document_count(tl); i++) {
        dtl_day d = dtl_timeline_document(tl, i)->dct;

        if (d != DTL_DAY_NONE && (best == DTL_DAY_NONE || d > best))
            best = d;
    }
    return best;
}

/* The newest publication date among the documents behind e. */
static dtl_day event_modified(const dtl_timeline *tl, const dtl_event *e)
{
    dtl_day best = DTL_DAY_NONE;
    size_t i;

    for (i = 0; i < e->evidence_count; i++) {
        const dtl_document *d = dtl_timeline_document(tl, e->evidence[i].doc);

        if (d && d->dct != DTL_DAY_NONE &&
            (best == DTL_DAY_NONE || d->dct > best))
            best = d->dct;
    }
    return best;
}

static icalcomponent *vevent(const dtl_timeline *tl, const dtl_event *e,
                             struct icaltimetype stamp)
{
    icalcomponent *v = icalcomponent_new_vevent();
    char *desc;
    size_t i;
    dtl_day mod;

    if (v == NULL)
        return NULL;
    desc = description(tl, e);
    if (desc == NULL) {
        icalcomponent_free(v);
        return NULL;
    }
    icalcomponent_add_property(v, icalproperty_new_uid(e->uid));
    icalcomponent_add_property(v, icalproperty_new_dtstamp(stamp));
    icalcomponent_add_property(
        v, icalproperty_new_dtstart(ical_day(e->date.earliest)));
    icalcomponent_add_property(
        v, icalproperty_new_dtend(ical_day(e->date.latest + 1)));
    icalcomponent_add_property(v, icalproperty_new_summary(e->summary));
    icalcomponent_add_property(v, icalproperty_new_description(desc));
    icalcomponent_add_property(v, icalproperty_new_categories(e->type));
    if (e->location)
        icalcomponent_add_property(v, icalproperty_new_location(e->location));
    icalcomponent_add_property(v, icalproperty_new_status(ical_status(e)));
    icalcomponent_add_property(v, icalproperty_new_sequence((int)e->sequence));
    icalcomponent_add_property(
        v, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
    mod = event_modified(tl, e);
    if (mod != DTL_DAY_NONE)
        icalcomponent_add_property(
            v, icalproperty_new_lastmodified(icaltime_from_timet_with_zone(
                   (time_t)mod * 86400, 0, icaltimezone_get_utc_timezone())));
    free(desc);
    if (add_x(v, "X-DTL-CAMEO", e->cameo, NULL, NULL, NULL, NULL) ||
        add_x(v, "X-DTL-STATUS", dtl_event_status_name(e->status), NULL, NULL,
              NULL, NULL) ||
        add_x(v, "X-DTL-DATE", e->date.value, "X-CERTAINTY",
              dtl_certainty_name(e->date.certainty), "X-GRANULARITY",
              dtl_granularity_name(e->date.granularity)))
        goto fail;
    for (i = 0; i < e->actor_count; i++)
        if (add_x(v, "X-DTL-ACTOR", e->actors[i].name, "X-ROLE",
                  dtl_role_name(e->actors[i].role), "X-CODE",
                  e->actors[i].code))
            goto fail;
    if (e->weapon &&
        add_x(v, "X-DTL-WEAPON", e->weapon, NULL, NULL, NULL, NULL))
        goto fail;
    return v;
fail:
    icalcomponent_free(v);
    return NULL;
}

dtl_status dtl_timeline_write_ics(const dtl_timeline *tl, FILE *out,
                                  const dtl_ics_options *opts, dtl_error *err)
{
    icalcomponent *cal;
    struct icaltimetype stamp;
    time_t ts = 0;
    size_t i, n;
    char *s;
    const dtl_document *d0 = dtl_timeline_document(tl, 0);
    dtl_day dct = newest_dct(tl);

    if (opts && opts->dtstamp >= 0)
        ts = (time_t)opts->dtstamp;
    else if (dct != DTL_DAY_NONE)
        ts = (time_t)dct * 86400;
    stamp =
        icaltime_from_timet_with_zone(ts, 0, icaltimezone_get_utc_timezone());
    cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
        icalproperty_new_prodid("-//dtl//dtl " DTL_VERSION "//EN"),
        icalproperty_new_calscale("GREGORIAN"), (void *)0);
    if (cal == NULL)
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    if (add_x(cal, "X-WR-CALNAME",
              d0 && *d0->title && dtl_timeline_document_count(tl) == 1
                  ? d0->title
                  : "dtl timeline",
              NULL, NULL, NULL, NULL))
        goto nomem;
    n = dtl_timeline_event_count(tl);
    for (i = 0; i < n; i++) {
        const dtl_event *e = dtl_timeline_event(tl, i);
        icalcomponent *v;

        if (e->date.earliest == DTL_DAY_NONE || e->date.latest == DTL_DAY_NONE)
            continue;
        v = vevent(tl, e, stamp);
        if (v == NULL)
            goto nomem;
        icalcomponent_add_component(cal, v);
    }
    s = icalcomponent_as_ical_string_r(cal);
    icalcomponent_free(cal);
    if (s == NULL)
        return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
    n = strlen(s);
    if (fwrite(s, 1, n, out) != n) {
        free(s);
        return diag_set(err, DTL_EIO, "", 0, 0, "write error");
    }
    free(s);
    return DTL_OK;
nomem:
    icalcomponent_free(cal);
    return diag_set(err, DTL_ENOMEM, "", 0, 0, "out of memory");
}
