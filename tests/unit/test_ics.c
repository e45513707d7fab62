/* SPDX-License-Identifier: MIT */
/*
 * test_ics.c - the iCalendar export read back by libical: it parses, it
 * passes libical's restriction check, every dated event is there, and
 * article text cannot inject properties or components.
 */
#include <dtl/dtl.h>

#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

static char *ics_of(const dtl_rules *rs, const char *article, size_t *events)
{
    dtl_text *t = dtl_text_new(article, strlen(article), "t", NULL);
    dtl_timeline *tl;
    char *buf = NULL;
    size_t len = 0;
    FILE *f;
    dtl_ics_options o;

    CHECK(t != NULL);
    tl = dtl_timeline_build(rs, t, NULL, NULL, NULL);
    CHECK(tl != NULL);
    *events = dtl_timeline_event_count(tl);
    f = open_memstream(&buf, &len);
    o.dtstamp = -1;
    CHECK(dtl_timeline_write_ics(tl, f, &o, NULL) == DTL_OK);
    fclose(f);
    dtl_timeline_free(tl);
    dtl_text_free(t);
    return buf;
}

static int count_vevents(icalcomponent *cal)
{
    int n = 0;
    icalcomponent *c;

    for (c = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); c;
         c = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
        n++;
    return n;
}

int main(void)
{
    dtl_rules *rs = dtl_rules_new();
    size_t n = 0;
    char *s;
    icalcomponent *cal, *ev;
    icalproperty *p;
    const char *desc;

    if (getenv("DTL_NO_JIT"))
        dtl_rules_set_jit(rs, 0); /* under valgrind */
    CHECK(dtl_rules_load_dir(rs, "rules", NULL, NULL, NULL) == DTL_OK);
    CHECK(dtl_rules_compile(rs, NULL, NULL, NULL) == DTL_OK);

    s = ics_of(rs,
               "Title: t\nDate: 2021-03-30\nId: t\n\n"
               "On Monday, Secretary of State Tony Blinken addressed North "
               "Korea's launches, in a briefing with reporters in New "
               "York.\n\nNorth Korea launched two cruise missiles two weeks "
               "ago.\n",
               &n);
    CHECK(n >= 2);
    cal = icalparser_parse_string(s);
    CHECK(cal != NULL);
    CHECK(count_vevents(cal) == (int)n);
    CHECK(icalrestriction_check(cal) == 1);
    /* No X-LIC-ERROR anywhere. */
    for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
        CHECK(icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY) ==
              NULL);
        CHECK(icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY));
        CHECK(icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY));
        CHECK(icaltime_is_date(icalcomponent_get_dtstart(ev)));
        CHECK(icaltime_compare(icalcomponent_get_dtstart(ev),
                               icalcomponent_get_dtend(ev)) < 0);
    }
    icalcomponent_free(cal);
    free(s);

    /* Injection: CR/LF, ';', ',', '\' and BEGIN:VEVENT in the text stay
     * text in one DESCRIPTION. */
    s = ics_of(rs,
               "Date: 2021-03-30\n\nNorth Korea launched two cruise "
               "missiles two weeks ago; a note read \"x\r\nBEGIN:VEVENT\r\n"
               "UID:evil\r\nEND:VEVENT\" \\ yes, really.\n",
               &n);
    CHECK(n == 1);
    CHECK(strstr(s, "\r\nUID:evil") == NULL);
    CHECK(strstr(s, "\r\nBEGIN:VEVENT\r\nUID:evil") == NULL);
    cal = icalparser_parse_string(s);
    CHECK(cal != NULL);
    CHECK(count_vevents(cal) == 1);
    ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
    p = icalcomponent_get_first_property(ev, ICAL_DESCRIPTION_PROPERTY);
    CHECK(p != NULL);
    desc = p ? icalproperty_get_description(p) : "";
    CHECK(strstr(desc, "BEGIN:VEVENT") != NULL);
    CHECK(strstr(desc, "\\ yes, really") != NULL);
    CHECK(icalcomponent_count_properties(ev, ICAL_UID_PROPERTY) == 1);
    icalcomponent_free(cal);
    free(s);
    dtl_rules_free(rs);
    return CHECK_DONE();
}
