/* SPDX-License-Identifier: MIT */
/*
 * event.h - one entry of a timeline, as the library hands it out.
 *
 * A dtl_event is a read-only view: every pointer in it is borrowed from
 * the dtl_timeline it came from and stays valid until that timeline is
 * freed.
 */
#ifndef DTL_EVENT_H
#define DTL_EVENT_H

#include <stddef.h>

#include "text.h"
#include "timex.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum dtl_event_status {
    DTL_STATUS_OCCURRED,
    DTL_STATUS_PLANNED,
    DTL_STATUS_DENIED,
    DTL_STATUS_CANCELLED,
    DTL_STATUS_THREATENED,
    DTL_STATUS_HYPOTHETICAL
} dtl_event_status;

#define DTL_STATUS_COUNT 6

typedef enum dtl_role {
    DTL_ROLE_SOURCE,
    DTL_ROLE_TARGET,
    DTL_ROLE_PARTICIPANT
} dtl_role;

typedef struct dtl_actor {
    const char *name; /* canonical name ("North Korea") */
    const char *code; /* ISO 3166 alpha-3, organisation code, or "" */
    dtl_role role;
} dtl_actor;

typedef struct dtl_evidence {
    const char *text; /* the sentence that reports the event */
    size_t start;     /* code-point offsets into the document's input */
    size_t end;
    const char *rule; /* the rule that matched */
    size_t doc;       /* index of the document in the timeline */
} dtl_evidence;

/* When an event happened: an interval of days and how it was found. */
typedef struct dtl_when {
    char value[40];   /* TIMEX3-style value ("2021-03-29", "2021-W11") */
    dtl_day earliest; /* DTL_DAY_NONE: unbounded */
    dtl_day latest;
    dtl_granularity granularity;
    dtl_certainty certainty;
    dtl_anchor_kind anchor;
    const char *anchor_event; /* id of the event it is relative to */
    const char *anchor_text;  /* the time expression, or NULL */
} dtl_when;

/* What one document says of an event (merged timelines have several). */
typedef struct dtl_source {
    size_t doc;      /* index of the document in the timeline */
    const char *uid; /* the event's uid in that document's timeline */
    dtl_event_status status;
    dtl_when date;
} dtl_source;

typedef struct dtl_event {
    const char *id;   /* "e1", "e2"... in timeline order */
    const char *uid;  /* stable across runs: "<hex>@dtl" */
    const char *type; /* event type of the rule ("missile_launch") */
    const char *cameo;
    dtl_event_status status;
    const char *summary;
    dtl_when date;
    const dtl_actor *actors;
    size_t actor_count;
    const char *location;      /* NULL when none */
    const char *location_code; /* state of the location, or NULL */
    const char *weapon;        /* NULL when none */
    long count;                /* 0 when none */
    const dtl_evidence *evidence;
    size_t evidence_count;
    const dtl_source *sources; /* every document's claim */
    size_t source_count;
    int conflict;      /* sources disagree on the date */
    unsigned sequence; /* iCalendar SEQUENCE */
} dtl_event;

const char *dtl_event_status_name(dtl_event_status status);
const char *dtl_role_name(dtl_role role);

#ifdef __cplusplus
}
#endif
#endif
